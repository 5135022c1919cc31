/**
 * The known-failure list of `wasm2obj wast --known-failures FILE`, in the format of the
 * spec harnesses' lists (test/spec/known-failures.ts):
 *
 *   <file>.wast:<line>: <reason>        (`<line>#<k>` when several commands share a line)
 *
 * `#` starts a comment; blank lines are ignored; the reason is required (for readers) and
 * entries are matched by location. A run is clean when every failing command is listed
 * and every listed command of the scripts that ran still fails: a fix must delete its
 * entry, so the list only shrinks.
 */
import { readFileSync } from 'node:fs';

export interface KnownFailure {
  readonly loc: string;
  readonly reason: string;
  /** Line in the list file. */
  readonly listLine: number;
}

export interface KnownFailureList {
  readonly source: string;
  readonly entries: ReadonlyMap<string, KnownFailure>;
  /** Lines that are not entries, duplicates. */
  readonly errors: readonly string[];
}

/** What the check needs of a command's result. */
export interface CheckedCommand {
  readonly loc: string;
  readonly type: string;
  /** 'pass' and 'fail' were checked; any other verdict was not applicable. */
  readonly verdict: string;
  readonly reason?: string;
}

const ENTRY = /^(\S+\.wast:\d+(?:#\d+)?):\s+(\S.*)$/;

export function readKnownFailureList(path: string): KnownFailureList {
  return parseKnownFailureList(readFileSync(path, 'utf8'), path);
}

export function emptyKnownFailureList(): KnownFailureList {
  return { source: '(none)', entries: new Map(), errors: [] };
}

export function parseKnownFailureList(text: string, source: string): KnownFailureList {
  const entries = new Map<string, KnownFailure>();
  const errors: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = ENTRY.exec(line);
    if (m === null) {
      errors.push(`${source}:${i + 1}: not "<file>.wast:<line>: <reason>": ${line}`);
      return;
    }
    const previous = entries.get(m[1]!);
    if (previous !== undefined) {
      errors.push(`${source}:${i + 1}: ${m[1]} is already listed on line ${previous.listLine}`);
      return;
    }
    entries.set(m[1]!, { loc: m[1]!, reason: m[2]!, listLine: i + 1 });
  });
  return { source, entries, errors };
}

/** The script a location belongs to: `binary.wast` of `binary.wast:12#2`. */
export function scriptOf(loc: string): string {
  return loc.slice(0, loc.lastIndexOf('.wast:') + '.wast'.length);
}

/**
 * What is wrong with one script's results against the list, one message per command:
 * failures not listed, listed commands that pass, are not checked, or do not exist.
 */
export function listProblems(script: string, results: readonly CheckedCommand[], known: KnownFailureList): string[] {
  const problems: string[] = [];
  const byLoc = new Map(results.map((r) => [r.loc, r]));
  for (const r of results) {
    if (r.verdict === 'fail' && !known.entries.has(r.loc)) problems.push(`${r.loc}: ${r.type}: unexpected failure: ${r.reason ?? 'failed'}`);
  }
  for (const e of known.entries.values()) {
    if (scriptOf(e.loc) !== script) continue;
    const r = byLoc.get(e.loc);
    const listed = `listed on line ${e.listLine} of ${known.source}`;
    if (r === undefined) problems.push(`${e.loc}: ${listed}, but there is no such command`);
    else if (r.verdict === 'pass') problems.push(`${e.loc}: ${r.type}: ${listed}, but now passes: delete the entry`);
    else if (r.verdict !== 'fail') problems.push(`${e.loc}: ${r.type}: ${listed}, but this command is not applicable`);
  }
  return problems;
}

/** The list in its own format, for writing a fresh list from a run's failures. */
export function formatKnownFailures(results: readonly CheckedCommand[]): string {
  return results
    .filter((r) => r.verdict === 'fail')
    .map((r) => `${r.loc}: ${r.type}: ${(r.reason ?? 'failed').replace(/\s+/g, ' ')}`)
    .join('\n');
}
