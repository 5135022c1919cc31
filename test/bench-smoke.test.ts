/**
 * `npm run bench` and `npm run bench:startup` still work.
 *
 * The kernel harness (dist/bench/run.js, built by `npm test`) runs a small kernel of
 * bench/kernels and a SIMD one, WASI commands, once on every engine (native gcc, the
 * `wasm2obj build` executable, again for x86-64-v3 where this machine has it, `wasm2obj run`
 * with a warm cache, wasm2c + gcc, V8 TurboFan, Liftoff and default through node:wasi) with
 * --quick, and must exit 0 with a report whose tables have a number in every cell and no
 * wrong checksum, but for wasm2c on the SIMD kernel, which says n/a (wabt's wasm2c cannot
 * take SIMD) and is left out of the geomean that every column shares. The start-up harness (dist/bench/startup.js)
 * runs each of its engines once on hello.wasm. They need what CI has: node, gcc and wabt's
 * wasm2c; the .wasm files are committed, so no clang.
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
/** The x86-64-v3 column is there only where this machine runs v3 code. */
const V3 = (() => {
  try {
    return resolveTargetCpu('native') >= 3;
  } catch {
    return false;
  }
})();
const ENGINES = ['native', 'wasm2obj build', ...(V3 ? ['wasm2obj build v3'] : []), 'wasm2obj run', 'wasm2c + gcc -O2', 'V8 TurboFan', 'V8 Liftoff', 'V8 default'];
const WASM2C = ENGINES.indexOf('wasm2c + gcc -O2');

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

test('npm run bench --quick: a scalar and a SIMD kernel, every engine, checksums right', { timeout: 180_000 }, () => {
  const output = join(dir, 'report.md');
  const r = spawnSync(process.execPath, [join(REPO, 'dist/bench/run.js'), '--quick', '--kernels', `${KERNEL},${SIMD_KERNEL}`, '--output', output], {
    encoding: 'utf8',
  });
  expect(r.status, `bench failed:\n${r.stderr}\n${r.stdout}`).toBe(0);
  const report = readFileSync(output, 'utf8');
  expect(report).toBe(r.stdout);
  expect(report).not.toContain('## Problems');
  expect(report).not.toContain('**failed**');
  if (!V3) expect(report).toContain('not run, no column: wasm2obj build v3: this machine lacks x86-64-v3');

  // Run time: the checksums agree with checksums.txt, and every engine has a time, but
  // wasm2c on the SIMD kernel, whose n/a the report explains.
  const [header, ...rows] = table(report, '## Run time');
  expect(header).toEqual(['kernel', 'code bytes', 'checksum', ...ENGINES]);
  expect(rows.map((row) => row[0])).toEqual([KERNEL, SIMD_KERNEL]);
  for (const row of rows) {
    expect(row[2]).toBe('ok');
    row.slice(3).forEach((cell, i) => expect(cell).toMatch(row[0] === SIMD_KERNEL && i === WASM2C ? /^n\/a$/ : /^\d+(\.\d+)?$/));
  }
  expect(report).toContain(`*n/a*: wasm2c + gcc -O2 on ${SIMD_KERNEL}: wabt 1.0.32's wasm2c aborts on SIMD instructions.`);

  // Ratios: one per engine other than native and wasm2obj / Liftoff; the geomean every
  // column shares is over the scalar kernel alone, and each column's own geomean counts
  // both kernels but for wasm2c's.
  const ratios = table(report, '### Ratio to native');
  expect(ratios[0]).toEqual(['kernel', ...ENGINES.slice(1), 'wasm2obj build / V8 Liftoff']);
  expect(ratios[2]![WASM2C]).toBe('n/a');
  const common = ratios.find((row) => row[0]!.startsWith('**geomean**'))!;
  expect(common[0]).toBe('**geomean** (1 kernel, every column)');
  for (const cell of common.slice(1)) expect(cell).toMatch(/^\*\*\d+\.\d+\*\*$/);
  expect(common[WASM2C]).toBe(`**${ratios[1]![WASM2C]}**`);
  const own = ratios.find((row) => row[0] === "geomean (each column's kernels)")!;
  own.slice(1).forEach((cell, i) => expect(cell).toMatch(i + 1 === WASM2C ? /^\d+\.\d+ \(1\)$/ : /^\d+\.\d+ \(2\)$/));

  // Compile time: every compiler measured both kernels, but wasm2c + gcc the SIMD one.
  const [compileHeader, ...compileRows] = table(report, '## Compile time');
  expect(compileHeader!.length).toBe(9);
  expect(compileRows.map((row) => row[0])).toEqual([KERNEL, SIMD_KERNEL]);
  for (const row of compileRows) {
    row.slice(1).forEach((cell, i) => expect(cell).toMatch(row[0] === SIMD_KERNEL && i === 7 ? /^not run$/ : /^\d+(\.\d+)?( |$)/));
  }

  // Object sizes from the wasm2obj CLI and from gcc.
  const sizes = table(report, '### Object size');
  for (const cell of sizes[1]!.slice(1)) expect(cell).toMatch(/^[\d,.]+×?$/);
  for (const cell of sizes[2]!.slice(1, 6)) expect(cell).toMatch(/^[\d,.]+×?$/);
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
