/**
 * The ELF string table: offsets, tail merging, and independence from the order of calls.
 */
import { describe, expect, test } from 'vitest';
import { StringTable, compareBackwards } from '../src/obj-elf/strtab.js';

const utf8 = new TextDecoder();

/** The NUL-terminated string at `offset`. */
function stringAt(table: Uint8Array, offset: number): string {
  const end = table.indexOf(0, offset);
  return utf8.decode(table.subarray(offset, end));
}

function table(strings: string[]): { bytes: Uint8Array; offsets: number[] } {
  const t = new StringTable();
  const ids = strings.map((s) => t.add(s));
  const bytes = t.finish();
  return { bytes, offsets: ids.map((id) => t.offset(id)) };
}

describe('StringTable', () => {
  test('an empty table is one NUL, and the empty string is at 0', () => {
    expect(table([]).bytes).toEqual(Uint8Array.of(0));
    expect(table(['']).offsets).toEqual([0]);
    expect(table(['', 'a', '']).bytes).toEqual(Uint8Array.of(0, 0x61, 0));
  });

  test('a string added twice gets one id', () => {
    const t = new StringTable();
    expect(t.add('.text')).toBe(t.add('.text'));
    expect(t.finish()).toEqual(new TextEncoder().encode('\0.text\0'));
  });

  test('a string that ends another points into it', () => {
    const { bytes, offsets } = table(['.text', '.rela.text', 'xt', '.data']);
    // Backwards and descending: ".rela.text", ".text" and "xt" end in 't', ".data" in 'a'.
    expect(utf8.decode(bytes)).toBe('\0.rela.text\0.data\0');
    expect(offsets).toEqual([6, 1, 9, 12]);
  });

  test('every string can be read back at its offset, merged or not', () => {
    let seed = 12345;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
    const strings: string[] = [];
    for (let i = 0; i < 500; i++) {
      let s = '';
      const len = 1 + rand(8);
      for (let j = 0; j < len; j++) s += 'abc.é'[rand(5)];
      strings.push(s);
    }
    const { bytes, offsets } = table(strings);
    strings.forEach((s, i) => expect(stringAt(bytes, offsets[i]!)).toBe(s));
    const distinct = [...new Set(strings)];
    const unmerged = 1 + distinct.reduce((n, s) => n + new TextEncoder().encode(s).length + 1, 0);
    expect(bytes.length).toBeLessThan(unmerged);
  });

  test('the bytes depend on the set of strings, not on the order they were added', () => {
    const names = ['obj_twice', 'twice', 'sample.answer', 'answer', 'w', 'obj_value', 'value', 'é'];
    const a = table(names).bytes;
    const b = table([...names].reverse()).bytes;
    const c = table([...names.slice(3), ...names.slice(0, 3), 'twice']).bytes;
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  test('names are UTF-8', () => {
    const { bytes, offsets } = table(['Größe']);
    expect(bytes.length).toBe(1 + 7 + 1);
    expect(stringAt(bytes, offsets[0]!)).toBe('Größe');
  });

  test('the two phases are enforced', () => {
    const t = new StringTable();
    const id = t.add('a');
    expect(() => t.offset(id)).toThrow(/only after finish/);
    expect(() => t.bytes).toThrow(/only after finish/);
    t.finish();
    expect(() => t.add('b')).toThrow(/already finished/);
    expect(() => new StringTable().add('a\0b')).toThrow(/NUL/);
  });

  test('compareBackwards orders by the last byte first, a tail before what it ends', () => {
    const e = (s: string) => new TextEncoder().encode(s);
    expect(compareBackwards(e('ba'), e('ab'))).toBeLessThan(0);
    expect(compareBackwards(e('text'), e('.text'))).toBeLessThan(0);
    expect(compareBackwards(e('x'), e('x'))).toBe(0);
  });
});
