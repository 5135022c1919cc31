/**
 * Thin wrappers over the wabt command-line tools (Debian package `wabt`), used as an
 * independent reference by the tests. Every wrapper works in a private temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The wabt tools are required by the tests (`.ci/run` installs them): a missing one fails
 * loudly rather than letting a check be skipped.
 */
export function requireTool(tool: string): void {
  if (spawnSync(tool, ['--version'], { encoding: 'utf8' }).status !== 0) {
    throw new Error(`${tool} is required by the tests: install Debian's wabt (bash .ci/run does)`);
  }
}

function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'w2o-wabt-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Assemble WAT text with `wat2wasm` (its default feature set is WebAssembly 2.0). */
export function wat2wasm(text: string, flags: readonly string[] = []): Uint8Array {
  return withTempDir((dir) => {
    const src = join(dir, 'in.wat');
    const out = join(dir, 'out.wasm');
    writeFileSync(src, text);
    const r = spawnSync('wat2wasm', [...flags, src, '-o', out], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`wat2wasm failed: ${r.stderr}`);
    return new Uint8Array(readFileSync(out));
  });
}

/** Whether `wasm-validate` accepts the bytes, with the given feature flags. */
export function wabtValidates(bytes: Uint8Array, flags: readonly string[] = []): boolean {
  return withTempDir((dir) => {
    const file = join(dir, 'in.wasm');
    writeFileSync(file, bytes);
    return spawnSync('wasm-validate', [...flags, file], { encoding: 'utf8' }).status === 0;
  });
}

export interface SpecModule {
  /** `<wast file>:<line>` of the command that holds the module. */
  where: string;
  /** The command type: `module`, `assert_invalid`, `assert_malformed`, ... */
  command: string;
  bytes: Uint8Array;
}

interface WastJsonCommand {
  type: string;
  line: number;
  filename?: string;
  module_type?: string;
}

/**
 * Every binary module of a `.wast` file, through `wast2json`. Modules given in text form
 * inside `assert_malformed` are skipped (they are not binaries). A file `wast2json` cannot
 * convert yields nothing.
 */
export function specModules(wastPath: string): SpecModule[] {
  return withTempDir((dir) => {
    const r = spawnSync('wast2json', [wastPath, '-o', join(dir, 'x.json')], { encoding: 'utf8' });
    if (r.status !== 0) return [];
    const json = JSON.parse(readFileSync(join(dir, 'x.json'), 'utf8')) as { commands: WastJsonCommand[] };
    const present = new Set(readdirSync(dir));
    const base = wastPath.slice(wastPath.lastIndexOf('/') + 1);
    const out: SpecModule[] = [];
    for (const c of json.commands) {
      if (c.filename === undefined || !c.filename.endsWith('.wasm') || !present.has(c.filename)) continue;
      if (c.module_type !== undefined && c.module_type !== 'binary') continue;
      out.push({ where: `${base}:${c.line}`, command: c.type, bytes: new Uint8Array(readFileSync(join(dir, c.filename))) });
    }
    return out;
  });
}
