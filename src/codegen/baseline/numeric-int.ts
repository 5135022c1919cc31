/**
 * Integer instructions: arithmetic, logic, shifts and rotates, division, comparisons, bit
 * counts and sign or zero extensions. Conventions in numeric.ts: `w` is 32 or 64, an i32
 * operand is read from the low half of its register, every i32 result leaves the upper
 * half zero, only r11 (and the registers named per function) may be clobbered.
 */
import {
  Alu,
  Cond,
  Shift,
  aluRI,
  aluRR,
  bsf,
  bsr,
  lzcnt,
  cdq,
  cmovRR,
  cqo,
  div,
  idiv,
  imulRR,
  imulRRI,
  jcc,
  jccShort,
  jmpShort,
  movRI,
  movRR,
  movsxRR,
  movsxdRR,
  movzxRR,
  neg,
  popcnt,
  tzcnt,
  r11,
  rax,
  rdx,
  setcc,
  shiftRCl,
  shiftRI,
  testRR,
  type AluOp,
  type Gpr,
  type ShiftOp,
  type Width,
} from '../x64/index.js';
import { TRAP_DIVIDE_BY_ZERO, TRAP_INTEGER_OVERFLOW, type NumericContext } from './numeric-context.js';

// ---- add, sub, mul, and, or, xor ------------------------------------------------------

export const IntBinary = { add: 0, sub: 1, mul: 2, and: 3, or: 4, xor: 5 } as const;
export type IntBinaryOp = (typeof IntBinary)[keyof typeof IntBinary];

// Indexed by IntBinaryOp; mul has no ALU form (imul instead).
const BINARY_ALU: readonly AluOp[] = [Alu.add, Alu.sub, Alu.add, Alu.and, Alu.or, Alu.xor];

/** `dst = dst op src` for add, sub, mul, and, or, xor. Any registers; dst may equal src. */
export function emitIntBinary(ctx: NumericContext, op: IntBinaryOp, w: Width, dst: Gpr, src: Gpr): void {
  if (op === IntBinary.mul) imulRR(ctx.b, w, dst, src);
  else aluRR(ctx.b, BINARY_ALU[op]!, w, dst, src);
}

/**
 * `dst = dst op imm` for a constant right operand. For w = 32, `imm` is the i32 constant
 * (signed or unsigned); for w = 64 it must be an int32, which the instruction
 * sign-extends: wider i64 constants need a register (`movImm64`) and `emitIntBinary`.
 */
export function emitIntBinaryImm(ctx: NumericContext, op: IntBinaryOp, w: Width, dst: Gpr, imm: number): void {
  const b = ctx.b;
  if (op === IntBinary.mul) {
    imulRRI(b, w, dst, dst, imm);
  } else if (op === IntBinary.and && (imm === 0xff || imm === 0xffff)) {
    // movzx is shorter than `and` with a 4-byte immediate, and zero-extends to 64 bits too.
    movzxRR(b, 32, imm === 0xff ? 8 : 16, dst, dst);
  } else {
    aluRI(b, BINARY_ALU[op]!, w, dst, imm);
  }
}

// ---- shifts and rotates ---------------------------------------------------------------

export const IntShift = { shl: 0, shr_s: 1, shr_u: 2, rotl: 3, rotr: 4 } as const;
export type IntShiftOp = (typeof IntShift)[keyof typeof IntShift];

const SHIFT: readonly ShiftOp[] = [Shift.shl, Shift.sar, Shift.shr, Shift.rol, Shift.ror];

/**
 * `dst = dst op count` with the count in rcx (cl). x86 takes the count modulo the width,
 * as wasm does. dst may be rcx itself (`x << x`); rcx is otherwise left alone.
 */
export function emitIntShift(ctx: NumericContext, op: IntShiftOp, w: Width, dst: Gpr): void {
  shiftRCl(ctx.b, SHIFT[op]!, w, dst);
}

/**
 * `dst = dst op count` for a constant count: any integer, of which only `count mod w`
 * matters (pass the low 32 bits of an i64 constant). A zero count emits no shift: nothing
 * for w = 64, a `mov dst32, dst32` for w = 32 so that the result is still zero-extended.
 */
export function emitIntShiftImm(ctx: NumericContext, op: IntShiftOp, w: Width, dst: Gpr, count: number): void {
  const c = count & (w - 1);
  if (c !== 0) shiftRI(ctx.b, SHIFT[op]!, w, dst, c);
  else if (w === 32) movRR(ctx.b, 32, dst, dst);
}

// ---- division and remainder -----------------------------------------------------------

export const IntDivRem = { div_s: 0, div_u: 1, rem_s: 2, rem_u: 3 } as const;
export type IntDivRemOp = (typeof IntDivRem)[keyof typeof IntDivRem];

/** Where `emitIntDivRem` leaves its result: rax for div_s/div_u, rdx for rem_s/rem_u. */
export function divRemResult(op: IntDivRemOp): Gpr {
  return op === IntDivRem.div_s || op === IntDivRem.div_u ? rax : rdx;
}

/**
 * div_s, div_u, rem_s, rem_u with the dividend in rax and the divisor in `rhs`, any
 * register but rax and rdx (the core copies x before `x / x`). The quotient is left in rax,
 * the remainder in rdx (`divRemResult`); both rax and rdx are clobbered, `rhs` is kept.
 *
 * Traps: a zero divisor jumps to integer_divide_by_zero; div_s of INT_MIN by -1 jumps to
 * integer_overflow. x86 would fault on both (#DE), and also on rem_s INT_MIN % -1, whose
 * wasm result is 0: so a divisor of -1 never reaches idiv. The quotient by -1 is a
 * negation, whose overflow flag is exactly the INT_MIN case.
 */
export function emitIntDivRem(ctx: NumericContext, op: IntDivRemOp, w: Width, rhs: Gpr): void {
  if (rhs === rax || rhs === rdx) throw new Error(`numeric: the divisor cannot be in rax or rdx`);
  const b = ctx.b;
  testRR(b, w, rhs, rhs);
  jcc(b, Cond.e, ctx.trapLabel(TRAP_DIVIDE_BY_ZERO));
  if (op === IntDivRem.div_u || op === IntDivRem.rem_u) {
    aluRR(b, Alu.xor, 32, rdx, rdx);
    div(b, w, rhs);
    return;
  }
  const divide = b.newLabel();
  const done = b.newLabel();
  aluRI(b, Alu.cmp, w, rhs, -1);
  jccShort(b, Cond.ne, divide);
  if (op === IntDivRem.div_s) {
    neg(b, w, rax);
    jcc(b, Cond.o, ctx.trapLabel(TRAP_INTEGER_OVERFLOW));
  } else {
    aluRR(b, Alu.xor, 32, rdx, rdx);
  }
  jmpShort(b, done);
  b.bind(divide);
  if (w === 32) cdq(b);
  else cqo(b);
  idiv(b, w, rhs);
  b.bind(done);
}

// ---- comparisons ----------------------------------------------------------------------

/** In the order of the wasm opcodes (i32.eq = 0x46 ... i32.ge_u = 0x4f). */
export const IntCompare = {
  eq: 0,
  ne: 1,
  lt_s: 2,
  lt_u: 3,
  gt_s: 4,
  gt_u: 5,
  le_s: 6,
  le_u: 7,
  ge_s: 8,
  ge_u: 9,
} as const;
export type IntCompareOp = (typeof IntCompare)[keyof typeof IntCompare];

const COMPARE_COND: readonly Cond[] = [Cond.e, Cond.ne, Cond.l, Cond.b, Cond.g, Cond.a, Cond.le, Cond.be, Cond.ge, Cond.ae];
// a < b is b > a: the comparison with its operands exchanged.
const SWAPPED: readonly IntCompareOp[] = [0, 1, 4, 5, 2, 3, 8, 9, 6, 7];

/** The condition that holds after `cmp lhs, rhs` when `lhs op rhs` is true. */
export function intCompareCond(op: IntCompareOp): Cond {
  return COMPARE_COND[op]!;
}

/** The comparison with its operands exchanged: `a op b` is `b swapIntCompare(op) a`. */
export function swapIntCompare(op: IntCompareOp): IntCompareOp {
  return SWAPPED[op]!;
}

/**
 * Sets the flags for `lhs op rhs` (cmp lhs, rhs) and returns the condition that holds when
 * the wasm result is 1, for jcc/setcc/cmovcc. Registers are only read.
 */
export function emitIntCompare(ctx: NumericContext, op: IntCompareOp, w: Width, lhs: Gpr, rhs: Gpr): Cond {
  aluRR(ctx.b, Alu.cmp, w, lhs, rhs);
  return COMPARE_COND[op]!;
}

/**
 * As `emitIntCompare` with a constant right operand (same immediate rules as
 * `emitIntBinaryImm`). A comparison with 0 is `test lhs, lhs`, which leaves the flags as
 * `cmp lhs, 0` would for every condition (CF = OF = 0).
 */
export function emitIntCompareImm(ctx: NumericContext, op: IntCompareOp, w: Width, lhs: Gpr, imm: number): Cond {
  if (imm === 0) testRR(ctx.b, w, lhs, lhs);
  else aluRI(ctx.b, Alu.cmp, w, lhs, imm);
  return COMPARE_COND[op]!;
}

/** Sets the flags for eqz (test src, src); the result is 1 under the returned `Cond.e`. */
export function emitIntEqz(ctx: NumericContext, w: Width, src: Gpr): Cond {
  testRR(ctx.b, w, src, src);
  return Cond.e;
}

/** dst = 1 if `cond` holds, else 0 (setcc + movzx); the flags are read, not changed. */
export function emitSetCond(ctx: NumericContext, cond: Cond, dst: Gpr): void {
  setcc(ctx.b, cond, dst);
  movzxRR(ctx.b, 32, 8, dst, dst);
}

/** dst = `lhs op rhs` as 0 or 1. dst may be lhs, rhs or another register. */
export function emitIntCompareToReg(ctx: NumericContext, op: IntCompareOp, w: Width, dst: Gpr, lhs: Gpr, rhs: Gpr): void {
  const b = ctx.b;
  if (dst !== lhs && dst !== rhs) {
    // Zeroing first (it must precede the compare: xor sets flags) spares the movzx.
    aluRR(b, Alu.xor, 32, dst, dst);
    aluRR(b, Alu.cmp, w, lhs, rhs);
    setcc(b, COMPARE_COND[op]!, dst);
  } else {
    emitSetCond(ctx, emitIntCompare(ctx, op, w, lhs, rhs), dst);
  }
}

/** dst = `lhs op imm` as 0 or 1. dst may be lhs. */
export function emitIntCompareImmToReg(ctx: NumericContext, op: IntCompareOp, w: Width, dst: Gpr, lhs: Gpr, imm: number): void {
  if (dst !== lhs) {
    aluRR(ctx.b, Alu.xor, 32, dst, dst);
    setcc(ctx.b, emitIntCompareImm(ctx, op, w, lhs, imm), dst);
  } else {
    emitSetCond(ctx, emitIntCompareImm(ctx, op, w, lhs, imm), dst);
  }
}

/** dst = eqz(src) as 0 or 1. dst may be src. */
export function emitIntEqzToReg(ctx: NumericContext, w: Width, dst: Gpr, src: Gpr): void {
  if (dst !== src) {
    aluRR(ctx.b, Alu.xor, 32, dst, dst);
    testRR(ctx.b, w, src, src);
    setcc(ctx.b, Cond.e, dst);
  } else {
    emitSetCond(ctx, emitIntEqz(ctx, w, src), dst);
  }
}

// ---- clz, ctz, popcnt -----------------------------------------------------------------

export const IntUnary = { clz: 0, ctz: 1, popcnt: 2 } as const;
export type IntUnaryOp = (typeof IntUnary)[keyof typeof IntUnary];

/**
 * dst = clz/ctz/popcnt(src); dst may equal src. x86-64-v3 has lzcnt and tzcnt, which are
 * clz and ctz (the width for 0). x86-64-v2 has popcnt but not them, so clz and ctz use
 * bsr/bsf, which leave dst undefined and set ZF for 0:
 *   clz: bsr gives 31 - clz (63 - clz); xor with 31 (63) turns it into clz, and a zero
 *        input takes 63 (127) instead, which the xor turns into 32 (64).
 *   ctz: bsf is ctz; a zero input takes the width.
 * The 32-bit cmov and xor are enough for w = 64 too (the counts are small), and a 32-bit
 * cmov writes (zero-extends) dst even when its condition is false.
 */
export function emitIntUnary(ctx: NumericContext, op: IntUnaryOp, w: Width, dst: Gpr, src: Gpr): void {
  const b = ctx.b;
  if (op === IntUnary.popcnt) {
    popcnt(b, w, dst, src);
  } else if (ctx.cpuLevel >= 3) {
    if (op === IntUnary.clz) lzcnt(b, w, dst, src);
    else tzcnt(b, w, dst, src);
  } else if (op === IntUnary.clz) {
    movRI(b, 32, r11, 2 * w - 1);
    bsr(b, w, dst, src);
    cmovRR(b, Cond.e, 32, dst, r11);
    aluRI(b, Alu.xor, 32, dst, w - 1);
  } else {
    movRI(b, 32, r11, w);
    bsf(b, w, dst, src);
    cmovRR(b, Cond.e, 32, dst, r11);
  }
}

// ---- wrap and extensions --------------------------------------------------------------

/** Integer width conversions; the width passed along is the result's. */
export const IntExtend = {
  /** i32.wrap_i64 */
  wrap: 0,
  /** i64.extend_i32_s */
  extend_i32_s: 1,
  /** i64.extend_i32_u */
  extend_i32_u: 2,
  /** i32/i64.extend8_s */
  extend8_s: 3,
  /** i32/i64.extend16_s */
  extend16_s: 4,
  /** i64.extend32_s */
  extend32_s: 5,
} as const;
export type IntExtendOp = (typeof IntExtend)[keyof typeof IntExtend];

/**
 * dst = wrap/extend(src), `w` being the result's width; dst may equal src. wrap and
 * extend_i32_u are a 32-bit mov, emitted even when dst = src: it is what clears the upper
 * half (the core may skip it when it knows the upper half of src is zero already).
 */
export function emitIntExtend(ctx: NumericContext, op: IntExtendOp, w: Width, dst: Gpr, src: Gpr): void {
  const b = ctx.b;
  switch (op) {
    case IntExtend.wrap:
    case IntExtend.extend_i32_u:
      movRR(b, 32, dst, src);
      break;
    case IntExtend.extend_i32_s:
    case IntExtend.extend32_s:
      movsxdRR(b, dst, src);
      break;
    case IntExtend.extend8_s:
      movsxRR(b, w, 8, dst, src);
      break;
    case IntExtend.extend16_s:
      movsxRR(b, w, 16, dst, src);
      break;
  }
}
