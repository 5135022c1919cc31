/**
 * The x86-64 CPU features compiled code may rely on, and the microarchitecture levels of
 * the x86-64 psABI that bundle them.
 *
 * The compiler targets one level (`--target-cpu`; x86-64-v2 by default, which every x86-64
 * server of the last decade has). The object records that level and the mask of the
 * features it brings (descriptor fields `cpu_level`, `cpu_features`); before it runs any of
 * the object's code, the runtime finds the CPU's features with cpuid and refuses a module
 * that needs one the CPU lacks, naming what is missing, instead of letting the code die on
 * an illegal instruction.
 *
 * Each feature says where cpuid reports it (leaf, subleaf, register, bit), so the runtime's
 * table is generated from this one (runtime/include/w2o-abi.h), and under which flag
 * Linux lists it in /proc/cpuinfo, which `--target-cpu native` reads. Features that use
 * the ymm register state (AVX and what builds on it) also need the operating system to
 * save that state (OSXSAVE and XCR0 bits 1-2), which the runtime checks as well.
 *
 * Bits are part of the object format: append, never reorder.
 */

export interface CpuFeature {
  /** As messages name it. */
  readonly name: string;
  /** Its flag in /proc/cpuinfo. */
  readonly cpuinfo: string;
  readonly leaf: number;
  readonly subleaf: number;
  readonly reg: 'eax' | 'ebx' | 'ecx' | 'edx';
  readonly bit: number;
  /** Usable only when the OS saves the ymm state (XCR0 bits 1 and 2). */
  readonly ymm: boolean;
}

const f = (name: string, cpuinfo: string, leaf: number, reg: CpuFeature['reg'], bit: number, ymm = false): CpuFeature => ({
  name,
  cpuinfo,
  leaf,
  subleaf: 0,
  reg,
  bit,
  ymm,
});

export const CPU_FEATURES: readonly CpuFeature[] = [
  f('sse3', 'pni', 1, 'ecx', 0),
  f('ssse3', 'ssse3', 1, 'ecx', 9),
  f('sse4.1', 'sse4_1', 1, 'ecx', 19),
  f('sse4.2', 'sse4_2', 1, 'ecx', 20),
  f('popcnt', 'popcnt', 1, 'ecx', 23),
  f('cx16', 'cx16', 1, 'ecx', 13),
  f('lahf', 'lahf_lm', 0x80000001, 'ecx', 0),
  f('avx', 'avx', 1, 'ecx', 28, true),
  f('avx2', 'avx2', 7, 'ebx', 5, true),
  f('bmi1', 'bmi1', 7, 'ebx', 3),
  f('bmi2', 'bmi2', 7, 'ebx', 8),
  f('f16c', 'f16c', 1, 'ecx', 29, true),
  f('fma', 'fma', 1, 'ecx', 12, true),
  f('lzcnt', 'abm', 0x80000001, 'ecx', 5),
  f('movbe', 'movbe', 1, 'ecx', 22),
];

/** The bit of a feature in a feature mask. */
export function cpuFeatureBit(name: string): number {
  const i = CPU_FEATURES.findIndex((x) => x.name === name);
  if (i < 0) throw new Error(`abi: no CPU feature ${name}`);
  return 2 ** i;
}

const mask = (names: readonly string[]) => names.reduce((m, n) => m | cpuFeatureBit(n), 0) >>> 0;

/** A microarchitecture level: 2 is x86-64-v2, 3 is x86-64-v3. */
export type CpuLevel = 2 | 3;

export const CPU_LEVELS: readonly CpuLevel[] = [2, 3];

export const DEFAULT_CPU_LEVEL: CpuLevel = 2;

const V2 = ['sse3', 'ssse3', 'sse4.1', 'sse4.2', 'popcnt', 'cx16', 'lahf'];
const V3 = [...V2, 'avx', 'avx2', 'bmi1', 'bmi2', 'f16c', 'fma', 'lzcnt', 'movbe'];

/** The features a level guarantees, as a mask. */
export function cpuLevelFeatures(level: CpuLevel): number {
  return mask(level === 2 ? V2 : V3);
}

export function cpuLevelName(level: CpuLevel): string {
  return `x86-64-v${level}`;
}

/** The level a name stands for (`x86-64-v2`, `x86-64-v3`), or undefined. */
export function parseCpuLevel(name: string): CpuLevel | undefined {
  return CPU_LEVELS.find((l) => cpuLevelName(l) === name);
}

/**
 * The highest level whose features all appear among `flags` (the flags of /proc/cpuinfo),
 * or undefined below x86-64-v2. With the missing features of the next level up, for a
 * message.
 */
export function cpuLevelOfFlags(flags: ReadonlySet<string>): { level: CpuLevel | undefined; missing: string[] } {
  let level: CpuLevel | undefined;
  for (const l of CPU_LEVELS) {
    const missing = CPU_FEATURES.filter((x, i) => (cpuLevelFeatures(l) & 2 ** i) !== 0 && !flags.has(x.cpuinfo)).map((x) => x.name);
    if (missing.length > 0) return { level, missing };
    level = l;
  }
  return { level, missing: [] };
}
