/**
 * `npm run bench`: wasm2obj against its peers on the benchmark kernels, as ratios, in one run.
 *
 *   npm run bench -- [--kernels a,b] [--runs N] [--quick] [--no-large] [--output FILE] ...
 *   node dist/bench/run.js --help
 *
 * For every kernel of bench/kernels (NAME.c, defining `uint64_t bench_run(void)`, and
 * NAME.wasm, the kernel with bench-main.c as a wasm32-wasi command), and every engine of
 * lib/engines.ts (native gcc -O2, wasm2obj build, for x86-64-v3 too where the machine has it,
 * and wasm2obj run, wasm2c + gcc -O2, V8 TurboFan, V8 Liftoff, V8 default tiering):
 *
 *  1. Build (not timed; concurrently, as many at a time as there are cores) each engine's
 *     program; the native one, run once, gives the reference checksum. An engine that
 *     cannot take a kernel (wasm2c on SIMD) is not built for it: its cell says n/a.
 *  2. Compile times (sequential, nothing else running): each compiler on each kernel, and
 *     with --large on fixtures/sqlite3.wasm and a 4× copy of it, which is past the 4 MiB of
 *     bodies above which wasm2obj starts worker threads. Each measurement a fresh process.
 *  3. Run times (sequential): per kernel, an untimed warm-up run of each engine, then
 *     --runs rounds, each running every engine once, in an order that rotates from round
 *     to round. Every run is a fresh process that times its own bench_run call and prints
 *     the checksum, which must equal checksums.txt's and the native build's, or the
 *     engine's result for that kernel is reported wrong and left out of the geomean.
 *
 * The Markdown report (lib/report.ts) goes to stdout and bench/results/<YYYY-MM-DD>.md,
 * progress to stderr. Exit status 0 when every engine built, ran and was right on every
 * kernel; 1 otherwise (the report is written all the same); 2 on bad usage.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  COMPILE_ENGINES,
  RUN_ENGINES,
  WASM2C_NO_SIMD,
  parseRunOutput,
  type CompileEngine,
  type Env,
  type RunEngine,
  type RunEngineId,
} from './lib/engines.js';
import { findKernels, type Kernel } from './lib/kernels.js';
import { localDate, machineHasV3, machineInfo } from './lib/machine.js';
import { USAGE, UsageError, parseOptions, type Options } from './lib/options.js';
import { NODE_CHILD, RESULTS_DIR, RUNTIME_LIB, SQLITE_WASM, W2O_RUN, WASM2OBJ_CLI, displayPath, wasm2cRuntimeDir, which } from './lib/paths.js';
import { Timer, errorText, pool, runTool, type Command } from './lib/proc.js';
import { renderReport } from './lib/report.js';
import type { BenchResults, EngineCompile, KernelResult, ModuleCompile } from './lib/results.js';
import { stats, type Stats } from './lib/stats.js';
import { codeSectionSize, replicateFunctions } from './lib/wasm.js';

/** A measurement whose first run takes longer than this is taken once. */
const SLOW_NS = 20e9;
/** Copies of sqlite3's functions in the large module: 4 × 1.39 MB of bodies is past 4 MiB. */
const LARGE_COPIES = 4;
/** Runs of `node -e 0` for node's start-up cost. */
const STARTUP_RUNS = 7;

const progress = (line: string) => process.stderr.write(`${line}\n`);
const ms = (ns: number) => `${(ns / 1e6).toFixed(ns < 1e8 ? 1 : 0)} ms`;

/** The tools every engine needs, checked before anything is built. */
function checkPrerequisites(engines: readonly RunEngineId[]): string[] {
  const missing: string[] = [];
  for (const tool of ['gcc', 'cc', 'wasm2c']) if (which(tool) === undefined) missing.push(`${tool} is not on the PATH`);
  const files: [string, string][] = [
    [WASM2OBJ_CLI, 'the compiler'],
    [NODE_CHILD, 'the node runner'],
  ];
  if (engines.includes('wasm2obj') || engines.includes('wasm2obj-v3')) files.push([RUNTIME_LIB, 'the runtime library']);
  if (engines.includes('wasm2obj-run')) files.push([W2O_RUN, "the runtime's runner"]);
  for (const [file, what] of files) {
    if (!fs.existsSync(file)) missing.push(`${displayPath(file)} (${what}) is missing: run npm run build`);
  }
  return missing;
}

// ---------------------------------------------------------------------------------------
// 1. Build

interface Prepared {
  /** The command of each engine that built, per kernel. */
  commands: Map<string, Map<RunEngineId, Command>>;
}

/** The checksum of the native build (`engines` has it first, always), run once untimed. */
async function reference(k: KernelResult, native: Command): Promise<void> {
  try {
    k.reference = parseRunOutput(await runTool(native.argv)).checksum;
  } catch (err) {
    k.referenceError = errorText(err);
  }
}

async function buildAll(kernels: KernelResult[], engines: readonly RunEngine[], work: string, env: Env): Promise<Prepared> {
  const commands = new Map<string, Map<RunEngineId, Command>>();
  const tasks: (() => Promise<void>)[] = [];
  for (const k of kernels) {
    const dir = path.join(work, k.kernel.name);
    fs.mkdirSync(dir, { recursive: true });
    const byEngine = new Map<RunEngineId, Command>();
    commands.set(k.kernel.name, byEngine);
    for (const e of engines) {
      const skipped = e.unsupported?.(k.kernel, env);
      if (skipped !== undefined) {
        k.runs.set(e.id, { samples: [], skipped });
        continue;
      }
      const engineDir = path.join(dir, e.id);
      fs.mkdirSync(engineDir, { recursive: true });
      k.runs.set(e.id, { samples: [] });
      tasks.push(async () => {
        let command: Command;
        try {
          command = await e.prepare(k.kernel, engineDir, env);
          byEngine.set(e.id, command);
        } catch (err) {
          k.runs.get(e.id)!.error = `build: ${errorText(err)}`;
          if (e.id === 'native') k.referenceError = `build: ${errorText(err)}`;
          return;
        }
        if (e.id === 'native') await reference(k, command);
      });
    }
  }
  progress(`building ${kernels.length} kernel(s) for ${engines.length} engine(s)...`);
  await pool(tasks, env.jobs);
  return { commands };
}

// ---------------------------------------------------------------------------------------
// 2. Compile times

interface CompileInput {
  name: string;
  file: string;
  /** Engines not run on this module, and why. */
  skip?: Partial<Record<CompileEngine['id'], string>>;
}

function measureCompiles(inputs: CompileInput[], opts: Options, timer: Timer, work: string, env: Env): ModuleCompile[] {
  const out: ModuleCompile[] = [];
  for (const input of inputs) {
    const bytes = fs.readFileSync(input.file);
    const m: ModuleCompile = { name: input.name, wasmBytes: bytes.length, codeBytes: codeSectionSize(bytes), results: new Map() };
    out.push(m);
    const dir = path.join(work, 'compile', input.name.replace(/[^\w.-]+/g, '_'));
    fs.mkdirSync(dir, { recursive: true });
    for (const e of COMPILE_ENGINES) {
      const r: EngineCompile = { samples: [] };
      m.results.set(e.id, r);
      const skip = input.skip?.[e.id];
      if (skip !== undefined) {
        r.skipped = skip;
        continue;
      }
      try {
        for (let i = 0; i < opts.runs; i++) {
          const s = e.measure(input.file, dir, timer, env);
          r.samples.push(s);
          if (i === 0 && s.processNs > SLOW_NS) break;
        }
        const times = r.samples.map((s) => s.ns);
        progress(`compile ${input.name}: ${e.label(env)} ${ms(stats(times).median)}${r.samples.length < opts.runs ? ` (${r.samples.length} run: slow)` : ''}`);
      } catch (err) {
        r.error = errorText(err);
        progress(`compile ${input.name}: ${e.label(env)} failed: ${r.error.split('\n')[0]}`);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// 3. Run times

function runKernel(k: KernelResult, engines: readonly RunEngine[], prepared: Prepared, opts: Options, timer: Timer): void {
  const commands = prepared.commands.get(k.kernel.name)!;
  const active = engines.filter((e) => commands.has(e.id));
  const runOnce = (e: RunEngine, timed: boolean): number | undefined => {
    const r = k.runs.get(e.id)!;
    if (r.error !== undefined) return undefined;
    try {
      const command = commands.get(e.id)!;
      const m = timer.measure(command.argv, { env: command.env });
      const { checksum, callNs } = parseRunOutput(m.stdout);
      // Right means equal to both the kernels' native build and checksums.txt.
      const wanted = [k.reference, k.kernel.expected].filter((c) => c !== undefined);
      if (r.wrong === undefined && (wanted.length === 0 || wanted.some((c) => c !== checksum))) {
        r.wrong =
          `checksum ${checksum}; the native build gives ${k.reference ?? 'nothing (it failed)'}, ` +
          `checksums.txt ${k.kernel.expected ?? 'has no entry'}`;
      }
      if (timed) r.samples.push({ checksum, callNs, wallNs: m.wallNs });
      return callNs;
    } catch (err) {
      r.error = `run: ${errorText(err)}`;
      return undefined;
    }
  };
  if (opts.warmup) {
    progress(`${k.kernel.name}: warm-up run of ${active.length} engine(s)`);
    for (const e of active) runOnce(e, false);
  }
  for (let round = 0; round < opts.runs; round++) {
    const order = active.map((_, i) => active[(i + round) % active.length]!);
    const times: string[] = [];
    for (const e of order) {
      const ns = runOnce(e, true);
      times.push(`${e.id} ${ns === undefined ? 'failed' : ms(ns)}${k.runs.get(e.id)!.wrong !== undefined ? ' WRONG' : ''}`);
    }
    progress(`${k.kernel.name}: run ${round + 1}/${opts.runs}: ${times.join(', ')}`);
  }
}

function measureNodeStartup(timer: Timer): { ms: Stats; rss: number } {
  const runs = Array.from({ length: STARTUP_RUNS }, () => timer.measure([process.execPath, '-e', '0']));
  return { ms: stats(runs.map((r) => r.wallNs / 1e6)), rss: stats(runs.map((r) => r.maxRss)).median };
}

// ---------------------------------------------------------------------------------------

async function main(): Promise<number> {
  let opts: Options;
  try {
    opts = parseOptions(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(err.message === '' ? USAGE : `bench: ${err.message}\n${USAGE}`);
    return err.message === '' ? 0 : 2;
  }
  const env: Env = { jobs: os.availableParallelism(), wasm2cRuntime: wasm2cRuntimeDir(), v3: machineHasV3() };
  const wanted = RUN_ENGINES.filter((e) => e.id === 'native' || opts.engines === undefined || opts.engines.includes(e.id));
  // Engines this machine cannot run at all (wasm2obj for x86-64-v3 without it) have no column.
  const unavailable: string[] = [];
  const engines = wanted.filter((e) => {
    const why = e.unavailable?.(env);
    if (why !== undefined) {
      unavailable.push(`${e.label}: ${why}`);
      progress(`bench: not running ${e.label}: ${why}`);
    }
    return why === undefined;
  });
  const missing = checkPrerequisites(engines.map((e) => e.id));
  if (missing.length > 0) {
    for (const m of missing) process.stderr.write(`bench: ${m}\n`);
    return 2;
  }
  let kernels: Kernel[];
  try {
    kernels = findKernels(opts.dir, opts.kernels);
  } catch (err) {
    process.stderr.write(`bench: ${errorText(err)}\n`);
    return 2;
  }
  if (kernels.length === 0) progress(`bench: no kernels in ${displayPath(opts.dir)} (NAME.c with NAME.wasm): compile times only`);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'w2o-bench-'));
  try {
    const timer = await Timer.build(work);
    const results: BenchResults = {
      date: localDate(),
      machine: machineInfo(),
      options: opts,
      env,
      nodeStartup: undefined,
      nodeStartupRss: undefined,
      runEngines: engines.map((e) => e.id),
      unavailableEngines: unavailable,
      kernels: kernels.map((kernel) => {
        const bytes = fs.readFileSync(kernel.wasm);
        return { kernel, wasmBytes: bytes.length, codeBytes: codeSectionSize(bytes), runs: new Map() };
      }),
      compile: [],
      problems: [],
    };

    const prepared = await buildAll(results.kernels, engines, work, env);

    progress('node start-up...');
    const startup = measureNodeStartup(timer);
    results.nodeStartup = startup.ms;
    results.nodeStartupRss = startup.rss;

    if (opts.compile) {
      const inputs: CompileInput[] = kernels.map((k) => ({ name: k.name, file: k.wasm, skip: k.simd ? { 'wasm2c-gcc': WASM2C_NO_SIMD } : undefined }));
      if (opts.large) {
        const large = path.join(work, `sqlite3x${LARGE_COPIES}.wasm`);
        fs.writeFileSync(large, replicateFunctions(fs.readFileSync(SQLITE_WASM), LARGE_COPIES));
        inputs.push({ name: 'sqlite3.wasm', file: SQLITE_WASM });
        inputs.push({
          name: `sqlite3.wasm ×${LARGE_COPIES} (synthetic)`,
          file: large,
          skip: { 'wasm2c-gcc': `gcc -O2 would take about ${LARGE_COPIES}× the time and memory of the sqlite3.wasm row` },
        });
      }
      results.compile = measureCompiles(inputs, opts, timer, work, env);
    }

    for (const k of results.kernels) runKernel(k, engines, prepared, opts, timer);

    const text = renderReport(results);
    process.stdout.write(text);
    if (opts.output !== '-') {
      const file = opts.output ?? path.join(RESULTS_DIR, `${results.date}.md`);
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      fs.writeFileSync(file, text);
      progress(`written to ${displayPath(path.resolve(file))}`);
    }
    const failed =
      results.kernels.some((k) => k.referenceError !== undefined || (k.kernel.expected !== undefined && k.reference !== k.kernel.expected) || [...k.runs.values()].some((r) => r.error !== undefined || r.wrong !== undefined)) ||
      results.compile.some((m) => [...m.results.values()].some((r) => r.error !== undefined));
    return failed ? 1 : 0;
  } finally {
    if (opts.keep) progress(`work folder kept: ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = await main();
