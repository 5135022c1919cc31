/**
 * DWARF register numbers of x86-64 (System V psABI, figure 3.36 "DWARF Register Number
 * Mapping"). They differ from the hardware numbers the assembler uses: DWARF counts
 * rax, rdx, rcx, rbx, rsi, rdi, rbp, rsp, where the encoding counts rax, rcx, rdx, rbx,
 * rsp, rbp, rsi, rdi.
 */
import type { Gpr } from '../codegen/x64/index.js';

export type DwarfReg = number & { readonly __brand: 'DwarfReg' };

export const DW_REG_RSP = 7 as DwarfReg;
export const DW_REG_RBP = 6 as DwarfReg;
/** The return address column (psABI: "Return Address RA", number 16). */
export const DW_REG_RA = 16 as DwarfReg;

// Indexed by hardware number: rax rcx rdx rbx rsp rbp rsi rdi, then r8..r15 unchanged.
const GPR_TO_DWARF = [0, 2, 1, 3, 7, 6, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15] as const;

/** The DWARF number of a general-purpose register. */
export function dwarfGpr(r: Gpr): DwarfReg {
  const n = GPR_TO_DWARF[r];
  if (n === undefined) throw new Error(`unwind: ${r} is not a general-purpose register`);
  return n as DwarfReg;
}
