/**
 * One module of a script through the real pipeline: decode + validate (translate), code
 * generation, link, the ELF object written to a file the spec host loads with w2o_load.
 */
import { writeFile } from 'node:fs/promises';
import type { CpuLevel } from '../abi/cpu.js';
import { pathToFileURL } from 'node:url';
import { compileModule } from '../codegen/compile-module.js';
import { UnsupportedError } from '../codegen/errors.js';
import { linkObject } from '../link/index.js';
import { validateModule, WasmError } from '../translate/index.js';
import { repoRoot } from './wast-json.js';

export interface CompileSettings {
  /** Explicit bounds checks instead of guard pages. */
  readonly boundsChecks: boolean;
  /** The x86-64 level the code may assume. */
  readonly cpuLevel: CpuLevel;
}

/** Symbol prefix of every object the runner writes (the host loads one object at a time). */
export const SPEC_PREFIX = 'spec';

export type CompileOutcome =
  | {
      readonly ok: true;
      /** Whether the module imports anything (an instance that imports nothing can be freed once unreachable). */
      readonly imports: boolean;
    }
  | {
      readonly ok: false;
      /** `unsupported`: valid, but the compiler does not handle it (yet). */
      readonly stage: 'malformed' | 'invalid' | 'unsupported' | 'compile' | 'link';
      readonly message: string;
    };

/** Compiles `bytes` into the object file `out`. Never throws for a bad module or a compiler bug. */
export async function compileToObject(bytes: Uint8Array, out: string, settings: CompileSettings): Promise<CompileOutcome> {
  const v = validateModule(bytes);
  if (!v.ok) return { ok: false, stage: v.error.kind, message: describeWasmError(v.error) };
  let compiled: Awaited<ReturnType<typeof compileModule>>;
  try {
    compiled = await compileModule(v.module, bytes, { jobs: 1, boundsChecks: settings.boundsChecks, cpuLevel: settings.cpuLevel });
  } catch (e) {
    if (e instanceof WasmError || e instanceof UnsupportedError) {
      return { ok: false, stage: e instanceof WasmError ? e.kind : 'unsupported', message: describeWasmError(e) };
    }
    return { ok: false, stage: 'compile', message: describeThrown(e) };
  }
  let object: Uint8Array;
  try {
    object = linkObject(v.module, bytes, compiled, { prefix: SPEC_PREFIX, boundsChecks: settings.boundsChecks, cpuLevel: settings.cpuLevel });
  } catch (e) {
    return { ok: false, stage: 'link', message: describeThrown(e) };
  }
  await writeFile(out, object);
  return { ok: true, imports: v.module.imports.length > 0 };
}

/** `invalid at 0x1a: type mismatch ... (func 3 "name")` */
export function describeWasmError(err: WasmError | UnsupportedError): string {
  let s = `${err instanceof WasmError ? err.kind : 'unsupported'} at 0x${err.offset.toString(16)}: ${err.reason}`;
  if (err.funcIndex !== undefined) s += ` (func ${err.funcIndex}${err.funcName !== undefined ? ` ${JSON.stringify(err.funcName)}` : ''})`;
  return s;
}

/**
 * `Name: message (at the first stack frame)`: enough to find a compiler bug. The frame is
 * left out for an UnsupportedError (a feature the compiler does not have, not a bug), and
 * its path is made relative to the repository, so reasons read the same on every machine.
 */
export function describeThrown(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  if (e.name === 'UnsupportedError') return `${e.name}: ${e.message}`;
  const frame = e.stack
    ?.split('\n')
    .find((l) => l.trimStart().startsWith('at '))
    ?.trim()
    .replaceAll(pathToFileURL(repoRoot()).href + '/', '')
    .replaceAll(repoRoot() + '/', '');
  return `${e.name}: ${e.message}${frame !== undefined ? ` (${frame})` : ''}`;
}
