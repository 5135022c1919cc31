/**
 * The compiler's build id: a SHA-256 of every built JavaScript file of the compiler
 * (dist/src), written to dist/build-id by `npm run build` (`node dist/src/cli/build-id.js`).
 * The object cache of `wasm2obj run` keys entries by it, so that a rebuilt compiler never
 * runs an object an older one wrote; reading one small file keeps a cached run's start-up
 * short. Without the file, or when tsc ran after it was written, the id is computed on the spot.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUILD_ID_FILE = path.join(DIST, 'build-id');

export function computeBuildId(): string {
  const h = createHash('sha256');
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.js')) h.update(`${path.relative(DIST, p)}\0`).update(fs.readFileSync(p)).update('\0');
    }
  };
  walk(path.join(DIST, 'src'));
  return h.digest('hex');
}

/**
 * The id from dist/build-id, unless tsc has written the compiler since (tsc rewrites every
 * output, so this file is then older than this one's own output): then it is computed.
 */
export function buildId(): string {
  try {
    if (fs.statSync(BUILD_ID_FILE).mtimeMs >= fs.statSync(fileURLToPath(import.meta.url)).mtimeMs) {
      return fs.readFileSync(BUILD_ID_FILE, 'utf8').trim();
    }
  } catch {
    // No build id written: compute it.
  }
  return computeBuildId();
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.writeFileSync(BUILD_ID_FILE, `${computeBuildId()}\n`);
}
