/**
 * Array-call trampolines (see src/abi/vmctx.ts): `void tramp(void *callee_vmctx, const
 * void *callee_code, w2o_val *values)` loads the parameters of one function type from
 * `values`, calls the code, and writes the results back over `values`. The runtime calls
 * every export through the trampoline of its type, so it never needs to know a signature
 * at C compile time.
 */
import { VALUE_SLOT_SIZE, resultsLayout } from '../abi/vmctx.js';
import { ValType, type FuncType } from '../translate/types.js';
import { INT_ARG_GPRS, LOC_STACK, LOC_XMM, paramLocations, resultsAreaOffset } from './call-conv.js';
import { emitFrameSetup, emitFrameTeardown } from './frame-code.js';
import type { CompiledFunction } from './types.js';
import type { UnwindOp } from '../unwind/types.js';
import {
  Alu,
  CodeBuffer,
  Sse,
  Vec,
  aluRI,
  callR,
  lea,
  mem,
  movMR,
  movRM,
  movRR,
  movsdMR,
  movssMR,
  movupsMR,
  r12,
  rax,
  rbx,
  rdx,
  rsi,
  rsp,
  sseRM,
  vecRM,
  xmm0,
  xmm15,
  type Gpr,
  type Xmm,
} from './x64/index.js';

export function compileTrampoline(typeIndex: number, type: FuncType): CompiledFunction {
  const b = new CodeBuffer(256);
  const u: UnwindOp[] = [];
  emitFrameSetup(b, u, [rbx, r12]);
  movRR(b, 64, rbx, rdx);
  movRR(b, 64, r12, rsi);

  const locs = paramLocations(type);
  const multi = type.results.length > 1;
  const results = resultsLayout(type.results);
  const areaAt = resultsAreaOffset(locs);
  const reserve = Math.ceil((multi ? areaAt + results.size : 8 * locs.stackSlots) / 16) * 16;
  if (reserve > 0) aluRI(b, Alu.sub, 64, rsp, reserve);
  const slot = (i: number) => VALUE_SLOT_SIZE * i;
  for (let i = 0; i < type.params.length; i++) {
    const loc = locs.locs[i]!;
    const p = type.params[i]!;
    if (p === ValType.V128) {
      // 16 bytes; w2o_val slots are only 8-aligned.
      if (loc >= LOC_STACK) {
        vecRM(b, Vec.movups, xmm15, mem(rbx), slot(i));
        movupsMR(b, false, mem(rsp), 8 * (loc - LOC_STACK), xmm15);
      } else {
        vecRM(b, Vec.movups, (loc - LOC_XMM) as Xmm, mem(rbx), slot(i));
      }
    } else if (loc >= LOC_STACK) {
      sseRM(b, Sse.movsd, xmm15, mem(rbx), slot(i));
      movsdMR(b, mem(rsp), 8 * (loc - LOC_STACK), xmm15);
    } else if (loc >= LOC_XMM) {
      sseRM(b, p === ValType.F32 ? Sse.movss : Sse.movsd, (loc - LOC_XMM) as Xmm, mem(rbx), slot(i));
    } else {
      movRM(b, 64, INT_ARG_GPRS[loc]! as Gpr, mem(rbx), slot(i));
    }
  }
  if (multi) lea(b, 64, rsi, mem(rsp), areaAt);
  callR(b, r12);
  if (type.results.length === 1) {
    const t = type.results[0]!;
    if (t === ValType.F32) movssMR(b, mem(rbx), 0, xmm0);
    else if (t === ValType.F64) movsdMR(b, mem(rbx), 0, xmm0);
    else if (t === ValType.V128) movupsMR(b, false, mem(rbx), 0, xmm0);
    else movMR(b, 64, mem(rbx), 0, rax);
  } else if (multi) {
    for (let j = 0; j < type.results.length; j++) {
      const t = type.results[j]!;
      if (t === ValType.V128) {
        vecRM(b, Vec.movups, xmm15, mem(rsp), areaAt + results.offsets[j]!);
        movupsMR(b, false, mem(rbx), slot(j), xmm15);
        continue;
      }
      const narrow = t === ValType.I32 || t === ValType.F32;
      sseRM(b, narrow ? Sse.movss : Sse.movsd, xmm15, mem(rsp), areaAt + results.offsets[j]!);
      movsdMR(b, mem(rbx), slot(j), xmm15);
    }
  }
  emitFrameTeardown(b, u, [rbx, r12]);
  return {
    funcIndex: -1,
    trampolineType: typeIndex,
    code: b.finish(),
    calls: new Uint32Array(0),
    trapSites: new Uint32Array(0),
    srcmap: new Uint32Array(0),
    unwind: u,
  };
}
