/**
 * The hostile-input fuzzer. Two parts:
 *  - the command line against inputs and outputs a user gets wrong (paths that do not
 *    exist or are directories, empty and huge files, an output in a missing directory or
 *    on a directory), each with the outcome it must have;
 *  - seeded mutants of valid modules (test/helpers/mutate.ts) through the decoder,
 *    validator, compiler and linker in a worker thread, and every so often through the
 *    CLI as a child process.
 * Every case must end in a clean rejection (exit 1, one line naming the file and the
 * problem, no stack trace, no output left behind) or a valid object (readelf accepts it
 * without a warning); a crash, an exception that escapes, a hang or a partial output is a
 * finding. Findings are minimized by deleting byte ranges while the failure stays.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../src/wast/wast-json.js';
import { mutate } from '../test/helpers/mutate.js';
import { boundaryModule, boundaryOpcodes } from './boundary.js';
import { ttfModule } from './differential.js';
import { writeFinding } from './findings.js';
import type { RunOptions, RunSummary } from './differential.js';
import { TimedWorker, type CompileResult } from './worker.js';

const CLI = join(repoRoot(), 'dist/src/cli/main.js');
const COMPILE_TIMEOUT_MS = 20_000;
/** Every Nth compiled mutant is checked with readelf, every Mth goes through the CLI as well. */
const READELF_EVERY = 20;
const CLI_EVERY = 40;

interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  error: Error | undefined;
}

function cli(args: string[], cwd: string): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, error: r.error };
}

/** What is wrong with a CLI run that should have rejected its input with `expect` in the message, or undefined. */
function cleanRejection(r: CliRun, expect: RegExp, outDir: string, before: readonly string[] = []): string | undefined {
  if (r.error !== undefined) return `did not finish: ${r.error.message}`;
  if (r.status !== 1) return `exit ${r.status ?? r.signal}, expected 1`;
  if (/^\s+at /m.test(r.stderr)) return `stack trace on stderr: ${r.stderr}`;
  if (!expect.test(r.stderr)) return `stderr does not say ${expect}: ${JSON.stringify(r.stderr)}`;
  const lines = r.stderr.trim().split('\n');
  if (lines.length > 2 || (lines.length === 2 && lines[1] !== "Try 'wasm2obj --help'.")) return `more than one line on stderr: ${JSON.stringify(r.stderr)}`;
  const left = (existsSync(outDir) ? readdirSync(outDir) : []).filter((f) => !before.includes(f));
  if (left.length > 0) return `left files behind: ${left.join(', ')}`;
  return undefined;
}

/** readelf's complaints about an object, or undefined when it takes it silently. */
function readelfComplaint(path: string): string | undefined {
  const r = spawnSync('readelf', ['-W', '-a', path], { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status !== 0 || r.stderr.trim() !== '') return `readelf: exit ${r.status}: ${r.stderr.trim().split('\n').slice(0, 3).join(' / ')}`;
  return undefined;
}

interface CliCase {
  readonly name: string;
  /** Makes the inputs in `dir` and returns the arguments; outputs go to `dir/out`. */
  readonly setup: (dir: string) => string[];
  readonly expect: RegExp;
}

const CLI_CASES: readonly CliCase[] = [
  { name: 'missing input', setup: (d) => [join(d, 'nope.wasm'), '-o', join(d, 'out/x.o')], expect: /nope\.wasm: error: cannot read: no such file/ },
  { name: 'directory as input', setup: (d) => (mkdirSync(join(d, 'dir.wasm')), [join(d, 'dir.wasm'), '-o', join(d, 'out/x.o')]), expect: /dir\.wasm: error: cannot read: is a directory/ },
  { name: 'empty file', setup: (d) => (writeFileSync(join(d, 'empty.wasm'), ''), [join(d, 'empty.wasm'), '-o', join(d, 'out/x.o')]), expect: /empty\.wasm:0x0: error: / },
  { name: 'text, not binary', setup: (d) => (writeFileSync(join(d, 't.wasm'), '(module)\n'), [join(d, 't.wasm'), '-o', join(d, 'out/x.o')]), expect: /t\.wasm:0x0: error: .*magic/ },
  {
    name: 'huge file (3 GiB, sparse)',
    setup: (d) => {
      const fd = openSync(join(d, 'huge.wasm'), 'w');
      ftruncateSync(fd, 3 * 2 ** 30);
      closeSync(fd);
      return [join(d, 'huge.wasm'), '-o', join(d, 'out/x.o')];
    },
    expect: /huge\.wasm: error: cannot read: file too large/,
  },
  {
    name: 'large file of zeros (256 MiB, sparse)',
    setup: (d) => {
      const fd = openSync(join(d, 'zeros.wasm'), 'w');
      ftruncateSync(fd, 256 * 2 ** 20);
      closeSync(fd);
      return [join(d, 'zeros.wasm'), '-o', join(d, 'out/x.o')];
    },
    expect: /zeros\.wasm:0x0: error: .*magic/,
  },
  {
    name: 'output in a missing directory',
    setup: (d) => (writeFileSync(join(d, 'ok.wasm'), VALID), [join(d, 'ok.wasm'), '-o', join(d, 'out/missing/x.o')]),
    expect: /error: cannot write .*missing\/x\.o: /,
  },
  {
    name: 'output is a directory',
    setup: (d) => (writeFileSync(join(d, 'ok.wasm'), VALID), mkdirSync(join(d, 'out/x.o'), { recursive: true }), [join(d, 'ok.wasm'), '-o', join(d, 'out/x.o')]),
    expect: /error: cannot write .*x\.o: /,
  },
  {
    name: 'header in a missing directory',
    setup: (d) => (writeFileSync(join(d, 'ok.wasm'), VALID), [join(d, 'ok.wasm'), '-o', join(d, 'out/x.o'), '--header', join(d, 'out/no/x.h')]),
    expect: /error: cannot write .*no\/x\.h: /,
  },
  { name: 'unknown option', setup: (d) => ['--frobnicate', join(d, 'x.wasm')], expect: /unknown option 'frobnicate'/ },
  { name: 'no input', setup: () => [], expect: /no input module given/ },
];
/** The smallest valid module: magic and version. */
const VALID = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);

export async function runHostile(o: RunOptions): Promise<RunSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'w2o-hostile-'));
  const worker = new TimedWorker();
  const summary: RunSummary = { executions: 0, calls: 0, skipped: 0, findings: [], harnessErrors: [], nanExcused: 0 };
  const deadline = Date.now() + o.seconds * 1000;
  const finding = (id: string, summaryText: string, detail: string, original: Uint8Array, minimized?: Uint8Array): void => {
    o.log(`  FINDING ${id}: ${summaryText}: ${detail.split('\n')[0]}`);
    summary.findings.push(
      writeFinding(o.findingsDir, { id, summary: summaryText, detail, original, minimized, fileName: 'input.wasm', replay: 'npm run fuzz -- replay-hostile {}' }),
    );
  };
  try {
    // 1. The command line against what users get wrong.
    for (const c of CLI_CASES) {
      const caseDir = join(dir, `cli-${summary.executions}`);
      mkdirSync(join(caseDir, 'out'), { recursive: true });
      const args = c.setup(caseDir);
      const before = readdirSync(join(caseDir, 'out'));
      const why = cleanRejection(cli(args, caseDir), c.expect, join(caseDir, 'out'), before);
      summary.executions++;
      if (why !== undefined) finding(`hostile-cli-${c.name.replace(/\W+/g, '-')}`, `CLI: ${c.name}`, `wasm2obj ${args.join(' ')}\n${why}`, new Uint8Array());
      rmSync(caseDir, { recursive: true, force: true });
    }
    o.log(`hostile: ${CLI_CASES.length} command-line cases`);

    // 2. Mutants of valid modules.
    const pool = seedPool(o.seed, dir);
    o.log(`hostile: ${pool.length} seed modules`);
    let compiled = 0;
    for (let i = 0; Date.now() < deadline; i++) {
      const seedModule = pool[i % pool.length]!;
      const mutant = mutate(seedModule.bytes, (Math.imul(o.seed, 0x9e3779b1) + i) >>> 0);
      summary.executions++;
      const problem = await checkMutant(worker, mutant.bytes, dir, compiled % READELF_EVERY === 0, i % CLI_EVERY === 0);
      if (problem?.compiled) compiled++;
      if (problem?.why !== undefined) {
        const minimized = o.minimizeSeconds > 0 ? await minimizeBytes(mutant.bytes, problem.why, worker, dir, o.minimizeSeconds) : undefined;
        finding(`hostile-${o.seed}-${i}`, `mutant of ${seedModule.name} (${mutant.desc})`, problem.why, mutant.bytes, minimized);
      }
      if (i % 500 === 499) o.log(`  ${summary.executions} inputs, ${compiled} compiled, ${summary.findings.length} findings`);
    }
  } finally {
    await worker.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return summary;
}

interface MutantProblem {
  compiled: boolean;
  why: string | undefined;
}

/** Runs one input through the pipeline (and, when asked, readelf and the CLI); says what is wrong. */
export async function checkMutant(worker: TimedWorker, bytes: Uint8Array, dir: string, readelf: boolean, viaCli: boolean): Promise<MutantProblem> {
  const r = await worker.run({ type: 'compile', bytes, boundsChecks: false }, COMPILE_TIMEOUT_MS);
  if (!r.ok) return { compiled: false, why: `pipeline ${r.reason}: ${r.detail}` };
  const why = judge(r.value, bytes.length);
  if (why !== undefined) return { compiled: false, why };
  const compiled = r.value.outcome === 'object';
  if (compiled && readelf) {
    const path = join(dir, 'mutant.o');
    writeFileSync(path, (r.value as { object: Uint8Array }).object);
    const complaint = readelfComplaint(path);
    if (complaint !== undefined) return { compiled, why: complaint };
  }
  if (viaCli) {
    const input = join(dir, 'mutant.wasm');
    const outDir = join(dir, 'cli-out');
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir);
    writeFileSync(input, bytes);
    const run = cli([input, '-o', join(outDir, 'm.o')], dir);
    if (compiled) {
      if (run.status !== 0) return { compiled, why: `CLI: exit ${run.status ?? run.signal} on a module the pipeline compiles: ${run.stderr.trim()}` };
      const left = readdirSync(outDir);
      if (left.length !== 1 || left[0] !== 'm.o') return { compiled, why: `CLI left ${left.join(', ')}` };
    } else {
      const w = cleanRejection(run, /mutant\.wasm:0x[0-9a-f]+: error: /, outDir);
      if (w !== undefined) return { compiled, why: `CLI: ${w}` };
    }
  }
  return { compiled, why: undefined };
}

function judge(r: CompileResult, length: number): string | undefined {
  if (r.outcome === 'bug') return `exception: ${r.error}`;
  if (r.outcome === 'rejected') {
    if (!(Number.isInteger(r.offset) && r.offset >= 0 && r.offset <= length)) return `rejection at offset ${r.offset}, outside the input (${length} bytes)`;
    if (r.reason.trim() === '') return 'rejection without a reason';
  }
  return undefined;
}

/**
 * Deletes byte ranges (halves, then quarters, ... down to single bytes) while the input
 * still fails the same way (the first word of the problem stays the same).
 */
async function minimizeBytes(bytes: Uint8Array, why: string, worker: TimedWorker, dir: string, seconds: number): Promise<Uint8Array | undefined> {
  const deadline = Date.now() + seconds * 1000;
  const kind = (w: string | undefined): string | undefined => w?.split(':')[0];
  const target = kind(why);
  let best = bytes;
  for (let chunk = best.length >> 1; chunk >= 1 && Date.now() < deadline; chunk >>= 1) {
    for (let at = 0; at + chunk <= best.length && Date.now() < deadline; ) {
      const candidate = new Uint8Array(best.length - chunk);
      candidate.set(best.subarray(0, at));
      candidate.set(best.subarray(at + chunk), at);
      const p = await checkMutant(worker, candidate, dir, why.startsWith('readelf'), why.startsWith('CLI'));
      if (kind(p.why) === target) best = candidate;
      else at += chunk;
    }
  }
  return best.length < bytes.length ? best : undefined;
}

interface SeedModule {
  name: string;
  bytes: Uint8Array;
}

/** The valid modules that get mutated: the repo's fixtures and kernels, boundary modules, -ttf modules. */
function seedPool(seed: number, dir: string): SeedModule[] {
  const pool: SeedModule[] = [];
  const root = repoRoot();
  for (const sub of ['fixtures', 'fixtures/example', 'bench/kernels']) {
    for (const f of readdirSync(join(root, sub))) {
      // SQLite's 1.5 MB would make every mutant cost a full compile of it.
      if (f.endsWith('.wasm') && f !== 'sqlite3.wasm') pool.push({ name: `${sub}/${f}`, bytes: new Uint8Array(readFileSync(join(root, sub, f))) });
    }
  }
  const ops = boundaryOpcodes();
  for (let k = 0; k < 4; k++) {
    const m = boundaryModule(ops[(seed + k * 37) % ops.length]!);
    pool.push({ name: `boundary ${m.opcode}`, bytes: m.bytes });
  }
  for (let k = 0; k < 12; k++) {
    const m = ttfModule(seed, 1_000_000 + k, dir);
    if (typeof m !== 'string') pool.push({ name: `wasm-opt -ttf (seed ${seed}, ${1_000_000 + k})`, bytes: m });
  }
  return pool;
}
