/**
 * `npm run bench:startup`: how long a WASI program takes to start, run and exit, by engine.
 *
 *   npm run bench:startup -- [--runs N] [--warmup N] [--output FILE] [--keep]
 *   node dist/bench/startup.js --help
 *
 * The program is bench/startup/hello.wasm (hello.c: one printf), so each measurement is
 * almost all start-up and exit. Every run is a whole process, timed from fork to exit by
 * lib/c/exec-timer.c, and must print "hello, world". The engines:
 *
 *  - `wasm2obj run hello.wasm`, with a warm cache (a private W2O_CACHE_DIR, filled by an
 *    untimed run): node starts the CLI, which finds the object in the cache and starts
 *    the runtime's w2o-run on it;
 *  - the executable of `wasm2obj build hello.wasm`;
 *  - `node hello-node.mjs`: the module under node:wasi, default flags, as a user writes it;
 *  - hello.c built natively by gcc -O2;
 *  - `node -e 0`: node's own start-up, for reference;
 *  - `w2o-run OBJECT.o` on the cached object: the runner alone, which with `node -e 0`
 *    splits `wasm2obj run`'s time into node's start-up, the runner, and the rest (the
 *    CLI's JavaScript: loading its modules, the cache key, the look-up, the spawn).
 *
 * Then, as many times, lib/node-child.ts's startup-parts in a fresh node process times
 * three steps of that rest from inside: loading the run command's modules, the cache
 * key, and spawning the runner until it exits.
 *
 * Method: --warmup untimed rounds (default 3), then --runs rounds (default 30), each running
 * every engine once, in an order that rotates from round to round; median, quartiles and
 * min–max per engine, and the ratio of each median to node:wasi's. The Markdown report
 * (lib/startup-report.ts) goes to stdout and to bench/results/startup-<YYYY-MM-DD>.md.
 * Exit status 0 when every engine ran right every time, 1 otherwise, 2 on bad usage.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localDate, machineInfo } from './lib/machine.js';
import { NODE_CHILD, REPO, RESULTS_DIR, RUNTIME_LIB, W2O_RUN, WASM2OBJ_CLI, displayPath, which } from './lib/paths.js';
import { Timer, errorText, runTool, type Command } from './lib/proc.js';
import { renderStartupReport, type StartupEngine, type StartupResults } from './lib/startup-report.js';

const STARTUP_DIR = path.join(REPO, 'bench/startup');
const HELLO_C = path.join(STARTUP_DIR, 'hello.c');
const HELLO_WASM = path.join(STARTUP_DIR, 'hello.wasm');
const HELLO_NODE = path.join(STARTUP_DIR, 'hello-node.mjs');
const EXPECTED = 'hello, world\n';
const NODE = process.execPath;

const USAGE = `usage: npm run bench:startup -- [options]      (node dist/bench/startup.js after npm run build)

Times the start-up of bench/startup/hello.wasm, a WASI hello-world, as whole processes:
wasm2obj run (warm cache), the wasm2obj build executable, node with node:wasi, the native
gcc build, node -e 0 and w2o-run alone. Writes a Markdown report to stdout and
bench/results/startup-<YYYY-MM-DD>.md.

  --runs N        timed rounds, each running every engine once (default 30)
  --warmup N      untimed rounds first (default 3)
  --output FILE   write the report there instead; '-' writes none
  --keep          keep the work folder (the builds and the cache)
`;

interface Options {
  runs: number;
  warmup: number;
  output: string | undefined;
  keep: boolean;
}

class UsageError extends Error {}

function parseOptions(argv: readonly string[]): Options {
  const opts: Options = { runs: 30, warmup: 3, output: undefined, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const count = (min: number) => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < min) throw new UsageError(`${arg} needs an integer, at least ${min}`);
      return n;
    };
    switch (arg) {
      case '--runs':
        opts.runs = count(1);
        break;
      case '--warmup':
        opts.warmup = count(0);
        break;
      case '--output': {
        const v = argv[++i];
        if (v === undefined) throw new UsageError('--output needs a value');
        opts.output = v;
        break;
      }
      case '--keep':
        opts.keep = true;
        break;
      case '--help':
      case '-h':
        throw new UsageError('');
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  return opts;
}

const progress = (line: string) => process.stderr.write(`${line}\n`);

/** Every file under `dir` whose name ends with `.o`. */
function objectsUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => f.endsWith('.o') && fs.statSync(f).isFile());
}

/** Builds what the engines run, in `work`; the runner alone only when the cache holds one object to give it. */
async function prepare(work: string, timer: Timer): Promise<{ engines: StartupEngine[]; object: string | undefined; notes: string[] }> {
  const notes: string[] = [];
  const native = path.join(work, 'hello-native');
  const built = path.join(work, 'hello-w2o');
  const cache = { W2O_CACHE_DIR: path.join(work, 'cache') };
  await runTool(['gcc', '-O2', '-std=c11', '-o', native, HELLO_C]);
  await runTool([NODE, WASM2OBJ_CLI, 'build', HELLO_WASM, '-o', built]);
  // Fill the cache, then ask again: -v says on stderr whether the object came from the cache.
  const run: Command = { argv: [NODE, WASM2OBJ_CLI, 'run', HELLO_WASM], env: cache };
  const verbose = [NODE, WASM2OBJ_CLI, 'run', '-v', HELLO_WASM];
  const first = timer.measure(verbose, { env: cache });
  const second = timer.measure(verbose, { env: cache });
  const said = (text: string) => firstLine(text).replaceAll(work, '$WORK').replaceAll(`${REPO}/`, '');
  notes.push(`first \`wasm2obj run -v\`, empty cache (${(first.wallNs / 1e6).toFixed(0)} ms), said: ${said(first.stderr)}`);
  notes.push(`the second (${(second.wallNs / 1e6).toFixed(0)} ms): ${said(second.stderr)}`);

  const engines: StartupEngine[] = [
    { id: 'run', label: '`wasm2obj run hello.wasm`', what: 'warm cache: node, the CLI, the cache look-up, then w2o-run', command: run, expect: EXPECTED },
    { id: 'build', label: '`wasm2obj build` executable', what: 'the module linked with the runtime by cc', command: { argv: [built] }, expect: EXPECTED },
    { id: 'node-wasi', label: '`node hello-node.mjs`', what: 'node:wasi, default V8 flags', command: { argv: [NODE, HELLO_NODE, HELLO_WASM] }, expect: EXPECTED },
    { id: 'native', label: 'native (gcc -O2)', what: 'hello.c built natively', command: { argv: [native] }, expect: EXPECTED },
    { id: 'node', label: '`node -e 0`', what: "node's own start-up, no module", command: { argv: [NODE, '-e', '0'] }, expect: '' },
  ];
  const objects = objectsUnder(cache.W2O_CACHE_DIR);
  if (objects.length === 1) {
    engines.push({
      id: 'runner',
      label: '`w2o-run OBJECT.o`',
      what: "the runtime's runner alone on the cached object (mmap loader, no node)",
      command: { argv: [W2O_RUN, objects[0]!] },
      expect: EXPECTED,
    });
  } else {
    notes.push(`the cache holds ${objects.length} objects, not one: the runner alone is not measured`);
  }
  return { engines, object: objects.length === 1 ? objects[0] : undefined, notes };
}

/** The first line of what a command said on stderr, quoted. */
const firstLine = (text: string) => {
  const line = text.trim().split('\n')[0]!;
  return line === '' ? '(nothing on stderr)' : `"${line}"`;
};

function measure(engines: StartupEngine[], opts: Options, timer: Timer, results: StartupResults): void {
  const once = (e: StartupEngine, timed: boolean) => {
    const r = results.runs.get(e.id)!;
    if (r.error !== undefined) return;
    try {
      const m = timer.measure(e.command.argv, { env: e.command.env });
      if (m.stdout !== e.expect) throw new Error(`printed ${JSON.stringify(m.stdout.slice(0, 200))}, not ${JSON.stringify(e.expect)}`);
      if (timed) r.samples.push({ wallNs: m.wallNs, cpuNs: m.cpuNs, maxRss: m.maxRss });
    } catch (err) {
      r.error = errorText(err);
      progress(`${e.id}: ${r.error.split('\n')[0]}`);
    }
  };
  for (let round = 0; round < opts.warmup + opts.runs; round++) {
    const timed = round >= opts.warmup;
    const order = engines.map((_, i) => engines[(i + round) % engines.length]!);
    for (const e of order) once(e, timed);
    if (timed && (round - opts.warmup + 1) % 10 === 0) progress(`round ${round - opts.warmup + 1}/${opts.runs}`);
  }
}

/** The steps of a cached run inside the CLI, `runs` times; a failure is a note, not a failed benchmark. */
function measureParts(object: string, runs: number, timer: Timer, results: StartupResults): void {
  const parts = { importNs: [] as number[], keyNs: [] as number[], runNs: [] as number[] };
  try {
    for (let i = 0; i < runs; i++) {
      const m = timer.measure([NODE, NODE_CHILD, 'startup-parts', HELLO_WASM, object]);
      const [a, b, c] = m.stdout.trim().split(' ').map(Number);
      if (![a, b, c].every((x) => Number.isFinite(x))) throw new Error(`node-child printed '${m.stdout.trim()}'`);
      parts.importNs.push(a!);
      parts.keyNs.push(b!);
      parts.runNs.push(c!);
    }
    results.parts = parts;
  } catch (err) {
    results.notes.push(`the steps inside the CLI could not be timed: ${errorText(err).split('\n')[0]}`);
  }
}

async function main(): Promise<number> {
  let opts: Options;
  try {
    opts = parseOptions(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(err.message === '' ? USAGE : `bench:startup: ${err.message}\n${USAGE}`);
    return err.message === '' ? 0 : 2;
  }
  const missing: string[] = [];
  if (which('gcc') === undefined || which('cc') === undefined) missing.push('gcc and cc must be on the PATH');
  for (const [file, what] of [
    [WASM2OBJ_CLI, 'the compiler'],
    [RUNTIME_LIB, 'the runtime library'],
    [W2O_RUN, "the runtime's runner"],
    [NODE_CHILD, 'the node runner'],
    [HELLO_WASM, 'the program (bench/startup/build.sh makes it)'],
  ] as const) {
    if (!fs.existsSync(file)) missing.push(`${displayPath(file)} (${what}) is missing${file === HELLO_WASM ? '' : ': run npm run build'}`);
  }
  if (missing.length > 0) {
    for (const m of missing) process.stderr.write(`bench:startup: ${m}\n`);
    return 2;
  }

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'w2o-startup-'));
  try {
    const timer = await Timer.build(work);
    progress('building hello: native, wasm2obj build, and the wasm2obj run cache...');
    let prepared: Awaited<ReturnType<typeof prepare>>;
    try {
      prepared = await prepare(work, timer);
    } catch (err) {
      process.stderr.write(`bench:startup: ${errorText(err)}\n`);
      return 1;
    }
    const { engines, object, notes } = prepared;
    const results: StartupResults = {
      date: localDate(),
      machine: machineInfo(),
      wasm2obj: (await runTool([NODE, WASM2OBJ_CLI, '--version'])).trim(),
      rounds: opts.runs,
      warmup: opts.warmup,
      engines,
      runs: new Map(engines.map((e) => [e.id, { samples: [] }])),
      notes,
    };
    progress(`${opts.warmup} untimed and ${opts.runs} timed rounds of ${engines.length} engines...`);
    measure(engines, opts, timer, results);
    if (object !== undefined) {
      progress(`${opts.runs} runs of the steps inside the CLI...`);
      measureParts(object, opts.runs, timer, results);
    }

    const text = renderStartupReport(results);
    process.stdout.write(text);
    if (opts.output !== '-') {
      const file = opts.output ?? path.join(RESULTS_DIR, `startup-${results.date}.md`);
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      fs.writeFileSync(file, text);
      progress(`written to ${displayPath(path.resolve(file))}`);
    }
    return [...results.runs.values()].some((r) => r.error !== undefined) ? 1 : 0;
  } finally {
    if (opts.keep) progress(`work folder kept: ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = await main();
