/**
 * SIMD loads and stores, once the core has computed the operand `[addr + disp]` (which may
 * fault in the guard region: the core records the trap site just before calling, so the
 * first instruction emitted here is always the one that touches memory).
 *
 * Linear memory has no alignment guarantee (the alignment immediate is a hint), so only
 * forms that read or write any address are used: movups, movq/movd, pmovsx/zx of 8 bytes,
 * pinsr/pextr of one lane, movddup of 8 bytes, and the AVX broadcasts.
 */
import {
  Vec,
  extractLaneM,
  insertLaneM,
  movdMR,
  movdRM,
  movqMR,
  movqRM,
  movupsMR,
  xmm15,
  type Addr,
  type LaneSize,
  type Xmm,
} from '../x64/index.js';
import { op2, op2m, op3, zero, type SimdContext } from './simd-context.js';

/** Sub-opcodes (0xFD n) of the loads that produce a fresh vector. */
export const SimdLoad = {
  load: 0x00,
  load8x8_s: 0x01,
  load8x8_u: 0x02,
  load16x4_s: 0x03,
  load16x4_u: 0x04,
  load32x2_s: 0x05,
  load32x2_u: 0x06,
  load8_splat: 0x07,
  load16_splat: 0x08,
  load32_splat: 0x09,
  load64_splat: 0x0a,
  load32_zero: 0x5c,
  load64_zero: 0x5d,
} as const;

const EXTEND_LOADS = [Vec.pmovsxbw, Vec.pmovzxbw, Vec.pmovsxwd, Vec.pmovzxwd, Vec.pmovsxdq, Vec.pmovzxdq];

/** dst = the vector load `sub` reads at [addr + disp]. */
export function emitSimdLoad(ctx: SimdContext, sub: number, dst: Xmm, addr: Addr, disp: number): void {
  const b = ctx.b;
  switch (sub) {
    case SimdLoad.load:
      op2m(ctx, Vec.movups, dst, addr, disp);
      return;
    case SimdLoad.load8x8_s:
    case SimdLoad.load8x8_u:
    case SimdLoad.load16x4_s:
    case SimdLoad.load16x4_u:
    case SimdLoad.load32x2_s:
    case SimdLoad.load32x2_u:
      op2m(ctx, EXTEND_LOADS[sub - 1]!, dst, addr, disp);
      return;
    case SimdLoad.load8_splat:
      if (ctx.avx) op2m(ctx, Vec.vpbroadcastb, dst, addr, disp);
      else {
        // The byte into lane 0, then a shuffle that picks byte 0 for every lane.
        insertLaneM(b, 1, false, dst, dst, addr, disp, 0);
        zero(ctx, xmm15);
        op3(ctx, Vec.pshufb, dst, dst, xmm15);
      }
      return;
    case SimdLoad.load16_splat:
      if (ctx.avx) op2m(ctx, Vec.vpbroadcastw, dst, addr, disp);
      else {
        insertLaneM(b, 2, false, dst, dst, addr, disp, 0);
        op2(ctx, Vec.pshuflw, dst, dst, 0);
        op2(ctx, Vec.pshufd, dst, dst, 0);
      }
      return;
    case SimdLoad.load32_splat:
      if (ctx.avx) op2m(ctx, Vec.vbroadcastss, dst, addr, disp);
      else {
        movdRM(b, false, dst, addr, disp);
        op2(ctx, Vec.pshufd, dst, dst, 0);
      }
      return;
    case SimdLoad.load64_splat:
      op2m(ctx, Vec.movddup, dst, addr, disp);
      return;
    case SimdLoad.load32_zero:
      movdRM(b, ctx.avx, dst, addr, disp);
      return;
    case SimdLoad.load64_zero:
      movqRM(b, ctx.avx, dst, addr, disp);
      return;
  }
  throw new Error(`baseline: 0xfd ${sub} is not a SIMD load`);
}

/** Lane size in bytes of load_lane / store_lane sub-opcodes 0x54-0x5b. */
export const laneAccessSize = (sub: number): LaneSize => (1 << ((sub - 0x54) & 3)) as LaneSize;

/** v128.loadN_lane: lane `lane` of `v` from [addr + disp]; `v` is the result. */
export function emitLoadLane(ctx: SimdContext, sub: number, v: Xmm, addr: Addr, disp: number, lane: number): void {
  insertLaneM(ctx.b, laneAccessSize(sub), ctx.avx, v, v, addr, disp, lane);
}

/** v128.store and v128.storeN_lane: `v` (or its lane) to [addr + disp]. */
export function emitSimdStore(ctx: SimdContext, sub: number, v: Xmm, addr: Addr, disp: number, lane: number): void {
  const b = ctx.b;
  if (sub === 0x0b) {
    movupsMR(b, ctx.avx, addr, disp, v);
    return;
  }
  const size = laneAccessSize(sub);
  if (lane === 0 && size === 8) movqMR(b, ctx.avx, addr, disp, v);
  else if (lane === 0 && size === 4) movdMR(b, ctx.avx, addr, disp, v);
  else extractLaneM(b, size, ctx.avx, addr, disp, v, lane);
}
