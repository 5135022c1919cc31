/**
 * The engines: how each one builds a kernel into something to run, and how each one's
 * compile is measured.
 *
 * Run time. Every engine runs the kernel in a fresh process that times its own call of
 * bench_run (CLOCK_MONOTONIC in the C mains of c/, performance.now() in node-child.ts) and
 * prints "CHECKSUM NANOSECONDS": instantiation, compilation before the call, start-up and
 * exit are outside that time for every engine alike. The whole process is timed too.
 *
 * Compile time. Each measurement is a fresh process: for wasm2obj and V8 a node process
 * that times the compile inside itself (node-child.ts), so node's start-up is not counted
 * (the wasm2obj CLI is also timed as a whole process, what a user waits for); wasm2c and
 * gcc are native tools, timed as processes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { nativeFlags, type Kernel } from './kernels.js';
import { objectSize, type ObjectSize } from './elf.js';
import { HARNESS_C_DIR, NODE_CHILD, RUNTIME_INCLUDE, RUNTIME_LIB, WASM2OBJ_CLI } from './paths.js';
import { runTool, type Timer } from './proc.js';

/** What the engines need from the machine. */
export interface Env {
  /** Threads for wasm2obj -jN (the number of cores). */
  jobs: number;
  /** wabt's wasm2c runtime folder (wasm-rt-impl.c); undefined when not found. */
  wasm2cRuntime: string | undefined;
  /** The machine runs x86-64-v3 code (AVX2, BMI, ...). */
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

export type RunEngineId = 'native' | 'wasm2obj' | 'wasm2obj-v3' | 'wasm2c' | 'v8-turbofan' | 'v8-liftoff' | 'v8-default';

/** Why wasm2c cannot take a SIMD kernel. */
export const WASM2C_NO_SIMD = "wabt 1.0.32's wasm2c aborts on SIMD instructions";

export interface RunEngine {
  id: RunEngineId;
  /** Column header. */
  label: string;
  /** One line for the report: what it is and how it is built. */
  description: string;
  /** Builds the kernel in `dir` (not timed); resolves with the command that runs it once. */
  prepare(k: Kernel, dir: string, env: Env): Promise<string[]>;
  /** Why this engine does not run the kernel here, if it does not. */
  unsupported?(k: Kernel, env: Env): string | undefined;
}

const cFile = (name: string) => path.join(HARNESS_C_DIR, name);

/** wasm2obj for one CPU level (--target-cpu). */
function wasm2objEngine(id: RunEngineId, label: string, level: string): RunEngine {
  return {
    id,
    label,
    description:
      `\`wasm2obj NAME.wasm -o k.o --header k.h --prefix k --target-cpu ${level}\`, linked by \`cc -O2\` with a main that ` +
      'instantiates through the header and calls bench_run through `w2o_invoke`, and runtime/build/libw2o.a',
    prepare: async (k, dir, env) => {
      const exe = path.join(dir, 'wasm2obj');
      const obj = path.join(dir, 'k.o');
      const header = path.join(dir, 'k.h');
      await runTool([NODE, WASM2OBJ_CLI, k.wasm, '-o', obj, '--header', header, '--prefix', 'k', '-j', String(env.jobs), '--target-cpu', level]);
      await runTool(['cc', '-O2', `-I${dir}`, `-I${RUNTIME_INCLUDE}`, `-I${HARNESS_C_DIR}`, '-o', exe, cFile('wasm2obj-main.c'), obj, RUNTIME_LIB, '-pthread']);
      return [exe];
    },
  };
}

const v8Engine = (id: RunEngineId, label: string, flags: string[], description: string): RunEngine => ({
  id,
  label,
  description,
  prepare: async (k) => [NODE, ...flags, NODE_CHILD, 'run', k.wasm],
});

export const RUN_ENGINES: readonly RunEngine[] = [
  {
    id: 'native',
    label: 'native',
    description: '`gcc -O2 -std=c11 NAME.c` with a timed main (SIMD kernels: `-msse4.2` too): the reference',
    prepare: async (k, dir) => {
      const exe = path.join(dir, 'native');
      await runTool(['gcc', '-O2', '-std=c11', ...nativeFlags(k), `-I${HARNESS_C_DIR}`, '-o', exe, k.source, cFile('native-main.c')]);
      return [exe];
    },
  },
  wasm2objEngine('wasm2obj', 'wasm2obj -O0', 'x86-64-v2'),
  {
    ...wasm2objEngine('wasm2obj-v3', 'wasm2obj -O0 v3', 'x86-64-v3'),
    unsupported: (_k, env) => (env.v3 ? undefined : 'this machine lacks x86-64-v3'),
  },
  {
    id: 'wasm2c',
    label: 'wasm2c + gcc -O2',
    description:
      "`wasm2c NAME.wasm -o k_w2c.c -n bench` (wabt), compiled by `gcc -O2` with wabt's runtime wasm-rt-impl.c " +
      '(guard-page memories, as wasm2obj) and a main calling `Z_benchZ_bench_run`',
    unsupported: (k) => (k.simd ? WASM2C_NO_SIMD : undefined),
    prepare: async (k, dir, env) => {
      if (env.wasm2cRuntime === undefined) throw new Error("wabt's wasm2c runtime (wasm-rt-impl.c) not found; set W2O_WASM2C_RUNTIME");
      const exe = path.join(dir, 'wasm2c');
      const source = path.join(dir, 'k_w2c.c');
      await runTool(['wasm2c', k.wasm, '-o', source, '-n', 'bench']);
      await runTool([
        'gcc', '-O2', `-I${dir}`, `-I${HARNESS_C_DIR}`, `-I${env.wasm2cRuntime}`, '-o', exe,
        cFile('wasm2c-main.c'), source, path.join(env.wasm2cRuntime, 'wasm-rt-impl.c'), '-lm',
      ]);
      return [exe];
    },
  },
  v8Engine('v8-turbofan', 'V8 TurboFan', [...V8_TURBOFAN_FLAGS, ...V8_EAGER_FLAGS], `node \`${[...V8_TURBOFAN_FLAGS, ...V8_EAGER_FLAGS].join(' ')}\`: every function optimized before the call`),
  v8Engine('v8-liftoff', 'V8 Liftoff', [...V8_LIFTOFF_FLAGS, ...V8_EAGER_FLAGS], `node \`${[...V8_LIFTOFF_FLAGS, ...V8_EAGER_FLAGS].join(' ')}\`: the baseline tier only`),
  v8Engine('v8-default', 'V8 default', [], 'node with no flags: lazy compilation, Liftoff first, hot functions tiered up to TurboFan during the call'),
];

/**
 * The reference checksum: the kernel built with the kernels' own native-main.c, exactly as
 * `gcc -O2 -std=c11 NAME.c native-main.c`, run once.
 */
export async function referenceChecksum(k: Kernel, dir: string): Promise<string> {
  const exe = path.join(dir, 'native-ref');
  await runTool(['gcc', '-O2', '-std=c11', ...nativeFlags(k), '-o', exe, k.source, path.join(path.dirname(k.source), 'native-main.c')]);
  const out = (await runTool([exe])).trim();
  if (!/^\d+$/.test(out)) throw new Error(`native-main printed '${out}', not a checksum`);
  return BigInt(out).toString();
}

/** One timed run's output, "CHECKSUM NANOSECONDS". */
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
