/**
 * unwind: the `.eh_frame` section that lets unwinders (libgcc, gdb, perf) walk through
 * generated code. The code generator records unwind pseudo-ops while it emits each
 * prologue and epilogue (`types.ts`); `buildEhFrame` turns them into one CIE shared by
 * all functions and one FDE per function, plus the R_X86_64_PC32 relocations of the FDEs'
 * pc_begin fields. Add the bytes as `.eh_frame` (SHT_X86_64_UNWIND, SHF_ALLOC, alignment
 * `EH_FRAME_ALIGN`) and the relocations against it.
 */
export * from './types.js';
export { buildEhFrame, EH_FRAME_ALIGN } from './eh-frame.js';
export { DW_REG_RA, DW_REG_RBP, DW_REG_RSP, dwarfGpr, type DwarfReg } from './registers.js';
export * as cfa from './cfa.js';
export { ByteWriter } from './writer.js';
