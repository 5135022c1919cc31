/**
 * Known-failure lists of the spec harnesses.
 *
 * Format: one failing command per line, `<file>.wast:<line>: <reason>` (`<line>#<k>` when
 * several commands share a line); `#` starts a comment, blank lines are ignored. The
 * reason is for readers; entries are matched by location only.
 *
 * Rule: a check passes only when every failing command is listed AND every listed entry
 * names a command that still fails. A fix therefore has to delete its entry, and the
 * list can only shrink.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

export interface KnownFailure {
  readonly loc: string;
  readonly reason: string;
  /** Line in the list file, for messages. */
  readonly listLine: number;
}

export interface KnownFailures {
  /** The list file, for messages. */
  readonly source: string;
  readonly entries: ReadonlyMap<string, KnownFailure>;
  /** Lines that are not entries, and duplicate entries. */
  readonly errors: readonly string[];
}

/** What a check needs to know of one command's result. */
export interface CheckedCommand {
  readonly loc: string;
  readonly type: string;
  /** 'pass' and 'fail' were checked; anything else was not applicable. */
  readonly verdict: string;
  readonly reason?: string;
}

const ENTRY = /^(\S+\.wast:\d+(?:#\d+)?):\s+(\S.*)$/;

export function readKnownFailures(path: string): KnownFailures {
  return parseKnownFailures(readFileSync(path, 'utf8'), relative(process.cwd(), path) || path);
}

export function parseKnownFailures(text: string, source: string): KnownFailures {
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
    const loc = m[1]!;
    const previous = entries.get(loc);
    if (previous !== undefined) {
      errors.push(`${source}:${i + 1}: ${loc} is already listed on line ${previous.listLine}`);
      return;
    }
    entries.set(loc, { loc, reason: m[2]!, listLine: i + 1 });
  });
  return { source, entries, errors };
}

/** The entries of one script, e.g. `binary.wast`. */
export function entriesOf(known: KnownFailures, fileName: string): KnownFailure[] {
  return [...known.entries.values()].filter((e) => fileOf(e.loc) === fileName);
}

/** Entries naming a script that is not in the suite. */
export function entriesOfUnknownFiles(known: KnownFailures, fileNames: readonly string[]): KnownFailure[] {
  const names = new Set(fileNames);
  return [...known.entries.values()].filter((e) => !names.has(fileOf(e.loc)));
}

/**
 * Everything wrong in one script's results against the list, one message per command:
 * failures not listed, listed commands that pass, listed commands that are not checked
 * or do not exist.
 */
export function knownFailureProblems(fileName: string, results: readonly CheckedCommand[], known: KnownFailures): string[] {
  const problems: string[] = [];
  const byLoc = new Map(results.map((r) => [r.loc, r]));
  for (const r of results) {
    if (r.verdict === 'fail' && !known.entries.has(r.loc)) problems.push(`${r.loc}: ${r.type}: ${r.reason ?? 'failed'}`);
  }
  for (const e of entriesOf(known, fileName)) {
    const r = byLoc.get(e.loc);
    const listed = `listed on line ${e.listLine} of ${known.source}`;
    if (r === undefined) problems.push(`${e.loc}: ${listed}, but there is no such command`);
    else if (r.verdict === 'pass') problems.push(`${e.loc}: ${r.type}: ${listed}, but now passes: delete the entry`);
    else if (r.verdict !== 'fail') problems.push(`${e.loc}: ${r.type}: ${listed}, but this command is not checked here (${r.verdict})`);
  }
  return problems;
}

function fileOf(loc: string): string {
  return loc.slice(0, loc.lastIndexOf('.wast:') + '.wast'.length);
}
