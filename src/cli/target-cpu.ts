/**
 * `--target-cpu`: the x86-64 level the code may assume (src/abi/cpu.ts). `x86-64-v2` and
 * `x86-64-v3` name a level; `native` stands for the highest level the compiling machine
 * has, found in the flags of /proc/cpuinfo at compile time. The object records the level
 * it resolved to, so it runs wherever that level does, not only where it was built.
 */
import fs from 'node:fs';
import { CPU_LEVELS, DEFAULT_CPU_LEVEL, cpuLevelName, cpuLevelOfFlags, parseCpuLevel, type CpuLevel } from '../abi/cpu.js';

export const TARGET_CPU_NATIVE = 'native';

/** The values `--target-cpu` takes. */
export const TARGET_CPU_CHOICES: readonly string[] = [...CPU_LEVELS.map(cpuLevelName), TARGET_CPU_NATIVE];

export const DEFAULT_TARGET_CPU = cpuLevelName(DEFAULT_CPU_LEVEL);

/** A `--target-cpu` value that cannot be used, with the reason. */
export class TargetCpuError extends Error {}

/** The flags of the first processor in a /proc/cpuinfo text. */
export function cpuinfoFlags(cpuinfo: string): Set<string> {
  const line = /^flags\s*:(.*)$/m.exec(cpuinfo);
  return new Set(line === null ? [] : line[1]!.trim().split(/\s+/));
}

/** The level a `--target-cpu` value stands for; `native` reads `cpuinfo` (by default /proc/cpuinfo). */
export function resolveTargetCpu(value: string, cpuinfo: () => string = () => fs.readFileSync('/proc/cpuinfo', 'utf8')): CpuLevel {
  const level = parseCpuLevel(value);
  if (level !== undefined) return level;
  if (value !== TARGET_CPU_NATIVE) {
    throw new TargetCpuError(`unknown --target-cpu '${value}' (the choices are ${TARGET_CPU_CHOICES.join(', ')})`);
  }
  let text: string;
  try {
    text = cpuinfo();
  } catch (e) {
    throw new TargetCpuError(`--target-cpu native: cannot read /proc/cpuinfo (${(e as NodeJS.ErrnoException).code ?? String(e)}): name a level`);
  }
  const found = cpuLevelOfFlags(cpuinfoFlags(text));
  if (found.level === undefined) {
    throw new TargetCpuError(`--target-cpu native: this CPU is below ${cpuLevelName(CPU_LEVELS[0]!)}, the lowest level wasm2obj targets (it lacks ${found.missing.join(', ')})`);
  }
  return found.level;
}
