/**
 * The differential fuzzer: modules that binaryen's `wasm-opt -ttf` makes out of seeded
 * random bytes (restricted to the features wasm2obj compiles), and the boundary-value
 * modules of boundary.ts, each run by V8 and by ours in every configuration (check.ts).
 * A disagreement is minimized with binaryen's `wasm-reduce` and written as a finding.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '../test/helpers/mutate.js';
import { boundaryModule, boundaryOpcodes } from './boundary.js';
import { checkModule, planOf, type Finding } from './check.js';
import { writeFinding } from './findings.js';
import { TimedWorker } from './worker.js';

/** The post-MVP features of 2.0 that binaryen 108 generates in the form the standard has. */
export const TTF_FEATURES = [
  '--enable-sign-ext', '--enable-mutable-globals', '--enable-nontrapping-float-to-int', '--enable-bulk-memory', '--enable-multivalue',
  '--enable-simd',
];

export interface RunOptions {
  readonly seconds: number;
  readonly seed: number;
  readonly findingsDir: string;
  /** Seconds the minimizer may spend on one finding (0: do not minimize). */
  readonly minimizeSeconds: number;
  readonly log: (line: string) => void;
}

export interface RunSummary {
  executions: number;
  calls: number;
  skipped: number;
  findings: string[];
  /** Modules whose only disagreement went away under --denan: NaN payloads the spec leaves open. */
  nanExcused: number;
  /** Problems of the fuzzer itself (not findings about wasm2obj); they fail the run too. */
  harnessErrors: string[];
}

/** A module from `wasm-opt -ttf` for iteration `i`: its random input, size and passes all follow from the seed. */
export function ttfModule(seed: number, i: number, dir: string): Uint8Array | string {
  const rng = mulberry32((seed * 0x9e3779b1 + i) >>> 0);
  const size = 64 + rng.int(rng.int(4) === 0 ? 40_000 : 8_000);
  const input = new Uint8Array(size);
  for (let k = 0; k < size; k++) input[k] = rng.int(256);
  const inFile = join(dir, 'ttf-input.bin');
  const outFile = join(dir, 'ttf.wasm');
  writeFileSync(inFile, input);
  // A third of the modules also go through binaryen's optimizer, for code of other shapes.
  const passes = rng.int(3) === 0 ? [rng.pick(['-O1', '-O2', '-Os', '-O3'])] : [];
  const r = spawnSync('wasm-opt', ['-ttf', inFile, ...TTF_FEATURES, ...passes, '-o', outFile], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) return `wasm-opt failed: ${r.error?.message ?? r.stderr.trim().split('\n')[0]}`;
  return new Uint8Array(readFileSync(outFile));
}

export async function runDifferential(o: RunOptions): Promise<RunSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'w2o-fuzz-'));
  const v8 = new TimedWorker();
  const summary: RunSummary = { executions: 0, calls: 0, skipped: 0, findings: [], harnessErrors: [], nanExcused: 0 };
  const deadline = Date.now() + o.seconds * 1000;
  const report = async (id: string, bytes: Uint8Array, f: Finding, source: string): Promise<void> => {
    o.log(`  FINDING ${id} (${source}): ${f.kind} [${f.config}] ${f.detail}`);
    const minimized = o.minimizeSeconds > 0 ? reduceWasm(bytes, f, dir, o.minimizeSeconds) : undefined;
    const path = writeFinding(o.findingsDir, {
      id, summary: `${f.kind} in configuration ${f.config} (${source})`, detail: f.detail, original: bytes, minimized,
      fileName: 'module.wasm', replay: 'npm run fuzz -- replay {}',
    });
    summary.findings.push(path);
  };
  try {
    // The boundary modules first: a fixed set, so a run always covers every numeric opcode once.
    const opcodes = boundaryOpcodes();
    for (const id of opcodes) {
      if (Date.now() > deadline) break;
      const m = boundaryModule(id);
      const r = await checkModule(m.bytes, m.steps, { dir, v8 });
      summary.executions++;
      if (r.status === 'agree') summary.calls += r.calls;
      else if (r.status === 'skipped') {
        // These modules are ours: one that V8 refuses is a bug of the fuzzer, and fails the run.
        summary.harnessErrors.push(`boundary module of ${m.opcode} skipped: ${r.reason}`);
        o.log(`  ERROR ${summary.harnessErrors.at(-1)}`);
      } else await report(`boundary-${m.opcode}`, m.bytes, r.finding, `boundary values of ${m.opcode}`);
    }
    o.log(`boundary: ${opcodes.length} opcodes, ${summary.calls} calls`);
    for (let i = 0; Date.now() < deadline; i++) {
      const bytes = ttfModule(o.seed, i, dir);
      if (typeof bytes === 'string') {
        summary.skipped++;
        continue;
      }
      const steps = planOf(bytes);
      summary.executions++;
      if (typeof steps === 'string') {
        summary.skipped++;
        continue;
      }
      const r = await checkModule(bytes, steps, { dir, v8 });
      if (r.status === 'agree') summary.calls += r.calls;
      else if (r.status === 'skipped') summary.skipped++;
      else {
        // binaryen's hashMemory export turns stored NaN payloads, which the spec leaves to
        // the engine, into logged integers. A disagreement that goes away once binaryen has
        // made every NaN a 0 (--denan) was about payloads; one that stays is reported on the
        // NaN-free module, whose reduction then cannot wander off into payload noise.
        const denanned = denan(bytes, dir);
        const plan = typeof denanned === 'string' ? denanned : planOf(denanned);
        if (typeof denanned === 'string' || typeof plan === 'string') {
          await report(`differential-${o.seed}-${i}`, bytes, r.finding, `seed ${o.seed}, iteration ${i}`);
        } else {
          const again = await checkModule(denanned, plan, { dir, v8 });
          if (again.status === 'finding') await report(`differential-${o.seed}-${i}`, denanned, again.finding, `seed ${o.seed}, iteration ${i}, --denan`);
          else summary.nanExcused++;
        }
      }
      if (i % 50 === 49) o.log(`  ${summary.executions} modules, ${summary.calls} calls, ${summary.findings.length} findings`);
    }
  } finally {
    await v8.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return summary;
}

/** The module with every NaN a float operation makes replaced by 0 (binaryen's --denan). */
function denan(bytes: Uint8Array, dir: string): Uint8Array | string {
  const inFile = join(dir, 'denan-in.wasm');
  const outFile = join(dir, 'denan-out.wasm');
  writeFileSync(inFile, bytes);
  const r = spawnSync('wasm-opt', [inFile, ...TTF_FEATURES, '--denan', '-o', outFile], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) return `wasm-opt --denan failed: ${r.error?.message ?? r.stderr.trim().split('\n')[0]}`;
  return new Uint8Array(readFileSync(outFile));
}

/**
 * Minimizes a module with `wasm-reduce`, keeping the kind of finding (and its
 * configuration) unchanged: the interestingness test is `fuzz interesting`, which prints
 * the finding's kind. Gives up after `seconds`, keeping what it has reduced so far.
 */
export function reduceWasm(bytes: Uint8Array, f: Finding, dir: string, seconds: number): Uint8Array | undefined {
  const original = join(dir, 'reduce-original.wasm');
  const test = join(dir, 'reduce-test.wasm');
  const work = join(dir, 'reduce-work.wasm');
  writeFileSync(original, bytes);
  const main = join(import.meta.dirname, 'main.js');
  const command = `node ${main} interesting --config ${f.config} ${test}`;
  spawnSync('wasm-reduce', [original, `--command=${command}`, '-t', test, '-w', work, '--force', `--extra-flags=${TTF_FEATURES.join(' ')}`, '--timeout', '20'], {
    timeout: seconds * 1000, stdio: 'ignore',
  });
  try {
    const reduced = new Uint8Array(readFileSync(work));
    return reduced.length < bytes.length ? reduced : undefined;
  } catch {
    return undefined;
  }
}
