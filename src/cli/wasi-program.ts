/**
 * What `build` and `run` share: their settings, the runtime pieces they stand on (the
 * library, its headers, the w2o-run program, all built by `npm run build` into runtime/),
 * and the meaning of `--dir` and `--env`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root: dist/src/cli/ is three levels below it. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const RUNTIME_LIBRARY = path.join(PACKAGE_ROOT, 'runtime/build/libw2o.a');
export const RUNTIME_INCLUDE = path.join(PACKAGE_ROOT, 'runtime/include');
export const RUNNER = path.join(PACKAGE_ROOT, 'runtime/build/w2o-run');

/** The status a program exits with when its wasm code traps (documented in --help). */
export const TRAP_EXIT_STATUS = 134;

export interface Preopen {
  readonly host: string;
  readonly guest: string;
}

/** `HOST[::GUEST]`: GUEST defaults to HOST. Throws a usage message for an empty side. */
export function parseDir(spec: string): Preopen {
  const at = spec.indexOf('::');
  const host = at < 0 ? spec : spec.slice(0, at);
  const guest = at < 0 ? spec : spec.slice(at + 2);
  if (host === '' || guest === '') throw new Error(`--dir '${spec}': expected HOST or HOST::GUEST`);
  return { host, guest };
}

/** `KEY=VALUE` with a non-empty key and no `=` in it. */
export function parseEnv(spec: string): string {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new Error(`--env '${spec}': expected KEY=VALUE`);
  return spec;
}

/** A directory that cannot be preopened, said in words; undefined when it is usable. */
export function checkPreopen(p: Preopen): string | undefined {
  try {
    if (!fs.statSync(p.host).isDirectory()) return `--dir ${p.host}: not a directory`;
  } catch {
    return `--dir ${p.host}: no such directory`;
  }
  return undefined;
}

/** The runtime pieces a command needs, or a message saying which is missing. */
export function missingRuntime(files: readonly string[]): string | undefined {
  const missing = files.filter((f) => !fs.existsSync(f));
  if (missing.length === 0) return undefined;
  return `the runtime is not built (${missing.map((f) => path.relative(PACKAGE_ROOT, f)).join(', ')} missing): run npm run build in ${PACKAGE_ROOT}`;
}
