/**
 * The engines: how each one builds a kernel into something to run, and how each one's
 * compile is measured.
 *
 * Run time. Every kernel is one program, its bench_run called by bench-main.c, which
 * reads CLOCK_MONOTONIC around the call and prints "CHECKSUM NANOSECONDS": natively
 * (gcc), or as the wasm32-wasi command NAME.wasm, which each wasm engine runs from its
 * _start with WASI's clock_time_get and fd_write (wasm2obj's own WASI, node:wasi, and the
 * small host of c/wasm2c-main.c for wasm2c). So every engine is timed the same way, by the
 * program itself: instantiation, compilation before the call, start-up and exit are
 * outside that time for every engine alike. The whole process is timed too.
 *
 * Compile time. Each measurement is a fresh process: for wasm2obj and V8 a node process
 * that times the compile inside itself (node-child.ts), so node's start-up is not counted
 * (the wasm2obj CLI is also timed as a whole process, what a user waits for); wasm2c and
 * gcc are native tools, timed as processes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_TARGET_CPU } from '../../src/cli/target-cpu.js';
import { SIMD_NATIVE_FLAGS, nativeFlags, type Kernel } from './kernels.js';
import { objectSize, type ObjectSize } from './elf.js';
import { HARNESS_C_DIR, NODE_CHILD, WASM2OBJ_CLI } from './paths.js';
import { runTool, type Command, type Timer } from './proc.js';

/** What the engines need from the machine. */
export interface Env {
  /** Threads for wasm2obj -jN (the number of cores). */
  jobs: number;
  /** wabt's wasm2c runtime folder (wasm-rt-impl.c); undefined when not found. */
  wasm2cRuntime: string | undefined;
  /** The machine runs x86-64-v3 code (AVX2, BMI1/2, FMA, ...): what `--target-cpu native` resolves to here. */
  v3: boolean;
}

const NODE = process.execPath;

/** V8 with TurboFan alone: every function compiled by the optimizing tier. */
export const V8_TURBOFAN_FLAGS = ['--no-liftoff'];
/** V8 with Liftoff alone: the baseline tier, never tiered up. */
export const V8_LIFTOFF_FLAGS = ['--liftoff', '--no-wasm-tier-up', '--no-wasm-dynamic-tiering'];
/** Compile every function when the module is compiled, not at its first call (node 20's default is lazy). */
export const V8_EAGER_FLAGS = ['--no-wasm-lazy-compilation'];
/** Compile on the calling thread alone, no background compile tasks: the counterpart of wasm2obj -j1. */
export const V8_ONE_THREAD_FLAGS = ['--wasm-num-compilation-tasks=0'];

// ---------------------------------------------------------------------------------------
// Run time

export type RunEngineId = 'native' | 'wasm2obj' | 'wasm2obj-v3' | 'wasm2obj-run' | 'wasm2c' | 'v8-turbofan' | 'v8-liftoff' | 'v8-default';

/** Why the wasm2c engine does not run (or compile) a SIMD kernel. */
export const WASM2C_NO_SIMD = "wabt 1.0.32's wasm2c aborts on SIMD instructions";

export interface RunEngine {
  id: RunEngineId;
  /** Column header. */
  label: string;
  /** One line for the report: what it is and how it is built. */
  description: string;
  /** Builds the kernel in `dir` (not timed); resolves with the command that runs it once. */
  prepare(k: Kernel, dir: string, env: Env): Promise<Command>;
  /**
   * Why this engine cannot run at all on this machine, if it cannot: it is then left out,
   * no column, and the report's header says why.
   */
  unavailable?(env: Env): string | undefined;
  /** Why this engine does not run the kernel, if it does not: its cell says n/a and the report gives the reason. */
  unsupported?(k: Kernel, env: Env): string | undefined;
}

/** The native program: the kernel and its main, `gcc -O2 -std=c11` (and SIMD_NATIVE_FLAGS for a SIMD kernel); the reference. */
export async function buildNative(k: Kernel, exe: string): Promise<Command> {
  await runTool(['gcc', '-O2', '-std=c11', ...nativeFlags(k), '-o', exe, k.source, k.main]);
  return { argv: [exe] };
}

/** `wasm2obj run`'s compile cache of one kernel: private to the benchmark's work folder. */
const cacheEnv = (dir: string) => ({ W2O_CACHE_DIR: path.join(dir, 'cache') });

/** `wasm2obj build` of the kernel into an executable, for `--target-cpu` `level` (undefined: the default). */
async function wasm2objBuild(k: Kernel, dir: string, env: Env, level?: string): Promise<Command> {
  const exe = path.join(dir, 'prog');
  await runTool([NODE, WASM2OBJ_CLI, 'build', k.wasm, '-o', exe, '-j', String(env.jobs), ...(level === undefined ? [] : ['--target-cpu', level])]);
  return { argv: [exe] };
}

const v8Engine = (id: RunEngineId, label: string, flags: string[], description: string): RunEngine => ({
  id,
  label,
  description,
  prepare: async (k) => ({ argv: [NODE, ...flags, NODE_CHILD, 'run', k.wasm] }),
});

export const RUN_ENGINES: readonly RunEngine[] = [
  {
    id: 'native',
    label: 'native',
    description: `\`gcc -O2 -std=c11 NAME.c bench-main.c\` (SIMD kernels: \`${SIMD_NATIVE_FLAGS.join(' ')}\` too, the vector instructions of x86-64-v2): the reference`,
    prepare: (k, dir) => buildNative(k, path.join(dir, 'native')),
  },
  {
    id: 'wasm2obj',
    label: 'wasm2obj build',
    description:
      `\`wasm2obj build NAME.wasm -o prog\`: the WASI command compiled (-O0, \`--target-cpu\` left at its default, ${DEFAULT_TARGET_CPU}) ` +
      'and linked with the runtime into an executable',
    prepare: (k, dir, env) => wasm2objBuild(k, dir, env),
  },
  {
    id: 'wasm2obj-v3',
    label: 'wasm2obj build v3',
    description:
      '`wasm2obj build NAME.wasm -o prog --target-cpu x86-64-v3`: the same for a CPU with AVX2, BMI1/2, FMA and the rest of v3, ' +
      'for which wasm2obj writes VEX-encoded SIMD and lzcnt/tzcnt; a column only on a machine that has v3',
    unavailable: (env) => (env.v3 ? undefined : 'this machine lacks x86-64-v3 (`--target-cpu native` resolves to a lower level)'),
    prepare: (k, dir, env) => wasm2objBuild(k, dir, env, 'x86-64-v3'),
  },
  {
    id: 'wasm2obj-run',
    label: 'wasm2obj run',
    description:
      '`wasm2obj run NAME.wasm` with a warm cache (its own W2O_CACHE_DIR, filled by an untimed run): ' +
      "node starts the CLI, which finds the object in the cache and has the runtime's w2o-run map and run it",
    prepare: async (k, dir) => {
      const argv = [NODE, WASM2OBJ_CLI, 'run', k.wasm];
      await runTool(argv, { env: cacheEnv(dir) });
      return { argv, env: cacheEnv(dir) };
    },
  },
  {
    id: 'wasm2c',
    label: 'wasm2c + gcc -O2',
    description:
      "`wasm2c NAME.wasm -o k_w2c.c -n bench` (wabt), compiled by `gcc -O2` with wabt's runtime wasm-rt-impl.c " +
      '(guard-page memories, as wasm2obj) and the WASI functions the kernels import (lib/c/wasm2c-main.c); not the SIMD kernels',
    unsupported: (k) => (k.simd ? WASM2C_NO_SIMD : undefined),
    prepare: async (k, dir, env) => {
      if (env.wasm2cRuntime === undefined) throw new Error("wabt's wasm2c runtime (wasm-rt-impl.c) not found; set W2O_WASM2C_RUNTIME");
      const exe = path.join(dir, 'wasm2c');
      const source = path.join(dir, 'k_w2c.c');
      await runTool(['wasm2c', k.wasm, '-o', source, '-n', 'bench']);
      await runTool([
        'gcc', '-O2', `-I${dir}`, `-I${env.wasm2cRuntime}`, '-o', exe,
        path.join(HARNESS_C_DIR, 'wasm2c-main.c'), source, path.join(env.wasm2cRuntime, 'wasm-rt-impl.c'), '-lm',
      ]);
      return { argv: [exe] };
    },
  },
  v8Engine('v8-turbofan', 'V8 TurboFan', [...V8_TURBOFAN_FLAGS, ...V8_EAGER_FLAGS], `node:wasi, \`${[...V8_TURBOFAN_FLAGS, ...V8_EAGER_FLAGS].join(' ')}\`: every function optimized before _start`),
  v8Engine('v8-liftoff', 'V8 Liftoff', [...V8_LIFTOFF_FLAGS, ...V8_EAGER_FLAGS], `node:wasi, \`${[...V8_LIFTOFF_FLAGS, ...V8_EAGER_FLAGS].join(' ')}\`: the baseline tier only`),
  v8Engine('v8-default', 'V8 default', [], 'node:wasi, no flags: lazy compilation, Liftoff first, hot functions tiered up to TurboFan while the kernel runs'),
];

/** The checksum a kernel program printed, as an unsigned decimal, from its "CHECKSUM NANOSECONDS". */
export function parseRunOutput(stdout: string): { checksum: string; callNs: number } {
  const m = /^(\d+) (\d+)\s*$/.exec(stdout.trim());
  if (!m) throw new Error(`expected "CHECKSUM NANOSECONDS", got '${stdout.trim().slice(0, 200)}'`);
  return { checksum: BigInt(m[1]!).toString(), callNs: Number(m[2]) };
}

// ---------------------------------------------------------------------------------------
// Compile time

export type CompileEngineId =
  | 'wasm2obj-j1'
  | 'wasm2obj-jN'
  | 'wasm2obj-cli'
  | 'v8-liftoff-j1'
  | 'v8-liftoff'
  | 'v8-turbofan-j1'
  | 'v8-turbofan'
  | 'wasm2c-gcc';

export interface CompileSample {
  /** The headline time, ns: measured in-process when `inProcess`, else the whole process(es). */
  ns: number;
  /** Whole process(es), ns. */
  processNs: number;
  /** CPU time of the process(es), ns. */
  cpuNs: number;
  /** Peak RSS of the process (the largest, when there are several), bytes. */
  maxRss: number;
  /** The object written, when the engine writes one. */
  output?: ObjectSize;
  /** Named steps, ns (wasm2c + gcc). */
  parts?: Record<string, number>;
}

export interface CompileEngine {
  id: CompileEngineId;
  label: (env: Env) => string;
  description: (env: Env) => string;
  /** The headline time is measured inside the process (else it is the whole process). */
  inProcess: boolean;
  measure(wasm: string, dir: string, timer: Timer, env: Env): CompileSample;
}

/** The nanoseconds a node-child compile mode printed. */
function childNs(stdout: string): number {
  const ns = Number(stdout.trim());
  if (!Number.isFinite(ns) || ns <= 0) throw new Error(`node-child printed '${stdout.trim()}', not a time`);
  return ns;
}

function nodeChildCompile(timer: Timer, args: string[]): CompileSample {
  const r = timer.measure(args);
  return { ns: childNs(r.stdout), processNs: r.wallNs, cpuNs: r.cpuNs, maxRss: r.maxRss };
}

const wasm2objInProcess = (id: CompileEngineId, jobs: (env: Env) => number): CompileEngine => ({
  id,
  label: (env) => `wasm2obj -j${jobs(env)}`,
  description: (env) =>
    `decode + compile + link in memory, ${jobs(env)} thread${jobs(env) > 1 ? 's at most (worker threads only above 4 MiB of bodies)' : ''}, ` +
    'in a fresh node process, timed inside it',
  inProcess: true,
  measure: (wasm, _dir, timer, env) => nodeChildCompile(timer, [NODE, NODE_CHILD, 'compile-wasm2obj', wasm, String(jobs(env))]),
});

const v8Compile = (id: CompileEngineId, tier: string, tierFlags: string[], oneThread: boolean): CompileEngine => {
  const flags = [...tierFlags, ...V8_EAGER_FLAGS, ...(oneThread ? V8_ONE_THREAD_FLAGS : [])];
  return {
    id,
    label: (env) => `V8 ${tier} -j${oneThread ? 1 : env.jobs}`,
    description: () =>
      `\`new WebAssembly.Module(bytes)\` with \`${flags.join(' ')}\` in a fresh node process, timed inside it` +
      (oneThread ? ', on the calling thread alone' : ", on V8's background threads and the calling one (all cores)"),
    inProcess: true,
    measure: (wasm, _dir, timer) => nodeChildCompile(timer, [NODE, ...flags, NODE_CHILD, 'compile-v8', wasm]),
  };
};

export const COMPILE_ENGINES: readonly CompileEngine[] = [
  wasm2objInProcess('wasm2obj-j1', () => 1),
  wasm2objInProcess('wasm2obj-jN', (env) => env.jobs),
  {
    id: 'wasm2obj-cli',
    label: (env) => `wasm2obj CLI -j${env.jobs}`,
    description: (env) => `\`wasm2obj NAME.wasm -o k.o -j${env.jobs}\`, the whole process: node's start-up, reading and writing included`,
    inProcess: false,
    measure: (wasm, dir, timer, env) => {
      const obj = path.join(dir, 'cli.o');
      const r = timer.measure([NODE, WASM2OBJ_CLI, wasm, '-o', obj, '--prefix', 'k', '-j', String(env.jobs)]);
      return { ns: r.wallNs, processNs: r.wallNs, cpuNs: r.cpuNs, maxRss: r.maxRss, output: objectSize(fs.readFileSync(obj)) };
    },
  },
  v8Compile('v8-liftoff-j1', 'Liftoff', V8_LIFTOFF_FLAGS, true),
  v8Compile('v8-liftoff', 'Liftoff', V8_LIFTOFF_FLAGS, false),
  v8Compile('v8-turbofan-j1', 'TurboFan', V8_TURBOFAN_FLAGS, true),
  v8Compile('v8-turbofan', 'TurboFan', V8_TURBOFAN_FLAGS, false),
  {
    id: 'wasm2c-gcc',
    label: () => 'wasm2c + gcc -O2',
    description: () => '`wasm2c NAME.wasm -o k.c` then `gcc -O2 -c k.c`, two processes, times added (the runtime and a main not counted)',
    inProcess: false,
    measure: (wasm, dir, timer) => {
      const c = path.join(dir, 'w2c.c');
      const obj = path.join(dir, 'w2c.o');
      const a = timer.measure(['wasm2c', wasm, '-o', c, '-n', 'bench']);
      const b = timer.measure(['gcc', '-O2', '-c', '-o', obj, c], { cwd: dir });
      return {
        ns: a.wallNs + b.wallNs,
        processNs: a.wallNs + b.wallNs,
        cpuNs: a.cpuNs + b.cpuNs,
        maxRss: Math.max(a.maxRss, b.maxRss),
        output: objectSize(fs.readFileSync(obj)),
        parts: { wasm2c: a.wallNs, gcc: b.wallNs },
      };
    },
  },
];
