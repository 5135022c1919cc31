/**
 * Conversions between lane types: int to float, float to int (saturating), f64 <-> f32.
 * (Narrowing is one pack instruction and extension lives with the integer operations.)
 *
 * x86 converts signed dwords both ways, truncating float to int with 0x80000000 ("integer
 * indefinite") for NaN and out-of-range lanes. Unsigned inputs, and wasm's saturation (NaN
 * to 0, out of range to the nearest bound), need the sequences below; each says why.
 */
import { Round, Vec, VecPredicate, xmm15, type Xmm } from '../x64/index.js';
import { ShiftImm, loadConst, op2, op3, op3c, shift3, zero, type SimdContext } from './simd-context.js';

/** 2^31 as f32 in every lane. */
const F32_2P31 = 0x4f000000;

/** f32x4.convert_i32x4_s / _u; returns a. */
export function emitConvertI32ToF32(ctx: SimdContext, signed: boolean, a: Xmm): Xmm {
  if (signed) {
    op2(ctx, Vec.cvtdq2ps, a, a);
    return a;
  }
  // Unsigned: the low 16 bits and the rest convert exactly on their own (the rest halved,
  // to stay positive as a signed dword, then doubled); their sum rounds once. Seven
  // instructions.
  const t = ctx.tempXmm();
  op3c(ctx, Vec.pblendw, t, a, 0, 0, 0, 0, 0xaa); // low 16 bits of each lane
  op3(ctx, Vec.psubd, a, a, t); // the rest
  op2(ctx, Vec.cvtdq2ps, t, t);
  shift3(ctx, ShiftImm.psrld, a, a, 1);
  op2(ctx, Vec.cvtdq2ps, a, a);
  op3(ctx, Vec.addps, a, a, a);
  op3(ctx, Vec.addps, a, a, t);
  return a;
}

/**
 * f64x2.convert_low_i32x4_s / _u; returns a. Unsigned: each dword becomes the low half of
 * the double 2^52 + u (high half 0x43300000), exact, and 2^52 is subtracted.
 */
export function emitConvertI32ToF64(ctx: SimdContext, signed: boolean, a: Xmm): Xmm {
  if (signed) {
    op2(ctx, Vec.cvtdq2pd, a, a);
    return a;
  }
  const hi = 0x43300000;
  op3c(ctx, Vec.unpcklps, a, a, hi, hi, hi, hi);
  op3c(ctx, Vec.subpd, a, a, 0, hi, 0, hi);
  return a;
}

/** f32x4.demote_f64x2_zero and f64x2.promote_low_f32x4; returns a. */
export function emitFloatResize(ctx: SimdContext, toF64: boolean, a: Xmm): Xmm {
  op2(ctx, toF64 ? Vec.cvtps2pd : Vec.cvtpd2ps, a, a);
  return a;
}

/** i32x4.trunc_sat_f32x4_s / _u; returns the register holding the result. */
export function emitTruncSatF32(ctx: SimdContext, signed: boolean, a: Xmm): Xmm {
  if (signed) {
    // NaN lanes to 0 first; then cvttps2dq is right but for lanes >= 2^31, which come out
    // 0x80000000 and are flipped to 0x7fffffff. Six instructions.
    op3(ctx, Vec.cmpps, xmm15, a, a, VecPredicate.eq);
    op3(ctx, Vec.andps, a, a, xmm15);
    loadConst(ctx, xmm15, F32_2P31, F32_2P31, F32_2P31, F32_2P31);
    op3(ctx, Vec.cmpps, xmm15, xmm15, a, VecPredicate.le);
    op2(ctx, Vec.cvttps2dq, a, a);
    op3(ctx, Vec.pxor, a, a, xmm15);
    return a;
  }
  // Unsigned. NaN and negative lanes to 0 (maxps with 0 returns the 0 for a NaN). Lanes
  // below 2^31 convert as signed; above, the result is 2^31 plus the conversion of
  // a - 2^31, which is exact there. Ten instructions:
  //   t = cvtt(a - 2^31), saturated: 0x7fffffff where a >= 2^32, 0 where a < 2^31
  //   a = cvtt(a), which is 0x80000000 from 2^31 on, plus t
  const t = ctx.tempXmm();
  const m = ctx.tempXmm();
  zero(ctx, xmm15);
  op3(ctx, Vec.maxps, a, a, xmm15);
  op3c(ctx, Vec.subps, t, a, F32_2P31, F32_2P31, F32_2P31, F32_2P31);
  loadConst(ctx, m, F32_2P31, F32_2P31, F32_2P31, F32_2P31);
  op3(ctx, Vec.cmpps, m, m, t, VecPredicate.le); // a >= 2^32
  op2(ctx, Vec.cvttps2dq, t, t);
  op3(ctx, Vec.pxor, t, t, m);
  op3(ctx, Vec.pmaxsd, t, t, xmm15);
  op2(ctx, Vec.cvttps2dq, a, a);
  op3(ctx, Vec.paddd, a, a, t);
  return a;
}

/** 2147483647.0 and 4294967295.0 as doubles: the low word, then the high one. */
const F64_I32_MAX = [0xffc00000, 0x41dfffff] as const;
const F64_U32_MAX = [0xffe00000, 0x41efffff] as const;

/** i32x4.trunc_sat_f64x2_s_zero / _u_zero; returns a (the upper two lanes zero). */
export function emitTruncSatF64(ctx: SimdContext, signed: boolean, a: Xmm): Xmm {
  if (signed) {
    // NaN to 0, clamp above (exact in f64), and cvttpd2dq's 0x80000000 is already the
    // saturated value below. Four instructions.
    op3(ctx, Vec.cmppd, xmm15, a, a, VecPredicate.eq);
    op3(ctx, Vec.andps, a, a, xmm15);
    op3c(ctx, Vec.minpd, a, a, F64_I32_MAX[0], F64_I32_MAX[1], F64_I32_MAX[0], F64_I32_MAX[1]);
    op2(ctx, Vec.cvttpd2dq, a, a);
    return a;
  }
  // Clamp to [0, 2^32 - 1] (NaN to 0), truncate, and add 2^52: the integer is then the low
  // dword of each double, which shufps gathers, with two zero dwords above. Five
  // instructions.
  zero(ctx, xmm15);
  op3(ctx, Vec.maxpd, a, a, xmm15);
  op3c(ctx, Vec.minpd, a, a, F64_U32_MAX[0], F64_U32_MAX[1], F64_U32_MAX[0], F64_U32_MAX[1]);
  op2(ctx, Vec.roundpd, a, a, Round.zero);
  op3c(ctx, Vec.addpd, a, a, 0, 0x43300000, 0, 0x43300000);
  op3(ctx, Vec.shufps, a, a, xmm15, 0x88);
  return a;
}
