/**
 * The node side of `npm run bench` (bench/run.ts): one measurement per process, so that
 * nothing compiled, cached or warmed up by an earlier measurement helps the next one.
 * bench/run.ts starts it (compiled, dist/bench/lib/node-child.js) with the V8 flags of the
 * engine under test:
 *
 *   node [V8 FLAGS] node-child.js run FILE.wasm
 *       compiles and instantiates the module (no imports), then calls its export
 *       bench_run() once and prints "CHECKSUM NANOSECONDS": the i64 result as an unsigned
 *       decimal and the time spent in that call alone (performance.now()), as the C mains
 *       do (c/bench-clock.h). Whatever the flags leave to the call (lazy compilation,
 *       tier-up) is inside the time.
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
 *
 * Reading the file is never timed. Errors go to standard error with exit status 1.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DEFAULT_CPU_LEVEL } from '../../src/abi/cpu.js';

const nsSince = (t0: number) => Math.round((performance.now() - t0) * 1e6);

function readModule(file: string): Uint8Array<ArrayBuffer> {
  // A copy in a plain ArrayBuffer: a Buffer may sit in a shared pool.
  return new Uint8Array(fs.readFileSync(file));
}

function run(file: string): void {
  const bytes = readModule(file);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
  const benchRun = instance.exports['bench_run'];
  if (typeof benchRun !== 'function') throw new Error(`${file} exports no function bench_run`);
  const t0 = performance.now();
  const result: unknown = benchRun();
  const ns = nsSince(t0);
  if (typeof result !== 'bigint') throw new Error(`bench_run returned ${typeof result}, not an i64`);
  process.stdout.write(`${BigInt.asUintN(64, result)} ${ns}\n`);
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
  const funcs = await compileModule(m, bytes, { jobs, boundsChecks: false, cpuLevel: DEFAULT_CPU_LEVEL });
  const object = linkObject(m, bytes, funcs, { prefix: 'k', boundsChecks: false, cpuLevel: DEFAULT_CPU_LEVEL });
  const ns = nsSince(t0);
  if (object.length === 0) throw new Error('empty object');
  process.stdout.write(`${ns}\n`);
}

const [mode, file, arg] = process.argv.slice(2);
try {
  if (file === undefined) throw new Error('usage: node-child.js run|compile-v8|compile-wasm2obj FILE.wasm [JOBS]');
  if (mode === 'run') run(file);
  else if (mode === 'compile-v8') compileV8(file);
  else if (mode === 'compile-wasm2obj') await compileWasm2obj(file, Number(arg ?? 1));
  else throw new Error(`unknown mode ${mode}`);
} catch (err) {
  process.stderr.write(`node-child: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
