/**
 * Memory operands, packed into one number so that naming an address allocates nothing.
 * An instruction that reads or writes memory takes an `Addr` and a separate signed 32-bit
 * displacement: `[base + index*scale + disp]`, `[index*scale + disp32]`, `[rip + disp]` or
 * `[rip + label + disp]`.
 *
 * Packing of a non-negative Addr:
 *
 *   bits 0-4   base register, or NONE (16)
 *   bits 5-9   index register, or NONE (16)
 *   bits 10-11 log2(scale)
 *   bit  12    RIP-relative; `disp` is then relative to the end of the instruction
 *
 * A negative Addr is `[rip + label]`: the label is `~addr`, and the buffer resolves the
 * displacement (see encoding.ts, which records the fixup).
 */
import type { Label } from './buffer.js';
import { AssemblerError } from './buffer.js';
import type { Gpr } from './registers.js';

export type Addr = number & { readonly __brand: 'Addr' };
export type Scale = 1 | 2 | 4 | 8;

export const NONE = 16;
export const RIP_FLAG = 1 << 12;

const SCALE_LOG2 = [-1, 0, 1, -1, 2, -1, -1, -1, 3];

/** `[base + disp]`, or `[base + index*scale + disp]` when an index is given. */
export function mem(base: Gpr, index?: Gpr, scale: Scale = 1): Addr {
  if (index === undefined) return (base | (NONE << 5)) as Addr;
  return (base | (checkIndex(index) << 5) | (scaleBits(scale) << 10)) as Addr;
}

/** `[index*scale + disp32]`, with no base register. */
export function memIndex(index: Gpr, scale: Scale): Addr {
  return (NONE | (checkIndex(index) << 5) | (scaleBits(scale) << 10)) as Addr;
}

/** `[rip + disp]`, where `disp` counts from the end of the instruction. */
export const rip = (RIP_FLAG | NONE | (NONE << 5)) as Addr;

/** `[rip + label + disp]`: position-independent access to data placed in the code. */
export function ripLabel(label: Label): Addr {
  return ~label as Addr;
}

function checkIndex(index: Gpr): number {
  // SIB index 100 without REX.X means "no index": rsp cannot be an index.
  if (index === 4) throw new AssemblerError('rsp cannot be an index register');
  return index;
}

function scaleBits(scale: Scale): number {
  const s = SCALE_LOG2[scale];
  if (s === undefined || s < 0) throw new AssemblerError(`scale ${scale} is not 1, 2, 4 or 8`);
  return s;
}

