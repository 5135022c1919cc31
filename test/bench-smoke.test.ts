/**
 * `npm run bench` still works: the harness (dist/bench/run.js, built by `npm test`) runs a
 * small kernel of bench/kernels and a SIMD one once on every engine (native gcc, wasm2obj
 * for x86-64-v2 and v3, wasm2c + gcc, V8 TurboFan, Liftoff and default) with --quick, and
 * must exit 0 with a report whose tables have a number in every cell and no wrong checksum,
 * but for the cells that cannot be (wasm2c on SIMD, wasm2obj v3 on a machine without it),
 * which say n/a. It needs what CI has: node, gcc and wabt's wasm2c; the kernels' .wasm are
 * committed, so no clang.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { resolveTargetCpu } from '../src/cli/target-cpu.js';
import { REPO } from './fixtures-runtime/build.js';

/** Kernels that run in well under a second on every engine, the second with SIMD. */
const KERNEL = 'crc32';
const SIMD_KERNEL = 'simd_search';
const ENGINES = ['native', 'wasm2obj -O0', 'wasm2obj -O0 v3', 'wasm2c + gcc -O2', 'V8 TurboFan', 'V8 Liftoff', 'V8 default'];
const V3 = resolveTargetCpu('native') >= 3;
/** A cell that must be n/a: wasm2c on the SIMD kernel, wasm2obj v3 without the level. */
const notApplicable = (kernel: string, engine: string) => (kernel === SIMD_KERNEL && engine === 'wasm2c + gcc -O2') || (!V3 && engine === 'wasm2obj -O0 v3');

const dir = mkdtempSync(join(tmpdir(), 'w2o-bench-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The rows of the Markdown table that follows `heading`, split into trimmed cells. */
function table(report: string, heading: string): string[][] {
  const lines = report.split('\n');
  const at = lines.indexOf(heading);
  expect(at, `no section "${heading}" in the report`).toBeGreaterThanOrEqual(0);
  const start = lines.findIndex((l, i) => i > at && l.startsWith('|'));
  const rows: string[][] = [];
  for (let i = start; i < lines.length && lines[i]!.startsWith('|'); i++) {
    rows.push(lines[i]!.slice(1, -1).split('|').map((c) => c.trim()));
  }
  return rows.filter((row) => !row.every((c) => /^:?-+:?$/.test(c)));
}

test('npm run bench --quick: a scalar and a SIMD kernel, every engine, checksums right', { timeout: 120_000 }, () => {
  const output = join(dir, 'report.md');
  const r = spawnSync(process.execPath, [join(REPO, 'dist/bench/run.js'), '--quick', '--kernels', `${KERNEL},${SIMD_KERNEL}`, '--output', output], {
    encoding: 'utf8',
  });
  expect(r.status, `bench failed:\n${r.stderr}\n${r.stdout}`).toBe(0);
  const report = readFileSync(output, 'utf8');
  expect(report).toBe(r.stdout);
  expect(report).not.toContain('## Problems');
  expect(report).not.toContain('**failed**');

  // Run time: the kernels' checksums agree with checksums.txt, and every engine has a time.
  const [header, ...rows] = table(report, '## Run time');
  expect(header).toEqual(['kernel', 'code bytes', 'checksum', ...ENGINES]);
  expect(rows.map((row) => row[0])).toEqual([KERNEL, SIMD_KERNEL]);
  for (const row of rows) {
    expect(row[2]).toBe('ok');
    row.slice(3).forEach((cell, i) => expect(cell, `${row[0]} on ${ENGINES[i]}`).toMatch(notApplicable(row[0]!, ENGINES[i]!) ? /^n\/a$/ : /^\d+(\.\d+)?$/));
  }
  expect(report).toContain("*n/a*: wasm2c + gcc -O2 on simd_search: wabt 1.0.32's wasm2c aborts on SIMD instructions.");

  // Ratios: one per engine other than native and wasm2obj / Liftoff, and a geomean of the kernels each ran.
  const ratios = table(report, '### Ratio to native');
  expect(ratios[0]).toEqual(['kernel', ...ENGINES.slice(1), 'wasm2obj -O0 / V8 Liftoff']);
  const geomean = ratios.find((row) => row[0]!.startsWith('**geomean**'))!;
  geomean.slice(1).forEach((cell, i) => {
    const engine = [...ENGINES.slice(1), 'peer'][i]!;
    const n = [KERNEL, SIMD_KERNEL].filter((k) => !notApplicable(k, engine)).length;
    expect(cell, engine).toMatch(n === 0 ? /^–$/ : new RegExp(`^\\*\\*\\d+\\.\\d+\\*\\* \\(${n}\\)$`));
  });

  // Compile time: every compiler measured the kernels, but wasm2c the SIMD one.
  const [compileHeader, ...compileRows] = table(report, '## Compile time');
  expect(compileHeader!.length).toBe(9);
  expect(compileRows.map((row) => row[0])).toEqual([KERNEL, SIMD_KERNEL]);
  for (const cell of compileRows[0]!.slice(1)) expect(cell).toMatch(/^\d+(\.\d+)?( |$)/);
  expect(compileRows[1]!.at(-1)).toBe('not run');

  // Object sizes from the wasm2obj CLI and from gcc.
  const sizes = table(report, '### Object size');
  for (const cell of sizes[1]!.slice(1)) expect(cell).toMatch(/^[\d,.]+×?$/);
});
