/**
 * Float instructions: arithmetic, min/max, sign operations, rounding, square root and
 * comparisons, on the low lane of xmm registers. Conventions in numeric.ts: `fw` is 32
 * (f32) or 64 (f64), the other lanes of an operand are ignored and those of a result are
 * unspecified, only r11 and xmm15 may be clobbered.
 *
 * NaNs. The SSE arithmetic instructions return the first NaN operand, quieted, or the
 * default NaN (sign set, canonical payload) for an invalid operation: that is what wasm
 * asks for (a canonical NaN when every NaN operand is canonical, else any arithmetic NaN).
 * abs, neg and copysign are bit operations that keep NaN payloads as they are.
 */
import {
  Alu,
  Cond,
  Round,
  Sse,
  SsePredicate,
  aluRR,
  cmovRR,
  cmpsd,
  cmpss,
  jcc,
  jccShort,
  jmpShort,
  movRR,
  movdRX,
  movzxRR,
  neg,
  r11,
  ripLabel,
  roundsd,
  roundss,
  setcc,
  sseRM,
  sseRR,
  xmm15,
  type Gpr,
  type Label,
  type RoundMode,
  type SseOp,
  type Width,
  type Xmm,
} from '../x64/index.js';
import { absMask, signMask, type FloatWidth, type NumericContext } from './numeric-context.js';

/** Per width: index 0 for f32, 1 for f64. */
const fi = (fw: FloatWidth) => fw >> 6;

const UCOMI: readonly SseOp[] = [Sse.ucomiss, Sse.ucomisd];
const ADD: readonly SseOp[] = [Sse.addss, Sse.addsd];

// ---- binary ---------------------------------------------------------------------------

/** In the order of the wasm opcodes (f32.add = 0x92 ... f32.copysign = 0x98). */
export const FloatBinary = { add: 0, sub: 1, mul: 2, div: 3, min: 4, max: 5, copysign: 6 } as const;
export type FloatBinaryOp = (typeof FloatBinary)[keyof typeof FloatBinary];

const ARITH: readonly (readonly SseOp[])[] = [
  [Sse.addss, Sse.addsd],
  [Sse.subss, Sse.subsd],
  [Sse.mulss, Sse.mulsd],
  [Sse.divss, Sse.divsd],
  [Sse.minss, Sse.minsd],
  [Sse.maxss, Sse.maxsd],
];

/**
 * `dst = dst op src`; any xmm registers but xmm15, dst may equal src. Clobbers xmm15
 * (copysign).
 */
export function emitFloatBinary(ctx: NumericContext, op: FloatBinaryOp, fw: FloatWidth, dst: Xmm, src: Xmm): void {
  if (op === FloatBinary.min || op === FloatBinary.max) emitMinMax(ctx, op, fw, dst, src);
  else if (op === FloatBinary.copysign) emitCopysign(ctx, fw, dst, src);
  else sseRR(ctx.b, ARITH[op]![fi(fw)]!, dst, src);
}

/**
 * minss/maxss return their second operand when either is NaN or both are zeros (of any
 * sign), so they are only right for distinct ordered operands. When ucomiss finds the
 * operands equal, they are the same value but for the sign of a zero: or-ing the bits
 * gives min (-0 if either is -0), and-ing gives max. When it finds them unordered, an
 * addition returns the NaN operand quieted, as wasm requires of min and max.
 */
function emitMinMax(ctx: NumericContext, op: FloatBinaryOp, fw: FloatWidth, dst: Xmm, src: Xmm): void {
  const b = ctx.b;
  const i = fi(fw);
  const special = b.newLabel();
  const nan = b.newLabel();
  const done = b.newLabel();
  sseRR(b, UCOMI[i]!, dst, src);
  jccShort(b, Cond.e, special); // ZF = 1: equal or unordered
  sseRR(b, ARITH[op]![i]!, dst, src);
  jmpShort(b, done);
  b.bind(special);
  jccShort(b, Cond.p, nan);
  sseRR(b, op === FloatBinary.min ? Sse.orps : Sse.andps, dst, src);
  jmpShort(b, done);
  b.bind(nan);
  sseRR(b, ADD[i]!, dst, src);
  b.bind(done);
}

/** dst ^= (dst ^ src) & sign: the sign bit of src, everything else of dst. */
function emitCopysign(ctx: NumericContext, fw: FloatWidth, dst: Xmm, src: Xmm): void {
  const b = ctx.b;
  sseRR(b, Sse.movaps, xmm15, dst);
  sseRR(b, Sse.xorps, xmm15, src);
  sseRM(b, Sse.andps, xmm15, ripLabel(signMask(ctx, fw)), 0);
  sseRR(b, Sse.xorps, dst, xmm15);
}

// ---- unary ----------------------------------------------------------------------------

/** In the order of the wasm opcodes (f32.abs = 0x8b ... f32.sqrt = 0x91). */
export const FloatUnary = { abs: 0, neg: 1, ceil: 2, floor: 3, trunc: 4, nearest: 5, sqrt: 6 } as const;
export type FloatUnaryOp = (typeof FloatUnary)[keyof typeof FloatUnary];

// Indexed by FloatUnaryOp - FloatUnary.ceil.
const ROUND_MODE: readonly RoundMode[] = [Round.up, Round.down, Round.zero, Round.nearest];

/**
 * dst = op(src); dst may equal src. abs and neg clear or flip the sign bit (through a
 * constant); ceil, floor, trunc and nearest are SSE4.1 roundss/roundsd, whose "nearest"
 * rounds ties to even as wasm does, keeps the sign of a zero result and quiets NaNs.
 */
export function emitFloatUnary(ctx: NumericContext, op: FloatUnaryOp, fw: FloatWidth, dst: Xmm, src: Xmm): void {
  const b = ctx.b;
  switch (op) {
    case FloatUnary.abs:
    case FloatUnary.neg:
      if (dst !== src) sseRR(b, Sse.movaps, dst, src);
      if (op === FloatUnary.abs) sseRM(b, Sse.andps, dst, ripLabel(absMask(ctx, fw)), 0);
      else sseRM(b, Sse.xorps, dst, ripLabel(signMask(ctx, fw)), 0);
      break;
    case FloatUnary.sqrt:
      sseRR(b, fw === 32 ? Sse.sqrtss : Sse.sqrtsd, dst, src);
      break;
    default:
      if (fw === 32) roundss(b, dst, src, ROUND_MODE[op - FloatUnary.ceil]!);
      else roundsd(b, dst, src, ROUND_MODE[op - FloatUnary.ceil]!);
  }
}

// ---- comparisons ----------------------------------------------------------------------

/** In the order of the wasm opcodes (f32.eq = 0x5b ... f32.ge = 0x60). */
export const FloatCompare = { eq: 0, ne: 1, lt: 2, gt: 3, le: 4, ge: 5 } as const;
export type FloatCompareOp = (typeof FloatCompare)[keyof typeof FloatCompare];

/**
 * The outcome of a float comparison in the flags. ucomiss/ucomisd set ZF, PF and CF
 * (all three when an operand is NaN), so eq and ne need the parity flag besides one
 * condition. A FloatCond is a `Cond` in bits 0-3, plus at most one of:
 *   FLOAT_COND_ORDERED    true only if also PF = 0 (eq: e and np)
 *   FLOAT_COND_UNORDERED  true also if PF = 1     (ne: ne or p)
 * A FloatCond below 16 is a plain `Cond`, usable with jcc, setcc and cmovcc as it is;
 * the others go through `jumpIfFloatCond`, `emitSetFloatCond` and `emitCmovFloatCond`.
 */
export type FloatCond = number & { readonly __brand: 'FloatCond' };
export const FLOAT_COND_ORDERED = 0x10;
export const FLOAT_COND_UNORDERED = 0x20;

const fcond = (n: number) => n as FloatCond;

/**
 * Sets the flags for `lhs op rhs` and returns when the wasm result is 1. Registers are
 * only read. lt and le compare the operands the other way round (rhs above lhs): an
 * unordered result sets CF, so `a`/`ae` are then false, as wasm wants.
 */
export function emitFloatCompare(ctx: NumericContext, op: FloatCompareOp, fw: FloatWidth, lhs: Xmm, rhs: Xmm): FloatCond {
  const ucomi = UCOMI[fi(fw)]!;
  const b = ctx.b;
  switch (op) {
    case FloatCompare.eq:
      sseRR(b, ucomi, lhs, rhs);
      return fcond(Cond.e | FLOAT_COND_ORDERED);
    case FloatCompare.ne:
      sseRR(b, ucomi, lhs, rhs);
      return fcond(Cond.ne | FLOAT_COND_UNORDERED);
    case FloatCompare.lt:
      sseRR(b, ucomi, rhs, lhs);
      return fcond(Cond.a);
    case FloatCompare.gt:
      sseRR(b, ucomi, lhs, rhs);
      return fcond(Cond.a);
    case FloatCompare.le:
      sseRR(b, ucomi, rhs, lhs);
      return fcond(Cond.ae);
    default:
      sseRR(b, ucomi, lhs, rhs);
      return fcond(Cond.ae);
  }
}

/** The FloatCond that holds exactly when `fc` does not. */
export function invertFloatCond(fc: FloatCond): FloatCond {
  const inverted = (fc & 15) ^ 1;
  if (fc & FLOAT_COND_ORDERED) return fcond(inverted | FLOAT_COND_UNORDERED);
  if (fc & FLOAT_COND_UNORDERED) return fcond(inverted | FLOAT_COND_ORDERED);
  return fcond(inverted);
}

/** Jumps to `label` when `fc` holds (one or two jcc; the label may be bound or not). */
export function jumpIfFloatCond(ctx: NumericContext, fc: FloatCond, label: Label): void {
  const b = ctx.b;
  const cond = (fc & 15) as Cond;
  if (fc & FLOAT_COND_ORDERED) {
    const skip = b.newLabel();
    jccShort(b, Cond.p, skip);
    jcc(b, cond, label);
    b.bind(skip);
  } else {
    if (fc & FLOAT_COND_UNORDERED) jcc(b, Cond.p, label);
    jcc(b, cond, label);
  }
}

/** dst = 1 when `fc` holds, else 0, from the flags. Clobbers r11 and, for eq and ne, the flags. */
export function emitSetFloatCond(ctx: NumericContext, fc: FloatCond, dst: Gpr): void {
  const b = ctx.b;
  setcc(b, (fc & 15) as Cond, dst);
  if (fc & FLOAT_COND_ORDERED) {
    setcc(b, Cond.np, r11);
    aluRR(b, Alu.and, 32, dst, r11);
  } else if (fc & FLOAT_COND_UNORDERED) {
    setcc(b, Cond.p, r11);
    aluRR(b, Alu.or, 32, dst, r11);
  }
  movzxRR(b, 32, 8, dst, dst);
}

/**
 * dst = src when `fc` holds (for select), from the flags; `w` is the width of the value
 * moved. Clobbers r11 (eq: `e and np` takes a detour through it).
 */
export function emitCmovFloatCond(ctx: NumericContext, fc: FloatCond, w: Width, dst: Gpr, src: Gpr): void {
  const b = ctx.b;
  const cond = (fc & 15) as Cond;
  if (fc & FLOAT_COND_ORDERED) {
    // r11 = unordered ? dst : src, then dst = r11 when equal.
    movRR(b, w, r11, src);
    cmovRR(b, Cond.p, w, r11, dst);
    cmovRR(b, cond, w, dst, r11);
  } else {
    cmovRR(b, cond, w, dst, src);
    if (fc & FLOAT_COND_UNORDERED) cmovRR(b, Cond.p, w, dst, src);
  }
}

/**
 * dst (a GPR) = `lhs op rhs` as 0 or 1. Clobbers xmm15 (eq, ne). eq and ne use cmpss,
 * whose all-ones mask negates to 1, rather than combining two flags.
 */
export function emitFloatCompareToReg(
  ctx: NumericContext,
  op: FloatCompareOp,
  fw: FloatWidth,
  dst: Gpr,
  lhs: Xmm,
  rhs: Xmm,
): void {
  const b = ctx.b;
  if (op === FloatCompare.eq || op === FloatCompare.ne) {
    const predicate = op === FloatCompare.eq ? SsePredicate.eq : SsePredicate.neq;
    sseRR(b, Sse.movaps, xmm15, lhs);
    if (fw === 32) cmpss(b, xmm15, rhs, predicate);
    else cmpsd(b, xmm15, rhs, predicate);
    movdRX(b, 32, dst, xmm15);
    neg(b, 32, dst);
    return;
  }
  // dst is a GPR, so zeroing it cannot disturb the operands; it must precede the compare.
  aluRR(b, Alu.xor, 32, dst, dst);
  setcc(b, (emitFloatCompare(ctx, op, fw, lhs, rhs) & 15) as Cond, dst);
}
