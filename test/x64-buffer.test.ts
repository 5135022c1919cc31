/**
 * The code buffer: labels, rel8/rel32 fixups, the short/near choice for backward
 * branches, patching of late-known fields, alignment, growth and reuse. Expected bytes and
 * distances are worked out by hand from the branch encodings (EB cb, E9 cd, 70+cc cb,
 * 0F 80+cc cd, E8 cd: the displacement counts from the end of the instruction).
 */
import { describe, expect, test } from 'vitest';
import {
  Alu,
  AssemblerError,
  CodeBuffer,
  Cond,
  Sse,
  aluRI,
  aluRI32,
  aluRR,
  align,
  call,
  jcc,
  jccShort,
  jmp,
  jmpNear,
  jmpShort,
  mem,
  movRM,
  movRR,
  nop,
  pop,
  push,
  r12,
  rax,
  rbp,
  rcx,
  rdx,
  ret,
  ripLabel,
  rsp,
  sseRM,
  ud2,
  xmm0,
  type Label,
} from '../src/codegen/x64/index.js';
import { objdump } from './helpers/objdump.js';

const hex = (bytes: Uint8Array) => Array.from(bytes, (x) => x.toString(16).padStart(2, '0')).join(' ');

function thrown(f: () => unknown): AssemblerError {
  try {
    f();
  } catch (e) {
    if (e instanceof AssemblerError) return e;
    throw e;
  }
  throw new Error('expected an AssemblerError');
}

describe('forward branches', () => {
  test('a near jump over code gets the distance from its end to the label', () => {
    const b = new CodeBuffer();
    const l = b.newLabel();
    jmp(b, l); // 0..5
    nop(b, 3); // 5..8
    b.bind(l);
    ret(b);
    expect(hex(b.finish())).toBe('e9 03 00 00 00 0f 1f 00 c3');
  });

  test('a label may be used many times before it is bound', () => {
    const b = new CodeBuffer();
    const l = b.newLabel();
    jcc(b, Cond.e, l); // 0..6, to 15: 9
    jccShort(b, Cond.ne, l); // 6..8, to 15: 7
    call(b, l); // 8..13, to 15: 2
    jmpShort(b, l); // 13..15, to 15: 0
    b.bind(l);
    expect(hex(b.finish())).toBe('0f 84 09 00 00 00 75 07 e8 02 00 00 00 eb 00');
  });

  test('a short jump reaches 127 bytes ahead and no further', () => {
    const ok = new CodeBuffer();
    const l = ok.newLabel();
    jmpShort(ok, l);
    nop(ok, 127);
    ok.bind(l);
    expect(hex(ok.finish().subarray(0, 2))).toBe('eb 7f');

    const far = new CodeBuffer();
    const m = far.newLabel();
    jmpShort(far, m);
    nop(far, 128);
    far.bind(m);
    expect(thrown(() => far.finish()).message).toBe(
      'the rel8 fixup at 0x1 cannot reach label 0 at 0x82 (distance 128)',
    );
  });
});

describe('backward branches', () => {
  test('take the short form when the distance fits a signed byte', () => {
    const b = new CodeBuffer();
    const l = b.newLabel();
    b.bind(l);
    nop(b, 126);
    jmp(b, l); // ends at 128: distance -128
    expect(hex(b.finish().subarray(126))).toBe('eb 80');
  });

  test('take the near form one byte further', () => {
    const b = new CodeBuffer();
    const l = b.newLabel();
    b.bind(l);
    nop(b, 127);
    jmp(b, l); // short would end at 129: -129; near ends at 132: -132
    expect(hex(b.finish().subarray(127))).toBe('e9 7c ff ff ff');
  });

  test('conditional: short 7x cb, else near 0F 8x cd', () => {
    const b = new CodeBuffer();
    const l = b.newLabel();
    b.bind(l);
    jcc(b, Cond.l, l); // 0..2: -2
    nop(b, 200); // 2..202
    jcc(b, Cond.ge, l); // 202..208: -208
    expect(hex(b.finish().subarray(0, 2))).toBe('7c fe');
    expect(hex(b.finish().subarray(202))).toBe('0f 8d 30 ff ff ff');
  });

  test('a short branch that cannot reach back is an error', () => {
    const b = new CodeBuffer();
    const l = b.newLabel();
    b.bind(l);
    nop(b, 127);
    jccShort(b, Cond.e, l); // ends at 129: -129
    expect(thrown(() => b.finish()).message).toBe(
      'the rel8 fixup at 0x80 cannot reach label 0 at 0x0 (distance -129)',
    );
  });

  test('near forms stay near even when short would do', () => {
    const b = new CodeBuffer();
    const l = b.newLabel();
    b.bind(l);
    jmpNear(b, l);
    expect(hex(b.finish())).toBe('e9 fb ff ff ff');
  });
});

describe('labels', () => {
  test('a branch to a label never bound is an error at finish', () => {
    const b = new CodeBuffer();
    ret(b);
    const l = b.newLabel();
    jmp(b, l);
    expect(thrown(() => b.finish()).message).toBe('the fixup at 0x2 refers to label 0, which was never bound');
  });

  test('a label is bound once', () => {
    const b = new CodeBuffer();
    const l = b.newLabel();
    b.bind(l);
    ret(b);
    expect(thrown(() => b.bind(l)).message).toBe('label 0 is already bound at 0x0');
  });

  test('labels of another buffer, or from before a reset, are rejected', () => {
    const b = new CodeBuffer();
    expect(() => jmp(b, 3 as Label)).toThrow(AssemblerError);
    b.newLabel();
    b.reset();
    expect(() => b.bind(0 as Label)).toThrow(AssemblerError);
  });

  test('offsets of bound labels, -1 before binding', () => {
    const b = new CodeBuffer();
    const l = b.newLabel();
    expect(b.labelOffset(l)).toBe(-1);
    nop(b, 5);
    b.bind(l);
    expect(b.labelOffset(l)).toBe(5);
  });

  test('RIP-relative loads from constants placed after the code', () => {
    const b = new CodeBuffer();
    const k = b.newLabel();
    sseRM(b, Sse.andpd, xmm0, ripLabel(k), 0); // 0..8
    movRM(b, 64, rax, ripLabel(k), 8); // 8..15
    ret(b); // 15..16
    b.align(16);
    b.bind(k); // 16
    b.u64(-1, 0x7fffffff);
    b.u64(0, 0);
    expect(hex(b.finish().subarray(0, 16))).toBe('66 0f 54 05 08 00 00 00 48 8b 05 09 00 00 00 c3');
  });

  test('jump-table entries relative to the table start', () => {
    const b = new CodeBuffer();
    const cases = [b.newLabel(), b.newLabel()];
    const table = b.length;
    b.labelDelta32(cases[0]!, table);
    b.labelDelta32(cases[1]!, table);
    b.bind(cases[1]!); // 8
    ud2(b);
    b.bind(cases[0]!); // 10
    ret(b);
    expect(hex(b.finish())).toBe('0a 00 00 00 08 00 00 00 0f 0b c3');
  });
});

describe('patching', () => {
  test('a frame size known only at the end of the function', () => {
    const b = new CodeBuffer();
    push(b, rbp);
    movRR(b, 64, rbp, rsp);
    const frameSize = aluRI32(b, Alu.sub, 64, rsp, 0);
    expect(frameSize).toBe(7);
    movRR(b, 32, rax, rcx);
    b.patchU32(frameSize, 0x28);
    expect(hex(b.finish())).toBe('55 48 89 e5 48 81 ec 28 00 00 00 89 c8');
    expect(b.readI32(frameSize)).toBe(0x28);
  });

  test('a field outside the code is rejected', () => {
    const b = new CodeBuffer();
    ret(b);
    expect(() => b.patchU32(0, 1)).toThrow(AssemblerError);
    expect(() => b.patchU8(1, 1)).toThrow(AssemblerError);
    expect(() => b.patchU8(-1, 1)).toThrow(AssemblerError);
  });
});

describe('alignment', () => {
  test('pads with as few NOPs as possible', () => {
    const b = new CodeBuffer();
    nop(b, 3);
    align(b, 16); // 13 bytes: a 9-byte NOP and a 4-byte NOP
    expect(b.length).toBe(16);
    expect(hex(b.finish().subarray(3))).toBe('66 0f 1f 84 00 00 00 00 00 0f 1f 40 00');
    align(b, 16);
    expect(b.length).toBe(16);
    align(b, 1);
    expect(b.length).toBe(16);
  });

  test('long runs of NOPs', () => {
    const b = new CodeBuffer();
    nop(b, 20);
    expect(hex(b.finish())).toBe('66 0f 1f 84 00 00 00 00 00 66 0f 1f 84 00 00 00 00 00 66 90');
  });

  test('the alignment must be a power of two', () => {
    expect(() => new CodeBuffer().align(12)).toThrow(AssemblerError);
    expect(() => new CodeBuffer().align(0)).toThrow(AssemblerError);
  });
});

describe('growth and reuse', () => {
  /** 3000 forward near jumps, each over the ones after it to its own label. */
  function emitMany(b: CodeBuffer): void {
    const labels: Label[] = [];
    for (let i = 0; i < 3000; i++) {
      labels.push(b.newLabel());
      jmpNear(b, labels[i]!);
    }
    for (let i = 0; i < 3000; i++) {
      b.bind(labels[i]!);
      aluRR(b, Alu.add, 32, rax, rcx);
    }
  }

  test('the buffer, labels and fixups grow past their first capacity', () => {
    const b = new CodeBuffer(16);
    emitMany(b);
    expect(b.fixupCount).toBe(3000);
    const code = b.finish();
    expect(code.length).toBe(3000 * 5 + 3000 * 2);
    for (let i = 0; i < 3000; i++) {
      // Jump i ends at 5i+5; label i is at 15000 + 2i.
      expect(b.readI32(5 * i + 1)).toBe(15000 + 2 * i - (5 * i + 5));
    }
  });

  test('a reset buffer produces the same code again', () => {
    const b = new CodeBuffer(16);
    emitMany(b);
    const first = b.finish();
    b.reset();
    expect(b.length).toBe(0);
    expect(b.fixupCount).toBe(0);
    emitMany(b);
    expect(b.finish()).toEqual(first);
  });
});

test('a small function, read back by objdump', () => {
  // sum of the i32 array [r12 .. r12 + 4*rcx) into eax
  const b = new CodeBuffer();
  const loop = b.newLabel();
  const done = b.newLabel();
  push(b, rbp);
  movRR(b, 64, rbp, rsp);
  aluRR(b, Alu.xor, 32, rax, rax);
  aluRI(b, Alu.cmp, 32, rcx, 0);
  jcc(b, Cond.e, done);
  b.align(16);
  b.bind(loop);
  aluRI(b, Alu.sub, 64, rcx, 1);
  movRM(b, 32, rdx, mem(r12, rcx, 4), 0);
  aluRR(b, Alu.add, 32, rax, rdx);
  aluRI(b, Alu.cmp, 64, rcx, 0);
  jcc(b, Cond.ne, loop);
  b.bind(done);
  pop(b, rbp);
  ret(b);
  const lines = objdump(b.finish()).map((l) => `${l.offset.toString(16)}: ${l.text}`);
  expect(lines).toEqual([
    '0: push rbp',
    '1: mov rbp,rsp',
    '4: xor eax,eax',
    '6: cmp ecx,0x0',
    '9: je 0x20',
    'f: nop',
    '10: sub rcx,0x1',
    '14: mov edx,DWORD PTR [r12+rcx*4]',
    '18: add eax,edx',
    '1a: cmp rcx,0x0',
    '1e: jne 0x10',
    '20: pop rbp',
    '21: ret',
  ]);
});
