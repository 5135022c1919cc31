/**
 * The proof that relocations are right: the sample object linked by the system C
 * compiler with `test/fixtures-elf/main.c`, without a single linker message, and run.
 * Covers calls through R_X86_64_PLT32 (inside the object and out to C), data reached by
 * R_X86_64_PC32 (through a symbol and through a section symbol plus addend), pointers
 * stored by R_X86_64_64 and R_X86_64_PC64, the absolute R_X86_64_32/32S (non-PIE link),
 * weak and hidden symbols, .bss, a non-executable stack, and an `.eh_frame` whose FDEs
 * the linker indexes and the unwinder follows through the object's code.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeElf } from '../src/obj-elf/index.js';
import { buildSample, type SampleOptions } from './fixtures-elf/sample.js';
import { makeTempDir, quietTool, tool } from './fixtures-elf/tools.js';

const mainC = join(import.meta.dirname, 'fixtures-elf', 'main.c');
let tmp: ReturnType<typeof makeTempDir>;
let pie: Program;

beforeAll(() => {
  tmp = makeTempDir('obj-elf-link');
  pie = link('pie', {}, []);
});

afterAll(() => tmp.remove());

interface Program {
  exe: string;
  /** Addresses of the program's symbols, from nm. */
  symbols: Map<string, number>;
}

/**
 * Writes the sample object with `opts`, links it with main.c (`--fatal-warnings`, and
 * the compiler must print nothing at all) and returns the program.
 */
function link(name: string, opts: SampleOptions, ccFlags: string[]): Program {
  const sample = buildSample(opts);
  const obj = join(tmp.dir, `${name}.o`);
  writeFileSync(obj, writeElf(sample.obj));
  const exe = join(tmp.dir, name);
  const callC = sample.functions.find((f) => f.name === 'obj_call_c')!;
  quietTool('cc', [
    ...ccFlags,
    '-Wall',
    `-DOBJ_CALL_C_SIZE=${callC.size}`,
    '-Wl,--fatal-warnings',
    mainC,
    obj,
    '-o',
    exe,
  ]);
  const symbols = new Map<string, number>();
  for (const line of quietTool('nm', [exe]).split('\n')) {
    const m = /^([0-9a-f]+) \w (\S+)$/.exec(line);
    if (m) symbols.set(m[2]!, parseInt(m[1]!, 16));
  }
  return { exe, symbols };
}

function run(program: Program): string {
  const r = tool(program.exe, []);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

const EXPECTED_OUTPUT = `twice 84
read_value 1234
read_value after store 99
message hello from .rodata
fnptr 42
pcdelta ok
counter 0
bump 1 2
counter 2
weak 7
hidden 5
call_c 42
unwound into obj_call_c yes
unwound past obj_call_c yes
`;

describe('linked with cc and run', () => {
  test('as a position-independent executable (the default)', () => {
    expect(run(pie)).toBe(EXPECTED_OUTPUT);
    // The empty .note.GNU-stack keeps the stack non-executable.
    expect(quietTool('readelf', ['-l', '-W', pie.exe])).toMatch(/GNU_STACK(\s+0x[0-9a-f]+){5}\s+RW\s/);
  });

  test('without PIE, where absolute 32-bit addresses link too', () => {
    const program = link('nopie', { absolute: true }, ['-no-pie', '-DSAMPLE_ABSOLUTE']);
    expect(run(program)).toBe(EXPECTED_OUTPUT + 'address32 ok\naddress32s ok\n');
  });

  test('the linker indexes an FDE for each described function at its address', () => {
    const frames = quietTool('readelf', ['--debug-dump=frames', '-W', pie.exe]);
    const hex = (n: number) => n.toString(16).padStart(16, '0');
    for (const [name, size] of [['sample.answer', 6], ['obj_call_c', 21]] as const) {
      const at = pie.symbols.get(name)!;
      expect(at, name).toBeGreaterThan(0);
      expect(frames).toContain(`pc=${hex(at)}..${hex(at + size)}`);
    }
    // The FDEs are listed in .eh_frame_hdr's binary search table, which the unwinder uses.
    expect(quietTool('readelf', ['-S', '-W', pie.exe])).toContain('.eh_frame_hdr');
  });

  test('without the .eh_frame, the unwinder stops at the object\'s code', () => {
    const program = link('no-eh-frame', { noEhFrame: true }, []);
    const out = run(program);
    expect(out).toContain('unwound into obj_call_c yes\n');
    expect(out).toContain('unwound past obj_call_c no\n');
  });

  test('R_X86_64_32 in .text is refused by a PIE link, as it must be', () => {
    const sample = buildSample({ absolute: true });
    const obj = join(tmp.dir, 'abs-pie.o');
    writeFileSync(obj, writeElf(sample.obj));
    const r = tool('cc', ['-DSAMPLE_ABSOLUTE', '-DOBJ_CALL_C_SIZE=1', mainC, obj, '-o', join(tmp.dir, 'abs-pie')]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/relocation R_X86_64_32S? against .* can not be used when making a PIE object/);
  });
});
