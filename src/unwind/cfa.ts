/**
 * Call frame instructions (DWARF 5 section 6.4.2, encodings in table 7.29), each appended
 * to a `ByteWriter`. Only what a frame-pointer function needs, always in its shortest form.
 *
 * The primary opcodes keep an operand in their low six bits (advance_loc: a code delta;
 * offset and restore: a register); the others are one byte followed by LEB128 operands.
 * Code deltas are in units of the CIE's code alignment (1: bytes); register save offsets
 * are in units of its data alignment (-8), so "at CFA-16" is the factored offset 2.
 */
import type { DwarfReg } from './registers.js';
import type { ByteWriter } from './writer.js';

/** The CIE's code alignment factor: code deltas are in bytes. */
export const CODE_ALIGN = 1;
/** The CIE's data alignment factor: saved registers sit in 8-byte slots below the CFA. */
export const DATA_ALIGN = -8;

export const DW_CFA_advance_loc = 0x40; // | delta (6 bits)
export const DW_CFA_offset = 0x80; // | register (6 bits), ULEB128 factored offset
export const DW_CFA_restore = 0xc0; // | register (6 bits)
export const DW_CFA_nop = 0x00;
export const DW_CFA_advance_loc1 = 0x02;
export const DW_CFA_advance_loc2 = 0x03;
export const DW_CFA_advance_loc4 = 0x04;
export const DW_CFA_offset_extended = 0x05;
export const DW_CFA_restore_extended = 0x06;
export const DW_CFA_remember_state = 0x0a;
export const DW_CFA_restore_state = 0x0b;
export const DW_CFA_def_cfa = 0x0c;
export const DW_CFA_def_cfa_register = 0x0d;
export const DW_CFA_def_cfa_offset = 0x0e;
export const DW_CFA_offset_extended_sf = 0x11;

/** Move the location forward by `delta` bytes (nothing for 0): the next row starts there. */
export function advanceLoc(w: ByteWriter, delta: number): void {
  if (!Number.isInteger(delta) || delta < 0 || delta > 0xffffffff) throw new Error(`unwind: code advance ${delta}`);
  if (delta === 0) return;
  if (delta < 0x40) {
    w.u8(DW_CFA_advance_loc | delta);
  } else if (delta <= 0xff) {
    w.u8(DW_CFA_advance_loc1);
    w.u8(delta);
  } else if (delta <= 0xffff) {
    w.u8(DW_CFA_advance_loc2);
    w.u16(delta);
  } else {
    w.u8(DW_CFA_advance_loc4);
    w.u32(delta);
  }
}

/** CFA = reg + offset. */
export function defCfa(w: ByteWriter, reg: DwarfReg, offset: number): void {
  w.u8(DW_CFA_def_cfa);
  w.uleb128(reg);
  w.uleb128(offset);
}

/** CFA = reg + (the current offset). */
export function defCfaRegister(w: ByteWriter, reg: DwarfReg): void {
  w.u8(DW_CFA_def_cfa_register);
  w.uleb128(reg);
}

/** CFA = (the current register) + offset. */
export function defCfaOffset(w: ByteWriter, offset: number): void {
  w.u8(DW_CFA_def_cfa_offset);
  w.uleb128(offset);
}

/** The caller's value of `reg` is saved at CFA + `cfaOffset` (a multiple of 8). */
export function offset(w: ByteWriter, reg: DwarfReg, cfaOffset: number): void {
  const factored = cfaOffset / DATA_ALIGN;
  if (!Number.isInteger(factored)) throw new Error(`unwind: save offset ${cfaOffset} is not a multiple of ${-DATA_ALIGN}`);
  if (factored >= 0 && reg < 0x40) {
    w.u8(DW_CFA_offset | reg);
    w.uleb128(factored);
  } else if (factored >= 0) {
    w.u8(DW_CFA_offset_extended);
    w.uleb128(reg);
    w.uleb128(factored);
  } else {
    // A slot above the CFA: only the signed form can say so.
    w.u8(DW_CFA_offset_extended_sf);
    w.uleb128(reg);
    w.sleb128(factored);
  }
}

/** `reg` goes back to the rule the CIE gave it. */
export function restore(w: ByteWriter, reg: DwarfReg): void {
  if (reg < 0x40) {
    w.u8(DW_CFA_restore | reg);
  } else {
    w.u8(DW_CFA_restore_extended);
    w.uleb128(reg);
  }
}

export function rememberState(w: ByteWriter): void {
  w.u8(DW_CFA_remember_state);
}

export function restoreState(w: ByteWriter): void {
  w.u8(DW_CFA_restore_state);
}

/** DW_CFA_nop up to a multiple of `alignment` bytes from `start`. */
export function padWithNops(w: ByteWriter, start: number, alignment: number): void {
  while ((w.length - start) % alignment !== 0) w.u8(DW_CFA_nop);
}
