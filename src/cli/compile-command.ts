/**
 * `wasm2obj IN.wasm [-o] OUT.o`, the default command: decode, compile every function (on
 * worker threads), link, and write the object (and with `--header`, its C header).
 *
 * Failure modes, each one line on standard error and no output file left behind:
 *   - the input cannot be read:              `FILE: error: cannot read: REASON`, exit 1
 *   - it is malformed or invalid, or uses a feature the compiler does not support yet
 *     (an error with a byte offset):          `FILE:0xOFF: error: REASON (func N "name")`, exit 1
 *   - the usage is wrong (bad prefix, -O1, a --target-cpu this machine is below):
 *                                            `wasm2obj: error: REASON`, exit 1
 *   - an output cannot be written:           `wasm2obj: error: cannot write OUT: REASON`, exit 1
 *   - anything else is a bug of wasm2obj, reported by main.ts as an internal error, exit 2.
 * Outputs are written to a temporary file in their own folder and renamed into place once
 * complete, so a reader never sees half an object, and a failed run leaves none.
 *
 * Progress goes to standard error, only when asked (`--verbose`) or when the work takes
 * long enough for a user to wonder (`PROGRESS_AFTER_MS`, pipeline.ts); standard output stays empty.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defaultJobs } from '../codegen/compile-module.js';
import { generateModuleHeader, isCIdentifier, prefixFromFileName } from '../link/index.js';
import { STDIN_ARG, displayName, readInput } from './input.js';
import { Progress, compileBytes, writeAtomically } from './pipeline.js';
import { TargetCpuError, resolveTargetCpu } from './target-cpu.js';
import type { CpuLevel } from '../abi/cpu.js';

/** The optimization levels `-O` takes, and which of them exist. */
export const OPT_LEVELS_AVAILABLE = ['0'] as const;
export const OPT_LEVELS_PLANNED = ['1', '2', 's'] as const;

export interface CompileArgs {
  input: string;
  /** The positional output. */
  output: string | undefined;
  /** `-o`. */
  o: string | undefined;
  header: string | undefined;
  prefix: string | undefined;
  jobs: number | undefined;
  /** `-O`'s level: '0', '1', ... */
  O: string;
  boundsChecks: boolean;
  /** `--target-cpu`: a level's name or `native`. */
  targetCpu: string;
  verbose: boolean;
}

/** A reason the command line cannot be acted on. */
class UsageError extends Error {}

export async function runCompile(args: CompileArgs): Promise<number> {
  const file = displayName(args.input);
  // `wasm2obj valdate x.wasm`: a mistyped command reads as a missing input file.
  if (/^[a-z][a-z-]*$/.test(args.input) && !fs.existsSync(args.input)) {
    process.stderr.write(`wasm2obj: error: no command or file named '${args.input}' (the commands are build, run, cache, validate and wast; see --help)\n`);
    return 1;
  }
  let settings: Settings;
  try {
    settings = resolveSettings(args);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`wasm2obj: error: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const input = readInput(args.input);
  if (!input.ok) {
    process.stderr.write(`${file}: error: ${input.reason}\n`);
    return 1;
  }

  const progress = new Progress(file, args.verbose);
  const built = await compileBytes(
    input.bytes,
    { file, prefix: settings.prefix, fileName: settings.fileName, jobs: settings.jobs, boundsChecks: args.boundsChecks, cpuLevel: settings.cpuLevel },
    progress,
  );
  if (built === undefined) return 1;
  const { module: m, object } = built;
  const outputs: [string, Uint8Array | string][] = [[settings.output, object]];
  if (args.header !== undefined) outputs.push([args.header, generateModuleHeader(m, settings.prefix)]);
  const failed = writeAtomically(outputs);
  if (failed !== undefined) {
    process.stderr.write(`wasm2obj: error: cannot write ${failed.file}: ${failed.reason}\n`);
    return 1;
  }
  progress.done(outputs.map(([f]) => f));
  return 0;
}

interface Settings {
  output: string;
  prefix: string;
  jobs: number;
  fileName: string;
  cpuLevel: CpuLevel;
}

function resolveSettings(args: CompileArgs): Settings {
  if (!(OPT_LEVELS_AVAILABLE as readonly string[]).includes(args.O)) {
    if ((OPT_LEVELS_PLANNED as readonly string[]).includes(args.O)) {
      throw new UsageError(`-O${args.O} is not available yet: the baseline tier (-O0) is the only one so far`);
    }
    throw new UsageError(`unknown optimization level '-O${args.O}' (the levels are -O0, -O1, -O2, -Os; only -O0 exists so far)`);
  }
  const jobs = args.jobs ?? defaultJobs();
  if (!(Number.isInteger(jobs) && jobs >= 1)) throw new UsageError(`-j takes a number of threads (1 or more), not '${args.jobs}'`);

  if (args.o !== undefined && args.output !== undefined && args.o !== args.output) {
    throw new UsageError(`two outputs given ('${args.output}' and -o '${args.o}')`);
  }
  if (args.output !== undefined && /\.wasm$/i.test(args.output)) {
    // `wasm2obj a.wasm b.wasm` is more likely two inputs than a wish to overwrite b.wasm.
    throw new UsageError(`the output '${args.output}' is named like a module: one input at a time, and name a .wasm output with -o`);
  }
  const stdin = args.input === STDIN_ARG;
  let output = args.o ?? args.output;
  if (output === undefined) {
    if (stdin) throw new UsageError('reading standard input: name the output with -o');
    output = `${path.basename(args.input).replace(/\.wasm$/i, '')}.o`;
  }
  if (output === STDIN_ARG) throw new UsageError('the object cannot go to standard output: name a file');
  if (!stdin && path.resolve(output) === path.resolve(args.input)) throw new UsageError(`the output '${output}' is the input`);
  if (args.header !== undefined && path.resolve(args.header) === path.resolve(output)) {
    throw new UsageError(`the header and the object are both '${output}'`);
  }

  let prefix = args.prefix;
  if (prefix !== undefined) {
    if (!isCIdentifier(prefix)) throw new UsageError(`--prefix '${prefix}' is not a C identifier ([A-Za-z_][A-Za-z0-9_]*)`);
  } else {
    prefix = stdin ? 'stdin' : prefixFromFileName(args.input);
    if (prefix === undefined) throw new UsageError(`no prefix can be made from the file name '${args.input}': give --prefix`);
  }
  // The runtime's names are w2o_*: <prefix>_instantiate or an export could clash with them.
  if (prefix === 'w2o' || prefix.startsWith('w2o_')) {
    throw new UsageError(`the prefix '${prefix}' would put symbols among the runtime's (w2o_*): give another with --prefix`);
  }
  const fileName = stdin ? `${prefix}.wasm` : path.basename(args.input);
  let cpuLevel: CpuLevel;
  try {
    cpuLevel = resolveTargetCpu(args.targetCpu);
  } catch (e) {
    if (e instanceof TargetCpuError) throw new UsageError(e.message);
    throw e;
  }
  return { output, prefix, jobs, fileName, cpuLevel };
}

