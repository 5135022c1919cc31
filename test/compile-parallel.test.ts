/**
 * Contract 6: the object does not depend on the number of compile workers. SQLite (1,836
 * functions, ~1.4 MB of code: enough for many worker batches) is compiled and linked
 * with 1, 2 and 3 workers, and the three objects must be the same bytes. A worker pool
 * that returned batches in completion order, or code that depended on a worker's earlier
 * functions, would make them differ.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { compileModule } from '../src/codegen/compile-module.js';
import { linkObject } from '../src/link/index.js';
import { decodeModule } from '../src/translate/index.js';
import { REPO } from './fixtures-runtime/build.js';

test('the object is byte-identical for every worker count', { timeout: 300_000 }, async () => {
  const input = readFileSync(join(REPO, 'fixtures', 'sqlite3.wasm'));
  const m = decodeModule(input);
  const objects: Uint8Array[] = [];
  for (const jobs of [1, 2, 3]) {
    const funcs = await compileModule(m, input, { jobs, boundsChecks: false });
    expect(funcs.filter((f) => f.funcIndex >= 0)).toHaveLength(m.bodyStart.length);
    objects.push(linkObject(m, input, funcs, { prefix: 'sqlite3', boundsChecks: false }));
  }
  expect(objects[0]!.length).toBeGreaterThan(1_000_000);
  expect(Buffer.compare(objects[0]!, objects[1]!)).toBe(0);
  expect(Buffer.compare(objects[0]!, objects[2]!)).toBe(0);
});
