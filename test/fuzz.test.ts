/**
 * The fuzzers (fuzz/): their judge, a short run of each with fixed seeds (the CI smoke
 * run), and every input a fuzzer ever found a bug with, kept in test/fixtures-fuzz/:
 *   differential/*.wasm   must agree with V8 in every configuration;
 *   hostile/*.wasm        must be compiled or cleanly rejected, by the pipeline and the CLI.
 * The smoke runs must find nothing; the judge is shown to catch planted differences, so
 * that a run that finds nothing means something.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { boundaryModule, boundaryOpcodes } from '../fuzz/boundary.js';
import { checkModule, planOf } from '../fuzz/check.js';
import { compareTranscripts } from '../fuzz/compare.js';
import { runDifferential } from '../fuzz/differential.js';
import { checkMutant, runHostile } from '../fuzz/hostile.js';
import { CONFIGS, runNative } from '../fuzz/native-run.js';
import type { PlanStep } from '../fuzz/plan.js';
import { TimedWorker } from '../fuzz/worker.js';
import { opcodeName } from '../src/translate/opcodes.js';

const FIXTURES = join(import.meta.dirname, 'fixtures-fuzz');
const SMOKE_SECONDS = 15;

let dir: string;
let worker: TimedWorker;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'w2o-fuzz-test-'));
  worker = new TimedWorker();
});
afterAll(async () => {
  await worker.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the judge', () => {
  const call = (id: number, extra: Partial<PlanStep & { kind: 'call' }> = {}): PlanStep => ({ kind: 'call', id, name: 'f', args: [], results: ['i32'], ...extra });
  const t = (lines: string[], memory?: number[]) => ({ lines, memory: memory === undefined ? undefined : new Uint8Array(memory) });

  test('equal transcripts agree, and our trap codes are named like V8 traps', () => {
    expect(compareTranscripts(t(['call 0', 'trap 6']), t(['call 0', 'trap divide-by-zero']), [call(0)])).toBeUndefined();
    expect(compareTranscripts(t(['call 0', 'trap 1']), t(['call 0', 'trap divide-by-zero']), [call(0)])).toMatch(/ours: trap unreachable; V8: trap divide-by-zero/);
  });

  test('a different result, a missing line, a different log are differences', () => {
    expect(compareTranscripts(t(['call 0', 'return i32:1']), t(['call 0', 'return i32:2']), [call(0)])).toMatch(/line 2/);
    expect(compareTranscripts(t(['call 0']), t(['call 0', 'return i32:2']), [call(0)])).toMatch(/ours ended/);
    expect(compareTranscripts(t(['call 0', 'log f32:nan', 'return']), t(['call 0', 'log f32:0x00000000', 'return']), [call(0)])).toBeDefined();
  });

  test('float bits: exact where the spec fixes them, NaN classes where it does not', () => {
    const f32 = (nan: 'exact' | 'canonical' | 'arithmetic') => [call(0, { floatResults: [{ type: 'f32', nan }] })];
    // 0x7fc00000 and 0xffc00000 are both canonical; 0x7fc00001 is arithmetic only.
    expect(compareTranscripts(t(['call 0', 'return i32:-4194304']), t(['call 0', 'return i32:2143289344']), f32('canonical'))).toBeUndefined();
    expect(compareTranscripts(t(['call 0', 'return i32:2143289345']), t(['call 0', 'return i32:2143289344']), f32('canonical'))).toMatch(/canonical NaN/);
    expect(compareTranscripts(t(['call 0', 'return i32:2143289345']), t(['call 0', 'return i32:2143289344']), f32('arithmetic'))).toBeUndefined();
    expect(compareTranscripts(t(['call 0', 'return i32:-4194304']), t(['call 0', 'return i32:2143289344']), f32('exact'))).toBeDefined();
    // A NaN where V8 has a number is wrong whatever the rule.
    expect(compareTranscripts(t(['call 0', 'return i32:2143289344']), t(['call 0', 'return i32:0']), f32('arithmetic'))).toMatch(/V8's is not/);
  });

  test('memory may differ only where both sides hold a NaN', () => {
    const nanA = [0, 0, 0xc0, 0x7f]; // f32 0x7fc00000
    const nanB = [1, 0, 0xc0, 0xff]; // f32 0xffc00001
    expect(compareTranscripts(t([], [9, ...nanA]), t([], [9, ...nanB]), [])).toBeUndefined();
    expect(compareTranscripts(t([], [9, 1, 2, 3, 4]), t([], [9, 1, 2, 3, 5]), [])).toMatch(/memory byte 0x4/);
    expect(compareTranscripts(t([], [1, 2]), t([], [1, 2, 3]), [])).toMatch(/memory size/);
  });

  test('ours and V8 running different instructions disagree (the check can fail)', async () => {
    const ops = boundaryOpcodes();
    const add = boundaryModule(ops.find((id) => opcodeName[id] === 'i32.add')!);
    const sub = boundaryModule(ops.find((id) => opcodeName[id] === 'i32.sub')!);
    const v8 = await worker.run({ type: 'v8', bytes: sub.bytes, steps: add.steps }, 30_000);
    const ours = await runNative(add.bytes, add.steps, dir, CONFIGS[0]!, 30_000);
    expect(v8.ok && ours.ok).toBe(true);
    if (v8.ok && ours.ok) expect(compareTranscripts(ours.transcript, v8.value, add.steps)).toMatch(/ours: return i32:\S+; V8: return i32:/);
  });
});

describe('smoke runs with fixed seeds', () => {
  test(`differential, ${SMOKE_SECONDS} s: every boundary module and some -ttf modules agree with V8`, async () => {
    const s = await runDifferential({ seconds: SMOKE_SECONDS, seed: 7, findingsDir: join(dir, 'findings'), minimizeSeconds: 0, log: () => {} });
    expect(s.harnessErrors).toEqual([]);
    expect(s.findings).toEqual([]);
    expect(s.executions).toBeGreaterThan(boundaryOpcodes().length);
    // The boundary modules alone make about 100,000 calls.
    expect(s.calls).toBeGreaterThan(90_000);
  }, 120_000);

  test(`hostile, ${SMOKE_SECONDS} s: every bad command line and mutant is handled cleanly`, async () => {
    const s = await runHostile({ seconds: SMOKE_SECONDS, seed: 7, findingsDir: join(dir, 'findings'), minimizeSeconds: 0, log: () => {} });
    expect(s.findings).toEqual([]);
    expect(s.executions).toBeGreaterThan(50);
  }, 180_000);
});

const keptFiles = (sub: string): string[] => {
  try {
    return readdirSync(join(FIXTURES, sub)).filter((f) => f.endsWith('.wasm'));
  } catch {
    return [];
  }
};
describe.skipIf(keptFiles('differential').length + keptFiles('hostile').length === 0)('kept findings', () => {
  const files = keptFiles;
  test.each(files('differential'))('differential/%s agrees with V8', async (f) => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'differential', f)));
    const steps = planOf(bytes);
    expect(typeof steps).not.toBe('string');
    const r = await checkModule(bytes, steps as PlanStep[], { dir, v8: worker });
    expect(r).toMatchObject({ status: 'agree' });
  });
  test.each(files('hostile'))('hostile/%s is handled cleanly', async (f) => {
    const p = await checkMutant(worker, new Uint8Array(readFileSync(join(FIXTURES, 'hostile', f))), dir, true, true);
    expect(p.why).toBeUndefined();
  });
});
