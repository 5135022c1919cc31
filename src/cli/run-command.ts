/**
 * `wasm2obj run IN.wasm [--dir HOST[::GUEST]]... [--env K=V]... [-- ARGS...]`: compile
 * (or find in the cache, cache.ts) and run a WASI command module, with no system linker:
 * the runtime's w2o-run program loads the object with the mmap loader and runs `_start`.
 * The exit status is the program's: proc_exit's code, 134 after a trap (which w2o-run
 * reports on standard error with a backtrace), or the signal that killed it, passed on.
 * The guest sees the --env variables only, and the directories given with --dir.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CpuLevel } from '../abi/cpu.js';
import { cacheEntry, storeEntry } from './cache.js';
import { displayName, readInput } from './input.js';
import { resolveTargetCpu } from './target-cpu.js';
import { RUNNER, checkPreopen, missingRuntime, parseDir, parseEnv, type Preopen } from './wasi-program.js';

export interface RunArgs {
  input: string;
  args: readonly string[];
  dir: readonly string[];
  env: readonly string[];
  cache: boolean;
  jobs: number | undefined;
  boundsChecks: boolean;
  /** --target-cpu as given (a level or `native`). */
  targetCpu: string;
  verbose: boolean;
}

export async function runRun(a: RunArgs): Promise<number> {
  const file = displayName(a.input);
  const fail = (message: string): number => {
    process.stderr.write(`wasm2obj: error: ${message}\n`);
    return 1;
  };
  let preopens: Preopen[];
  let env: string[];
  let cpuLevel: CpuLevel;
  try {
    preopens = a.dir.map(parseDir);
    env = a.env.map(parseEnv);
    cpuLevel = resolveTargetCpu(a.targetCpu);
  } catch (e) {
    return fail((e as Error).message);
  }
  for (const p of preopens) {
    const why = checkPreopen(p);
    if (why !== undefined) return fail(why);
  }
  const missing = missingRuntime([RUNNER]);
  if (missing !== undefined) return fail(missing);
  const input = readInput(a.input);
  if (!input.ok) {
    process.stderr.write(`${file}: error: ${input.reason}\n`);
    return 1;
  }

  // Everything that decides the object's bytes is in the key; -j is not (output is the same for any count).
  const settings = { opt: '0', boundsChecks: a.boundsChecks, cpuLevel };
  const entry = a.cache ? cacheEntry(input.bytes, settings) : undefined;
  let object = entry !== undefined && fs.existsSync(entry) ? entry : undefined;
  let temp: string | undefined;
  if (a.verbose) process.stderr.write(`wasm2obj: ${file}: ${object !== undefined ? `cached as ${object}` : 'not cached: compiling'}\n`);
  try {
    if (object === undefined) {
      // The compiler is loaded only when there is something to compile: a cache hit starts faster.
      const { compileBytes, Progress } = await import('./pipeline.js');
      const { defaultJobs } = await import('../codegen/compile-module.js');
      const built = await compileBytes(
        input.bytes,
        { file, prefix: 'wasm_program', fileName: path.basename(file), jobs: a.jobs ?? defaultJobs(), boundsChecks: a.boundsChecks, cpuLevel },
        new Progress(file, a.verbose),
      );
      if (built === undefined) return 1;
      if (entry !== undefined && storeEntry(entry, built.object)) object = entry;
      else {
        if (entry !== undefined) process.stderr.write(`wasm2obj: warning: cannot write the cache (${path.dirname(entry)}); running uncached\n`);
        temp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wasm2obj-run-')), 'module.o');
        fs.writeFileSync(temp, built.object);
        object = temp;
      }
    }
    const runnerArgs = [
      ...preopens.flatMap((p) => ['--dir', `${p.host}::${p.guest}`]),
      ...env.flatMap((e) => ['--env', e]),
      '--argv0', path.basename(file),
      '--', object, ...a.args,
    ];
    const r = spawnSync(RUNNER, runnerArgs, { stdio: 'inherit' });
    if (r.error !== undefined) return fail(`cannot run ${RUNNER}: ${r.error.message}`);
    if (r.signal !== null) {
      // Die of the same signal, so that our parent sees what the program did.
      process.removeAllListeners(r.signal);
      process.kill(process.pid, r.signal);
    }
    return r.status ?? 1;
  } finally {
    if (temp !== undefined) fs.rmSync(path.dirname(temp), { recursive: true, force: true });
  }
}
