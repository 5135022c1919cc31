/**
 * Spec conformance of the translate stage: every module of the WebAssembly spec test
 * suite must decode and validate, or be rejected as the suite says (malformed / invalid).
 * One test per `.wast` script; failures listed in test/spec/validate-known-failures.txt
 * are tolerated, and a listed failure that no longer fails is an error.
 */
import { basename } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { validateModule } from '../src/translate/index.js';
import {
  entriesOfUnknownFiles,
  knownFailureProblems,
  readKnownFailures,
} from './spec/known-failures.js';
import { checkFile, validateKnownFailuresPath, type FileResult } from './spec/validate-spec.js';
import { formatTypeTable } from './spec/validate-summary.js';
import { convertWastFiles, listWastFiles, specSuiteDir, type WastFile } from '../src/wast/wast-json.js';

const wastPaths = listWastFiles(specSuiteDir());
const fileNames = wastPaths.map((p) => basename(p));
const known = readKnownFailures(validateKnownFailuresPath());

let files = new Map<string, WastFile>();
const checked = new Map<string, FileResult>();

function resultOf(name: string): FileResult {
  let r = checked.get(name);
  if (r === undefined) {
    const file = files.get(name);
    if (file === undefined) throw new Error(`${name} was not converted`);
    checked.set(name, (r = checkFile(file, validateModule)));
  }
  return r;
}

beforeAll(async () => {
  const converted = await convertWastFiles(wastPaths);
  files = new Map(converted.map((f) => [f.name, f]));
});

describe('spec suite: decode + validate', () => {
  test.each(fileNames)('%s', (name) => {
    const result = resultOf(name);
    expect(result.conversionError, `${name}: conversion failed`).toBeUndefined();
    const problems = knownFailureProblems(name, result.results, known);
    expect(problems, `${name}: ${problems.length} unexpected result(s)`).toEqual([]);
  });

  test('summary', () => {
    const all = fileNames.map(resultOf);
    // The suite's own README counts 146 top-level scripts and 53,899 commands: a
    // conversion that lost some would otherwise pass by checking less.
    expect(fileNames.length).toBe(146);
    expect(all.reduce((n, f) => n + f.results.length, 0)).toBe(53_899);
    console.log(`spec suite, decode + validate (${fileNames.length} scripts)\n${formatTypeTable(all, known)}`);
    const stale = entriesOfUnknownFiles(known, fileNames).map(
      (e) => `${e.loc}: listed on line ${e.listLine} of ${known.source}, but the suite has no such script`,
    );
    expect([...known.errors, ...stale], `${known.source} has bad entries`).toEqual([]);
  });
});
