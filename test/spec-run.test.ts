/**
 * Spec conformance of the whole pipeline: every command of every top-level script of the
 * WebAssembly spec test suite, run by `wasm2obj wast` (the command's own code path,
 * runWast), with the known failures of test/spec/run-known-failures.txt. An unlisted
 * failure, or a listed command that passes, fails the test. Everything runs compiled for
 * the default x86-64-v2; the SIMD scripts run again for x86-64-v3 (VEX encodings) when
 * this machine has it.
 *
 * Needs wast2json (wabt) and the spec host runtime/build/w2o-spec-host (npm run build).
 * The Markdown tables for the README: node dist/test/spec/run-report.js.
 */
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { expect, test } from 'vitest';
import { runWast } from '../src/cli/wast-command.js';
import { readKnownFailureList, scriptOf } from '../src/wast/known-failures.js';
import { listWastFiles, specSuiteDir } from '../src/wast/wast-json.js';
import { machineCpuLevel, runKnownFailuresPath, runScripts, simdScripts } from './spec/run-suite.js';

const scripts = runScripts();
const knownFailures = runKnownFailuresPath();

test('the suite has the scripts it should, and the list names only them', () => {
  // The suite's README counts 146 top-level scripts; 56 of them are SIMD.
  expect(listWastFiles(specSuiteDir()).length).toBe(146);
  expect(scripts.length).toBe(146);
  expect(simdScripts().length).toBe(56);
  const known = readKnownFailureList(knownFailures);
  const names = new Set(scripts.map((p) => basename(p)));
  const stale = [...known.entries.values()].filter((e) => !names.has(scriptOf(e.loc))).map((e) => `${e.loc}: no such script runs`);
  expect([...known.errors, ...stale]).toEqual([]);
});

test('spec suite through compile, link, load and run', { timeout: 600_000 }, async () => {
  let stdout = '';
  let stderr = '';
  const code = await runWast(
    { files: scripts, jobs: availableParallelism(), knownFailures, verbose: false, timeout: 10, boundsChecks: false },
    { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) },
  );
  const lines = stdout.trimEnd().split('\n');
  console.log(`spec suite, whole pipeline (${scripts.length} scripts): ${lines.at(-1)}`);
  expect(lines).toHaveLength(scripts.length + 1);
  lines.slice(0, -1).forEach((line, i) => expect(line.startsWith(`${scripts[i]}: `)).toBe(true));
  // On failure: one line per command that differs from the list.
  expect(stderr.split('\n').filter((l) => l !== '' && !l.startsWith('wasm2obj wast: every failure is listed'))).toEqual([]);
  expect(code).toBe(0);
  // The count can only go up: 52,822 is every applicable command of the 146 scripts (the
  // 1,077 others are text-format assert_malformed, which a binary compiler cannot take).
  const total = /^(\d+) passed, (\d+) failed, (\d+) not applicable$/.exec(lines.at(-1)!);
  expect(total).not.toBeNull();
  expect(Number(total![1])).toBeGreaterThanOrEqual(52_822);
  expect(Number(total![3])).toBeLessThanOrEqual(1_077);
});

const v3 = machineCpuLevel() >= 3;
test.runIf(v3)('the SIMD scripts compiled for x86-64-v3', { timeout: 600_000 }, async () => {
  const simd = simdScripts();
  let stdout = '';
  let stderr = '';
  const code = await runWast(
    { files: simd, jobs: availableParallelism(), knownFailures, verbose: false, timeout: 10, boundsChecks: false, cpuLevel: 3 },
    { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) },
  );
  const last = stdout.trimEnd().split('\n').at(-1)!;
  console.log(`SIMD scripts, x86-64-v3 (${simd.length} scripts): ${last}`);
  expect(stderr.split('\n').filter((l) => l !== '' && !l.startsWith('wasm2obj wast: every failure is listed'))).toEqual([]);
  expect(code).toBe(0);
  // 25,466: every applicable command of the SIMD scripts.
  expect(Number(/^(\d+) passed/.exec(last)![1])).toBeGreaterThanOrEqual(25_466);
});
if (!v3) console.log('this machine lacks x86-64-v3 (AVX2, BMI, ...): the SIMD scripts run for x86-64-v2 only');

test('the memory scripts pass with explicit bounds checks instead of guard pages', { timeout: 600_000 }, async () => {
  const memoryScripts = scripts.filter((p) =>
    /\/(address|align|memory.*|load|store|float_memory|memory_grow|bulk|data|endianness|left-to-right|traps|simd_(address|align|load.*|store.*))\.wast$/.test(p),
  );
  expect(memoryScripts.length).toBeGreaterThanOrEqual(30);
  let stdout = '';
  let stderr = '';
  const code = await runWast(
    { files: memoryScripts, jobs: availableParallelism(), knownFailures, verbose: false, timeout: 10, boundsChecks: true },
    { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) },
  );
  console.log(`memory scripts with --bounds-checks (${memoryScripts.length}): ${stdout.trimEnd().split('\n').at(-1)}`);
  expect(stderr.split('\n').filter((l) => l !== '' && !l.startsWith('wasm2obj wast: every failure is listed'))).toEqual([]);
  expect(code).toBe(0);
});
