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
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { defaultJobs } from '../codegen/compile-module.js';
import { runCompile } from './compile-command.js';
import { STDIN_ARG } from './input.js';
import { DEFAULT_TARGET_CPU, TARGET_CPU_CHOICES } from './target-cpu.js';
import { runValidate } from './validate-command.js';
import { VERSION } from './version.js';
import { wastCommand } from './wast-command.js';

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

/** Thrown by the failure handler, so that no command runs after a usage error. */
class UsageFailure extends Error {}

async function main(argv: string[]): Promise<number | undefined> {
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

function parse(argv: string[], exit: (code: number) => void): Promise<unknown> {
  return yargs(splitOptLevel(argv))
    .scriptName('wasm2obj')
    .usage(
      'wasm2obj: an ahead-of-time WebAssembly compiler for x86-64 ELF\n\n' +
        'Usage: $0 IN.wasm [-o] OUT.o [options]   (compile a module to an object)\n' +
        'Usage: $0 <command> [options]           (validate modules, run spec scripts)',
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
          .option('jobs', { alias: 'j', type: 'number', describe: `compiler threads (default: the number of cores, ${defaultJobs()} here)` })
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
      (args) => {
        exit(runValidate(args.files, { quiet: args.quiet }));
      },
    )
    .command(wastCommand)
    .strict()
    .version(VERSION)
    .alias('h', 'help')
    .alias('V', 'version')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err) throw err;
      process.stderr.write(`wasm2obj: error: ${msg}\nTry 'wasm2obj --help'.\n`);
      throw new UsageFailure(msg);
    })
    .parseAsync();
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

main(hideBin(process.argv).map((a) => (a === '-' ? STDIN_ARG : a))).then(
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
