/**
 * Lane shifts. wasm takes the count modulo the lane width; x86's shifts by a register
 * count take it whole (and give 0, or all sign bits, from the width on), so a variable
 * count is masked first. Shifts by a constant use the immediate forms.
 *
 * x86 has no byte shifts: bytes are shifted as words and the bits that crossed from one
 * byte into its neighbour masked off (shl, shr_u), or each byte is widened into the high
 * half of a word, shifted arithmetically by 8 more, and packed back (shr_s). Nor is there
 * a 64-bit arithmetic shift before AVX-512: with m = 2^63 >> n (logical), the arithmetic
 * shift is ((a >>> n) ^ m) - m.
 */
import { Alu, Vec, aluRI, lea, mem, movdXR, r11, xmm15, type Gpr, type ShiftImmOp, type VecOp, type Xmm } from '../x64/index.js';
import { ShiftImm, bytes16, loadConst, ones, op3, op3c, shift3, type SimdContext } from './simd-context.js';
import type { IntLanes } from './simd-int.js';

export const ShiftKind = { shl: 0, shr_s: 1, shr_u: 2 } as const;
export type ShiftKindOp = (typeof ShiftKind)[keyof typeof ShiftKind];

const BY_IMM = {
  2: [ShiftImm.psllw, ShiftImm.psraw, ShiftImm.psrlw],
  4: [ShiftImm.pslld, ShiftImm.psrad, ShiftImm.psrld],
  8: [ShiftImm.psllq, -1, ShiftImm.psrlq],
} as const;
const BY_REG = {
  2: [Vec.psllw, Vec.psraw, Vec.psrlw],
  4: [Vec.pslld, Vec.psrad, Vec.psrld],
  8: [Vec.psllq, -1, Vec.psrlq],
} as const;

/** a shifted by the constant `count` (taken modulo the lane width); returns a. */
export function emitShiftImm(ctx: SimdContext, kind: ShiftKindOp, size: IntLanes, a: Xmm, count: number): Xmm {
  const n = count & (8 * size - 1);
  if (n === 0) return a;
  if (size === 1) {
    if (kind === ShiftKind.shr_s) {
      const t = ctx.tempXmm();
      op3(ctx, Vec.punpckhbw, t, a, a); // bytes 8-15 into the high halves of words
      op3(ctx, Vec.punpcklbw, a, a, a);
      shift3(ctx, ShiftImm.psraw, t, t, n + 8);
      shift3(ctx, ShiftImm.psraw, a, a, n + 8);
      op3(ctx, Vec.packsswb, a, a, t);
      return a;
    }
    const shl = kind === ShiftKind.shl;
    shift3(ctx, shl ? ShiftImm.psllw : ShiftImm.psrlw, a, a, n);
    const keep = bytes16(shl ? 0xff << n : 0xff >> n);
    op3c(ctx, Vec.pand, a, a, keep, keep, keep, keep);
    return a;
  }
  if (size === 8 && kind === ShiftKind.shr_s) {
    const m = 2 ** (63 - n);
    const lo = m % 2 ** 32;
    const hi = Math.floor(m / 2 ** 32);
    shift3(ctx, ShiftImm.psrlq, a, a, n);
    op3c(ctx, Vec.pxor, a, a, lo, hi, lo, hi);
    op3c(ctx, Vec.psubq, a, a, lo, hi, lo, hi);
    return a;
  }
  shift3(ctx, BY_IMM[size][kind] as ShiftImmOp, a, a, n);
  return a;
}

/** a shifted by the i32 in `count` (which is clobbered); returns a. */
export function emitShiftReg(ctx: SimdContext, kind: ShiftKindOp, size: IntLanes, a: Xmm, count: Gpr): Xmm {
  const b = ctx.b;
  aluRI(b, Alu.and, 32, count, 8 * size - 1);
  if (size === 1) {
    const t = ctx.tempXmm();
    // count + 8 into xmm15: byte shr_s shifts words by it; the others make their mask
    // (0xffff >> (n + 8), packed to bytes: 0xff >> n) with it.
    lea(b, 32, r11, mem(count), 8);
    movdXR(b, 32, xmm15, r11);
    if (kind === ShiftKind.shr_s) {
      op3(ctx, Vec.punpckhbw, t, a, a);
      op3(ctx, Vec.punpcklbw, a, a, a);
      op3(ctx, Vec.psraw, t, t, xmm15);
      op3(ctx, Vec.psraw, a, a, xmm15);
      op3(ctx, Vec.packsswb, a, a, t);
      return a;
    }
    ones(ctx, t);
    op3(ctx, Vec.psrlw, t, t, xmm15);
    op3(ctx, Vec.packuswb, t, t, t);
    movdXR(b, 32, xmm15, count);
    if (kind === ShiftKind.shl) {
      // Clear the top n bits of each byte first: nothing then crosses into the next byte.
      op3(ctx, Vec.pand, a, a, t);
      op3(ctx, Vec.psllw, a, a, xmm15);
    } else {
      // The bits that came down from the byte above are the top n bits: cleared after.
      op3(ctx, Vec.psrlw, a, a, xmm15);
      op3(ctx, Vec.pand, a, a, t);
    }
    return a;
  }
  movdXR(b, 32, xmm15, count);
  if (size === 8 && kind === ShiftKind.shr_s) {
    const m = ctx.tempXmm();
    loadConst(ctx, m, 0, 0x80000000, 0, 0x80000000);
    op3(ctx, Vec.psrlq, m, m, xmm15);
    op3(ctx, Vec.psrlq, a, a, xmm15);
    op3(ctx, Vec.pxor, a, a, m);
    op3(ctx, Vec.psubq, a, a, m);
    return a;
  }
  op3(ctx, BY_REG[size][kind] as VecOp, a, a, xmm15);
  return a;
}
