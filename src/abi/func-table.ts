/**
 * The function table of one module as bytes, with the blob of names it refers to: what
 * the link stage places in read-only data and hands to the runtime (`w2o_register_code`),
 * which finds the function of a faulting pc in it. See `FUNC_INFO` in layout.ts.
 *
 * Names are offsets into the blob, not pointers, so neither needs a relocation. Equal
 * names share their bytes; the entries are sorted by offset here, and overlapping
 * functions are a compiler bug and throw.
 */
import { FUNC_INFO, NO_NAME } from './layout.js';

export interface FuncRange {
  /** The function's first byte, from the start of `.text`. */
  textOffset: number;
  size: number;
  /** Its name (from the name section), if it has one. */
  name: string | undefined;
}

export interface EncodedFuncTable {
  table: Uint8Array;
  /** NUL-terminated names, what `name_offset` counts into. */
  names: Uint8Array;
}

const field = (name: string) => FUNC_INFO.fields.find((f) => f.name === name)!.offset;
const OFFSET_AT = field('text_offset');
const SIZE_AT = field('size');
const NAME_AT = field('name_offset');

export function encodeFuncTable(funcs: readonly FuncRange[]): EncodedFuncTable {
  const sorted = [...funcs].sort((a, b) => a.textOffset - b.textOffset);
  const table = new Uint8Array(sorted.length * FUNC_INFO.size);
  const view = new DataView(table.buffer);
  const nameAt = new Map<string, number>();
  const names: number[] = [];
  const utf8 = new TextEncoder();
  sorted.forEach((f, i) => {
    const end = f.textOffset + f.size;
    if (!(Number.isInteger(f.textOffset) && Number.isInteger(f.size) && f.textOffset >= 0 && f.size >= 0 && end <= 0xffffffff)) {
      throw new Error(`abi: function at ${f.textOffset} of size ${f.size} does not fit u32 offsets`);
    }
    const previous = sorted[i - 1];
    if (previous !== undefined && previous.textOffset + previous.size > f.textOffset) {
      throw new Error(`abi: functions at .text+0x${previous.textOffset.toString(16)} and +0x${f.textOffset.toString(16)} overlap`);
    }
    let nameOffset = NO_NAME;
    if (f.name !== undefined) {
      let at = nameAt.get(f.name);
      if (at === undefined) {
        at = names.length;
        nameAt.set(f.name, at);
        names.push(...utf8.encode(f.name), 0);
      }
      nameOffset = at;
    }
    const at = i * FUNC_INFO.size;
    view.setUint32(at + OFFSET_AT, f.textOffset, true);
    view.setUint32(at + SIZE_AT, f.size, true);
    view.setUint32(at + NAME_AT, nameOffset, true);
  });
  return { table, names: Uint8Array.from(names) };
}
