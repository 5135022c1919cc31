/**
 * `wasm2obj build` and `wasm2obj run` as a user runs them (the built CLI as a subprocess),
 * on the WASI test programs of test/fixtures-wasi: the executable and the cached run give
 * the same output and exit status, which are the ones the program's C source asks for;
 * the cache is keyed by content and settings, `--no-cache` leaves nothing behind, and
 * `cache clean` empties it; traps exit 134 with a backtrace; bad usage is refused cleanly.
 * (What each WASI call does is test/wasi.test.ts's business.)
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const REPO = join(import.meta.dirname, '..');
const CLI = join(REPO, 'dist/src/cli/main.js');
const FIXTURES = join(REPO, 'test/fixtures-wasi');

let dir: string;
let cache: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'w2o-cli-wasi-'));
  cache = join(dir, 'cache');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}
function run(cmd: string, args: readonly string[], opts: { cwd?: string; env?: Record<string, string>; input?: string } = {}): Run {
  const r = spawnSync(cmd, args, {
    cwd: opts.cwd ?? dir, encoding: 'utf8', input: opts.input ?? '', timeout: 60_000,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', W2O_CACHE_DIR: cache, ...opts.env },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const wasm2obj = (args: readonly string[], opts?: Parameters<typeof run>[2]) => run(process.execPath, [CLI, ...args], opts);
const cached = (): string[] => (existsSync(cache) ? readdirSync(cache) : []);

describe('build', () => {
  test('an executable that runs _start with its argv and environment, exiting with main’s status', () => {
    const b = wasm2obj(['build', join(FIXTURES, 'args-env.wasm'), '-o', join(dir, 'args-env')]);
    expect(b).toMatchObject({ status: 0, stderr: '' });
    const r = run(join(dir, 'args-env'), ['one', 'two words', 'three'], { env: { HOME: '/nowhere', GREETING: 'hi' } });
    expect(r.status).toBe(3); // main returns 3 with more than 3 arguments
    expect(r.stdout).toContain('argc 4\n');
    expect(r.stdout).toContain("argv[2] = 'two words' (9 bytes)\n");
    expect(r.stdout).toContain('HOME /nowhere\n');
    expect(r.stdout).toContain('GREETING hi\n');
  });

  test('exit codes: exit(n) runs atexit handlers, _exit(n) does not', () => {
    expect(wasm2obj(['build', join(FIXTURES, 'exit.wasm'), '-o', join(dir, 'exit')]).status).toBe(0);
    const e = run(join(dir, 'exit'), ['exit', '42']);
    expect(e).toMatchObject({ status: 42, stdout: 'ending by exit 42\nbuffered\natexit handler\n' });
    // _exit drops what stdio still buffers and skips the handlers.
    const u = run(join(dir, 'exit'), ['_exit', '7']);
    expect(u).toMatchObject({ status: 7, stdout: 'ending by _exit 7\n' });
  });

  test('a trap exits 134 and names the trap and the wasm functions on the way', () => {
    expect(wasm2obj(['build', join(FIXTURES, 'traps.wasm'), '-o', join(dir, 'traps')]).status).toBe(0);
    const r = run(join(dir, 'traps'), ['unreachable']);
    expect(r.status).toBe(134);
    expect(r.stderr).toMatch(/unreachable/);
    expect(r.stderr).toMatch(/\bmain\b/);
    expect(r.stderr).toMatch(/_start/);
  });

  test('--dir is baked in: the program reaches the directory under its guest name', () => {
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'data', 'in.txt'), 'hello from the host\n');
    expect(wasm2obj(['build', join(FIXTURES, 'cat.wasm'), '-o', join(dir, 'cat'), '--dir', 'data::/sandbox']).status).toBe(0);
    const r = run(join(dir, 'cat'), ['/sandbox/in.txt']);
    expect(r).toMatchObject({ status: 0, stdout: 'hello from the host\n' });
  });

  test('a module that is not valid is refused with its offset, and no program is written', () => {
    writeFileSync(join(dir, 'bad.wasm'), new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]));
    const r = wasm2obj(['build', join(dir, 'bad.wasm'), '-o', join(dir, 'bad')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.wasm:0x4: error: /);
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });
});

describe('a real program: SQLite (fixtures/sqlite3.wasm)', () => {
  const sqlite = join(REPO, 'fixtures/sqlite3.wasm');

  test('its built-in script prints what the native build of the same sources prints', () => {
    const r = wasm2obj(['run', sqlite]);
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toBe(readFileSync(join(REPO, 'fixtures/sqlite3.expected.txt'), 'utf8'));
  });

  test('a database file in a preopened directory outlives the run; files outside are out of reach', () => {
    mkdirSync(join(dir, 'db'), { recursive: true });
    const db = ['--dir', `${join(dir, 'db')}::/data`, sqlite, '--', '--db', '/data/t.db'];
    expect(wasm2obj(['run', ...db, 'CREATE TABLE k(a, b)', "INSERT INTO k VALUES (1, 'one'), (2, 'two')"]).status).toBe(0);
    expect(existsSync(join(dir, 'db', 't.db'))).toBe(true);
    expect(wasm2obj(['run', ...db, 'SELECT b FROM k ORDER BY a DESC'])).toMatchObject({ status: 0, stdout: 'two\none\n' });
    const outside = wasm2obj(['run', '--dir', `${join(dir, 'db')}::/data`, sqlite, '--', '--db', '/data/../cache/x.db', 'SELECT 1']);
    expect(outside.status).toBe(1);
    expect(outside.stderr).toMatch(/unable to open database file/);
    expect(existsSync(join(dir, 'cache', 'x.db'))).toBe(false);
  });
});

describe('run', () => {
  test('compiles once into the cache, then runs from it; the output is the built program’s', () => {
    const built = run(join(dir, 'args-env'), ['a', 'b'], { env: { GREETING: 'hey' } });
    const before = cached().length;
    const first = wasm2obj(['run', '-v', '--env', 'GREETING=hey', join(FIXTURES, 'args-env.wasm'), '--', 'a', 'b']);
    expect(first.stderr).toMatch(/not cached: compiling/);
    expect(cached().length).toBe(before + 1);
    const second = wasm2obj(['run', '-v', '--env', 'GREETING=hey', join(FIXTURES, 'args-env.wasm'), '--', 'a', 'b']);
    expect(second.stderr).toMatch(/cached as /);
    expect(cached().length).toBe(before + 1);
    // Only the --env variables: the built program saw the whole environment of its process.
    expect(second.stdout).toBe(first.stdout);
    expect(second.stdout).toContain('GREETING hey\n');
    expect(second.stdout).toContain('1 variables\n');
    expect(second.stdout.replace(/argv\[0\][^\n]*\n/, '')).toBe(
      built.stdout.replace(/argv\[0\][^\n]*\n/, '').replace(/\d+ variables\n(  [^\n]*\n)*/, '1 variables\n  GREETING=hey\n'),
    );
    expect(second.status).toBe(built.status);
  });

  test('the key covers the module bytes and the settings', () => {
    const n = cached().length;
    const copy = join(dir, 'exit-copy.wasm');
    copyFileSync(join(FIXTURES, 'exit.wasm'), copy);
    expect(wasm2obj(['run', copy, '--', 'return', '5']).status).toBe(5);
    expect(cached().length).toBe(n + 1);
    // Same bytes under another name: the same entry.
    expect(wasm2obj(['run', join(FIXTURES, 'exit.wasm'), '--', 'return', '6']).status).toBe(6);
    expect(cached().length).toBe(n + 1);
    // Another setting: another entry.
    expect(wasm2obj(['run', '--bounds-checks', copy, '--', 'return', '7']).status).toBe(7);
    expect(cached().length).toBe(n + 2);
  });

  test('the compiler part of the key is current: dist/build-id hashes the built compiler', async () => {
    const { buildId, computeBuildId } = (await import(join(REPO, 'dist/src/cli/build-id.js'))) as typeof import('../src/cli/build-id.js');
    // Whether the file is current (npm run build) or stale (tsc ran since), the key uses the right id.
    expect(buildId()).toBe(computeBuildId());
  });

  test('--no-cache compiles afresh and keeps nothing', () => {
    const n = cached().length;
    const r = wasm2obj(['run', '--no-cache', join(FIXTURES, 'exit.wasm'), '--', 'return', '9']);
    expect(r).toMatchObject({ status: 9, stdout: 'ending by return 9\nbuffered\natexit handler\n' });
    expect(cached().length).toBe(n);
  });

  test('a trap exits 134 with the backtrace, as the built program does', () => {
    const r = wasm2obj(['run', join(FIXTURES, 'traps.wasm'), '--', 'out-of-bounds']);
    expect(r.status).toBe(134);
    expect(r.stderr).toMatch(/out of bounds memory access/);
    expect(r.stderr).toMatch(/\bmain\b/);
  });

  test('--dir HOST::GUEST and nothing else is reachable', () => {
    const r = wasm2obj(['run', '--dir', `${join(dir, 'data')}::/sandbox`, join(FIXTURES, 'cat.wasm'), '--', '/sandbox/in.txt']);
    expect(r).toMatchObject({ status: 0, stdout: 'hello from the host\n' });
    const escape = wasm2obj(['run', '--dir', `${join(dir, 'data')}::/sandbox`, join(FIXTURES, 'cat.wasm'), '--', '/sandbox/../cache']);
    expect(escape.status).not.toBe(0);
  });

  test('bad usage: a missing --dir, a malformed --env, an unreadable module', () => {
    const d = wasm2obj(['run', '--dir', join(dir, 'nope'), join(FIXTURES, 'cat.wasm')]);
    expect(d).toMatchObject({ status: 1 });
    expect(d.stderr).toMatch(/--dir .*nope: no such directory/);
    const e = wasm2obj(['run', '--env', 'NOEQUALS', join(FIXTURES, 'cat.wasm')]);
    expect(e.stderr).toMatch(/--env 'NOEQUALS': expected KEY=VALUE/);
    const m = wasm2obj(['run', join(dir, 'missing.wasm')]);
    expect(m.status).toBe(1);
    expect(m.stderr).toMatch(/missing\.wasm: error: cannot read: no such file/);
  });

  test('the command line read without yargs and with it mean the same', () => {
    // `--` and plain options take the fast reader; arguments without `--` and --help go to yargs.
    const fast = wasm2obj(['run', '--env', 'GREETING=x', join(FIXTURES, 'args-env.wasm'), '--', 'p', 'q']);
    const slow = wasm2obj(['run', join(FIXTURES, 'args-env.wasm'), 'p', 'q', '--env=GREETING=x']);
    expect(slow).toEqual(fast);
    expect(fast.stdout).toContain("argv[1] = 'p'");
    const help = wasm2obj(['run', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--no-cache/);
    expect(help.stdout).toMatch(/134/);
  });

  test('cache clean removes every entry', () => {
    expect(cached().length).toBeGreaterThan(0);
    const r = wasm2obj(['cache', 'clean']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^removed \d+ cached objects/);
    expect(cached()).toEqual([]);
  });
});
