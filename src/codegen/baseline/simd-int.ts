/**
 * Integer lane arithmetic beyond the one-instruction operations (simd.ts maps those to a
 * single Vec form): negation, abs of i64, i64x2.mul, popcnt, q15mulr_sat_s, extmul and
 * extadd_pairwise.
 */
import { Vec, xmm15, type Xmm } from '../x64/index.js';
import { ShiftImm, bytes16, loadConst, op2, op3, op3c, shift3, words8, zero, type SimdContext } from './simd-context.js';

/** Lane width in bytes of the integer shapes. */
export type IntLanes = 1 | 2 | 4 | 8;

const PSUB = { 1: Vec.psubb, 2: Vec.psubw, 4: Vec.psubd, 8: Vec.psubq } as const;

/** 0 - a, lane-wise; returns the register holding it. */
export function emitIntNeg(ctx: SimdContext, size: IntLanes, a: Xmm): Xmm {
  const t = ctx.tempXmm();
  zero(ctx, t);
  op3(ctx, PSUB[size], t, t, a);
  return t;
}

/** |a|, lane-wise (the minimum stays itself); returns a. */
export function emitIntAbs(ctx: SimdContext, size: IntLanes, a: Xmm): Xmm {
  if (size !== 8) {
    op2(ctx, size === 1 ? Vec.pabsb : size === 2 ? Vec.pabsw : Vec.pabsd, a, a);
    return a;
  }
  // No pabsq before AVX-512: with m the sign of each lane spread over it (the high dword's
  // sign, copied to both halves), |a| = (a ^ m) - m.
  op2(ctx, Vec.pshufd, xmm15, a, 0xf5);
  shift3(ctx, ShiftImm.psrad, xmm15, xmm15, 31);
  op3(ctx, Vec.pxor, a, a, xmm15);
  op3(ctx, Vec.psubq, a, a, xmm15);
  return a;
}

/**
 * i64x2.mul: there is no 64-bit lane multiply before AVX-512, so it is built from pmuludq
 * (32 x 32 -> 64 on the low dword of each lane): with a = ah:al and b = bh:bl, the low 64
 * bits of a * b are al*bl + ((ah*bl + al*bh) << 32). Eight instructions. Returns a.
 */
export function emitI64Mul(ctx: SimdContext, a: Xmm, b: Xmm): Xmm {
  const t = ctx.tempXmm();
  shift3(ctx, ShiftImm.psrlq, t, a, 32);
  op3(ctx, Vec.pmuludq, t, t, b); // ah * bl
  shift3(ctx, ShiftImm.psrlq, xmm15, b, 32);
  op3(ctx, Vec.pmuludq, xmm15, xmm15, a); // bh * al
  op3(ctx, Vec.paddq, t, t, xmm15);
  shift3(ctx, ShiftImm.psllq, t, t, 32);
  op3(ctx, Vec.pmuludq, a, a, b); // al * bl
  op3(ctx, Vec.paddq, a, a, t);
  return a;
}

/** Bit counts of the nibbles 0-15, as a pshufb table. */
const NIBBLE_COUNTS = [0x02010100, 0x03020201, 0x03020201, 0x04030302] as const;

/**
 * i8x16.popcnt: no byte popcnt before AVX-512 BITALG, so each nibble is looked up in a
 * 16-entry table with pshufb and the two counts added: eight or nine instructions.
 * Returns the register holding the result.
 */
export function emitPopcnt(ctx: SimdContext, a: Xmm): Xmm {
  const t = ctx.tempXmm();
  const low = bytes16(0x0f);
  op3c(ctx, Vec.pand, t, a, low, low, low, low); // low nibbles
  shift3(ctx, ShiftImm.psrlw, a, a, 4);
  op3c(ctx, Vec.pand, a, a, low, low, low, low); // high nibbles
  loadConst(ctx, xmm15, ...NIBBLE_COUNTS);
  op3(ctx, Vec.pshufb, xmm15, xmm15, t);
  loadConst(ctx, t, ...NIBBLE_COUNTS);
  op3(ctx, Vec.pshufb, t, t, a);
  op3(ctx, Vec.paddb, t, t, xmm15);
  return t;
}

/**
 * i16x8.q15mulr_sat_s: pmulhrsw computes (a * b + 0x4000) >> 15 exactly, but for
 * -32768 * -32768 gives -32768 where the saturated result is 32767; those lanes (the only
 * ones equal to 0x8000 afterwards) are flipped to 0x7fff. Returns a.
 */
export function emitQ15MulrSat(ctx: SimdContext, a: Xmm, b: Xmm): Xmm {
  op3(ctx, Vec.pmulhrsw, a, a, b);
  const m = words8(0x8000);
  op3c(ctx, Vec.pcmpeqw, xmm15, a, m, m, m, m);
  op3(ctx, Vec.pxor, a, a, xmm15);
  return a;
}

/**
 * The low (`high` false) or high half of the narrow lanes of v, extended to twice their
 * width: `size` is the narrow lanes' width (1, 2, 4). Returns v.
 */
export function emitExtend(ctx: SimdContext, size: 1 | 2 | 4, signed: boolean, high: boolean, v: Xmm): Xmm {
  if (high && !signed) {
    // Interleaving the high half with zeros is the zero extension.
    zero(ctx, xmm15);
    op3(ctx, size === 1 ? Vec.punpckhbw : size === 2 ? Vec.punpckhwd : Vec.punpckhdq, v, v, xmm15);
    return v;
  }
  if (high) op2(ctx, Vec.pshufd, v, v, 0xee); // the high quadword down
  const op = signed
    ? size === 1 ? Vec.pmovsxbw : size === 2 ? Vec.pmovsxwd : Vec.pmovsxdq
    : size === 1 ? Vec.pmovzxbw : size === 2 ? Vec.pmovzxwd : Vec.pmovzxdq;
  op2(ctx, op, v, v);
  return v;
}

/**
 * extmul_low/high: the products of the extended lanes of one half of a and b. `size` is the
 * narrow lanes' width. Returns the register holding the result.
 */
export function emitExtMul(ctx: SimdContext, size: 1 | 2 | 4, signed: boolean, high: boolean, a: Xmm, b: Xmm): Xmm {
  switch (size) {
    case 1:
      // Extend both, multiply the words (the products fit 16 bits).
      emitExtend(ctx, 1, signed, high, a);
      emitExtend(ctx, 1, signed, high, b);
      op3(ctx, Vec.pmullw, a, a, b);
      return a;
    case 2: {
      // The low and high 16 bits of the 32-bit products, interleaved.
      const t = ctx.tempXmm();
      op3(ctx, Vec.pmullw, t, a, b);
      op3(ctx, signed ? Vec.pmulhw : Vec.pmulhuw, a, a, b);
      op3(ctx, high ? Vec.punpckhwd : Vec.punpcklwd, t, t, a);
      return t;
    }
    case 4: {
      // pmuldq/pmuludq multiply dwords 0 and 2: bring the half's dwords there.
      const order = high ? 0xfa : 0x50;
      op2(ctx, Vec.pshufd, a, a, order);
      op2(ctx, Vec.pshufd, b, b, order);
      op3(ctx, signed ? Vec.pmuldq : Vec.pmuludq, a, a, b);
      return a;
    }
  }
}

/**
 * extadd_pairwise: adjacent lanes added into lanes twice as wide. pmaddubsw multiplies
 * unsigned bytes of its first operand by signed bytes of its second and adds pairs, so a
 * vector of ones on the other side does it for either signedness of bytes; pmaddwd does
 * signed words, and unsigned words are biased by -0x8000 first and the 2 * 0x8000 added back.
 * Returns the register holding the result.
 */
export function emitExtAddPairwise(ctx: SimdContext, size: 1 | 2, signed: boolean, a: Xmm): Xmm {
  if (size === 1) {
    const one = bytes16(1);
    if (!signed) {
      op3c(ctx, Vec.pmaddubsw, a, a, one, one, one, one);
      return a;
    }
    const t = ctx.tempXmm();
    loadConst(ctx, t, one, one, one, one);
    op3(ctx, Vec.pmaddubsw, t, t, a);
    return t;
  }
  const one = words8(1);
  if (signed) {
    op3c(ctx, Vec.pmaddwd, a, a, one, one, one, one);
    return a;
  }
  const bias = words8(0x8000);
  op3c(ctx, Vec.pxor, a, a, bias, bias, bias, bias);
  op3c(ctx, Vec.pmaddwd, a, a, one, one, one, one);
  op3c(ctx, Vec.paddd, a, a, 0x10000, 0x10000, 0x10000, 0x10000);
  return a;
}
