/**
 * The SIMD instructions against V8, in the style of baseline-differential.test.ts and with
 * its harness: the generated fixtures of fixtures-differential/simd.ts (every instruction
 * on lane-typed random and boundary values, the memory accesses at the edge of memory, and
 * v128 values through register pressure, control flow, locals, calls, select and globals)
 * run in Node's V8 for the expected outcomes, then through our whole pipeline as .wast
 * scripts, compiled for x86-64-v2 and, where this machine has it, for x86-64-v3. No known
 * failures: every command must pass, and there must be at least 5,000 of them.
 * W2O_DIFFERENTIAL_KEEP=DIR keeps the scripts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CpuLevel } from '../src/abi/cpu.js';
import { resolveTargetCpu } from '../src/cli/target-cpu.js';
import { runWast } from '../src/cli/wast-command.js';
import { buildFixture, type BuiltFixture } from './fixtures-differential/harness.js';
import { simdFixtures } from './fixtures-differential/simd.js';

const MIN_COMMANDS = 5_000;
const KEEP = process.env['W2O_DIFFERENTIAL_KEEP'];

let dir: string;
let built: BuiltFixture[] = [];
const byBase = new Map<string, BuiltFixture>();

beforeAll(() => {
  dir = KEEP !== undefined && KEEP !== '' ? KEEP : mkdtempSync(join(tmpdir(), 'w2o-simd-differential-'));
  mkdirSync(dir, { recursive: true });
  built = simdFixtures().map(buildFixture);
  for (const b of built) {
    writeFileSync(join(dir, `${b.fixture.name}.wast`), b.script);
    byBase.set(`${b.fixture.name}.wast`, b);
  }
});
afterAll(() => {
  if (KEEP === undefined || KEEP === '') rmSync(dir, { recursive: true, force: true });
});

test('V8 gives every SIMD fixture its expectations, traps included', () => {
  let values = 0;
  let traps = 0;
  for (const b of built) {
    for (const x of b.expectations) {
      if (x.outcome.kind === 'values') values++;
      else traps++;
    }
  }
  console.log(`SIMD differential: ${built.length} fixtures, ${values} returns and ${traps} traps expected from V8`);
  expect(traps).toBeGreaterThan(20);
  expect(values).toBeGreaterThan(MIN_COMMANDS);
});

const levels: CpuLevel[] = resolveTargetCpu('native') >= 3 ? [2, 3] : [2];

describe.each(levels)('compiled for x86-64-v%i', (level) => {
  test('every instruction agrees with V8', { timeout: 120_000 }, async () => {
    const files = built.map((b) => join(dir, `${b.fixture.name}.wast`));
    let stdout = '';
    let stderr = '';
    const code = await runWast(
      { files, jobs: availableParallelism(), verbose: true, timeout: 20, boundsChecks: false, cpuLevel: level },
      { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) },
    );
    const failures: string[] = [];
    let passed = 0;
    for (const line of stdout.trimEnd().split('\n')) {
      const sum = /^(\d+) passed, (\d+) failed/.exec(line);
      if (sum) passed = Number(sum[1]);
      const fail = /^(.*\.wast):(\d+): (.*)$/.exec(line);
      if (fail) {
        const what = byBase.get(fail[1]!.split('/').pop()!)?.lineInfo.get(Number(fail[2])) ?? '?';
        failures.push(`${fail[1]!.split('/').pop()}:${fail[2]}: ${fail[3]}\n    ${what.slice(0, 400)}`);
      }
    }
    console.log(`SIMD vs V8, x86-64-v${level}: ${passed} passed, ${failures.length} failed`);
    expect(stderr).toBe('');
    expect(failures.slice(0, 30)).toEqual([]);
    expect(code).toBe(0);
    expect(passed).toBe(built.reduce((n, b) => n + b.lineInfo.size, 0));
    expect(passed).toBeGreaterThanOrEqual(MIN_COMMANDS);
  });
});
