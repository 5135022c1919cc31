/**
 * The trap table of one module as bytes: what the link stage places in read-only data and
 * hands to the runtime (`w2o_register_code`). See `TRAP_SITE` in layout.ts for the entry.
 *
 * The entries are sorted here, not by the caller, because functions are compiled in
 * parallel and laid out afterwards; two sites at one offset are a compiler bug and throw.
 */
import { TRAP_SITE } from './layout.js';
import { trapKind, type TrapCode } from './traps.js';

export interface TrapSite {
  /** Offset of the faulting instruction (the ud2, the memory access) from the start of `.text`. */
  textOffset: number;
  code: TrapCode;
}

const OFFSET_AT = TRAP_SITE.fields.find((f) => f.name === 'text_offset')!.offset;
const CODE_AT = TRAP_SITE.fields.find((f) => f.name === 'code')!.offset;

export function encodeTrapTable(sites: readonly TrapSite[]): Uint8Array {
  const sorted = [...sites].sort((a, b) => a.textOffset - b.textOffset);
  const out = new Uint8Array(sorted.length * TRAP_SITE.size);
  const view = new DataView(out.buffer);
  sorted.forEach((s, i) => {
    if (!(Number.isInteger(s.textOffset) && s.textOffset >= 0 && s.textOffset <= 0xffffffff)) {
      throw new Error(`abi: trap site offset ${s.textOffset} is not a u32`);
    }
    if (trapKind(s.code) === undefined) throw new Error(`abi: trap site at 0x${s.textOffset.toString(16)} has unknown code ${s.code}`);
    if (i > 0 && sorted[i - 1]!.textOffset === s.textOffset) {
      throw new Error(`abi: two trap sites at .text+0x${s.textOffset.toString(16)}`);
    }
    const at = i * TRAP_SITE.size;
    view.setUint32(at + OFFSET_AT, s.textOffset, true);
    view.setUint32(at + CODE_AT, s.code, true);
  });
  return out;
}

/** The inverse of `encodeTrapTable`, for tests and tools. */
export function decodeTrapTable(bytes: Uint8Array): TrapSite[] {
  if (bytes.length % TRAP_SITE.size !== 0) throw new Error(`abi: a trap table of ${bytes.length} bytes is not whole entries`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const sites: TrapSite[] = [];
  for (let at = 0; at < bytes.length; at += TRAP_SITE.size) {
    sites.push({ textOffset: view.getUint32(at + OFFSET_AT, true), code: view.getUint32(at + CODE_AT, true) as TrapCode });
  }
  return sites;
}
