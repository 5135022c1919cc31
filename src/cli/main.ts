#!/usr/bin/env node
/**
 * The wasm2obj command line.
 *
 *   wasm2obj IN.wasm [-o] OUT.o [options]    compile (the default command; compile-command.ts)
 *   wasm2obj validate FILE...                decode and validate (validate-command.ts)
 *   wasm2obj wast FILE.wast...               run spec scripts (wast-command.ts)
 *
 * Exit codes, for every command: 0 success; 1 the input was rejected (malformed,
 * invalid, unsupported, unreadable) or the usage was wrong; 2 an internal error, which is
 * a bug in wasm2obj and never the input's fault (no stack trace unless WASM2OBJ_DEBUG is
 * set).
 *
 * `-O<level>` is taken the way C compilers take it, glued to its level: the arguments are
 * rewritten to `-O <level>` before yargs sees them, since yargs would read `-Os` as the two
 * flags `-O -s`; a bare `-O` is `-O1`, as for cc.
 */
import { availableParallelism } from 'node:os';
import { STDIN_ARG } from './input.js';
import { parseRunFast } from './run-fast.js';
import { DEFAULT_TARGET_CPU, TARGET_CPU_CHOICES } from './target-cpu.js';
import { TRAP_EXIT_STATUS } from './wasi-program.js';
import { VERSION } from './version.js';
import { wastCommand } from './wast-cli.js';

const COMPILE_EXAMPLES: [string, string][] = [
  ['$0 hello.wasm -o hello.o', 'compile; the exports become hello_<export>'],
  ['$0 hello.wasm hello.o --header hello.h', 'the same, with a C header for the exports'],
  ['$0 lib.wasm -o lib.o --prefix mylib -j 4', 'symbols mylib_..., 4 compiler threads'],
];

const COMPILE_EPILOGUE = `The object holds one .text (every function, calls between them resolved), the module
descriptor <prefix>_module, <prefix>_text, and a global <prefix>_<export> per exported
function (System V, vmctx first). Export names that are not C identifiers are mangled:
bytes other than [A-Za-z0-9_] become _xHH_ (a.b -> a_x2e_b), collision-free.

Link it with a C program and the runtime:
  cc -Iruntime/include main.c hello.o runtime/build/libw2o.a -o main

Errors are reported as FILE:0xOFFSET: error: REASON, and then no file is written.
Exit status: 0 success, 1 rejected input or bad usage, 2 internal error.`;

/** `-Ox` → `-O x` (before a `--`); a bare `-O` → `-O 1`. */
function splitOptLevel(argv: readonly string[]): string[] {
  const out: string[] = [];
  let options = true;
  for (const a of argv) {
    if (options && a === '--') options = false;
    const m = options ? /^-O(.*)$/.exec(a) : null;
    if (m) out.push('-O', m[1] === '' ? '1' : m[1]!);
    else out.push(a);
  }
  return out;
}

/** Every option name and alias of the compile command (and the global ones), for explainUsageError. */
const COMPILE_OPTION_NAMES = new Set(['output-file', 'o', 'header', 'prefix', 'jobs', 'j', 'O', 'bounds-checks', 'target-cpu', 'verbose', 'v', 'help', 'h', 'version', 'V']);

const WASI_PROGRAM_EPILOGUE = `The program runs _start with its arguments, environment and stdio through WASI preview 1;
it reaches only the directories given with --dir (no path escapes them). Exit status: the
code given to proc_exit (0 when _start returns); ${TRAP_EXIT_STATUS} when the wasm code traps (the trap and a
backtrace of wasm functions go to standard error); 1 when the module cannot be instantiated.`;

/** -O for build and run: only the baseline tier exists. */
function checkOptLevel(level: string): void {
  if (level !== '0') {
    process.stderr.write(`wasm2obj: error: -O${level} is not available yet: the baseline tier (-O0) is the only one so far\n`);
    throw new UsageFailure(`-O${level}`);
  }
}

/** Thrown by the failure handler, so that no command runs after a usage error. */
class UsageFailure extends Error {}

async function main(argv: string[]): Promise<number | undefined> {
  // A cached `run` is start-up time: the plain forms of its command line skip yargs.
  const fast = parseRunFast(argv);
  if (fast !== undefined) {
    const { runRun } = await import('./run-command.js');
    return runRun(fast);
  }
  let exitCode: number | undefined;
  try {
    await parse(argv, (code) => {
      exitCode = code;
    });
  } catch (err) {
    if (err instanceof UsageFailure) return 1;
    throw err;
  }
  return exitCode;
}

async function parse(argv: string[], exit: (code: number) => void): Promise<unknown> {
  const { default: yargs } = await import('yargs');
  return yargs(splitOptLevel(argv))
    .scriptName('wasm2obj')
    .usage(
      'wasm2obj: an ahead-of-time WebAssembly compiler for x86-64 ELF\n\n' +
        'Usage: $0 IN.wasm [-o] OUT.o [options]   (compile a module to an object)\n' +
        'Usage: $0 <command> [options]           (build or run WASI programs, validate modules, run spec scripts)',
    )
    .command(
      '$0 <input> [output]',
      'Compile a WebAssembly module to an x86-64 ELF object',
      (y) =>
        y
          .positional('input', { describe: 'the module (`-` reads it from standard input)', type: 'string', demandOption: true })
          .positional('output', { describe: 'the object to write (or -o); default: IN without .wasm, plus .o, here', type: 'string' })
          .option('output-file', { alias: 'o', type: 'string', describe: 'the object to write' })
          .option('header', { type: 'string', describe: 'also write a C header declaring the exports and <prefix>_instantiate' })
          .option('prefix', {
            type: 'string',
            describe: 'symbol prefix: a C identifier, not w2o_* (default: from the file name, hello for hello.wasm)',
          })
          .option('jobs', { alias: 'j', type: 'number', describe: `compiler threads (default: the number of cores, ${availableParallelism()} here)` })
          .option('O', {
            type: 'string',
            default: '0',
            describe: 'optimization level: -O0, the baseline single-pass tier, is the only one so far (-O1, -O2, -Os are refused)',
          })
          .option('bounds-checks', {
            type: 'boolean',
            default: false,
            describe: 'check every memory access explicitly instead of relying on guard pages (for hosts without signals)',
          })
          .option('target-cpu', {
            type: 'string',
            default: DEFAULT_TARGET_CPU,
            describe:
              `the x86-64 level the code may assume: ${TARGET_CPU_CHOICES.join(', ')} (the highest this machine has). ` +
              'The runtime refuses to run the object on a CPU without the level\'s features',
          })
          .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: 'report each phase and its time on standard error' })
          .example(COMPILE_EXAMPLES)
          .epilogue(COMPILE_EPILOGUE),
      async (args) => {
        const { runCompile } = await import('./compile-command.js');
        exit(await runCompile({
          input: args.input,
          output: args.output,
          o: args['output-file'],
          header: args.header,
          prefix: args.prefix,
          jobs: args.jobs,
          O: args.O,
          boundsChecks: args['bounds-checks'],
          targetCpu: args['target-cpu'],
          verbose: args.verbose,
        }));
      },
    )
    .command(
      'validate <files..>',
      'Decode and validate WebAssembly 2.0 binaries',
      (y) =>
        y
          .positional('files', {
            describe: 'modules to check (`-` reads one from standard input)',
            type: 'string',
            array: true,
            demandOption: true,
          })
          .option('quiet', {
            alias: 'q',
            type: 'boolean',
            default: false,
            describe: 'print only the files that fail',
          })
          .epilogue(
            'Prints one line per file: `FILE: ok`, or `FILE:0xOFFSET: error: REASON (func N "name")`\n' +
              'with the byte offset (hex) where decoding or validation failed. With more than one\n' +
              'file, a summary goes to standard error. Exit status: 0 when every file is valid,\n' +
              '1 when one is rejected or unreadable (or bad usage), 2 on an internal error.',
          ),
      async (args) => {
        const { runValidate } = await import('./validate-command.js');
        exit(runValidate(args.files, { quiet: args.quiet }));
      },
    )
    .command(
      'build <input>',
      'Compile a WASI command module into a native executable (links with cc)',
      (y) =>
        y
          .positional('input', { describe: 'the module (wasm32-wasi, with _start)', type: 'string', demandOption: true })
          .option('output-file', { alias: 'o', type: 'string', describe: 'the program to write (default: IN without .wasm, here)' })
          .option('dir', {
            type: 'string', array: true, default: [] as string[],
            describe: 'preopen HOST as GUEST (HOST::GUEST, or HOST for both); resolved where the program runs; repeatable',
          })
          .option('O', { type: 'string', default: '0', describe: 'optimization level (only -O0 exists so far)' })
          .option('bounds-checks', { type: 'boolean', default: false, describe: 'explicit bounds checks instead of guard pages' })
          .option('jobs', { alias: 'j', type: 'number', describe: 'compiler threads (default: the number of cores)' })
          .option('target-cpu', { type: 'string', default: DEFAULT_TARGET_CPU, describe: `the x86-64 level the code may assume: ${TARGET_CPU_CHOICES.join(', ')}` })
          .option('cc', { type: 'string', describe: 'the C compiler that links the program (default: $CC, else cc)' })
          .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: 'report each phase on standard error' })
          .example([['$0 build hello.wasm -o hello --dir data', 'then: ./hello ARGS (it sees ./data as data)']])
          .epilogue(WASI_PROGRAM_EPILOGUE),
      async (args) => {
        checkOptLevel(args.O);
        const { runBuild } = await import('./build-command.js');
        exit(await runBuild({
          input: args.input, output: args['output-file'], dir: args.dir, jobs: args.jobs ?? availableParallelism(),
          boundsChecks: args['bounds-checks'], targetCpu: args['target-cpu'], cc: args.cc ?? process.env['CC'] ?? 'cc', verbose: args.verbose,
        }));
      },
    )
    .command(
      'run <input> [args..]',
      'Compile (cached) and run a WASI command module, no linker needed',
      (y) =>
        y
          .positional('input', { describe: 'the module (wasm32-wasi, with _start)', type: 'string', demandOption: true })
          .positional('args', { describe: 'the program\'s arguments (after --)', type: 'string', array: true, default: [] as string[] })
          .option('dir', { type: 'string', array: true, default: [] as string[], describe: 'preopen HOST as GUEST (HOST::GUEST, or HOST for both); repeatable' })
          .option('env', { type: 'string', array: true, default: [] as string[], describe: 'set KEY=VALUE in the program\'s environment (it sees no other); repeatable' })
          .option('cache', { type: 'boolean', default: true, describe: 'use the object cache (--no-cache: compile afresh, keep nothing)' })
          .option('O', { type: 'string', default: '0', describe: 'optimization level (only -O0 exists so far)' })
          .option('bounds-checks', { type: 'boolean', default: false, describe: 'explicit bounds checks instead of guard pages' })
          .option('target-cpu', { type: 'string', default: DEFAULT_TARGET_CPU, describe: `the x86-64 level the code may assume: ${TARGET_CPU_CHOICES.join(', ')}` })
          .option('jobs', { alias: 'j', type: 'number', describe: 'compiler threads (default: the number of cores)' })
          .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: 'say whether the object came from the cache' })
          .example([['$0 run prog.wasm --dir .::/work --env HOME=/work -- -n 3 in.txt', 'arguments after --']])
          .epilogue(`${WASI_PROGRAM_EPILOGUE}\n\nThe cache: $W2O_CACHE_DIR, else $XDG_CACHE_HOME/wasm2obj, else ~/.cache/wasm2obj; objects are\nkeyed by the module, the settings and the compiler. wasm2obj cache clean empties it.`),
      async (args) => {
        checkOptLevel(args.O);
        const { runRun } = await import('./run-command.js');
        exit(await runRun({
          input: args.input, args: [...args.args, ...((args['--'] as string[] | undefined) ?? [])].map(String), dir: args.dir, env: args.env,
          cache: args.cache, jobs: args.jobs, boundsChecks: args['bounds-checks'], targetCpu: args['target-cpu'], verbose: args.verbose,
        }));
      },
    )
    .command(
      'cache <action>',
      'The object cache of wasm2obj run: clean empties it, dir prints where it is',
      (y) => y.positional('action', { choices: ['clean', 'dir'] as const, demandOption: true }),
      async (args) => {
        const { cacheDir, cleanCache } = await import('./cache.js');
        if (args.action === 'dir') process.stdout.write(`${cacheDir()}\n`);
        else {
          const { entries, bytes } = cleanCache();
          process.stdout.write(`removed ${entries} cached objects (${(bytes / 1048576).toFixed(1)} MiB) from ${cacheDir()}\n`);
        }
        exit(0);
      },
    )
    .command(wastCommand)
    .parserConfiguration({ 'populate--': true })
    .strict()
    .version(VERSION)
    .alias('h', 'help')
    .alias('V', 'version')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err) throw err;
      const text = explainUsageError(msg, argv);
      process.stderr.write(`wasm2obj: error: ${text}\nTry 'wasm2obj --help'.\n`);
      throw new UsageFailure(text);
    })
    .parseAsync();
}

/**
 * yargs checks for missing positionals before unknown options, and `--frobnicate x.wasm`
 * takes x.wasm as the option's value: so a misspelt option reads as a missing input. Name
 * the option instead, and say "no input" in words.
 */
function explainUsageError(msg: string, argv: readonly string[]): string {
  if (!msg.startsWith('Not enough non-option arguments')) return msg;
  const unknown = argv
    .filter((a) => a.startsWith('-') && a !== '--' && a !== STDIN_ARG && !/^-O/.test(a))
    .map((a) => a.replace(/^--?(no-)?/, '').split('=')[0]!)
    .find((name) => !COMPILE_OPTION_NAMES.has(name));
  if (unknown !== undefined) return `unknown option '${unknown}'`;
  return /got 0/.test(msg) ? 'no input module given' : msg;
}

// Output that cannot be written ends the run quietly, as for any Unix filter: a closed
// pipe (`wasm2obj validate ... | head`) is not an error; anything else is said in one line.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE' && stream !== process.stderr) {
      process.stderr.write(`wasm2obj: error: cannot write the output: ${err.message}\n`);
    }
    process.exit(err.code === 'EPIPE' ? (Number(process.exitCode) || 0) : 1);
  });
}

main(process.argv.slice(2).map((a) => (a === '-' ? STDIN_ARG : a))).then(
  (code) => {
    // Commands that set process.exitCode themselves (wast) leave `code` undefined.
    if (code !== undefined) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`wasm2obj: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env['WASM2OBJ_DEBUG'] && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = 2;
  },
);
