/**
 * What the commands that compile share (the default command, `build`, `run`): the
 * pipeline from input bytes to an object with the input's faults reported the compiler's
 * way, progress on standard error, and outputs written all-or-nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CpuLevel } from '../abi/cpu.js';
import { compileModule } from '../codegen/compile-module.js';
import { linkObject } from '../link/index.js';
import type { Diagnostic } from '../translate/errors.js';
import { decodeModule, formatWasmError, type ModuleInfo } from '../translate/index.js';

/** Progress shows up after this long without `--verbose`. */
export const PROGRESS_AFTER_MS = 1000;

export interface PipelineOptions {
  /** The input as messages name it. */
  readonly file: string;
  readonly prefix: string;
  /** The input's file name, recorded in the object. */
  readonly fileName: string;
  readonly jobs: number;
  readonly boundsChecks: boolean;
  /** The x86-64 level the code may assume (--target-cpu). */
  readonly cpuLevel: CpuLevel;
}

/**
 * Decodes, compiles and links `bytes`. A fault of the input (malformed, invalid,
 * unsupported) is reported on standard error as `FILE:0xOFF: error: ...` and gives
 * undefined; anything else thrown is a bug and propagates.
 */
export async function compileBytes(
  bytes: Uint8Array,
  o: PipelineOptions,
  progress: Progress,
): Promise<{ module: ModuleInfo; object: Uint8Array } | undefined> {
  let m: ModuleInfo | undefined;
  try {
    m = decodeModule(bytes);
    progress.phase('decoded', `${m.bodyStart.length} functions`);
    const compiled = await progress.during(
      `compiling ${m.bodyStart.length} functions on ${o.jobs} threads`,
      compileModule(m, bytes, { jobs: o.jobs, boundsChecks: o.boundsChecks, cpuLevel: o.cpuLevel }),
    );
    progress.phase('compiled', `${compiled.length} functions and trampolines`);
    const object = linkObject(m, bytes, compiled, { prefix: o.prefix, boundsChecks: o.boundsChecks, cpuLevel: o.cpuLevel, fileName: o.fileName });
    progress.phase('linked', `${object.length} bytes`);
    return { module: m, object };
  } catch (err) {
    const e = inputErrorOf(err, m);
    if (e === undefined) throw err;
    process.stderr.write(`${formatWasmError(o.file, e)}\n`);
    return undefined;
  }
}

/**
 * The error as the input's fault, when it is one: a WasmError (malformed, invalid), or an
 * error of the compiler that carries the byte offset of what it could not compile (an
 * UnsupportedError: `offset`, `reason`, `funcIndex`, `funcName`). The function is named
 * from the name section when the error does not name it.
 */
function inputErrorOf(err: unknown, m: ModuleInfo | undefined): Diagnostic | undefined {
  if (!(err instanceof Error)) return undefined;
  const e = err as Error & Partial<Record<'offset' | 'reason' | 'funcIndex' | 'funcName', unknown>>;
  if (!(typeof e.offset === 'number' && Number.isInteger(e.offset) && e.offset >= 0)) return undefined;
  const funcIndex = typeof e.funcIndex === 'number' ? e.funcIndex : undefined;
  const funcName = typeof e.funcName === 'string' ? e.funcName : funcIndex !== undefined ? m?.names.functionNames.get(funcIndex) : undefined;
  return { offset: e.offset, reason: typeof e.reason === 'string' ? e.reason : e.message, funcIndex, funcName };
}

/**
 * Writes every output to a temporary file beside it, then renames them all into place.
 * On failure, removes what it wrote and returns the file and the reason.
 */
export function writeAtomically(outputs: readonly [string, Uint8Array | string][]): { file: string; reason: string } | undefined {
  const temps: string[] = [];
  try {
    for (const [file, data] of outputs) {
      const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
      temps.push(temp);
      try {
        fs.writeFileSync(temp, data);
      } catch (err) {
        return { file, reason: describeFsError(err) };
      }
    }
    for (let i = 0; i < outputs.length; i++) {
      try {
        fs.renameSync(temps[i]!, outputs[i]![0]);
      } catch (err) {
        return { file: outputs[i]![0], reason: describeFsError(err) };
      }
    }
    temps.length = 0;
    return undefined;
  } finally {
    for (const t of temps) fs.rmSync(t, { force: true });
  }
}

export function describeFsError(err: unknown): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOENT': return 'no such directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ENOSPC': return 'no space left on device';
    case 'EROFS': return 'read-only file system';
    default: return err instanceof Error ? err.message : String(err);
  }
}

/** Progress lines on standard error: every phase with --verbose, else only once work runs long. */
export class Progress {
  private readonly start = performance.now();
  private last = this.start;
  private shown: boolean;

  constructor(
    private readonly file: string,
    private readonly verbose: boolean,
  ) {
    this.shown = verbose;
  }

  phase(what: string, detail: string): void {
    const now = performance.now();
    if (this.verbose) process.stderr.write(`wasm2obj: ${this.file}: ${what}: ${detail} (${seconds(now - this.last)})\n`);
    this.last = now;
  }

  /** Awaits `work`; says what is going on if it is still running after PROGRESS_AFTER_MS. */
  async during<T>(what: string, work: Promise<T>): Promise<T> {
    if (this.shown) return work;
    const timer = setTimeout(() => {
      this.shown = true;
      process.stderr.write(`wasm2obj: ${this.file}: ${what}...\n`);
    }, PROGRESS_AFTER_MS);
    try {
      return await work;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The closing line, when progress was shown or the whole run took long. */
  done(outputs: readonly string[]): void {
    const elapsed = performance.now() - this.start;
    if (this.shown || elapsed > PROGRESS_AFTER_MS) {
      process.stderr.write(`wasm2obj: ${this.file}: wrote ${outputs.join(', ')} in ${seconds(elapsed)}\n`);
    }
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
