/**
 * The bytes of `.eh_frame`, against expectations worked out by hand from the DWARF 5
 * specification (LEB128: section 7.6 and its figures 7.22/7.23; call frame instructions:
 * section 6.4.2 and table 7.29), the System V x86-64 psABI (DWARF register numbers,
 * figure 3.36) and the LSB's description of `.eh_frame` (CIE and FDE layout, "zR").
 */
import { describe, expect, test } from 'vitest';
import { r10, r11, r12, r13, r14, r15, r8, r9, rax, rbp, rbx, rcx, rdi, rdx, rsi, rsp } from '../src/codegen/x64/index.js';
import {
  ByteWriter,
  DW_REG_RA,
  DW_REG_RBP,
  DW_REG_RSP,
  buildEhFrame,
  cfa,
  dwarfGpr,
  type DwarfReg,
  type FunctionUnwind,
  type UnwindOp,
} from '../src/unwind/index.js';

const bytes = (write: (w: ByteWriter) => void): number[] => {
  const w = new ByteWriter();
  write(w);
  return [...w.finish()];
};
const hex = (s: string): number[] => (s.trim() === '' ? [] : s.trim().split(/\s+/).map((h) => parseInt(h, 16)));
const RBX = 3 as DwarfReg;
const R12 = 12 as DwarfReg;

describe('LEB128', () => {
  test.each([
    [0, '00'],
    [2, '02'],
    [127, '7f'],
    [128, '80 01'],
    [129, '81 01'],
    [130, '82 01'],
    [12857, 'b9 64'],
    [624485, 'e5 8e 26'],
    [2 ** 32, '80 80 80 80 10'],
  ])('unsigned %i', (v, expected) => {
    expect(bytes((w) => w.uleb128(v))).toEqual(hex(expected));
  });

  test.each([
    [0, '00'],
    [2, '02'],
    [-2, '7e'],
    [127, 'ff 00'],
    [-127, '81 7f'],
    [128, '80 01'],
    [-128, '80 7f'],
    [129, '81 01'],
    [-129, 'ff 7e'],
    [-8, '78'],
    [-123456, 'c0 bb 78'],
    [-(2 ** 32), '80 80 80 80 70'],
  ])('signed %i', (v, expected) => {
    expect(bytes((w) => w.sleb128(v))).toEqual(hex(expected));
  });

  test('refuses what it cannot encode', () => {
    expect(() => bytes((w) => w.uleb128(-1))).toThrow(/ULEB128/);
    expect(() => bytes((w) => w.sleb128(0.5))).toThrow(/SLEB128/);
  });
});

describe('DWARF register numbers (psABI figure 3.36)', () => {
  test('every general-purpose register', () => {
    const gprs = [rax, rdx, rcx, rbx, rsi, rdi, rbp, rsp, r8, r9, r10, r11, r12, r13, r14, r15];
    expect(gprs.map(dwarfGpr)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect([DW_REG_RSP, DW_REG_RBP, DW_REG_RA]).toEqual([7, 6, 16]);
  });
});

describe('call frame instructions', () => {
  test.each([
    [0, ''], // no advance at all
    [1, '41'], // DW_CFA_advance_loc: 0x40 | delta
    [63, '7f'],
    [64, '02 40'], // DW_CFA_advance_loc1
    [255, '02 ff'],
    [256, '03 00 01'], // DW_CFA_advance_loc2, little-endian
    [65535, '03 ff ff'],
    [65536, '04 00 00 01 00'], // DW_CFA_advance_loc4
  ])('advance_loc by %i', (delta, expected) => {
    expect(bytes((w) => cfa.advanceLoc(w, delta))).toEqual(hex(expected));
  });

  test('CFA rules', () => {
    expect(bytes((w) => cfa.defCfa(w, DW_REG_RSP, 8))).toEqual(hex('0c 07 08'));
    expect(bytes((w) => cfa.defCfa(w, DW_REG_RBP, 200))).toEqual(hex('0c 06 c8 01'));
    expect(bytes((w) => cfa.defCfaRegister(w, DW_REG_RBP))).toEqual(hex('0d 06'));
    expect(bytes((w) => cfa.defCfaOffset(w, 16))).toEqual(hex('0e 10'));
    expect(bytes((w) => cfa.defCfaOffset(w, 128))).toEqual(hex('0e 80 01'));
  });

  test('register rules: offsets are factored by the data alignment -8', () => {
    expect(bytes((w) => cfa.offset(w, DW_REG_RA, -8))).toEqual(hex('90 01')); // 0x80 | 16, 1
    expect(bytes((w) => cfa.offset(w, DW_REG_RBP, -16))).toEqual(hex('86 02'));
    expect(bytes((w) => cfa.offset(w, R12, -32))).toEqual(hex('8c 04'));
    expect(bytes((w) => cfa.offset(w, RBX, -1024))).toEqual(hex('83 80 01'));
    // Above the CFA the factored offset is negative: DW_CFA_offset_extended_sf, SLEB128 -1.
    expect(bytes((w) => cfa.offset(w, RBX, 8))).toEqual(hex('11 03 7f'));
    expect(() => bytes((w) => cfa.offset(w, RBX, -12))).toThrow(/multiple of 8/);
    expect(bytes((w) => cfa.restore(w, DW_REG_RBP))).toEqual(hex('c6'));
    expect(bytes((w) => cfa.restore(w, R12))).toEqual(hex('cc'));
    expect(bytes((w) => cfa.rememberState(w))).toEqual(hex('0a'));
    expect(bytes((w) => cfa.restoreState(w))).toEqual(hex('0b'));
  });
});

/** The CIE every .eh_frame starts with: 24 bytes. */
const CIE = `
  14 00 00 00   length 20
  00 00 00 00   CIE id
  01            version
  7a 52 00      "zR"
  01            code alignment 1
  78            data alignment -8
  10            return address register 16
  01 1b         augmentation data: 1 byte, DW_EH_PE_pcrel | DW_EH_PE_sdata4
  0c 07 08      DW_CFA_def_cfa rsp, 8
  90 01         DW_CFA_offset r16, cfa-8
  00 00         DW_CFA_nop padding to 24`;

/** The bytes of a commented hex listing: on each line, the hex pairs before the first other word. */
const listing = (s: string): number[] =>
  s.split('\n').flatMap((line) => {
    const words = line.trim().split(/\s+/);
    const end = words.findIndex((t) => !/^[0-9a-f]{2}$/.test(t));
    return words.slice(0, end < 0 ? words.length : end).map((t) => parseInt(t, 16));
  });

/** `push rbp; mov rbp, rsp; pop rbp; ret`: ops after bytes 1, 4 and 5 of 6. */
const tiny: UnwindOp[] = [
  { kind: 'pushFramePointer', at: 1 },
  { kind: 'setFramePointer', at: 4 },
  { kind: 'popFramePointer', at: 5 },
];

describe('.eh_frame records', () => {
  test('the CIE alone, for no function', () => {
    const eh = buildEhFrame([]);
    expect([...eh.bytes]).toEqual(listing(CIE));
    expect(eh.relocations).toEqual([]);
  });

  test('one FDE: header, program and padding', () => {
    const eh = buildEhFrame([{ offset: 0, size: 6, ops: tiny, symbol: 'f' }]);
    expect([...eh.bytes]).toEqual(
      listing(`${CIE}
      1c 00 00 00   length 28
      1c 00 00 00   CIE pointer: from offset 0x1c back to 0
      00 00 00 00   pc_begin, relocated
      06 00 00 00   pc_range 6
      00            augmentation data length
      41            advance_loc 1
      0e 10         def_cfa_offset 16
      86 02         offset rbp, cfa-16
      43            advance_loc 3
      0d 06         def_cfa_register rbp
      41            advance_loc 1
      0c 07 08      def_cfa rsp, 8
      c6            restore rbp
      00 00         padding to 32`),
    );
    expect(eh.relocations).toEqual([{ offset: 0x20, symbol: 'f', type: 2, addend: 0 }]);
  });

  test('FDEs refer back to the one CIE; .text anchors carry the function offset', () => {
    const fns: FunctionUnwind<string>[] = [
      { offset: 0, size: 6, ops: tiny },
      { offset: 0x40, size: 6, ops: tiny },
      { offset: 0x80, size: 6, ops: tiny, symbol: 'own' },
    ];
    const eh = buildEhFrame(fns, { textSymbol: '.text' });
    expect(eh.bytes.length).toBe(24 + 3 * 32);
    const u32 = (at: number) => new DataView(eh.bytes.buffer).getUint32(at, true);
    expect([0x18, 0x38, 0x58].map((at) => u32(at + 4))).toEqual([0x1c, 0x3c, 0x5c]);
    expect(eh.relocations).toEqual([
      { offset: 0x20, symbol: '.text', type: 2, addend: 0 },
      { offset: 0x40, symbol: '.text', type: 2, addend: 0x40 },
      { offset: 0x60, symbol: 'own', type: 2, addend: 0 },
    ]);
    expect(buildEhFrame(fns, { textSymbol: '.text' })).toEqual(eh);
  });

  test('two epilogues: remember before the first, restore after its ret; nothing after the last ret', () => {
    // push rbp; mov rbp, rsp; push rbx; [body 0x100 bytes]; pop rbx; pop rbp; ret; [body]; pop rbx; pop rbp; ret
    const ops: UnwindOp[] = [
      { kind: 'pushFramePointer', at: 1 },
      { kind: 'setFramePointer', at: 4 },
      { kind: 'saveRegister', at: 5, reg: rbx, cfaOffset: -24 },
      { kind: 'rememberState', at: 0x105 },
      { kind: 'restoreRegister', at: 0x106, reg: rbx },
      { kind: 'popFramePointer', at: 0x107 },
      { kind: 'restoreState', at: 0x108 },
      { kind: 'rememberState', at: 0x110 },
      { kind: 'restoreRegister', at: 0x111, reg: rbx },
      { kind: 'popFramePointer', at: 0x112 },
      { kind: 'restoreState', at: 0x113 },
    ];
    const eh = buildEhFrame([{ offset: 0, size: 0x113, ops, symbol: 'f' }]);
    const fde = [...eh.bytes.subarray(24)];
    expect(fde.slice(4 + 4 + 4 + 4 + 1)).toEqual(
      listing(`
      41            advance_loc 1
      0e 10         def_cfa_offset 16
      86 02         offset rbp, cfa-16
      43            advance_loc 3
      0d 06         def_cfa_register rbp
      41            advance_loc 1
      83 03         offset rbx, cfa-24
      0a            remember_state (no advance: it changes no rule)
      03 01 01      advance_loc2 0x101, to 0x106
      c3            restore rbx
      41            advance_loc 1
      0c 07 08      def_cfa rsp, 8
      c6            restore rbp
      41            advance_loc 1
      0b            restore_state
      0a            remember_state
      49            advance_loc 9, to 0x111
      c3            restore rbx
      41            advance_loc 1
      0c 07 08      def_cfa rsp, 8
      c6            restore rbp
                    (nothing for the restore_state at 0x113, the end, which describes no
                    instruction; 17 header bytes + 31 = 48: no padding)`),
    );
    expect(fde[0]).toBe(fde.length - 4);
    expect(fde.length % 8).toBe(0);
  });
});

describe('pseudo-op sequences that describe no frame-pointer frame are refused', () => {
  const push = { kind: 'pushFramePointer', at: 1 } as const;
  const set = { kind: 'setFramePointer', at: 4 } as const;
  const refused = (ops: UnwindOp[], size = 16) => () => buildEhFrame([{ offset: 0x20, size, ops, symbol: 'f' }]);

  test.each<[string, UnwindOp[], RegExp]>([
    ['set before push', [set], /op 0 \(setFramePointer at 4\): rbp is set right after it is pushed/],
    ['push twice', [push, { kind: 'pushFramePointer', at: 2 }], /op 1 .*only on entry/],
    ['out of order', [push, { kind: 'setFramePointer', at: 0 }], /op 1 .*code order/],
    ['past the end', [push, { kind: 'setFramePointer', at: 17 }], /not in \[1, 16\]/],
    ['pop without frame', [push, { kind: 'popFramePointer', at: 2 }], /only while CFA = rbp\+16/],
    ['restore without remember', [push, set, { kind: 'restoreState', at: 5 }], /no rememberState/],
    ['remember without restore', [push, set, { kind: 'rememberState', at: 5 }], /1 rememberState without restoreState/],
    ['save rsp', [push, set, { kind: 'saveRegister', at: 5, reg: rsp, cfaOffset: -24 }], /own ops/],
    ['save in the rbp slot', [push, set, { kind: 'saveRegister', at: 5, reg: rbx, cfaOffset: -16 }], /below the saved rbp/],
    ['save off the slots', [push, set, { kind: 'saveRegister', at: 5, reg: rbx, cfaOffset: -28 }], /multiple of 8/],
  ])('%s', (_, ops, message) => {
    expect(refused(ops)).toThrow(message);
  });

  test('an empty function, and a function without a symbol to anchor it', () => {
    expect(refused([], 0)).toThrow(/function at \.text\+0x20: size 0/);
    expect(() => buildEhFrame([{ offset: 0, size: 6, ops: tiny }])).toThrow(/no symbol, and no \.text symbol/);
  });
});
