/**
 * The x86-64 assembler: registers and condition codes, memory operands, the code buffer
 * with labels and fixups, and one emit function per instruction form. It knows nothing of
 * WebAssembly; both compiler tiers emit through it.
 */
export * from './registers.js';
export * from './conditions.js';
export * from './address.js';
export * from './buffer.js';
export * from './gpr.js';
export * from './sse.js';
export * from './control.js';
export { byteRegNeedsRex, fitsI8, modFor, modrm, rex, sib } from './encoding.js';
export * from './simd.js';
