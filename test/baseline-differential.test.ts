/**
 * The baseline tier against V8, on code written to reach its own machinery rather than
 * the instruction semantics the spec suite already checks: register pressure beyond the
 * 8 allocatable GPRs and 15 XMMs, more parameters than argument registers, many results,
 * blocks/loops/ifs with parameters and results, branches carrying values (br_table with
 * many targets), `local.set`/`local.tee` under older reads of the same local, select,
 * fused comparisons, globals of every kind (defined, imported from another compiled
 * module), fixed-register operations (shifts by a count held in the shifted local, nested
 * divisions), every memory access width at constant and computed addresses with static
 * offsets around 2^31 and 2^32, memory.grow/fill/copy, and constants of every shape.
 *
 * Every fixture (test/fixtures-differential/: hand-written .wat files, plus seeded random
 * expression trees) is run in Node's V8 on seeded argument vectors (edge values and random
 * ones) to get the expected outcome of each invocation: results bit for bit (a quiet NaN
 * out of float arithmetic as `nan:arithmetic`), or the trap. The same modules (their exact
 * bytes) and the same invocations, in the same order, then go through our whole pipeline
 * as a generated .wast script run by `runWast` (compile, link, load, run in the spec host),
 * with no known failures: every command must pass, and there must be at least 3,000 of
 * them, so the test cannot quietly check nothing. A mismatch is reported with the command;
 * W2O_DIFFERENTIAL_KEEP=DIR keeps the scripts (rerun one with `wasm2obj wast -v DIR/X.wast`).
 *
 * Found while writing it: wabt's wast2json (1.0.32) writes the `expected` list of an
 * assert_trap on a function with several results without commas, so our runner cannot read
 * the script at all; harness.ts checks such traps through a wrapper module instead.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runWast } from '../src/cli/wast-command.js';
import { FIXTURES } from './fixtures-differential/fixtures.js';
import { buildFixture, type BuiltFixture } from './fixtures-differential/harness.js';

const MIN_COMMANDS = 3_000;

let dir: string;
let built: BuiltFixture[] = [];
const paths = new Map<string, BuiltFixture>();
/** The runner names a failing command `BASENAME.wast:LINE`. */
const byBase = new Map<string, BuiltFixture>();

/** Set to a folder to keep the generated scripts there (to rerun one with `wasm2obj wast`). */
const KEEP = process.env['W2O_DIFFERENTIAL_KEEP'];

beforeAll(() => {
  dir = KEEP !== undefined && KEEP !== '' ? KEEP : mkdtempSync(join(tmpdir(), 'w2o-differential-'));
  mkdirSync(dir, { recursive: true });
  built = FIXTURES.map(buildFixture);
  for (const b of built) {
    const path = join(dir, `${b.fixture.name}.wast`);
    writeFileSync(path, b.script);
    paths.set(path, b);
    byBase.set(`${b.fixture.name}.wast`, b);
  }
});
afterAll(() => {
  if (KEEP === undefined || KEEP === '') rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  perFile: Map<string, { passed: number; failed: number }>;
  total: { passed: number; failed: number; notApplicable: number };
  failures: string[];
  stderr: string;
}

async function run(files: string[], boundsChecks: boolean): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runWast(
    { files, jobs: availableParallelism(), verbose: true, timeout: 20, boundsChecks },
    { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) },
  );
  const perFile = new Map<string, { passed: number; failed: number }>();
  const failures: string[] = [];
  let total = { passed: 0, failed: 0, notApplicable: 0 };
  for (const line of stdout.trimEnd().split('\n')) {
    const file = /^(.*\.wast): (\d+) passed, (\d+) failed/.exec(line);
    if (file) {
      perFile.set(file[1]!, { passed: Number(file[2]), failed: Number(file[3]) });
      continue;
    }
    const sum = /^(\d+) passed, (\d+) failed(?:, (\d+) not applicable)?$/.exec(line);
    if (sum) {
      total = { passed: Number(sum[1]), failed: Number(sum[2]), notApplicable: Number(sum[3] ?? 0) };
      continue;
    }
    // `FILE.wast:LINE: TYPE: REASON`: show the command that failed with it.
    const fail = /^(.*\.wast):(\d+): (.*)$/.exec(line);
    if (fail) {
      const b = byBase.get(fail[1]!) ?? paths.get(fail[1]!);
      const what = b?.lineInfo.get(Number(fail[2])) ?? '?';
      failures.push(`${b?.fixture.name ?? fail[1]}:${fail[2]}: ${fail[3]}\n    ${what.length > 600 ? `${what.slice(0, 600)}...` : what}`);
    } else if (line !== '') failures.push(line);
  }
  return { code, perFile, total, failures, stderr };
}

test('every fixture has expectations, and V8 both returns and traps across them', () => {
  let values = 0;
  let traps = 0;
  for (const b of built) {
    expect(b.expectations.length, b.fixture.name).toBeGreaterThan(0);
    for (const x of b.expectations) {
      if (x.outcome.kind === 'values') values++;
      else traps++;
    }
  }
  console.log(`differential: ${built.length} fixtures, ${values} returns and ${traps} traps expected from V8`);
  expect(values).toBeGreaterThan(traps);
  expect(traps).toBeGreaterThan(50);
});

test('the baseline tier agrees with V8 on every invocation', { timeout: 120_000 }, async () => {
  const files = [...paths.keys()];
  const r = await run(files, false);
  console.log(`baseline vs V8 (${files.length} scripts): ${r.total.passed} passed, ${r.total.failed} failed`);
  for (const [file, c] of r.perFile) if (c.failed > 0) console.log(`  ${paths.get(file)?.fixture.name}: ${c.failed} of ${c.passed + c.failed} failed`);
  expect(r.stderr).toBe('');
  expect(r.failures.slice(0, 40)).toEqual([]);
  expect(r.total.failed).toBe(0);
  expect(r.total.notApplicable).toBe(0);
  expect(r.code).toBe(0);
  // Every command of every script ran: the modules, the registrations and each invocation.
  let commands = 0;
  for (const b of built) commands += b.lineInfo.size;
  expect(r.total.passed).toBe(commands);
  expect(r.total.passed).toBeGreaterThanOrEqual(MIN_COMMANDS);
});

test('the memory fixtures agree with V8 under explicit bounds checks too', { timeout: 60_000 }, async () => {
  const names = ['memory', 'bigmem', 'shared', 'random-a'];
  const files = [...paths.entries()].filter(([, b]) => names.includes(b.fixture.name)).map(([p]) => p);
  expect(files).toHaveLength(names.length);
  const r = await run(files, true);
  expect(r.failures.slice(0, 40)).toEqual([]);
  expect(r.total.failed).toBe(0);
  expect(r.total.passed).toBe(files.reduce((n, p) => n + paths.get(p)!.lineInfo.size, 0));
});
