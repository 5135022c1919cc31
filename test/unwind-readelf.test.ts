/**
 * The `.eh_frame` of real code, read back by binutils: three functions assembled with the
 * x64 assembler (test/fixtures-unwind/program.ts), their prologues and epilogues recorded
 * as pseudo-ops, written into an object by obj-elf. `readelf --debug-dump=frames-interp`
 * decodes the call frame programs into the table of rules at each code offset, which must
 * be the table worked out by hand below from the disassembly; readelf must not warn.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeElf } from '../src/obj-elf/index.js';
import { makeTempDir, parseRelocations, parseSections, quietTool } from './fixtures-elf/tools.js';
import { buildProgramObject } from './fixtures-unwind/program.js';
import { requireTools } from './fixtures-unwind/tools.js';

let tmp: ReturnType<typeof makeTempDir>;
let objFile: string;
let textAnchoredFile: string;

beforeAll(() => {
  requireTools('readelf', 'objdump');
  tmp = makeTempDir('unwind-readelf');
  objFile = join(tmp.dir, 'program.o');
  writeFileSync(objFile, writeElf(buildProgramObject({ ehFrame: true }).obj));
  textAnchoredFile = join(tmp.dir, 'text-anchored.o');
  writeFileSync(textAnchoredFile, writeElf(buildProgramObject({ ehFrame: true, anchor: 'text' }).obj));
});

afterAll(() => tmp?.remove());

/** readelf with the given options; any warning (on either stream) fails. */
function readelf(file: string, ...opts: string[]): string {
  const out = quietTool('readelf', [...opts, '-W', file]);
  expect(out).not.toMatch(/warning|error/i);
  return out;
}

/** The code the rows below refer to, as `objdump -d` shows it (offsets in .text). */
const EXPECTED_CODE = `
<w_leaf>
  0 push rbp
  1 mov rbp,rsp
  4 sub rsp,0x10
  8 call rdi
  a add eax,0x1
  d mov rsp,rbp
  10 pop rbp
  11 ret
<w_mid>
  20 push rbp
  21 mov rbp,rsp
  24 sub rsp,0x10
  28 test esi,esi
  2a jne 3a <w_mid+0x1a>
  30 mov eax,0xffffffff
  35 mov rsp,rbp
  38 pop rbp
  39 ret
  3a call 0 <w_leaf>
  3f add eax,0xa
  42 mov rsp,rbp
  45 pop rbp
  46 ret
<w_outer>
  50 push rbp
  51 mov rbp,rsp
  54 push rbx
  55 push r12
  57 mov rbx,rdi
  5a mov r12,rdi
  5d mov rdi,rbx
  60 mov esi,0x1
  65 call 20 <w_mid>
  6a add eax,0x64
  6d lea rsp,[rbp-0x10]
  71 pop r12
  73 pop rbx
  74 pop rbp
  75 ret`;

/**
 * The rules from each instruction on, by hand: the CFA moves from rsp+8 (entry) to
 * rsp+16 (after push rbp) to rbp+16 (after mov rbp, rsp), and back to rsp+8 after each
 * pop rbp, where rbp holds the caller's value again ("u": no rule, as at entry). Saved
 * registers sit below the saved rbp; each pop in an epilogue drops its rule. w_mid's code
 * after its first ret (0x3a) has the body's rules again.
 */
const EXPECTED_TABLES = `
pc=0000000000000000..0000000000000012
LOC CFA rbp ra
0000000000000000 rsp+8 u c-8
0000000000000001 rsp+16 c-16 c-8
0000000000000004 rbp+16 c-16 c-8
0000000000000011 rsp+8 u c-8
pc=0000000000000020..0000000000000047
LOC CFA rbp ra
0000000000000020 rsp+8 u c-8
0000000000000021 rsp+16 c-16 c-8
0000000000000024 rbp+16 c-16 c-8
0000000000000039 rsp+8 u c-8
000000000000003a rbp+16 c-16 c-8
0000000000000046 rsp+8 u c-8
pc=0000000000000050..0000000000000076
LOC CFA rbx rbp r12 ra
0000000000000050 rsp+8 u u u c-8
0000000000000051 rsp+16 u c-16 u c-8
0000000000000054 rbp+16 u c-16 u c-8
0000000000000055 rbp+16 c-24 c-16 u c-8
0000000000000057 rbp+16 c-24 c-16 c-32 c-8
0000000000000073 rbp+16 c-24 c-16 u c-8
0000000000000074 rbp+16 u c-16 u c-8
0000000000000075 rsp+8 u u u c-8`;

const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim().replace(/\s+/g, ' '))
    .filter((l) => l !== '');

/** The FDE tables of `--debug-dump=frames-interp`: each FDE's pc range, then its header and rows. */
function fdeTables(out: string): string[] {
  const result: string[] = [];
  let inFde = false;
  for (const line of lines(out)) {
    const fde = / FDE cie=00000000 (pc=\S+)$/.exec(line);
    if (fde) {
      result.push(fde[1]!);
      inFde = true;
    } else if (/ CIE /.test(line)) {
      inFde = false;
    } else if (inFde && /^(LOC|[0-9a-f]{16}) /.test(line)) {
      result.push(line);
    }
  }
  return result;
}

describe('.eh_frame of generated code, read back by readelf', () => {
  test('the code is what the expected rows were worked out from', () => {
    const out = quietTool('objdump', ['-d', '-M', 'intel', '--no-show-raw-insn', objFile]);
    const got: string[] = [];
    for (const line of lines(out)) {
      const fn = /^[0-9a-f]+ (<\w+>):$/.exec(line);
      if (fn) got.push(fn[1]!);
      const insn = /^([0-9a-f]+): (.*)$/.exec(line);
      if (insn && !insn[2]!.startsWith('nop') && !insn[2]!.startsWith('data16')) got.push(`${insn[1]} ${insn[2]}`);
    }
    expect(got).toEqual(lines(EXPECTED_CODE));
  });

  test('one CIE: version 1, "zR", alignment factors, RA column, pcrel sdata4, CFA = rsp+8', () => {
    const out = readelf(objFile, '--debug-dump=frames');
    const cie = lines(out.slice(out.indexOf('00000000 0000000000000014 00000000 CIE'), out.indexOf(' FDE ')));
    expect(cie.slice(0, -1)).toEqual([
      '00000000 0000000000000014 00000000 CIE',
      'Version: 1',
      'Augmentation: "zR"',
      'Code alignment factor: 1',
      'Data alignment factor: -8',
      'Return address column: 16',
      'Augmentation data: 1b',
      'DW_CFA_def_cfa: r7 (rsp) ofs 8',
      'DW_CFA_offset: r16 (rip) at cfa-8',
      'DW_CFA_nop',
      'DW_CFA_nop',
    ]);
    expect(out.match(/ CIE/g)).toHaveLength(1);
    expect(out.match(/ FDE cie=00000000 /g)).toHaveLength(3);
  });

  test('w_mid\'s program remembers the body state before its first epilogue and restores it after', () => {
    const out = readelf(objFile, '--debug-dump=frames');
    const mid = lines(out.slice(out.indexOf('pc=0000000000000020'), out.indexOf('pc=0000000000000050')));
    expect(mid.slice(1)).toEqual([
      'DW_CFA_advance_loc: 1 to 0000000000000021',
      'DW_CFA_def_cfa_offset: 16',
      'DW_CFA_offset: r6 (rbp) at cfa-16',
      'DW_CFA_advance_loc: 3 to 0000000000000024',
      'DW_CFA_def_cfa_register: r6 (rbp)',
      'DW_CFA_remember_state',
      'DW_CFA_advance_loc: 21 to 0000000000000039',
      'DW_CFA_def_cfa: r7 (rsp) ofs 8',
      'DW_CFA_restore: r6 (rbp)',
      'DW_CFA_advance_loc: 1 to 000000000000003a',
      'DW_CFA_restore_state',
      'DW_CFA_advance_loc: 12 to 0000000000000046',
      'DW_CFA_def_cfa: r7 (rsp) ofs 8',
      'DW_CFA_restore: r6 (rbp)',
      'DW_CFA_nop', // 17 header bytes + 21 bytes of program, padded to 40
      'DW_CFA_nop',
      '00000060 0000000000000024 00000064 FDE cie=00000000',
    ]);
  });

  test('the decoded table has the expected rules at every code offset', () => {
    expect(fdeTables(readelf(objFile, '--debug-dump=frames-interp'))).toEqual(lines(EXPECTED_TABLES));
  });

  test('pc_begin is an R_X86_64_PC32 against each function symbol, or against .text plus the offset', () => {
    const rows = (file: string) =>
      parseRelocations(readelf(file, '-r')).map((r) => [r.section, r.offset, r.type, r.symbol, r.addend]);
    expect(rows(objFile)).toEqual([
      ['.rela.eh_frame', 0x20, 'R_X86_64_PC32', 'w_leaf', 0],
      ['.rela.eh_frame', 0x40, 'R_X86_64_PC32', 'w_mid', 0],
      ['.rela.eh_frame', 0x68, 'R_X86_64_PC32', 'w_outer', 0],
    ]);
    expect(rows(textAnchoredFile)).toEqual([
      ['.rela.eh_frame', 0x20, 'R_X86_64_PC32', '.text', 0],
      ['.rela.eh_frame', 0x40, 'R_X86_64_PC32', '.text', 0x20],
      ['.rela.eh_frame', 0x68, 'R_X86_64_PC32', '.text', 0x50],
    ]);
    expect(fdeTables(readelf(textAnchoredFile, '--debug-dump=frames-interp'))).toEqual(lines(EXPECTED_TABLES));
  });

  test('the section: allocated, 8-byte aligned, x86-64 unwind type, no zero terminator', () => {
    const eh = parseSections(readelf(objFile, '-S')).find((s) => s.name === '.eh_frame')!;
    expect([eh.type, eh.flags, eh.align]).toEqual(['X86_64_UNWIND', 'A', 8]);
    // CIE 0x18 + FDEs 0x20, 0x28, 0x28: the last record ends the section.
    expect(eh.size).toBe(0x18 + 0x20 + 0x28 + 0x28);
  });
});
