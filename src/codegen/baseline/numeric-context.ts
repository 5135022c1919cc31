/**
 * What the numeric emitters need from the compiler core, and the constants they share.
 * See numeric.ts for the conventions every emitter follows.
 */
import type { CpuLevel } from '../../abi/cpu.js';
import { trapCode, type TrapCode } from '../../abi/traps.js';
import type { CodeBuffer, Label } from '../x64/index.js';

export interface NumericContext {
  readonly b: CodeBuffer;
  /** The x86-64 level the code may assume (3: LZCNT, BMI1, AVX2). */
  readonly cpuLevel: CpuLevel;
  /** Label of an out-of-line `ud2` that the core records as a trap site with this code. Jump there to trap. */
  trapLabel(code: TrapCode): Label;
  /**
   * Label of a 16-byte, 16-aligned constant in this function's constant pool (four
   * little-endian u32 words), for RIP-relative operands: `ripLabel(label)`.
   */
  constant128(w0: number, w1: number, w2: number, w3: number): Label;
}

export const TRAP_DIVIDE_BY_ZERO = trapCode('integer_divide_by_zero');
export const TRAP_INTEGER_OVERFLOW = trapCode('integer_overflow');
export const TRAP_BAD_CONVERSION = trapCode('bad_conversion_to_integer');

/** Float width: 32 for f32, 64 for f64. */
export type FloatWidth = 32 | 64;

/**
 * A float constant in every lane (f32: four copies of `lo`; f64: two copies of hi:lo), so
 * one pool entry serves scalar and packed uses alike.
 */
export function floatConstant(ctx: NumericContext, fw: FloatWidth, lo: number, hi = 0): Label {
  return fw === 32 ? ctx.constant128(lo, lo, lo, lo) : ctx.constant128(lo, hi, lo, hi);
}

/** The sign bit of each lane: -0.0. */
export function signMask(ctx: NumericContext, fw: FloatWidth): Label {
  return fw === 32 ? floatConstant(ctx, 32, 0x80000000) : floatConstant(ctx, 64, 0, 0x80000000);
}

/** Everything but the sign bit of each lane. */
export function absMask(ctx: NumericContext, fw: FloatWidth): Label {
  return fw === 32 ? floatConstant(ctx, 32, 0x7fffffff) : floatConstant(ctx, 64, 0xffffffff, 0x7fffffff);
}
