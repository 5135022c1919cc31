/**
 * Objects written by obj-elf, read back by binutils: `readelf -a -W` must accept them
 * without a warning and show the sections, symbols and relocations of the model;
 * `objdump -d -r` must disassemble the hand-assembled `.text` to the intended code.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ElfObject,
  R_X86_64_32,
  R_X86_64_64,
  SHF_MERGE,
  SHF_STRINGS,
  SHT_PROGBITS,
  STB_LOCAL,
  STB_WEAK,
  STT_NOTYPE,
  STT_OBJECT,
  writeElf,
} from '../src/obj-elf/index.js';
import { buildSample } from './fixtures-elf/sample.js';
import { makeTempDir, parseRelocations, parseSections, parseSymbols, quietTool } from './fixtures-elf/tools.js';

let tmp: ReturnType<typeof makeTempDir>;
let sampleFile: string;
let sampleBytes: Uint8Array;

beforeAll(() => {
  tmp = makeTempDir('obj-elf-readelf');
  sampleBytes = writeElf(buildSample().obj);
  sampleFile = join(tmp.dir, 'sample.o');
  writeFileSync(sampleFile, sampleBytes);
});

afterAll(() => tmp.remove());

/** `readelf` with the given options; fails on any warning, whichever stream it is on. */
function readelf(file: string, ...opts: string[]): string {
  const out = quietTool('readelf', [...opts, '-W', file]);
  expect(out).not.toMatch(/warning|error|corrupt|invalid/i);
  return out;
}

describe('readelf on the sample object', () => {
  test('readelf -a -W prints no warning', () => {
    const out = readelf(sampleFile, '-a');
    expect(out).toMatch(/Class:\s+ELF64/);
    expect(out).toMatch(/Data:\s+2's complement, little endian/);
    expect(out).toMatch(/Type:\s+REL \(Relocatable file\)/);
    expect(out).toMatch(/Machine:\s+Advanced Micro Devices X86-64/);
    expect(out).toMatch(/Number of section headers:\s+14/);
    expect(out).toMatch(/Section header string table index:\s+13/);
  });

  test('sections: the model\'s, each followed by its .rela, then the writer\'s own', () => {
    const rows = parseSections(readelf(sampleFile, '-S'));
    expect(rows.map((r) => [r.index, r.name, r.type, r.flags, r.link, r.info, r.align, r.entsize])).toEqual([
      [0, '', 'NULL', '', 0, 0, 0, 0],
      [1, '.text', 'PROGBITS', 'AX', 0, 0, 16, 0],
      [2, '.rela.text', 'RELA', 'I', 11, 1, 8, 24],
      [3, '.rodata', 'PROGBITS', 'A', 0, 0, 1, 0],
      [4, '.data', 'PROGBITS', 'WA', 0, 0, 8, 0],
      [5, '.rela.data', 'RELA', 'I', 11, 4, 8, 24],
      [6, '.bss', 'NOBITS', 'WA', 0, 0, 8, 0],
      [7, '.comment', 'PROGBITS', 'MS', 0, 0, 1, 1],
      [8, '.eh_frame', 'PROGBITS', 'A', 0, 0, 8, 0],
      [9, '.rela.eh_frame', 'RELA', 'I', 11, 8, 8, 24],
      [10, '.note.GNU-stack', 'PROGBITS', '', 0, 0, 1, 0],
      [11, '.symtab', 'SYMTAB', '', 12, 5, 8, 24],
      [12, '.strtab', 'STRTAB', '', 0, 0, 1, 0],
      [13, '.shstrtab', 'STRTAB', '', 0, 0, 1, 0],
    ]);
    expect(rows.map((r) => r.size).slice(1, 10)).toEqual([0x86, 6 * 24, 27, 24, 2 * 24, 16, 15, 80, 2 * 24]);
    // Every section with file bytes starts at its alignment, after the ELF header, and
    // no two overlap.
    const placed = rows.filter((r) => r.type !== 'NOBITS' && r.size > 0).sort((a, b) => a.offset - b.offset);
    let end = 64;
    for (const r of placed) {
      expect(r.offset % r.align, r.name).toBe(0);
      expect(r.offset, r.name).toBeGreaterThanOrEqual(end);
      end = r.offset + r.size;
    }
    expect(end).toBeLessThanOrEqual(sampleBytes.length);
  });

  test('symbols: null, file, section symbols, locals, then globals with their sizes', () => {
    const rows = parseSymbols(readelf(sampleFile, '-s'));
    expect(rows.map((r) => [r.index, r.name, r.value, r.size, r.type, r.bind, r.vis, r.ndx])).toEqual([
      [0, '', 0, 0, 'NOTYPE', 'LOCAL', 'DEFAULT', 'UND'],
      [1, 'sample.wasm', 0, 0, 'FILE', 'LOCAL', 'DEFAULT', 'ABS'],
      [2, '.text', 0, 0, 'SECTION', 'LOCAL', 'DEFAULT', '1'],
      [3, '.rodata', 0, 0, 'SECTION', 'LOCAL', 'DEFAULT', '3'],
      [4, 'sample.answer', 0x00, 6, 'FUNC', 'LOCAL', 'DEFAULT', '1'],
      [5, 'obj_twice', 0x10, 13, 'FUNC', 'GLOBAL', 'DEFAULT', '1'],
      [6, 'obj_read_value', 0x20, 7, 'FUNC', 'GLOBAL', 'DEFAULT', '1'],
      [7, 'obj_message', 0x30, 8, 'FUNC', 'GLOBAL', 'DEFAULT', '1'],
      [8, 'obj_call_c', 0x40, 21, 'FUNC', 'GLOBAL', 'DEFAULT', '1'],
      [9, 'obj_bump', 0x60, 15, 'FUNC', 'GLOBAL', 'DEFAULT', '1'],
      [10, 'obj_weak_seven', 0x70, 6, 'FUNC', 'WEAK', 'DEFAULT', '1'],
      [11, 'obj_hidden_five', 0x80, 6, 'FUNC', 'GLOBAL', 'HIDDEN', '1'],
      [12, 'obj_value', 0, 4, 'OBJECT', 'GLOBAL', 'DEFAULT', '4'],
      [13, 'obj_fnptr', 8, 8, 'OBJECT', 'GLOBAL', 'DEFAULT', '4'],
      [14, 'obj_pcdelta', 16, 8, 'OBJECT', 'GLOBAL', 'DEFAULT', '4'],
      [15, 'obj_counter', 0, 8, 'OBJECT', 'GLOBAL', 'DEFAULT', '6'],
      [16, 'host_add', 0, 0, 'NOTYPE', 'GLOBAL', 'DEFAULT', 'UND'],
    ]);
  });

  test('relocations: offset, type, symbol and addend of each', () => {
    const rows = parseRelocations(readelf(sampleFile, '-r'));
    expect(rows.map((r) => [r.section, r.offset, r.type, r.symbol, r.addend])).toEqual([
      ['.rela.text', 0x15, 'R_X86_64_PLT32', 'sample.answer', -4],
      ['.rela.text', 0x22, 'R_X86_64_PC32', 'obj_value', -4],
      ['.rela.text', 0x33, 'R_X86_64_PC32', '.rodata', 4],
      ['.rela.text', 0x4f, 'R_X86_64_PLT32', 'host_add', -4],
      ['.rela.text', 0x63, 'R_X86_64_PC32', 'obj_counter', -4],
      ['.rela.text', 0x6a, 'R_X86_64_PC32', 'obj_counter', -4],
      ['.rela.data', 8, 'R_X86_64_64', 'sample.answer', 0],
      ['.rela.data', 16, 'R_X86_64_PC64', 'obj_twice', 0],
      ['.rela.eh_frame', 0x20, 'R_X86_64_PC32', '.text', 0],
      ['.rela.eh_frame', 0x38, 'R_X86_64_PC32', '.text', 0x40],
    ]);
  });

  test('the .eh_frame decodes to one CIE and an FDE per described function', () => {
    const out = readelf(sampleFile, '--debug-dump=frames');
    expect(out).toMatch(/00000000 0000000000000014 00000000 CIE\n\s+Version:\s+1\n\s+Augmentation:\s+"zR"/);
    expect(out).toContain('Data alignment factor: -8');
    expect(out).toContain('DW_CFA_def_cfa: r7 (rsp) ofs 8');
    expect(out).toContain('DW_CFA_offset: r16 (rip) at cfa-8');
    // In a .o the FDE's pc is only the addend of its relocation: .text + offset.
    expect(out).toMatch(/FDE cie=00000000 pc=0000000000000000\.\.0000000000000006/);
    expect(out).toMatch(/FDE cie=00000000 pc=0000000000000040\.\.0000000000000055/);
    expect(out).toContain('DW_CFA_def_cfa_register: r6 (rbp)');
  });

  test('an object with no sections of its own is still complete', () => {
    const file = join(tmp.dir, 'empty.o');
    writeFileSync(file, writeElf(new ElfObject('empty.wasm')));
    const out = readelf(file, '-a');
    expect(parseSections(out).map((r) => r.name)).toEqual(['', '.note.GNU-stack', '.symtab', '.strtab', '.shstrtab']);
    expect(parseSymbols(out).map((r) => r.name)).toEqual(['', 'empty.wasm']);
    expect(out).toContain('There are no relocations in this file.');
  });

  test('non-allocated sections: merged strings, 32-bit section offsets, weak and absolute symbols', () => {
    const obj = new ElfObject('debug.wasm');
    const str = obj.addSection({
      name: '.w2o.str',
      type: SHT_PROGBITS,
      flags: SHF_MERGE | SHF_STRINGS,
      align: 1,
      entsize: 1,
      data: new TextEncoder().encode('main\0x\0'),
    });
    const refs = obj.addSection({ name: '.w2o.refs', type: SHT_PROGBITS, flags: 0, align: 1, data: new Uint8Array(12), link: str });
    const hook = obj.addSymbol({ name: 'w2o_hook', binding: STB_WEAK, type: STT_NOTYPE, section: 'undefined' });
    obj.addSymbol({ name: 'w2o_version', binding: STB_LOCAL, type: STT_OBJECT, section: 'absolute', value: 0x20001 });
    obj.addRelocation(refs, { offset: 0, symbol: obj.sectionSymbol(str), type: R_X86_64_32, addend: 5 });
    obj.addRelocation(refs, { offset: 4, symbol: hook, type: R_X86_64_64, addend: -1 });
    const file = join(tmp.dir, 'debug.o');
    writeFileSync(file, writeElf(obj));
    const out = readelf(file, '-a');
    expect(parseSections(out).slice(1, 4).map((r) => [r.name, r.flags, r.entsize, r.link, r.info])).toEqual([
      ['.w2o.str', 'MS', 1, 0, 0],
      ['.w2o.refs', '', 0, 1, 0],
      ['.rela.w2o.refs', 'I', 24, 5, 2],
    ]);
    expect(parseSymbols(out).map((r) => [r.name, r.value, r.type, r.bind, r.ndx])).toEqual([
      ['', 0, 'NOTYPE', 'LOCAL', 'UND'],
      ['debug.wasm', 0, 'FILE', 'LOCAL', 'ABS'],
      ['.w2o.str', 0, 'SECTION', 'LOCAL', '1'],
      ['w2o_version', 0x20001, 'OBJECT', 'LOCAL', 'ABS'],
      ['w2o_hook', 0, 'NOTYPE', 'WEAK', 'UND'],
    ]);
    expect(parseRelocations(out).map((r) => [r.offset, r.type, r.symbol, r.addend])).toEqual([
      [0, 'R_X86_64_32', '.w2o.str', 5],
      [4, 'R_X86_64_64', 'w2o_hook', -1],
    ]);
  });
});

/** The function code of `.text` as `objdump -d -r` shows it, int3 padding and comments dropped. */
const EXPECTED_TEXT = `
<sample.answer>
  b8 2a 00 00 00 | mov eax,0x2a
  c3 | ret
<obj_twice>
  55 | push rbp
  48 89 e5 | mov rbp,rsp
  e8 00 00 00 00 | call 19 <obj_twice+0x9>
    R_X86_64_PLT32 sample.answer-0x4
  01 c0 | add eax,eax
  5d | pop rbp
  c3 | ret
<obj_read_value>
  8b 05 00 00 00 00 | mov eax,DWORD PTR [rip+0x0]
    R_X86_64_PC32 obj_value-0x4
  c3 | ret
<obj_message>
  48 8d 05 00 00 00 00 | lea rax,[rip+0x0]
    R_X86_64_PC32 .rodata+0x4
  c3 | ret
<obj_call_c>
  55 | push rbp
  48 89 e5 | mov rbp,rsp
  bf 28 00 00 00 | mov edi,0x28
  be 02 00 00 00 | mov esi,0x2
  e8 00 00 00 00 | call 53 <obj_call_c+0x13>
    R_X86_64_PLT32 host_add-0x4
  5d | pop rbp
  c3 | ret
<obj_bump>
  48 ff 05 00 00 00 00 | inc QWORD PTR [rip+0x0]
    R_X86_64_PC32 obj_counter-0x4
  48 8b 05 00 00 00 00 | mov rax,QWORD PTR [rip+0x0]
    R_X86_64_PC32 obj_counter-0x4
  c3 | ret
<obj_weak_seven>
  b8 07 00 00 00 | mov eax,0x7
  c3 | ret
<obj_hidden_five>
  b8 05 00 00 00 | mov eax,0x5
  c3 | ret
`;

function listing(objdump: string): string {
  const lines: string[] = [''];
  for (const line of objdump.split('\n')) {
    const fn = /^[0-9a-f]+ (<[^>]+>):$/.exec(line);
    const insn = /^\s+[0-9a-f]+:\t([0-9a-f ]+?)\s*\t(.*)$/.exec(line);
    const reloc = /^\t+[0-9a-f]+: (R_X86_64_\w+)\t(.*)$/.exec(line);
    if (fn) lines.push(fn[1]!);
    else if (insn && insn[2] !== 'int3') lines.push(`  ${insn[1]} | ${insn[2]!.replace(/\s+#.*$/, '').replace(/\s+/g, ' ')}`);
    else if (reloc) lines.push(`    ${reloc[1]} ${reloc[2]}`);
  }
  return lines.join('\n') + '\n';
}

describe('objdump on the sample object', () => {
  test('objdump -d -r disassembles .text to the hand-assembled code and its relocations', () => {
    const out = quietTool('objdump', ['-d', '-r', '-M', 'intel', sampleFile]);
    expect(out).toContain('file format elf64-x86-64');
    expect(listing(out)).toBe(EXPECTED_TEXT);
  });
});
