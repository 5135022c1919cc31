/**
 * Control transfer and padding: jumps, calls, returns, traps, NOPs.
 *
 * Branch size. `jmp` and `jcc` to a bound label (a backward branch) know the distance
 * and take the 2-byte rel8 form when it reaches, else the rel32 form. To an unbound label
 * they take the rel32 form; `jmpShort`/`jccShort` promise the target is within reach of a
 * rel8, which `CodeBuffer.finish` checks. The `Near` variants always take rel32, for code
 * whose length must not depend on where the target is.
 */
import type { Addr } from './address.js';
import { REL32, REL8, type CodeBuffer, type Label } from './buffer.js';
import type { Cond } from './conditions.js';
import { emitOp, emitRM, emitRR, fitsI8 } from './encoding.js';
import type { Gpr } from './registers.js';

/** Opcode, then a rel8 field that refers to `label`. */
function rel8(b: CodeBuffer, opcode: number, label: Label): void {
  b.ensure(2);
  b.bytes[b.length] = opcode;
  b.bytes[b.length + 1] = 0;
  b.length += 2;
  b.useLabel(label, REL8, b.length - 1, b.length);
}

/** Opcode bytes (one or two, big-endian in `opcode`), then a rel32 field that refers to `label`. */
function rel32(b: CodeBuffer, opcode: number, label: Label): void {
  if (opcode > 0xff) b.u8(opcode >>> 8);
  b.u8(opcode & 0xff);
  b.u32(0);
  b.useLabel(label, REL32, b.length - 4, b.length);
}

/**
 * A backward branch in its short form (`short` opcode, 2 bytes) when it reaches, else its
 * near form (`near` opcode, `nearLength` bytes in all). Returns false if `label` is unbound.
 */
function backward(b: CodeBuffer, short: number, near: number, nearLength: number, label: Label): boolean {
  const target = b.labelOffset(label);
  if (target < 0) return false;
  const d8 = target - (b.length + 2);
  if (fitsI8(d8)) {
    b.u8(short);
    b.u8(d8);
  } else {
    const d32 = target - (b.length + nearLength);
    if (near > 0xff) b.u8(near >>> 8);
    b.u8(near & 0xff);
    b.u32(d32);
  }
  return true;
}

/** jmp label: EB cb backward when it reaches, else E9 cd. */
export function jmp(b: CodeBuffer, label: Label): void {
  if (!backward(b, 0xeb, 0xe9, 5, label)) rel32(b, 0xe9, label);
}

/** jmp rel8 (EB cb); the target must be within -128..127 bytes of the next instruction. */
export function jmpShort(b: CodeBuffer, label: Label): void {
  rel8(b, 0xeb, label);
}

/** jmp rel32 (E9 cd). */
export function jmpNear(b: CodeBuffer, label: Label): void {
  rel32(b, 0xe9, label);
}

/** jcc label: 70+cc cb backward when it reaches, else 0F 80+cc cd. */
export function jcc(b: CodeBuffer, cc: Cond, label: Label): void {
  if (!backward(b, 0x70 + cc, 0x0f80 + cc, 6, label)) rel32(b, 0x0f80 + cc, label);
}

/** jcc rel8 (70+cc cb). */
export function jccShort(b: CodeBuffer, cc: Cond, label: Label): void {
  rel8(b, 0x70 + cc, label);
}

/** jcc rel32 (0F 80+cc cd). */
export function jccNear(b: CodeBuffer, cc: Cond, label: Label): void {
  rel32(b, 0x0f80 + cc, label);
}

/** call label (E8 cd). */
export function call(b: CodeBuffer, label: Label): void {
  rel32(b, 0xe8, label);
}

/**
 * call rel32 (E8 cd) with a displacement resolved elsewhere (e.g. a call to another
 * function, resolved when the module's functions are laid out). Returns the offset of the
 * displacement field.
 */
export function callRel32(b: CodeBuffer, disp: number): number {
  b.u8(0xe8);
  b.u32(disp);
  return b.length - 4;
}

/** call r64 (FF /2). */
export function callR(b: CodeBuffer, r: Gpr): void {
  emitRR(b, 0xff, 2, r);
}

/** call [mem] (FF /2). */
export function callM(b: CodeBuffer, addr: Addr, disp: number): void {
  emitRM(b, 0xff, 2, addr, disp);
}

/** jmp r64 (FF /4). */
export function jmpR(b: CodeBuffer, r: Gpr): void {
  emitRR(b, 0xff, 4, r);
}

/** jmp [mem] (FF /4). */
export function jmpM(b: CodeBuffer, addr: Addr, disp: number): void {
  emitRM(b, 0xff, 4, addr, disp);
}

/** ret (C3). */
export function ret(b: CodeBuffer): void {
  emitOp(b, 0xc3);
}

/** ud2 (0F 0B): raises #UD; the trap instruction of explicit checks. */
export function ud2(b: CodeBuffer): void {
  b.u8(0x0f);
  b.u8(0x0b);
}

/** int3 (CC): breakpoint. */
export function int3(b: CodeBuffer): void {
  emitOp(b, 0xcc);
}

/** `size` bytes of NOPs (multi-byte forms, as few instructions as possible). */
export function nop(b: CodeBuffer, size = 1): void {
  b.nops(size);
}

/** Pad with NOPs to a multiple of `alignment` (e.g. 16 before a loop header or a function). */
export function align(b: CodeBuffer, alignment: number): void {
  b.align(alignment);
}
