/**
 * The runtime's instances, run for real: test/fixtures-instance's driver, linked with the
 * runtime library that `npm run build` makes and with modules whose descriptors come from
 * the encoder (src/link/descriptor.ts) and whose code is machine code written by hand with
 * the x64 assembler, in objects written by obj-elf. Each scenario prints what it saw and
 * the text is compared exactly: memories and their data segments, globals of every kind
 * and initializer, tables and element segments, the builtins with their bounds and
 * traps, calls through trampolines with traps named from the trap and function tables,
 * the stack limit (set per call, kept by nested calls, per thread), imports from other
 * instances, link errors, segments out of bounds, start functions, broken descriptors, the
 * mmap loader and the objects it refuses.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { R_X86_64_64, SHF_ALLOC, SHF_EXECINSTR, SHT_PROGBITS, STB_GLOBAL, STT_OBJECT, ElfObject, writeElf } from '../src/obj-elf/index.js';
import { makeTempDir } from './fixtures-elf/tools.js';
import { buildInstanceDriver, type InstanceDriver } from './fixtures-instance/build.js';
import { moduleObject, moduleObjectParts } from './fixtures-instance/module.js';
import type { RunResult } from './fixtures-runtime/build.js';
import { CPU_FEATURES } from '../src/abi/cpu.js';
import { cpuinfoFlags } from '../src/cli/target-cpu.js';

let tmp: ReturnType<typeof makeTempDir>;
let driver: InstanceDriver;

beforeAll(() => {
  tmp = makeTempDir('runtime-instance');
  driver = buildInstanceDriver(tmp.dir);
}, 120_000);
afterAll(() => tmp?.remove());

function ok(r: RunResult): string {
  expect(r.stderr).toBe('');
  expect(r.signal).toBeNull();
  expect(r.status).toBe(0);
  return r.stdout;
}
const lines = (...l: string[]) => l.join('\n') + '\n';
const hex = (n: number) => `0x${n.toString(16)}`;

const mod = (prefix: string) => {
  const m = driver.modules.get(prefix);
  if (m === undefined) throw new Error(`no module ${prefix}`);
  return m;
};
/** The offset of the trap site of `trap` inside function `func` of module `prefix`. */
function siteIn(prefix: string, func: string, code: number): number {
  const m = mod(prefix);
  const f = m.funcs.get(func)!;
  const s = m.sites.find((x) => x.code === code && x.textOffset >= f.textOffset && x.textOffset < f.textOffset + f.size);
  if (s === undefined) throw new Error(`no site ${code} in ${prefix} ${func}`);
  return s.textOffset;
}
const mark = (prefix: string, label: string) => mod(prefix).marks.get(label)!;

const raised = (label: string, code: number, message: string) => `${label}: trap ${code} "${message}" at +0x0 in ? (raised)`;
const memOob = (label: string) => raised(label, 2, 'out of bounds memory access');
const tableOob = (label: string) => raised(label, 3, 'out of bounds table access');
const recurseTrap = (label: string) =>
  `${label}: trap 9 "call stack exhausted" at ${hex(siteIn('code', '$recurse', 9))} in $recurse (SIGILL)`.replace(' at 0x', ' at +0x');
const fillTrap = (label: string) =>
  `${label}: trap 2 "out of bounds memory access" at +${hex(mark('code', 'fill returns'))} in $fill (raised)`;

describe('instantiation', () => {
  test('a memory: active data segments in order, a passive one, and the memory builtins with their bounds', () => {
    expect(ok(driver.run('memory'))).toBe(
      lines(
        'size 65536 max 196608 has_max 1',
        '[0,5) heLLo',
        '[65531,65536) world',
        'init 100 <- passive[0,7): ok',
        '[100,107) passive',
        'init 120 <- passive[8,13): ok',
        '[120,125) bytes',
        'init from dropped active, length 0: ok',
        memOob('init from dropped active, length 1'),
        'init passive src 13 length 0: ok',
        memOob('init passive src 14 length 0'),
        'init dst 65536 length 0: ok',
        memOob('init dst 65537 length 0'),
        memOob('init dst 65530 length 7'),
        '[65530,65536) 00776f726c64',
        'data.drop passive: ok',
        memOob('init from dropped passive, length 1'),
        'init from dropped passive, length 0: ok',
        'fill 10 0x1ff 3: ok',
        '[9,14) 00ffffff00',
        memOob('fill 65535 0x61 2'),
        '[65535] 64',
        'fill 65536 length 0: ok',
        memOob('fill 65537 length 0'),
        'copy 1 <- 0 length 4: ok',
        '[0,5) hheLL',
        'copy 0 <- 1 length 4: ok',
        '[0,5) heLLL',
        memOob('copy 0 <- 65534 length 4'),
        '[0,5) heLLL',
        'copy 65534 <- 0 length 2: ok',
        '[65534,65536) he',
        memOob('copy 65535 <- 0 length 2'),
        'grow 1: returned 1',
        'size 131072',
        'grow 2: returned -1',
        'grow 1: returned 2',
        'grow 0: returned 3',
        'grow 65537: returned -1',
        'size 196608',
        'fill 196607 0x7a 1: ok',
        '[196607] z',
        'exit',
      ),
    );
  });

  test('globals: every type, constant bits, ref.null, ref.func, global.get of imports, a re-exported import', () => {
    expect(ok(driver.run('globals'))).toBe(
      lines(
        'i32: 7f const -7',
        'i64: 7e const 0x123456789abcdef0',
        'f32: 7d const 1.5',
        'f64: 7c mut -2.25',
        'v128: 7b const 01000000020000000300000004000000',
        'null_func: 70 const null',
        'null_ext: 6f const null',
        'func: 70 const export f',
        'from_i32: 7f const 42',
        'from_f64: 7c const 6.5',
        "from_ref: 70 const the host's cb",
        'mut: 7e mut 0x5',
        "mut is the host's cell: yes",
        "f: type id of [] -> []: yes, vmctx the instance's: yes",
        'invoke f: 0',
        'f64: 7c mut 0.25',
        'exit',
      ),
    );
  });

  test('tables: element segments (function indices, ref.func, ref.null, global.get), and the table builtins', () => {
    expect(ok(driver.run('tables'))).toBe(
      lines(
        'table: size 10 max 20 elem 70',
        'ext: size 2 max none elem 6f',
        'table null a b null null c null host a null',
        'calls: 1 2 3',
        'type id of [] -> [i32]: yes',
        'size: returned 10',
        'init 0 <- passive[0,3): ok',
        '[0,10) b c null null null c null host a null',
        'init from dropped active, length 0: ok',
        tableOob('init from dropped active, length 1'),
        tableOob('init from declarative, length 1'),
        'init from declarative, length 0: ok',
        'init passive src 3 length 0: ok',
        tableOob('init passive src 4 length 0'),
        'init dst 10 length 0: ok',
        tableOob('init dst 11 length 0'),
        tableOob('init dst 8 length 3'),
        '[8,10) a null',
        'copy 1 <- 0 length 3: ok',
        '[0,5) b b c null null',
        'copy 0 <- 1 length 3: ok',
        '[0,5) b c null null null',
        tableOob('copy 9 <- 0 length 2'),
        '[9,10) null',
        'fill 3 a length 2: ok',
        '[0,5) b c null a a',
        tableOob('fill 9 b length 2'),
        '[9,10) null',
        'fill 10 length 0: ok',
        'get 5: returned c',
        tableOob('get 10'),
        'set 9 b: ok',
        tableOob('set 10 b'),
        '[9,10) b',
        'grow 5 c: returned 10',
        '[9,15) b c c c c c',
        'grow 6: returned -1',
        'grow 5: returned 15',
        'grow 0: returned 20',
        'grow 1: returned -1',
        'size: returned 20',
        'ext grow 3 0x1234: returned 2',
        'ext get 4: returned 0x1234',
        'ext fill 0 null length 5: ok',
        'ext get 4: returned null',
        'ext grow 4294967295: returned -1',
        'elem.drop passive: ok',
        tableOob('init from dropped passive, length 1'),
        'init from dropped passive, length 0: ok',
        'exit',
      ),
    );
  });

  test('imports from other instances: one group, writes into their table and memory, re-exported imports', () => {
    expect(ok(driver.run('link'))).toBe(
      lines(
        'link: ok',
        "table[3] is link's ia: yes, not tab's a: yes",
        "ia: code of tab's a: yes, vmctx tab's: yes, type id the same: yes, returns 1",
        "table[4] is link's own: yes, returns 9",
        'mem [42,48) linked',
        'invoke ia: returned 1',
        'invoke own: returned 9',
        'one stack limit cell: link and tab yes, link and mem yes, link and glob yes; code has its own yes',
        "then invoke tab's a: returned 1",
        'exit',
      ),
    );
  });

  test('link errors: unknown imports, and incompatible kinds, signatures, limits and global types', () => {
    const unknown = (m: string, mod: string, name: string, kind: string) => `${m}: link error "unknown import: "${mod}" "${name}" (${kind})"`;
    const incompatible = (m: string, mod: string, name: string, kind: string) =>
      `${m}: link error "incompatible import type: "${mod}" "${name}" is not the ${kind} the module imports"`;
    expect(ok(driver.run('link-errors'))).toBe(
      lines(
        unknown('unknown_module', 'nowhere', 'x', 'function'),
        unknown('unknown_name', 'tab', 'nope', 'table'),
        incompatible('bad_func_type', 'tab', 'a', 'function'),
        incompatible('bad_host_func_type', 'host', 'cb', 'function'),
        incompatible('bad_kind', 'tab', 'a', 'table'),
        incompatible('bad_table_min', 'tab', 'table', 'table'),
        incompatible('bad_table_max', 'tab', 'table', 'table'),
        incompatible('bad_table_no_max', 'host', 'table_no_max', 'table'),
        incompatible('bad_table_elem', 'tab', 'ext', 'table'),
        'ok_table: ok',
        'ok_table_looser: ok',
        incompatible('bad_memory_min', 'mem', 'memory', 'memory'),
        incompatible('bad_memory_max', 'mem', 'memory', 'memory'),
        incompatible('bad_memory_no_max', 'host', 'memory_no_max', 'memory'),
        'ok_memory: ok',
        'ok_memory_no_max: ok',
        incompatible('bad_global_type', 'glob', 'i32', 'global'),
        incompatible('bad_global_mut', 'glob', 'f64', 'global'),
        incompatible('bad_global_const', 'glob', 'i32', 'global'),
        'ok_global: ok',
        'no resolver: link error "unknown import: "nowhere" "x" (function)"',
        'no error to fill: NULL',
        'exit',
      ),
    );
  });

  test('segments out of bounds: the first traps, the writes before it stay (and their functions stay callable)', () => {
    expect(ok(driver.run('segments'))).toBe(
      lines(
        tableOob('trap_elem'),
        'table[7] written before the trap, still callable: returns 42',
        'table[8,10) a null',
        'mem[100] 00',
        memOob('trap_data'),
        'mem [200,205) first',
        'mem[65535] 64',
        'mem[300] 00',
        'data_empty_at_end: ok',
        memOob('data_empty_past_end'),
        memOob('data_negative'),
        tableOob('elem_empty_past_end'),
        'elem_empty_at_end: ok',
        'exit',
      ),
    );
  });

  test('start functions: run after the segments under a stack limit, trap with their name, imported', () => {
    const s = (p: string) => hex(siteIn(p, '$s', 1)).replace('0x', '+0x');
    expect(ok(driver.run('start'))).toBe(
      lines(
        'start_ok: ok',
        'mem[400] 42, the start function ran under a stack limit: yes',
        'start_ok registered: yes',
        'start_ok registered after free: no',
        `start_trap: trap 1 "unreachable" at ${s('start_trap')} in $s (SIGILL)`,
        'mem [500,506) before',
        'start_trap registered: no',
        'start_import: ok',
        'host called 1 time(s)',
        `start_trap_kept: trap 1 "unreachable" at ${s('start_trap_kept')} in $s (SIGILL)`,
        'start_trap_kept registered: yes',
        'exit',
      ),
    );
  });

  test('broken descriptors are refused with a reason, not run', () => {
    // Every known feature this machine lacks, added to the x86-64-v2 the fixture needs:
    // refused, naming them; or, on a machine that has them all, accepted.
    const lacking = () => {
      const flags = cpuinfoFlags(readFileSync('/proc/cpuinfo', 'utf8'));
      // Linux lists AVX features only when it saves the ymm state, as the runtime requires.
      const missing = CPU_FEATURES.filter((f) => !flags.has(f.cpuinfo)).map((f) => f.name);
      return missing.length === 0
        ? 'cpu features this cpu lacks: ok'
        : `cpu features this cpu lacks: bad module "this object needs x86-64-v2 (${CPU_FEATURES.filter((f, i) => i < 7 || missing.includes(f.name)).map((f) => f.name).join(', ')}); this CPU lacks ${missing.join(', ')}"`;
    };
    const code = mod('code');
    const view = new DataView(code.descriptor.buffer, code.descriptor.byteOffset);
    const vmctxGlobals = view.getUint32(64, true);
    expect(ok(driver.run('bad-descriptors'))).toBe(
      lines(
        'unchanged: ok',
        'magic: bad module "not a module descriptor (bad magic 0x4d4f3256)"',
        'version: bad module "descriptor version 3, this runtime reads version 2"',
        'builtins: bad module "descriptor needs 14 builtins, this runtime has 13"',
        'flags: bad module "descriptor has unknown flags 0x2"',
        'cpu level: bad module "descriptor is compiled for x86-64-v4, this runtime knows x86-64-v2 to x86-64-v3"',
        'cpu features: bad module "descriptor needs CPU features this runtime does not know (0x8000007f)"',
        lacking(),
        `types outside: bad module "descriptor's types array is misplaced"`,
        `exports unaligned: bad module "descriptor's exports array is misplaced"`,
        `function outside the text: bad module "function 2's code is outside the text"`,
        'export of an unknown function: bad module "export 0 has a bad kind or index"',
        'import out of order: bad module "import 0 has a bad kind or index"',
        `vmctx too small: bad module "vmctx size ${vmctxGlobals} too small or unaligned"`,
        `trap site code 0: bad module "the trap handler refused the module's code: bad trap or function table, or text overlapping another module's"`,
        'unaligned: bad module "descriptor is NULL or not 8-aligned"',
        `no text: bad module "module has ${code.text.length} bytes of code but no text was given"`,
        'exit',
      ),
    );
  });
});

describe('calls', () => {
  test("invoke through trampolines; traps named from the trap table or the builtin's return address; the stack limit", () => {
    expect(ok(driver.run('invoke'))).toBe(
      lines(
        'add 2 40: returned 42',
        'fill 0 0x61 4: ok',
        '[0,5) aaaa',
        fillTrap('fill 65534 0x62 4'),
        '[65534,65536) 0000',
        recurseTrap('recurse'),
        'add -1 1: returned 0',
        'grow 1: returned 1',
        'grow 65536: returned -1',
        'size 131072',
        'invoke nope: -1, memory: -1, g: -1',
        'add: 2 params 7f 7f, 1 results 7f',
        'recurse: 0 params, 0 results',
        'type of memory: -1',
        'limit before: 0',
        "  in host: limit is the stack's low end + 256 KiB: yes, below here: yes",
        recurseTrap('  nested recurse'),
        '  after the nested call the limit is unchanged: yes',
        'call_host: ok, host called 1 time(s)',
        'limit after: 0',
        'exit',
      ),
    );
  });

  test('threads with stacks of different sizes each stop deep recursion at their own limit', () => {
    const site = hex(siteIn('code', '$recurse', 9));
    expect(ok(driver.run('threads', site))).toBe(lines('threads 4: 200 of 200 recursions stopped by the limit check, 200 adds', 'exit'));
  });

  test('canonical type ids', () => {
    expect(ok(driver.run('type-ids'))).toBe(
      lines(
        'equal signatures, equal ids: yes',
        '[i32]->[i32] vs [i64]->[i32]: yes',
        '[i32]->[i32] vs [i32 i32]->[]: yes',
        '[i32 i32]->[] vs [i32]->[i32] vs []->[i32 i32]: yes',
        '[]->[] is not 0: yes',
        '1000 signatures: distinct ids yes, the same again yes',
        'exit',
      ),
    );
  });
});

describe('the mmap loader', () => {
  /** Objects the loader must refuse, each with the reason it gives. */
  function badObjects(): [label: string, path: string, expected: string][] {
    const code = mod('code');
    const dir = tmp.dir;
    const file = (name: string, bytes: Uint8Array | string) => {
      const p = join(dir, name);
      writeFileSync(p, bytes);
      return p;
    };
    const real = readFileSync(driver.objects.get('code')!);
    const relocated = moduleObjectParts('r', code.text, code.descriptor);
    relocated.obj.addRelocation(relocated.textId, { offset: 0, symbol: relocated.obj.sectionSymbol(relocated.textId), type: R_X86_64_64, addend: 0 });
    const descRelocated = moduleObjectParts('d', code.text, code.descriptor);
    const d = descRelocated;
    d.obj.addRelocation(d.rodataId, { offset: 16, symbol: d.obj.sectionSymbol(d.textId), type: R_X86_64_64, addend: 0 });
    const noDescriptor = new ElfObject('n.wasm');
    noDescriptor.addSection({ name: '.text', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR, align: 16, data: code.text });
    const two = moduleObject('t', code.text, code.descriptor);
    const second = two.addSection({ name: '.rodata.2', type: SHT_PROGBITS, flags: SHF_ALLOC, align: 8, data: code.descriptor });
    two.addSymbol({ name: 'u_module', binding: STB_GLOBAL, type: STT_OBJECT, section: second, value: 0, size: code.descriptor.length });
    const shortText = moduleObject('s', code.text.subarray(0, code.text.length - 16), code.descriptor);
    return [
      ['missing', join(dir, 'missing.o'), 'bad module "cannot open: No such file or directory"'],
      ['text file', file('text.o', 'not an object, but long enough to hold an ELF header if it were one.\n'), 'bad module "not an ELF object"'],
      ['empty', file('empty.o', ''), 'bad module "not an ELF object (not a regular file, or empty)"'],
      ['truncated', file('truncated.o', real.subarray(0, 200)), 'bad module "section header table outside the file"'],
      ['executable', driver.exe, 'bad module "not a relocatable object (ELF type 3)"'],
      ['relocated text', file('relocated.o', writeElf(relocated.obj)), 'bad module ".text has relocations: not an object the loader can run"'],
      ['relocated descriptor', file('desc-relocated.o', writeElf(descRelocated.obj)), 'bad module "the module descriptor has relocations"'],
      ['no descriptor', file('none.o', writeElf(noDescriptor)), 'bad module "no module descriptor (a global data symbol <prefix>_module)"'],
      ['two descriptors', file('two.o', writeElf(two)), 'bad module "2 module descriptors: one object, one module"'],
      [
        'text shorter than the descriptor says',
        file('short.o', writeElf(shortText)),
        `bad module "the descriptor's code is ${code.text.length} bytes, .text has ${code.text.length - 16}"`,
      ],
    ];
  }

  test('maps an object written by obj-elf and runs it; refuses what it cannot run, saying why', () => {
    const copy = join(tmp.dir, 'code-copy.o');
    copyFileSync(driver.objects.get('code')!, copy);
    const bad = badObjects();
    expect(ok(driver.run('load', copy, ...bad.flatMap(([label, path]) => [label, path])))).toBe(
      lines(
        'loaded: text elsewhere than the linked copy: yes, descriptor equal: yes, 8-aligned: yes',
        'code.o: ok',
        'code.o again: ok',
        'add 20 22: returned 42',
        fillTrap('fill 65535 1 2'),
        recurseTrap('recurse'),
        ...bad.map(([label, , expected]) => `${label}: ${expected}`),
        'exit',
      ),
    );
  });
});
