/**
 * Totals of the translate-stage spec check, as Markdown tables: one row per script (for
 * the README) and one row per kind of command (passed / failed known / failed unexpected
 * / not applicable).
 */
import type { KnownFailures } from './known-failures.js';
import type { FileResult } from './validate-spec.js';
import type { CommandType } from '../../src/wast/wast-json.js';

export interface Tally {
  passed: number;
  failedKnown: number;
  failedUnexpected: number;
  /** Text-format tests, not applicable to a binary decoder. */
  textFormat: number;
  /** Commands checked by a later stage. */
  runTime: number;
}

export function emptyTally(): Tally {
  return { passed: 0, failedKnown: 0, failedUnexpected: 0, textFormat: 0, runTime: 0 };
}

/** Kinds of command in table order: those this stage checks first. */
const TYPE_ORDER: readonly CommandType[] = [
  'module', 'assert_malformed', 'assert_invalid', 'assert_unlinkable', 'assert_uninstantiable',
  'register', 'action', 'assert_return', 'assert_trap', 'assert_exhaustion', 'assert_exception',
];

/** Tallies per kind of command present, in TYPE_ORDER, plus a total. */
export function tallyByType(files: readonly FileResult[], known: KnownFailures): { byType: Map<CommandType, Tally>; total: Tally } {
  const present = new Set(files.flatMap((f) => f.results.map((r) => r.type)));
  const byType = new Map<CommandType, Tally>(TYPE_ORDER.filter((t) => present.has(t)).map((t) => [t, emptyTally()]));
  const total = emptyTally();
  for (const file of files) {
    for (const r of file.results) {
      let t = byType.get(r.type);
      if (t === undefined) byType.set(r.type, (t = emptyTally()));
      for (const tally of [t, total]) {
        switch (r.verdict) {
          case 'pass': tally.passed++; break;
          case 'fail': if (known.entries.has(r.loc)) tally.failedKnown++; else tally.failedUnexpected++; break;
          case 'text-format': tally.textFormat++; break;
          case 'run-time': tally.runTime++; break;
        }
      }
    }
  }
  return { byType, total };
}

export function formatTypeTable(files: readonly FileResult[], known: KnownFailures): string {
  const { byType, total } = tallyByType(files, known);
  const rows = [
    '| command | passed | failed (known) | failed (unexpected) | text format (n/a) | run time (later stage) |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  const row = (name: string, t: Tally): string =>
    `| ${name} | ${t.passed} | ${t.failedKnown} | ${t.failedUnexpected} | ${t.textFormat} | ${t.runTime} |`;
  for (const [type, t] of byType) rows.push(row(type, t));
  rows.push(row('**total**', total));
  return rows.join('\n');
}

interface Cell { passed: number; total: number }

/**
 * One row per script: the modules that must validate (`module`, plus the modules of
 * assert_unlinkable and assert_uninstantiable), binary assert_malformed, assert_invalid,
 * all of them together, and the text-format tests left out.
 */
export function formatFileTable(files: readonly FileResult[]): string {
  const rows = [
    '| file | module ok | malformed | invalid | passed / total | text format (n/a) |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  const sum = { ok: cell(), malformed: cell(), invalid: cell(), all: cell(), text: 0 };
  for (const file of files) {
    const f = { ok: cell(), malformed: cell(), invalid: cell(), all: cell(), text: 0 };
    for (const r of file.results) {
      if (r.verdict === 'text-format') f.text++;
      if (r.expected === undefined) continue;
      const passed = r.verdict === 'pass' ? 1 : 0;
      for (const c of [f[r.expected], f.all, sum[r.expected], sum.all]) {
        c.passed += passed;
        c.total++;
      }
    }
    sum.text += f.text;
    if (file.conversionError !== undefined) {
      rows.push(`| ${file.name} | conversion failed | | | | |`);
      continue;
    }
    rows.push(`| ${file.name} | ${show(f.ok)} | ${show(f.malformed)} | ${show(f.invalid)} | ${show(f.all)} | ${f.text} |`);
  }
  rows.push(`| **total** | **${show(sum.ok)}** | **${show(sum.malformed)}** | **${show(sum.invalid)}** | **${show(sum.all)}** | **${sum.text}** |`);
  return rows.join('\n');
}

function cell(): Cell {
  return { passed: 0, total: 0 };
}

function show(c: Cell): string {
  return c.total === 0 ? '–' : `${c.passed}/${c.total}`;
}
