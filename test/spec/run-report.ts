/**
 * The whole-pipeline spec results (`wasm2obj wast` over every top-level script, compiled
 * for x86-64-v2, and the SIMD scripts again for x86-64-v3 when this machine has it) as
 * Markdown tables, for the README:
 *
 *   npm run build && node dist/test/spec/run-report.js [--failures] [--write-known-failures]
 *
 * `--failures` also prints every failing command in the known-failure list format.
 * `--write-known-failures` rewrites test/spec/run-known-failures.txt (its comment header
 * kept) with the failures of this run: review the diff, every new line is a regression.
 * Exits with status 1 when the results differ from the list (problems on stderr).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { formatCounts } from '../../src/cli/wast-command.js';
import { checkSpecHost, specHostPath } from '../../src/wast/host.js';
import { formatKnownFailures, listProblems, readKnownFailureList, scriptOf } from '../../src/wast/known-failures.js';
import { countResults, runWastFiles } from '../../src/wast/run-files.js';
import { wast2jsonVersion } from '../../src/wast/wast-json.js';
import { formatFileTable, formatTypeTable, machineCpuLevel, runKnownFailuresPath, runScripts, simdScripts } from './run-suite.js';

async function main(args: readonly string[]): Promise<number> {
  const unknown = args.filter((a) => a !== '--failures' && a !== '--write-known-failures');
  if (unknown.length > 0) {
    process.stderr.write(`usage: run-report.js [--failures] [--write-known-failures]\nunknown argument: ${unknown.join(' ')}\n`);
    return 2;
  }
  const version = wast2jsonVersion();
  checkSpecHost();
  const scripts = runScripts();
  const listPath = runKnownFailuresPath();
  const known = readKnownFailureList(listPath);
  const started = performance.now();
  const results = await runWastFiles(scripts, { jobs: availableParallelism(), hostPath: specHostPath(), timeoutMs: 10_000, boundsChecks: false });
  const v3 = machineCpuLevel() >= 3;
  const simd = simdScripts();
  const v3Results = v3 ? await runWastFiles(simd, { jobs: availableParallelism(), hostPath: specHostPath(), timeoutMs: 10_000, boundsChecks: false, cpuLevel: 3 }) : [];
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const all = results.flatMap((r) => r.results);
  const total = countResults(all);
  const v3All = v3Results.flatMap((r) => r.results);

  const out = [
    '### Spec test suite: compile, link, load and run',
    '',
    `${scripts.length} scripts, ${all.length} commands (wast2json ${version}), compiled for x86-64-v2: ${formatCounts(total)}.`,
    v3
      ? `The ${simd.length} SIMD scripts compiled for x86-64-v3 (AVX encodings): ${formatCounts(countResults(v3All))}.`
      : 'This machine lacks x86-64-v3: the SIMD scripts ran for x86-64-v2 only.',
    '',
    formatTypeTable(results, known),
    '',
    formatFileTable(results),
    '',
  ];
  if (args.includes('--failures')) out.push('Failing commands:', '', formatKnownFailures(all) || 'none', '');
  process.stdout.write(out.join('\n'));
  process.stderr.write(`ran in ${seconds} s\n`);

  if (args.includes('--write-known-failures')) {
    const header = readFileSync(listPath, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('#') || l.trim() === '');
    while (header.length > 0 && header.at(-1)!.trim() === '') header.pop();
    const body = formatKnownFailures(all);
    writeFileSync(listPath, `${header.join('\n')}\n\n${body}${body !== '' ? '\n' : ''}`);
    process.stderr.write(`wrote ${total.failed} entries to ${listPath}\n`);
    return 0;
  }

  const problems = [...known.errors];
  for (const r of [...results, ...v3Results]) problems.push(...listProblems(r.name, r.results, known));
  const names = new Set(results.map((r) => r.name));
  for (const e of known.entries.values()) {
    if (!names.has(scriptOf(e.loc))) problems.push(`${e.loc}: listed on line ${e.listLine}, but no such script runs`);
  }
  if (problems.length > 0) {
    process.stderr.write(`\n${problems.length} unexpected result(s):\n${problems.join('\n')}\n`);
    return 1;
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
