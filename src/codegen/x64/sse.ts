/**
 * SSE2 and SSE4.1 instructions for scalar floating point (plus the packed logic used on
 * scalars for abs/neg/copysign and zeroing). Naming follows gpr.ts: R register, M memory.
 *
 * Most forms are `op xmm, xmm/m` with the destination in ModRM.reg; they share `sseRR`
 * and `sseRM` and are listed in the `Sse` table. Stores, moves between register files,
 * conversions and rounding have their own functions.
 */
import type { Addr } from './address.js';
import { AssemblerError, type CodeBuffer } from './buffer.js';
import { MAP_0F, MAP_0F3A, P66, PF2, PF3, W, emitRM, emitRR, type Op } from './encoding.js';
import type { Gpr, Width, Xmm } from './registers.js';

const wide = (w: Width): Op => (w === 64 ? W : 0);

/** Forms `op xmm, xmm/m` (destination, or first operand of a compare, in ModRM.reg). */
export const Sse = {
  movss: PF3 | MAP_0F | 0x10,
  movsd: PF2 | MAP_0F | 0x10,
  movaps: MAP_0F | 0x28,
  movapd: P66 | MAP_0F | 0x28,
  addss: PF3 | MAP_0F | 0x58,
  addsd: PF2 | MAP_0F | 0x58,
  mulss: PF3 | MAP_0F | 0x59,
  mulsd: PF2 | MAP_0F | 0x59,
  subss: PF3 | MAP_0F | 0x5c,
  subsd: PF2 | MAP_0F | 0x5c,
  divss: PF3 | MAP_0F | 0x5e,
  divsd: PF2 | MAP_0F | 0x5e,
  minss: PF3 | MAP_0F | 0x5d,
  minsd: PF2 | MAP_0F | 0x5d,
  maxss: PF3 | MAP_0F | 0x5f,
  maxsd: PF2 | MAP_0F | 0x5f,
  sqrtss: PF3 | MAP_0F | 0x51,
  sqrtsd: PF2 | MAP_0F | 0x51,
  /** Convert the low single to double. */
  cvtss2sd: PF3 | MAP_0F | 0x5a,
  /** Convert the low double to single. */
  cvtsd2ss: PF2 | MAP_0F | 0x5a,
  /** Unordered compare into ZF, PF, CF (PF = 1 when either operand is NaN). */
  ucomiss: MAP_0F | 0x2e,
  ucomisd: P66 | MAP_0F | 0x2e,
  /** Like ucomiss, but signals invalid on quiet NaNs too. */
  comiss: MAP_0F | 0x2f,
  comisd: P66 | MAP_0F | 0x2f,
  andps: MAP_0F | 0x54,
  andpd: P66 | MAP_0F | 0x54,
  /** dst = ~dst & src */
  andnps: MAP_0F | 0x55,
  andnpd: P66 | MAP_0F | 0x55,
  orps: MAP_0F | 0x56,
  orpd: P66 | MAP_0F | 0x56,
  xorps: MAP_0F | 0x57,
  xorpd: P66 | MAP_0F | 0x57,
  pxor: P66 | MAP_0F | 0xef,
} as const;
export type SseOp = (typeof Sse)[keyof typeof Sse];

/** op dst, src. */
export function sseRR(b: CodeBuffer, op: SseOp, dst: Xmm, src: Xmm): void {
  emitRR(b, op, dst, src);
}

/**
 * op dst, [mem]. The packed forms (movaps, andps, pxor, ...) fault unless the address is
 * 16-byte aligned; the scalar forms read 4 or 8 bytes at any alignment.
 */
export function sseRM(b: CodeBuffer, op: SseOp, dst: Xmm, addr: Addr, disp: number): void {
  emitRM(b, op, dst, addr, disp);
}

/** movss [mem], src (F3 0F 11 /r). */
export function movssMR(b: CodeBuffer, addr: Addr, disp: number, src: Xmm): void {
  emitRM(b, PF3 | MAP_0F | 0x11, src, addr, disp);
}

/** movsd [mem], src (F2 0F 11 /r). */
export function movsdMR(b: CodeBuffer, addr: Addr, disp: number, src: Xmm): void {
  emitRM(b, PF2 | MAP_0F | 0x11, src, addr, disp);
}

/** movaps [mem], src (0F 29 /r; 16-byte aligned). */
export function movapsMR(b: CodeBuffer, addr: Addr, disp: number, src: Xmm): void {
  emitRM(b, MAP_0F | 0x29, src, addr, disp);
}

/** movapd [mem], src (66 0F 29 /r; 16-byte aligned). */
export function movapdMR(b: CodeBuffer, addr: Addr, disp: number, src: Xmm): void {
  emitRM(b, P66 | MAP_0F | 0x29, src, addr, disp);
}

/** movd xmm, r32 / movq xmm, r64 (66 [REX.W] 0F 6E /r): the other lanes become zero. */
export function movdXR(b: CodeBuffer, w: Width, dst: Xmm, src: Gpr): void {
  emitRR(b, P66 | MAP_0F | 0x6e | wide(w), dst, src);
}

/** movd r32, xmm / movq r64, xmm (66 [REX.W] 0F 7E /r). */
export function movdRX(b: CodeBuffer, w: Width, dst: Gpr, src: Xmm): void {
  emitRR(b, P66 | MAP_0F | 0x7e | wide(w), src, dst);
}

/** cvtsi2ss xmm, r32/r64 (F3 [REX.W] 0F 2A /r): signed integer to single. */
export function cvtsi2ss(b: CodeBuffer, w: Width, dst: Xmm, src: Gpr): void {
  emitRR(b, PF3 | MAP_0F | 0x2a | wide(w), dst, src);
}

/** cvtsi2sd xmm, r32/r64 (F2 [REX.W] 0F 2A /r): signed integer to double. */
export function cvtsi2sd(b: CodeBuffer, w: Width, dst: Xmm, src: Gpr): void {
  emitRR(b, PF2 | MAP_0F | 0x2a | wide(w), dst, src);
}

/**
 * cvttss2si r32/r64, xmm (F3 [REX.W] 0F 2C /r): single to signed integer, truncating. An
 * out-of-range or NaN input gives the "integer indefinite" 0x80000000(00000000).
 */
export function cvttss2si(b: CodeBuffer, w: Width, dst: Gpr, src: Xmm): void {
  emitRR(b, PF3 | MAP_0F | 0x2c | wide(w), dst, src);
}

/** cvttsd2si r32/r64, xmm (F2 [REX.W] 0F 2C /r): double to signed integer, truncating. */
export function cvttsd2si(b: CodeBuffer, w: Width, dst: Gpr, src: Xmm): void {
  emitRR(b, PF2 | MAP_0F | 0x2c | wide(w), dst, src);
}

/** Rounding-control immediate of roundss/roundsd (bits 0-1; bit 2 clear selects them over MXCSR). */
export const Round = { nearest: 0, down: 1, up: 2, zero: 3 } as const;
export type RoundMode = (typeof Round)[keyof typeof Round];

function roundImm(mode: RoundMode): number {
  if (!(mode >= 0 && mode <= 3)) throw new AssemblerError(`rounding mode ${mode} is not 0..3`);
  return mode;
}

/** roundss dst, src, mode (66 0F 3A 0A /r ib; SSE4.1). */
export function roundss(b: CodeBuffer, dst: Xmm, src: Xmm, mode: RoundMode): void {
  emitRR(b, P66 | MAP_0F3A | 0x0a, dst, src, 1, roundImm(mode));
}

/** roundsd dst, src, mode (66 0F 3A 0B /r ib; SSE4.1). */
export function roundsd(b: CodeBuffer, dst: Xmm, src: Xmm, mode: RoundMode): void {
  emitRR(b, P66 | MAP_0F3A | 0x0b, dst, src, 1, roundImm(mode));
}

export function roundssRM(b: CodeBuffer, dst: Xmm, addr: Addr, disp: number, mode: RoundMode): void {
  emitRM(b, P66 | MAP_0F3A | 0x0a, dst, addr, disp, 1, roundImm(mode));
}

export function roundsdRM(b: CodeBuffer, dst: Xmm, addr: Addr, disp: number, mode: RoundMode): void {
  emitRM(b, P66 | MAP_0F3A | 0x0b, dst, addr, disp, 1, roundImm(mode));
}

/**
 * Predicate immediate of cmpss/cmpsd. The ordered predicates (eq, lt, le, ord) are false
 * when an operand is NaN; their negations (neq, nlt, nle, unord) are true.
 */
export const SsePredicate = { eq: 0, lt: 1, le: 2, unord: 3, neq: 4, nlt: 5, nle: 6, ord: 7 } as const;
export type SsePredicateOp = (typeof SsePredicate)[keyof typeof SsePredicate];

function predicateImm(p: SsePredicateOp): number {
  if (!(p >= 0 && p <= 7)) throw new AssemblerError(`comparison predicate ${p} is not 0..7`);
  return p;
}

/**
 * cmpss dst, src, predicate (F3 0F C2 /r ib): the low lane of dst becomes all ones when
 * `dst <predicate> src` holds, else zero; the other lanes are kept.
 */
export function cmpss(b: CodeBuffer, dst: Xmm, src: Xmm, predicate: SsePredicateOp): void {
  emitRR(b, PF3 | MAP_0F | 0xc2, dst, src, 1, predicateImm(predicate));
}

/** cmpsd dst, src, predicate (F2 0F C2 /r ib): as cmpss, on the low double. */
export function cmpsd(b: CodeBuffer, dst: Xmm, src: Xmm, predicate: SsePredicateOp): void {
  emitRR(b, PF2 | MAP_0F | 0xc2, dst, src, 1, predicateImm(predicate));
}
