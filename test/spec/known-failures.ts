/**
 * Known-failure lists of the spec harnesses: the validation harness uses the same list
 * format and rule as `wasm2obj wast --known-failures` (src/wast/known-failures.ts), under
 * the names it had before that existed.
 */
import { relative } from 'node:path';
import { readFileSync } from 'node:fs';
import {
  listProblems,
  parseKnownFailureList,
  scriptOf,
  type CheckedCommand,
  type KnownFailure,
  type KnownFailureList,
} from '../../src/wast/known-failures.js';

export type { CheckedCommand, KnownFailure };
export type KnownFailures = KnownFailureList;

export function readKnownFailures(path: string): KnownFailures {
  return parseKnownFailureList(readFileSync(path, 'utf8'), relative(process.cwd(), path) || path);
}

/** Entries naming a script that is not in the suite. */
export function entriesOfUnknownFiles(known: KnownFailures, fileNames: readonly string[]): KnownFailure[] {
  const names = new Set(fileNames);
  return [...known.entries.values()].filter((e) => !names.has(scriptOf(e.loc)));
}

/** Everything wrong in one script's results against the list (see listProblems). */
export const knownFailureProblems = listProblems;
