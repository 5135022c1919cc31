/**
 * The spec runner (`wasm2obj wast`, src/wast/) checked against scripts written by hand, so
 * that its verdicts on the real suite can be trusted: a wrong assert_return, a trap with
 * the wrong message, a function that returns where a trap was expected, a NaN of the
 * wrong class must each be reported as a failure; text-format tests are counted apart,
 * never as passed; a spec host that crashes costs only the commands it hit. A fake host
 * (a small Node program speaking the protocol) checks the crash handling without
 * depending on a crash of the real runtime.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runWast, type WastOptions } from '../src/cli/wast-command.js';
import { specHostPath } from '../src/wast/host.js';
import { runWastFiles } from '../src/wast/run-files.js';
import type { CommandResult, ScriptResult } from '../src/wast/run-script.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'w2o-wast-harness-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function runOne(path: string, hostPath = specHostPath()): Promise<ScriptResult> {
  const [r] = await runWastFiles([path], { jobs: 1, hostPath, timeoutMs: 10_000, boundsChecks: false });
  return r!;
}

/** `line: verdict` for every command, to compare with the script's intent at a glance. */
function verdicts(r: ScriptResult): string[] {
  return r.results.map((c: CommandResult) => `${c.loc.slice(c.loc.indexOf(':') + 1)} ${c.type}: ${c.verdict}`);
}

function reasonAt(r: ScriptResult, line: number): string {
  const c = r.results.find((x) => x.loc.endsWith(`:${line}`));
  return c?.reason ?? '';
}

async function cli(options: Partial<WastOptions> & { files: string[] }): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runWast(
    { jobs: 2, verbose: false, timeout: 10, boundsChecks: false, ...options },
    { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) },
  );
  return { code, stdout, stderr };
}

// Modules without code: memories, globals, data and element segments, imports.
const DATA_SCRIPT = `(module $M
  (global (export "g") i32 (i32.const 1))
  (global (export "f") f32 (f32.const nan:0x600000))
  (global (export "e") externref (ref.null extern))
  (memory (export "mem") 1)
  (data (i32.const 0) "abc"))
(assert_return (get "g") (i32.const 1))
(assert_return (get "g") (i32.const 2))
(assert_return (get "f") (f32.const nan:arithmetic))
(assert_return (get "f") (f32.const nan:canonical))
(assert_return (get "e") (ref.null extern))
(register "M" $M)
(module (import "M" "g" (global $g i32)) (import "spectest" "global_i32" (global $s i32))
  (global (export "h") i32 (global.get $g)) (global (export "s") i32 (global.get $s)))
(assert_return (get "h") (i32.const 1))
(assert_return (get "s") (i32.const 666))
(assert_trap (module (memory 1) (data (i32.const 70000) "x")) "out of bounds memory access")
(assert_trap (module (memory 1) (data (i32.const 70000) "x")) "unreachable")
(assert_unlinkable (module (import "spectest" "nope" (global i32))) "unknown import")
(assert_unlinkable (module (import "M" "g" (global i32))) "unknown import")
(assert_invalid (module (global i32 (i64.const 0))) "type mismatch")
(assert_invalid (module (global i32 (i32.const 0))) "type mismatch")
(assert_malformed (module quote "(modul)") "unexpected token")
(assert_malformed (module binary "\\00asm\\02\\00\\00\\00") "unknown binary version")
`;

describe('wast runner: modules without code', () => {
  let r: ScriptResult;
  beforeAll(async () => {
    r = await runOne(script('data.wast', DATA_SCRIPT));
  });

  test('every command gets the verdict it deserves', () => {
    expect(verdicts(r)).toEqual([
      '1 module: pass',
      '7 assert_return: pass',
      '8 assert_return: fail',
      '9 assert_return: pass',
      '10 assert_return: fail',
      '11 assert_return: pass',
      '12 register: pass',
      '13 module: pass',
      '15 assert_return: pass',
      '16 assert_return: pass',
      '17 assert_uninstantiable: pass',
      '18 assert_uninstantiable: fail',
      '19 assert_unlinkable: pass',
      '20 assert_unlinkable: fail',
      '21 assert_invalid: pass',
      '22 assert_invalid: fail',
      '23 assert_malformed: not-applicable',
      '24 assert_malformed: pass',
    ]);
  });

  test('failures say why', () => {
    expect(reasonAt(r, 8)).toBe('expected i32:0x00000002 (2), got i32:0x00000001 (1)');
    expect(reasonAt(r, 10)).toBe('expected f32:nan:canonical, got f32:0x7fe00000 (nan)');
    expect(reasonAt(r, 18)).toMatch(/^expected a trap error "unreachable", got trap error: out of bounds memory access/);
    expect(reasonAt(r, 20)).toBe('expected a link error ("unknown import"), but the module instantiated');
    expect(reasonAt(r, 22)).toBe('expected invalid ("type mismatch"), but the module validates');
  });
});

const CODE_SCRIPT = `(module
  (func (export "one") (result i32) (i32.const 1))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "nan") (result f32) (f32.const nan:0x600000))
  (func (export "neg-nan") (result f64) (f64.const -nan))
  (func (export "trap") (unreachable))
  (func (export "pair") (result i32 i32) (i32.const -1) (i32.const 2))
  (func $loop (export "loop") (call $loop)))
(assert_return (invoke "one") (i32.const 1))
(assert_return (invoke "one") (i32.const 2))
(assert_return (invoke "add" (i32.const 2) (i32.const 3)) (i32.const 5))
(assert_return (invoke "add" (i32.const 2) (i32.const 3)) (i32.const 6))
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer overflow")
(assert_trap (invoke "div" (i32.const 4) (i32.const 2)) "integer divide by zero")
(assert_return (invoke "nan") (f32.const nan:arithmetic))
(assert_return (invoke "nan") (f32.const nan:canonical))
(assert_return (invoke "neg-nan") (f64.const nan:canonical))
(assert_trap (invoke "trap") "unreachable")
(assert_trap (invoke "trap") "out of bounds memory access")
(assert_return (invoke "pair") (i32.const -1) (i32.const 2))
(assert_return (invoke "pair") (i32.const -1) (i32.const 3))
(assert_exhaustion (invoke "loop") "call stack exhausted")
(assert_return (invoke "trap"))
(invoke "trap")
(invoke "one")
`;

describe('wast runner: modules with code', () => {
  let r: ScriptResult;
  beforeAll(async () => {
    r = await runOne(script('code.wast', CODE_SCRIPT));
  });

  test('every command gets the verdict it deserves', () => {
    expect(verdicts(r)).toEqual([
      '1 module: pass',
      '10 assert_return: pass',
      '11 assert_return: fail',
      '12 assert_return: pass',
      '13 assert_return: fail',
      '14 assert_trap: pass',
      '15 assert_trap: fail',
      '16 assert_trap: fail',
      '17 assert_return: pass',
      '18 assert_return: fail',
      '19 assert_return: pass',
      '20 assert_trap: pass',
      '21 assert_trap: fail',
      '22 assert_return: pass',
      '23 assert_return: fail',
      '24 assert_exhaustion: pass',
      '25 assert_return: fail',
      '26 action: fail',
      '27 action: pass',
    ]);
  });

  test('failures say why', () => {
    expect(reasonAt(r, 11)).toBe('expected i32:0x00000002 (2), got i32:0x00000001 (1)');
    expect(reasonAt(r, 15)).toMatch(/^expected trap "integer overflow", got trap "integer divide by zero"/);
    expect(reasonAt(r, 16)).toBe('expected a trap ("integer divide by zero"), returned i32:0x00000002 (2)');
    expect(reasonAt(r, 18)).toBe('expected f32:nan:canonical, got f32:0x7fe00000 (nan)');
    expect(reasonAt(r, 21)).toMatch(/^expected trap "out of bounds memory access", got trap "unreachable"/);
    expect(reasonAt(r, 23)).toBe(
      'expected i32:0xffffffff (4294967295, -1), i32:0x00000003 (3), got i32:0xffffffff (4294967295, -1), i32:0x00000002 (2)',
    );
    expect(reasonAt(r, 25)).toMatch(/^expected no results, trapped: "unreachable"/);
    expect(reasonAt(r, 26)).toMatch(/^trapped: "unreachable"/);
  });
});

const V128_SCRIPT = `(module
  (func (export "id") (param v128) (result v128) (local.get 0))
  (func (export "nans") (result v128) (v128.const i32x4 0x7fc00000 0xffc00000 0x7fe00000 0x3f800000)))
(assert_return (invoke "id" (v128.const i32x4 1 2 3 4)) (v128.const i32x4 1 2 3 4))
(assert_return (invoke "id" (v128.const i32x4 1 2 3 4)) (v128.const i32x4 1 2 3 5))
(assert_return (invoke "id" (v128.const i8x16 1 0 0 0 2 0 0 0 3 0 0 0 4 0 0 0)) (v128.const i16x8 1 0 2 0 3 0 4 0))
(assert_return (invoke "id" (v128.const i64x2 -1 0x8000000000000000)) (v128.const f64x2 nan:canonical 0x1p-1074))
(assert_return (invoke "id" (v128.const i64x2 -1 0x8000000000000000)) (v128.const i64x2 -1 0x8000000000000000))
(assert_return (invoke "nans") (v128.const f32x4 nan:canonical nan:canonical nan:arithmetic 1.0))
(assert_return (invoke "nans") (v128.const f32x4 nan:canonical nan:canonical nan:canonical 1.0))
(assert_return (invoke "nans") (v128.const f32x4 nan:canonical nan:canonical nan:arithmetic nan:arithmetic))
`;

test('v128 results are compared lane by lane in the expected shape, NaN classes per lane', async () => {
  const r = await runOne(script('v128.wast', V128_SCRIPT));
  expect(verdicts(r)).toEqual([
    '1 module: pass',
    '4 assert_return: pass',
    '5 assert_return: fail',
    '6 assert_return: pass',
    '7 assert_return: fail',
    '8 assert_return: pass',
    '9 assert_return: pass',
    '10 assert_return: fail',
    '11 assert_return: fail',
  ]);
  expect(reasonAt(r, 5)).toBe('expected v128 i32x4 [0x00000001 0x00000002 0x00000003 0x00000005], got v128 i32x4 [0x00000001 0x00000002 0x00000003 0x00000004]');
  expect(reasonAt(r, 10)).toMatch(/^expected v128 f32x4 \[nan:canonical nan:canonical nan:canonical 0x3f800000\], got v128 i32x4 \[0x7fc00000 0xffc00000 0x7fe00000 0x3f800000\]$/);
});

test('v128 globals cross instances: exported, imported, initialized from an import, read by get', async () => {
  const r = await runOne(
    script(
      'v128-globals.wast',
      `(module $A
  (global (export "g") (mut v128) (v128.const i32x4 1 2 3 4))
  (global (export "c") v128 (v128.const f32x4 1.5 -0 nan inf))
  (func (export "set") (param v128) (global.set 0 (local.get 0))))
(register "A" $A)
(module $B
  (import "A" "g" (global $g (mut v128)))
  (import "A" "c" (global $c v128))
  (global $d v128 (global.get $c))
  (func (export "get") (result v128) (global.get $g))
  (func (export "getd") (result v128) (global.get $d))
  (func (export "swap") (param v128) (result v128) (global.get $g) (global.set $g (local.get 0))))
(assert_return (get $A "g") (v128.const i32x4 1 2 3 4))
(assert_return (invoke $B "get") (v128.const i32x4 1 2 3 4))
(assert_return (invoke $B "getd") (v128.const f32x4 1.5 -0 nan:canonical inf))
(assert_return (invoke $B "swap" (v128.const i64x2 -1 7)) (v128.const i32x4 1 2 3 4))
(assert_return (get $A "g") (v128.const i64x2 -1 7))
(invoke $A "set" (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16))
(assert_return (invoke $B "get") (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16))
`,
    ),
  );
  expect(r.results.filter((c) => c.verdict !== 'pass').map((c) => `${c.loc}: ${c.reason}`)).toEqual([]);
  expect(r.results).toHaveLength(10);
});

test('an assert_trap on a function with several results runs (wast2json drops commas there)', async () => {
  const r = await runOne(
    script(
      'multi-trap.wast',
      `(module (func (export "f") (result i32 i64) unreachable) (func (export "g") (result i32 f64) i32.const 1 f64.const 2))
(assert_trap (invoke "f") "unreachable")
(assert_trap (invoke "g") "unreachable")
`,
    ),
  );
  expect(verdicts(r)).toEqual(['1 module: pass', '2 assert_trap: pass', '3 assert_trap: fail']);
});

describe('wasm2obj wast (the command)', () => {
  test('prints a line per script and a total, and fails on a failure', async () => {
    const path = script('cli.wast', DATA_SCRIPT);
    const r = await cli({ files: [path] });
    expect(r.stdout).toBe(`${path}: 12 passed, 5 failed, 1 not applicable\n12 passed, 5 failed, 1 not applicable\n`);
    expect(r.code).toBe(1);
  });

  test('--verbose prints each failure in the known-failure format', async () => {
    const path = script('cli.wast', DATA_SCRIPT);
    const r = await cli({ files: [path], verbose: true });
    const lines = r.stdout.split('\n');
    expect(lines[1]).toBe('cli.wast:8: assert_return: expected i32:0x00000002 (2), got i32:0x00000001 (1)');
    expect(lines.filter((l) => /^cli\.wast:\d+: /.test(l))).toHaveLength(5);
  });

  test('--known-failures: listed failures pass the run; an unlisted one or a listed pass fails it', async () => {
    const path = script('cli.wast', DATA_SCRIPT);
    const all = [8, 10, 18, 20, 22].map((l) => `cli.wast:${l}: expected`).join('\n');
    const listAll = join(dir, 'all.txt');
    writeFileSync(listAll, `# comment\n${all}\n`);
    expect((await cli({ files: [path], knownFailures: listAll })).code).toBe(0);

    const listSome = join(dir, 'some.txt');
    writeFileSync(listSome, `${all.split('\n').slice(1).join('\n')}\n`);
    const some = await cli({ files: [path], knownFailures: listSome });
    expect(some.code).toBe(1);
    expect(some.stderr).toMatch(/^cli\.wast:8: assert_return: unexpected failure: expected i32/m);

    const listPassing = join(dir, 'passing.txt');
    writeFileSync(listPassing, `${all}\ncli.wast:7: it passes\n`);
    const passing = await cli({ files: [path], knownFailures: listPassing });
    expect(passing.code).toBe(1);
    expect(passing.stderr).toMatch(/^cli\.wast:7: assert_return: listed on line \d+ of .*, but now passes: delete the entry$/m);
  });

  test('a script wast2json rejects is a failure, and so is a missing file', async () => {
    const bad = script('bad.wast', '(module (func $f) (func $f))\n(nonsense)\n');
    const r = await cli({ files: [bad, join(dir, 'missing.wast')] });
    expect(r.stdout).toBe(`${bad}: 0 passed, 1 failed\n${join(dir, 'missing.wast')}: 0 passed, 1 failed\n0 passed, 2 failed\n`);
    expect(r.code).toBe(1);
  });
});

/** A host that speaks the protocol, crashes on `invoke ... crash`, and hangs on `invoke ... hang`. */
const FAKE_HOST = `#!/usr/bin/env node
const rl = require('node:readline').createInterface({ input: process.stdin });
const hex = (s) => 'x' + Buffer.from(s).toString('hex');
const instances = new Set();
process.stdout.write('ready w2o-spec-host 1\\n');
rl.on('line', (line) => {
  const w = line.split(' ');
  const name = w[2] ? Buffer.from(w[2].slice(1), 'hex').toString() : '';
  if (w[0] === 'module') { instances.add(w[1]); process.stdout.write('ok\\n'); return; }
  if (!instances.has(w[1])) { process.stdout.write('error other 0 ' + hex('no instance ' + w[1]) + '\\n'); return; }
  if (name === 'crash') { process.stderr.write('fake host: crashing\\n'); process.kill(process.pid, 'SIGSEGV'); return; }
  if (name === 'hang') return;
  if (name === 'garbage') { process.stdout.write('ok i32:zz\\n'); return; }
  process.stdout.write('ok i32:0000002a\\n');
});
`;

/** What the fake host answers to (wast2json checks that invoked exports exist). */
const FAKE_EXPORTS = ['f', 'crash', 'hang', 'garbage'].map((n) => `(func (export "${n}") (result i32) (i32.const 42))`).join(' ');

describe('wast runner: a host that dies', () => {
  test('the command that killed it fails; the host is restarted, the modules replayed', async () => {
    const host = join(dir, 'fake-host.cjs');
    writeFileSync(host, FAKE_HOST);
    chmodSync(host, 0o755);
    const path = script('crash.wast', `(module $A ${FAKE_EXPORTS})
(module $B ${FAKE_EXPORTS})
(assert_return (invoke $A "f") (i32.const 42))
(assert_return (invoke $A "crash") (i32.const 42))
(assert_return (invoke $A "f") (i32.const 42))
(assert_return (invoke $B "f") (i32.const 42))
(assert_return (invoke $B "garbage") (i32.const 42))
(assert_return (invoke $B "f") (i32.const 42))
`);
    const [r] = await runWastFiles([path], { jobs: 1, hostPath: host, timeoutMs: 2_000, boundsChecks: false });
    expect(verdicts(r!)).toEqual([
      '1 module: pass',
      '2 module: pass',
      '3 assert_return: pass',
      '4 assert_return: fail',
      '5 assert_return: pass',
      '6 assert_return: pass',
      '7 assert_return: fail',
      '8 assert_return: pass',
    ]);
    expect(reasonAt(r!, 4)).toBe('the spec host was killed by SIGSEGV (stderr: fake host: crashing)');
    expect(reasonAt(r!, 7)).toMatch(/^the spec host sent a value it should not: "i32:zz"/);
    expect(r!.hostRestarts).toBe(2);
  });

  test('a host that hangs is killed after the time limit', async () => {
    const host = join(dir, 'fake-host.cjs');
    const path = script('hang.wast', `(module ${FAKE_EXPORTS})
(assert_return (invoke "hang") (i32.const 42))
(assert_return (invoke "f") (i32.const 42))
`);
    const [r] = await runWastFiles([path], { jobs: 1, hostPath: host, timeoutMs: 1_000, boundsChecks: false });
    expect(verdicts(r!)).toEqual(['1 module: pass', '2 assert_return: fail', '3 assert_return: pass']);
    expect(reasonAt(r!, 2)).toBe('the spec host did not answer "invoke" within 1 s, and was killed');
  });
});
