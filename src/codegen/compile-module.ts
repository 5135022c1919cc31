/**
 * Compiles every function of a module: the defined functions in index order, then one
 * array-call trampoline per function type that an export needs (see trampoline.ts).
 *
 * With `jobs` > 1 the bodies are shared out to worker threads in batches of about
 * BATCH_BYTES of code, handed to whichever worker is free. Each function's code depends
 * only on the module and the options, never on which worker compiled it or when, and the
 * results are put back in index order: the output is the same for every `jobs`.
 *
 * Errors: a body that is malformed or invalid throws its WasmError. When several bodies
 * fail, the one the sequential validator would report wins (the lowest function index),
 * so the diagnostic does not depend on `jobs` either.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { computeVmctxLayout } from '../abi/vmctx.js';
import { WasmError } from '../translate/errors.js';
import { ExternKind, type ModuleInfo } from '../translate/types.js';
import { BaselineCompiler } from './baseline/compiler.js';
import { unpackBatch, type PackedBatch } from './batch-wire.js';
import { UnsupportedError } from './errors.js';
import { compileTrampoline } from './trampoline.js';
import type { CodegenOptions, CompiledFunction } from './types.js';

export interface CompileOptions extends CodegenOptions {
  /** Threads at most; 1 compiles on the calling thread only. */
  readonly jobs: number;
  /** Below this many bytes of function bodies, compile on the calling thread alone. */
  readonly minParallelBytes?: number;
}

/** Code bytes per batch handed to a worker. */
const BATCH_BYTES = 64 * 1024;
/**
 * Below this much code, workers cost more than they save: a worker needs ~130 ms to load
 * the compiler and warm up its JIT, while one thread compiles ~3.5 MB of bodies a second
 * (SQLite's 1.4 MB: 0.38 s on one thread, 0.48 s on two).
 */
const MIN_PARALLEL_BYTES = 4 * 1024 * 1024;

export function defaultJobs(): number {
  return availableParallelism();
}

/** Compiles defined functions [from, to) on this thread. */
export function compileRange(m: ModuleInfo, input: Uint8Array, opts: CodegenOptions, from: number, to: number): CompiledFunction[] {
  const c = new BaselineCompiler(m, input, computeVmctxLayout(m), opts);
  const out: CompiledFunction[] = [];
  for (let i = from; i < to; i++) out.push(c.compile(i));
  return out;
}

/** The type indices that need a trampoline: those of exported functions, ascending. */
export function trampolineTypes(m: ModuleInfo): number[] {
  const types = new Set<number>();
  for (const e of m.exports) if (e.kind === ExternKind.Func) types.add(m.funcTypes[e.index]!);
  return [...types].sort((a, b) => a - b);
}

export async function compileModule(m: ModuleInfo, input: Uint8Array, opts: CompileOptions): Promise<CompiledFunction[]> {
  const n = m.bodyStart.length;
  const codeBytes = n === 0 ? 0 : m.bodyEnd[n - 1]! - m.bodyStart[0]!;
  const jobs = Math.max(1, Math.min(opts.jobs, Math.ceil(codeBytes / BATCH_BYTES)));
  const codegen: CodegenOptions = { boundsChecks: opts.boundsChecks, cpuLevel: opts.cpuLevel };
  const funcs =
    jobs <= 1 || codeBytes < (opts.minParallelBytes ?? MIN_PARALLEL_BYTES) ? compileRange(m, input, codegen, 0, n) : await compileInWorkers(m, input, codegen, jobs);
  for (const t of trampolineTypes(m)) funcs.push(compileTrampoline(t, m.types[t]!));
  return funcs;
}

/** Batches of consecutive defined functions of about BATCH_BYTES each. */
function batches(m: ModuleInfo): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  let bytes = 0;
  for (let i = 0; i < m.bodyStart.length; i++) {
    bytes += m.bodyEnd[i]! - m.bodyStart[i]!;
    if (bytes >= BATCH_BYTES) {
      out.push([from, i + 1]);
      from = i + 1;
      bytes = 0;
    }
  }
  if (from < m.bodyStart.length) out.push([from, m.bodyStart.length]);
  return out;
}

interface BatchDone {
  batch: number;
  packed?: PackedBatch;
  error?: { kind: WasmError['kind'] | 'unsupported'; offset: number; reason: string; funcIndex: number | undefined } | { message: string };
}

/**
 * The calling thread compiles too, one batch at a time, yielding to the event loop in
 * between so that the workers' results are taken and new batches handed out: it starts
 * at once while the workers are still starting up, and `jobs` threads work in all.
 */
async function compileInWorkers(m: ModuleInfo, input: Uint8Array, opts: CodegenOptions, jobs: number): Promise<CompiledFunction[]> {
  const work = batches(m);
  const results: (CompiledFunction[] | undefined)[] = new Array(work.length);
  const errors: { batch: number; error: NonNullable<BatchDone['error']> }[] = [];
  let next = 0;
  let running = 0;
  let settle: (() => void) | undefined;
  let failed: unknown;
  const workers: Worker[] = [];
  const give = (w: Worker) => {
    if (next < work.length) {
      w.postMessage({ batch: next, range: work[next] });
      next++;
      running++;
    }
  };
  try {
    for (let j = 1; j < jobs; j++) {
      const w = new Worker(new URL('./worker.js', import.meta.url), { workerData: { module: m, input, opts } });
      workers.push(w);
      w.on('message', (msg: BatchDone) => {
        running--;
        if (msg.error) errors.push({ batch: msg.batch, error: msg.error });
        else results[msg.batch] = unpackBatch(msg.packed!);
        give(w);
        if (running === 0) settle?.();
      });
      w.on('error', (e) => {
        failed = e;
        settle?.();
      });
      give(w);
    }
    const c = new BaselineCompiler(m, input, computeVmctxLayout(m), opts);
    while (next < work.length && failed === undefined) {
      const batch = next++;
      const [from, to] = work[batch]!;
      try {
        const funcs: CompiledFunction[] = [];
        for (let i = from; i < to; i++) funcs.push(c.compile(i));
        results[batch] = funcs;
      } catch (e) {
        if (!(e instanceof WasmError || e instanceof UnsupportedError)) throw e;
        errors.push({ batch, error: { kind: e instanceof WasmError ? e.kind : 'unsupported', offset: e.offset, reason: e.reason, funcIndex: e.funcIndex } });
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (running > 0 && failed === undefined) await new Promise<void>((resolve) => (settle = resolve));
    if (failed !== undefined) throw failed;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.batch - b.batch);
    const e = errors[0]!.error;
    if ('kind' in e) {
      const err = e.kind === 'unsupported' ? new UnsupportedError(e.offset, e.reason, e.funcIndex) : new WasmError(e.kind, e.offset, e.reason, e.funcIndex);
      err.funcName = e.funcIndex === undefined ? undefined : m.names.functionNames.get(e.funcIndex);
      throw err;
    }
    throw new Error(e.message);
  }
  return results.flatMap((r) => r!);
}
