/**
 * Prints the translate stage's spec results as Markdown (per script, then per kind of
 * command), for the README:
 *
 *   npm run spec:validate              (builds, then runs dist/test/spec/report.js)
 *   node dist/test/spec/report.js [--failures]
 *
 * `--failures` also prints every failing command in the known-failure list format.
 * Exits with status 1 when the check against the known-failure list fails (the problems
 * go to stderr, the tables to stdout either way).
 */
import { basename } from 'node:path';
import { validateModule } from '../../src/translate/index.js';
import { entriesOfUnknownFiles, knownFailureProblems, readKnownFailures } from './known-failures.js';
import { checkFile, validateKnownFailuresPath } from './validate-spec.js';
import { formatFileTable, formatTypeTable } from './validate-summary.js';
import { convertWastFiles, listWastFiles, specSuiteDir, wast2jsonVersion } from '../../src/wast/wast-json.js';

async function main(args: readonly string[]): Promise<number> {
  const unknownArgs = args.filter((a) => a !== '--failures');
  if (unknownArgs.length > 0) {
    process.stderr.write(`usage: report.js [--failures]\nunknown argument: ${unknownArgs.join(' ')}\n`);
    return 2;
  }
  const started = performance.now();
  const paths = listWastFiles(specSuiteDir());
  const known = readKnownFailures(validateKnownFailuresPath());
  const files = await convertWastFiles(paths);
  const converted = performance.now();
  const results = files.map((f) => checkFile(f, validateModule));
  const validated = performance.now();

  const commands = results.reduce((n, r) => n + r.results.length, 0);
  const out = [
    '### Spec test suite: decode and validate',
    '',
    `${paths.length} scripts, ${commands} commands (wast2json ${wast2jsonVersion()}).`,
    '',
    formatFileTable(results),
    '',
    formatTypeTable(results, known),
    '',
  ];
  if (args.includes('--failures')) {
    const failing = results.flatMap((r) => r.results.filter((c) => c.verdict === 'fail'));
    out.push('Failing commands:', '');
    for (const c of failing) out.push(`${c.loc}: ${c.reason ?? 'failed'}`);
    if (failing.length === 0) out.push('none');
    out.push('');
  }
  process.stdout.write(out.join('\n'));

  const problems: string[] = [...known.errors];
  for (const r of results) {
    if (r.conversionError !== undefined) problems.push(`${r.name}: conversion failed: ${r.conversionError}`);
    problems.push(...knownFailureProblems(r.name, r.results, known));
  }
  const fileNames = paths.map((p) => basename(p));
  for (const e of entriesOfUnknownFiles(known, fileNames)) {
    problems.push(`${e.loc}: listed on line ${e.listLine} of ${known.source}, but the suite has no such script`);
  }
  const ms = (a: number, b: number): string => `${Math.round(b - a)} ms`;
  process.stderr.write(`converted in ${ms(started, converted)}, validated in ${ms(converted, validated)}\n`);
  if (problems.length > 0) {
    process.stderr.write(`\n${problems.length} unexpected result(s):\n${problems.join('\n')}\n`);
    return 1;
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
