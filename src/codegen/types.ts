import type { CpuLevel } from '../abi/cpu.js';

/**
 * What a code generation tier hands to link: plain data of numbers and typed arrays, so a
 * worker thread can post it as it is. Offsets are from the function's first byte.
 */
import type { UnwindOp } from '../unwind/types.js';

export interface CompiledFunction {
  /** Index in the function index space, or -1 for a trampoline. */
  readonly funcIndex: number;
  /** For a trampoline: the type index it calls; else -1. */
  readonly trampolineType: number;
  readonly code: Uint8Array;
  /**
   * Direct calls to defined functions: pairs (offset of a rel32 field, callee function
   * index). Link writes `callee start - (field + 4)` into each field.
   */
  readonly calls: Uint32Array;
  /** Pairs (offset of a faulting instruction, trap code), sorted by offset, offsets unique. */
  readonly trapSites: Uint32Array;
  /** Pairs (native offset, wasm offset from the start of the code section payload), by native offset. */
  readonly srcmap: Uint32Array;
  readonly unwind: readonly UnwindOp[];
}

/** Settings that change the code a tier emits. */
export interface CodegenOptions {
  /** Explicit bounds checks on every memory access instead of guard pages. */
  readonly boundsChecks: boolean;
  /** The x86-64 level the code may assume (src/abi/cpu.ts): 3 allows AVX2, BMI and LZCNT. */
  readonly cpuLevel: CpuLevel;
}
