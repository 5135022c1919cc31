/**
 * The CPU level (src/abi/cpu.ts, src/cli/target-cpu.ts, runtime/cpu.c): `--target-cpu`
 * resolves `native` from /proc/cpuinfo, the object records the level it was compiled for,
 * and the runtime refuses to instantiate it on a CPU without the level's features, with a
 * message that names the level and what is missing. W2O_CPU_DISABLE stands in for a CPU
 * that lacks features, since this machine may have them all.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CPU_FEATURES, cpuLevelFeatures, cpuLevelOfFlags } from '../src/abi/cpu.js';
import { TargetCpuError, cpuinfoFlags, resolveTargetCpu } from '../src/cli/target-cpu.js';
import { specHostPath } from '../src/wast/host.js';
import { hexString } from '../src/wast/values.js';
import { REPO } from './fixtures-runtime/build.js';
import { I32, Kind, ModuleBuilder, Op } from './helpers/wasm-builder.js';

const cli = path.join(REPO, 'dist/src/cli/main.js');
const V2_FLAGS = 'fpu cx16 lahf_lm pni ssse3 sse4_1 sse4_2 popcnt sse2';
const V3_FLAGS = `${V2_FLAGS} avx avx2 bmi1 bmi2 f16c fma abm movbe xsave`;
const cpuinfo = (flags: string) => () => `processor\t: 0\nflags\t\t: ${flags}\n\nprocessor\t: 1\nflags\t\t: fpu\n`;

describe('--target-cpu values', () => {
  test('levels by name', () => {
    expect(resolveTargetCpu('x86-64-v2', cpuinfo(''))).toBe(2);
    expect(resolveTargetCpu('x86-64-v3', cpuinfo(''))).toBe(3);
  });

  test('native: the highest level whose flags the first processor lists', () => {
    expect(resolveTargetCpu('native', cpuinfo(V3_FLAGS))).toBe(3);
    expect(resolveTargetCpu('native', cpuinfo(`${V3_FLAGS} avx512f`))).toBe(3);
    expect(resolveTargetCpu('native', cpuinfo(V3_FLAGS.replace(' abm', '')))).toBe(2);
    expect(resolveTargetCpu('native', cpuinfo(V2_FLAGS))).toBe(2);
  });

  test('refused: an unknown level, a CPU below x86-64-v2, no /proc/cpuinfo', () => {
    expect(() => resolveTargetCpu('x86-64-v4', cpuinfo(''))).toThrow(/unknown --target-cpu 'x86-64-v4' \(the choices are x86-64-v2, x86-64-v3, native\)/);
    expect(() => resolveTargetCpu('native', cpuinfo(V2_FLAGS.replace('popcnt', '')))).toThrow(
      /this CPU is below x86-64-v2, the lowest level wasm2obj targets \(it lacks popcnt\)/,
    );
    const gone = () => {
      throw Object.assign(new Error('gone'), { code: 'ENOENT' });
    };
    expect(() => resolveTargetCpu('native', gone)).toThrow(TargetCpuError);
  });

  test('levels nest, and every feature has its own bit', () => {
    expect(cpuLevelFeatures(3) & cpuLevelFeatures(2)).toBe(cpuLevelFeatures(2));
    expect(new Set(CPU_FEATURES.map((f) => f.name)).size).toBe(CPU_FEATURES.length);
    expect(CPU_FEATURES.length).toBeLessThanOrEqual(31);
  });
});

/** This machine's level, as `native` resolves it. */
const machineLevel = cpuLevelOfFlags(cpuinfoFlags(fs.readFileSync('/proc/cpuinfo', 'utf8'))).level;

let dir: string;
const file = (name: string) => path.join(dir, name);

function compile(args: string[]) {
  const r = spawnSync(process.execPath, [cli, file('m.wasm'), ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Loads `object` in the spec host and calls its `f`: the host's two answers. */
function loadAndRun(object: string, env: Record<string, string> = {}): string[] {
  const r = spawnSync(specHostPath(), [], {
    input: `module 1 ${hexString(object)}\ninvoke 1 ${hexString('f')} i32:00000001\n`,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  expect(r.status).toBe(0);
  return r.stdout.trim().split('\n').slice(1);
}

const unhex = (token: string) => Buffer.from(token.slice(1), 'hex').toString('utf8');

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wasm2obj-target-cpu-'));
  const b = new ModuleBuilder();
  const f = b.addFunction(b.addType([I32], [I32]), [Op.local_get, 0, Op.i32_const, 7, Op.i32_add]);
  b.addExport('f', Kind.Func, f);
  fs.writeFileSync(file('m.wasm'), b.toBytes());
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the level in the object and the runtime check', () => {
  test('--help names the choices and the default', () => {
    const r = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/--target-cpu[\s\S]*x86-64-v2, x86-64-v3, native[\s\S]*\[default: "x86-64-v2"\]/);
  });

  test('a bad --target-cpu is a usage error', () => {
    const r = compile(['-o', file('x.o'), '--target-cpu', 'pentium']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("wasm2obj: error: unknown --target-cpu 'pentium' (the choices are x86-64-v2, x86-64-v3, native)\n");
    expect(fs.existsSync(file('x.o'))).toBe(false);
  });

  test('x86-64-v3 code is refused where AVX2 and BMI2 are missing, with the level and what lacks', () => {
    expect(compile(['-o', file('v3.o'), '--target-cpu', 'x86-64-v3']).code).toBe(0);
    const [answer] = loadAndRun(file('v3.o'), { W2O_CPU_DISABLE: 'avx2,bmi2' });
    const words = answer!.split(' ');
    expect(words.slice(0, 3)).toEqual(['error', 'bad_module', '0']);
    expect(unhex(words[3]!)).toBe(
      'this object needs x86-64-v3 (x86-64-v2 and avx, avx2, bmi1, bmi2, f16c, fma, lzcnt, movbe); this CPU lacks avx2, bmi2',
    );
    if (machineLevel === 3) expect(loadAndRun(file('v3.o'))).toEqual(['ok', 'ok i32:00000008']);
  });

  test('x86-64-v2 code runs without the v3 features, and is refused without popcnt', () => {
    expect(compile(['-o', file('v2.o')]).code).toBe(0);
    expect(loadAndRun(file('v2.o'), { W2O_CPU_DISABLE: 'avx,avx2,bmi1,bmi2,f16c,fma,lzcnt,movbe' })).toEqual(['ok', 'ok i32:00000008']);
    const [answer] = loadAndRun(file('v2.o'), { W2O_CPU_DISABLE: 'popcnt' });
    expect(unhex(answer!.split(' ')[3]!)).toBe('this object needs x86-64-v2 (sse3, ssse3, sse4.1, sse4.2, popcnt, cx16, lahf); this CPU lacks popcnt');
  });

  test('native records the level this machine has: the same object as naming it', () => {
    const level = machineLevel === 3 ? 'x86-64-v3' : 'x86-64-v2';
    expect(compile(['-o', file('native.o'), '--target-cpu', 'native']).code).toBe(0);
    expect(compile(['-o', file('named.o'), '--target-cpu', level]).code).toBe(0);
    expect(fs.readFileSync(file('native.o')).equals(fs.readFileSync(file('named.o')))).toBe(true);
    const [answer] = loadAndRun(file('native.o'), { W2O_CPU_DISABLE: 'avx2' });
    if (machineLevel === 3) expect(answer).toMatch(/^error bad_module /);
    else expect(answer).toBe('ok');
  });
});
