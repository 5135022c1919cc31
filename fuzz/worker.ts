/**
 * Work the fuzzers run off the main thread so that a run that never ends can be stopped:
 * a plan followed by V8 (v8-run.ts), or a module through our decoder, validator, compiler
 * and linker (hostile.ts). `TimedWorker` is the handle: a job that takes longer than its
 * timeout ends the worker, and the next job starts a fresh one.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { DEFAULT_CPU_LEVEL } from '../src/abi/cpu.js';
import { compileModule } from '../src/codegen/compile-module.js';
import { UnsupportedError } from '../src/codegen/errors.js';
import { linkObject } from '../src/link/index.js';
import { validateModule, WasmError } from '../src/translate/index.js';
import { repoRoot } from '../src/wast/wast-json.js';
import type { PlanStep } from './plan.js';
import { runInV8, type Transcript } from './v8-run.js';

/** This file as a worker runs it: the built JavaScript, also when the tests load the TypeScript source. */
const WORKER_URL = import.meta.url.endsWith('.ts') ? pathToFileURL(join(repoRoot(), 'dist/fuzz/worker.js')) : new URL(import.meta.url);

export type Job =
  | { readonly type: 'v8'; readonly bytes: Uint8Array; readonly steps: readonly PlanStep[] }
  | { readonly type: 'compile'; readonly bytes: Uint8Array; readonly boundsChecks: boolean };

/** How our pipeline took a module: an object, a clean rejection, or an exception that is a bug. */
export type CompileResult =
  | { readonly outcome: 'object'; readonly object: Uint8Array }
  | { readonly outcome: 'rejected'; readonly kind: string; readonly offset: number; readonly reason: string }
  | { readonly outcome: 'bug'; readonly error: string };

export type JobOutcome<T> = { ok: true; value: T } | { ok: false; reason: 'timeout' | 'crash'; detail: string };

export class TimedWorker {
  private worker: Worker | undefined;

  run(job: Extract<Job, { type: 'v8' }>, timeoutMs: number): Promise<JobOutcome<Transcript>>;
  run(job: Extract<Job, { type: 'compile' }>, timeoutMs: number): Promise<JobOutcome<CompileResult>>;
  run(job: Job, timeoutMs: number): Promise<JobOutcome<unknown>> {
    const worker = (this.worker ??= new Worker(WORKER_URL));
    return new Promise((resolve) => {
      const done = (o: JobOutcome<unknown>): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        resolve(o);
      };
      const onMessage = (value: unknown): void => done({ ok: true, value });
      const onError = (e: Error): void => {
        this.worker = undefined;
        done({ ok: false, reason: 'crash', detail: e.message });
      };
      const timer = setTimeout(() => {
        this.worker = undefined;
        void worker.terminate();
        done({ ok: false, reason: 'timeout', detail: `no answer in ${timeoutMs} ms` });
      }, timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}

async function compileJob(bytes: Uint8Array, boundsChecks: boolean): Promise<CompileResult> {
  try {
    const v = validateModule(bytes);
    if (!v.ok) return { outcome: 'rejected', kind: v.error.kind, offset: v.error.offset, reason: v.error.reason };
    const compiled = await compileModule(v.module, bytes, { jobs: 1, boundsChecks, cpuLevel: DEFAULT_CPU_LEVEL });
    return { outcome: 'object', object: linkObject(v.module, bytes, compiled, { prefix: 'fuzz', boundsChecks, cpuLevel: DEFAULT_CPU_LEVEL }) };
  } catch (e) {
    if (e instanceof WasmError || e instanceof UnsupportedError) {
      return { outcome: 'rejected', kind: e instanceof WasmError ? e.kind : 'unsupported', offset: e.offset, reason: e.reason };
    }
    return { outcome: 'bug', error: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e) };
  }
}

if (!isMainThread) {
  parentPort!.on('message', (job: Job) => {
    if (job.type === 'v8') parentPort!.postMessage(runInV8(job.bytes, job.steps));
    else void compileJob(job.bytes, job.boundsChecks).then((r) => parentPort!.postMessage(r));
  });
}
