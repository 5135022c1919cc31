/**
 * The SIMD instructions (0xFD prefix) on the baseline tier's value stack, but for memory
 * accesses, which the compiler core handles (it owns address computation and trap sites;
 * simd-memory.ts emits them). Like operators.ts for the scalar instructions: this file
 * takes the operands from the stack model into registers, calls the family's emitter
 * (simd-*.ts), and pushes the result.
 *
 * `simdClass[sub]` (sub: the sub-opcode after 0xFD) says which emitter handles an opcode and
 * with which shape of operands; `simdKind[sub]` the operation within the class and
 * `simdSize[sub]` its lane width in bytes (for extensions and extended multiplies, the
 * narrow lanes'). The `simple` class is one instruction, `op a, b`, whose right operand may
 * be read where it lives (a slot, a local, a pooled constant) instead of a register.
 *
 * Every v128 operand popped is a register the emitter may clobber; operands of other types
 * come in GPRs (i32, i64) or xmm registers (f32, f64).
 */
import { ValType } from '../../translate/types.js';
import type { OperatorReader } from '../../translate/operator-reader.js';
import { Round, Vec, mem, movzxRR, rbp, ripLabel, setcc, type LaneSize, type VecOp, type Xmm } from '../x64/index.js';
import { op3, op3m, type SimdContext } from './simd-context.js';
import { emitFloatCompare, emitIntCompare, type FloatRelOp, type IntRelOp } from './simd-compare.js';
import {
  emitConvertI32ToF32,
  emitConvertI32ToF64,
  emitFloatResize,
  emitTruncSatF32,
  emitTruncSatF64,
} from './simd-convert.js';
import { emitFloatMax, emitFloatMin, emitFloatRound, emitFloatSign, emitFloatSqrt } from './simd-float.js';
import {
  emitExtAddPairwise,
  emitExtMul,
  emitExtend,
  emitI64Mul,
  emitIntAbs,
  emitIntNeg,
  emitPopcnt,
  emitQ15MulrSat,
  type IntLanes,
} from './simd-int.js';
import {
  emitExtractFloat,
  emitExtractInt,
  emitReplaceFloat,
  emitReplaceInt,
  emitShuffle,
  emitSplatFloat,
  emitSplatInt,
  emitSwizzle,
} from './simd-lanes.js';
import { emitAllTrue, emitAnyTrue, emitBitmask, emitBitselect, emitNot } from './simd-logic.js';
import { emitShiftImm, emitShiftReg, type ShiftKindOp } from './simd-shift.js';
import { CONST, LOCAL, STACK, type ValueStack } from './value-stack.js';

export const SimdClass = {
  none: 0,
  /** Handled by the core: loads, stores, lane loads and stores. */
  memory: 1,
  constant: 2,
  /** vv>v, one instruction: `simdOp[sub]` with `simdImm[sub]`. */
  simple: 3,
  /** vv>v, one instruction with the operands swapped: op(b, a). */
  swapped: 4,
  intCompare: 5,
  floatCompare: 6,
  /** vv>v sequences: kind IntBinary. */
  intBinary: 7,
  /** v>v: kind IntUnary. */
  intUnary: 8,
  /** vv>v: min (0), max (1). */
  floatMinMax: 9,
  /** v>v: kind FloatUnary. */
  floatUnary: 10,
  /** v>v: kind Convert. */
  convert: 11,
  /** vi>v: kind ShiftKind. */
  shift: 12,
  /** i>v, l>v, f>v, d>v. */
  splat: 13,
  /** v>i, v>l, v>f, v>d: kind 1 signed. */
  extract: 14,
  /** vi>v, vl>v, vf>v, vd>v. */
  replace: 15,
  shuffle: 16,
  bitselect: 17,
  /** v>i as a condition: any_true (kind 0), all_true (1). */
  test: 18,
  bitmask: 19,
} as const;

export const IntBinary = { i64Mul: 0, q15mulr: 1, swizzle: 2, extmulLowS: 3, extmulHighS: 4, extmulLowU: 5, extmulHighU: 6 } as const;
export const IntUnary = {
  abs: 0,
  neg: 1,
  popcnt: 2,
  not: 3,
  extendLowS: 4,
  extendHighS: 5,
  extendLowU: 6,
  extendHighU: 7,
  extaddS: 8,
  extaddU: 9,
} as const;
export const FloatUnary = { abs: 0, neg: 1, sqrt: 2, ceil: 3, floor: 4, trunc: 5, nearest: 6 } as const;
export const Convert = {
  f32FromI32S: 0,
  f32FromI32U: 1,
  f64FromI32S: 2,
  f64FromI32U: 3,
  truncF32S: 4,
  truncF32U: 5,
  truncF64S: 6,
  truncF64U: 7,
  demote: 8,
  promote: 9,
} as const;

const SUBS = 256;
export const simdClass = new Uint8Array(SUBS);
export const simdKind = new Uint8Array(SUBS);
export const simdSize = new Uint8Array(SUBS);
const simdOp = new Int32Array(SUBS);
const simdImm = new Int16Array(SUBS).fill(-1);

function row(sub: number, cls: number, kind = 0, size = 0): void {
  simdClass[sub] = cls;
  simdKind[sub] = kind;
  simdSize[sub] = size;
}

function simple(sub: number, op: VecOp, imm = -1, cls: number = SimdClass.simple): void {
  row(sub, cls);
  simdOp[sub] = op;
  simdImm[sub] = imm;
}

{
  const C = SimdClass;
  for (let s = 0x00; s <= 0x0b; s++) row(s, C.memory);
  for (let s = 0x54; s <= 0x5d; s++) row(s, C.memory);
  row(0x0c, C.constant);
  row(0x0d, C.shuffle);
  row(0x0e, C.intBinary, IntBinary.swizzle);
  [1, 2, 4, 8, 4, 8].forEach((size, i) => row(0x0f + i, C.splat, i >= 4 ? 1 : 0, size));
  // extract_lane (kind 1: signed) and replace_lane.
  row(0x15, C.extract, 1, 1);
  row(0x16, C.extract, 0, 1);
  row(0x17, C.replace, 0, 1);
  row(0x18, C.extract, 1, 2);
  row(0x19, C.extract, 0, 2);
  row(0x1a, C.replace, 0, 2);
  row(0x1b, C.extract, 0, 4);
  row(0x1c, C.replace, 0, 4);
  row(0x1d, C.extract, 0, 8);
  row(0x1e, C.replace, 0, 8);
  row(0x1f, C.extract, 2, 4); // kind 2: float
  row(0x20, C.replace, 2, 4);
  row(0x21, C.extract, 2, 8);
  row(0x22, C.replace, 2, 8);
  for (const [base, size] of [[0x23, 1], [0x2d, 2], [0x37, 4]] as const) {
    for (let k = 0; k < 10; k++) row(base + k, C.intCompare, k, size);
  }
  for (const [base, size] of [[0x41, 4], [0x47, 8]] as const) {
    for (let k = 0; k < 6; k++) row(base + k, C.floatCompare, k, size);
  }
  row(0x4d, C.intUnary, IntUnary.not);
  simple(0x4e, Vec.pand);
  simple(0x4f, Vec.pandn, -1, C.swapped); // a & ~b = pandn(b, a)
  simple(0x50, Vec.por);
  simple(0x51, Vec.pxor);
  row(0x52, C.bitselect);
  row(0x53, C.test, 0);
  row(0x5e, C.convert, Convert.demote);
  row(0x5f, C.convert, Convert.promote);
  // i8x16
  row(0x60, C.intUnary, IntUnary.abs, 1);
  row(0x61, C.intUnary, IntUnary.neg, 1);
  row(0x62, C.intUnary, IntUnary.popcnt, 1);
  row(0x63, C.test, 1, 1);
  row(0x64, C.bitmask, 0, 1);
  simple(0x65, Vec.packsswb);
  simple(0x66, Vec.packuswb);
  for (let k = 0; k < 3; k++) row(0x6b + k, C.shift, k, 1);
  simple(0x6e, Vec.paddb);
  simple(0x6f, Vec.paddsb);
  simple(0x70, Vec.paddusb);
  simple(0x71, Vec.psubb);
  simple(0x72, Vec.psubsb);
  simple(0x73, Vec.psubusb);
  simple(0x76, Vec.pminsb);
  simple(0x77, Vec.pminub);
  simple(0x78, Vec.pmaxsb);
  simple(0x79, Vec.pmaxub);
  simple(0x7b, Vec.pavgb);
  row(0x7c, C.intUnary, IntUnary.extaddS, 1);
  row(0x7d, C.intUnary, IntUnary.extaddU, 1);
  row(0x7e, C.intUnary, IntUnary.extaddS, 2);
  row(0x7f, C.intUnary, IntUnary.extaddU, 2);
  // i16x8
  row(0x80, C.intUnary, IntUnary.abs, 2);
  row(0x81, C.intUnary, IntUnary.neg, 2);
  row(0x82, C.intBinary, IntBinary.q15mulr);
  row(0x83, C.test, 1, 2);
  row(0x84, C.bitmask, 0, 2);
  simple(0x85, Vec.packssdw);
  simple(0x86, Vec.packusdw);
  for (const [base, size] of [[0x87, 1], [0xa7, 2], [0xc7, 4]] as const) {
    for (let k = 0; k < 4; k++) row(base + k, C.intUnary, IntUnary.extendLowS + k, size);
  }
  for (let k = 0; k < 3; k++) row(0x8b + k, C.shift, k, 2);
  simple(0x8e, Vec.paddw);
  simple(0x8f, Vec.paddsw);
  simple(0x90, Vec.paddusw);
  simple(0x91, Vec.psubw);
  simple(0x92, Vec.psubsw);
  simple(0x93, Vec.psubusw);
  simple(0x95, Vec.pmullw);
  simple(0x96, Vec.pminsw);
  simple(0x97, Vec.pminuw);
  simple(0x98, Vec.pmaxsw);
  simple(0x99, Vec.pmaxuw);
  simple(0x9b, Vec.pavgw);
  for (const [base, size] of [[0x9c, 1], [0xbc, 2], [0xdc, 4]] as const) {
    for (let k = 0; k < 4; k++) row(base + k, C.intBinary, IntBinary.extmulLowS + k, size);
  }
  // i32x4
  row(0xa0, C.intUnary, IntUnary.abs, 4);
  row(0xa1, C.intUnary, IntUnary.neg, 4);
  row(0xa3, C.test, 1, 4);
  row(0xa4, C.bitmask, 0, 4);
  for (let k = 0; k < 3; k++) row(0xab + k, C.shift, k, 4);
  simple(0xae, Vec.paddd);
  simple(0xb1, Vec.psubd);
  simple(0xb5, Vec.pmulld);
  simple(0xb6, Vec.pminsd);
  simple(0xb7, Vec.pminud);
  simple(0xb8, Vec.pmaxsd);
  simple(0xb9, Vec.pmaxud);
  simple(0xba, Vec.pmaddwd); // dot: the pairs' products added
  // i64x2
  row(0xc0, C.intUnary, IntUnary.abs, 8);
  row(0xc1, C.intUnary, IntUnary.neg, 8);
  row(0xc3, C.test, 1, 8);
  row(0xc4, C.bitmask, 0, 8);
  for (let k = 0; k < 3; k++) row(0xcb + k, C.shift, k, 8);
  simple(0xce, Vec.paddq);
  simple(0xd1, Vec.psubq);
  row(0xd5, C.intBinary, IntBinary.i64Mul);
  // eq ne lt_s gt_s le_s ge_s, as IntRel kinds
  [0, 1, 2, 4, 6, 8].forEach((k, i) => row(0xd6 + i, C.intCompare, k, 8));
  // f32x4, f64x2
  for (const [base, size] of [[0xe0, 4], [0xec, 8]] as const) {
    row(base, C.floatUnary, FloatUnary.abs, size);
    row(base + 1, C.floatUnary, FloatUnary.neg, size);
    row(base + 3, C.floatUnary, FloatUnary.sqrt, size);
    const f64 = size === 8;
    simple(base + 4, f64 ? Vec.addpd : Vec.addps);
    simple(base + 5, f64 ? Vec.subpd : Vec.subps);
    simple(base + 6, f64 ? Vec.mulpd : Vec.mulps);
    simple(base + 7, f64 ? Vec.divpd : Vec.divps);
    row(base + 8, C.floatMinMax, 0, size);
    row(base + 9, C.floatMinMax, 1, size);
    // pmin(a, b) = b < a ? b : a, which is minps(b, a); pmax likewise with maxps.
    simple(base + 10, f64 ? Vec.minpd : Vec.minps, -1, C.swapped);
    simple(base + 11, f64 ? Vec.maxpd : Vec.maxps, -1, C.swapped);
  }
  [0x67, 0x68, 0x69, 0x6a].forEach((s, k) => row(s, C.floatUnary, FloatUnary.ceil + k, 4));
  [0x74, 0x75, 0x7a, 0x94].forEach((s, k) => row(s, C.floatUnary, FloatUnary.ceil + k, 8));
  row(0xf8, C.convert, Convert.truncF32S);
  row(0xf9, C.convert, Convert.truncF32U);
  row(0xfa, C.convert, Convert.f32FromI32S);
  row(0xfb, C.convert, Convert.f32FromI32U);
  row(0xfc, C.convert, Convert.truncF64S);
  row(0xfd, C.convert, Convert.truncF64U);
  row(0xfe, C.convert, Convert.f64FromI32S);
  row(0xff, C.convert, Convert.f64FromI32U);
}

const ROUND_MODES = [Round.up, Round.down, Round.zero, Round.nearest] as const;

/**
 * Emits SIMD instruction `sub` (not a memory access). `fuse`: the next instruction is `if`
 * or `br_if`, so any_true/all_true may leave their result in the flags.
 */
export function emitSimd(ctx: SimdContext, vs: ValueStack, sub: number, r: OperatorReader, fuse: boolean): void {
  const C = SimdClass;
  const kind = simdKind[sub]!;
  const size = simdSize[sub]! as IntLanes;
  switch (simdClass[sub]) {
    case C.constant: {
      const at = r.v128Start;
      vs.pushConst128(word(r.bytes, at), word(r.bytes, at + 4), word(r.bytes, at + 8), word(r.bytes, at + 12));
      return;
    }
    case C.simple: {
      const op = simdOp[sub]! as VecOp;
      const imm = simdImm[sub]!;
      const top = vs.sp - 1;
      const k = vs.kind[top];
      if (k === CONST || k === STACK || (k === LOCAL && vs.localCache[vs.lo[top]!] === -1)) {
        // The right operand where it lives: a pooled constant, its slot or its local.
        const addr = k === CONST ? ripLabel(ctx.constant128(vs.lo[top]!, vs.hi[top]!, vs.w2[top]!, vs.w3[top]!)) : mem(rbp);
        const disp = k === CONST ? 0 : k === LOCAL ? vs.localDisp(vs.lo[top]!) : vs.slotDisp(top);
        const a = vs.toXmm(top - 1);
        op3m(ctx, op, a, a, addr, disp, imm);
        vs.drop();
        return;
      }
      const b = vs.popXmm();
      const a = vs.popXmm();
      op3(ctx, op, a, a, b, imm);
      vs.pushReg(ValType.V128, a);
      return;
    }
    case C.swapped: {
      const b = vs.popXmm();
      const a = vs.popXmm();
      op3(ctx, simdOp[sub]! as VecOp, b, b, a, simdImm[sub]!);
      vs.pushReg(ValType.V128, b);
      return;
    }
    case C.intCompare:
    case C.floatCompare:
    case C.intBinary:
    case C.floatMinMax:
    case C.shuffle: {
      const b = vs.popXmm();
      const a = vs.popXmm();
      vs.pushReg(ValType.V128, binary(ctx, sub, a, b, r));
      return;
    }
    case C.intUnary:
    case C.floatUnary:
    case C.convert: {
      const a = vs.popXmm();
      vs.pushReg(ValType.V128, unary(ctx, sub, a));
      return;
    }
    case C.bitselect: {
      const c = vs.popXmm();
      const v2 = vs.popXmm();
      const v1 = vs.popXmm();
      vs.pushReg(ValType.V128, emitBitselect(ctx, v1, v2, c));
      return;
    }
    case C.shift: {
      const top = vs.sp - 1;
      if (vs.kind[top] === CONST) {
        const count = vs.lo[top]!;
        vs.drop();
        const a = vs.popXmm();
        vs.pushReg(ValType.V128, emitShiftImm(ctx, kind as ShiftKindOp, size, a, count));
        return;
      }
      const count = vs.popGpr();
      const a = vs.popXmm();
      vs.pushReg(ValType.V128, emitShiftReg(ctx, kind as ShiftKindOp, size, a, count));
      return;
    }
    case C.splat:
      if (kind === 1) vs.pushReg(ValType.V128, emitSplatFloat(ctx, size === 8, vs.popXmm()));
      else vs.pushReg(ValType.V128, emitSplatInt(ctx, size as LaneSize, vs.popGpr()));
      return;
    case C.extract: {
      const v = vs.popXmm();
      if (kind === 2) vs.pushReg(size === 8 ? ValType.F64 : ValType.F32, emitExtractFloat(ctx, size === 8, v, r.lane));
      else vs.pushReg(size === 8 ? ValType.I64 : ValType.I32, emitExtractInt(ctx, size as LaneSize, kind === 1, v, r.lane));
      return;
    }
    case C.replace: {
      if (kind === 2) {
        const x = vs.popXmm();
        const v = vs.popXmm();
        vs.pushReg(ValType.V128, emitReplaceFloat(ctx, size === 8, v, x, r.lane));
      } else {
        const x = vs.popGpr();
        const v = vs.popXmm();
        vs.pushReg(ValType.V128, emitReplaceInt(ctx, size as LaneSize, v, x, r.lane));
      }
      return;
    }
    case C.test: {
      const a = vs.popXmm();
      const cond = kind === 0 ? emitAnyTrue(ctx, a) : emitAllTrue(ctx, size, a);
      if (fuse) {
        vs.pushCond(cond);
        return;
      }
      const dst = ctx.tempGpr();
      setcc(ctx.b, cond, dst);
      movzxRR(ctx.b, 32, 8, dst, dst);
      vs.pushReg(ValType.I32, dst);
      return;
    }
    case C.bitmask:
      vs.pushReg(ValType.I32, emitBitmask(ctx, size, vs.popXmm()));
      return;
  }
  throw new Error(`baseline: no emitter for SIMD opcode 0xfd ${sub}`);
}

/** The little-endian word at bytes[at..at+4). */
function word(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24);
}

/** vv>v sequences; returns the result's register. */
function binary(ctx: SimdContext, sub: number, a: Xmm, b: Xmm, r: OperatorReader): Xmm {
  const C = SimdClass;
  const kind = simdKind[sub]!;
  const size = simdSize[sub]!;
  switch (simdClass[sub]) {
    case C.intCompare:
      return emitIntCompare(ctx, kind as IntRelOp, size as IntLanes, a, b);
    case C.floatCompare:
      return emitFloatCompare(ctx, kind as FloatRelOp, size === 8, a, b);
    case C.floatMinMax:
      return kind === 0 ? emitFloatMin(ctx, size === 8, a, b) : emitFloatMax(ctx, size === 8, a, b);
    case C.shuffle:
      return emitShuffle(ctx, a, b, r.bytes, r.v128Start);
  }
  switch (kind) {
    case IntBinary.i64Mul:
      return emitI64Mul(ctx, a, b);
    case IntBinary.q15mulr:
      return emitQ15MulrSat(ctx, a, b);
    case IntBinary.swizzle:
      return emitSwizzle(ctx, a, b);
  }
  const k = kind - IntBinary.extmulLowS;
  return emitExtMul(ctx, size as 1 | 2 | 4, (k & 2) === 0, (k & 1) === 1, a, b);
}

/** v>v sequences; returns the result's register. */
function unary(ctx: SimdContext, sub: number, a: Xmm): Xmm {
  const C = SimdClass;
  const kind = simdKind[sub]!;
  const size = simdSize[sub]!;
  if (simdClass[sub] === C.floatUnary) {
    const f64 = size === 8;
    switch (kind) {
      case FloatUnary.abs:
        return emitFloatSign(ctx, f64, false, a);
      case FloatUnary.neg:
        return emitFloatSign(ctx, f64, true, a);
      case FloatUnary.sqrt:
        return emitFloatSqrt(ctx, f64, a);
    }
    return emitFloatRound(ctx, f64, ROUND_MODES[kind - FloatUnary.ceil]!, a);
  }
  if (simdClass[sub] === C.convert) {
    switch (kind) {
      case Convert.f32FromI32S:
      case Convert.f32FromI32U:
        return emitConvertI32ToF32(ctx, kind === Convert.f32FromI32S, a);
      case Convert.f64FromI32S:
      case Convert.f64FromI32U:
        return emitConvertI32ToF64(ctx, kind === Convert.f64FromI32S, a);
      case Convert.truncF32S:
      case Convert.truncF32U:
        return emitTruncSatF32(ctx, kind === Convert.truncF32S, a);
      case Convert.truncF64S:
      case Convert.truncF64U:
        return emitTruncSatF64(ctx, kind === Convert.truncF64S, a);
    }
    return emitFloatResize(ctx, kind === Convert.promote, a);
  }
  switch (kind) {
    case IntUnary.abs:
      return emitIntAbs(ctx, size as IntLanes, a);
    case IntUnary.neg:
      return emitIntNeg(ctx, size as IntLanes, a);
    case IntUnary.popcnt:
      return emitPopcnt(ctx, a);
    case IntUnary.not:
      return emitNot(ctx, a);
    case IntUnary.extaddS:
    case IntUnary.extaddU:
      return emitExtAddPairwise(ctx, size as 1 | 2, kind === IntUnary.extaddS, a);
  }
  const k = kind - IntUnary.extendLowS;
  return emitExtend(ctx, size as 1 | 2 | 4, (k & 2) === 0, (k & 1) === 1, a);
}
