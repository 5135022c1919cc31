/**
 * The node side of `npm run bench` (bench/run.ts) and `npm run bench:startup`
 * (bench/startup.ts): one measurement per process, so that nothing compiled, cached or
 * warmed up by an earlier measurement helps the next one. The benchmarks start it
 * (compiled, dist/bench/lib/node-child.js) with the V8 flags of the engine under test:
 *
 *   node [V8 FLAGS] node-child.js run FILE.wasm
 *       runs the kernel's WASI command with node:wasi (preview1): compiles and
 *       instantiates the module, then calls _start, whose main times bench_run and prints
 *       "CHECKSUM NANOSECONDS" itself (bench/kernels/bench-main.c), through node:wasi's
 *       clock_time_get and fd_write. Whatever the flags leave until the code runs (lazy
 *       compilation, tier-up) is inside the time. The exit status is the program's.
 *   node [V8 FLAGS] node-child.js compile-v8 FILE.wasm
 *       prints the nanoseconds of `new WebAssembly.Module(bytes)`: V8's synchronous
 *       compile, on its background threads too. With --no-wasm-lazy-compilation every
 *       function is compiled before it returns, by Liftoff or TurboFan as the flags say.
 *       V8 caches compiled modules per process (and node keeps none across processes),
 *       so a fresh process is a real compile.
 *   node node-child.js compile-wasm2obj FILE.wasm JOBS
 *       prints the nanoseconds of wasm2obj's decode + compile + link into an object in
 *       memory (what the CLI does between reading the file and writing the object), with
 *       JOBS threads, in a fresh process: the compiler's JIT warm-up is included, loading
 *       its modules is not.
 *   node node-child.js startup-parts FILE.wasm OBJECT.o
 *       prints the nanoseconds of three steps of a cached `wasm2obj run FILE.wasm`, as the
 *       CLI takes them: loading its run command (src/cli/run-command.js and what that
 *       imports), computing the cache key of FILE.wasm, and running the runtime's w2o-run
 *       on OBJECT.o (its output thrown away) until it exits.
 *
 * Reading the file is never timed. Errors go to standard error with exit status 1.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { WASI } from 'node:wasi';
import { W2O_RUN } from './paths.js';

const nsSince = (t0: number) => Math.round((performance.now() - t0) * 1e6);

function readModule(file: string): Uint8Array<ArrayBuffer> {
  // A copy in a plain ArrayBuffer: a Buffer may sit in a shared pool.
  return new Uint8Array(fs.readFileSync(file));
}

function run(file: string): void {
  const bytes = readModule(file);
  // No preopened directories and no environment: the kernels read nothing.
  const wasi = new WASI({ version: 'preview1', args: [file], env: {}, returnOnExit: true });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), wasi.getImportObject() as WebAssembly.Imports);
  process.exitCode = wasi.start(instance);
}

function compileV8(file: string): void {
  const bytes = readModule(file);
  const t0 = performance.now();
  const module = new WebAssembly.Module(bytes);
  const ns = nsSince(t0);
  if (!(module instanceof WebAssembly.Module)) throw new Error('unreachable');
  process.stdout.write(`${ns}\n`);
}

async function compileWasm2obj(file: string, jobs: number): Promise<void> {
  const { decodeModule } = await import('../../src/translate/index.js');
  const { compileModule } = await import('../../src/codegen/compile-module.js');
  const { linkObject } = await import('../../src/link/index.js');
  const bytes = readModule(file);
  const t0 = performance.now();
  const m = decodeModule(bytes);
  const funcs = await compileModule(m, bytes, { jobs, boundsChecks: false, cpuLevel: 2 });
  const object = linkObject(m, bytes, funcs, { prefix: 'k', boundsChecks: false, cpuLevel: 2 });
  const ns = nsSince(t0);
  if (object.length === 0) throw new Error('empty object');
  process.stdout.write(`${ns}\n`);
}

async function startupParts(file: string, object: string): Promise<void> {
  const t0 = performance.now();
  await import('../../src/cli/run-command.js');
  const importNs = nsSince(t0);
  const { cacheEntry } = await import('../../src/cli/cache.js');
  const bytes = readModule(file);
  const t1 = performance.now();
  cacheEntry(bytes, { opt: '0', boundsChecks: false });
  const keyNs = nsSince(t1);
  const t2 = performance.now();
  const r = spawnSync(W2O_RUN, ['--', object], { stdio: ['ignore', 'ignore', 'inherit'] });
  const runNs = nsSince(t2);
  if (r.status !== 0) throw new Error(`w2o-run ${object}: ${r.error?.message ?? `exit status ${r.status ?? r.signal}`}`);
  process.stdout.write(`${importNs} ${keyNs} ${runNs}\n`);
}

const [mode, file, arg] = process.argv.slice(2);
try {
  if (file === undefined) throw new Error('usage: node-child.js run|compile-v8|compile-wasm2obj|startup-parts FILE.wasm [JOBS|OBJECT]');
  if (mode === 'run') run(file);
  else if (mode === 'compile-v8') compileV8(file);
  else if (mode === 'compile-wasm2obj') await compileWasm2obj(file, Number(arg ?? 1));
  else if (mode === 'startup-parts' && arg !== undefined) await startupParts(file, arg);
  else throw new Error(`unknown mode ${mode}`);
} catch (err) {
  process.stderr.write(`node-child: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
