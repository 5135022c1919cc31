/**
 * The system-linker path gives the spec's answers, as the loader path does.
 *
 * A sample of spec scripts (numeric, conversions, table calls, multi-value, br_table,
 * memory, ...) is cut down to what a C program can do without catching traps: every module
 * that imports nothing is compiled by the built CLI (`wasm2obj M.wasm -o M.o --header M.h
 * --prefix mN`), and every assert_return (and action) on its exports becomes a DIRECT call
 * through the header's typed prototype (vmctx from w2o_instance_vmctx, several results
 * through the results struct), made in script order so that state carries over as in the
 * script. All the objects are linked by cc into ONE program with libw2o.a and
 * `--fatal-warnings`, which also proves that objects of many modules link side by side.
 * Each printed result must be what the script expects (NaN classes as in values.ts), and
 * the very same objects, loaded by the mmap loader (w2o-spec-host) and called through
 * w2o_invoke, must give bit-identical results. A floor on the number of assert_returns
 * checked keeps the test from passing on nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTempDir, quietTool, tool } from './fixtures-elf/tools.js';
import { REPO, RUNTIME_INCLUDE } from './fixtures-runtime/build.js';
import { driverSource, parseHeader, planScripts, sameActual, type Plan, type PlannedCall, type Prototype } from './fixtures-linked/spec-driver.js';
import { SpecHost, checkSpecHost, specHostPath } from '../src/wast/host.js';
import { argToWire, describeActual, describeExpected, hexString, matches, parseWire, type Actual } from '../src/wast/values.js';
import { convertWastFiles, specSuiteDir } from '../src/wast/wast-json.js';

const CLI = join(REPO, 'dist/src/cli/main.js');
const LIBW2O = join(REPO, 'runtime/build/libw2o.a');

/** Non-SIMD scripts with many assert_returns on their own exports, of every value type. */
const SCRIPTS = [
  'i32', 'i64', 'f32', 'f64', 'conversions', 'call_indirect', 'func', 'br_table', 'address', 'memory',
  'int_exprs', 'fac', 'left-to-right', 'select', 'endianness', 'float_memory',
];
/** The sample holds about 7,800 assert_returns; fewer than this means commands went missing. */
const MIN_CHECKED = 7000;

let tmp: ReturnType<typeof makeTempDir>;
let plan: Plan;
const headers = new Map<number, Map<string, Prototype>>();
let exe: string;
/** Results of the linked program, by call id. */
let linked: Map<number, Actual[]>;
let linkedRun: { status: number | null; stdout: string; stderr: string };

const where = (c: PlannedCall) => `${c.loc}: ${c.module.prefix} "${c.field}"(${c.args.map((a) => `${a.type}:${String(a.value)}`).join(', ')})`;

/** Runs the CLI as a separate process (async, so several compile at once). */
function compile(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

async function pool<T>(items: readonly T[], jobs: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: jobs }, worker));
}

/** The linked program's output: `<id> <value>...` per call, `done` at the end. */
function parseOutput(stdout: string): Map<number, Actual[]> {
  const results = new Map<number, Actual[]>();
  for (const line of stdout.split('\n')) {
    if (line === '' || line === 'done') continue;
    const [id, ...values] = line.split(' ');
    if (!/^\d+$/.test(id!)) throw new Error(`unexpected line from the linked program: ${JSON.stringify(line)}`);
    results.set(Number(id), values.map(parseWire));
  }
  return results;
}

beforeAll(async () => {
  for (const f of [CLI, LIBW2O]) if (!existsSync(f)) throw new Error(`${f} is missing: run 'npm run build' first (npm test does)`);
  tmp = makeTempDir('spec-linked');
  const files = await convertWastFiles(SCRIPTS.map((s) => join(specSuiteDir(), `${s}.wast`)));
  plan = planScripts(files);

  await pool(plan.modules, Math.max(2, availableParallelism()), async (m) => {
    const wasm = join(tmp.dir, `${m.prefix}.wasm`);
    writeFileSync(wasm, m.bytes);
    const r = await compile([wasm, '-o', join(tmp.dir, `${m.prefix}.o`), '--header', join(tmp.dir, `${m.prefix}.h`), '--prefix', m.prefix]);
    if (r.code !== 0 || r.out !== '') throw new Error(`wasm2obj ${m.loc} (${m.prefix}.wasm) exited ${r.code}:\n${r.out}`);
  });
  for (const m of plan.modules) headers.set(m.id, parseHeader(readFileSync(join(tmp.dir, `${m.prefix}.h`), 'utf8'), m.prefix));

  const main = join(tmp.dir, 'main.c');
  writeFileSync(main, driverSource(plan, headers));
  exe = join(tmp.dir, 'main');
  quietTool('cc', [
    '-std=c11', '-pedantic', '-Wall', '-Wextra', '-Werror', '-O0',
    `-I${tmp.dir}`, `-I${RUNTIME_INCLUDE}`, main,
    ...plan.modules.map((m) => join(tmp.dir, `${m.prefix}.o`)),
    LIBW2O, '-pthread', '-Wl,--fatal-warnings', '-o', exe,
  ]);
  const r = tool(exe, []);
  linkedRun = { status: r.status, stdout: r.stdout, stderr: r.stderr };
  linked = parseOutput(r.stdout);
}, 120_000);

afterAll(() => tmp?.remove());

describe('spec modules linked by cc, exports called directly through their headers', () => {
  test('the sample is what it should be: many modules, thousands of assert_returns of every value type, none left out', () => {
    const asserts = plan.calls.filter((c) => c.expected !== undefined);
    const byType = new Map<string, number>();
    for (const c of asserts) for (const e of c.expected!) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
    const multi = asserts.filter((c) => c.expected!.length > 1).length;
    console.log(
      `spec-linked: ${plan.modules.length} modules, ${asserts.length} assert_returns and ${plan.calls.length - asserts.length} actions; ` +
        `results by type ${JSON.stringify(Object.fromEntries(byType))}, ${multi} with several results`,
    );
    expect(asserts.length).toBeGreaterThanOrEqual(MIN_CHECKED);
    expect(plan.modules.length).toBeGreaterThanOrEqual(40);
    for (const t of ['i32', 'i64', 'f32', 'f64']) expect(byType.get(t) ?? 0, `results of type ${t}`).toBeGreaterThanOrEqual(100);
    expect(byType.get('externref') ?? 0, 'externref results').toBeGreaterThan(0);
    expect(byType.get('funcref') ?? 0, 'funcref results').toBeGreaterThan(0);
    expect(multi, 'assert_returns of several results').toBeGreaterThanOrEqual(10);
    expect(plan.calls.filter((c) => c.script === 'call_indirect.wast' && c.expected !== undefined).length).toBeGreaterThanOrEqual(100);
    // Every assert_return of these scripts is on an export of a module without imports.
    expect(Object.fromEntries(plan.skipped)).toEqual({});
  });

  test('the program links with --fatal-warnings and runs every call to the end', () => {
    const lines = linkedRun.stdout.split('\n').filter((l) => l !== '');
    const last = lines[lines.length - 1];
    const nextCall = plan.calls.find((c) => !linked.has(c.id));
    expect(
      { status: linkedRun.status, stderr: linkedRun.stderr, last },
      nextCall !== undefined ? `the program stopped before ${where(nextCall)}` : 'the program did not end well',
    ).toEqual({ status: 0, stderr: '', last: 'done' });
    expect(linked.size).toBe(plan.calls.length);
  });

  test('every assert_return gets the results the script expects', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const c of plan.calls) {
      if (c.expected === undefined) continue;
      const got = linked.get(c.id);
      if (got === undefined) {
        wrong.push(`${where(c)}: no result printed`);
        continue;
      }
      checked++;
      const ok = got.length === c.expected.length && c.expected.every((e, i) => matches(e, got[i]!));
      if (!ok) wrong.push(`${where(c)}: expected ${c.expected.map(describeExpected).join(', ')}, got ${got.map(describeActual).join(', ')}`);
    }
    expect(wrong.slice(0, 30), `${wrong.length} assert_returns failed through the linked program`).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(MIN_CHECKED);
  });

  test('the same objects through the mmap loader and w2o_invoke give bit-identical results', async () => {
    checkSpecHost();
    const host = await SpecHost.start(specHostPath(), 20_000);
    const wrong: string[] = [];
    let compared = 0;
    try {
      for (const steps of plan.steps.values()) {
        for (const step of steps) {
          if (step.kind === 'module') {
            const answer = await host.request(`module ${step.module.id} ${hexString(join(tmp.dir, `${step.module.prefix}.o`))}`);
            expect(answer, `loading ${step.module.prefix}.o (${step.module.loc})`).toBe('ok');
            continue;
          }
          const c = step.call;
          const answer = await host.request(`invoke ${c.module.id} ${hexString(c.field)} ${c.args.map(argToWire).join(' ')}`.trimEnd());
          const [status, ...values] = answer.split(' ');
          const viaLinker = linked.get(c.id) ?? [];
          if (status !== 'ok') {
            wrong.push(`${where(c)}: the loader path answered ${answer}`);
            continue;
          }
          const viaLoader = values.map(parseWire);
          compared++;
          if (viaLoader.length !== viaLinker.length || !viaLoader.every((v, i) => sameActual(v, viaLinker[i]!))) {
            wrong.push(`${where(c)}: loader ${viaLoader.map(describeActual).join(', ')}, linker ${viaLinker.map(describeActual).join(', ')}`);
          }
        }
      }
    } finally {
      await host.close();
    }
    expect(wrong.slice(0, 30), `${wrong.length} calls differ between the two paths`).toEqual([]);
    expect(compared).toBe(plan.calls.length);
  }, 60_000);
});
