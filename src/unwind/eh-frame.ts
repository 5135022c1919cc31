/**
 * The `.eh_frame` section: the shared CIE at offset 0, then one FDE per function in the
 * order given. Every record is padded to 8 bytes, so the section is a sequence of 8-byte
 * aligned records when placed at an 8-byte boundary (section alignment 8). There is no
 * zero terminator: the linker concatenates every object's `.eh_frame` and crtend.o ends
 * the whole with one; a terminator here would hide the FDEs of the objects after it.
 *
 * Each FDE's pc_begin is left zero and described by an R_X86_64_PC32 relocation, so the
 * object carries no address: the linker computes `S + A - P` and builds `.eh_frame_hdr`'s
 * search table from the result. The same input gives the same bytes and relocations.
 */
import { R_X86_64_PC32 } from '../obj-elf/index.js';
import { writeCie } from './cie.js';
import { writeFde } from './fde.js';
import type { EhFrame, EhFrameOptions, EhFrameRelocation, FunctionUnwind } from './types.js';
import { ByteWriter } from './writer.js';

export const EH_FRAME_ALIGN = 8;

export function buildEhFrame<S>(functions: readonly FunctionUnwind<S>[], options: EhFrameOptions<S> = {}): EhFrame<S> {
  const w = new ByteWriter();
  const cie = writeCie(w);
  const relocations: EhFrameRelocation<S>[] = [];
  for (const fn of functions) {
    const at = writeFde(w, cie, fn);
    if (fn.symbol !== undefined) {
      relocations.push({ offset: at, symbol: fn.symbol, type: R_X86_64_PC32, addend: 0 });
    } else if (options.textSymbol !== undefined) {
      relocations.push({ offset: at, symbol: options.textSymbol, type: R_X86_64_PC32, addend: fn.offset });
    } else {
      throw new Error(`unwind: function at .text+0x${fn.offset.toString(16)} has no symbol, and no .text symbol was given`);
    }
  }
  return { bytes: w.finish(), relocations };
}
