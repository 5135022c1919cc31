/**
 * General-purpose instructions. Every function appends one instruction to the buffer; the
 * suffix names the operand kinds in Intel order (destination first): R register, M memory
 * (`addr` + `disp`, see address.ts), I immediate. `w` is the operand width, 32 or 64; a
 * 32-bit result zero-extends into the whole 64-bit register, as the hardware does.
 *
 * 32-bit immediates may be given signed or unsigned (`0xffffffff` and `-1` encode alike).
 * A 64-bit instruction sign-extends its 32-bit immediate, so there the value must lie in
 * the int32 range; wider constants go through `movabs`/`movImm64`.
 */
import type { Addr } from './address.js';
import { AssemblerError, type CodeBuffer } from './buffer.js';
import type { Cond } from './conditions.js';
import { MAP_0F, P66, PF3, REG8, RM8, W, emitO, emitOp, emitRM, emitRR, fitsI8, type Op } from './encoding.js';
import type { Gpr, Size, Width } from './registers.js';

const wide = (w: Width): Op => (w === 64 ? W : 0);

/** The immediate as an int32, checked against what the width can encode. */
function imm32(w: Width, v: number): number {
  if (w === 64 ? (v | 0) !== v : !(Number.isInteger(v) && v >= -0x80000000 && v <= 0xffffffff)) {
    throw new AssemblerError(`immediate ${v} does not fit a ${w}-bit instruction`);
  }
  return v | 0;
}

function imm8(v: number): number {
  if (!(Number.isInteger(v) && v >= 0 && v <= 255)) throw new AssemblerError(`immediate ${v} is not a byte`);
  return v;
}

// ---- moves ---------------------------------------------------------------------------

/** mov dst, src (89 /r). */
export function movRR(b: CodeBuffer, w: Width, dst: Gpr, src: Gpr): void {
  emitRR(b, 0x89 | wide(w), src, dst);
}

/** mov dst, [mem] (8B /r). */
export function movRM(b: CodeBuffer, w: Width, dst: Gpr, addr: Addr, disp: number): void {
  emitRM(b, 0x8b | wide(w), dst, addr, disp);
}

/** mov [mem], src of 8, 16, 32 or 64 bits (88 /r, 66 89 /r, 89 /r, REX.W 89 /r). */
export function movMR(b: CodeBuffer, size: Size, addr: Addr, disp: number, src: Gpr): void {
  const op = size === 8 ? 0x88 | REG8 : size === 16 ? 0x89 | P66 : size === 32 ? 0x89 : 0x89 | W;
  emitRM(b, op, src, addr, disp);
}

/**
 * mov [mem], imm of 8, 16, 32 or 64 bits (C6 /0 ib, 66 C7 /0 iw, C7 /0 id, REX.W C7 /0 id
 * sign-extended). The immediate is truncated to 8 and 16 bits for the narrow stores.
 */
export function movMI(b: CodeBuffer, size: Size, addr: Addr, disp: number, imm: number): void {
  if (size === 8) emitRM(b, 0xc6, 0, addr, disp, 1, imm);
  else if (size === 16) emitRM(b, 0xc7 | P66, 0, addr, disp, 2, imm);
  else emitRM(b, 0xc7 | wide(size), 0, addr, disp, 4, imm32(size, imm));
}

/**
 * mov dst, imm32. For w = 32, B8+r id (zero-extended into the 64-bit register); for
 * w = 64, REX.W C7 /0 id (sign-extended).
 */
export function movRI(b: CodeBuffer, w: Width, dst: Gpr, imm: number): void {
  if (w === 32) emitO(b, 0xb8, dst, 4, imm32(32, imm));
  else emitRR(b, 0xc7 | W, 0, dst, 4, imm32(64, imm));
}

/** movabs dst, imm64 (REX.W B8+r io), from the two 32-bit halves. */
export function movabs(b: CodeBuffer, dst: Gpr, lo: number, hi: number): void {
  emitO(b, 0xb8 | W, dst);
  b.u64(lo, hi);
}

/** The shortest of the three forms that loads the 64-bit constant (hi:lo) into dst. */
export function movImm64(b: CodeBuffer, dst: Gpr, lo: number, hi: number): void {
  lo |= 0;
  hi |= 0;
  if (hi === 0) movRI(b, 32, dst, lo >>> 0);
  else if (hi === lo >> 31) movRI(b, 64, dst, lo);
  else movabs(b, dst, lo, hi);
}

/** movzx dst, src8/src16 (0F B6 /r, 0F B7 /r). */
export function movzxRR(b: CodeBuffer, w: Width, from: 8 | 16, dst: Gpr, src: Gpr): void {
  emitRR(b, (from === 8 ? 0xb6 | RM8 : 0xb7) | MAP_0F | wide(w), dst, src);
}

export function movzxRM(b: CodeBuffer, w: Width, from: 8 | 16, dst: Gpr, addr: Addr, disp: number): void {
  emitRM(b, (from === 8 ? 0xb6 : 0xb7) | MAP_0F | wide(w), dst, addr, disp);
}

/** movsx dst, src8/src16 (0F BE /r, 0F BF /r). */
export function movsxRR(b: CodeBuffer, w: Width, from: 8 | 16, dst: Gpr, src: Gpr): void {
  emitRR(b, (from === 8 ? 0xbe | RM8 : 0xbf) | MAP_0F | wide(w), dst, src);
}

export function movsxRM(b: CodeBuffer, w: Width, from: 8 | 16, dst: Gpr, addr: Addr, disp: number): void {
  emitRM(b, (from === 8 ? 0xbe : 0xbf) | MAP_0F | wide(w), dst, addr, disp);
}

/** movsxd dst64, src32 (REX.W 63 /r). */
export function movsxdRR(b: CodeBuffer, dst: Gpr, src: Gpr): void {
  emitRR(b, 0x63 | W, dst, src);
}

export function movsxdRM(b: CodeBuffer, dst: Gpr, addr: Addr, disp: number): void {
  emitRM(b, 0x63 | W, dst, addr, disp);
}

/** lea dst, [mem] (8D /r). */
export function lea(b: CodeBuffer, w: Width, dst: Gpr, addr: Addr, disp: number): void {
  emitRM(b, 0x8d | wide(w), dst, addr, disp);
}

/** xchg a, c (87 /r). */
export function xchg(b: CodeBuffer, w: Width, a: Gpr, c: Gpr): void {
  emitRR(b, 0x87 | wide(w), c, a);
}

/** push r64 (50+r). */
export function push(b: CodeBuffer, r: Gpr): void {
  emitO(b, 0x50, r);
}

/** pop r64 (58+r). */
export function pop(b: CodeBuffer, r: Gpr): void {
  emitO(b, 0x58, r);
}

// ---- arithmetic and logic ------------------------------------------------------------

/** The eight classic ALU operations; the value is both the /digit and opcode bits 3-5. */
export const Alu = { add: 0, or: 1, adc: 2, sbb: 3, and: 4, sub: 5, xor: 6, cmp: 7 } as const;
export type AluOp = (typeof Alu)[keyof typeof Alu];

/** op dst, src (01/09/.../39 /r: the r/m, reg form). */
export function aluRR(b: CodeBuffer, op: AluOp, w: Width, dst: Gpr, src: Gpr): void {
  emitRR(b, ((op << 3) | 1) | wide(w), src, dst);
}

/** op dst, [mem] (03/0B/.../3B /r). */
export function aluRM(b: CodeBuffer, op: AluOp, w: Width, dst: Gpr, addr: Addr, disp: number): void {
  emitRM(b, ((op << 3) | 3) | wide(w), dst, addr, disp);
}

/** op [mem], src (01/09/.../39 /r). */
export function aluMR(b: CodeBuffer, op: AluOp, w: Width, addr: Addr, disp: number, src: Gpr): void {
  emitRM(b, ((op << 3) | 1) | wide(w), src, addr, disp);
}

/** op dst, imm: 83 /op ib when the immediate fits a signed byte, else 81 /op id. */
export function aluRI(b: CodeBuffer, op: AluOp, w: Width, dst: Gpr, imm: number): void {
  const v = imm32(w, imm);
  if (fitsI8(v)) emitRR(b, 0x83 | wide(w), op, dst, 1, v);
  else emitRR(b, 0x81 | wide(w), op, dst, 4, v);
}

/**
 * op dst, imm32 always in the 81 /op id form, so that the immediate can be patched later
 * (e.g. `sub rsp, frameSize`). Returns the offset of the immediate field.
 */
export function aluRI32(b: CodeBuffer, op: AluOp, w: Width, dst: Gpr, imm: number): number {
  emitRR(b, 0x81 | wide(w), op, dst, 4, imm32(w, imm));
  return b.length - 4;
}

/** op [mem], imm (83 /op ib or 81 /op id). */
export function aluMI(b: CodeBuffer, op: AluOp, w: Width, addr: Addr, disp: number, imm: number): void {
  const v = imm32(w, imm);
  if (fitsI8(v)) emitRM(b, 0x83 | wide(w), op, addr, disp, 1, v);
  else emitRM(b, 0x81 | wide(w), op, addr, disp, 4, v);
}

/** test a, c (85 /r). */
export function testRR(b: CodeBuffer, w: Width, a: Gpr, c: Gpr): void {
  emitRR(b, 0x85 | wide(w), c, a);
}

/** test r, [mem] (85 /r; the operation is symmetric). */
export function testRM(b: CodeBuffer, w: Width, r: Gpr, addr: Addr, disp: number): void {
  emitRM(b, 0x85 | wide(w), r, addr, disp);
}

/** test r, imm32 (F7 /0 id). */
export function testRI(b: CodeBuffer, w: Width, r: Gpr, imm: number): void {
  emitRR(b, 0xf7 | wide(w), 0, r, 4, imm32(w, imm));
}

/** imul dst, src (0F AF /r). */
export function imulRR(b: CodeBuffer, w: Width, dst: Gpr, src: Gpr): void {
  emitRR(b, 0xaf | MAP_0F | wide(w), dst, src);
}

export function imulRM(b: CodeBuffer, w: Width, dst: Gpr, addr: Addr, disp: number): void {
  emitRM(b, 0xaf | MAP_0F | wide(w), dst, addr, disp);
}

/** imul dst, src, imm (6B /r ib or 69 /r id). */
export function imulRRI(b: CodeBuffer, w: Width, dst: Gpr, src: Gpr, imm: number): void {
  const v = imm32(w, imm);
  if (fitsI8(v)) emitRR(b, 0x6b | wide(w), dst, src, 1, v);
  else emitRR(b, 0x69 | wide(w), dst, src, 4, v);
}

// Group 3 (F7 /digit): one register operand; mul/div/idiv work on rdx:rax.

/** not r (F7 /2). */
export function not(b: CodeBuffer, w: Width, r: Gpr): void {
  emitRR(b, 0xf7 | wide(w), 2, r);
}

/** neg r (F7 /3). */
export function neg(b: CodeBuffer, w: Width, r: Gpr): void {
  emitRR(b, 0xf7 | wide(w), 3, r);
}

/** mul src: rdx:rax = rax * src, unsigned (F7 /4). */
export function mul(b: CodeBuffer, w: Width, src: Gpr): void {
  emitRR(b, 0xf7 | wide(w), 4, src);
}

/** div src: rax = rdx:rax / src, rdx = remainder, unsigned (F7 /6). */
export function div(b: CodeBuffer, w: Width, src: Gpr): void {
  emitRR(b, 0xf7 | wide(w), 6, src);
}

/** idiv src: signed division of rdx:rax (F7 /7). */
export function idiv(b: CodeBuffer, w: Width, src: Gpr): void {
  emitRR(b, 0xf7 | wide(w), 7, src);
}

/** cdq: edx = sign of eax (99). */
export function cdq(b: CodeBuffer): void {
  emitOp(b, 0x99);
}

/** cqo: rdx = sign of rax (REX.W 99). */
export function cqo(b: CodeBuffer): void {
  emitOp(b, 0x99 | W);
}

/** Shifts and rotates; the value is the /digit of C1 and D3. */
export const Shift = { rol: 0, ror: 1, shl: 4, shr: 5, sar: 7 } as const;
export type ShiftOp = (typeof Shift)[keyof typeof Shift];

/** op r, cl (D3 /op). The hardware masks the count to 5 or 6 bits. */
export function shiftRCl(b: CodeBuffer, op: ShiftOp, w: Width, r: Gpr): void {
  emitRR(b, 0xd3 | wide(w), op, r);
}

/** op r, imm8 (C1 /op ib). */
export function shiftRI(b: CodeBuffer, op: ShiftOp, w: Width, r: Gpr, count: number): void {
  emitRR(b, 0xc1 | wide(w), op, r, 1, imm8(count));
}

// ---- bit counting --------------------------------------------------------------------

/** lzcnt dst, src (F3 0F BD /r; LZCNT extension). */
export function lzcnt(b: CodeBuffer, w: Width, dst: Gpr, src: Gpr): void {
  emitRR(b, 0xbd | MAP_0F | PF3 | wide(w), dst, src);
}

/** tzcnt dst, src (F3 0F BC /r; BMI1). */
export function tzcnt(b: CodeBuffer, w: Width, dst: Gpr, src: Gpr): void {
  emitRR(b, 0xbc | MAP_0F | PF3 | wide(w), dst, src);
}

/** popcnt dst, src (F3 0F B8 /r; POPCNT extension). */
export function popcnt(b: CodeBuffer, w: Width, dst: Gpr, src: Gpr): void {
  emitRR(b, 0xb8 | MAP_0F | PF3 | wide(w), dst, src);
}

/** bsr dst, src (0F BD /r): index of the highest set bit; dst undefined and ZF set if src is 0. */
export function bsr(b: CodeBuffer, w: Width, dst: Gpr, src: Gpr): void {
  emitRR(b, 0xbd | MAP_0F | wide(w), dst, src);
}

/** bsf dst, src (0F BC /r): index of the lowest set bit; dst undefined and ZF set if src is 0. */
export function bsf(b: CodeBuffer, w: Width, dst: Gpr, src: Gpr): void {
  emitRR(b, 0xbc | MAP_0F | wide(w), dst, src);
}

/** Bit tests with an immediate bit index; the value is the /digit of 0F BA. */
export const BitTest = { bt: 4, bts: 5, btr: 6, btc: 7 } as const;
export type BitTestOp = (typeof BitTest)[keyof typeof BitTest];

/**
 * bt/bts/btr/btc r, imm8 (0F BA /4../7 ib): CF = bit `bit` of r, then (bts, btr, btc) the
 * bit is set, cleared or complemented. The index must be below the width (the hardware
 * would take it modulo the width).
 */
export function bitTestRI(b: CodeBuffer, op: BitTestOp, w: Width, r: Gpr, bit: number): void {
  if (!(Number.isInteger(bit) && bit >= 0 && bit < w)) throw new AssemblerError(`bit index ${bit} is not below ${w}`);
  emitRR(b, 0xba | MAP_0F | wide(w), op, r, 1, bit);
}

// ---- conditions ----------------------------------------------------------------------

/** setcc dst8 (0F 90+cc /0); only the low byte of dst is written. */
export function setcc(b: CodeBuffer, cc: Cond, dst: Gpr): void {
  emitRR(b, (0x90 + cc) | MAP_0F | RM8, 0, dst);
}

/** cmovcc dst, src (0F 40+cc /r). */
export function cmovRR(b: CodeBuffer, cc: Cond, w: Width, dst: Gpr, src: Gpr): void {
  emitRR(b, (0x40 + cc) | MAP_0F | wide(w), dst, src);
}

export function cmovRM(b: CodeBuffer, cc: Cond, w: Width, dst: Gpr, addr: Addr, disp: number): void {
  emitRM(b, (0x40 + cc) | MAP_0F | wide(w), dst, addr, disp);
}
