/**
 * Encodings of the packed SSE and AVX forms (src/codegen/x64/simd.ts), checked by objdump.
 *
 * Two parts, as in x64-encoding.test.ts:
 * - a sweep over every entry of the `Vec` table, in its legacy and its VEX form, with
 *   registers that need REX/VEX extension bits and without: objdump must read each as the
 *   named instruction with the operands given (the name is the table's key, the text is
 *   objdump's), one instruction per emitted sequence;
 * - (instruction, bytes, disassembly) triples for the forms outside the table and for the
 *   encoding details (two- and three-byte VEX, W, memory operands, immediates), the bytes
 *   worked out from the SDM's VEX layout.
 */
import { describe, expect, test } from 'vitest';
import {
  AssemblerError,
  Blend,
  CodeBuffer,
  Mask,
  ShiftImm,
  UNARY,
  Vec,
  VecPredicate,
  blendvRR,
  extractLaneM,
  extractLaneR,
  insertLaneM,
  insertLaneR,
  maskRX,
  mem,
  movdMR,
  movdRM,
  movqMR,
  movqRM,
  movupsMR,
  r11,
  r14,
  r8,
  rax,
  rbp,
  rcx,
  rdx,
  ripLabel,
  shiftImm,
  vblendvRRRR,
  vecRM,
  vecRM2,
  vecRR,
  vecRR2,
  vecRRM,
  vecRRR,
  vmovdRX,
  vmovdXR,
  vshiftImm,
  xmm0,
  xmm1,
  xmm12,
  xmm15,
  xmm2,
  xmm3,
  xmm5,
  xmm9,
  type Label,
  type VecOp,
} from '../src/codegen/x64/index.js';
import { objdump } from './helpers/objdump.js';

type Emit = (b: CodeBuffer) => void;
const h2 = (n: number) => n.toString(16).padStart(2, '0');

/** Entries whose objdump text takes an immediate, and the one the sweep gives them. */
const IMM: Partial<Record<keyof typeof Vec, number>> = {
  pshufd: 0x1b,
  pshuflw: 0x1b,
  pshufhw: 0x1b,
  palignr: 3,
  pblendw: 0x0f,
  roundps: 1,
  roundpd: 2,
  shufps: 0x44,
  insertps: 0x10,
};
/** Entries objdump prints under another name (the predicate folded into the mnemonic). */
const TEXT_NAME: Partial<Record<keyof typeof Vec, string>> = { cmpps: 'cmpltps', cmppd: 'cmpltpd' };
/** VEX only (AVX2). */
const VEX_ONLY = new Set<keyof typeof Vec>(['vpbroadcastb', 'vpbroadcastw', 'vpbroadcastd', 'vpbroadcastq', 'vbroadcastss']);
/** Legacy register-only forms whose VEX form takes three operands the same way. */
const REG_ONLY = new Set<keyof typeof Vec>(['movlhps', 'movhlps', 'movsd']);

interface Sweep {
  emit: Emit;
  text: string;
}

function sweep(): Sweep[] {
  const out: Sweep[] = [];
  for (const name of Object.keys(Vec) as (keyof typeof Vec)[]) {
    const op: VecOp = Vec[name];
    const unary = (op & UNARY) !== 0;
    const cmp = name === 'cmpps' || name === 'cmppd';
    const imm = cmp ? VecPredicate.lt : (IMM[name] ?? -1);
    const immText = cmp || imm < 0 ? '' : `,0x${imm.toString(16)}`;
    const textName = TEXT_NAME[name] ?? name;
    const bare = name.startsWith('v') && VEX_ONLY.has(name) ? name.slice(1) : name;
    if (!VEX_ONLY.has(name)) {
      out.push({ emit: (b) => vecRR(b, op, xmm1, xmm9, imm), text: `${textName} xmm1,xmm9${immText}` });
      out.push({ emit: (b) => vecRR(b, op, xmm12, xmm2, imm), text: `${textName} xmm12,xmm2${immText}` });
      if (!REG_ONLY.has(name)) {
        const size = memSize(name);
        out.push({ emit: (b) => vecRM(b, op, xmm3, mem(rax, r8, 4), 0x40, imm), text: `${textName} xmm3,${size} PTR [rax+r8*4+0x40]${immText}` });
      }
    }
    const vName = TEXT_NAME[name] !== undefined ? `v${TEXT_NAME[name]}` : `v${bare}`;
    if (unary) {
      out.push({ emit: (b) => vecRR2(b, op, xmm9, xmm2, imm), text: `${vName} xmm9,xmm2${immText}` });
      out.push({ emit: (b) => vecRR2(b, op, xmm1, xmm12, imm), text: `${vName} xmm1,xmm12${immText}` });
    } else {
      out.push({ emit: (b) => vecRRR(b, op, xmm1, xmm2, xmm3, imm), text: `${vName} xmm1,xmm2,xmm3${immText}` });
      out.push({ emit: (b) => vecRRR(b, op, xmm9, xmm15, xmm12, imm), text: `${vName} xmm9,xmm15,xmm12${immText}` });
      if (!REG_ONLY.has(name)) {
        out.push({ emit: (b) => vecRRM(b, op, xmm5, xmm0, mem(r11), 8, imm), text: `${vName} xmm5,xmm0,${memSize(name)} PTR [r11+0x8]${immText}` });
      }
    }
  }
  return out;
}

/** What objdump calls the memory operand: 16 bytes but for the forms that read a part. */
function memSize(name: keyof typeof Vec): string {
  if (name === 'movddup' || name === 'cvtps2pd' || name === 'cvtdq2pd') return 'QWORD';
  if (name === 'insertps') return 'DWORD';
  if (name.startsWith('pmov')) return pmovSize(name);
  return 'XMMWORD';
}

function pmovSize(name: string): string {
  const from = name[name.length - 2]!;
  const to = name[name.length - 1]!;
  const ratio = { b: 1, w: 2, d: 4, q: 8 }[to]! / { b: 1, w: 2, d: 4, q: 8 }[from]!;
  return ratio === 2 ? 'QWORD' : ratio === 4 ? 'DWORD' : 'WORD';
}

type Triple = [emit: Emit, hex: string, text: string];

const after = (emit: (b: CodeBuffer, l: Label) => void): Emit => (b) => {
  const l = b.newLabel();
  emit(b, l);
  b.bind(l);
};

const triples: Triple[] = [
  // Two-byte VEX: C5, R̄ v̄v̄v̄v̄ L pp.
  [(b) => vecRRR(b, Vec.paddb, xmm1, xmm2, xmm3), 'c5 e9 fc cb', 'vpaddb xmm1,xmm2,xmm3'],
  [(b) => vecRRR(b, Vec.pxor, xmm9, xmm9, xmm9), 'c4 41 31 ef c9', 'vpxor xmm9,xmm9,xmm9'],
  [(b) => vecRRR(b, Vec.addps, xmm12, xmm0, xmm1), 'c5 78 58 e1', 'vaddps xmm12,xmm0,xmm1'],
  // Three-byte VEX: C4, R̄ X̄ B̄ m-mmmm, W v̄v̄v̄v̄ L pp.
  [(b) => vecRRR(b, Vec.pshufb, xmm0, xmm1, xmm2), 'c4 e2 71 00 c2', 'vpshufb xmm0,xmm1,xmm2'],
  [(b) => vecRRR(b, Vec.pmulld, xmm15, xmm15, xmm9), 'c4 42 01 40 f9', 'vpmulld xmm15,xmm15,xmm9'],
  [(b) => vecRR2(b, Vec.vpbroadcastb, xmm0, xmm1), 'c4 e2 79 78 c1', 'vpbroadcastb xmm0,xmm1'],
  [(b) => vecRR2(b, Vec.pshufd, xmm2, xmm3, 0x4e), 'c5 f9 70 d3 4e', 'vpshufd xmm2,xmm3,0x4e'],
  [(b) => vecRM2(b, Vec.vpbroadcastd, xmm1, mem(r14, rax), 4), 'c4 c2 79 58 4c 06 04', 'vpbroadcastd xmm1,DWORD PTR [r14+rax*1+0x4]'],
  [(b) => vecRM2(b, Vec.vbroadcastss, xmm1, mem(rax), 0), 'c4 e2 79 18 08', 'vbroadcastss xmm1,DWORD PTR [rax]'],
  [(b) => vecRM2(b, Vec.movups, xmm9, mem(rbp), -32), 'c5 78 10 4d e0', 'vmovups xmm9,XMMWORD PTR [rbp-0x20]'],
  [after((b, l) => vecRRM(b, Vec.paddd, xmm1, xmm1, ripLabel(l), 0)), 'c5 f1 fe 0d 00 00 00 00', 'vpaddd xmm1,xmm1,XMMWORD PTR [rip+0x0]'],
  [after((b, l) => vecRRM(b, Vec.cmpps, xmm1, xmm2, ripLabel(l), 0, VecPredicate.le)), 'c5 e8 c2 0d 00 00 00 00 02', 'vcmpleps xmm1,xmm2,XMMWORD PTR [rip+0x0]'],
  // Legacy forms with memory operands and immediates.
  [(b) => vecRM(b, Vec.movups, xmm0, mem(rbp), -16), '0f 10 45 f0', 'movups xmm0,XMMWORD PTR [rbp-0x10]'],
  [(b) => vecRM(b, Vec.pmovsxbw, xmm9, mem(r14, rcx), 0), '66 45 0f 38 20 0c 0e', 'pmovsxbw xmm9,QWORD PTR [r14+rcx*1]'],
  [after((b, l) => vecRM(b, Vec.pshufd, xmm1, ripLabel(l), 0, 0xe4)), '66 0f 70 0d 00 00 00 00 e4', 'pshufd xmm1,XMMWORD PTR [rip+0x0],0xe4'],
  [(b) => vecRR(b, Vec.cmppd, xmm0, xmm15, VecPredicate.unord), '66 41 0f c2 c7 03', 'cmpunordpd xmm0,xmm15'],
  // Stores and the scalar loads.
  [(b) => movupsMR(b, false, mem(rbp), -48, xmm3), '0f 11 5d d0', 'movups XMMWORD PTR [rbp-0x30],xmm3'],
  [(b) => movupsMR(b, true, mem(r14, rax), 0x10, xmm12), 'c4 41 78 11 64 06 10', 'vmovups XMMWORD PTR [r14+rax*1+0x10],xmm12'],
  [(b) => movqMR(b, false, mem(rax), 0, xmm9), '66 44 0f d6 08', 'movq QWORD PTR [rax],xmm9'],
  [(b) => movdMR(b, true, mem(rax), 0, xmm1), 'c5 f9 7e 08', 'vmovd DWORD PTR [rax],xmm1'],
  [(b) => movqRM(b, false, xmm2, mem(r14, rdx), 0), 'f3 41 0f 7e 14 16', 'movq xmm2,QWORD PTR [r14+rdx*1]'],
  [(b) => movqRM(b, true, xmm2, mem(rax), 0), 'c5 fa 7e 10', 'vmovq xmm2,QWORD PTR [rax]'],
  [(b) => movdRM(b, false, xmm15, mem(rax), 4), '66 44 0f 6e 78 04', 'movd xmm15,DWORD PTR [rax+0x4]'],
  [(b) => vmovdXR(b, 32, xmm1, r11), 'c4 c1 79 6e cb', 'vmovd xmm1,r11d'],
  [(b) => vmovdXR(b, 64, xmm9, rax), 'c4 61 f9 6e c8', 'vmovq xmm9,rax'],
  [(b) => vmovdRX(b, 32, rax, xmm1), 'c5 f9 7e c8', 'vmovd eax,xmm1'],
  [(b) => vmovdRX(b, 64, r8, xmm9), 'c4 41 f9 7e c8', 'vmovq r8,xmm9'],
  // Masks.
  [(b) => maskRX(b, false, Mask.pmovmskb, rax, xmm9), '66 41 0f d7 c1', 'pmovmskb eax,xmm9'],
  [(b) => maskRX(b, false, Mask.movmskps, r11, xmm1), '44 0f 50 d9', 'movmskps r11d,xmm1'],
  [(b) => maskRX(b, false, Mask.movmskpd, rcx, xmm0), '66 0f 50 c8', 'movmskpd ecx,xmm0'],
  [(b) => maskRX(b, true, Mask.pmovmskb, rax, xmm1), 'c5 f9 d7 c1', 'vpmovmskb eax,xmm1'],
  // Lane inserts and extracts.
  [(b) => insertLaneR(b, 1, false, xmm1, xmm1, rax, 15), '66 0f 3a 20 c8 0f', 'pinsrb xmm1,eax,0xf'],
  [(b) => insertLaneR(b, 2, false, xmm9, xmm9, r11, 7), '66 45 0f c4 cb 07', 'pinsrw xmm9,r11d,0x7'],
  [(b) => insertLaneR(b, 4, false, xmm0, xmm0, rcx, 3), '66 0f 3a 22 c1 03', 'pinsrd xmm0,ecx,0x3'],
  [(b) => insertLaneR(b, 8, false, xmm0, xmm0, r8, 1), '66 49 0f 3a 22 c0 01', 'pinsrq xmm0,r8,0x1'],
  [(b) => insertLaneR(b, 1, true, xmm1, xmm2, rax, 0), 'c4 e3 69 20 c8 00', 'vpinsrb xmm1,xmm2,eax,0x0'],
  [(b) => insertLaneR(b, 8, true, xmm9, xmm9, r11, 1), 'c4 43 b1 22 cb 01', 'vpinsrq xmm9,xmm9,r11,0x1'],
  [(b) => insertLaneM(b, 2, false, xmm1, xmm1, mem(r14, rax), 2, 4), '66 41 0f c4 4c 06 02 04', 'pinsrw xmm1,WORD PTR [r14+rax*1+0x2],0x4'],
  [(b) => insertLaneM(b, 4, true, xmm1, xmm1, mem(rax), 0, 2), 'c4 e3 71 22 08 02', 'vpinsrd xmm1,xmm1,DWORD PTR [rax],0x2'],
  [(b) => extractLaneR(b, 1, false, rax, xmm1, 15), '66 0f 3a 14 c8 0f', 'pextrb eax,xmm1,0xf'],
  [(b) => extractLaneR(b, 2, false, r11, xmm9, 7), '66 45 0f c5 d9 07', 'pextrw r11d,xmm9,0x7'],
  [(b) => extractLaneR(b, 4, false, rcx, xmm0, 3), '66 0f 3a 16 c1 03', 'pextrd ecx,xmm0,0x3'],
  [(b) => extractLaneR(b, 8, false, r8, xmm12, 1), '66 4d 0f 3a 16 e0 01', 'pextrq r8,xmm12,0x1'],
  [(b) => extractLaneR(b, 2, true, rax, xmm1, 1), 'c5 f9 c5 c1 01', 'vpextrw eax,xmm1,0x1'],
  [(b) => extractLaneR(b, 8, true, rax, xmm9, 1), 'c4 63 f9 16 c8 01', 'vpextrq rax,xmm9,0x1'],
  [(b) => extractLaneM(b, 1, false, mem(r14, rax), 0, xmm1, 9), '66 41 0f 3a 14 0c 06 09', 'pextrb BYTE PTR [r14+rax*1],xmm1,0x9'],
  [(b) => extractLaneM(b, 2, true, mem(rax), 6, xmm2, 3), 'c4 e3 79 15 50 06 03', 'vpextrw WORD PTR [rax+0x6],xmm2,0x3'],
  // Shifts by an immediate: the destination is ModRM.rm (legacy) or vvvv (VEX).
  [(b) => shiftImm(b, ShiftImm.psllw, xmm1, 3), '66 0f 71 f1 03', 'psllw xmm1,0x3'],
  [(b) => shiftImm(b, ShiftImm.psrad, xmm9, 31), '66 41 0f 72 e1 1f', 'psrad xmm9,0x1f'],
  [(b) => shiftImm(b, ShiftImm.psrldq, xmm0, 8), '66 0f 73 d8 08', 'psrldq xmm0,0x8'],
  [(b) => shiftImm(b, ShiftImm.pslldq, xmm2, 4), '66 0f 73 fa 04', 'pslldq xmm2,0x4'],
  [(b) => shiftImm(b, ShiftImm.psrlq, xmm15, 32), '66 41 0f 73 d7 20', 'psrlq xmm15,0x20'],
  [(b) => vshiftImm(b, ShiftImm.psrlw, xmm1, xmm2, 8), 'c5 f1 71 d2 08', 'vpsrlw xmm1,xmm2,0x8'],
  [(b) => vshiftImm(b, ShiftImm.psllq, xmm9, xmm12, 1), 'c4 c1 31 73 f4 01', 'vpsllq xmm9,xmm12,0x1'],
  // Variable blends: xmm0 implied (legacy) or the fourth register in imm8[7:4] (VEX).
  [(b) => blendvRR(b, Blend.pblendvb, xmm1, xmm2), '66 0f 38 10 ca', 'pblendvb xmm1,xmm2,xmm0'],
  [(b) => blendvRR(b, Blend.blendvps, xmm9, xmm1), '66 44 0f 38 14 c9', 'blendvps xmm9,xmm1,xmm0'],
  [(b) => blendvRR(b, Blend.blendvpd, xmm1, xmm2), '66 0f 38 15 ca', 'blendvpd xmm1,xmm2,xmm0'],
  [(b) => vblendvRRRR(b, Blend.pblendvb, xmm1, xmm2, xmm3, xmm5), 'c4 e3 69 4c cb 50', 'vpblendvb xmm1,xmm2,xmm3,xmm5'],
  [(b) => vblendvRRRR(b, Blend.blendvps, xmm9, xmm1, xmm12, xmm15), 'c4 43 71 4a cc f0', 'vblendvps xmm9,xmm1,xmm12,xmm15'],
];

describe('the Vec table, legacy and VEX', () => {
  const cases = sweep();
  const buf = new CodeBuffer(16);
  const starts: number[] = [];
  for (const c of cases) {
    starts.push(buf.length);
    c.emit(buf);
  }
  const code = buf.finish();
  const lines = objdump(code);
  const byStart = new Map(lines.map((l) => [l.offset, l]));
  test('objdump sees one instruction per case', () => {
    expect(lines.length).toBe(cases.length);
  });
  test.each(cases.map((c, i) => [c.text, i] as const))('%s', (text, i) => {
    expect(byStart.get(starts[i]!)?.text).toBe(text);
  });
});

describe('forms and encoding details', () => {
  const buf = new CodeBuffer(16);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const [emit] of triples) {
    starts.push(buf.length);
    emit(buf);
    ends.push(buf.length);
  }
  const code = buf.finish();
  const byStart = new Map(objdump(code).map((l) => [l.offset, l]));
  test.each(triples.map((t, i) => [t[2], t[1], i] as const))('%s', (text, hex, i) => {
    expect(Array.from(code.subarray(starts[i]!, ends[i]!), h2).join(' ')).toBe(hex);
    const line = byStart.get(starts[i]!);
    expect(line?.hex).toBe(hex);
    expect(line?.text).toBe(text);
  });
});

describe('rejected operands', () => {
  const b = new CodeBuffer();
  test.each([
    ['two sources for a one-source form', () => vecRRR(b, Vec.pshufd, xmm0, xmm1, xmm2, 0)],
    ['one source for a two-source form', () => vecRR2(b, Vec.paddb, xmm0, xmm1)],
    ['a lane beyond the vector', () => extractLaneR(b, 4, false, rax, xmm0, 4)],
    ['a legacy insert into another register', () => insertLaneR(b, 4, false, xmm0, xmm1, rax, 0)],
    ['an immediate beyond a byte', () => vecRR(b, Vec.pshufd, xmm0, xmm1, 256)],
  ])('%s', (_, f) => {
    expect(f).toThrow(AssemblerError);
  });
});
