/**
 * Bitwise operations that are not one instruction (not, bitselect) and the reductions of a
 * vector to an i32: any_true, all_true (as a condition in the flags, which the core turns
 * into 0/1 or branches on) and bitmask.
 */
import { Cond, Mask, Vec, maskRX, movzxRR, xmm15, type Gpr, type Xmm } from '../x64/index.js';
import { ones, op2, op3, zero, type SimdContext } from './simd-context.js';
import type { IntLanes } from './simd-int.js';

/** ~a; returns a. */
export function emitNot(ctx: SimdContext, a: Xmm): Xmm {
  ones(ctx, xmm15);
  op3(ctx, Vec.pxor, a, a, xmm15);
  return a;
}

/** v128.bitselect: bits of v1 where c is 1, of v2 where it is 0, as v2 ^ ((v1 ^ v2) & c); returns v1. */
export function emitBitselect(ctx: SimdContext, v1: Xmm, v2: Xmm, c: Xmm): Xmm {
  op3(ctx, Vec.pxor, v1, v1, v2);
  op3(ctx, Vec.pand, v1, v1, c);
  op3(ctx, Vec.pxor, v1, v1, v2);
  return v1;
}

/** v128.any_true: ptest sets ZF when no bit is set. Returns the condition that means true. */
export function emitAnyTrue(ctx: SimdContext, a: Xmm): Cond {
  op2(ctx, Vec.ptest, a, a);
  return Cond.ne;
}

const PCMPEQ = { 1: Vec.pcmpeqb, 2: Vec.pcmpeqw, 4: Vec.pcmpeqd, 8: Vec.pcmpeqq } as const;

/** all_true: no lane is zero, i.e. the mask of lanes equal to zero is empty. Returns the condition. */
export function emitAllTrue(ctx: SimdContext, size: IntLanes, a: Xmm): Cond {
  zero(ctx, xmm15);
  op3(ctx, PCMPEQ[size], xmm15, xmm15, a);
  op2(ctx, Vec.ptest, xmm15, xmm15);
  return Cond.e;
}

/** bitmask: the sign bit of each lane, lane 0 in bit 0. */
export function emitBitmask(ctx: SimdContext, size: IntLanes, a: Xmm): Gpr {
  const b = ctx.b;
  const dst = ctx.tempGpr();
  switch (size) {
    case 1:
      maskRX(b, ctx.avx, Mask.pmovmskb, dst, a);
      break;
    case 2:
      // Words to bytes with signed saturation keeps each sign; the low 8 bits are the words'.
      op3(ctx, Vec.packsswb, a, a, a);
      maskRX(b, ctx.avx, Mask.pmovmskb, dst, a);
      movzxRR(b, 32, 8, dst, dst);
      break;
    case 4:
      maskRX(b, ctx.avx, Mask.movmskps, dst, a);
      break;
    case 8:
      maskRX(b, ctx.avx, Mask.movmskpd, dst, a);
      break;
  }
  return dst;
}
