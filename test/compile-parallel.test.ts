/**
 * Contract 6: the object does not depend on the number of compile workers. SQLite (1,836
 * functions, ~1.4 MB of code: many worker batches) is compiled by the built CLI with 1, 2
 * and 3 workers, and the three objects must be the same bytes. A worker pool that returned
 * batches in completion order, or code that depended on what a worker compiled before,
 * would make them differ.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { REPO } from './fixtures-runtime/build.js';

const dir = mkdtempSync(join(tmpdir(), 'w2o-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the object is byte-identical for every worker count', { timeout: 300_000 }, () => {
  const objects = [1, 2, 3].map((jobs) => {
    const out = join(dir, `sqlite3-j${jobs}.o`);
    const r = spawnSync(process.execPath, [join(REPO, 'dist/src/cli/main.js'), join(REPO, 'fixtures/sqlite3.wasm'), '-j', String(jobs), '-o', out], {
      encoding: 'utf8',
    });
    expect(r.stderr).not.toMatch(/error/);
    expect(r.status).toBe(0);
    return readFileSync(out);
  });
  expect(objects[0]!.length).toBeGreaterThan(1_000_000);
  expect(Buffer.compare(objects[0]!, objects[1]!)).toBe(0);
  expect(Buffer.compare(objects[0]!, objects[2]!)).toBe(0);
});
