/** What a benchmark run found: plain data, filled by bench/run.ts and read by report.ts. */
import type { CompileEngineId, CompileSample, Env, RunEngineId } from './engines.js';
import type { Kernel } from './kernels.js';
import type { MachineInfo } from './machine.js';
import type { Options } from './options.js';
import type { Stats } from './stats.js';

export interface RunSample {
  checksum: string;
  /** bench_run's own time, measured inside the process. */
  callNs: number;
  /** The whole process, fork to exit. */
  wallNs: number;
}

export interface EngineRun {
  samples: RunSample[];
  /** The build or a run failed: why. */
  error?: string;
  /** A checksum differed from the expected one: what it was. */
  wrong?: string;
  /** Not run on purpose (the engine cannot take this kernel): why. */
  skipped?: string;
}

export interface KernelResult {
  kernel: Kernel;
  wasmBytes: number;
  codeBytes: number;
  /** The checksum the native build prints. */
  reference?: string;
  referenceError?: string;
  runs: Map<RunEngineId, EngineRun>;
}

export interface EngineCompile {
  samples: CompileSample[];
  error?: string;
  /** Not measured on purpose: why. */
  skipped?: string;
}

export interface ModuleCompile {
  name: string;
  wasmBytes: number;
  codeBytes: number;
  results: Map<CompileEngineId, EngineCompile>;
}

export interface BenchResults {
  date: string;
  machine: MachineInfo;
  options: Options;
  env: Env;
  /** `node -e 0`, whole process, milliseconds. */
  nodeStartup: Stats | undefined;
  /** Its peak RSS, bytes (median). */
  nodeStartupRss: number | undefined;
  runEngines: RunEngineId[];
  /** Engines left out because this machine cannot run them: "label: why", one each. */
  unavailableEngines: string[];
  kernels: KernelResult[];
  compile: ModuleCompile[];
  /** Anything else that went wrong, one line each. */
  problems: string[];
}

/** A usable run: built, ran every time, and right every time. */
export const isGood = (r: EngineRun | undefined): r is EngineRun =>
  r !== undefined && r.error === undefined && r.wrong === undefined && r.skipped === undefined && r.samples.length > 0;
