/**
 * The trap core of the runtime, run for real: the runtime and test/fixtures-runtime's
 * driver, linked with two modules of machine code from the x64 assembler in objects from
 * obj-elf, each with its trap table. Checks, from the driver's output compared exactly:
 * every kind of fault maps to its trap code, message, text offset and function through
 * the table; unlisted faults; traps in a loop and on several threads, leaking nothing;
 * nested guarded calls; the registry's refusals; linear memories, grown and bounded by
 * their guard region; and, in child processes, that a fault the runtime does not own
 * still ends the process with its signal, or reaches the handler the host had before.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTempDir, quietTool } from './fixtures-elf/tools.js';
import { buildDriver, type Driver, type RunResult } from './fixtures-runtime/build.js';
import type { ModuleSite } from './fixtures-runtime/module.js';

let tmp: ReturnType<typeof makeTempDir>;
let driver: Driver;

beforeAll(() => {
  tmp = makeTempDir('runtime-traps');
  driver = buildDriver(tmp.dir);
});
afterAll(() => tmp?.remove());

function ok(r: RunResult): string {
  expect(r.stderr).toBe('');
  expect(r.signal).toBeNull();
  expect(r.status).toBe(0);
  return r.stdout;
}

/** The offset of the module's site of `trap` in the function named `func` (its wasm name). */
function site(func: string, trap: ModuleSite['trap'], nth = 0): string {
  const found = driver.modules.a.sites.filter((s) => s.func === func && s.trap === trap)[nth];
  if (found === undefined) throw new Error(`no ${trap} site in ${func}`);
  return `0x${found.textOffset.toString(16)}`;
}

/** The line the driver prints for a trap in module `m`. */
function trapLine(label: string, code: number, message: string, offset: string, func: string, signal: string, m = 'a') {
  return `${label}: trap ${code} "${message}" at ${m}+${offset} in ${func} (${signal})`;
}
const unreachable = (label: string, m = 'a') =>
  trapLine(label, 1, 'unreachable', site('$unreachable', 'unreachable'), '$unreachable', 'SIGILL', m);
const loadOob = (label: string) =>
  trapLine(label, 2, 'out of bounds memory access', site('$i32.load', 'memory_out_of_bounds'), '$i32.load', 'SIGSEGV');
const loadFarOob = (label: string) =>
  trapLine(label, 2, 'out of bounds memory access', site('$i32.load offset=0xffffffff', 'memory_out_of_bounds'), '$i32.load offset=0xffffffff', 'SIGSEGV');
const divZero = (label: string, m = 'a') =>
  trapLine(label, 6, 'integer divide by zero', site('$i32.div_s', 'integer_divide_by_zero'), '$i32.div_s', 'SIGFPE', m);
const strayUd2 = (label: string) =>
  trapLine(label, 12, 'internal error: unexpected fault in wasm code', hex(driver.modules.a.strayUd2), '?', 'SIGILL');
const hex = (n: number) => `0x${n.toString(16)}`;
const lines = (...l: string[]) => l.join('\n') + '\n';

describe('traps in wasm code', () => {
  test('each fault maps through the trap table to its code, message, offset and function', () => {
    expect(ok(driver.run('traps'))).toBe(
      lines(
        unreachable('unreachable'),
        'load in bounds: returned 0',
        loadOob('load at the end'),
        loadOob('load in the guard region'),
        trapLine('store in the guard region', 2, 'out of bounds memory access', site('$i32.store', 'memory_out_of_bounds'), '$i32.store', 'SIGSEGV'),
        loadFarOob("load at the reservation's end"),
        'div_s 7 / 2: returned 3',
        divZero('div_s 1 / 0'),
        trapLine('div_s INT_MIN / -1', 7, 'integer overflow', site('$i32.div_s', 'integer_overflow'), '$i32.div_s', 'SIGFPE'),
        'div_s 5 / -1: returned -5',
        'add_one 41: returned 42',
        strayUd2('stray ud2'),
        trapLine('stray load', 2, 'out of bounds memory access', hex(driver.modules.a.strayLoad), '?', 'SIGSEGV'),
        unreachable('module b unreachable', 'b'),
        divZero('module b div_s 3 / 0', 'b'),
        trapLine('recurse', 9, 'call stack exhausted', site('$recurse', 'stack_exhausted', 1), '$recurse', 'SIGSEGV'),
        'exit',
      ),
    );
  });

  test('the table lists the faulting instructions themselves', () => {
    const dis = quietTool('objdump', ['-d', '-M', 'intel', '--no-show-raw-insn', join(tmp.dir, 'a.o')]);
    const at = new Map<number, string>();
    for (const line of dis.split('\n')) {
      const m = /^\s+([0-9a-f]+):\s+(.*)$/.exec(line);
      if (m) at.set(parseInt(m[1]!, 16), m[2]!.trim());
    }
    const m = driver.modules.a;
    expect(m.sites.map((s) => [s.trap, at.get(s.textOffset)?.split(/\s+/)[0]])).toEqual([
      ['unreachable', 'ud2'],
      ['memory_out_of_bounds', 'mov'],
      ['memory_out_of_bounds', 'mov'],
      ['memory_out_of_bounds', 'mov'],
      ['integer_divide_by_zero', 'idiv'],
      ['integer_overflow', 'idiv'],
      ['stack_exhausted', 'push'],
      ['stack_exhausted', 'call'],
      ['unreachable', 'ud2'],
    ]);
    expect(at.get(m.strayUd2)).toBe('ud2');
    expect(at.get(m.strayLoad)).toMatch(/^mov\s+eax,DWORD PTR \[rdi\+rsi\*1\]$/);
  });

  test('10,000 traps in a row: the process survives and leaks no signal stack, landing or mapping', () => {
    expect(ok(driver.run('loop', '10000'))).toBe(
      lines('traps 10000 of 10000', 'same signal stack yes', 'mappings unchanged yes', 'then add_one 1: returned 2', 'exit'),
    );
  });

  test('threads trap at once, each back to its own landing on its own signal stack', () => {
    expect(ok(driver.run('threads', '8', '1000'))).toBe(lines('threads 8, traps 8000 of 8000', 'exit'));
  });

  test('nested guarded calls unwind to the innermost landing, and the outer ones stay armed', () => {
    expect(ok(driver.run('nested'))).toBe(
      lines(
        unreachable('  inner: unreachable'),
        '  outer continues after the inner trap',
        divZero('outer: call_host(inner, then div_s 1 / 0)'),
        loadOob('  inner (called from wasm): load'),
        'outer: call_host(inner load): returned 7',
        '  host code traps without a guard of its own',
        unreachable('outer: call_host(unguarded unreachable)'),
        divZero('    level 3: div_s 4 / 0'),
        strayUd2('  level 2: call_host(level 3)'),
        unreachable('level 1: call_host(level 2)'),
        unreachable('after nesting: unreachable'),
        'exit',
      ),
    );
  });

  test('registration refuses bad trap and function tables, overlaps and more than W2O_MAX_CODE_REGIONS modules', () => {
    expect(ok(driver.run('registry'))).toBe(
      lines(
        'unsorted table: -1 EINVAL',
        'code 0 in the table: -1 EINVAL',
        'site outside the text: -1 EINVAL',
        'empty text: -1 EINVAL',
        'overlapping module a: -1 EINVAL',
        'unsorted functions: -1 EINVAL',
        'overlapping functions: -1 EINVAL',
        'function outside the text: -1 EINVAL',
        'name outside the names: -1 EINVAL',
        'names without a final NUL: -1 EINVAL',
        'unregister an unknown text: -1 EINVAL',
        'registered 254 more before ENOSPC yes',
        'unregister b: 0',
        'register b again: 0',
        unreachable('module b unreachable', 'b'),
        'exit',
      ),
    );
  });
});

describe('backtraces', () => {
  test('each trap records its wasm frames, innermost first, named through the function table', () => {
    const backtrace = (label: string, code: number, message: string, signal: string, frames: string[]) => [
      `${label}: trap ${code} "${message}" (${signal}), ${frames.length} frames`,
      ...frames.map((f, i) => `  #${i} ${f}`),
    ];
    const ret = (func: string, m = 'a') => `${m}+${hex(driver.modules.a.returns[func]!)} $${func}`;
    const viaHost = [ret('call_host'), ret('host_via')];
    const recursion = [`a+${site('$recurse', 'stack_exhausted', 1)} $recurse`, ...Array<string>(31).fill(ret('recurse'))];
    expect(ok(driver.run('backtrace'))).toBe(
      lines(
        ...backtrace('frames_b', 1, 'unreachable', 'SIGILL', [
          `a+${site('$unreachable', 'unreachable')} $unreachable`,
          ret('frames_a'),
          ret('frames_b'),
        ]),
        // A fault on a function's first instruction: its caller is found through [rsp].
        ...backtrace('frames_c', 1, 'unreachable', 'SIGILL', [`a+${site('$entry_fault', 'unreachable')} $entry_fault`, ret('frames_c')]),
        ...backtrace('raised by C with a frame pointer', 7, 'integer overflow', 'no signal', viaHost),
        ...backtrace('raised by C without one', 7, 'integer overflow', 'no signal', viaHost),
        ...backtrace('host exit', 256, 'host exit', 'no signal', viaHost),
        // Deeper than the cap: the first W2O_MAX_BACKTRACE (32) frames.
        ...backtrace('recurse', 9, 'call stack exhausted', 'SIGSEGV', recursion),
        ...backtrace('module b frames_b', 1, 'unreachable', 'SIGILL', [
          `b+${site('$unreachable', 'unreachable')} $unreachable`,
          ret('frames_a', 'b'),
          ret('frames_b', 'b'),
        ]),
        'exit',
      ),
    );
  });
});

describe('linear memories', () => {
  test('grown from 1 to 3 pages: accessible exactly up to the size, a trap beyond, the base fixed', () => {
    const guard = (label: string) => loadOob(label);
    expect(ok(driver.run('memory'))).toBe(
      lines(
        'reserved 8 GiB, size 65536, max 196608',
        '1 page: store [65532]: returned 0',
        `1 page: load [65532]: returned ${0xabcd1234}`,
        guard('1 page: load [65533]'),
        guard('1 page: load [65536]'),
        'grow by 2 pages: 65536',
        'base unchanged yes, size 196608',
        `3 pages: load [65532]: returned ${0xabcd1234}`,
        '3 pages: load [65536]: returned 0',
        '3 pages: store [196604]: returned 0',
        '3 pages: load [196604]: returned 77',
        guard('3 pages: load [196605]'),
        guard('3 pages: load [196608]'),
        'grow by 1 page past the maximum: -1',
        'grow by 0: 196608',
        guard('3 pages: load [4294967295]'),
        'released yes',
        'reserve min > max: -1 errno EINVAL yes',
        'reserve a partial page: -1',
        'reserve a max of 4 GiB + 1 page: -1',
        'no maximum: max 4 GiB, size 0',
        guard('0 pages: load [0]'),
        'grow to 65536 pages: 0',
        '65536 pages: load [4294967292]: returned 0',
        guard('65536 pages: load [4294967293]'),
        loadFarOob('65536 pages: load [0xffffffff + 0xffffffff]'),
        'exit',
      ),
    );
  });
});

describe('faults the runtime does not own end the process as without it (child processes)', () => {
  test('a NULL dereference in host C code inside a guarded call dies by SIGSEGV', () => {
    const r = driver.run('die-host-null');
    expect([r.status, r.signal]).toEqual([null, 'SIGSEGV']);
    expect(r.stdout).toBe(lines(unreachable('unreachable'), 'host code reads NULL inside a guarded call'));
  });

  test('SIGSEGV sent by the host (not a fault) is delivered as it was sent', () => {
    const r = driver.run('die-host-raise');
    expect([r.status, r.signal]).toEqual([null, 'SIGSEGV']);
    expect(r.stdout).toBe(lines('host code raises SIGSEGV inside a guarded call'));
  });

  test('a trap with no guarded call active, after nesting unwound every landing, dies by SIGILL', () => {
    const r = driver.run('die-unguarded');
    expect([r.status, r.signal]).toEqual([null, 'SIGILL']);
    expect(r.stdout.endsWith(lines(unreachable('after nesting: unreachable'), 'wasm traps with no guarded call active'))).toBe(true);
  });

  test('a trap in code that was unregistered dies by SIGILL', () => {
    const r = driver.run('die-unregistered');
    expect([r.status, r.signal]).toEqual([null, 'SIGILL']);
    expect(r.stdout).toBe(lines('wasm traps in a module no longer registered'));
  });

  test('a handler the host installed first still receives the faults that are not traps', () => {
    const r = driver.run('chain');
    expect([r.status, r.signal]).toEqual([3, null]);
    expect(r.stdout).toBe(
      lines(unreachable('unreachable'), loadOob('load in the guard region'), 'host code reads NULL inside a guarded call', 'host handler'),
    );
  });
});
