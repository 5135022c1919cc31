/**
 * Lanes: splat, extract_lane, replace_lane, i8x16.shuffle and i8x16.swizzle.
 *
 * Shuffles take whichever single instruction matches the pattern (the identity, pshufd for
 * whole dwords of one source, palignr for a byte window across both, punpck for the
 * interleavings, pblendw for words that stay in place), else pshufb with a mask per source
 * and por: three instructions for any pattern.
 */
import {
  Vec,
  extractLaneR,
  insertLaneR,
  movdRX,
  movdXR,
  movsxRR,
  vmovdRX,
  vmovdXR,
  xmm15,
  type Gpr,
  type LaneSize,
  type VecOp,
  type Xmm,
} from '../x64/index.js';
import { bytes16, op2, op3, op3c, zero, type SimdContext } from './simd-context.js';

// ---- splat ------------------------------------------------------------------------------------

/** i8x16/i16x8/i32x4/i64x2.splat of a GPR (size: the lane's bytes); returns the vector. */
export function emitSplatInt(ctx: SimdContext, size: LaneSize, x: Gpr): Xmm {
  const b = ctx.b;
  const dst = ctx.tempXmm();
  const w = size === 8 ? 64 : 32;
  if (ctx.avx) {
    vmovdXR(b, w, dst, x);
    op2(ctx, size === 1 ? Vec.vpbroadcastb : size === 2 ? Vec.vpbroadcastw : size === 4 ? Vec.vpbroadcastd : Vec.vpbroadcastq, dst, dst);
    return dst;
  }
  movdXR(b, w, dst, x);
  switch (size) {
    case 1:
      // pshufb with an all-zero mask copies byte 0 everywhere.
      zero(ctx, xmm15);
      op3(ctx, Vec.pshufb, dst, dst, xmm15);
      break;
    case 2:
      op2(ctx, Vec.pshuflw, dst, dst, 0);
      op2(ctx, Vec.pshufd, dst, dst, 0);
      break;
    case 4:
      op2(ctx, Vec.pshufd, dst, dst, 0);
      break;
    case 8:
      op3(ctx, Vec.punpcklqdq, dst, dst, dst);
      break;
  }
  return dst;
}

/** f32x4/f64x2.splat of the low lane of x, in place. */
export function emitSplatFloat(ctx: SimdContext, f64: boolean, x: Xmm): Xmm {
  if (f64) op2(ctx, Vec.movddup, x, x);
  else if (ctx.avx) op2(ctx, Vec.vbroadcastss, x, x);
  else op3(ctx, Vec.shufps, x, x, x, 0);
  return x;
}

// ---- extract_lane, replace_lane -----------------------------------------------------------------

/**
 * An integer lane into a GPR (`signed`: i8/i16 sign-extended to 32 bits, else zero-extended;
 * an i32 result is zero-extended to 64 bits, as every i32 in a register).
 */
export function emitExtractInt(ctx: SimdContext, size: LaneSize, signed: boolean, v: Xmm, lane: number): Gpr {
  const b = ctx.b;
  const dst = ctx.tempGpr();
  if (size >= 4 && lane === 0) {
    if (ctx.avx) vmovdRX(b, size === 8 ? 64 : 32, dst, v);
    else movdRX(b, size === 8 ? 64 : 32, dst, v);
  } else {
    extractLaneR(b, size, ctx.avx, dst, v, lane);
  }
  if (signed) movsxRR(b, 32, size === 1 ? 8 : 16, dst, dst);
  return dst;
}

/** A float lane into the low lane of v, in place (the other lanes become unspecified). */
export function emitExtractFloat(ctx: SimdContext, f64: boolean, v: Xmm, lane: number): Xmm {
  if (lane === 0) return v;
  if (f64) op3(ctx, Vec.movhlps, v, v, v);
  else op2(ctx, Vec.pshufd, v, v, lane);
  return v;
}

/** Lane `lane` of v becomes the GPR's low bits; returns v. */
export function emitReplaceInt(ctx: SimdContext, size: LaneSize, v: Xmm, x: Gpr, lane: number): Xmm {
  insertLaneR(ctx.b, size, ctx.avx, v, v, x, lane);
  return v;
}

/** Lane `lane` of v becomes the low lane of x; returns v. */
export function emitReplaceFloat(ctx: SimdContext, f64: boolean, v: Xmm, x: Xmm, lane: number): Xmm {
  if (!f64) op3(ctx, Vec.insertps, v, v, x, lane << 4);
  else op3(ctx, lane === 0 ? Vec.movsd : Vec.movlhps, v, v, x);
  return v;
}

// ---- swizzle ----------------------------------------------------------------------------------

/**
 * i8x16.swizzle: byte i = s[i] < 16 ? a[s[i]] : 0. pshufb zeroes a byte whose index has
 * bit 7 set and otherwise reads index & 15: adding 0x70 with unsigned saturation keeps
 * 0-15 as 0x70-0x7f and pushes 16-255 to 0x80 and beyond. Returns a.
 */
export function emitSwizzle(ctx: SimdContext, a: Xmm, s: Xmm): Xmm {
  const c = bytes16(0x70);
  op3c(ctx, Vec.paddusb, s, s, c, c, c, c);
  op3(ctx, Vec.pshufb, a, a, s);
  return a;
}

// ---- shuffle ----------------------------------------------------------------------------------

/** Byte patterns of the interleaving instructions, as indices into a (0-15) then b (16-31). */
const UNPACKS: readonly [VecOp, Uint8Array][] = (
  [
    [Vec.punpcklbw, 1, 0],
    [Vec.punpckhbw, 1, 8],
    [Vec.punpcklwd, 2, 0],
    [Vec.punpckhwd, 2, 8],
    [Vec.punpckldq, 4, 0],
    [Vec.punpckhdq, 4, 8],
    [Vec.punpcklqdq, 8, 0],
    [Vec.punpckhqdq, 8, 8],
  ] as const
).map(([op, size, from]) => {
  const p = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    const unit = Math.floor(i / size);
    const src = unit & 1 ? 16 : 0;
    p[i] = src + from + (unit >> 1) * size + (i % size);
  }
  return [op, p] as [VecOp, Uint8Array];
});

/** The shuffle being compiled and the masks of the general case (no allocation per shuffle). */
const lanes = new Uint8Array(16);
const maskA = new Uint8Array(16);
const maskB = new Uint8Array(16);

/** Whether lanes[i] = p[i] for all i, with the sources swapped when `swap` (indices xor 16). */
function sameAs(p: Uint8Array, swap: boolean): boolean {
  const x = swap ? 16 : 0;
  for (let i = 0; i < 16; i++) if ((lanes[i]! ^ x) !== p[i]) return false;
  return true;
}

/** Whether lanes[i] = i + n for all i, with the sources swapped when `swap`. */
function window(n: number, swap: boolean): boolean {
  const x = swap ? 16 : 0;
  for (let i = 0; i < 16; i++) if ((lanes[i]! ^ x) !== i + n) return false;
  return true;
}

/**
 * i8x16.shuffle a, b with the 16 lane indices at `imm[at..at+16)` (0-15: a's bytes, 16-31:
 * b's). Returns the register holding the result.
 */
export function emitShuffle(ctx: SimdContext, a: Xmm, b: Xmm, imm: Uint8Array, at: number): Xmm {
  let fromA = true;
  let fromB = true;
  for (let i = 0; i < 16; i++) {
    const x = imm[at + i]!;
    lanes[i] = x;
    if (x < 16) fromB = false;
    else fromA = false;
  }
  if (fromA) return permute(ctx, a, 0);
  if (fromB) return permute(ctx, b, 16);
  // palignr: byte i of [b:a] >> 8n, when lane i is i + n; or the same with a and b swapped.
  const n = lanes[0]! & 15;
  if (n > 0 && window(n, false)) {
    op3(ctx, Vec.palignr, b, b, a, n);
    return b;
  }
  if (n > 0 && window(n, true)) {
    op3(ctx, Vec.palignr, a, a, b, n);
    return a;
  }
  for (const [op, p] of UNPACKS) {
    if (sameAs(p, false)) {
      op3(ctx, op, a, a, b);
      return a;
    }
    if (sameAs(p, true)) {
      op3(ctx, op, b, b, a);
      return b;
    }
  }
  // Words that stay in place, each from a or from b: pblendw.
  let blend = 0;
  let isBlend = true;
  for (let w = 0; w < 8 && isBlend; w++) {
    const lo = lanes[2 * w]!;
    const hi = lanes[2 * w + 1]!;
    if (lo === 2 * w && hi === 2 * w + 1) continue;
    if (lo === 16 + 2 * w && hi === 17 + 2 * w) blend |= 1 << w;
    else isBlend = false;
  }
  if (isBlend) {
    op3(ctx, Vec.pblendw, a, a, b, blend);
    return a;
  }
  // Any pattern: each source shuffled into place with the other's bytes zeroed (index
  // 0x80), then or'd.
  for (let i = 0; i < 16; i++) {
    const x = lanes[i]!;
    maskA[i] = x < 16 ? x : 0x80;
    maskB[i] = x >= 16 ? x - 16 : 0x80;
  }
  op3c(ctx, Vec.pshufb, a, a, word(maskA, 0), word(maskA, 4), word(maskA, 8), word(maskA, 12));
  op3c(ctx, Vec.pshufb, b, b, word(maskB, 0), word(maskB, 4), word(maskB, 8), word(maskB, 12));
  op3(ctx, Vec.por, a, a, b);
  return a;
}

/** A one-source shuffle of v (lane i from byte lanes[i] - base); returns v. */
function permute(ctx: SimdContext, v: Xmm, base: number): Xmm {
  let identity = true;
  for (let i = 0; i < 16; i++) if (lanes[i]! - base !== i) identity = false;
  if (identity) return v;
  // Whole dwords: pshufd.
  let imm = 0;
  let dwords = true;
  for (let d = 0; d < 4 && dwords; d++) {
    const first = lanes[4 * d]! - base;
    if (first % 4 !== 0) dwords = false;
    for (let k = 1; k < 4 && dwords; k++) if (lanes[4 * d + k]! - base !== first + k) dwords = false;
    imm |= (first >> 2) << (2 * d);
  }
  if (dwords) {
    op2(ctx, Vec.pshufd, v, v, imm);
    return v;
  }
  for (let i = 0; i < 16; i++) maskA[i] = lanes[i]! - base;
  op3c(ctx, Vec.pshufb, v, v, word(maskA, 0), word(maskA, 4), word(maskA, 8), word(maskA, 12));
  return v;
}

/** Four bytes of `bytes` from k as a little-endian word. */
function word(bytes: Uint8Array, k: number): number {
  return (bytes[k]! | (bytes[k + 1]! << 8) | (bytes[k + 2]! << 16) | (bytes[k + 3]! << 24)) >>> 0;
}
