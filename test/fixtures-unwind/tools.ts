/**
 * The unwind tests read their results back with binutils, link with the C compiler and
 * debug with gdb. A missing tool fails the test that needs it, with a message naming it.
 */
import { spawnSync } from 'node:child_process';

export function requireTools(...names: string[]): void {
  for (const name of names) {
    const r = spawnSync(name, ['--version'], { encoding: 'utf8' });
    if (r.error !== undefined || r.status !== 0) {
      throw new Error(`the unwind tests need '${name}' on the PATH (.ci/run installs it): ${r.error?.message ?? r.stderr}`);
    }
  }
}
