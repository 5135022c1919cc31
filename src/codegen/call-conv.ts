/**
 * Where the System V x86-64 convention puts each parameter of a wasm function type, with
 * vmctx first and, for a function with several results, the results area pointer second
 * (see src/abi/vmctx.ts). Shared by the callee's prologue, every call site and the
 * trampolines, so they cannot disagree.
 *
 * f32, f64 and v128 (`__m128i`: one eightbyte of class SSE and one of SSEUP) each take the
 * next of xmm0-7; integers and references the next integer register. Beyond those,
 * parameters go to the stack in order, 8 bytes each, a v128 16 bytes at a 16-aligned
 * offset (the gap it may leave stays unused).
 */
import type { FuncType } from '../translate/types.js';
import { ValType } from '../translate/types.js';

/** Locations are encoded as numbers: 0..5 integer register index, 16..23 xmm0..7, 32+k stack slot k. */
export const LOC_XMM = 16;
export const LOC_STACK = 32;

export interface ParamLocations {
  /** Per parameter, its location code. */
  readonly locs: Int32Array;
  /** 8-byte stack slots the parameters take, gaps included (before alignment). */
  readonly stackSlots: number;
  /** Integer argument registers in use before the parameters (vmctx, results pointer). */
  readonly hiddenInts: number;
}

/** The integer registers in argument order, as GPR numbers: rdi, rsi, rdx, rcx, r8, r9. */
export const INT_ARG_GPRS = [7, 6, 2, 1, 8, 9] as const;

export function paramLocations(t: FuncType): ParamLocations {
  const hiddenInts = t.results.length > 1 ? 2 : 1;
  let ints = hiddenInts;
  let floats = 0;
  let stack = 0;
  const locs = new Int32Array(t.params.length);
  for (let i = 0; i < t.params.length; i++) {
    const p = t.params[i]!;
    if (p === ValType.F32 || p === ValType.F64) {
      locs[i] = floats < 8 ? LOC_XMM + floats++ : LOC_STACK + stack++;
    } else if (p === ValType.V128) {
      if (floats < 8) locs[i] = LOC_XMM + floats++;
      else {
        stack += stack & 1;
        locs[i] = LOC_STACK + stack;
        stack += 2;
      }
    } else {
      locs[i] = ints < 6 ? ints++ : LOC_STACK + stack++;
    }
  }
  return { locs, stackSlots: stack, hiddenInts };
}

/**
 * Offset from rsp, at a call, of the results area of a function with several results: above
 * the stack arguments, 16-aligned (a v128 result is 16-aligned in the C struct).
 */
export function resultsAreaOffset(locs: ParamLocations): number {
  return 16 * Math.ceil(locs.stackSlots / 2);
}
