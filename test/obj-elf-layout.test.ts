/**
 * The reserve phase (indices, symbol order, offsets), the byte sink, and the write
 * phase's checks that it writes where the layout reserved, worked out by hand.
 */
import { describe, expect, test } from 'vitest';
import {
  ELF64_EHDR_SIZE,
  ElfObject,
  R_X86_64_64,
  R_X86_64_PC32,
  SHF_ALLOC,
  SHF_EXECINSTR,
  SHF_INFO_LINK,
  SHF_WRITE,
  SHN_ABS,
  SHN_UNDEF,
  SHT_NOBITS,
  SHT_PROGBITS,
  SHT_RELA,
  SHT_STRTAB,
  SHT_SYMTAB,
  STB_GLOBAL,
  STB_LOCAL,
  STB_WEAK,
  STT_FUNC,
  STT_NOTYPE,
  STT_OBJECT,
  alignUp,
  layoutElf,
  writeLayout,
} from '../src/obj-elf/index.js';
import { ByteSink } from '../src/obj-elf/byte-sink.js';
import { FileSpace } from '../src/obj-elf/layout.js';

const labels = (obj: ElfObject) => layoutElf(obj).sections.map((s) => s.label);

describe('alignUp and FileSpace', () => {
  test('alignUp rounds up to a multiple, also past 2^32', () => {
    expect([0, 1, 7, 8, 9].map((n) => alignUp(n, 8))).toEqual([0, 8, 8, 8, 16]);
    expect(alignUp(5, 1)).toBe(5);
    expect(alignUp(2 ** 32 + 1, 16)).toBe(2 ** 32 + 16);
  });

  test('reservations are aligned, in order, and peek reserves nothing', () => {
    const space = new FileSpace();
    expect(space.reserve(64, 1)).toBe(0);
    expect(space.reserve(3, 16)).toBe(64);
    expect(space.peek(8)).toBe(72);
    expect(space.size).toBe(67);
    expect(space.reserve(0, 4)).toBe(68);
    expect(space.reserve(1, 1)).toBe(68);
    expect(space.size).toBe(69);
  });
});

describe('layoutElf', () => {
  test('an empty object still has the null section, .note.GNU-stack and the tables', () => {
    const layout = layoutElf(new ElfObject('empty.wasm'));
    expect(layout.sections.map((s) => [s.label, s.type, s.offset, s.size])).toEqual([
      ['', 0, 0, 0],
      ['.note.GNU-stack', SHT_PROGBITS, 64, 0],
      ['.symtab', SHT_SYMTAB, 64, 48],
      ['.strtab', SHT_STRTAB, 112, 12], // "\0empty.wasm\0"
      ['.shstrtab', SHT_STRTAB, 124, 43],
    ]);
    expect(layout.shstrndx).toBe(4);
    expect(layout.shoff).toBe(168); // 124 + 43 = 167, aligned to 8
    expect(layout.fileSize).toBe(168 + 5 * 64);
    expect(layout.firstGlobal).toBe(2);
    expect(layout.symbols[1]).toMatchObject({ info: 0x04, shndx: SHN_ABS, name: 1 });
  });

  test('each section with relocations is followed by its .rela, linked to .symtab', () => {
    const obj = new ElfObject('a');
    const text = obj.addSection({ name: '.text', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR, align: 16, data: new Uint8Array(8) });
    const data = obj.addSection({ name: '.data', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE, align: 8, data: new Uint8Array(8) });
    obj.addSection({ name: '.bss', type: SHT_NOBITS, flags: SHF_ALLOC | SHF_WRITE, align: 8, size: 32 });
    const f = obj.addSymbol({ name: 'f', binding: STB_GLOBAL, type: STT_FUNC, section: text, value: 0, size: 8 });
    obj.addRelocation(data, { offset: 0, symbol: f, type: R_X86_64_64, addend: 0 });
    const layout = layoutElf(obj);
    expect(layout.sections.map((s) => s.label)).toEqual([
      '', '.text', '.data', '.rela.data', '.bss', '.note.GNU-stack', '.symtab', '.strtab', '.shstrtab',
    ]);
    const rela = layout.sections[3]!;
    expect(rela).toMatchObject({ type: SHT_RELA, flags: SHF_INFO_LINK, link: 6, info: 2, align: 8, entsize: 24, size: 24 });
    expect(layout.sections[6]).toMatchObject({ link: 7, info: 2, entsize: 24 });
    // .text at 64, .data at 72, .rela.data at 80 (24 bytes), .bss takes no room.
    expect(layout.sections.slice(1, 5).map((s) => s.offset)).toEqual([64, 72, 80, 104]);
    expect(layout.sections[5]!.offset).toBe(104);
    expect(obj.section(text).relocations).toEqual([]);
    expect(labels(obj)).not.toContain('.rela.text');
  });

  test('symbols: null, file, section symbols by section, then locals, then globals and weaks', () => {
    const obj = new ElfObject('order.wasm');
    const a = obj.addSection({ name: '.a', type: SHT_PROGBITS, flags: SHF_ALLOC, align: 1, data: new Uint8Array(4) });
    const b = obj.addSection({ name: '.b', type: SHT_PROGBITS, flags: SHF_ALLOC, align: 1, data: new Uint8Array(4) });
    const g1 = obj.addSymbol({ name: 'g1', binding: STB_GLOBAL, type: STT_OBJECT, section: a, value: 0, size: 4 });
    const l1 = obj.addSymbol({ name: 'l1', binding: STB_LOCAL, type: STT_OBJECT, section: b, value: 1, size: 2 });
    const secB = obj.sectionSymbol(b);
    const w = obj.addSymbol({ name: 'w', binding: STB_WEAK, type: STT_NOTYPE, section: 'undefined' });
    const secA = obj.sectionSymbol(a);
    const l2 = obj.addSymbol({ name: 'l2', binding: STB_LOCAL, type: STT_NOTYPE, section: 'absolute', value: 77 });
    const u = obj.addSymbol({ name: 'u', binding: STB_GLOBAL, type: STT_NOTYPE, section: 'undefined' });
    expect(obj.sectionSymbol(a)).toBe(secA);
    const layout = layoutElf(obj);
    const indexOf = (id: number) => layout.symbolIndex[id];
    expect([secA, secB, l1, l2, g1, w, u].map(indexOf)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(layout.firstGlobal).toBe(6);
    expect(layout.sections.find((s) => s.label === '.symtab')!.info).toBe(6);
    expect(layout.symbols.map((s) => [s.info, s.shndx, s.value, s.size])).toEqual([
      [0, SHN_UNDEF, 0, 0],
      [0x04, SHN_ABS, 0, 0], // LOCAL FILE
      [0x03, 1, 0, 0], // LOCAL SECTION .a
      [0x03, 2, 0, 0], // LOCAL SECTION .b
      [0x01, 2, 1, 2], // LOCAL OBJECT l1
      [0x00, SHN_ABS, 77, 0], // LOCAL NOTYPE l2
      [0x11, 1, 0, 4], // GLOBAL OBJECT g1
      [0x20, SHN_UNDEF, 0, 0], // WEAK NOTYPE w
      [0x10, SHN_UNDEF, 0, 0], // GLOBAL NOTYPE u
    ]);
    expect(layout.symbols[2]!.name).toBe(0); // section symbols are unnamed
  });

  test('only locals: sh_info is the symbol count', () => {
    const obj = new ElfObject('l');
    obj.addSymbol({ name: 'x', binding: STB_LOCAL, type: STT_NOTYPE, section: 'absolute' });
    expect(layoutElf(obj).firstGlobal).toBe(3);
  });
});

describe('ByteSink', () => {
  test('writes little-endian fields, negative 64-bit values in two\'s complement', () => {
    const out = new ByteSink(8 * 4 + 7);
    out.i64(-4);
    out.i64(2 ** 53 - 1);
    out.u64(0x1_2345_6789);
    out.i64(-(2 ** 32));
    out.u16(0x1234);
    out.align(4);
    out.u8(0xff);
    out.skip(2);
    expect(Buffer.from(out.bytes).toString('hex')).toBe(
      'fcffffffffffffff' + 'ffffffffffff1f00' + '8967452301000000' + '00000000ffffffff' + '3412' + '0000' + 'ff' + '0000',
    );
    expect(() => out.u8(0)).toThrow(/passes the reserved end/);
    expect(() => new ByteSink(8).u64(-1)).toThrow(/not an unsigned/);
    expect(() => new ByteSink(8).i64(2 ** 53)).toThrow(/safe integer/);
  });
});

describe('the write phase checks the reserved offsets', () => {
  function sample() {
    const obj = new ElfObject('w');
    obj.addSection({ name: '.text', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR, align: 16, data: Uint8Array.of(0xc3) });
    const d = obj.addSection({ name: '.data', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE, align: 8, data: new Uint8Array(8) });
    const s = obj.addSymbol({ name: 's', binding: STB_GLOBAL, type: STT_NOTYPE, section: 'undefined' });
    obj.addRelocation(d, { offset: 0, symbol: s, type: R_X86_64_PC32, addend: -4 });
    return layoutElf(obj);
  }

  test('an untouched layout is written to its exact size, header first', () => {
    const layout = sample();
    const bytes = writeLayout(layout);
    expect(bytes.length).toBe(layout.fileSize);
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x7f, 0x45, 0x4c, 0x46]);
    expect(layout.sections[1]!.offset).toBe(ELF64_EHDR_SIZE);
  });

  test('a section moved off its aligned place is refused', () => {
    const layout = sample();
    const moved = { ...layout, sections: layout.sections.map((s) => (s.label === '.data' ? { ...s, offset: s.offset + 8 } : s)) };
    expect(() => writeLayout(moved)).toThrow(/section '\.data' would be written at 72, reserved at 80/);
  });

  test('a size that disagrees with the contents is refused', () => {
    const layout = sample();
    const grown = { ...layout, sections: layout.sections.map((s) => (s.label === '.rela.data' ? { ...s, size: 48 } : s)) };
    expect(() => writeLayout(grown)).toThrow(/the end of section '\.rela\.data'/);
  });
});
