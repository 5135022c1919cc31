/**
 * Runs many scripts, `jobs` at a time: each is converted by wast2json, its modules
 * compiled into a temporary folder, and its commands run in a spec host of its own.
 * Results come back in the order of the paths; `onResult` hears of each as it is done.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CPU_LEVEL, type CpuLevel } from '../abi/cpu.js';
import { runScript, type ScriptResult } from './run-script.js';
import { convertWastFile } from './wast-json.js';

export interface RunFilesOptions {
  readonly jobs: number;
  readonly hostPath: string;
  readonly timeoutMs: number;
  readonly boundsChecks: boolean;
  /** The x86-64 level the modules are compiled for (default: x86-64-v2). */
  readonly cpuLevel?: CpuLevel;
  /** Extra wast2json flags. */
  readonly wast2jsonFlags?: readonly string[];
  readonly onResult?: (index: number, result: ScriptResult) => void;
}

export async function runWastFiles(paths: readonly string[], options: RunFilesOptions): Promise<ScriptResult[]> {
  const root = await mkdtemp(join(tmpdir(), 'w2o-wast-run-'));
  const out = new Array<ScriptResult>(paths.length);
  try {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < paths.length) {
        const i = next++;
        const file = await convertWastFile(paths[i]!, { flags: options.wast2jsonFlags ?? [] });
        const workDir = join(root, String(i));
        try {
          out[i] = await runScript(file, {
            hostPath: options.hostPath,
            timeoutMs: options.timeoutMs,
            boundsChecks: options.boundsChecks,
            cpuLevel: options.cpuLevel ?? DEFAULT_CPU_LEVEL,
            workDir,
          });
        } finally {
          await rm(workDir, { recursive: true, force: true });
        }
        options.onResult?.(i, out[i]!);
      }
    };
    const n = Math.max(1, Math.min(options.jobs, paths.length));
    await Promise.all(Array.from({ length: n }, worker));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return out;
}

export interface Counts {
  passed: number;
  failed: number;
  notApplicable: number;
}

export function countResults(results: ScriptResult['results']): Counts {
  const c: Counts = { passed: 0, failed: 0, notApplicable: 0 };
  for (const r of results) {
    if (r.verdict === 'pass') c.passed++;
    else if (r.verdict === 'fail') c.failed++;
    else c.notApplicable++;
  }
  return c;
}
