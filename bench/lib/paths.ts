/** Where things are: the repository, the compiler, the runtime, the tools. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder up from this file with a package.json: the repository (this file runs from dist/bench/lib). */
function findRepoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('bench: no package.json above the benchmark');
    dir = up;
  }
  return dir;
}

export const REPO = findRepoRoot();
export const KERNELS_DIR = path.join(REPO, 'bench/kernels');
export const RESULTS_DIR = path.join(REPO, 'bench/results');
/** The C sources of the harness: the timed mains and the process timer. */
export const HARNESS_C_DIR = path.join(REPO, 'bench/lib/c');
export const WASM2OBJ_CLI = path.join(REPO, 'dist/src/cli/main.js');
export const NODE_CHILD = path.join(REPO, 'dist/bench/lib/node-child.js');
export const RUNTIME_LIB = path.join(REPO, 'runtime/build/libw2o.a');
/** The runtime's runner of a WASI command's object, what `wasm2obj run` starts. */
export const W2O_RUN = path.join(REPO, 'runtime/build/w2o-run');
export const SQLITE_WASM = path.join(REPO, 'fixtures/sqlite3.wasm');

/** An executable on the PATH, or undefined. */
export function which(name: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * The folder of wabt's wasm2c runtime (wasm-rt-impl.c, wasm-rt-impl.h): Debian's
 * /usr/share/wabt/wasm2c, or share/wabt/wasm2c next to the wasm2c binary's prefix.
 * `W2O_WASM2C_RUNTIME` overrides.
 */
export function wasm2cRuntimeDir(): string | undefined {
  const candidates: string[] = [];
  const env = process.env['W2O_WASM2C_RUNTIME'];
  if (env !== undefined && env !== '') candidates.push(env);
  const bin = which('wasm2c');
  if (bin !== undefined) candidates.push(path.join(path.dirname(path.dirname(fs.realpathSync(bin))), 'share/wabt/wasm2c'));
  candidates.push('/usr/share/wabt/wasm2c', '/usr/local/share/wabt/wasm2c');
  return candidates.find((d) => fs.existsSync(path.join(d, 'wasm-rt-impl.c')));
}

/** Relative to the working directory when below it, else absolute. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}
