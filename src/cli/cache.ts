/**
 * The object cache of `wasm2obj run`: compiled objects under the user's cache directory,
 * named by a SHA-256 of everything that decides their bytes: the module, every setting
 * that reaches the compiler, and the compiler itself (the version and the build id,
 * build-id.ts, so a rebuilt compiler never runs a stale object). Entries are written to a
 * temporary name and renamed, so concurrent runs never see half an object.
 *
 * Where: $W2O_CACHE_DIR, else $XDG_CACHE_HOME/wasm2obj, else ~/.cache/wasm2obj.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildId } from './build-id.js';
import { VERSION } from './version.js';

export function cacheDir(): string {
  const explicit = process.env['W2O_CACHE_DIR'];
  if (explicit !== undefined && explicit !== '') return path.resolve(explicit);
  const xdg = process.env['XDG_CACHE_HOME'];
  return path.join(xdg !== undefined && xdg !== '' ? xdg : path.join(os.homedir(), '.cache'), 'wasm2obj');
}

/** The cache entry's path for a module compiled with `settings` (plain data, serialized in key order). */
export function cacheEntry(wasm: Uint8Array, settings: Record<string, string | number | boolean>): string {
  const h = createHash('sha256');
  h.update(`wasm2obj ${VERSION}\0${buildId()}\0`);
  for (const k of Object.keys(settings).sort()) h.update(`${k}=${String(settings[k])}\0`);
  h.update(wasm);
  return path.join(cacheDir(), `${h.digest('hex')}.o`);
}

/** Writes an entry atomically; false (and no entry) when the cache cannot be written. */
export function storeEntry(entry: string, object: Uint8Array): boolean {
  const temp = `${entry}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(entry), { recursive: true });
    fs.writeFileSync(temp, object);
    fs.renameSync(temp, entry);
    return true;
  } catch {
    fs.rmSync(temp, { force: true });
    return false;
  }
}

/** Removes every entry (and the directory when it is left empty); returns how many and their bytes. */
export function cleanCache(): { entries: number; bytes: number } {
  const dir = cacheDir();
  let entries = 0;
  let bytes = 0;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return { entries, bytes };
  }
  for (const n of names) {
    if (!/^[0-9a-f]{64}\.o(\.\d+\.tmp)?$/.test(n)) continue;
    const p = path.join(dir, n);
    bytes += fs.statSync(p).size;
    fs.rmSync(p, { force: true });
    entries++;
  }
  try {
    fs.rmdirSync(dir);
  } catch {
    // Not empty (someone else's files) or already gone: leave it.
  }
  return { entries, bytes };
}
