/** The command line of `npm run bench` (bench/run.ts). */
import path from 'node:path';
import { KERNELS_DIR } from './paths.js';
import { RUN_ENGINES, type RunEngineId } from './engines.js';

export interface Options {
  /** Kernel names, in order; undefined: every kernel of `dir`. */
  kernels: string[] | undefined;
  /** Timed runs per kernel and engine, and per module and compiler. */
  runs: number;
  /** One untimed run of each engine before the timed ones. */
  warmup: boolean;
  /** Compile-only measurements on the large modules (sqlite3.wasm and a 4× copy). */
  large: boolean;
  /** Compile-time measurements at all. */
  compile: boolean;
  /** Run-time engines to measure (native always included: it is the reference). */
  engines: RunEngineId[] | undefined;
  /** The kernels' folder. */
  dir: string;
  /** Where the report goes; undefined: bench/results/<date>.md; '-': nowhere but stdout. */
  output: string | undefined;
  /** Keep the work folder (builds, objects) and say where it is. */
  keep: boolean;
  quick: boolean;
}

export const USAGE = `usage: npm run bench -- [options]      (node dist/bench/run.js after npm run build)

Runs every kernel of bench/kernels (WASI commands) on native gcc -O2, wasm2obj (build,
build for x86-64-v3 where the machine has it, and run), wasm2c + gcc -O2 (not on the
simd_* kernels) and V8 through node:wasi (TurboFan, Liftoff, default tiering), measures
compile times, and writes a Markdown report to stdout and bench/results/<YYYY-MM-DD>.md.

  --kernels a,b     only these kernels (default: all of them)
  --runs N          timed runs per measurement (default 5)
  --quick           1 run, no warm-up, no large-module compiles: a smoke run
  --large           compile-time of fixtures/sqlite3.wasm and a 4x copy (default, except --quick)
  --no-large        leave them out
  --no-compile      no compile-time measurements at all
  --engines a,b     run-time engines: native, wasm2obj, wasm2obj-v3, wasm2obj-run, wasm2c,
                    v8-turbofan, v8-liftoff, v8-default (native always runs)
  --dir DIR         the kernels' folder (default bench/kernels)
  --output FILE     write the report there instead; '-' writes none
  --keep            keep the work folder
`;

export class UsageError extends Error {}

const ENGINE_IDS: readonly RunEngineId[] = RUN_ENGINES.map((e) => e.id);


const list = (value: string | undefined, option: string): string[] => {
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${option} needs a comma-separated list`);
  const items = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) throw new UsageError(`${option} needs a comma-separated list`);
  return items;
};

export function parseOptions(argv: readonly string[]): Options {
  let runs: number | undefined;
  let large: boolean | undefined;
  const opts: Options = {
    kernels: undefined,
    runs: 5,
    warmup: true,
    large: true,
    compile: true,
    engines: undefined,
    dir: KERNELS_DIR,
    output: undefined,
    keep: false,
    quick: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--kernels':
        opts.kernels = list(argv[++i], arg);
        break;
      case '--runs': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) throw new UsageError('--runs needs a positive integer');
        runs = n;
        break;
      }
      case '--quick':
        opts.quick = true;
        break;
      case '--large':
        large = true;
        break;
      case '--no-large':
        large = false;
        break;
      case '--no-compile':
        opts.compile = false;
        break;
      case '--engines': {
        const ids = list(argv[++i], arg);
        const unknown = ids.filter((id) => !(ENGINE_IDS as readonly string[]).includes(id));
        if (unknown.length > 0) throw new UsageError(`unknown engine ${unknown.join(', ')} (the engines are ${ENGINE_IDS.join(', ')})`);
        opts.engines = ids as RunEngineId[];
        break;
      }
      case '--dir':
        opts.dir = path.resolve(value());
        break;
      case '--output':
        opts.output = value();
        break;
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
  if (opts.quick) {
    opts.runs = 1;
    opts.warmup = false;
    opts.large = false;
  }
  if (runs !== undefined) opts.runs = runs;
  if (large !== undefined) opts.large = large;
  return opts;
}
