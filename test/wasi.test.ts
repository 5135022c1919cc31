/**
 * WASI programs end to end: the C programs of test/fixtures-wasi, compiled to wasm32-wasi
 * (the committed .wasm, see build.sh there), compiled by the CLI to objects and run by
 * `runtime/build/w2o-run` under a fresh directory preopened as ".", against the same C
 * built natively by gcc and run in a fresh directory of its own with the same arguments,
 * environment and standard input: exit status, stdout and stderr must be equal, and so
 * must what the programs leave in their directories. What a native build cannot show
 * (capability escapes, traps) is checked against expectations written here by hand. Also:
 * a reactor embedded through the WASI API, a program linked as `wasm2obj build` links
 * one, and w2o-run's own command line.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTempDir } from './fixtures-elf/tools.js';
import { REPO, RUNTIME_INCLUDE } from './fixtures-runtime/build.js';
import { I32, Kind, ModuleBuilder, i32Const } from './helpers/wasm-builder.js';

const FIXTURES = join(REPO, 'test', 'fixtures-wasi');
const CLI = join(REPO, 'dist', 'src', 'cli', 'main.js');
const W2O_RUN = join(REPO, 'runtime', 'build', 'w2o-run');
const LIBW2O = join(REPO, 'runtime', 'build', 'libw2o.a');

/** The programs compared with their native build. */
const COMPARED = ['args-env', 'clocks', 'stdio', 'exit', 'files', 'dirs', 'poll', 'random', 'cat'];
/** The programs run as wasm only. */
const WASM_ONLY = ['escape', 'traps', 'reactor'];

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  input?: string;
  argv0?: string;
}

function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? {}, argv0: opts.argv0 });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => {}); /* a program that does not read its input */
    child.on('error', reject);
    child.on('close', (status, signal) =>
      resolve({ status, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
    child.stdin.end(opts.input ?? '');
  });
}

/** Runs a build step that must succeed, silently but for the CLI's progress lines (it
 * reports a compilation that takes long, as several at once may). */
async function build(cmd: string, args: readonly string[]): Promise<void> {
  const r = await run(cmd, args, { env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
  const noise = r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('wasm2obj: '));
  if (r.status !== 0 || noise.length > 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stderr}${r.stdout}`);
}

let tmp: ReturnType<typeof makeTempDir>;
let dirs = 0;
const object = (name: string) => join(tmp.dir, `${name}.o`);
const nativeExe = (name: string) => join(tmp.dir, `${name}-native`);

function freshDir(): string {
  const dir = join(tmp.dir, `run-${dirs++}`);
  mkdirSync(dir);
  return dir;
}

const gccFlags = ['-std=gnu11', '-O2', '-Wall', '-Wextra', '-Werror'];

beforeAll(async () => {
  if (!existsSync(W2O_RUN)) throw new Error(`${W2O_RUN} is missing: run 'npm run build' first (npm test does)`);
  tmp = makeTempDir('wasi');
  await Promise.all([
    ...[...COMPARED, ...WASM_ONLY].map((p) => build(process.execPath, [CLI, join(FIXTURES, `${p}.wasm`), '-o', object(p)])),
    ...COMPARED.map((p) => build('gcc', [...gccFlags, join(FIXTURES, `${p}.c`), '-o', nativeExe(p)])),
    build(process.execPath, [CLI, join(FIXTURES, 'exit.wasm'), '-o', join(tmp.dir, 'prog.o'), '--prefix', 'prog']),
  ]);
  await Promise.all([
    build('gcc', [
      ...gccFlags, '-pedantic', `-I${RUNTIME_INCLUDE}`, join(FIXTURES, 'host', 'embedder.c'), LIBW2O, '-pthread',
      '-o', join(tmp.dir, 'embedder'),
    ]),
    build('gcc', [
      ...gccFlags, '-pedantic', `-I${RUNTIME_INCLUDE}`, join(FIXTURES, 'host', 'linked-main.c'), join(tmp.dir, 'prog.o'),
      LIBW2O, '-pthread', '-o', join(tmp.dir, 'linked'),
    ]),
  ]);
});
afterAll(() => tmp?.remove());

/** Every file and directory under `dir`: relative path, then contents or "dir" or the link. */
function tree(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => {
      const path = join(dir, e.name);
      const rel = prefix + e.name;
      if (e.isDirectory()) return [`${rel}/`, ...tree(path, `${rel}/`)];
      if (e.isSymbolicLink()) return [`${rel} -> link`];
      return [`${rel}: ${JSON.stringify(readFileSync(path, 'utf8'))}`];
    });
}

interface Comparison {
  native: Run;
  wasm: Run;
  nativeDir: string;
  wasmDir: string;
}

/** Runs a program natively and as wasm, each in a fresh directory, and returns both. */
async function both(name: string, args: string[] = [], env: Record<string, string> = {}, input = ''): Promise<Comparison> {
  const nativeDir = freshDir();
  const wasmDir = freshDir();
  const envFlags = Object.entries(env).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
  const [native, wasm] = await Promise.all([
    run(nativeExe(name), args, { cwd: nativeDir, env, input, argv0: name }),
    run(W2O_RUN, [...envFlags, '--dir', `${wasmDir}::.`, object(name), ...args], { cwd: wasmDir, input }),
  ]);
  return { native, wasm, nativeDir, wasmDir };
}

/** Both runs end alike, print alike, and leave their directories alike. */
async function compare(name: string, args: string[] = [], env: Record<string, string> = {}, input = ''): Promise<Run> {
  const c = await both(name, args, env, input);
  expect(c.wasm).toEqual(c.native);
  expect(tree(c.wasmDir)).toEqual(tree(c.nativeDir));
  return c.wasm;
}

const lines = (...l: string[]) => l.map((s) => `${s}\n`).join('');

describe('WASI programs print what their native build prints', () => {
  test('arguments and environment', async () => {
    const r = await compare('args-env', ['one', 'two words', ''], { GREETING: 'hi there', EMPTY: '', HOME: '/home/guest' });
    expect(r.status).toBe(3);
    expect(r.stdout).toContain("argv[0] = 'args-env' (8 bytes)\n"); // w2o-run's default: the object's name
    expect(r.stdout).toContain('3 variables\n  EMPTY=\n  GREETING=hi there\n  HOME=/home/guest\n');
  });

  test('an empty environment and no arguments', async () => {
    const r = await compare('args-env');
    expect(r.stdout).toContain('argc 1\n');
    expect(r.stdout).toContain('0 variables\n');
  });

  test('clocks', async () => {
    const r = await compare('clocks');
    expect(r.stdout).not.toMatch(/: 0$/m); // every check printed 1 (or a count of 0 steps back)
    expect(r.stdout).toContain('monotonic went back 0 times');
  });

  test('standard input to standard output and error, through pipes', async () => {
    // ~280 KB of deterministic text: more than a pipe holds, so reads and writes come in pieces.
    let seed = 12345;
    const words = ['alpha', 'Beta', 'gamma', 'DELTA', 'epsilon', '42', 'zeta', 'eta!'];
    const input = Array.from({ length: 6000 }, (_, i) => {
      const n = 3 + (i % 9);
      return Array.from({ length: n }, () => words[(seed = (seed * 1103515245 + 12345) >>> 0) % words.length]).join(' ');
    }).join('\n');
    const r = await compare('stdio', [], {}, `${input}\n`);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('then 6000 lines in all');
    expect(r.stdout.length).toBeGreaterThan(300_000);
    expect(r.stderr).toMatch(/^warning: \d+ letters in the first lines\ndone\n$/);
  });

  test.each([
    [['return', '7'], 7],
    [['exit', '3'], 3],
    [['exit', '300'], 300 & 0xff],
    [['_exit', '4'], 4],
    [['return', '0'], 0],
  ])('exit status: %j', async (args, status) => {
    const r = await compare('exit', args);
    expect(r.status).toBe(status);
    expect(r.stdout.includes('atexit handler')).toBe(args[0] !== '_exit');
  });

  test('abort(): SIGABRT natively, a trap (status 134) in wasm', async () => {
    const c = await both('exit', ['abort']);
    expect([c.native.status, c.native.signal]).toEqual([null, 'SIGABRT']);
    expect(c.wasm.status).toBe(134);
    expect(c.wasm.stdout).toBe(c.native.stdout);
    expect(c.wasm.stdout).toBe('ending by abort 0\n');
    const err = c.wasm.stderr.split('\n');
    expect(err.slice(0, 3)).toEqual(['stderr is unbuffered', 'wasm trap: unreachable', 'wasm backtrace:']);
    expect(frameNames(c.wasm.stderr).slice(0, 2)).toEqual(['abort', 'main']);
  });

  test('files: create, read, write, seek, pread/pwrite, truncate, stat, times, sync, append', async () => {
    const r = await compare('files');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('data.txt holds 8 bytes: HELLO000\n');
    expect(r.stdout).toContain('log.txt holds 8 bytes: one\ntwo\n');
  });

  test('directories and links: mkdir, rmdir, readdir, rename, unlink, symlink, readlink, link', async () => {
    const c = await both('dirs');
    expect(c.wasm).toEqual(c.native);
    expect(c.wasm.stdout).toContain('open through a loop: ELOOP\n');
    expect(c.wasm.stdout).toContain('stat two-again: 0 links 2 size 2\n');
    expect(tree(c.wasmDir)).toEqual([]); // it removes all it made
  });

  test('poll_oneoff: sleeps on each clock, relative and absolute, and descriptor readiness', async () => {
    const r = await compare('poll', [], {}, 'ready\n');
    expect(r.stdout).not.toMatch(/at least \d+ ms: 0|under 2 s: 0/);
    expect(r.stdout).toContain('poll stdin with data: 1, readable 1\nread 6\n');
  });

  test('random', async () => {
    const r = await compare('random');
    expect(r.stdout).toBe(
      lines('getentropy: 0 0', 'the two draws differ: 1', 'fewer than 16 zero bytes in 256: 1', 'getentropy of 257 bytes (above its limit): -1'),
    );
  });
});

/** The function names of a trap's backtrace on stderr, innermost first. */
function frameNames(stderr: string): string[] {
  return [...stderr.matchAll(/^ {2}#\d+ text\+0x[0-9a-f]+ (\S+)$/gm)].map((m) => m[1]!);
}

describe('capabilities: nothing outside the preopen is reachable', () => {
  test('escapes by .., absolute paths and symbolic links fail with ENOTCAPABLE; bad arguments get their errno', async () => {
    const base = freshDir();
    const root = join(base, 'root');
    const outside = join(base, 'outside');
    mkdirSync(join(root, 'sub'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.txt'), 'the secret');
    writeFileSync(join(root, 'sub', 'inner.txt'), 'inner');
    const r = await run(W2O_RUN, ['--dir', `${root}::.`, object('escape'), outside], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      lines(
        'symlink rel -> ../outside: ok',
        'symlink abs -> the outside directory: ok',
        'symlink leak -> the secret: ok',
        'symlink up -> sub/../..: ok',
        'symlink here -> sub/..: ok',
        'symlink inner -> sub/inner.txt: ok',
        '-- inside',
        "open sub/inner.txt: ok, read 5 'inner'",
        "open sub/../sub/./inner.txt: ok, read 5 'inner'",
        "open inner: ok, read 5 'inner'",
        "open here/sub/inner.txt: ok, read 5 'inner'",
        "open here/here/inner: ok, read 5 'inner'",
        '-- escapes',
        'open ../outside/secret.txt: ENOTCAPABLE',
        'open sub/../../outside/secret.txt: ENOTCAPABLE',
        'open rel/secret.txt: ENOTCAPABLE',
        'open abs/secret.txt: ENOTCAPABLE',
        'open leak: ENOTCAPABLE',
        'open up/outside/secret.txt: ENOTCAPABLE',
        'open here/../outside/secret.txt: ENOTCAPABLE',
        'open abs/created.txt: ENOTCAPABLE',
        'open rel/created.txt: ENOTCAPABLE',
        'stat rel: ENOTCAPABLE',
        'lstat rel: ok',
        'readlink rel: ok',
        "rel reads '../outside'",
        'opendir rel: ENOTCAPABLE',
        'mkdir rel/new: ENOTCAPABLE',
        'mkdir ../new: ENOTCAPABLE',
        'unlink rel/secret.txt: ENOTCAPABLE',
        'rename into rel: ENOTCAPABLE',
        'rename out of rel: ENOTCAPABLE',
        'link to abs/secret.txt: ENOTCAPABLE',
        'symlink inside rel: ENOTCAPABLE',
        "-- absolute paths name the preopen's own tree",
        'open /etc/passwd: ENOENT',
        `open ${outside}/secret.txt: ENOENT`,
        "open /sub/inner.txt: ok, read 5 'inner'",
        '-- WASI called directly',
        'path_open /etc/passwd: 76', // ENOTCAPABLE
        'path_open ../outside: 76',
        'path_open rel/secret.txt: 76',
        'path_open rel, not following: 32', // ELOOP: O_NOFOLLOW on a link
        'path_open asking for an unknown right: 76',
        'path_filestat_get following rel: 76',
        'fdstat_get: 0, can write 1',
        'drop fd_write: 0',
        'fd_write without the right: 76',
        'take fd_write back: 76',
        'dir: drop path_open: 0',
        'path_open without the right: 76',
        'fd_write, iovecs outside memory: 21', // EFAULT
        'fd_write, a buffer past the end: 21',
        'args_sizes_get, result outside memory: 21',
        'random_get, buffer past the end: 21',
        'clock_time_get, result outside memory: 21',
        'fd_close 999: 8', // EBADF
        'fd_prestat_get 0: 8',
        'sock_shutdown on a file: 57', // ENOTSOCK
        'sock_accept on a directory: 57',
        'sock_send on 999: 8',
        'clock_res_get of clock 9: 28', // EINVAL
        'poll_oneoff with no subscriptions: 28',
        'fd_renumber onto a closed descriptor: 8',
        'fd_seek with whence 7: 28',
      ),
    );
    expect(r.status).toBe(0);
    // The host side: nothing outside was created, moved or removed.
    expect(tree(outside)).toEqual(['secret.txt: "the secret"']);
    expect(readdirSync(base).sort()).toEqual(['outside', 'root']);
    expect(statSync(join(root, 'sub', 'inner.txt')).size).toBe(5);
  });
});

describe('traps: status 134, the kind and a backtrace of wasm function names on stderr', () => {
  test.each([
    ['unreachable', 'unreachable', ['main']],
    ['out-of-bounds', 'out of bounds memory access', ['crash_store', 'main']],
    ['divide', 'integer divide by zero', ['divide', 'main']],
    ['null-call', 'uninitialized element', ['call_through', 'main']],
  ])('%s', async (what, message, innermost) => {
    const r = await run(W2O_RUN, [object('traps'), what]);
    expect(r.status).toBe(134);
    expect(r.stdout).toBe(`about to trap: ${what}\n`);
    expect(r.stderr.split('\n').slice(0, 2)).toEqual([`wasm trap: ${message}`, 'wasm backtrace:']);
    const names = frameNames(r.stderr);
    expect(names.slice(0, innermost.length)).toEqual(innermost);
    // Then wasi-libc's way from _start to main.
    const rest = names.slice(innermost.length);
    expect(rest.indexOf('__original_main')).toBeGreaterThanOrEqual(0);
    expect(rest.indexOf('_start')).toBeGreaterThan(rest.indexOf('__original_main'));
    expect(r.stderr.split('\n').length).toBe(names.length + 3); // the two header lines, the frames, the final newline
  });

  test('a recursion without end: call stack exhausted, the innermost 32 frames', async () => {
    const r = await run(W2O_RUN, [object('traps'), 'recurse']);
    expect(r.status).toBe(134);
    expect(r.stderr.split('\n').slice(0, 2)).toEqual(['wasm trap: call stack exhausted', 'wasm backtrace:']);
    expect(frameNames(r.stderr)).toEqual(Array<string>(32).fill('recurse'));
    expect(r.stderr).toMatch(/\n {2}\.\.\. \(no more than 32 frames are kept\)\n$/);
  });
});

describe('embedding and linking', () => {
  test('a reactor driven through w2o_wasi_new/resolve/bind: _initialize, exports, proc_exit and a trap return control', async () => {
    const r = await run(join(tmp.dir, 'embedder'), [object('reactor')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      lines(
        'embedder: exports _start 0, _initialize 1',
        'embedder: _initialize -> 0',
        'reactor: add(2, 40), initialized 42',
        'embedder: add -> 0, result 42',
        'reactor: hello, embedder',
        'embedder: greet -> 0',
        'embedder: exited before quit 0',
        'reactor: quitting with 7',
        'embedder: quit -> host exit (host exit), exited 1 with 7',
        'embedder: fail -> 1 "unreachable", frames: fail_deeper fail',
        'embedder: done',
      ),
    );
    expect(r.status).toBe(0);
  });

  test('a program linked with the runtime runs as w2o-run runs its object', async () => {
    for (const args of [['exit', '5'], ['return', '9'], ['abort']]) {
      const dir = freshDir();
      const [linked, loaded] = await Promise.all([
        run(join(tmp.dir, 'linked'), args, { cwd: dir, argv0: 'exit' }),
        run(W2O_RUN, ['--dir', `${dir}::.`, object('exit'), ...args], { cwd: dir }),
      ]);
      expect(linked).toEqual(loaded);
    }
  });
});

describe('w2o-run', () => {
  let noEntry: string;
  let unknownImport: string;
  beforeAll(async () => {
    const m = new ModuleBuilder();
    m.addMemory({ min: 1 });
    m.addExport('memory', Kind.Memory, 0);
    m.addExport('f', Kind.Func, m.addFunction(m.addType([], [I32]), i32Const(1)));
    writeFileSync(join(tmp.dir, 'no-entry.wasm'), m.toBytes());
    const u = new ModuleBuilder();
    u.addImport('env', 'missing', { kind: 'func', type: u.addType([], []) });
    writeFileSync(join(tmp.dir, 'unknown-import.wasm'), u.toBytes());
    noEntry = join(tmp.dir, 'no-entry.o');
    unknownImport = join(tmp.dir, 'unknown-import.o');
    await Promise.all([
      build(process.execPath, [CLI, join(tmp.dir, 'no-entry.wasm'), '-o', noEntry]),
      build(process.execPath, [CLI, join(tmp.dir, 'unknown-import.wasm'), '-o', unknownImport]),
    ]);
  });

  test('--help prints the usage and exits 0', async () => {
    const r = await run(W2O_RUN, ['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: w2o-run \[--dir HOST\[::GUEST\]\]\.\.\. \[--env KEY=VALUE\]\.\.\. \[--argv0 NAME\] \[--\] OBJECT\.o \[ARG\.\.\.\]\n/);
  });

  test.each([
    [[], 'w2o-run: error: no object file given'],
    [['--frobnicate', 'x.o'], "w2o-run: error: unknown option '--frobnicate'"],
    [['--dir'], 'w2o-run: error: --dir needs a value'],
    [['--env', 'NOEQUALS', 'x.o'], "w2o-run: error: bad --env 'NOEQUALS': KEY=VALUE"],
    [['--dir', '::guest', 'x.o'], "w2o-run: error: bad --dir '': HOST[::GUEST]"],
  ])('usage error %j: exit 1', async (args, message) => {
    const r = await run(W2O_RUN, args);
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(message);
  });

  test('errors before the program runs: exit 1 with the reason', async () => {
    const missing = await run(W2O_RUN, [join(tmp.dir, 'missing.o')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^w2o-run: error: cannot load .*missing\.o: /);
    const noDir = await run(W2O_RUN, ['--dir', join(tmp.dir, 'no-such-dir'), object('random')]);
    expect(noDir.status).toBe(1);
    expect(noDir.stderr).toBe(`error: cannot open directory '${join(tmp.dir, 'no-such-dir')}': No such file or directory\n`);
    const imports = await run(W2O_RUN, [unknownImport]);
    expect(imports.status).toBe(1);
    expect(imports.stderr).toBe('error: unknown import: "env" "missing" (function)\n');
    const entry = await run(W2O_RUN, [noEntry]);
    expect(entry.status).toBe(1);
    expect(entry.stderr).toMatch(/^error: the module exports neither _start nor _initialize/);
  });

  test('-- ends the options; --argv0 names the program', async () => {
    const r = await run(W2O_RUN, ['--argv0', 'named', '--', object('args-env'), '--dir', 'x']);
    expect(r.stdout).toContain("argc 3\nargv[0] = 'named' (5 bytes)\nargv[1] = '--dir' (5 bytes)\nargv[2] = 'x' (1 bytes)\n");
  });

  test('--dir HOST::GUEST names the preopen GUEST, and GUEST defaults to HOST', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'hello.txt'), 'hi\n');
    const cat = (...args: string[]) => run(W2O_RUN, [...args.slice(0, -1), object('cat'), args.at(-1)!], { cwd: dir });
    expect(await cat('--dir', dir, join(dir, 'hello.txt'))).toEqual({ status: 0, signal: null, stdout: 'hi\n', stderr: '' });
    expect(await cat('--dir', `${dir}::/data`, '/data/hello.txt')).toEqual({ status: 0, signal: null, stdout: 'hi\n', stderr: '' });
    // Relative paths start from "/", which no preopen covers here: wasi-libc finds no
    // directory to resolve them from and answers ENOTCAPABLE itself.
    expect(await cat('--dir', `${dir}::/data`, 'hello.txt')).toEqual({
      status: 1,
      signal: null,
      stdout: '',
      stderr: 'cat: hello.txt: ENOTCAPABLE\n',
    });
    expect((await cat(join(dir, 'hello.txt'))).stderr).toBe(`cat: ${join(dir, 'hello.txt')}: ENOTCAPABLE\n`); // no preopen at all
  });
});

describe('cat, natively and as wasm', () => {
  test('files named by relative paths, standard input, a missing file', async () => {
    const c = await both('cat', [], {}, 'from stdin\n');
    expect(c.wasm).toEqual(c.native);
    expect(c.wasm.stdout).toBe('from stdin\n');
    const r = await compare('cat', ['missing.txt']);
    expect([r.status, r.stderr]).toEqual([1, 'cat: missing.txt: ENOENT\n']);
  });
});
