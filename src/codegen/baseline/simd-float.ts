/**
 * Float lane operations beyond the one-instruction ones (add, sub, mul, div, and pmin/pmax,
 * which are exactly minps/maxps with the operands swapped): min, max, abs, neg, sqrt and
 * the roundings.
 *
 * wasm's min and max propagate NaN (the result is a NaN, canonical when the inputs' NaNs
 * are) and order -0 below +0. minps/maxps return their second operand whenever either is
 * NaN or both are zero, so each is computed in both operand orders: where the two results
 * agree, that is the answer; where they differ (a NaN, or zeros of both signs) the results
 * are combined bitwise so that the NaN or the right zero wins, and NaN lanes are then made
 * canonical by clearing the payload below the quiet bit. Seven or eight instructions.
 */
import { Round, Vec, VecPredicate, type Xmm } from '../x64/index.js';
import { absMask, signMask } from './numeric-context.js';
import { ShiftImm, op2, op3, op3m, shift3, type SimdContext } from './simd-context.js';
import { ripLabel } from '../x64/index.js';

/** Bits of the payload below the quiet bit: 22 for f32, 51 for f64 (a shift of all ones). */
const payloadShift = (f64: boolean) => (f64 ? 13 : 10);

/** min(a, b) lane-wise, wasm's semantics; returns the register holding it. */
export function emitFloatMin(ctx: SimdContext, f64: boolean, a: Xmm, b: Xmm): Xmm {
  const min = f64 ? Vec.minpd : Vec.minps;
  const cmp = f64 ? Vec.cmppd : Vec.cmpps;
  const t = ctx.tempXmm();
  op3(ctx, min, t, a, b); // b where either is NaN or both zero
  op3(ctx, min, b, b, a); // a there
  // Where they differ, or gives -0 for zeros of both signs and keeps a NaN a NaN.
  op3(ctx, Vec.orps, t, t, b);
  op3(ctx, cmp, b, b, t, VecPredicate.unord); // NaN lanes
  op3(ctx, Vec.orps, t, t, b); // NaN lanes all ones
  shift3(ctx, f64 ? ShiftImm.psrlq : ShiftImm.psrld, b, b, payloadShift(f64));
  op3(ctx, Vec.andnps, b, b, t); // the payload cleared: a canonical NaN
  return b;
}

/** max(a, b) lane-wise, wasm's semantics; returns the register holding it. */
export function emitFloatMax(ctx: SimdContext, f64: boolean, a: Xmm, b: Xmm): Xmm {
  const max = f64 ? Vec.maxpd : Vec.maxps;
  const cmp = f64 ? Vec.cmppd : Vec.cmpps;
  const sub = f64 ? Vec.subpd : Vec.subps;
  const t = ctx.tempXmm();
  op3(ctx, max, t, a, b);
  op3(ctx, max, b, b, a);
  op3(ctx, Vec.xorps, b, b, t); // d: zero where they agree
  // t | d is t | b: a NaN stays a NaN, zeros of both signs give -0; subtracting d then
  // turns -0 into +0 (-0 - -0), quiets a NaN, and leaves agreeing lanes (d = 0) alone.
  op3(ctx, Vec.orps, t, t, b);
  op3(ctx, sub, t, t, b);
  op3(ctx, cmp, b, b, t, VecPredicate.unord);
  shift3(ctx, f64 ? ShiftImm.psrlq : ShiftImm.psrld, b, b, payloadShift(f64));
  op3(ctx, Vec.andnps, b, b, t);
  return b;
}

/** abs (clear the sign bits) or neg (flip them), in place. */
export function emitFloatSign(ctx: SimdContext, f64: boolean, neg: boolean, a: Xmm): Xmm {
  const w = f64 ? 64 : 32;
  op3m(ctx, neg ? Vec.xorps : Vec.andps, a, a, ripLabel(neg ? signMask(ctx, w) : absMask(ctx, w)), 0);
  return a;
}

export function emitFloatSqrt(ctx: SimdContext, f64: boolean, a: Xmm): Xmm {
  op2(ctx, f64 ? Vec.sqrtpd : Vec.sqrtps, a, a);
  return a;
}

/** ceil, floor, trunc, nearest (ties to even), in place; NaNs come out quiet. */
export function emitFloatRound(ctx: SimdContext, f64: boolean, mode: (typeof Round)[keyof typeof Round], a: Xmm): Xmm {
  op2(ctx, f64 ? Vec.roundpd : Vec.roundps, a, a, mode);
  return a;
}
