/**
 * Decode + validate throughput: wasm2obj's `validateModule` against V8's
 * `WebAssembly.validate`, on the same bytes, in the same process, on one thread.
 *
 *   npm run bench:validate -- [--rounds N] [--warmup N] [module.wasm ...]
 *
 * Default module: fixtures/sqlite3.wasm. Method, per module:
 *  1. wasm2obj must accept the module (and V8 too), else the run fails.
 *  2. Warm-up: both validators run until each has had `--warmup` calls and at least
 *     WARMUP_MS of work, so both are past tier-up and the measurements see steady state.
 *  3. Rounds: each round times one sample of each validator, the order alternating from
 *     round to round so that neither always runs right after the other (caches, GC debt).
 *     A sample is a batch of `batch` calls, sized so that a V8 sample lasts at least
 *     MIN_SAMPLE_MS: a single call on a small module is too short for the timer. A full GC
 *     runs before every sample when it can be exposed, so no sample pays for garbage the
 *     other validator left.
 *  4. Report per-call median and min–max, throughput in MB/s (1 MB = 1e6 bytes of the
 *     whole module), and the ratio of wasm2obj's throughput to V8's (median to median).
 *
 * The Markdown report goes to stdout and to bench/results/validate-<YYYY-MM-DD>.md.
 */
import { cpuModel } from './lib/machine.js';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

import { formatWasmError, validateModule } from '../src/translate/index.js';

/** Throughput ratio wasm2obj/V8 that the project aims at. */
const TARGET_RATIO = 1 / 3;
const WARMUP_MS = 500;
const MIN_SAMPLE_MS = 20;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// ---------------------------------------------------------------------------------------
// Options

interface Options {
  rounds: number;
  warmup: number;
  /** Run on one CPU (see pinToOneCpu). */
  pin: boolean;
  files: string[];
}

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: node dist/bench/validate.js [--rounds N] [--warmup N] [--no-pin] [module.wasm ...]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { rounds: 21, warmup: 5, pin: true, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--rounds' || arg === '--warmup') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) usage(`${arg} needs a positive integer`);
      if (arg === '--rounds') opts.rounds = n;
      else opts.warmup = n;
    } else if (arg === '--no-pin') {
      opts.pin = false;
    } else if (arg === '--help' || arg === '-h') {
      usage('Measures decode+validate throughput of wasm2obj against V8.');
    } else if (arg.startsWith('-')) {
      usage(`unknown option ${arg}`);
    } else {
      opts.files.push(arg);
    }
  }
  if (opts.files.length === 0) opts.files.push(path.join(repoRoot, 'fixtures/sqlite3.wasm'));
  return opts;
}

/** Relative to the working directory when below it, else absolute. */
function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

// ---------------------------------------------------------------------------------------
// Timing

/**
 * A full GC when one can be had. `--expose-gc` given after start-up still defines `gc`
 * in contexts created afterwards, so no node flag is needed on the command line.
 * Plain `gc()` collects "all available garbage", which also throws away optimized code,
 * so every sample would pay for optimizing wasm2obj again; a `major` collection does not.
 */
const collectGarbage: () => void = (() => {
  v8.setFlagsFromString('--expose-gc');
  const gc: unknown = vm.runInNewContext('typeof gc === "function" ? gc : undefined');
  if (typeof gc !== 'function') return () => {};
  return () => (gc as (options: object) => void)({ type: 'major', execution: 'sync' });
})();

type Validator = (bytes: Uint8Array<ArrayBuffer>) => boolean;

const validators: { name: string; run: Validator }[] = [
  { name: 'wasm2obj', run: (bytes) => validateModule(bytes).ok },
  { name: 'V8', run: (bytes) => WebAssembly.validate(bytes) },
];

/** Milliseconds per call, averaged over one batch of `batch` calls. */
function sample(run: Validator, bytes: Uint8Array<ArrayBuffer>, batch: number): number {
  collectGarbage();
  const t0 = performance.now();
  for (let i = 0; i < batch; i++) {
    if (!run(bytes)) throw new Error('a validator rejected a module it had accepted during warm-up');
  }
  return (performance.now() - t0) / batch;
}

function warmUp(run: Validator, bytes: Uint8Array<ArrayBuffer>, minCalls: number): number {
  const t0 = performance.now();
  let calls = 0;
  while (calls < minCalls || performance.now() - t0 < WARMUP_MS) {
    run(bytes);
    calls++;
  }
  // The fastest of a few single calls, already warm, sizes the batches.
  let best = Infinity;
  for (let i = 0; i < 5; i++) best = Math.min(best, sample(run, bytes, 1));
  return best;
}

interface Stats {
  median: number;
  min: number;
  max: number;
}

function stats(times: number[]): Stats {
  const s = [...times].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s[s.length - 1]! };
}

// ---------------------------------------------------------------------------------------
// Heap

interface HeapUse {
  /** heapUsed right after the call minus before it: all it allocated, unless a GC ran. */
  allocated: number;
  /** heapUsed after a full GC with the result still referenced: the ModuleInfo's size. */
  retained: number;
  /** A GC ran during the call, so `allocated` is only a lower bound. */
  gcDuringCall: boolean;
}

/** Rough heap cost of one validateModule call, measured apart from the timed rounds. */
async function measureHeap(bytes: Uint8Array): Promise<HeapUse> {
  const gcStarts: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcStarts.push(e.startTime);
  });
  observer.observe({ entryTypes: ['gc'] });

  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const result = validateModule(bytes);
  const t1 = performance.now();
  const afterCall = process.memoryUsage().heapUsed;
  collectGarbage();
  const afterGc = process.memoryUsage().heapUsed;

  // GC entries are delivered asynchronously: let them arrive.
  await new Promise((resolve) => setTimeout(resolve, 10));
  observer.disconnect();
  if (!result.ok) throw new Error('unreachable: module was accepted before');
  return {
    allocated: afterCall - before,
    retained: afterGc - before,
    gcDuringCall: gcStarts.some((t) => t >= t0 && t <= t1),
  };
}

// ---------------------------------------------------------------------------------------
// One CPU

/** Set in the re-executed, pinned process. */
const PINNED = process.env['W2O_BENCH_PINNED'] !== undefined;

/**
 * The comparison is single-threaded, but V8's WebAssembly.validate is not: it validates
 * function bodies on worker threads when cores are free (on 2 cores about 1.8 cores of CPU
 * per call). Pinning the whole process to one CPU with `taskset` gives both validators
 * the same single core. Re-executes this script pinned and exits with its status.
 */
function pinToOneCpu(): never {
  const script = fileURLToPath(import.meta.url);
  const r = spawnSync('taskset', ['-c', '0', process.execPath, script, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, W2O_BENCH_PINNED: '1' },
  });
  if (r.error) usage(`cannot pin to one CPU (${r.error.message}): install util-linux's taskset, or pass --no-pin`);
  process.exit(r.status ?? 1);
}

// ---------------------------------------------------------------------------------------
// First call in a fresh process

/** How many fresh processes measure the first call, per validator. */
const COLD_RUNS = 5;

/**
 * Child mode (`--first-call NAME FILE`): time the very first call of one validator in
 * this fresh process, JIT warm-up included, and print the milliseconds. This is what a
 * one-shot `wasm2obj validate` pays.
 */
function firstCallChild(name: string, file: string): void {
  const bytes = new Uint8Array(fs.readFileSync(file));
  const validator = validators.find((v) => v.name === name);
  if (!validator) usage(`unknown validator ${name}`);
  const t0 = performance.now();
  const ok = validator.run(bytes);
  const ms = performance.now() - t0;
  if (!ok) throw new Error(`${name} rejected ${file}`);
  process.stdout.write(`${ms}\n`);
}

function firstCall(name: string, file: string): Stats {
  const script = fileURLToPath(import.meta.url);
  const times: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const out = execFileSync(process.execPath, [script, '--first-call', name, file], { encoding: 'utf8' });
    times.push(Number(out.trim()));
  }
  return stats(times);
}

// ---------------------------------------------------------------------------------------
// Modules

interface Result {
  file: string;
  size: number;
  codeSize: number | undefined;
  batch: number;
  ours: Stats;
  v8: Stats;
  heap: HeapUse;
  firstOurs: Stats;
  firstV8: Stats;
}

/** Payload size of the code section (id 10), read straight from the section headers. */
function codeSectionSize(bytes: Uint8Array): number | undefined {
  let pos = 8;
  const leb = (): number => {
    let result = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = bytes[pos++]!;
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  };
  while (pos < bytes.length) {
    const id = bytes[pos++]!;
    const size = leb();
    if (id === 10) return size;
    pos += size;
  }
  return undefined;
}

async function benchModule(file: string, opts: Options): Promise<Result> {
  // A copy in a plain ArrayBuffer (a Buffer may share a pooled one), as WebAssembly.validate wants.
  const bytes = new Uint8Array(fs.readFileSync(file));
  const label = displayPath(file);

  const first = validateModule(bytes);
  if (!first.ok) {
    process.stderr.write(`wasm2obj rejects ${label}:\n${formatWasmError(label, first.error)}\n`);
    process.exit(1);
  }
  if (!WebAssembly.validate(bytes)) {
    process.stderr.write(`V8 rejects ${label}, which wasm2obj accepts: not a benchmark input\n`);
    process.exit(1);
  }

  process.stderr.write(`${label}: warming up...\n`);
  const single = validators.map((v) => warmUp(v.run, bytes, opts.warmup));
  const fastest = Math.min(...single);
  const batch = Math.max(1, Math.ceil(MIN_SAMPLE_MS / Math.max(fastest, 1e-3)));

  process.stderr.write(`${label}: ${opts.rounds} rounds of ${batch} call(s) per validator...\n`);
  const times: number[][] = validators.map(() => []);
  for (let round = 0; round < opts.rounds; round++) {
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const v of order) times[v]!.push(sample(validators[v]!.run, bytes, batch));
  }

  return {
    file: label,
    size: bytes.length,
    codeSize: codeSectionSize(bytes),
    batch,
    ours: stats(times[0]!),
    v8: stats(times[1]!),
    heap: await measureHeap(bytes),
    firstOurs: firstCall('wasm2obj', file),
    firstV8: firstCall('V8', file),
  };
}

// ---------------------------------------------------------------------------------------
// Report

function localDate(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const fmtBytes = (bytes: number) => bytes.toLocaleString('en-US');
const fmtMB = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

function fmtMs(ms: number): string {
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  if (ms >= 1) return ms.toFixed(2);
  return ms.toPrecision(3);
}

const fmtTime = (s: Stats) => `${fmtMs(s.median)} (${fmtMs(s.min)}–${fmtMs(s.max)})`;
const throughput = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1e3);

function report(results: Result[], opts: Options): string {
  const lines: string[] = [];
  lines.push(`# validate: wasm2obj vs V8, ${localDate()}`);
  lines.push('');
  lines.push(
    PINNED
      ? `- CPU: ${cpuModel()} (${os.cpus().length} logical cores); the whole process pinned to CPU 0, so V8 validates on one core too`
      : `- CPU: ${cpuModel()} (${os.cpus().length} logical cores); not pinned (--no-pin): V8 may validate on several cores`,
  );
  lines.push(`- Node ${process.version} (V8 ${process.versions.v8}), ${os.platform()} ${os.arch()}`);
  lines.push(
    `- ${opts.rounds} interleaved rounds after warm-up; times are per call, in ms: median (min–max); ` +
      'MB/s from the median, 1 MB = 1e6 bytes of the whole module',
  );
  lines.push(
    `- ratio = wasm2obj throughput / V8 throughput, from the medians; target ≥ ${TARGET_RATIO.toFixed(2)}. ` +
      'best = the same from the fastest samples, steadier on a busy machine',
  );
  lines.push('');
  lines.push('| module | bytes | code section bytes | calls/sample | wasm2obj ms | wasm2obj MB/s | V8 ms | V8 MB/s | ratio | best |');
  lines.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const r of results) {
    const ratio = r.v8.median / r.ours.median;
    const verdict = ratio >= TARGET_RATIO ? '' : ' (below target)';
    lines.push(
      `| ${r.file} | ${fmtBytes(r.size)} | ${r.codeSize === undefined ? '–' : fmtBytes(r.codeSize)} | ${r.batch} ` +
        `| ${fmtTime(r.ours)} | ${throughput(r.size, r.ours.median).toFixed(1)} ` +
        `| ${fmtTime(r.v8)} | ${throughput(r.size, r.v8.median).toFixed(1)} ` +
        `| **${ratio.toFixed(2)}**${verdict} | ${(r.v8.min / r.ours.min).toFixed(2)} |`,
    );
  }
  lines.push('');
  lines.push(
    `First call in a fresh process (JIT warm-up included, as a one-shot \`wasm2obj validate\` pays it), ` +
      `ms, median (min–max) of ${COLD_RUNS} processes:`,
  );
  lines.push('');
  lines.push('| module | wasm2obj ms | V8 ms | ratio |');
  lines.push('|---|--:|--:|--:|');
  for (const r of results) {
    lines.push(`| ${r.file} | ${fmtTime(r.firstOurs)} | ${fmtTime(r.firstV8)} | ${(r.firstV8.median / r.firstOurs.median).toFixed(2)} |`);
  }
  lines.push('');
  lines.push('wasm2obj heap per call, rough (V8 validates off the JS heap, so it has no counterpart):');
  lines.push('');
  lines.push('| module | allocated | retained (ModuleInfo) |');
  lines.push('|---|--:|--:|');
  for (const r of results) {
    const allocated = `${r.heap.gcDuringCall ? '≥ ' : ''}${fmtMB(r.heap.allocated)}`;
    lines.push(`| ${r.file} | ${allocated} | ${fmtMB(Math.max(0, r.heap.retained))} |`);
  }
  lines.push('');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------

if (process.argv[2] === '--first-call') {
  firstCallChild(process.argv[3]!, process.argv[4]!);
  process.exit(0);
}
const opts = parseArgs(process.argv.slice(2));
if (opts.pin && !PINNED) pinToOneCpu();
const results: Result[] = [];
for (const file of opts.files) results.push(await benchModule(path.resolve(file), opts));

const text = report(results, opts);
process.stdout.write(text);
const outDir = path.join(repoRoot, 'bench/results');
fs.mkdirSync(outDir, { recursive: true });
const outFile = path.join(outDir, `validate-${localDate()}.md`);
fs.writeFileSync(outFile, text);
process.stderr.write(`written to ${displayPath(outFile)}\n`);
