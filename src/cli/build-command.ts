/**
 * `wasm2obj build IN.wasm [-o PROG] [--dir HOST[::GUEST]]...`: a WASI command module as a
 * native executable. The module is compiled to an object, a small C `main` is written
 * beside it that hands the process's argv, environment and stdio (and the preopened
 * directories given here) to the runtime's w2o_wasi_main, and the system C compiler links
 * the two with the runtime library. The executable is written to a temporary name and
 * renamed into place.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CpuLevel } from '../abi/cpu.js';
import { displayName, readInput } from './input.js';
import { Progress, compileBytes, describeFsError } from './pipeline.js';
import { resolveTargetCpu } from './target-cpu.js';
import { RUNTIME_INCLUDE, RUNTIME_LIBRARY, checkPreopen, missingRuntime, parseDir, type Preopen } from './wasi-program.js';

export interface BuildArgs {
  input: string;
  output: string | undefined;
  dir: readonly string[];
  jobs: number;
  boundsChecks: boolean;
  targetCpu: string;
  cc: string;
  verbose: boolean;
}

/** The symbol prefix of the module inside a built program (nothing outside sees it). */
const PREFIX = 'wasm_program';

export async function runBuild(args: BuildArgs): Promise<number> {
  const file = displayName(args.input);
  const fail = (message: string): number => {
    process.stderr.write(`wasm2obj: error: ${message}\n`);
    return 1;
  };
  let preopens: Preopen[];
  let cpuLevel: CpuLevel;
  try {
    preopens = args.dir.map(parseDir);
    cpuLevel = resolveTargetCpu(args.targetCpu);
  } catch (e) {
    return fail((e as Error).message);
  }
  const output = args.output ?? path.basename(args.input).replace(/\.wasm$/i, '');
  if (output === '' || path.resolve(output) === path.resolve(args.input)) return fail(`name the program with -o (it would be '${output}')`);
  const missing = missingRuntime([RUNTIME_LIBRARY, path.join(RUNTIME_INCLUDE, 'w2o-wasi.h')]);
  if (missing !== undefined) return fail(missing);

  const input = readInput(args.input);
  if (!input.ok) {
    process.stderr.write(`${file}: error: ${input.reason}\n`);
    return 1;
  }
  const progress = new Progress(file, args.verbose);
  const built = await compileBytes(input.bytes, { file, prefix: PREFIX, fileName: path.basename(file), jobs: args.jobs, boundsChecks: args.boundsChecks, cpuLevel }, progress);
  if (built === undefined) return 1;

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wasm2obj-build-'));
  const temp = path.join(path.dirname(output), `.${path.basename(output)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(path.join(work, 'module.o'), built.object);
    fs.writeFileSync(path.join(work, 'main.c'), programMain(preopens));
    const cc = spawnSync(
      args.cc,
      ['-O2', `-I${RUNTIME_INCLUDE}`, path.join(work, 'main.c'), path.join(work, 'module.o'), RUNTIME_LIBRARY, '-pthread', '-lm', '-o', temp],
      { encoding: 'utf8' },
    );
    if (cc.error !== undefined) return fail(`cannot run the C compiler '${args.cc}': ${cc.error.message} (choose one with --cc or $CC)`);
    if (cc.status !== 0) return fail(`linking with '${args.cc}' failed:\n${cc.stderr.trim()}`);
    progress.phase('linked', `with ${args.cc}`);
    try {
      fs.renameSync(temp, output);
    } catch (e) {
      return fail(`cannot write ${output}: ${describeFsError(e)}`);
    }
    for (const p of preopens) {
      const why = checkPreopen(p);
      if (why !== undefined) process.stderr.write(`wasm2obj: warning: ${why} here; the program will look for it where it runs\n`);
    }
    progress.done([output]);
    return 0;
  } finally {
    fs.rmSync(temp, { force: true });
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** A C string literal for any string (octal escapes for everything but plain ASCII). */
function cString(s: string): string {
  let out = '"';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    out += b >= 0x20 && b < 0x7f && c !== '"' && c !== '\\' && c !== '?' ? c : `\\${b.toString(8).padStart(3, '0')}`;
  }
  return out + '"';
}

/** The program's main: the module's descriptor and code, the preopens given to build, the process's argv and environ. */
export function programMain(preopens: readonly Preopen[]): string {
  const list = preopens.map((p) => `  {${cString(p.host)}, ${cString(p.guest)}},`).join('\n');
  return `/* Written by wasm2obj build. */
#include <stddef.h>
#include "w2o-wasi.h"

extern const unsigned char ${PREFIX}_module[];
extern const char ${PREFIX}_text[];
extern char **environ;

static const struct w2o_wasi_preopen preopens[] = {
${list}
  {NULL, NULL},
};

int main(int argc, char **argv) {
  struct w2o_wasi_config config = {
    .argc = argc,
    .argv = argv,
    .envp = environ,
    .preopens = preopens,
    .n_preopens = ${preopens.length},
  };
  return w2o_wasi_main(${PREFIX}_module, ${PREFIX}_text, &config);
}
`;
}
