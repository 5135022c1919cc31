/**
 * Builds what the runtime tests run: the C runtime (`runtime/*.c`) and the driver
 * (`driver.c`), compiled by the system C compiler as C11 with every warning an error, and
 * linked with two test modules written by obj-elf (`module.ts`, prefixes `a` and `b`).
 * Any message from the compiler or the linker fails the build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeElf } from '../../src/obj-elf/index.js';
import { quietTool } from '../fixtures-elf/tools.js';
import { buildTestModule, type TestModule } from './module.js';

/** The repository root: the nearest folder up with a package.json (this file may run from dist/). */
export const REPO = findUp(import.meta.dirname);

function findUp(dir: string): string {
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('no package.json above the test fixtures');
    dir = up;
  }
  return dir;
}

export const FIXTURES_DIR = join(REPO, 'test', 'fixtures-runtime');
export const RUNTIME_DIR = join(REPO, 'runtime');
export const RUNTIME_INCLUDE = join(RUNTIME_DIR, 'include');

/** The flags every runtime source is held to. */
export const C_FLAGS = ['-std=c11', '-pedantic', '-Wall', '-Wextra', '-Werror', '-O2', '-g', `-I${RUNTIME_INCLUDE}`];

export function runtimeSources(): string[] {
  return readdirSync(RUNTIME_DIR)
    .filter((f) => f.endsWith('.c'))
    .sort()
    .map((f) => join(RUNTIME_DIR, f));
}

export interface RunResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Driver {
  exe: string;
  modules: { a: TestModule; b: TestModule };
  /** Runs the driver with a scenario; `signal` is set when a signal ended it. */
  run(...args: string[]): RunResult;
}

export function buildDriver(dir: string): Driver {
  const modules = { a: buildTestModule('a'), b: buildTestModule('b') };
  const objects = Object.entries(modules).map(([prefix, m]) => {
    const file = join(dir, `${prefix}.o`);
    writeFileSync(file, writeElf(m.obj));
    return file;
  });
  const exe = join(dir, 'driver');
  quietTool('cc', [
    ...C_FLAGS,
    '-pthread',
    '-Wl,--fatal-warnings',
    ...runtimeSources(),
    join(FIXTURES_DIR, 'driver.c'),
    ...objects,
    '-o',
    exe,
  ]);
  return {
    exe,
    modules,
    run(...args) {
      const r = spawnSync(exe, args, { encoding: 'utf8' });
      if (r.error) throw r.error;
      return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
    },
  };
}
