/**
 * Builds what the instance tests run: the runtime library as `npm run build` makes it
 * (`make -C runtime`, here into the test's own folder), the modules of modules.ts as objects
 * written by obj-elf, a generated `modules.c` that lists them by prefix, and driver.c,
 * linked by the system C compiler with every warning an error.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeElf } from '../../src/obj-elf/index.js';
import { quietTool } from '../fixtures-elf/tools.js';
import { C_FLAGS, REPO, RUNTIME_DIR } from '../fixtures-runtime/build.js';
import type { RunResult } from '../fixtures-runtime/build.js';
import type { BuiltModule } from './module.js';
import { buildModules } from './modules.js';

export const FIXTURES_DIR = join(REPO, 'test', 'fixtures-instance');

export interface InstanceDriver {
  exe: string;
  modules: Map<string, BuiltModule>;
  /** Where each module's object was written. */
  objects: Map<string, string>;
  run(...args: string[]): RunResult;
}

/**
 * Builds the runtime library with the package's own Makefile (what `npm run build` runs),
 * into `dir` rather than runtime/build, so that test files running at once never write
 * the same objects; returns its path.
 */
export function buildRuntimeLibrary(dir: string): string {
  const out = join(dir, 'runtime-build');
  quietTool('make', ['-s', '-C', RUNTIME_DIR, `BUILD=${out}`]);
  return join(out, 'libw2o.a');
}

export function buildInstanceDriver(dir: string): InstanceDriver {
  const lib = buildRuntimeLibrary(dir);
  const modules = new Map(buildModules().map((m) => [m.prefix, m]));
  const objects = new Map<string, string>();
  for (const [prefix, m] of modules) {
    const file = join(dir, `${prefix}.o`);
    writeFileSync(file, writeElf(m.obj));
    objects.set(prefix, file);
  }
  const table = join(dir, 'modules.c');
  const prefixes = [...modules.keys()];
  writeFileSync(
    table,
    [
      '#include <stddef.h>',
      '#include <stdint.h>',
      'struct fixture_module { const char *name; const void *descriptor; const void *text; };',
      ...prefixes.map((p) => `extern const uint8_t ${p}_module[], ${p}_text[];`),
      'const struct fixture_module fixture_modules[] = {',
      ...prefixes.map((p) => `  {"${p}", ${p}_module, ${p}_text},`),
      '};',
      `const size_t fixture_module_count = ${prefixes.length};`,
      '',
    ].join('\n'),
  );
  const exe = join(dir, 'driver');
  quietTool('cc', [
    ...C_FLAGS,
    '-pthread',
    '-Wl,--fatal-warnings',
    join(FIXTURES_DIR, 'driver.c'),
    table,
    ...objects.values(),
    lib,
    '-o',
    exe,
  ]);
  return {
    exe,
    modules,
    objects,
    run(...args) {
      const r = spawnSync(exe, args, { encoding: 'utf8' });
      if (r.error) throw r.error;
      return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
    },
  };
}
