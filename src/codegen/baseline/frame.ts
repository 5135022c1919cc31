/**
 * The baseline tier's frame and its fixed registers.
 *
 *   [rbp + 16 ...]      stack arguments (System V)
 *   [rbp + 8]           return address
 *   [rbp]               caller's rbp
 *   [rbp - 8]           caller's r15           r15 = vmctx for the whole body
 *   [rbp - 16]          caller's r14           r14 = base of memory 0 (when there is one)
 *   [rbp - 24]          results area pointer   (functions with several results)
 *   [rbp - 32]          (padding)
 *   [rbp - 40 - 8l]     local l (parameters first), 8 bytes each
 *   below the locals    one 8-byte slot per operand stack position
 *   [rsp]               16-aligned; calls push outgoing stack arguments below it
 *
 * The frame size is known only at the end of the body (the deepest the operand stack got),
 * so the prologue's `sub rsp, imm32` is patched then.
 */
import type { Gpr } from '../x64/index.js';
import { r14, r15 } from '../x64/index.js';

export const VMCTX_REG: Gpr = r15;
export const MEMORY_BASE_REG: Gpr = r14;

/** Pushed by the prologue, in this order. */
export const SAVED_REGS: readonly Gpr[] = [r15, r14];

export const RESULTS_PTR_DISP = -24;
/** Displacement of the first local's slot's upper end: local l is at LOCALS_DISP - 8(l+1). */
export const LOCALS_DISP = -32;
