/**
 * Contract 6: the object does not depend on the number of compile threads. SQLite (1,836
 * functions, ~1.4 MB of bodies: 22 batches) is compiled with 1, 2 and 3 threads, workers
 * forced on whatever the module's size, then linked, and the three objects must be the
 * same bytes. A pool that put batches back in completion order, or code that depended on
 * what a thread compiled before, would make them differ.
 *
 * Runs the built compiler (dist/): worker threads load the compiled JavaScript.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type * as CompileModule from '../src/codegen/compile-module.js';
import type * as Link from '../src/link/index.js';
import type * as Translate from '../src/translate/index.js';
import { REPO } from './fixtures-runtime/build.js';
import { DEFAULT_CPU_LEVEL } from '../src/abi/cpu.js';

const dist = (path: string) => join(REPO, 'dist', path);

test('the object is byte-identical for every thread count', { timeout: 300_000 }, async () => {
  const { compileModule } = (await import(dist('src/codegen/compile-module.js'))) as typeof CompileModule;
  const { linkObject } = (await import(dist('src/link/index.js'))) as typeof Link;
  const { decodeModule } = (await import(dist('src/translate/index.js'))) as typeof Translate;
  const input = readFileSync(join(REPO, 'fixtures', 'sqlite3.wasm'));
  const m = decodeModule(input);
  const objects: Uint8Array[] = [];
  for (const jobs of [1, 2, 3]) {
    const funcs = await compileModule(m, input, { jobs, boundsChecks: false, cpuLevel: DEFAULT_CPU_LEVEL, minParallelBytes: 0 });
    expect(funcs.filter((f) => f.funcIndex >= 0).map((f) => f.funcIndex)).toEqual(m.bodyStart.length === 0 ? [] : [...m.bodyStart].map((_, i) => i + m.numImportedFuncs));
    objects.push(linkObject(m, input, funcs, { prefix: 'sqlite3', boundsChecks: false, cpuLevel: DEFAULT_CPU_LEVEL }));
  }
  expect(objects[0]!.length).toBeGreaterThan(1_000_000);
  expect(Buffer.compare(objects[0]!, objects[1]!)).toBe(0);
  expect(Buffer.compare(objects[0]!, objects[2]!)).toBe(0);
});
