/**
 * gdb sees compiled wasm frames.
 *
 * A C program compiled to wasm32 by clang (-O0; run -> outer -> (call_indirect) middle ->
 * leaf) and a hand-written module whose middle function has no name (entry -> func[1] ->
 * $innermost) are compiled by the built CLI, linked by cc with a C main and libw2o.a, and
 * run under gdb in batch mode with a breakpoint on each innermost function's local symbol
 * `<prefix>.<name>`. At each stop, `bt` must list every wasm frame by its name, innermost
 * first, down to main, with nothing that says the unwind went wrong; the stop must be at
 * the address `nm` gives the symbol. The objects themselves must read back through
 * `readelf -a` and `objdump -d` without a word on stderr or an undecodable instruction.
 *
 * gdb 13 prints a minimal symbol `p.name` as `p[name]` (it does the same for a symbol with
 * a dot that plain C makes with an asm label), so both spellings stand for the symbol.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTempDir, quietTool, tool } from './fixtures-elf/tools.js';
import { REPO, RUNTIME_INCLUDE } from './fixtures-runtime/build.js';
import { requireTools } from './fixtures-unwind/tools.js';
import { decodeModule } from '../src/translate/index.js';

const CLI = join(REPO, 'dist/src/cli/main.js');
const LIBW2O = join(REPO, 'runtime/build/libw2o.a');
const FIXTURES = join(REPO, 'test/fixtures-linked');
const CLANG = existsSync('/usr/bin/clang-14') ? 'clang-14' : 'clang';

let tmp: ReturnType<typeof makeTempDir>;
const file = (name: string) => join(tmp.dir, name);
let exe: string;
/** Symbol -> address in the linked program, from nm. */
let addresses: Map<string, bigint>;

function compileWasm(input: string, prefix: string): void {
  const r = tool(process.execPath, [CLI, input, '-o', file(`${prefix}.o`), '--header', file(`${prefix}.h`), '--prefix', prefix]);
  if (r.status !== 0 || r.stdout !== '' || r.stderr !== '') throw new Error(`wasm2obj ${input} exited ${r.status}:\n${r.stderr}${r.stdout}`);
}

beforeAll(() => {
  requireTools('cc', 'gdb', 'readelf', 'objdump', 'nm', 'wat2wasm', CLANG);
  for (const f of [CLI, LIBW2O]) if (!existsSync(f)) throw new Error(`${f} is missing: run 'npm run build' first (npm test does)`);
  tmp = makeTempDir('debug-gdb');
  quietTool(CLANG, ['--target=wasm32', '-nostdlib', '-Wl,--no-entry', '-O0', join(FIXTURES, 'gdb-prog.c'), '-o', file('dbg.wasm')]);
  quietTool('wat2wasm', ['--debug-names', join(FIXTURES, 'gdb-chain.wat'), '-o', file('chain.wasm')]);
  compileWasm(file('dbg.wasm'), 'dbg');
  compileWasm(file('chain.wasm'), 'chain');
  exe = file('prog');
  quietTool('cc', [
    '-std=c11', '-pedantic', '-Wall', '-Wextra', '-Werror', '-g', '-O0', `-I${tmp.dir}`, `-I${RUNTIME_INCLUDE}`,
    join(FIXTURES, 'gdb-main.c'), file('dbg.o'), file('chain.o'), LIBW2O, '-pthread', '-Wl,--fatal-warnings', '-o', exe,
  ]);
  addresses = new Map();
  for (const line of quietTool('nm', [exe]).split('\n')) {
    const m = /^([0-9a-f]+) [tT] (\S+)$/.exec(line);
    if (m) addresses.set(m[2]!, BigInt(`0x${m[1]}`));
  }
}, 60_000);

afterAll(() => tmp?.remove());

/** gdb's spelling of a frame's function, back to the symbol: `p[name]` is `p.name`. */
const symbolOf = (shown: string) => shown.replace(/^([A-Za-z_][A-Za-z0-9_]*)\[([^[\]]+)\]$/, '$1.$2');

interface Stop {
  /** What `info symbol $pc` says at the stop: `SYMBOL in section .text...`, `+ N` when inside it. */
  where: string;
  /** The frames of `bt`, innermost first, as symbols. */
  frames: string[];
  /** The raw `bt` lines, for messages. */
  text: string;
}

/** Runs the program under gdb with a breakpoint at each symbol's address; one Stop per breakpoint hit. */
function gdbStops(breakAt: string[]): { stops: Stop[]; set: bigint[]; stdout: string; stderr: string; status: number | null } {
  const commands = [...breakAt.map((s) => `break *'${s}'`), 'run', ...breakAt.flatMap(() => ['bt', 'info symbol $pc', 'continue'])];
  const r = tool('gdb', ['-nx', '-batch', ...commands.flatMap((c) => ['-ex', c]), exe]);
  const stops = r.stdout
    .split(/^Breakpoint \d+, /m)
    .slice(1)
    .map((chunk): Stop => {
      const where = /^(\S+(?: \+ \d+)?) in section (\S+)/m.exec(chunk);
      const bt = [...chunk.matchAll(/^#\d+\s+(?:0x[0-9a-f]+ in )?(\S+) \(.*$/gm)];
      return {
        where: where ? `${symbolOf(where[1]!)} in ${where[2]}` : '(no info symbol)',
        frames: bt.map((m) => symbolOf(m[1]!)),
        text: bt.map((m) => m[0]).join('\n'),
      };
    });
  // `Breakpoint N at 0x...`, before the program runs: the link-time addresses (the program is PIE).
  const set = [...r.stdout.matchAll(/^Breakpoint \d+ at (0x[0-9a-f]+)$/gm)].map((m) => BigInt(m[1]!));
  return { stops, set, stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('the objects read back cleanly', () => {
  test('the inputs carry the names the frames should get', () => {
    const dbg = decodeModule(new Uint8Array(readFileSync(file('dbg.wasm'))));
    expect([...dbg.names.functionNames.values()].sort()).toEqual(['leaf', 'middle', 'outer', 'run']);
    const chain = decodeModule(new Uint8Array(readFileSync(file('chain.wasm'))));
    expect([...chain.names.functionNames.entries()]).toEqual([[0, 'innermost'], [2, 'outer']]);
  });

  test.each(['dbg', 'chain'])('%s.o: readelf -a and objdump -d print nothing on stderr; every function is a sized local symbol', (prefix) => {
    const obj = file(`${prefix}.o`);
    const r = tool('readelf', ['-a', '-W', obj]);
    expect(r.stderr, `readelf -a ${prefix}.o`).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/warning/i);
    const d = tool('objdump', ['-d', '-w', obj]);
    expect(d.stderr, `objdump -d ${prefix}.o`).toBe('');
    expect(d.status).toBe(0);
    expect(d.stdout).not.toMatch(/warning|\(bad\)/i);
    const names = prefix === 'dbg' ? ['dbg.run', 'dbg.outer', 'dbg.middle', 'dbg.leaf'] : ['chain.innermost', 'chain.func[1]', 'chain.outer'];
    for (const n of names) {
      const row = r.stdout.split('\n').find((l) => l.trimEnd().endsWith(` ${n}`));
      expect(row ?? `no symbol ${n}`, `symbol ${n} in readelf -s`).toMatch(/^\s*\d+: [0-9a-f]{16}\s+[1-9]\d*\s+FUNC\s+LOCAL\s+DEFAULT\s+\d+ /);
    }
  });
});

describe('gdb, stopped in the innermost wasm function', () => {
  test('the program runs and prints the right results without gdb', () => {
    expect(tool(exe, [])).toEqual({ status: 0, stdout: 'run(4) = 34\nentry(4) = 13\n', stderr: '' });
  });

  test('bt names every wasm frame, innermost first, down to main', () => {
    const { stops, set, stdout, stderr, status } = gdbStops(['dbg.leaf', 'chain.innermost']);
    const context = `gdb said:\n${stdout}\n${stderr}`;
    expect(status, context).toBe(0);
    expect(stderr, context).not.toMatch(/Backtrace stopped|previous frame|corrupt|Cannot access memory|No symbol/i);
    expect(stops.length, context).toBe(2);
    const [dbg, chain] = stops as [Stop, Stop];
    // The breakpoints are where nm puts the symbols, and each stop is at a symbol's first byte.
    expect(set, context).toEqual([addresses.get('dbg.leaf'), addresses.get('chain.innermost')]);
    expect(dbg.where, context).toBe('dbg.leaf in .text');
    expect(chain.where, context).toBe('chain.innermost in .text');
    // The exported functions share their address with the global `<prefix>_<export>`,
    // which gdb prefers; either symbol names the frame.
    const exported = (f: string, local: string, global: string) => (f === local ? global : f);
    expect(dbg.frames.map((f) => exported(f, 'dbg.run', 'dbg_run')), dbg.text).toEqual(['dbg.leaf', 'dbg.middle', 'dbg.outer', 'dbg_run', 'main']);
    expect(chain.frames.map((f) => exported(f, 'chain.outer', 'chain_entry')), chain.text).toEqual(['chain.innermost', 'chain.func[1]', 'chain_entry', 'main']);
    // main is the C main, with its source line: the unwind went through the wasm frames into it.
    expect(dbg.text).toMatch(/ in main \(\) at .*gdb-main\.c:\d+$/m);
    expect(chain.text).toMatch(/ in main \(\) at .*gdb-main\.c:\d+$/m);
    expect(stdout, context).toMatch(/run\(4\) = 34\n/);
    expect(stdout, context).toMatch(/entry\(4\) = 13\n/);
  });

  test('stepping through every instruction of dbg.leaf, prologue and epilogue included, bt stays whole', () => {
    const listing = quietTool('objdump', ['-d', '-w', '--no-show-raw-insn', file('dbg.o')]);
    const body = /^[0-9a-f]+ <dbg\.leaf>:\n([\s\S]*?)\n\n/m.exec(listing);
    expect(body, 'dbg.leaf in objdump -d').not.toBeNull();
    // The body runs straight to its first ret (the stack check's branch to ud2 is not taken).
    const lines = body![1]!.split('\n');
    const steps = lines.findIndex((l) => /\sret\b/.test(l)) + 1;
    expect(steps).toBeGreaterThan(5);
    const commands = ["break *'dbg.leaf'", 'run', 'bt', ...Array.from({ length: steps }, () => ['stepi', 'bt']).flat(), 'kill'];
    const r = tool('gdb', ['-nx', '-batch', ...commands.flatMap((c) => ['-ex', c]), exe]);
    expect(r.stderr, r.stderr).not.toMatch(/Backtrace stopped|previous frame|corrupt|Cannot access memory/i);
    const traces = r.stdout
      .split(/^(?=#0 )/m)
      .slice(1)
      .map((t) => [...t.matchAll(/^#\d+\s+(?:0x[0-9a-f]+ in )?(\S+) \(/gm)].map((m) => symbolOf(m[1]!)).join(' <- '));
    const inLeaf = 'dbg.leaf <- dbg.middle <- dbg.outer <- dbg_run <- main';
    const backInMiddle = 'dbg.middle <- dbg.outer <- dbg_run <- main';
    // Entry, then one per instruction; the last step is the ret, which lands in middle.
    expect(traces.length, r.stdout).toBe(steps + 1);
    expect(traces).toEqual([...Array.from({ length: steps }, () => inLeaf), backInMiddle]);
  });

  test('gdb takes the dotted names as breakpoint locations, quoted or not', () => {
    const r = tool('gdb', ['-nx', '-batch', '-ex', 'break dbg.middle', '-ex', "break 'chain.func[1]'", '-ex', 'run', '-ex', 'bt 1', '-ex', 'continue', '-ex', 'bt 1', '-ex', 'continue', exe]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const hits = [...r.stdout.matchAll(/^Breakpoint (\d+), 0x([0-9a-f]+) in (\S+) \(\)$/gm)].map((m) => [m[1], symbolOf(m[3]!)]);
    expect(hits, r.stdout + r.stderr).toEqual([
      ['1', 'dbg.middle'],
      ['2', 'chain.func[1]'],
    ]);
    expect(r.stdout).toMatch(/\[Inferior 1 \(process \d+\) exited normally\]/);
  });
});
