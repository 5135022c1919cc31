/**
 * The link stage on hand-assembled functions (test/fixtures-link/program.ts): the layout
 * of `.text` and the calls it resolves, what the descriptor encoder is handed, the object
 * read back by readelf and objdump (no warnings, no relocation of .text, the symbols and
 * FDEs contract 5 asks for), determinism, the refusal of inconsistent input, and then the
 * proof: the object linked by cc with a C main, run, and walked by gdb.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decodeFuncTableForTest } from './fixtures-link/decode.js';
import { FUNC, TYPE_I32_I32, TYPE_PAIR, buildModule, compileByHand } from './fixtures-link/program.js';
import { makeTempDir, parseRelocations, parseSections, parseSymbols, quietTool, tool } from './fixtures-elf/tools.js';
import { requireTools } from './fixtures-unwind/tools.js';
import { decodeTrapTable } from '../src/abi/index.js';
import { DEFAULT_CPU_LEVEL } from '../src/abi/cpu.js';
import type { CompiledFunction } from '../src/codegen/types.js';
import { FUNCTION_ALIGN, PADDING_BYTE, buildObject, encodeDescriptor, layoutText, linkObject, type DescriptorCode } from '../src/link/index.js';
import type { ModuleInfo } from '../src/translate/index.js';

const mainC = join(import.meta.dirname, 'fixtures-link', 'main.c');
const PREFIX = 'lk';
let tmp: ReturnType<typeof makeTempDir>;

beforeAll(() => {
  requireTools('cc', 'readelf', 'objdump', 'gdb');
  tmp = makeTempDir('link');
});
afterAll(() => tmp?.remove());

/** A descriptor main.c can read: u32 magic, text size, each function's offset, the trampolines' offsets. */
function stubDescriptor(seen: DescriptorCode[]) {
  return (m: ModuleInfo, _input: Uint8Array, code: DescriptorCode): Uint8Array => {
    seen.push(code);
    const tramps = [...code.trampolines.entries()].sort((a, b) => a[0] - b[0]).map(([, at]) => at);
    const words = Uint32Array.from([0x42555453, code.textSize, ...code.funcTextOffsets, ...tramps]);
    expect(code.funcTextOffsets.length).toBe(m.bodyStart.length);
    return new Uint8Array(words.buffer);
  };
}

function link(compiled: readonly CompiledFunction[] = compileByHand()) {
  const { bytes, module } = buildModule();
  const seen: DescriptorCode[] = [];
  const elf = buildObject(module, bytes, compiled, { prefix: PREFIX, boundsChecks: false, cpuLevel: DEFAULT_CPU_LEVEL }, stubDescriptor(seen));
  return { elf, code: seen[0]!, module, bytes };
}

function writeObject(name: string, elf: Uint8Array): string {
  const file = join(tmp.dir, name);
  writeFileSync(file, elf);
  return file;
}

describe('.text layout', () => {
  const { module } = buildModule();
  const compiled = compileByHand();
  const text = layoutText(module, compiled);

  test('functions in index order, then trampolines by type, each 16-aligned, gaps of int3', () => {
    expect(text.functions.map((p) => p.compiled.funcIndex)).toEqual([1, 2, 3, 4, 5]);
    expect(text.trampolines.map((p) => p.compiled.trampolineType)).toEqual([TYPE_I32_I32, TYPE_PAIR]);
    const all = [...text.functions, ...text.trampolines];
    let end = 0;
    for (const p of all) {
      expect(p.offset % FUNCTION_ALIGN).toBe(0);
      expect(p.offset).toBeGreaterThanOrEqual(end);
      expect(p.offset - end).toBeLessThan(FUNCTION_ALIGN);
      expect(text.bytes.subarray(end, p.offset).every((b) => b === PADDING_BYTE)).toBe(true);
      end = p.offset + p.size;
    }
    expect(text.bytes.length).toBe(end);
    expect(all[0]!.offset).toBe(0);
  });

  test('every call field holds callee start - (field + 4)', () => {
    const view = new DataView(text.bytes.buffer);
    let n = 0;
    for (const p of text.functions) {
      const calls = p.compiled.calls;
      for (let i = 0; i < calls.length; i += 2) {
        const field = p.offset + calls[i]!;
        const target = text.functions[calls[i + 1]! - module.numImportedFuncs]!.offset;
        expect(text.bytes[field - 1]).toBe(0xe8);
        expect(field + 4 + view.getInt32(field, true)).toBe(target);
        n++;
      }
    }
    expect(n).toBe(3);
  });

  test('the descriptor encoder gets the offsets, the trampolines, a sorted text-relative trap table and the function table', () => {
    const { code } = link();
    expect(code.textSize).toBe(text.bytes.length);
    expect([...code.funcTextOffsets]).toEqual(text.functions.map((p) => p.offset));
    expect([...code.trampolines.entries()]).toEqual(text.trampolines.map((p) => [p.compiled.trampolineType, p.offset]));
    const trapper = text.functions[FUNC.trapper - 1]!;
    expect(decodeTrapTable(code.trapTable)).toEqual([{ textOffset: trapper.offset + trapper.compiled.trapSites[0]!, code: 1 }]);
    expect(text.bytes.subarray(decodeTrapTable(code.trapTable)[0]!.textOffset).subarray(0, 2)).toEqual(Uint8Array.of(0x0f, 0x0b));
    expect(decodeFuncTableForTest(code.funcTable, code.names)).toEqual(
      text.functions.map((p) => ({ textOffset: p.offset, size: p.size, name: ['leaf', 'mid', undefined, 'pair', 'trapper'][p.compiled.funcIndex - 1] })),
    );
    expect(code.boundsChecks).toBe(false);
  });
});

describe('the object, read back', () => {
  let file: string;
  beforeAll(() => {
    file = writeObject('lk.o', link().elf);
  });

  test('readelf -a and objdump -d print no warning', () => {
    const r = tool('readelf', ['-a', '-W', file]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(/warning/i);
    const d = tool('objdump', ['-d', '-w', file]);
    expect(d.status).toBe(0);
    expect(d.stderr).toBe('');
    expect(d.stdout).not.toMatch(/warning|\(bad\)/i);
  });

  test('sections: .text, .rodata, .eh_frame with its relocations, and no .rela.text', () => {
    const sections = parseSections(quietTool('readelf', ['-S', '-W', file]));
    const byName = (n: string) => sections.find((s) => s.name === n);
    expect(byName('.text')).toMatchObject({ type: 'PROGBITS', flags: 'AX', align: 16 });
    expect(byName('.rodata')).toMatchObject({ type: 'PROGBITS', flags: 'A', align: 16 });
    expect(byName('.eh_frame')).toMatchObject({ type: 'X86_64_UNWIND', flags: 'A', align: 8 });
    expect(byName('.rela.eh_frame')).toBeDefined();
    expect(sections.filter((s) => s.name.startsWith('.rela')).map((s) => s.name)).toEqual(['.rela.eh_frame']);
  });

  test('symbols: each function local with its size, trampolines, .text and descriptor, and the exports', () => {
    const { code } = link();
    const text = layoutText(buildModule().module, compileByHand());
    const symbols = parseSymbols(quietTool('readelf', ['-s', '-W', file])).filter((s) => s.type !== 'SECTION' && s.type !== 'FILE' && s.name !== '');
    const rows = symbols.map((s) => [s.name, s.type, s.bind, s.value, s.size]);
    const f = (i: number) => text.functions[i - 1]!;
    const t = (i: number) => text.trampolines[i]!;
    expect(rows).toEqual([
      ['lk.leaf', 'FUNC', 'LOCAL', f(1).offset, f(1).size],
      ['lk.mid', 'FUNC', 'LOCAL', f(2).offset, f(2).size],
      ['lk.func[3]', 'FUNC', 'LOCAL', f(3).offset, f(3).size],
      ['lk.pair', 'FUNC', 'LOCAL', f(4).offset, f(4).size],
      ['lk.trapper', 'FUNC', 'LOCAL', f(5).offset, f(5).size],
      ['lk.trampoline[0]', 'FUNC', 'LOCAL', t(0).offset, t(0).size],
      ['lk.trampoline[1]', 'FUNC', 'LOCAL', t(1).offset, t(1).size],
      ['lk_text', 'NOTYPE', 'GLOBAL', 0, 0],
      ['lk_module', 'OBJECT', 'GLOBAL', 0, 8 + 4 * (code.funcTextOffsets.length + 2)],
      // Exports in export order; "module" is reserved and escaped, the re-exported import has no code.
      ['lk_leaf_x2e_fn', 'FUNC', 'GLOBAL', f(1).offset, f(1).size],
      ['lk_modul_x65_', 'FUNC', 'GLOBAL', f(2).offset, f(2).size],
      ['lk_outer', 'FUNC', 'GLOBAL', f(3).offset, f(3).size],
      ['lk_pair', 'FUNC', 'GLOBAL', f(4).offset, f(4).size],
    ]);
  });

  test('one CIE and one FDE per function and trampoline, each pc_begin relocated against its function', () => {
    const frames = quietTool('readelf', ['--debug-dump=frames', '-W', file]);
    expect(frames.match(/ CIE\b/g)).toHaveLength(1);
    expect(frames.match(/ FDE\b/g)).toHaveLength(7);
    const relocs = parseRelocations(quietTool('readelf', ['-r', '-W', file]));
    expect(relocs.map((r) => [r.section, r.type, r.symbol, r.addend])).toEqual(
      ['lk.leaf', 'lk.mid', 'lk.func[3]', 'lk.pair', 'lk.trapper', 'lk.trampoline[0]', 'lk.trampoline[1]'].map((s) => [
        '.rela.eh_frame',
        'R_X86_64_PC32',
        s,
        0,
      ]),
    );
  });

  test('objdump shows each call going to its callee', () => {
    const listing = quietTool('objdump', ['-d', '-w', '--no-show-raw-insn', file]);
    const calls = [...listing.matchAll(/call\s+[0-9a-f]+ <([^>]+)>/g)].map((m) => m[1]);
    // gdb and objdump may name a function by its export alias, which starts at the same address.
    expect(calls.map((c) => c!.replace('lk_leaf_x2e_fn', 'lk.leaf').replace('lk_modul_x65_', 'lk.mid'))).toEqual([
      'lk.leaf',
      'lk.mid',
      'lk.leaf',
    ]);
  });
});

describe('determinism and checks', () => {
  test('the same input gives the same bytes, whatever the order of the compiled functions', () => {
    const a = link().elf;
    const b = link().elf;
    const shuffled = compileByHand().reverse();
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
    expect(Buffer.from(link(shuffled).elf).equals(Buffer.from(a))).toBe(true);
  });

  test('the prefix is part of every symbol and nothing else', () => {
    const { bytes, module } = buildModule();
    const other = buildObject(module, bytes, compileByHand(), { prefix: 'other', boundsChecks: false, cpuLevel: DEFAULT_CPU_LEVEL }, stubDescriptor([]));
    const names = parseSymbols(quietTool('readelf', ['-s', '-W', writeObject('other.o', other)])).map((s) => s.name).filter(Boolean);
    expect(names.every((n) => n === 'other.wasm' || n.startsWith('other.') || n.startsWith('other_'))).toBe(true);
  });

  test('inconsistent input is refused', () => {
    const { bytes, module } = buildModule();
    const attempt = (edit: (c: CompiledFunction[]) => CompiledFunction[], prefix = PREFIX) => () =>
      buildObject(module, bytes, edit(compileByHand()), { prefix, boundsChecks: false, cpuLevel: DEFAULT_CPU_LEVEL }, stubDescriptor([]));
    expect(attempt((c) => c.slice(1))).toThrow(/no code for function 1/);
    expect(attempt((c) => [...c, c[0]!])).toThrow(/function 1 compiled twice/);
    expect(attempt((c) => [...c, c[5]!])).toThrow(/two trampolines for type 0/);
    expect(attempt((c) => [...c, { ...c[5]!, trampolineType: 9 }])).toThrow(/type 9, which does not exist/);
    expect(attempt((c) => [{ ...c[0]!, funcIndex: 0 }, ...c.slice(1)])).toThrow(/function 0, which is not a defined function/);
    expect(attempt((c) => [{ ...c[1]!, calls: Uint32Array.of(5, 0) }, ...c.filter((_, i) => i !== 1)])).toThrow(
      /direct call to function 0, which is not defined here/,
    );
    expect(attempt((c) => [{ ...c[1]!, calls: Uint32Array.of(c[1]!.code.length - 2, 1) }, ...c.filter((_, i) => i !== 1)])).toThrow(
      /call field .* lies outside/,
    );
    expect(attempt((c) => [{ ...c[0]!, trapSites: Uint32Array.of(c[0]!.code.length, 1) }, ...c.slice(1)])).toThrow(
      /trap site .* lies outside/,
    );
    expect(attempt((c) => c, 'not-an-identifier')).toThrow(/not a C identifier/);
  });
});

describe('with the real descriptor', () => {
  test('linkObject places what encodeDescriptor makes of the code as <prefix>_module', () => {
    const { bytes, module } = buildModule();
    let descriptor: Uint8Array = new Uint8Array(0);
    const expected = buildObject(module, bytes, compileByHand(), { prefix: PREFIX, boundsChecks: true, cpuLevel: DEFAULT_CPU_LEVEL }, (m, input, code) => {
      descriptor = encodeDescriptor(m, input, code);
      return descriptor;
    });
    const elf = linkObject(module, bytes, compileByHand(), { prefix: PREFIX, boundsChecks: true, cpuLevel: DEFAULT_CPU_LEVEL });
    expect(Buffer.from(elf).equals(Buffer.from(expected))).toBe(true);
    const file = writeObject('real.o', elf);
    const r = tool('readelf', ['-a', '-W', file]);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(/warning/i);
    expect(parseSymbols(r.stdout).find((s) => s.name === 'lk_module')).toMatchObject({ type: 'OBJECT', value: 0, size: descriptor.length });
    // The magic "W2OM" and the version at the start of .rodata.
    expect(quietTool('readelf', ['-x', '.rodata', '-W', file])).toMatch(/0x00000000 57324f4d 02000000/);
  });
});

describe('linked with a C main and run', () => {
  let exe: string;
  beforeAll(() => {
    const obj = writeObject('run.o', link().elf);
    exe = join(tmp.dir, 'run');
    quietTool('cc', ['-Wall', '-Wextra', '-Werror', '-g', '-Wl,--fatal-warnings', mainC, obj, '-o', exe]);
  });

  test('the call chain, the results area and the trampoline give the right values', () => {
    const r = tool(exe, []);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('outer 122\nleaf 42\nmid 112\npair -7 1234567890123\ntrampoline 100\n');
    expect(r.status).toBe(0);
  });

  test('gdb: a backtrace from the innermost function names every frame down to main', () => {
    const commands = ["break *'lk.leaf'", 'run', 'bt', 'continue', 'bt', 'kill'];
    const r = tool('gdb', ['-nx', '-batch', ...commands.flatMap((c) => ['-ex', c]), exe]);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/Backtrace stopped|previous frame|corrupt/i);
    const stacks = r.stdout
      .split(/^Breakpoint \d+, /m)
      .slice(1)
      .map((stop) => [...stop.matchAll(/^#(\d+)\s+(?:0x[0-9a-f]+ in )?(\S+) \(/gm)].map((m) => m[2]));
    // First stop: outer calls mid, which calls leaf; second: outer calls leaf itself.
    expect(stacks).toEqual([
      ['lk_leaf_x2e_fn', 'lk_modul_x65_', 'lk_outer', 'main'],
      ['lk_leaf_x2e_fn', 'lk_outer', 'main'],
    ]);
  });
});
