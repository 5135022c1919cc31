/**
 * `wasm2obj wast FILE.wast...`: runs WebAssembly spec scripts through the whole pipeline
 * (wast2json → validate → compile → link → object → spec host: load, instantiate, run)
 * and checks every command (src/wast/run-script.ts says how each kind is judged).
 *
 * Output: one line per script, in the order given, `FILE: N passed, M failed[, K not
 * applicable]`, then `N passed, M failed[, K not applicable]` for the whole run. With
 * `--verbose`, each failure follows its script's line as `FILE.wast:LINE: TYPE: REASON`,
 * the format of a known-failure list. With `--known-failures LIST`, the failures listed
 * there are expected: the run fails when a failure is not listed or a listed command of a
 * script that ran passes, and each such problem is printed to standard error.
 *
 * Exit status: 0 when nothing failed (or everything that failed is listed and everything
 * listed failed), 1 otherwise or on bad usage / a missing tool, 2 on an internal error.
 */
import { checkSpecHost, specHostPath } from '../wast/host.js';
import {
  emptyKnownFailureList,
  listProblems,
  readKnownFailureList,
  scriptOf,
  type KnownFailureList,
} from '../wast/known-failures.js';
import { countResults, runWastFiles, type Counts } from '../wast/run-files.js';
import type { ScriptResult } from '../wast/run-script.js';
import { wast2jsonVersion } from '../wast/wast-json.js';
import { DEFAULT_CPU_LEVEL, type CpuLevel } from '../abi/cpu.js';

export interface WastOptions {
  readonly files: readonly string[];
  readonly jobs: number;
  readonly knownFailures?: string | undefined;
  readonly verbose: boolean;
  readonly timeout: number;
  readonly boundsChecks: boolean;
  /** The x86-64 level the modules are compiled for (default: x86-64-v2). */
  readonly cpuLevel?: CpuLevel;
}

/** Where the command writes; the process's streams unless a test says otherwise. */
export interface WastOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processOutput: WastOutput = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
};

/** Runs the scripts and returns the exit status. */
export async function runWast(options: WastOptions, out: WastOutput = processOutput): Promise<number> {
  const err = (msg: string): number => {
    out.stderr(`wasm2obj wast: error: ${msg}\n`);
    return 1;
  };
  if (options.files.length === 0) return err('name at least one .wast file');
  if (!Number.isInteger(options.jobs) || options.jobs < 1) return err(`--jobs must be a positive integer, not ${options.jobs}`);
  if (!(options.timeout > 0)) return err(`--timeout must be a positive number of seconds, not ${options.timeout}`);
  try {
    wast2jsonVersion();
  } catch (e) {
    return err(e instanceof Error ? e.message : String(e));
  }
  const hostPath = specHostPath();
  try {
    checkSpecHost(hostPath);
  } catch (e) {
    return err(e instanceof Error ? e.message : String(e));
  }
  let known: KnownFailureList = emptyKnownFailureList();
  if (options.knownFailures !== undefined) {
    try {
      known = readKnownFailureList(options.knownFailures);
    } catch (e) {
      return err(`cannot read ${options.knownFailures}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  }

  // Lines go out in the order of the files, each as soon as it and those before it are done.
  const done = new Map<number, ScriptResult>();
  let printed = 0;
  const print = (): void => {
    while (done.has(printed)) {
      out.stdout(formatScript(options.files[printed]!, done.get(printed)!, options.verbose));
      done.delete(printed++);
    }
  };
  const results = await runWastFiles(options.files, {
    jobs: options.jobs,
    hostPath,
    timeoutMs: Math.round(options.timeout * 1000),
    boundsChecks: options.boundsChecks,
    cpuLevel: options.cpuLevel ?? DEFAULT_CPU_LEVEL,
    onResult: (i, r) => {
      done.set(i, r);
      print();
    },
  });

  const total: Counts = { passed: 0, failed: 0, notApplicable: 0 };
  for (const r of results) {
    const c = countResults(r.results);
    total.passed += c.passed;
    total.failed += c.failed;
    total.notApplicable += c.notApplicable;
  }
  out.stdout(`${formatCounts(total)}\n`);

  if (options.knownFailures === undefined) return total.failed > 0 ? 1 : 0;
  const problems = [...known.errors];
  for (const r of results) problems.push(...listProblems(r.name, r.results, known));
  const ran = new Set(results.map((r) => r.name));
  const listedElsewhere = [...known.entries.values()].filter((e) => !ran.has(scriptOf(e.loc))).length;
  if (problems.length > 0) {
    out.stderr(problems.map((p) => `${p}\n`).join(''));
    out.stderr(`wasm2obj wast: ${problems.length} result(s) differ from ${options.knownFailures}\n`);
    return 1;
  }
  out.stderr(
    `wasm2obj wast: every failure is listed in ${options.knownFailures} (${total.failed} known failure(s)` +
      `${listedElsewhere > 0 ? `; ${listedElsewhere} entr${listedElsewhere === 1 ? 'y' : 'ies'} for scripts not run` : ''})\n`,
  );
  return 0;
}

export function formatCounts(c: Counts): string {
  return `${c.passed} passed, ${c.failed} failed${c.notApplicable > 0 ? `, ${c.notApplicable} not applicable` : ''}`;
}

function formatScript(file: string, r: ScriptResult, verbose: boolean): string {
  let text = `${file}: ${formatCounts(countResults(r.results))}\n`;
  if (verbose) {
    for (const c of r.results) if (c.verdict === 'fail') text += `${c.loc}: ${c.type}: ${c.reason ?? 'failed'}\n`;
  }
  return text;
}
