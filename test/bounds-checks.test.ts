/**
 * `--bounds-checks` really checks, and guard pages really guard.
 *
 * One module (test/fixtures-linked/bounds-module.ts: every load and store, at static
 * offsets from 0 to 0xffffffff, with the address as a parameter; constant addresses and
 * values; an address computed with a wrapping i32.add; memory.grow) is compiled twice by the
 * built CLI, with guard pages and with --bounds-checks, and both objects are linked into one
 * C driver (test/fixtures-linked/bounds-driver.c) that calls the exports through w2o_invoke.
 * At 0 pages, 1 page, 2 pages, 2 GiB + 64 KiB (where offsets of 2 GiB and more reach
 * in-bounds bytes) and the whole 4 GiB, memory.grow taking it from one size to the next,
 * each access is made at the last in-bounds address, the first out-of-bounds one (a
 * straddling access), its last and first bytes, addresses where index + offset passes
 * 2^32, and more. A model of the memory says what each must do:
 *
 *   - in bounds, a load returns the bytes there (sign- or zero-extended) and a store writes
 *     exactly its bytes, in both modes;
 *   - out of bounds, the call traps with memory_out_of_bounds in both modes, and writes
 *     nothing; with guard pages the trap comes from SIGSEGV at the first inaccessible byte
 *     the access touched, with --bounds-checks from SIGILL at a `ud2`, before any access
 *     (no fault address at all).
 *
 * Indexes are also passed with garbage in the upper half of the 64-bit register or value
 * slot (System V leaves it undefined for an int32_t), which must not change anything.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTempDir, quietTool } from './fixtures-elf/tools.js';
import { REPO, RUNTIME_INCLUDE } from './fixtures-runtime/build.js';
import {
  ACCESSES, CONST_ACCESSES, DIRECT_EXPORTS, MemoryModel, OFFSETS, directTable, exportName, loadResult, moduleWat, resultBits,
  type Access,
} from './fixtures-linked/bounds-module.js';
import { requireTool } from './helpers/wabt.js';

const CLI = join(REPO, 'dist/src/cli/main.js');
const LIBW2O = join(REPO, 'runtime/build/libw2o.a');
const PAGE = 0x10000;
const U32 = 2 ** 32;
const MEMORY_OUT_OF_BOUNDS = 2;

type Mode = 'guard' | 'checked';

/** What an answer of the driver must be. */
type Want =
  | { readonly kind: 'ok' }
  | { readonly kind: 'value'; readonly bits: bigint; readonly width: number }
  | { readonly kind: 'bytes'; readonly hex: string }
  /** `fault`: the first inaccessible byte touched, from the memory's base. */
  | { readonly kind: 'trap'; readonly fault: number };

interface Case {
  readonly line: string;
  readonly want: Want;
  /** For messages: what the call is and the memory size it ran at. */
  readonly what: string;
}

const hex = (n: number | bigint) => n.toString(16);

/** The addresses tried for an access of `width` bytes at static offset `offset`, memory size `size`. */
function addresses(size: number, width: number, offset: number): number[] {
  const end = size - offset;
  const candidates = [
    0, 1, end - width, end - width + 1, end - 1, end, size - 1, size, size + PAGE - width, size + PAGE,
    0x7fffffff, 0x80000000, 0xfffffff0, 0xffffffff, U32 - offset, U32 - offset + 4, U32 - offset - width,
  ];
  return [...new Set(candidates.filter((a) => a >= 0 && a < U32))];
}

/** Every command of the run, with what it must answer, in order; the model follows the stores. */
function buildCases(): Case[] {
  const cases: Case[] = [];
  const mem = new MemoryModel();
  let storeCount = 0;
  const nextValue = (a: Access) => BigInt.asUintN(a.width * 8, 0x8877665544332211n * BigInt(++storeCount) + 0x0102030405060708n);

  /** The access of `a` at `address + offset`: its answer, and the model updated. */
  const access = (line: string, a: Access, address: number, offset: number, value: bigint | undefined, what: string) => {
    const ea = address + offset;
    const inBounds = ea + a.width <= mem.size;
    const at = `${what} at ${hex(address)} + ${hex(offset)} (memory ${hex(mem.size)} bytes)`;
    if (!inBounds) {
      cases.push({ line, want: { kind: 'trap', fault: Math.max(ea, mem.size) }, what: at });
    } else if (a.kind === 'load') {
      cases.push({ line, want: { kind: 'value', bits: loadResult(a, mem.read(ea, a.width)), width: resultBits(a.type) }, what: at });
    } else {
      mem.write(ea, a.width, value!);
      cases.push({ line, want: { kind: 'ok' }, what: at });
    }
    if (a.kind === 'store') {
      // The bytes around the access (or the last ones, when it is far out): all the store did.
      const lo = Math.max(0, Math.min(ea, mem.size) - 16);
      const hi = Math.max(lo, Math.min(mem.size, ea + a.width + 8));
      cases.push({ line: `peek ${hex(lo)} ${hex(hi - lo)}`, want: { kind: 'bytes', hex: mem.bytes(lo, hi - lo) }, what: `the bytes ${hex(lo)}..${hex(hi)} after ${at}` });
    }
  };

  const phases: { grow: number; fills: (size: number) => [number, number][] }[] = [
    // No memory at all: every access traps.
    { grow: 0, fills: () => [] },
    { grow: 1, fills: (s) => [[0, s]] },
    { grow: 1, fills: (s) => [[0, s]] },
    // 2 GiB + 64 KiB: offsets of 2 GiB and more reach in-bounds bytes. Only the ends are filled.
    { grow: 0x7fff, fills: (s) => [[0, PAGE], [s - 2 * PAGE, s]] },
    // The whole 4 GiB: index 0xffffffff is in bounds, and index + offset reaches 8 GiB - 2.
    { grow: 0x7fff, fills: (s) => [[s - 2 * PAGE, s]] },
  ];
  for (const phase of phases) {
    if (phase.grow > 0) {
      cases.push({ line: `call grow ${hex(phase.grow)}`, want: { kind: 'value', bits: BigInt(mem.size / PAGE), width: 32 }, what: `memory.grow ${phase.grow}` });
      mem.size += phase.grow * PAGE;
    }
    cases.push({ line: 'size', want: { kind: 'value', bits: BigInt(mem.size), width: 64 }, what: 'the memory size' });
    for (const [lo, hi] of phase.fills(mem.size)) {
      mem.fill(lo, hi);
      cases.push({ line: `fill ${hex(lo)} ${hex(hi)}`, want: { kind: 'ok' }, what: 'fill' });
    }
    for (const a of ACCESSES) {
      for (const o of OFFSETS) {
        const name = exportName(a, o);
        for (const address of addresses(mem.size, a.width, o)) {
          const value = a.kind === 'store' ? nextValue(a) : undefined;
          const line = `call ${name} ${hex(address)}${value !== undefined ? ` ${hex(value)}` : ''}`;
          access(line, a, address, o, value, `${a.op} offset=${o}`);
        }
      }
    }
    for (const c of CONST_ACCESSES) access(`call ${c.name}`, c.access, c.address, c.offset, c.value, `${c.access.op} offset=${c.offset} of the constant address`);
    // (p + 0x20) computed in 32 bits.
    const i32load = ACCESSES.find((a) => a.op === 'i32.load')!;
    for (const p of [0xffffffe0, 0xfffffff0, 0xfffffffc, mem.size - 0x24, mem.size - 0x23, mem.size - 0x20].filter((x) => x >= 0 && x < U32)) {
      access(`call load_wrapped ${hex(p)}`, i32load, (p + 0x20) % U32, 0, undefined, `i32.load of (${hex(p)} + 0x20) mod 2^32`);
    }
    // Garbage in the upper half of the index: through the value slot, and straight in the register.
    for (const { name, access: a, offset } of DIRECT_EXPORTS) {
      for (const address of [0, 8, mem.size - offset - a.width, mem.size - offset - a.width + 1].filter((x) => x >= 0 && x < U32)) {
        for (const upper of [0xffffffffn, 0xdeadbeefn]) {
          const slot = (upper << 32n) | BigInt(address);
          access(`call ${name} ${hex(slot)}`, a, address, offset, undefined, `${a.op} offset=${offset} (upper half of the value slot ${hex(upper)})`);
          access(`direct ${name} ${hex(slot)}`, a, address, offset, undefined, `${a.op} offset=${offset} called directly (upper half of the register ${hex(upper)})`);
        }
      }
    }
  }
  cases.push({ line: 'call pages', want: { kind: 'value', bits: BigInt(mem.size / PAGE), width: 32 }, what: 'memory.size at the end' });
  return cases;
}

let tmp: ReturnType<typeof makeTempDir>;
let exe: string;
const cases = buildCases();
const answers = new Map<Mode, { lines: string[]; status: number | null; signal: string | null; stderr: string }>();

beforeAll(() => {
  requireTool('wat2wasm');
  for (const f of [CLI, LIBW2O]) if (!existsSync(f)) throw new Error(`${f} is missing: run 'npm run build' first (npm test does)`);
  tmp = makeTempDir('bounds-checks');
  const file = (n: string) => join(tmp.dir, n);
  writeFileSync(file('bounds.wat'), moduleWat());
  quietTool('wat2wasm', [file('bounds.wat'), '-o', file('bounds.wasm')]);
  for (const [prefix, flags] of [['guard', []], ['checked', ['--bounds-checks']]] as const) {
    quietTool(process.execPath, [CLI, file('bounds.wasm'), '-o', file(`${prefix}.o`), '--header', file(`${prefix}.h`), '--prefix', prefix, ...flags]);
  }
  writeFileSync(file('bounds-direct.h'), directTable());
  exe = file('driver');
  quietTool('cc', [
    '-std=c11', '-pedantic', '-Wall', '-Wextra', '-Werror', '-O1', `-I${tmp.dir}`, `-I${RUNTIME_INCLUDE}`,
    join(REPO, 'test/fixtures-linked/bounds-driver.c'), file('guard.o'), file('checked.o'), LIBW2O, '-pthread', '-Wl,--fatal-warnings', '-o', exe,
  ]);
  const input = cases.map((c) => c.line).join('\n') + '\n';
  for (const mode of ['guard', 'checked'] as const) {
    const r = spawnSync(exe, [mode], { input, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 60_000 });
    if (r.error) throw r.error;
    answers.set(mode, { lines: r.stdout.split('\n').slice(0, -1), status: r.status, signal: r.signal, stderr: r.stderr });
  }
}, 120_000);

afterAll(() => tmp?.remove());

/** Why `got` is not what `c` wants, in `mode`; undefined when it is. */
function judge(mode: Mode, c: Case, got: string | undefined): string | undefined {
  const w = c.want;
  const bad = (why: string) => `${c.what}: ${c.line}: ${why}, got ${got === undefined ? 'no answer' : JSON.stringify(got)}`;
  if (got === undefined) return bad('an answer expected');
  const parts = got.split(' ');
  switch (w.kind) {
    case 'ok':
      return got === 'ok' ? undefined : bad('expected ok');
    case 'bytes':
      return got === `ok ${w.hex}` ? undefined : bad(`expected the bytes ${w.hex}`);
    case 'value': {
      if (parts[0] !== 'ok' || parts.length !== 2) return bad(`expected the value ${hex(w.bits)}`);
      const bits = BigInt.asUintN(w.width, BigInt(`0x${parts[1]}`));
      return bits === w.bits ? undefined : bad(`expected the value ${hex(w.bits)} (low ${w.width} bits)`);
    }
    case 'trap': {
      const want =
        mode === 'guard'
          ? `trap ${MEMORY_OUT_OF_BOUNDS} ${constants.signals.SIGSEGV} 0 ${hex(w.fault)}`
          : `trap ${MEMORY_OUT_OF_BOUNDS} ${constants.signals.SIGILL} 1 -`;
      const what = mode === 'guard' ? 'memory_out_of_bounds from SIGSEGV, not at a ud2, faulting at' : 'memory_out_of_bounds from SIGILL at a ud2, no fault address';
      return got === want ? undefined : bad(`expected ${JSON.stringify(want)} (${what}${mode === 'guard' ? ` ${hex(w.fault)}` : ''})`);
    }
  }
}

describe.each(['guard', 'checked'] as const)('%s', (mode) => {
  test('the driver answers every command and exits cleanly', () => {
    const a = answers.get(mode)!;
    const stopped = a.lines.length < cases.length ? `; it stopped at ${cases[a.lines.length]!.what}: ${cases[a.lines.length]!.line}` : '';
    expect({ status: a.status, signal: a.signal, stderr: a.stderr, answered: a.lines.length }, `the ${mode} driver${stopped}`).toEqual({
      status: 0,
      signal: null,
      stderr: '',
      answered: cases.length,
    });
  });

  test('in-bounds accesses read and write the right bytes; out-of-bounds ones trap as they should and write nothing', () => {
    const a = answers.get(mode)!;
    const wrong: string[] = [];
    cases.forEach((c, i) => {
      const why = judge(mode, c, a.lines[i]);
      if (why !== undefined) wrong.push(why);
    });
    expect(wrong.slice(0, 25), `${wrong.length} of ${cases.length} answers are wrong in ${mode} mode`).toEqual([]);
    // The run is not vacuous: thousands of accesses, both kinds of answer, at every size.
    const traps = cases.filter((c) => c.want.kind === 'trap').length;
    const inBounds = cases.filter((c) => c.line.startsWith('call ') || c.line.startsWith('direct ')).length - traps;
    console.log(`bounds-checks (${mode}): ${cases.length} commands, ${inBounds} accesses in bounds, ${traps} out of bounds`);
    expect(traps).toBeGreaterThan(2000);
    expect(inBounds).toBeGreaterThan(800);
  });
});
