/**
 * The object model's checks (each bad object is refused at the call that makes it) and
 * the writer's determinism.
 */
import { describe, expect, test } from 'vitest';
import {
  ElfObject,
  R_X86_64_32,
  R_X86_64_64,
  SHF_ALLOC,
  SHT_NOBITS,
  SHT_PROGBITS,
  SHT_RELA,
  SHT_SYMTAB,
  STB_GLOBAL,
  STB_LOCAL,
  STB_WEAK,
  STT_FILE,
  STT_FUNC,
  STT_NOTYPE,
  STT_SECTION,
  layoutElf,
  writeElf,
  type RelocationType,
  type SectionId,
  type SymbolId,
} from '../src/obj-elf/index.js';
import { buildSample } from './fixtures-elf/sample.js';

function base() {
  const obj = new ElfObject('m.wasm');
  const text = obj.addSection({ name: '.text', type: SHT_PROGBITS, flags: SHF_ALLOC, align: 16, data: new Uint8Array(16) });
  const bss = obj.addSection({ name: '.bss', type: SHT_NOBITS, flags: SHF_ALLOC, align: 8, size: 8 });
  const f = obj.addSymbol({ name: 'f', binding: STB_GLOBAL, type: STT_FUNC, section: text, value: 0, size: 16 });
  return { obj, text, bss, f };
}

describe('ElfObject refuses what cannot make a valid object', () => {
  const cases: [string, (m: ReturnType<typeof base>) => unknown, RegExp][] = [
    ['a section the writer makes itself', (m) => m.obj.addSection({ name: '.symtab', type: SHT_PROGBITS, flags: 0, align: 1 }), /writer gives its own/],
    ['a hand-made .rela section', (m) => m.obj.addSection({ name: '.rela.text', type: SHT_PROGBITS, flags: 0, align: 1 }), /writer gives its own/],
    ['a second .note.GNU-stack', (m) => m.obj.addSection({ name: '.note.GNU-stack', type: SHT_PROGBITS, flags: 0, align: 1 }), /writer gives its own/],
    ['a symbol table section', (m) => m.obj.addSection({ name: '.x', type: SHT_SYMTAB, flags: 0, align: 1 }), /unsupported type 2/],
    ['a relocation section type', (m) => m.obj.addSection({ name: '.x', type: SHT_RELA, flags: 0, align: 1 }), /unsupported type 4/],
    ['an alignment that is not a power of two', (m) => m.obj.addSection({ name: '.x', type: SHT_PROGBITS, flags: 0, align: 12 }), /alignment 12/],
    ['contents for NOBITS', (m) => m.obj.addSection({ name: '.x', type: SHT_NOBITS, flags: 0, align: 1, data: new Uint8Array(1) }), /give its size/],
    ['a size that disagrees with the contents', (m) => m.obj.addSection({ name: '.x', type: SHT_PROGBITS, flags: 0, align: 1, data: new Uint8Array(2), size: 3 }), /differs/],
    ['a link to a missing section', (m) => m.obj.addSection({ name: '.x', type: SHT_PROGBITS, flags: 0, align: 1, link: 9 as SectionId }), /no section with id 9/],
    ['a NUL in a name', (m) => m.obj.addSymbol({ name: 'a\0b', binding: STB_LOCAL, type: STT_NOTYPE, section: 'absolute' }), /NUL/],
    ['a symbol past the end of its section', (m) => m.obj.addSymbol({ name: 'g', binding: STB_GLOBAL, type: STT_FUNC, section: m.text, value: 8, size: 9 }), /\[8, 17\) lies outside '.text' \(size 16\)/],
    ['an undefined local', (m) => m.obj.addSymbol({ name: 'u', binding: STB_LOCAL, type: STT_NOTYPE, section: 'undefined' }), /cannot be local/],
    ['an undefined symbol with a value', (m) => m.obj.addSymbol({ name: 'u', binding: STB_WEAK, type: STT_NOTYPE, section: 'undefined', value: 4 }), /no value or size/],
    ['two globals of one name', (m) => m.obj.addSymbol({ name: 'f', binding: STB_WEAK, type: STT_NOTYPE, section: 'undefined' }), /already exists/],
    ['a nameless global', (m) => m.obj.addSymbol({ name: '', binding: STB_GLOBAL, type: STT_NOTYPE, section: 'absolute' }), /needs a name/],
    ['a hand-made section symbol', (m) => m.obj.addSymbol({ name: 's', binding: STB_LOCAL, type: STT_SECTION, section: m.text }), /made by the model/],
    ['a hand-made file symbol', (m) => m.obj.addSymbol({ name: 's', binding: STB_LOCAL, type: STT_FILE, section: 'absolute' }), /made by the model/],
    ['a negative value', (m) => m.obj.addSymbol({ name: 's', binding: STB_LOCAL, type: STT_NOTYPE, section: 'absolute', value: -1 }), /non-negative safe integer/],
    ['a relocation that overruns its section', (m) => m.obj.addRelocation(m.text, { offset: 12, symbol: m.f, type: R_X86_64_64, addend: 0 }), /8 bytes do not fit/],
    ['a relocation in NOBITS', (m) => m.obj.addRelocation(m.bss, { offset: 0, symbol: m.f, type: R_X86_64_32, addend: 0 }), /no bytes to patch/],
    ['an unknown relocation type', (m) => m.obj.addRelocation(m.text, { offset: 0, symbol: m.f, type: 9 as RelocationType, addend: 0 }), /unsupported type 9/],
    ['a relocation against a missing symbol', (m) => m.obj.addRelocation(m.text, { offset: 0, symbol: 42 as SymbolId, type: R_X86_64_32, addend: 0 }), /no symbol with id 42/],
    ['an addend that is not an integer', (m) => m.obj.addRelocation(m.text, { offset: 0, symbol: m.f, type: R_X86_64_32, addend: 0.5 }), /not a safe integer/],
  ];
  test.each(cases)('%s', (_, act, message) => {
    const m = base();
    expect(() => act(m)).toThrow(message);
  });

  test('a refused call leaves the object as it was', () => {
    const m = base();
    expect(() => m.obj.addRelocation(m.text, { offset: 14, symbol: m.f, type: R_X86_64_32, addend: 0 })).toThrow();
    expect(m.obj.section(m.text).relocations).toEqual([]);
    expect(m.obj.symbols.length).toBe(1);
    expect(m.obj.sections.map((s) => s.id)).toEqual([0, 1]);
  });
});

describe('determinism', () => {
  test('the same model gives the same bytes, built twice or written twice', () => {
    const first = writeElf(buildSample().obj);
    const again = buildSample().obj;
    expect(writeElf(again)).toEqual(first);
    expect(writeElf(again)).toEqual(first);
    const abs = buildSample({ absolute: true }).obj;
    expect(writeElf(abs)).toEqual(writeElf(buildSample({ absolute: true }).obj));
    expect(writeElf(abs)).not.toEqual(first);
  });

  test('the string tables do not depend on the order names were added', () => {
    const strtab = (names: string[]) => {
      const obj = new ElfObject('d.wasm');
      for (const name of names) obj.addSymbol({ name, binding: STB_GLOBAL, type: STT_NOTYPE, section: 'undefined' });
      const contents = layoutElf(obj).sections.find((s) => s.label === '.strtab')!.contents;
      return contents.kind === 'bytes' ? contents.bytes : null;
    };
    const names = ['alpha', 'beta', 'gamma', 'ma'];
    expect(strtab([...names].reverse())).toEqual(strtab(names));
    // Sorted by last byte, descending; "ma" is the tail of "gamma".
    expect(new TextDecoder().decode(strtab(names)!)).toBe('\0d.wasm\0beta\0gamma\0alpha\0');
  });
});
