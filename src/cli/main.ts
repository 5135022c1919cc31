#!/usr/bin/env node
/**
 * The wasm2obj command line.
 *
 * Exit codes, for every command: 0 success; 1 the input was rejected (malformed,
 * invalid, unreadable) or the usage was wrong; 2 an internal error, which is a bug in
 * wasm2obj and never the input's fault.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { STDIN_ARG } from './input.js';
import { runValidate } from './validate-command.js';
import { VERSION } from './version.js';

async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  await yargs(argv)
    .scriptName('wasm2obj')
    .usage('wasm2obj: an ahead-of-time WebAssembly compiler for x86-64 ELF\n\nUsage: $0 <command> [options]')
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
              'file, a summary goes to standard error. Exits 0 only if every file is valid.',
          ),
      (args) => {
        exitCode = runValidate(args.files, { quiet: args.quiet });
      },
    )
    .demandCommand(1, 'Name a command; see --help.')
    .strict()
    .version(VERSION)
    .alias('h', 'help')
    .alias('V', 'version')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .epilogue('Exit status: 0 success, 1 rejected input or bad usage, 2 internal error.')
    .fail((msg, err) => {
      if (err) throw err;
      process.stderr.write(`wasm2obj: error: ${msg}\nTry 'wasm2obj --help'.\n`);
      exitCode = 1;
    })
    .parseAsync();
  return exitCode;
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
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`wasm2obj: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env['WASM2OBJ_DEBUG'] && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = 2;
  },
);
