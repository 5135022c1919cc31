import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The package version, from package.json (two levels up from dist/src/cli or src/cli). */
function readVersion(): string {
  for (const p of ['../../../package.json', '../../package.json']) {
    try {
      const pkg = require(p) as { name?: string; version?: string };
      if (pkg.name === 'wasm2obj' && pkg.version) return pkg.version;
    } catch {
      // Try the next location.
    }
  }
  return 'unknown';
}

export const VERSION = readVersion();
