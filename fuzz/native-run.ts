/**
 * Our side of the differential fuzzer: the module through the real pipeline (validate,
 * compile, link into an object) and then run by runtime/build/w2o-fuzz-host, which follows
 * the same plan as V8 with the mmap loader and the runtime.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CpuLevel } from '../src/abi/cpu.js';
import { resolveTargetCpu } from '../src/cli/target-cpu.js';
import { compileToObject } from '../src/wast/compile.js';
import { repoRoot } from '../src/wast/wast-json.js';
import { planText, type PlanStep } from './plan.js';
import type { Transcript } from './v8-run.js';

export const FUZZ_HOST = join(repoRoot(), 'runtime/build/w2o-fuzz-host');

/** The settings a module is compiled with: each is a configuration the fuzzer compares with V8. */
export interface Config {
  readonly name: string;
  readonly boundsChecks: boolean;
  readonly cpuLevel: CpuLevel;
}

/** x86-64-v3 is compared too when this machine can run it. */
function machineHasV3(): boolean {
  try {
    return resolveTargetCpu('native') >= 3;
  } catch {
    return false;
  }
}

export const CONFIGS: readonly Config[] = [
  { name: 'baseline', boundsChecks: false, cpuLevel: 2 },
  { name: 'baseline+bounds-checks', boundsChecks: true, cpuLevel: 2 },
  ...(machineHasV3() ? [{ name: 'baseline x86-64-v3', boundsChecks: false, cpuLevel: 3 } as const] : []),
];

export type NativeOutcome =
  | { ok: true; transcript: Transcript }
  /** compile: the pipeline refused or failed; host: the host died, hung or complained. */
  | { ok: false; stage: 'compile' | 'host'; detail: string; partial?: string[] };

export async function runNative(bytes: Uint8Array, steps: readonly PlanStep[], dir: string, config: Config, timeoutMs: number): Promise<NativeOutcome> {
  const object = join(dir, 'module.o');
  const plan = join(dir, 'plan.txt');
  const memory = join(dir, 'memory.bin');
  rmSync(memory, { force: true });
  const compiled = await compileToObject(bytes, object, { boundsChecks: config.boundsChecks, cpuLevel: config.cpuLevel });
  if (!compiled.ok) return { ok: false, stage: 'compile', detail: `${compiled.stage}: ${compiled.message}` };
  writeFileSync(plan, planText(steps));
  const r = spawnSync(FUZZ_HOST, [object, plan, memory], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 256 << 20 });
  const lines = r.stdout ? r.stdout.trimEnd().split('\n').filter((l) => l !== '') : [];
  if (r.error !== undefined || r.status !== 0) {
    const why = r.error !== undefined ? `${r.error.message}` : r.signal !== null ? `killed by ${r.signal}` : `exit ${r.status}`;
    return { ok: false, stage: 'host', detail: `${why}${r.stderr ? `: ${r.stderr.trim()}` : ''}`, partial: lines };
  }
  const readsMemory = steps.some((s) => s.kind === 'memory') && !lines[0]?.startsWith('instantiate-error');
  return { ok: true, transcript: { lines, memory: readsMemory ? new Uint8Array(readFileSync(memory)) : undefined } };
}
