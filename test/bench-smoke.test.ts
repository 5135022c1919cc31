/**
 * `npm run bench` and `npm run bench:startup` still work.
 *
 * The kernel harness (dist/bench/run.js, built by `npm test`) runs one small kernel of
 * bench/kernels, a WASI command, once on every engine (native gcc, the `wasm2obj build`
 * executable, `wasm2obj run` with a warm cache, wasm2c + gcc, V8 TurboFan, Liftoff and
 * default through node:wasi) with --quick, and must exit 0 with a report whose tables have
 * a number in every cell and no wrong checksum. The start-up harness (dist/bench/startup.js)
 * runs each of its engines once on hello.wasm. They need what CI has: node, gcc and wabt's
 * wasm2c; the .wasm files are committed, so no clang.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { REPO } from './fixtures-runtime/build.js';

/** A kernel that runs in well under a second on every engine. */
const KERNEL = 'crc32';
const ENGINES = ['native', 'wasm2obj build', 'wasm2obj run', 'wasm2c + gcc -O2', 'V8 TurboFan', 'V8 Liftoff', 'V8 default'];

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

test('npm run bench --quick: one kernel, every engine, checksums right', { timeout: 120_000 }, () => {
  const output = join(dir, 'report.md');
  const r = spawnSync(process.execPath, [join(REPO, 'dist/bench/run.js'), '--quick', '--kernels', KERNEL, '--output', output], {
    encoding: 'utf8',
  });
  expect(r.status, `bench failed:\n${r.stderr}\n${r.stdout}`).toBe(0);
  const report = readFileSync(output, 'utf8');
  expect(report).toBe(r.stdout);
  expect(report).not.toContain('## Problems');
  expect(report).not.toContain('**failed**');

  // Run time: the kernel's checksum agrees with checksums.txt, and every engine has a time.
  const [header, ...rows] = table(report, '## Run time');
  expect(header).toEqual(['kernel', 'code bytes', 'checksum', ...ENGINES]);
  expect(rows).toHaveLength(1);
  expect(rows[0]![0]).toBe(KERNEL);
  expect(rows[0]![2]).toBe('ok');
  for (const cell of rows[0]!.slice(3)) expect(cell).toMatch(/^\d+(\.\d+)?$/);

  // Ratios: one per engine other than native and wasm2obj / Liftoff, and a geomean of one kernel each.
  const ratios = table(report, '### Ratio to native');
  expect(ratios[0]).toEqual(['kernel', ...ENGINES.slice(1), 'wasm2obj build / V8 Liftoff']);
  const geomean = ratios.find((row) => row[0]!.startsWith('**geomean**'))!;
  for (const cell of geomean.slice(1)) expect(cell).toMatch(/^\*\*\d+\.\d+\*\* \(1\)$/);

  // Compile time: every compiler measured the kernel.
  const [compileHeader, ...compileRows] = table(report, '## Compile time');
  expect(compileHeader!.length).toBe(9);
  expect(compileRows.map((row) => row[0])).toEqual([KERNEL]);
  for (const cell of compileRows[0]!.slice(1)) expect(cell).toMatch(/^\d+(\.\d+)?( |$)/);

  // Object sizes from the wasm2obj CLI and from gcc.
  const sizes = table(report, '### Object size');
  for (const cell of sizes[1]!.slice(1)) expect(cell).toMatch(/^[\d,.]+×?$/);
});

test('npm run bench:startup: one round of every engine on hello.wasm', { timeout: 120_000 }, () => {
  const output = join(dir, 'startup.md');
  const r = spawnSync(process.execPath, [join(REPO, 'dist/bench/startup.js'), '--runs', '1', '--warmup', '0', '--output', output], {
    encoding: 'utf8',
  });
  expect(r.status, `bench:startup failed:\n${r.stderr}\n${r.stdout}`).toBe(0);
  const report = readFileSync(output, 'utf8');
  expect(report).toBe(r.stdout);
  expect(report).not.toContain('**failed**');

  // One row per engine, each with a time and a ratio to node:wasi (1.00 for itself).
  const lines = report.split('\n');
  const [header, ...rows] = table(report, lines.find((l) => l.startsWith('# Start-up'))!);
  expect(header!.slice(0, 3)).toEqual(['engine', 'what', 'median ms']);
  expect(rows.map((row) => row[0])).toEqual([
    '`wasm2obj run hello.wasm`',
    '`wasm2obj build` executable',
    '`node hello-node.mjs`',
    'native (gcc -O2)',
    '`node -e 0`',
    '`w2o-run OBJECT.o`',
  ]);
  for (const row of rows) {
    expect(row[2]).toMatch(/^\*\*[\d.]+\*\*$/);
    expect(row.at(-1)).toMatch(/^[\d.]+×$/);
  }
  expect(rows[2]!.at(-1)).toBe('1.00×');
  expect(report).toContain("## Where `wasm2obj run`'s time goes");
  // The steps inside the CLI, timed from within, and their sum.
  expect(report).toMatch(/^\| sum \| [\d.]+ \|$/m);
});
