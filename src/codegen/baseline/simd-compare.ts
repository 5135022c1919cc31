/**
 * Lane-wise comparisons: all ones where the relation holds, zero elsewhere.
 *
 * x86 compares integers only for equality and signed greater-than (pcmpeq, pcmpgt). The
 * rest is derived: lt by swapping the operands; le/ge as a == min(a, b) / a == max(a, b)
 * (pmin/pmax exist in both signednesses for 8, 16 and 32 bits), which needs no constant;
 * unsigned lt/gt by flipping the sign bits of both operands, which turns the unsigned
 * order into the signed one; ne and the i64 le/ge as the negation of the opposite test.
 * Floats: cmpps/cmppd have eq, ne (true for NaN, as wasm's ne), lt and le; gt and ge swap
 * the operands.
 */
import { Vec, VecPredicate, xmm15, type VecOp, type Xmm } from '../x64/index.js';
import { ones, op3, op3c, type SimdContext } from './simd-context.js';
import type { IntLanes } from './simd-int.js';

/** The relations, in the order of the opcodes of each integer shape. */
export const IntRel = { eq: 0, ne: 1, lt_s: 2, lt_u: 3, gt_s: 4, gt_u: 5, le_s: 6, le_u: 7, ge_s: 8, ge_u: 9 } as const;
export type IntRelOp = (typeof IntRel)[keyof typeof IntRel];

/** Float relations in opcode order. */
export const FloatRel = { eq: 0, ne: 1, lt: 2, gt: 3, le: 4, ge: 5 } as const;
export type FloatRelOp = (typeof FloatRel)[keyof typeof FloatRel];

const PCMPEQ = { 1: Vec.pcmpeqb, 2: Vec.pcmpeqw, 4: Vec.pcmpeqd, 8: Vec.pcmpeqq } as const;
const PCMPGT = { 1: Vec.pcmpgtb, 2: Vec.pcmpgtw, 4: Vec.pcmpgtd, 8: Vec.pcmpgtq } as const;
const PMINS = { 1: Vec.pminsb, 2: Vec.pminsw, 4: Vec.pminsd } as const;
const PMAXS = { 1: Vec.pmaxsb, 2: Vec.pmaxsw, 4: Vec.pmaxsd } as const;
const PMINU = { 1: Vec.pminub, 2: Vec.pminuw, 4: Vec.pminud } as const;
const PMAXU = { 1: Vec.pmaxub, 2: Vec.pmaxuw, 4: Vec.pmaxud } as const;

/** The sign bit of every lane of a width. */
function signBits(size: IntLanes): number {
  return size === 1 ? 0x80808080 : size === 2 ? 0x80008000 : 0x80000000;
}

/** a <rel> b on integer lanes; returns the register holding the mask. */
export function emitIntCompare(ctx: SimdContext, rel: IntRelOp, size: IntLanes, a: Xmm, b: Xmm): Xmm {
  const eq = PCMPEQ[size];
  const gt = PCMPGT[size];
  switch (rel) {
    case IntRel.eq:
      op3(ctx, eq, a, a, b);
      return a;
    case IntRel.ne:
      op3(ctx, eq, a, a, b);
      return not(ctx, a);
    case IntRel.gt_s:
      op3(ctx, gt, a, a, b);
      return a;
    case IntRel.lt_s:
      op3(ctx, gt, b, b, a);
      return b;
    case IntRel.gt_u:
    case IntRel.lt_u: {
      // (i64x2 has no unsigned relations.)
      const s = signBits(size);
      op3c(ctx, Vec.pxor, a, a, s, s, s, s);
      op3c(ctx, Vec.pxor, b, b, s, s, s, s);
      if (rel === IntRel.gt_u) {
        op3(ctx, gt, a, a, b);
        return a;
      }
      op3(ctx, gt, b, b, a);
      return b;
    }
  }
  if (size === 8) {
    // i64x2 has only the signed relations: le = not (a > b), ge = not (b > a).
    if (rel === IntRel.le_s) {
      op3(ctx, gt, a, a, b);
      return not(ctx, a);
    }
    op3(ctx, gt, b, b, a);
    return not(ctx, b);
  }
  const pick: VecOp =
    rel === IntRel.le_s ? PMINS[size] : rel === IntRel.le_u ? PMINU[size] : rel === IntRel.ge_s ? PMAXS[size] : PMAXU[size];
  // b = min(a, b) (or max): a <= b exactly when a equals it.
  op3(ctx, pick, b, b, a);
  op3(ctx, eq, a, a, b);
  return a;
}

/** ~a; returns a. */
function not(ctx: SimdContext, a: Xmm): Xmm {
  ones(ctx, xmm15);
  op3(ctx, Vec.pxor, a, a, xmm15);
  return a;
}

/** a <rel> b on f32 or f64 lanes; returns the register holding the mask. */
export function emitFloatCompare(ctx: SimdContext, rel: FloatRelOp, f64: boolean, a: Xmm, b: Xmm): Xmm {
  const cmp = f64 ? Vec.cmppd : Vec.cmpps;
  switch (rel) {
    case FloatRel.eq:
      op3(ctx, cmp, a, a, b, VecPredicate.eq);
      return a;
    case FloatRel.ne:
      op3(ctx, cmp, a, a, b, VecPredicate.neq);
      return a;
    case FloatRel.lt:
      op3(ctx, cmp, a, a, b, VecPredicate.lt);
      return a;
    case FloatRel.le:
      op3(ctx, cmp, a, a, b, VecPredicate.le);
      return a;
    case FloatRel.gt:
      op3(ctx, cmp, b, b, a, VecPredicate.lt);
      return b;
    case FloatRel.ge:
      op3(ctx, cmp, b, b, a, VecPredicate.le);
      return b;
  }
  throw new Error(`baseline: float relation ${rel}`);
}
