/**
 * The byte-level encoding shared by every instruction (Intel SDM vol. 2, chapter 2):
 *
 *   [prefix] [REX] opcode ModRM [SIB] [disp8|disp32] [imm]          legacy
 *   VEX (2 or 3 bytes)  opcode ModRM [SIB] [disp8|disp32] [imm]      AVX (`emitVex*`)
 *
 * The pure functions (`rex`, `modrm`, `sib`, `modFor`) compute single bytes and fields; the
 * emitters below assemble whole instructions from an `Op`, a packed description of the
 * instruction form:
 *
 *   bits 0-7   last opcode byte
 *   bits 8-9   opcode map: none, 0F, 0F 38, 0F 3A
 *   bits 10-11 mandatory or operand-size prefix: none, 66, F3, F2
 *   bit  12    REX.W
 *   bit  13    the ModRM.reg operand is a byte register
 *   bit  14    the ModRM.rm operand is a byte register
 *
 * Rules the emitters keep:
 * - the prefix comes before REX, and REX immediately before the opcode;
 * - REX is emitted only when a bit of it is set, or when a byte operand is register 4..7
 *   (without REX those encode ah/ch/dh/bh; with any REX they are spl/bpl/sil/dil);
 * - rsp and r12 as a base need a SIB byte (rm = 100 means "SIB follows");
 * - rbp and r13 as a base need a displacement (mod = 00 with base 101 means "no base" in
 *   a SIB byte and "RIP-relative" in ModRM), so a zero displacement becomes disp8 0;
 * - an index of rsp is impossible (SIB index 100 means none; address.ts rejects it);
 * - a VEX form takes the same `Op` (its prefix and map fields become VEX's pp and m-mmmm)
 *   and one more register, vvvv; ModRM, SIB and displacement are the legacy ones.
 */
import { NONE, RIP_FLAG, type Addr } from './address.js';
import { AssemblerError, REL32, type CodeBuffer, type Label } from './buffer.js';

export type Op = number;

export const MAP_0F = 1 << 8;
export const MAP_0F38 = 2 << 8;
export const MAP_0F3A = 3 << 8;
export const P66 = 1 << 10;
export const PF3 = 2 << 10;
export const PF2 = 3 << 10;
export const W = 1 << 12;
export const REG8 = 1 << 13;
export const RM8 = 1 << 14;

const PREFIX_BYTE = [0, 0x66, 0xf3, 0xf2];

/** The REX byte for the given W, R, X, B bits (each 0 or 1). */
export function rex(w: number, r: number, x: number, b: number): number {
  return 0x40 | (w << 3) | (r << 2) | (x << 1) | b;
}

export function modrm(mod: number, reg: number, rm: number): number {
  return (mod << 6) | ((reg & 7) << 3) | (rm & 7);
}

export function sib(scaleLog2: number, index: number, base: number): number {
  return (scaleLog2 << 6) | ((index & 7) << 3) | (base & 7);
}

export function fitsI8(v: number): boolean {
  return v >= -128 && v <= 127;
}

/** Whether a byte-register operand needs a REX prefix to mean spl/bpl/sil/dil. */
export function byteRegNeedsRex(r: number): boolean {
  return r >= 4 && r < 8;
}

/** ModRM.mod for a base register and displacement: 0 (none), 1 (disp8) or 2 (disp32). */
export function modFor(base: number, disp: number): number {
  if (disp === 0 && (base & 7) !== 5) return 0;
  return fitsI8(disp) ? 1 : 2;
}

/**
 * Prefix, REX and opcode of `op` at `p`; returns the position after them. `rexLow` holds
 * REX.R/X/B; `force` asks for a REX even when no bit is set.
 */
function head(b: Uint8Array, p: number, op: Op, rexLow: number, force: boolean): number {
  const prefix = (op >> 10) & 3;
  if (prefix !== 0) b[p++] = PREFIX_BYTE[prefix]!;
  const rexBits = ((op >> 9) & 8) | rexLow;
  if (rexBits !== 0 || force) b[p++] = 0x40 | rexBits;
  const map = (op >> 8) & 3;
  if (map !== 0) {
    b[p++] = 0x0f;
    if (map === 2) b[p++] = 0x38;
    else if (map === 3) b[p++] = 0x3a;
  }
  b[p++] = op & 0xff;
  return p;
}

function imm(b: Uint8Array, p: number, size: number, v: number): number {
  if (size === 0) return p;
  b[p++] = v;
  if (size === 1) return p;
  b[p++] = v >>> 8;
  if (size === 2) return p;
  b[p++] = v >>> 16;
  b[p++] = v >>> 24;
  return p;
}

/** `op reg, rm` with both operands registers (ModRM.mod = 11), then an immediate. */
export function emitRR(buf: CodeBuffer, op: Op, reg: number, rm: number, immSize = 0, immValue = 0): void {
  buf.ensure(16);
  const b = buf.bytes;
  const force = ((op & REG8) !== 0 && byteRegNeedsRex(reg)) || ((op & RM8) !== 0 && byteRegNeedsRex(rm));
  let p = head(b, buf.length, op, ((reg >> 1) & 4) | (rm >> 3), force);
  b[p++] = 0xc0 | ((reg & 7) << 3) | (rm & 7);
  buf.length = imm(b, p, immSize, immValue);
}

/**
 * `op reg, [addr + disp]`, then an immediate of `immSize` bytes. `reg` may also be an
 * opcode extension (/0../7).
 */
export function emitRM(
  buf: CodeBuffer,
  op: Op,
  reg: number,
  addr: Addr,
  disp: number,
  immSize = 0,
  immValue = 0,
): void {
  if ((disp | 0) !== disp) throw new AssemblerError(`displacement ${disp} does not fit in 32 bits`);
  buf.ensure(16);
  const force = (op & REG8) !== 0 && byteRegNeedsRex(reg);
  const p = head(buf.bytes, buf.length, op, addressRex(reg, addr), force);
  finishRM(buf, p, reg, addr, disp, immSize, immValue);
}

/** REX.R, REX.X and REX.B of `reg` and the registers of a memory operand. */
function addressRex(reg: number, addr: Addr): number {
  const r = (reg >> 1) & 4;
  if (addr < 0 || (addr & RIP_FLAG) !== 0) return r;
  const base = addr & 31;
  const index = (addr >> 5) & 31;
  const x = index === NONE ? 0 : (index >> 3) << 1;
  return base === NONE ? r | x : r | x | (base >> 3);
}

/**
 * ModRM, SIB, displacement and immediate of a memory operand, from `p` (just after the
 * opcode); sets the buffer's length and records a label's fixup.
 */
function finishRM(buf: CodeBuffer, p: number, reg: number, addr: Addr, disp: number, immSize: number, immValue: number): void {
  const b = buf.bytes;
  if (addr < 0 || (addr & RIP_FLAG) !== 0) {
    // mod = 00, rm = 101: [rip + disp32], relative to the end of the instruction.
    b[p++] = modrm(0, reg, 5);
    const at = p;
    p = imm(b, p, 4, addr < 0 ? 0 : disp);
    buf.length = imm(b, p, immSize, immValue);
    if (addr < 0) buf.useLabel(~addr as Label, REL32, at, at + 4 + immSize, disp);
    return;
  }

  const base = addr & 31;
  const index = (addr >> 5) & 31;
  const scale = (addr >> 10) & 3;

  if (base === NONE) {
    // mod = 00, rm = 100, SIB base = 101: [index*scale + disp32].
    b[p++] = modrm(0, reg, 4);
    b[p++] = sib(scale, index, 5);
    p = imm(b, p, 4, disp);
    buf.length = imm(b, p, immSize, immValue);
    return;
  }

  const mod = modFor(base, disp);
  if (index === NONE && (base & 7) !== 4) {
    b[p++] = modrm(mod, reg, base);
  } else {
    b[p++] = modrm(mod, reg, 4);
    b[p++] = sib(scale, index === NONE ? 4 : index, base);
  }
  if (mod === 1) b[p++] = disp;
  else if (mod === 2) p = imm(b, p, 4, disp);
  buf.length = imm(b, p, immSize, immValue);
}

// ---- VEX --------------------------------------------------------------------------------

/**
 * The VEX prefix (AVX) of `op`, then its opcode, at `p`; returns the position after them.
 * The prefix carries what REX, the mandatory prefix and the opcode map carry in the legacy
 * encoding, inverted where the SDM says so, plus `vvvv`, an extra source register
 * (non-destructive three-operand forms), and L = 0 (128-bit vectors only):
 *
 *   C5  R̄ v̄v̄v̄v̄ L pp                     when the map is 0F, W = 0 and X, B are unused
 *   C4  R̄ X̄ B̄ m-mmmm   W v̄v̄v̄v̄ L pp      otherwise
 *
 * pp and m-mmmm are the `Op` fields themselves: pp none/66/F3/F2 = 0..3, maps 0F/0F38/0F3A
 * = 1..3. The byte-register flags of `Op` do not apply (VEX implies REX semantics).
 */
function vexHead(b: Uint8Array, p: number, op: Op, rexLow: number, vvvv: number): number {
  const pp = (op >> 10) & 3;
  const map = (op >> 8) & 3;
  const w = (op >> 12) & 1;
  const notR = ((rexLow >> 2) & 1) ^ 1;
  const notX = ((rexLow >> 1) & 1) ^ 1;
  const notB = (rexLow & 1) ^ 1;
  const v = (~vvvv & 15) << 3;
  if (map === 1 && w === 0 && notX === 1 && notB === 1) {
    b[p++] = 0xc5;
    b[p++] = (notR << 7) | v | pp;
  } else {
    b[p++] = 0xc4;
    b[p++] = (notR << 7) | (notX << 6) | (notB << 5) | map;
    b[p++] = (w << 7) | v | pp;
  }
  b[p++] = op & 0xff;
  return p;
}

/** VEX `op reg, vvvv, rm` with every operand a register, then an immediate. */
export function emitVexRR(buf: CodeBuffer, op: Op, reg: number, vvvv: number, rm: number, immSize = 0, immValue = 0): void {
  buf.ensure(16);
  const b = buf.bytes;
  let p = vexHead(b, buf.length, op, ((reg >> 1) & 4) | (rm >> 3), vvvv);
  b[p++] = 0xc0 | ((reg & 7) << 3) | (rm & 7);
  buf.length = imm(b, p, immSize, immValue);
}

/** VEX `op reg, vvvv, [addr + disp]`, then an immediate. */
export function emitVexRM(
  buf: CodeBuffer,
  op: Op,
  reg: number,
  vvvv: number,
  addr: Addr,
  disp: number,
  immSize = 0,
  immValue = 0,
): void {
  if ((disp | 0) !== disp) throw new AssemblerError(`displacement ${disp} does not fit in 32 bits`);
  buf.ensure(16);
  const p = vexHead(buf.bytes, buf.length, op, addressRex(reg, addr), vvvv);
  finishRM(buf, p, reg, addr, disp, immSize, immValue);
}

/** An opcode with the register in its low three bits (push, pop, mov r, imm), then an immediate. */
export function emitO(buf: CodeBuffer, op: Op, reg: number, immSize = 0, immValue = 0): void {
  buf.ensure(16);
  const b = buf.bytes;
  const p = head(b, buf.length, op + (reg & 7), reg >> 3, false);
  buf.length = imm(b, p, immSize, immValue);
}

/** An instruction without operands (opcode and prefixes only). */
export function emitOp(buf: CodeBuffer, op: Op): void {
  buf.ensure(16);
  buf.length = head(buf.bytes, buf.length, op, 0, false);
}
