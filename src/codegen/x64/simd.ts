/**
 * Packed (128-bit) SSE2, SSE3, SSSE3, SSE4.1 and SSE4.2 instructions, and their AVX (VEX)
 * forms. Naming follows gpr.ts: R register, M memory.
 *
 * Most forms are `op xmm, xmm/m128 [, imm8]` and are listed in the `Vec` table, one `Op`
 * (encoding.ts) per instruction. The same entry encodes both ways:
 *
 *   legacy  `op dst, src`              dst is also the first source (two-address)
 *   VEX     `vop dst, src1, src2`      three operands, dst written, sources kept
 *
 * Entries marked UNARY (a shuffle with an immediate, a conversion, an extension, ptest)
 * read one source: their VEX form is `vop dst, src` with vvvv unused (`vecRR2`/`vecRM2`).
 * A legacy SSE instruction with an m128 operand faults unless the address is 16-aligned
 * (movups/movdqu excepted); a VEX one reads any address.
 *
 * Forms that do not fit the table (moves between register files, lane inserts and
 * extracts, shifts by an immediate, variable blends, mask extraction) have their own
 * functions, each with a legacy and a VEX variant where both exist.
 */
import type { Addr } from './address.js';
import { AssemblerError, type CodeBuffer } from './buffer.js';
import { MAP_0F, MAP_0F38, MAP_0F3A, P66, PF2, PF3, W, emitRM, emitRR, emitVexRM, emitVexRR, type Op } from './encoding.js';
import type { Gpr, Xmm } from './registers.js';

/** Reads one source: the VEX form leaves vvvv unused. Ignored by the encoder. */
export const UNARY = 1 << 16;

const P = P66 | MAP_0F;
const P38 = P66 | MAP_0F38;
const P3A = P66 | MAP_0F3A;

export const Vec = {
  // moves
  movups: MAP_0F | 0x10 | UNARY,
  movaps: MAP_0F | 0x28 | UNARY,
  movdqu: PF3 | MAP_0F | 0x6f | UNARY,
  /** Duplicates the low double (SSE3). */
  movddup: PF2 | MAP_0F | 0x12 | UNARY,
  // integer arithmetic
  paddb: P | 0xfc,
  paddw: P | 0xfd,
  paddd: P | 0xfe,
  paddq: P | 0xd4,
  psubb: P | 0xf8,
  psubw: P | 0xf9,
  psubd: P | 0xfa,
  psubq: P | 0xfb,
  paddsb: P | 0xec,
  paddsw: P | 0xed,
  paddusb: P | 0xdc,
  paddusw: P | 0xdd,
  psubsb: P | 0xe8,
  psubsw: P | 0xe9,
  psubusb: P | 0xd8,
  psubusw: P | 0xd9,
  pmullw: P | 0xd5,
  pmulhw: P | 0xe5,
  pmulhuw: P | 0xe4,
  pmuludq: P | 0xf4,
  pmaddwd: P | 0xf5,
  pmulld: P38 | 0x40,
  pmuldq: P38 | 0x28,
  /** SSSE3: (a * b + 0x4000) >> 15 per signed word. */
  pmulhrsw: P38 | 0x0b,
  /** SSSE3: unsigned bytes of dst times signed bytes of src, adjacent pairs added with saturation. */
  pmaddubsw: P38 | 0x04,
  pavgb: P | 0xe0,
  pavgw: P | 0xe3,
  pminub: P | 0xda,
  pmaxub: P | 0xde,
  pminsw: P | 0xea,
  pmaxsw: P | 0xee,
  pminsb: P38 | 0x38,
  pminsd: P38 | 0x39,
  pminuw: P38 | 0x3a,
  pminud: P38 | 0x3b,
  pmaxsb: P38 | 0x3c,
  pmaxsd: P38 | 0x3d,
  pmaxuw: P38 | 0x3e,
  pmaxud: P38 | 0x3f,
  pabsb: P38 | 0x1c | UNARY,
  pabsw: P38 | 0x1d | UNARY,
  pabsd: P38 | 0x1e | UNARY,
  // comparisons
  pcmpeqb: P | 0x74,
  pcmpeqw: P | 0x75,
  pcmpeqd: P | 0x76,
  pcmpeqq: P38 | 0x29,
  pcmpgtb: P | 0x64,
  pcmpgtw: P | 0x65,
  pcmpgtd: P | 0x66,
  /** SSE4.2. */
  pcmpgtq: P38 | 0x37,
  /** ZF = (dst & src) == 0, CF = (~dst & src) == 0. */
  ptest: P38 | 0x17 | UNARY,
  // logic
  pand: P | 0xdb,
  /** dst = ~dst & src. */
  pandn: P | 0xdf,
  por: P | 0xeb,
  pxor: P | 0xef,
  // shifts by the count in the low quadword of an xmm register
  psllw: P | 0xf1,
  pslld: P | 0xf2,
  psllq: P | 0xf3,
  psrlw: P | 0xd1,
  psrld: P | 0xd2,
  psrlq: P | 0xd3,
  psraw: P | 0xe1,
  psrad: P | 0xe2,
  // narrowing (signed inputs, saturating)
  packsswb: P | 0x63,
  packuswb: P | 0x67,
  packssdw: P | 0x6b,
  packusdw: P38 | 0x2b,
  // interleaving
  punpcklbw: P | 0x60,
  punpcklwd: P | 0x61,
  punpckldq: P | 0x62,
  punpcklqdq: P | 0x6c,
  punpckhbw: P | 0x68,
  punpckhwd: P | 0x69,
  punpckhdq: P | 0x6a,
  punpckhqdq: P | 0x6d,
  // shuffles (imm8 where noted)
  /** SSSE3: byte i = src[i] & 0x80 ? 0 : dst[src[i] & 15]. */
  pshufb: P38 | 0x00,
  /** imm8: dword i = src[imm >> 2i & 3]. */
  pshufd: P | 0x70 | UNARY,
  pshuflw: PF2 | MAP_0F | 0x70 | UNARY,
  pshufhw: PF3 | MAP_0F | 0x70 | UNARY,
  /** imm8: the bytes [src:dst] (src low) shifted right by imm bytes, low 16 kept. */
  palignr: P3A | 0x0f,
  /** imm8: word i from src when bit i is set, else kept. */
  pblendw: P3A | 0x0e,
  // extension of the low lanes
  pmovsxbw: P38 | 0x20 | UNARY,
  pmovsxbd: P38 | 0x21 | UNARY,
  pmovsxwd: P38 | 0x23 | UNARY,
  pmovsxdq: P38 | 0x25 | UNARY,
  pmovzxbw: P38 | 0x30 | UNARY,
  pmovzxwd: P38 | 0x33 | UNARY,
  pmovzxdq: P38 | 0x35 | UNARY,
  // floating point
  addps: MAP_0F | 0x58,
  addpd: P | 0x58,
  subps: MAP_0F | 0x5c,
  subpd: P | 0x5c,
  mulps: MAP_0F | 0x59,
  mulpd: P | 0x59,
  divps: MAP_0F | 0x5e,
  divpd: P | 0x5e,
  /** dst = dst < src ? dst : src (src when either is NaN or both are zero). */
  minps: MAP_0F | 0x5d,
  minpd: P | 0x5d,
  /** dst = dst > src ? dst : src (src when either is NaN or both are zero). */
  maxps: MAP_0F | 0x5f,
  maxpd: P | 0x5f,
  sqrtps: MAP_0F | 0x51 | UNARY,
  sqrtpd: P | 0x51 | UNARY,
  andps: MAP_0F | 0x54,
  andnps: MAP_0F | 0x55,
  orps: MAP_0F | 0x56,
  xorps: MAP_0F | 0x57,
  /** imm8: a VecPredicate. */
  cmpps: MAP_0F | 0xc2,
  cmppd: P | 0xc2,
  /** imm8: a rounding mode (sse.ts `Round`). */
  roundps: P3A | 0x08 | UNARY,
  roundpd: P3A | 0x09 | UNARY,
  /** imm8: dwords 0, 1 from dst, 2, 3 from src, each picked by two bits. */
  shufps: MAP_0F | 0xc6,
  unpcklps: MAP_0F | 0x14,
  unpckhps: MAP_0F | 0x15,
  unpcklpd: P | 0x14,
  unpckhpd: P | 0x15,
  /** imm8: src dword (bits 7:6) into dst dword (bits 5:4), dwords of the mask (bits 3:0) zeroed. */
  insertps: P3A | 0x21,
  /** Register operands only: the low quadword of src into the high one of dst. */
  movlhps: MAP_0F | 0x16,
  /** Register operands only: the high quadword of src into the low one of dst. */
  movhlps: MAP_0F | 0x12,
  /** Register operands only: the low double of src into dst, dst's high one kept. */
  movsd: PF2 | MAP_0F | 0x10,
  // conversions
  cvtdq2ps: MAP_0F | 0x5b | UNARY,
  cvttps2dq: PF3 | MAP_0F | 0x5b | UNARY,
  cvtps2pd: MAP_0F | 0x5a | UNARY,
  cvtpd2ps: P | 0x5a | UNARY,
  cvtdq2pd: PF3 | MAP_0F | 0xe6 | UNARY,
  cvttpd2dq: P | 0xe6 | UNARY,
  // AVX2 only (VEX)
  vpbroadcastb: P38 | 0x78 | UNARY,
  vpbroadcastw: P38 | 0x79 | UNARY,
  vpbroadcastd: P38 | 0x58 | UNARY,
  vpbroadcastq: P38 | 0x59 | UNARY,
  /** AVX2 with a register source, AVX from memory. */
  vbroadcastss: P38 | 0x18 | UNARY,
} as const;
export type VecOp = (typeof Vec)[keyof typeof Vec];

/** Predicates of cmpps/cmppd (legacy range; the negations are true for NaN). */
export const VecPredicate = { eq: 0, lt: 1, le: 2, unord: 3, neq: 4, nlt: 5, nle: 6, ord: 7 } as const;
export type VecPredicateOp = (typeof VecPredicate)[keyof typeof VecPredicate];

function imm8(v: number): number {
  if (!(Number.isInteger(v) && v >= 0 && v <= 255)) throw new AssemblerError(`immediate ${v} is not a byte`);
  return v;
}

const immSize = (imm: number) => (imm < 0 ? 0 : 1);

// ---- the table's forms ------------------------------------------------------------------

/** Legacy `op dst, src [, imm]` (imm -1: none). */
export function vecRR(b: CodeBuffer, op: VecOp, dst: Xmm, src: Xmm, imm = -1): void {
  emitRR(b, op, dst, src, immSize(imm), imm < 0 ? 0 : imm8(imm));
}

/** Legacy `op dst, [mem] [, imm]`. */
export function vecRM(b: CodeBuffer, op: VecOp, dst: Xmm, addr: Addr, disp: number, imm = -1): void {
  emitRM(b, op, dst, addr, disp, immSize(imm), imm < 0 ? 0 : imm8(imm));
}

/** VEX `vop dst, src1, src2 [, imm]`. */
export function vecRRR(b: CodeBuffer, op: VecOp, dst: Xmm, src1: Xmm, src2: Xmm, imm = -1): void {
  if ((op & UNARY) !== 0) throw new AssemblerError('a one-source instruction given two sources');
  emitVexRR(b, op, dst, src1, src2, immSize(imm), imm < 0 ? 0 : imm8(imm));
}

/** VEX `vop dst, src1, [mem] [, imm]`. */
export function vecRRM(b: CodeBuffer, op: VecOp, dst: Xmm, src1: Xmm, addr: Addr, disp: number, imm = -1): void {
  if ((op & UNARY) !== 0) throw new AssemblerError('a one-source instruction given two sources');
  emitVexRM(b, op, dst, src1, addr, disp, immSize(imm), imm < 0 ? 0 : imm8(imm));
}

/** VEX `vop dst, src [, imm]` of a one-source (UNARY) entry. */
export function vecRR2(b: CodeBuffer, op: VecOp, dst: Xmm, src: Xmm, imm = -1): void {
  if ((op & UNARY) === 0) throw new AssemblerError('a two-source instruction given one source');
  emitVexRR(b, op, dst, 0, src, immSize(imm), imm < 0 ? 0 : imm8(imm));
}

/** VEX `vop dst, [mem] [, imm]` of a one-source (UNARY) entry. */
export function vecRM2(b: CodeBuffer, op: VecOp, dst: Xmm, addr: Addr, disp: number, imm = -1): void {
  if ((op & UNARY) === 0) throw new AssemblerError('a two-source instruction given one source');
  emitVexRM(b, op, dst, 0, addr, disp, immSize(imm), imm < 0 ? 0 : imm8(imm));
}

// ---- stores -------------------------------------------------------------------------------

/** movups [mem], src (0F 11 /r); `vex`: vmovups. Any alignment. */
export function movupsMR(b: CodeBuffer, vex: boolean, addr: Addr, disp: number, src: Xmm): void {
  if (vex) emitVexRM(b, MAP_0F | 0x11, src, 0, addr, disp);
  else emitRM(b, MAP_0F | 0x11, src, addr, disp);
}

/** movq [mem], src (66 0F D6 /r): the low quadword. */
export function movqMR(b: CodeBuffer, vex: boolean, addr: Addr, disp: number, src: Xmm): void {
  if (vex) emitVexRM(b, P | 0xd6, src, 0, addr, disp);
  else emitRM(b, P | 0xd6, src, addr, disp);
}

/** movd [mem], src (66 0F 7E /r): the low dword. */
export function movdMR(b: CodeBuffer, vex: boolean, addr: Addr, disp: number, src: Xmm): void {
  if (vex) emitVexRM(b, P | 0x7e, src, 0, addr, disp);
  else emitRM(b, P | 0x7e, src, addr, disp);
}

/** movq dst, [mem] (F3 0F 7E /r): the quadword into the low lane, the high one zeroed. */
export function movqRM(b: CodeBuffer, vex: boolean, dst: Xmm, addr: Addr, disp: number): void {
  if (vex) emitVexRM(b, PF3 | MAP_0F | 0x7e, dst, 0, addr, disp);
  else emitRM(b, PF3 | MAP_0F | 0x7e, dst, addr, disp);
}

/** movd dst, [mem] (66 0F 6E /r): the dword into the low lane, the rest zeroed. */
export function movdRM(b: CodeBuffer, vex: boolean, dst: Xmm, addr: Addr, disp: number): void {
  if (vex) emitVexRM(b, P | 0x6e, dst, 0, addr, disp);
  else emitRM(b, P | 0x6e, dst, addr, disp);
}

// ---- between register files ------------------------------------------------------------------

/** movd/movq dst, r32/r64 (66 [W] 0F 6E /r): the other lanes zeroed. */
export function vmovdXR(b: CodeBuffer, w: 32 | 64, dst: Xmm, src: Gpr): void {
  emitVexRR(b, P | 0x6e | (w === 64 ? W : 0), dst, 0, src);
}

/** vmovd/vmovq r32/r64, src (VEX 66 [W] 0F 7E /r). */
export function vmovdRX(b: CodeBuffer, w: 32 | 64, dst: Gpr, src: Xmm): void {
  emitVexRR(b, P | 0x7e | (w === 64 ? W : 0), src, 0, dst);
}

/** The mask-extracting forms: the sign bit of each lane into the low bits of a GPR. */
export const Mask = {
  /** 16 byte lanes. */
  pmovmskb: P | 0xd7,
  /** 4 single lanes. */
  movmskps: MAP_0F | 0x50,
  /** 2 double lanes. */
  movmskpd: P | 0x50,
} as const;
export type MaskOp = (typeof Mask)[keyof typeof Mask];

/** op r32, src: one bit per lane, the other bits zero. */
export function maskRX(b: CodeBuffer, vex: boolean, op: MaskOp, dst: Gpr, src: Xmm): void {
  if (vex) emitVexRR(b, op, dst, 0, src);
  else emitRR(b, op, dst, src);
}

// ---- lanes ------------------------------------------------------------------------------------

/** Lane widths of the insert and extract forms, in bytes. */
export type LaneSize = 1 | 2 | 4 | 8;

function laneImm(size: LaneSize, lane: number): number {
  if (!(Number.isInteger(lane) && lane >= 0 && lane < 16 / size)) throw new AssemblerError(`lane ${lane} of a ${size}-byte lane`);
  return lane;
}

/** pinsrb/w/d/q's op: 66 0F 3A 20, 66 0F C4, 66 0F 3A 22, 66 W 0F 3A 22. */
const insertOp = (size: LaneSize): Op => (size === 1 ? P3A | 0x20 : size === 2 ? P | 0xc4 : size === 4 ? P3A | 0x22 : P3A | 0x22 | W);

/**
 * pinsrb/pinsrw/pinsrd/pinsrq dst, r32/r64, lane: the GPR's low bits into the lane. `vex`:
 * vpinsr* dst, src1, r, lane (the other lanes from src1).
 */
export function insertLaneR(b: CodeBuffer, size: LaneSize, vex: boolean, dst: Xmm, src1: Xmm, src: Gpr, lane: number): void {
  const imm = laneImm(size, lane);
  if (vex) emitVexRR(b, insertOp(size), dst, src1, src, 1, imm);
  else {
    if (dst !== src1) throw new AssemblerError('a legacy insert keeps the other lanes of its destination');
    emitRR(b, insertOp(size), dst, src, 1, imm);
  }
}

/** The same from memory (the lane's bytes at [mem]). */
export function insertLaneM(b: CodeBuffer, size: LaneSize, vex: boolean, dst: Xmm, src1: Xmm, addr: Addr, disp: number, lane: number): void {
  const imm = laneImm(size, lane);
  if (vex) emitVexRM(b, insertOp(size), dst, src1, addr, disp, 1, imm);
  else {
    if (dst !== src1) throw new AssemblerError('a legacy insert keeps the other lanes of its destination');
    emitRM(b, insertOp(size), dst, addr, disp, 1, imm);
  }
}

/** pextrb/w/d/q into memory and (but for words) into a GPR: 66 0F 3A 14/15/16, W for q. */
const extractOp = (size: LaneSize): Op => (size === 1 ? P3A | 0x14 : size === 2 ? P3A | 0x15 : size === 4 ? P3A | 0x16 : P3A | 0x16 | W);

/**
 * pextrb/pextrw/pextrd/pextrq r32/r64, src, lane: the lane zero-extended (bytes and words
 * to 32 bits). Words use 66 0F C5, whose ModRM names the GPR in reg.
 */
export function extractLaneR(b: CodeBuffer, size: LaneSize, vex: boolean, dst: Gpr, src: Xmm, lane: number): void {
  const imm = laneImm(size, lane);
  if (size === 2) {
    if (vex) emitVexRR(b, P | 0xc5, dst, 0, src, 1, imm);
    else emitRR(b, P | 0xc5, dst, src, 1, imm);
  } else if (vex) emitVexRR(b, extractOp(size), src, 0, dst, 1, imm);
  else emitRR(b, extractOp(size), src, dst, 1, imm);
}

/** pextrb/w/d/q [mem], src, lane: the lane's bytes stored. */
export function extractLaneM(b: CodeBuffer, size: LaneSize, vex: boolean, addr: Addr, disp: number, src: Xmm, lane: number): void {
  const imm = laneImm(size, lane);
  if (vex) emitVexRM(b, extractOp(size), src, 0, addr, disp, 1, imm);
  else emitRM(b, extractOp(size), src, addr, disp, 1, imm);
}

// ---- shifts by an immediate ----------------------------------------------------------------

/** Shift-by-immediate forms: opcode (66 0F 71/72/73) and ModRM.reg extension. */
export const ShiftImm = {
  psrlw: 0x71 | (2 << 8),
  psraw: 0x71 | (4 << 8),
  psllw: 0x71 | (6 << 8),
  psrld: 0x72 | (2 << 8),
  psrad: 0x72 | (4 << 8),
  pslld: 0x72 | (6 << 8),
  psrlq: 0x73 | (2 << 8),
  /** Whole register, right, by bytes. */
  psrldq: 0x73 | (3 << 8),
  psllq: 0x73 | (6 << 8),
  /** Whole register, left, by bytes. */
  pslldq: 0x73 | (7 << 8),
} as const;
export type ShiftImmOp = (typeof ShiftImm)[keyof typeof ShiftImm];

/** Legacy `op dst, imm8` (dst shifted in place). */
export function shiftImm(b: CodeBuffer, op: ShiftImmOp, dst: Xmm, count: number): void {
  emitRR(b, P | (op & 0xff), op >> 8, dst, 1, imm8(count));
}

/** VEX `vop dst, src, imm8` (the destination in vvvv, the source in ModRM.rm). */
export function vshiftImm(b: CodeBuffer, op: ShiftImmOp, dst: Xmm, src: Xmm, count: number): void {
  emitVexRR(b, P | (op & 0xff), op >> 8, dst, src, 1, imm8(count));
}

// ---- variable blends ---------------------------------------------------------------------------

/** Blends by the sign bit of each mask lane: bytes, singles, doubles. */
export const Blend = { pblendvb: 0, blendvps: 1, blendvpd: 2 } as const;
export type BlendOp = (typeof Blend)[keyof typeof Blend];

const BLEND_LEGACY: readonly Op[] = [P38 | 0x10, P38 | 0x14, P38 | 0x15];
const BLEND_VEX: readonly Op[] = [P3A | 0x4c, P3A | 0x4a, P3A | 0x4b];

/** SSE4.1 `op dst, src` with the mask in xmm0, implicitly: lanes of src where xmm0's sign bit is set. */
export function blendvRR(b: CodeBuffer, op: BlendOp, dst: Xmm, src: Xmm): void {
  emitRR(b, BLEND_LEGACY[op]!, dst, src);
}

/** AVX `vop dst, src1, src2, mask`: lanes of src2 where the mask's sign bit is set, else of src1. */
export function vblendvRRRR(b: CodeBuffer, op: BlendOp, dst: Xmm, src1: Xmm, src2: Xmm, mask: Xmm): void {
  emitVexRR(b, BLEND_VEX[op]!, dst, src1, src2, 1, mask << 4);
}
