/**
 * What the SIMD emitters (simd-*.ts) need from the compiler core, and the helpers that
 * pick an encoding for the CPU level.
 *
 * Conventions, for every SIMD emitter (as numeric.ts states them for the scalar ones):
 * - Operands are registers the core chose: v128 in xmm registers, i32/i64 in GPRs, f32/f64
 *   in the low lane of an xmm register. Every operand register is the emitter's to clobber
 *   (the core popped it); the emitter returns the register that holds the result, usually
 *   one of them. Temporaries come from `tempXmm`/`tempGpr` (free until the instruction
 *   ends); r11 and xmm15 are scratch as well.
 * - Emitters write three-operand code (`op3(dst, a, b)`): with AVX (x86-64-v3) it is one
 *   VEX instruction; without, a copy of `a` into `dst` when they differ, then the legacy
 *   two-operand instruction. So `dst` may be `a`, and must not be `b` unless `a` is too.
 * - Legacy SSE forms fault on an m128 operand that is not 16-aligned: memory operands are
 *   only constants of the pool (16-aligned), v128 slots and locals (16-aligned), never
 *   linear memory, which the loads read with movups and friends.
 */
import type { Gpr, Xmm } from '../x64/index.js';
import {
  ShiftImm,
  UNARY,
  Vec,
  ripLabel,
  shiftImm,
  vecRM,
  vecRM2,
  vecRR,
  vecRR2,
  vecRRM,
  vecRRR,
  vshiftImm,
  type Addr,
  type ShiftImmOp,
  type VecOp,
} from '../x64/index.js';
import type { NumericContext } from './numeric-context.js';

export interface SimdContext extends NumericContext {
  /** VEX (AVX) encodings may be used: x86-64-v3. */
  readonly avx: boolean;
  /** A free xmm register, not an operand, until the instruction ends. */
  tempXmm(): Xmm;
  /** A free GPR, not an operand, until the instruction ends. */
  tempGpr(): Gpr;
}

/** dst = a op b (op from the Vec table, two sources). */
export function op3(ctx: SimdContext, op: VecOp, dst: Xmm, a: Xmm, b: Xmm, imm = -1): void {
  if (ctx.avx) {
    vecRRR(ctx.b, op, dst, a, b, imm);
    return;
  }
  if (dst !== a) {
    if (dst === b) throw new Error('baseline: a two-operand form cannot write its second source');
    vecRR(ctx.b, Vec.movaps, dst, a);
  }
  vecRR(ctx.b, op, dst, b, imm);
}

/** dst = a op [addr + disp] (a 16-aligned operand, or one the instruction reads less of). */
export function op3m(ctx: SimdContext, op: VecOp, dst: Xmm, a: Xmm, addr: Addr, disp: number, imm = -1): void {
  if (ctx.avx) {
    vecRRM(ctx.b, op, dst, a, addr, disp, imm);
    return;
  }
  if (dst !== a) vecRR(ctx.b, Vec.movaps, dst, a);
  vecRM(ctx.b, op, dst, addr, disp, imm);
}

/** dst = a op the pool constant (four words, lane 0 first). */
export function op3c(ctx: SimdContext, op: VecOp, dst: Xmm, a: Xmm, w0: number, w1: number, w2: number, w3: number, imm = -1): void {
  op3m(ctx, op, dst, a, ripLabel(ctx.constant128(w0, w1, w2, w3)), 0, imm);
}

/** dst = op(src), a one-source (UNARY) entry. */
export function op2(ctx: SimdContext, op: VecOp, dst: Xmm, src: Xmm, imm = -1): void {
  if ((op & UNARY) === 0) throw new Error('baseline: op2 of a two-source form');
  if (ctx.avx) vecRR2(ctx.b, op, dst, src, imm);
  else vecRR(ctx.b, op, dst, src, imm);
}

/** dst = op([addr + disp]), a one-source entry. */
export function op2m(ctx: SimdContext, op: VecOp, dst: Xmm, addr: Addr, disp: number, imm = -1): void {
  if (ctx.avx) vecRM2(ctx.b, op, dst, addr, disp, imm);
  else vecRM(ctx.b, op, dst, addr, disp, imm);
}

/** dst = src (nothing when they are the same register). */
export function copy(ctx: SimdContext, dst: Xmm, src: Xmm): void {
  if (dst !== src) vecRR(ctx.b, Vec.movaps, dst, src);
}

/** dst = the pool constant. */
export function loadConst(ctx: SimdContext, dst: Xmm, w0: number, w1: number, w2: number, w3: number): void {
  if ((w0 | w1 | w2 | w3) === 0) zero(ctx, dst);
  else if ((w0 & w1 & w2 & w3) === -1) ones(ctx, dst);
  else vecRM(ctx.b, Vec.movaps, dst, ripLabel(ctx.constant128(w0, w1, w2, w3)), 0);
}

/** dst = 0. */
export function zero(ctx: SimdContext, dst: Xmm): void {
  op3(ctx, Vec.pxor, dst, dst, dst);
}

/** dst = all ones. */
export function ones(ctx: SimdContext, dst: Xmm): void {
  op3(ctx, Vec.pcmpeqd, dst, dst, dst);
}

/** dst = src shifted by an immediate (ShiftImm forms). */
export function shift3(ctx: SimdContext, op: ShiftImmOp, dst: Xmm, src: Xmm, count: number): void {
  if (ctx.avx) {
    vshiftImm(ctx.b, op, dst, src, count);
    return;
  }
  copy(ctx, dst, src);
  shiftImm(ctx.b, op, dst, count);
}

export { ShiftImm };

/** A constant with the same byte in every lane. */
export function bytes16(byte: number): number {
  return (byte & 0xff) * 0x01010101;
}

/** A constant with the same 16-bit word in every lane. */
export function words8(word: number): number {
  return ((word & 0xffff) << 16) | (word & 0xffff);
}
