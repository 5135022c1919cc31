/**
 * What the whole-pipeline spec check (test/spec-run.test.ts) and its report
 * (run-report.ts) share: the scripts, the known-failure list, the tables.
 */
import { basename, join } from 'node:path';
import type { CpuLevel } from '../../src/abi/cpu.js';
import { resolveTargetCpu } from '../../src/cli/target-cpu.js';
import type { KnownFailureList } from '../../src/wast/known-failures.js';
import { countResults } from '../../src/wast/run-files.js';
import type { ScriptResult } from '../../src/wast/run-script.js';
import { listWastFiles, repoRoot, specSuiteDir } from '../../src/wast/wast-json.js';

export const runKnownFailuresPath = (): string => join(repoRoot(), 'test', 'spec', 'run-known-failures.txt');

/** The scripts the whole-pipeline check runs: the top level of the suite. */
export function runScripts(): string[] {
  return listWastFiles(specSuiteDir());
}

/** The SIMD scripts, which run under every CPU level this machine has. */
export function simdScripts(): string[] {
  return runScripts().filter((p) => basename(p).startsWith('simd_'));
}

/** The highest CPU level this machine has (what `--target-cpu native` picks). */
export function machineCpuLevel(): CpuLevel {
  return resolveTargetCpu('native');
}

interface Tally {
  passed: number;
  failedKnown: number;
  failedUnexpected: number;
  notApplicable: number;
}

export function formatTypeTable(results: readonly ScriptResult[], known: KnownFailureList): string {
  const byType = new Map<string, Tally>();
  const total: Tally = { passed: 0, failedKnown: 0, failedUnexpected: 0, notApplicable: 0 };
  for (const r of results) {
    for (const c of r.results) {
      let t = byType.get(c.type);
      if (t === undefined) byType.set(c.type, (t = { passed: 0, failedKnown: 0, failedUnexpected: 0, notApplicable: 0 }));
      for (const x of [t, total]) {
        if (c.verdict === 'pass') x.passed++;
        else if (c.verdict === 'not-applicable') x.notApplicable++;
        else if (known.entries.has(c.loc)) x.failedKnown++;
        else x.failedUnexpected++;
      }
    }
  }
  const row = (name: string, t: Tally): string =>
    `| ${name} | ${t.passed} | ${t.failedKnown} | ${t.failedUnexpected} | ${t.notApplicable} |`;
  return [
    '| command | passed | failed (known) | failed (unexpected) | not applicable (text format) |',
    '|---|---:|---:|---:|---:|',
    ...[...byType].sort(([a], [b]) => a.localeCompare(b)).map(([type, t]) => row(type, t)),
    row('**total**', total),
  ].join('\n');
}

export function formatFileTable(results: readonly ScriptResult[]): string {
  return [
    '| script | passed | failed | not applicable |',
    '|---|---:|---:|---:|',
    ...results.map((r) => {
      const c = countResults(r.results);
      return `| ${r.name} | ${c.passed} | ${c.failed} | ${c.notApplicable} |`;
    }),
  ].join('\n');
}
