/**
 * Encodings of every instruction form as (instruction, bytes, disassembly) triples.
 *
 * The bytes were worked out by hand from the Intel SDM's encoding rules (prefix, REX, opcode,
 * ModRM, SIB, displacement, immediate) and the text is what GNU objdump prints for them in
 * Intel syntax. The test checks both: the encoder must produce exactly the bytes, and
 * objdump, run on the assembled buffer, must see one instruction per triple, of that length,
 * with that text. So the table is checked by an independent disassembler, and the encoder
 * by the table.
 *
 * Branch targets depend on where the instruction lands; `{.+N}` in a text stands for the
 * absolute address of the instruction's own start plus N, as objdump prints it.
 */
import { describe, expect, test } from 'vitest';
import {
  Alu,
  AssemblerError,
  BitTest,
  CodeBuffer,
  Cond,
  Round,
  Shift,
  Sse,
  SsePredicate,
  aluMI,
  aluMR,
  aluRI,
  aluRI32,
  aluRM,
  aluRR,
  bsf,
  bitTestRI,
  bsr,
  call,
  callM,
  callR,
  callRel32,
  cdq,
  cmovRM,
  cmovRR,
  cmpsd,
  cmpss,
  cqo,
  cvtsi2sd,
  cvtsi2ss,
  cvttsd2si,
  cvttss2si,
  div,
  idiv,
  imulRM,
  imulRR,
  imulRRI,
  int3,
  jcc,
  jccNear,
  jccShort,
  jmp,
  jmpM,
  jmpNear,
  jmpR,
  jmpShort,
  lea,
  lzcnt,
  mem,
  memIndex,
  movImm64,
  movMI,
  movMR,
  movRI,
  movRM,
  movRR,
  movabs,
  movapdMR,
  movapsMR,
  movdRX,
  movdXR,
  movsdMR,
  movssMR,
  movsxRM,
  movsxRR,
  movsxdRM,
  movsxdRR,
  movzxRM,
  movzxRR,
  mul,
  neg,
  nop,
  not,
  pop,
  popcnt,
  push,
  r10,
  r11,
  r12,
  r13,
  r14,
  r15,
  r8,
  r9,
  rax,
  rbp,
  rbx,
  rcx,
  rdi,
  rdx,
  ret,
  rip,
  ripLabel,
  roundsd,
  roundsdRM,
  roundss,
  roundssRM,
  rsi,
  rsp,
  setcc,
  shiftRCl,
  shiftRI,
  sseRM,
  sseRR,
  testRI,
  testRM,
  testRR,
  tzcnt,
  ud2,
  xchg,
  xmm0,
  xmm1,
  xmm10,
  xmm11,
  xmm12,
  xmm13,
  xmm14,
  xmm15,
  xmm2,
  xmm3,
  xmm7,
  xmm8,
  xmm9,
  type Label,
} from '../src/codegen/x64/index.js';
import { objdump } from './helpers/objdump.js';

type Emit = (b: CodeBuffer) => void;
type Triple = [emit: Emit, hex: string, text: string];

/** Condition suffixes in opcode order (SDM vol. 2, appendix B.1.4.7), as objdump spells them. */
const CC = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];
const h2 = (n: number) => n.toString(16).padStart(2, '0');

/** A label bound right after the instruction (a forward reference of distance 0). */
const after = (emit: (b: CodeBuffer, l: Label) => void): Emit => (b) => {
  const l = b.newLabel();
  emit(b, l);
  b.bind(l);
};
/** A label bound at the instruction's own start (a backward reference). */
const before = (emit: (b: CodeBuffer, l: Label) => void): Emit => (b) => {
  const l = b.newLabel();
  b.bind(l);
  emit(b, l);
};

const moves: Triple[] = [
  [(b) => movRR(b, 64, rax, rbx), '48 89 d8', 'mov rax,rbx'],
  [(b) => movRR(b, 32, rax, rbx), '89 d8', 'mov eax,ebx'],
  [(b) => movRR(b, 64, r8, r15), '4d 89 f8', 'mov r8,r15'],
  [(b) => movRR(b, 32, r12, rax), '41 89 c4', 'mov r12d,eax'],
  [(b) => movRR(b, 64, rsp, rbp), '48 89 ec', 'mov rsp,rbp'],
  [(b) => movRR(b, 64, rbp, rsp), '48 89 e5', 'mov rbp,rsp'],
  [(b) => movRR(b, 32, rax, rax), '89 c0', 'mov eax,eax'],

  [(b) => movRI(b, 32, rax, 1), 'b8 01 00 00 00', 'mov eax,0x1'],
  [(b) => movRI(b, 32, r9, 0xffffffff), '41 b9 ff ff ff ff', 'mov r9d,0xffffffff'],
  [(b) => movRI(b, 32, rdi, -2), 'bf fe ff ff ff', 'mov edi,0xfffffffe'],
  [(b) => movRI(b, 64, rax, -1), '48 c7 c0 ff ff ff ff', 'mov rax,0xffffffffffffffff'],
  [(b) => movRI(b, 64, r15, 0x12345678), '49 c7 c7 78 56 34 12', 'mov r15,0x12345678'],
  [(b) => movabs(b, rax, 0x89abcdef, 0x01234567), '48 b8 ef cd ab 89 67 45 23 01', 'movabs rax,0x123456789abcdef'],
  [(b) => movabs(b, r11, 0, 0x80000000), '49 bb 00 00 00 00 00 00 00 80', 'movabs r11,0x8000000000000000'],
  [(b) => movImm64(b, rcx, 5, 0), 'b9 05 00 00 00', 'mov ecx,0x5'],
  [(b) => movImm64(b, r10, 0x80000000, 0), '41 ba 00 00 00 80', 'mov r10d,0x80000000'],
  [(b) => movImm64(b, rcx, -2, -1), '48 c7 c1 fe ff ff ff', 'mov rcx,0xfffffffffffffffe'],
  [(b) => movImm64(b, rcx, 0, 1), '48 b9 00 00 00 00 01 00 00 00', 'movabs rcx,0x100000000'],
  [(b) => movImm64(b, rdx, 0x80000000, -1), '48 c7 c2 00 00 00 80', 'mov rdx,0xffffffff80000000'],
  [(b) => movImm64(b, rdx, 0x7fffffff, -1), '48 ba ff ff ff 7f ff ff ff ff', 'movabs rdx,0xffffffff7fffffff'],
];

// Every addressing form, through the plain load `mov r, [mem]`.
const addressing: Triple[] = [
  [(b) => movRM(b, 64, rax, mem(rbx), 0), '48 8b 03', 'mov rax,QWORD PTR [rbx]'],
  [(b) => movRM(b, 32, rax, mem(rbx), 0x10), '8b 43 10', 'mov eax,DWORD PTR [rbx+0x10]'],
  [(b) => movRM(b, 32, rax, mem(rbx), -8), '8b 43 f8', 'mov eax,DWORD PTR [rbx-0x8]'],
  [(b) => movRM(b, 32, rax, mem(rbx), 127), '8b 43 7f', 'mov eax,DWORD PTR [rbx+0x7f]'],
  [(b) => movRM(b, 32, rax, mem(rbx), 128), '8b 83 80 00 00 00', 'mov eax,DWORD PTR [rbx+0x80]'],
  [(b) => movRM(b, 32, rax, mem(rbx), -128), '8b 43 80', 'mov eax,DWORD PTR [rbx-0x80]'],
  [(b) => movRM(b, 32, rax, mem(rbx), -129), '8b 83 7f ff ff ff', 'mov eax,DWORD PTR [rbx-0x81]'],
  [(b) => movRM(b, 32, rax, mem(rbx), 0x1000), '8b 83 00 10 00 00', 'mov eax,DWORD PTR [rbx+0x1000]'],
  // rsp and r12 as base: SIB with no index.
  [(b) => movRM(b, 64, rax, mem(rsp), 0), '48 8b 04 24', 'mov rax,QWORD PTR [rsp]'],
  [(b) => movRM(b, 64, rax, mem(rsp), 8), '48 8b 44 24 08', 'mov rax,QWORD PTR [rsp+0x8]'],
  [(b) => movRM(b, 64, rax, mem(r12), 0), '49 8b 04 24', 'mov rax,QWORD PTR [r12]'],
  [(b) => movRM(b, 64, rax, mem(r12), 0x100), '49 8b 84 24 00 01 00 00', 'mov rax,QWORD PTR [r12+0x100]'],
  // rbp and r13 as base: a displacement even when it is zero.
  [(b) => movRM(b, 64, rax, mem(rbp), 0), '48 8b 45 00', 'mov rax,QWORD PTR [rbp+0x0]'],
  [(b) => movRM(b, 64, rax, mem(rbp), -16), '48 8b 45 f0', 'mov rax,QWORD PTR [rbp-0x10]'],
  [(b) => movRM(b, 64, rax, mem(r13), 0), '49 8b 45 00', 'mov rax,QWORD PTR [r13+0x0]'],
  [(b) => movRM(b, 64, rax, mem(r13), 0x200), '49 8b 85 00 02 00 00', 'mov rax,QWORD PTR [r13+0x200]'],
  // base + index*scale.
  [(b) => movRM(b, 32, r8, mem(rax, rcx, 4), 0), '44 8b 04 88', 'mov r8d,DWORD PTR [rax+rcx*4]'],
  [(b) => movRM(b, 64, rdx, mem(rbx, rsi, 8), 0x18), '48 8b 54 f3 18', 'mov rdx,QWORD PTR [rbx+rsi*8+0x18]'],
  [
    (b) => movRM(b, 32, rax, mem(r15, r14, 1), 0x12345678),
    '43 8b 84 37 78 56 34 12',
    'mov eax,DWORD PTR [r15+r14*1+0x12345678]',
  ],
  [(b) => movRM(b, 32, rax, mem(rbp, rax, 2), 0), '8b 44 45 00', 'mov eax,DWORD PTR [rbp+rax*2+0x0]'],
  [(b) => movRM(b, 32, rax, mem(r13, r12, 1), 0), '43 8b 44 25 00', 'mov eax,DWORD PTR [r13+r12*1+0x0]'],
  [(b) => movRM(b, 32, rax, mem(rsp, rbx, 1), 0), '8b 04 1c', 'mov eax,DWORD PTR [rsp+rbx*1]'],
  [(b) => movRM(b, 64, r9, mem(r12, r9, 4), -4), '4f 8b 4c 8c fc', 'mov r9,QWORD PTR [r12+r9*4-0x4]'],
  [(b) => movRM(b, 64, rax, mem(rax, r12, 2), 0), '4a 8b 04 60', 'mov rax,QWORD PTR [rax+r12*2]'],
  // index*scale with no base.
  [(b) => movRM(b, 64, rax, memIndex(rcx, 8), 0x10), '48 8b 04 cd 10 00 00 00', 'mov rax,QWORD PTR [rcx*8+0x10]'],
  [(b) => movRM(b, 32, rdx, memIndex(r13, 4), 0), '42 8b 14 ad 00 00 00 00', 'mov edx,DWORD PTR [r13*4+0x0]'],
  // RIP-relative, with a raw displacement and through a label.
  [(b) => movRM(b, 32, rax, rip, 0x10), '8b 05 10 00 00 00', 'mov eax,DWORD PTR [rip+0x10]'],
  [(b) => movRM(b, 64, r10, rip, -4), '4c 8b 15 fc ff ff ff', 'mov r10,QWORD PTR [rip+0xfffffffffffffffc]'],
  [after((b, l) => movRM(b, 64, rax, ripLabel(l), 0)), '48 8b 05 00 00 00 00', 'mov rax,QWORD PTR [rip+0x0]'],
  [after((b, l) => movRM(b, 64, rax, ripLabel(l), 8)), '48 8b 05 08 00 00 00', 'mov rax,QWORD PTR [rip+0x8]'],
  [
    before((b, l) => movRM(b, 64, r12, ripLabel(l), 0)),
    '4c 8b 25 f9 ff ff ff',
    'mov r12,QWORD PTR [rip+0xfffffffffffffff9]',
  ],
];

const stores: Triple[] = [
  [(b) => movMR(b, 64, mem(rsp), 8, rdi), '48 89 7c 24 08', 'mov QWORD PTR [rsp+0x8],rdi'],
  [(b) => movMR(b, 32, mem(rax), 0, r9), '44 89 08', 'mov DWORD PTR [rax],r9d'],
  [(b) => movMR(b, 16, mem(rax), 2, rcx), '66 89 48 02', 'mov WORD PTR [rax+0x2],cx'],
  [(b) => movMR(b, 16, mem(r8, rax, 1), 0, r10), '66 45 89 14 00', 'mov WORD PTR [r8+rax*1],r10w'],
  [(b) => movMR(b, 16, mem(rbp), -2, rsi), '66 89 75 fe', 'mov WORD PTR [rbp-0x2],si'],
  [(b) => movMR(b, 8, mem(rax), 0, rcx), '88 08', 'mov BYTE PTR [rax],cl'],
  // Byte registers 4..7 need a REX prefix, or they would be ah/ch/dh/bh.
  [(b) => movMR(b, 8, mem(rax), 0, rsp), '40 88 20', 'mov BYTE PTR [rax],spl'],
  [(b) => movMR(b, 8, mem(rax), 0, rbp), '40 88 28', 'mov BYTE PTR [rax],bpl'],
  [(b) => movMR(b, 8, mem(rax), 0, rsi), '40 88 30', 'mov BYTE PTR [rax],sil'],
  [(b) => movMR(b, 8, mem(rax), 0, rdi), '40 88 38', 'mov BYTE PTR [rax],dil'],
  [(b) => movMR(b, 8, mem(rdi), 1, r11), '44 88 5f 01', 'mov BYTE PTR [rdi+0x1],r11b'],
  [(b) => movMR(b, 8, mem(r12), 0, rbx), '41 88 1c 24', 'mov BYTE PTR [r12],bl'],
  [(b) => movMR(b, 8, mem(r13, rsi, 1), 0, rsi), '41 88 74 35 00', 'mov BYTE PTR [r13+rsi*1+0x0],sil'],
  [(b) => movMI(b, 8, mem(rax), 0, 0xff), 'c6 00 ff', 'mov BYTE PTR [rax],0xff'],
  [(b) => movMI(b, 16, mem(rbp), -2, 0x1234), '66 c7 45 fe 34 12', 'mov WORD PTR [rbp-0x2],0x1234'],
  [(b) => movMI(b, 32, mem(rsp), 0, 7), 'c7 04 24 07 00 00 00', 'mov DWORD PTR [rsp],0x7'],
  [(b) => movMI(b, 64, mem(r13), 8, -1), '49 c7 45 08 ff ff ff ff', 'mov QWORD PTR [r13+0x8],0xffffffffffffffff'],
  // The immediate follows the displacement: the label's distance counts from after it.
  [after((b, l) => movMI(b, 32, ripLabel(l), 0, 0x11)), 'c7 05 00 00 00 00 11 00 00 00', 'mov DWORD PTR [rip+0x0],0x11'],
];

const extensions: Triple[] = [
  [(b) => movzxRR(b, 32, 8, rax, rbx), '0f b6 c3', 'movzx eax,bl'],
  [(b) => movzxRR(b, 32, 8, rax, rsi), '40 0f b6 c6', 'movzx eax,sil'],
  [(b) => movzxRR(b, 64, 8, rax, rdi), '48 0f b6 c7', 'movzx rax,dil'],
  [(b) => movzxRR(b, 32, 8, rsp, rax), '0f b6 e0', 'movzx esp,al'],
  [(b) => movzxRR(b, 32, 16, r8, r9), '45 0f b7 c1', 'movzx r8d,r9w'],
  [(b) => movzxRM(b, 32, 8, rax, mem(rdi), 0), '0f b6 07', 'movzx eax,BYTE PTR [rdi]'],
  [(b) => movzxRM(b, 64, 16, rax, mem(rsi, rdx, 2), 4), '48 0f b7 44 56 04', 'movzx rax,WORD PTR [rsi+rdx*2+0x4]'],
  [(b) => movsxRR(b, 32, 8, rcx, rdx), '0f be ca', 'movsx ecx,dl'],
  [(b) => movsxRR(b, 32, 8, rax, rsp), '40 0f be c4', 'movsx eax,spl'],
  [(b) => movsxRR(b, 64, 8, rax, rbp), '48 0f be c5', 'movsx rax,bpl'],
  [(b) => movsxRR(b, 64, 16, rcx, r15), '49 0f bf cf', 'movsx rcx,r15w'],
  [(b) => movsxRM(b, 32, 16, rax, mem(rbx), 0), '0f bf 03', 'movsx eax,WORD PTR [rbx]'],
  [(b) => movsxRM(b, 64, 8, r14, mem(r12), 0x10), '4d 0f be 74 24 10', 'movsx r14,BYTE PTR [r12+0x10]'],
  [(b) => movsxdRR(b, rax, rcx), '48 63 c1', 'movsxd rax,ecx'],
  [(b) => movsxdRR(b, r11, r12), '4d 63 dc', 'movsxd r11,r12d'],
  [(b) => movsxdRM(b, r8, mem(rbp), -4), '4c 63 45 fc', 'movsxd r8,DWORD PTR [rbp-0x4]'],
  [(b) => lea(b, 64, rax, mem(rbx, rcx, 1), 0), '48 8d 04 0b', 'lea rax,[rbx+rcx*1]'],
  [(b) => lea(b, 32, rax, mem(rdi), -1), '8d 47 ff', 'lea eax,[rdi-0x1]'],
  [(b) => lea(b, 64, r13, mem(rbp), 0x100), '4c 8d ad 00 01 00 00', 'lea r13,[rbp+0x100]'],
  [(b) => lea(b, 64, rsp, mem(rsp), -8), '48 8d 64 24 f8', 'lea rsp,[rsp-0x8]'],
  [before((b, l) => lea(b, 64, rax, ripLabel(l), 0)), '48 8d 05 f9 ff ff ff', 'lea rax,[rip+0xfffffffffffffff9]'],
  [(b) => xchg(b, 64, rax, rbx), '48 87 d8', 'xchg rax,rbx'],
  [(b) => xchg(b, 32, r8, rcx), '41 87 c8', 'xchg r8d,ecx'],
  [(b) => push(b, rbp), '55', 'push rbp'],
  [(b) => push(b, r12), '41 54', 'push r12'],
  [(b) => pop(b, rbp), '5d', 'pop rbp'],
  [(b) => pop(b, r15), '41 5f', 'pop r15'],
];

const alu: Triple[] = [
  [(b) => aluRR(b, Alu.add, 32, rax, rcx), '01 c8', 'add eax,ecx'],
  [(b) => aluRR(b, Alu.sub, 64, r8, rsp), '49 29 e0', 'sub r8,rsp'],
  [(b) => aluRR(b, Alu.and, 64, rax, r9), '4c 21 c8', 'and rax,r9'],
  [(b) => aluRR(b, Alu.or, 32, r10, r11), '45 09 da', 'or r10d,r11d'],
  [(b) => aluRR(b, Alu.xor, 32, rax, rax), '31 c0', 'xor eax,eax'],
  [(b) => aluRR(b, Alu.cmp, 64, rdi, rsi), '48 39 f7', 'cmp rdi,rsi'],
  [(b) => aluRR(b, Alu.adc, 32, rdx, rbx), '11 da', 'adc edx,ebx'],
  [(b) => aluRR(b, Alu.sbb, 64, rdx, rbx), '48 19 da', 'sbb rdx,rbx'],
  [(b) => aluRI(b, Alu.add, 32, rax, 1), '83 c0 01', 'add eax,0x1'],
  [(b) => aluRI(b, Alu.sub, 64, rsp, 8), '48 83 ec 08', 'sub rsp,0x8'],
  [(b) => aluRI(b, Alu.and, 32, rcx, 0xff), '81 e1 ff 00 00 00', 'and ecx,0xff'],
  [(b) => aluRI(b, Alu.cmp, 32, r12, -1), '41 83 fc ff', 'cmp r12d,0xffffffff'],
  [(b) => aluRI(b, Alu.cmp, 32, r12, 0xffffffff), '41 83 fc ff', 'cmp r12d,0xffffffff'],
  [(b) => aluRI(b, Alu.xor, 64, r15, 0x7fffffff), '49 81 f7 ff ff ff 7f', 'xor r15,0x7fffffff'],
  [(b) => aluRI(b, Alu.or, 32, rdx, 0x80000000), '81 ca 00 00 00 80', 'or edx,0x80000000'],
  [(b) => aluRI(b, Alu.cmp, 64, rax, -128), '48 83 f8 80', 'cmp rax,0xffffffffffffff80'],
  [(b) => aluRI(b, Alu.add, 32, rax, 128), '81 c0 80 00 00 00', 'add eax,0x80'],
  [(b) => aluRI(b, Alu.adc, 32, rbp, 0), '83 d5 00', 'adc ebp,0x0'],
  [(b) => aluRI(b, Alu.sbb, 64, r13, 2), '49 83 dd 02', 'sbb r13,0x2'],
  [(b) => void aluRI32(b, Alu.sub, 64, rsp, 0x10), '48 81 ec 10 00 00 00', 'sub rsp,0x10'],
  [(b) => void aluRI32(b, Alu.add, 32, rax, 1), '81 c0 01 00 00 00', 'add eax,0x1'],
  [(b) => aluRM(b, Alu.add, 32, rax, mem(rbp), -8), '03 45 f8', 'add eax,DWORD PTR [rbp-0x8]'],
  [(b) => aluRM(b, Alu.cmp, 64, rsp, mem(rdi), 0x20), '48 3b 67 20', 'cmp rsp,QWORD PTR [rdi+0x20]'],
  [(b) => aluRM(b, Alu.xor, 64, r9, mem(r12, r13, 8), 0), '4f 33 0c ec', 'xor r9,QWORD PTR [r12+r13*8]'],
  [(b) => aluRM(b, Alu.sub, 32, rcx, mem(rsp), 0), '2b 0c 24', 'sub ecx,DWORD PTR [rsp]'],
  [(b) => aluRM(b, Alu.and, 32, rcx, rip, 0), '23 0d 00 00 00 00', 'and ecx,DWORD PTR [rip+0x0]'],
  [(b) => aluRM(b, Alu.or, 64, rcx, mem(rax), 0), '48 0b 08', 'or rcx,QWORD PTR [rax]'],
  [(b) => aluMR(b, Alu.add, 32, mem(rax), 4, rcx), '01 48 04', 'add DWORD PTR [rax+0x4],ecx'],
  [(b) => aluMR(b, Alu.sub, 64, mem(rsp), 0, r8), '4c 29 04 24', 'sub QWORD PTR [rsp],r8'],
  [(b) => aluMI(b, Alu.add, 32, mem(rbx), 0, 1), '83 03 01', 'add DWORD PTR [rbx],0x1'],
  [(b) => aluMI(b, Alu.cmp, 64, mem(r13), 0, 0x1000), '49 81 7d 00 00 10 00 00', 'cmp QWORD PTR [r13+0x0],0x1000'],
  [
    after((b, l) => aluMI(b, Alu.cmp, 32, ripLabel(l), 0, 5)),
    '83 3d 00 00 00 00 05',
    'cmp DWORD PTR [rip+0x0],0x5',
  ],
  [(b) => testRR(b, 32, rax, rax), '85 c0', 'test eax,eax'],
  [(b) => testRR(b, 64, r8, rdx), '49 85 d0', 'test r8,rdx'],
  [(b) => testRI(b, 32, rcx, 1), 'f7 c1 01 00 00 00', 'test ecx,0x1'],
  [(b) => testRI(b, 64, r11, 0x100), '49 f7 c3 00 01 00 00', 'test r11,0x100'],
  [(b) => testRM(b, 32, rax, mem(rdi), 8), '85 47 08', 'test DWORD PTR [rdi+0x8],eax'],
  [(b) => imulRR(b, 32, rax, rcx), '0f af c1', 'imul eax,ecx'],
  [(b) => imulRR(b, 64, r10, r11), '4d 0f af d3', 'imul r10,r11'],
  [(b) => imulRM(b, 64, rax, mem(rsp), 8), '48 0f af 44 24 08', 'imul rax,QWORD PTR [rsp+0x8]'],
  [(b) => imulRRI(b, 32, rax, rbx, 10), '6b c3 0a', 'imul eax,ebx,0xa'],
  [(b) => imulRRI(b, 32, rax, rbx, -5), '6b c3 fb', 'imul eax,ebx,0xfffffffb'],
  [(b) => imulRRI(b, 64, r8, r9, 1000), '4d 69 c1 e8 03 00 00', 'imul r8,r9,0x3e8'],
  [(b) => not(b, 32, rax), 'f7 d0', 'not eax'],
  [(b) => not(b, 64, rsp), '48 f7 d4', 'not rsp'],
  [(b) => neg(b, 64, r9), '49 f7 d9', 'neg r9'],
  [(b) => neg(b, 32, rdi), 'f7 df', 'neg edi'],
  [(b) => mul(b, 32, rcx), 'f7 e1', 'mul ecx'],
  [(b) => mul(b, 64, r8), '49 f7 e0', 'mul r8'],
  [(b) => div(b, 64, r12), '49 f7 f4', 'div r12'],
  [(b) => div(b, 32, rbx), 'f7 f3', 'div ebx'],
  [(b) => idiv(b, 32, rsi), 'f7 fe', 'idiv esi'],
  [(b) => idiv(b, 64, r15), '49 f7 ff', 'idiv r15'],
  [(b) => cdq(b), '99', 'cdq'],
  [(b) => cqo(b), '48 99', 'cqo'],
  [(b) => shiftRCl(b, Shift.shl, 32, rax), 'd3 e0', 'shl eax,cl'],
  [(b) => shiftRCl(b, Shift.sar, 64, r8), '49 d3 f8', 'sar r8,cl'],
  [(b) => shiftRCl(b, Shift.rol, 32, rdx), 'd3 c2', 'rol edx,cl'],
  [(b) => shiftRCl(b, Shift.ror, 64, rbx), '48 d3 cb', 'ror rbx,cl'],
  [(b) => shiftRCl(b, Shift.shr, 32, r13), '41 d3 ed', 'shr r13d,cl'],
  [(b) => shiftRI(b, Shift.shl, 64, rax, 3), '48 c1 e0 03', 'shl rax,0x3'],
  [(b) => shiftRI(b, Shift.shr, 32, rcx, 31), 'c1 e9 1f', 'shr ecx,0x1f'],
  [(b) => shiftRI(b, Shift.sar, 32, r9, 1), '41 c1 f9 01', 'sar r9d,0x1'],
  [(b) => shiftRI(b, Shift.rol, 64, r14, 63), '49 c1 c6 3f', 'rol r14,0x3f'],
  [(b) => shiftRI(b, Shift.ror, 32, rax, 8), 'c1 c8 08', 'ror eax,0x8'],
  [(b) => lzcnt(b, 32, rax, rcx), 'f3 0f bd c1', 'lzcnt eax,ecx'],
  [(b) => lzcnt(b, 64, r8, rax), 'f3 4c 0f bd c0', 'lzcnt r8,rax'],
  [(b) => tzcnt(b, 64, rax, r12), 'f3 49 0f bc c4', 'tzcnt rax,r12'],
  [(b) => tzcnt(b, 32, rdx, rbx), 'f3 0f bc d3', 'tzcnt edx,ebx'],
  [(b) => popcnt(b, 32, rax, rdi), 'f3 0f b8 c7', 'popcnt eax,edi'],
  [(b) => popcnt(b, 64, r15, r15), 'f3 4d 0f b8 ff', 'popcnt r15,r15'],
  [(b) => bsr(b, 32, rax, rcx), '0f bd c1', 'bsr eax,ecx'],
  [(b) => bsr(b, 64, r9, rbp), '4c 0f bd cd', 'bsr r9,rbp'],
  [(b) => bsf(b, 64, rdx, r10), '49 0f bc d2', 'bsf rdx,r10'],
  [(b) => bsf(b, 32, rsp, rsp), '0f bc e4', 'bsf esp,esp'],
  [(b) => bitTestRI(b, BitTest.bt, 32, rcx, 5), '0f ba e1 05', 'bt ecx,0x5'],
  [(b) => bitTestRI(b, BitTest.bts, 64, rax, 63), '48 0f ba e8 3f', 'bts rax,0x3f'],
  [(b) => bitTestRI(b, BitTest.btr, 64, r11, 0), '49 0f ba f3 00', 'btr r11,0x0'],
  [(b) => bitTestRI(b, BitTest.btc, 32, r10, 31), '41 0f ba fa 1f', 'btc r10d,0x1f'],
];

const conditions: Triple[] = [
  // setcc al and cmovcc eax,ecx for every condition: 0F 90+cc C0 and 0F 40+cc C1.
  ...CC.map((name, cc): Triple => [(b) => setcc(b, cc as Cond, rax), `0f ${h2(0x90 + cc)} c0`, `set${name} al`]),
  ...CC.map((name, cc): Triple => [
    (b) => cmovRR(b, cc as Cond, 32, rax, rcx),
    `0f ${h2(0x40 + cc)} c1`,
    `cmov${name} eax,ecx`,
  ]),
  [(b) => setcc(b, Cond.ne, rcx), '0f 95 c1', 'setne cl'],
  [(b) => setcc(b, Cond.b, rsi), '40 0f 92 c6', 'setb sil'],
  [(b) => setcc(b, Cond.a, rdi), '40 0f 97 c7', 'seta dil'],
  [(b) => setcc(b, Cond.l, rsp), '40 0f 9c c4', 'setl spl'],
  [(b) => setcc(b, Cond.g, rbp), '40 0f 9f c5', 'setg bpl'],
  [(b) => setcc(b, Cond.p, r8), '41 0f 9a c0', 'setp r8b'],
  [(b) => setcc(b, Cond.np, r15), '41 0f 9b c7', 'setnp r15b'],
  [(b) => cmovRR(b, Cond.l, 64, r8, r9), '4d 0f 4c c1', 'cmovl r8,r9'],
  [(b) => cmovRR(b, Cond.ge, 32, rsi, r12), '41 0f 4d f4', 'cmovge esi,r12d'],
  [(b) => cmovRM(b, Cond.a, 64, rax, mem(rbp), -8), '48 0f 47 45 f8', 'cmova rax,QWORD PTR [rbp-0x8]'],
];

const control: Triple[] = [
  // jcc to a label bound at the branch itself: backward, short.
  ...CC.map((name, cc): Triple => [before((b, l) => jcc(b, cc as Cond, l)), `${h2(0x70 + cc)} fe`, `j${name} {.+0}`]),
  // jcc to a label bound after it: forward, near.
  ...CC.map((name, cc): Triple => [
    after((b, l) => jcc(b, cc as Cond, l)),
    `0f ${h2(0x80 + cc)} 00 00 00 00`,
    `j${name} {.+6}`,
  ]),
  [after((b, l) => jccShort(b, Cond.ne, l)), '75 00', 'jne {.+2}'],
  [after((b, l) => jccNear(b, Cond.e, l)), '0f 84 00 00 00 00', 'je {.+6}'],
  [before((b, l) => jccNear(b, Cond.b, l)), '0f 82 fa ff ff ff', 'jb {.+0}'],
  [before((b, l) => jmp(b, l)), 'eb fe', 'jmp {.+0}'],
  [after((b, l) => jmp(b, l)), 'e9 00 00 00 00', 'jmp {.+5}'],
  [after((b, l) => jmpShort(b, l)), 'eb 00', 'jmp {.+2}'],
  [after((b, l) => jmpNear(b, l)), 'e9 00 00 00 00', 'jmp {.+5}'],
  [before((b, l) => jmpNear(b, l)), 'e9 fb ff ff ff', 'jmp {.+0}'],
  [after((b, l) => call(b, l)), 'e8 00 00 00 00', 'call {.+5}'],
  [before((b, l) => call(b, l)), 'e8 fb ff ff ff', 'call {.+0}'],
  [(b) => void callRel32(b, 0x100), 'e8 00 01 00 00', 'call {.+0x105}'],
  [(b) => callR(b, rax), 'ff d0', 'call rax'],
  [(b) => callR(b, r11), '41 ff d3', 'call r11'],
  [(b) => callM(b, mem(rdi), 0x18), 'ff 57 18', 'call QWORD PTR [rdi+0x18]'],
  [(b) => callM(b, mem(r12, rax, 8), 0), '41 ff 14 c4', 'call QWORD PTR [r12+rax*8]'],
  [(b) => jmpR(b, rcx), 'ff e1', 'jmp rcx'],
  [(b) => jmpR(b, r15), '41 ff e7', 'jmp r15'],
  [(b) => jmpM(b, mem(rax, rcx, 8), 0), 'ff 24 c8', 'jmp QWORD PTR [rax+rcx*8]'],
  [after((b, l) => jmpM(b, ripLabel(l), 0)), 'ff 25 00 00 00 00', 'jmp QWORD PTR [rip+0x0]'],
  [(b) => ret(b), 'c3', 'ret'],
  [(b) => ud2(b), '0f 0b', 'ud2'],
  [(b) => int3(b), 'cc', 'int3'],
  [(b) => nop(b, 1), '90', 'nop'],
  [(b) => nop(b, 2), '66 90', 'xchg ax,ax'],
  [(b) => nop(b, 3), '0f 1f 00', 'nop DWORD PTR [rax]'],
  [(b) => nop(b, 4), '0f 1f 40 00', 'nop DWORD PTR [rax+0x0]'],
  [(b) => nop(b, 5), '0f 1f 44 00 00', 'nop DWORD PTR [rax+rax*1+0x0]'],
  [(b) => nop(b, 6), '66 0f 1f 44 00 00', 'nop WORD PTR [rax+rax*1+0x0]'],
  [(b) => nop(b, 7), '0f 1f 80 00 00 00 00', 'nop DWORD PTR [rax+0x0]'],
  [(b) => nop(b, 8), '0f 1f 84 00 00 00 00 00', 'nop DWORD PTR [rax+rax*1+0x0]'],
  [(b) => nop(b, 9), '66 0f 1f 84 00 00 00 00 00', 'nop WORD PTR [rax+rax*1+0x0]'],
];

const sse: Triple[] = [
  [(b) => sseRR(b, Sse.movss, xmm0, xmm1), 'f3 0f 10 c1', 'movss xmm0,xmm1'],
  [(b) => sseRR(b, Sse.movsd, xmm8, xmm15), 'f2 45 0f 10 c7', 'movsd xmm8,xmm15'],
  [(b) => sseRR(b, Sse.movaps, xmm1, xmm9), '41 0f 28 c9', 'movaps xmm1,xmm9'],
  [(b) => sseRR(b, Sse.movapd, xmm10, xmm2), '66 44 0f 28 d2', 'movapd xmm10,xmm2'],
  [(b) => sseRM(b, Sse.movss, xmm0, mem(rsp), 4), 'f3 0f 10 44 24 04', 'movss xmm0,DWORD PTR [rsp+0x4]'],
  [(b) => sseRM(b, Sse.movsd, xmm9, mem(r13), 0), 'f2 45 0f 10 4d 00', 'movsd xmm9,QWORD PTR [r13+0x0]'],
  [
    (b) => sseRM(b, Sse.movsd, xmm2, mem(rax, r12, 8), 0x40),
    'f2 42 0f 10 54 e0 40',
    'movsd xmm2,QWORD PTR [rax+r12*8+0x40]',
  ],
  [after((b, l) => sseRM(b, Sse.movaps, xmm3, ripLabel(l), 0)), '0f 28 1d 00 00 00 00', 'movaps xmm3,XMMWORD PTR [rip+0x0]'],
  [(b) => sseRM(b, Sse.movapd, xmm14, mem(rdi), 0x20), '66 44 0f 28 77 20', 'movapd xmm14,XMMWORD PTR [rdi+0x20]'],
  [(b) => movssMR(b, mem(rbp), -4, xmm1), 'f3 0f 11 4d fc', 'movss DWORD PTR [rbp-0x4],xmm1'],
  [(b) => movssMR(b, mem(r8, r9, 4), 0, xmm10), 'f3 47 0f 11 14 88', 'movss DWORD PTR [r8+r9*4],xmm10'],
  [(b) => movsdMR(b, mem(rsp), 0, xmm12), 'f2 44 0f 11 24 24', 'movsd QWORD PTR [rsp],xmm12'],
  [(b) => movapsMR(b, mem(rdi), 16, xmm0), '0f 29 47 10', 'movaps XMMWORD PTR [rdi+0x10],xmm0'],
  [(b) => movapdMR(b, mem(r12), 0, xmm15), '66 45 0f 29 3c 24', 'movapd XMMWORD PTR [r12],xmm15'],
  [(b) => movdXR(b, 32, xmm0, rax), '66 0f 6e c0', 'movd xmm0,eax'],
  [(b) => movdXR(b, 64, xmm1, rax), '66 48 0f 6e c8', 'movq xmm1,rax'],
  [(b) => movdXR(b, 64, xmm8, r9), '66 4d 0f 6e c1', 'movq xmm8,r9'],
  [(b) => movdRX(b, 32, rax, xmm0), '66 0f 7e c0', 'movd eax,xmm0'],
  [(b) => movdRX(b, 64, r10, xmm11), '66 4d 0f 7e da', 'movq r10,xmm11'],
  [(b) => movdRX(b, 32, r8, xmm1), '66 41 0f 7e c8', 'movd r8d,xmm1'],
  [(b) => sseRR(b, Sse.addss, xmm0, xmm1), 'f3 0f 58 c1', 'addss xmm0,xmm1'],
  [(b) => sseRR(b, Sse.addsd, xmm0, xmm1), 'f2 0f 58 c1', 'addsd xmm0,xmm1'],
  [(b) => sseRR(b, Sse.addsd, xmm8, xmm9), 'f2 45 0f 58 c1', 'addsd xmm8,xmm9'],
  [(b) => sseRR(b, Sse.subss, xmm0, xmm1), 'f3 0f 5c c1', 'subss xmm0,xmm1'],
  [(b) => sseRR(b, Sse.subsd, xmm0, xmm1), 'f2 0f 5c c1', 'subsd xmm0,xmm1'],
  [(b) => sseRR(b, Sse.mulss, xmm15, xmm0), 'f3 44 0f 59 f8', 'mulss xmm15,xmm0'],
  [(b) => sseRR(b, Sse.mulsd, xmm0, xmm1), 'f2 0f 59 c1', 'mulsd xmm0,xmm1'],
  [(b) => sseRR(b, Sse.divss, xmm0, xmm1), 'f3 0f 5e c1', 'divss xmm0,xmm1'],
  [(b) => sseRR(b, Sse.divsd, xmm3, xmm14), 'f2 41 0f 5e de', 'divsd xmm3,xmm14'],
  [(b) => sseRR(b, Sse.minss, xmm0, xmm1), 'f3 0f 5d c1', 'minss xmm0,xmm1'],
  [(b) => sseRR(b, Sse.minsd, xmm0, xmm1), 'f2 0f 5d c1', 'minsd xmm0,xmm1'],
  [(b) => sseRR(b, Sse.maxss, xmm0, xmm1), 'f3 0f 5f c1', 'maxss xmm0,xmm1'],
  [(b) => sseRR(b, Sse.maxsd, xmm12, xmm13), 'f2 45 0f 5f e5', 'maxsd xmm12,xmm13'],
  [(b) => sseRR(b, Sse.sqrtss, xmm0, xmm1), 'f3 0f 51 c1', 'sqrtss xmm0,xmm1'],
  [(b) => sseRR(b, Sse.sqrtsd, xmm7, xmm7), 'f2 0f 51 ff', 'sqrtsd xmm7,xmm7'],
  [(b) => sseRM(b, Sse.addsd, xmm0, mem(rbp), -8), 'f2 0f 58 45 f8', 'addsd xmm0,QWORD PTR [rbp-0x8]'],
  [after((b, l) => sseRM(b, Sse.mulss, xmm1, ripLabel(l), 0)), 'f3 0f 59 0d 00 00 00 00', 'mulss xmm1,DWORD PTR [rip+0x0]'],
  [(b) => sseRM(b, Sse.sqrtsd, xmm11, mem(r12), 8), 'f2 45 0f 51 5c 24 08', 'sqrtsd xmm11,QWORD PTR [r12+0x8]'],
  [(b) => sseRR(b, Sse.ucomiss, xmm0, xmm1), '0f 2e c1', 'ucomiss xmm0,xmm1'],
  [(b) => sseRR(b, Sse.ucomisd, xmm9, xmm10), '66 45 0f 2e ca', 'ucomisd xmm9,xmm10'],
  [(b) => sseRR(b, Sse.comiss, xmm2, xmm3), '0f 2f d3', 'comiss xmm2,xmm3'],
  [(b) => sseRR(b, Sse.comisd, xmm0, xmm15), '66 41 0f 2f c7', 'comisd xmm0,xmm15'],
  [(b) => sseRM(b, Sse.ucomisd, xmm0, mem(rsp), 0), '66 0f 2e 04 24', 'ucomisd xmm0,QWORD PTR [rsp]'],
  [(b) => sseRR(b, Sse.cvtss2sd, xmm0, xmm1), 'f3 0f 5a c1', 'cvtss2sd xmm0,xmm1'],
  [(b) => sseRR(b, Sse.cvtsd2ss, xmm12, xmm3), 'f2 44 0f 5a e3', 'cvtsd2ss xmm12,xmm3'],
  [(b) => cvtsi2ss(b, 32, xmm0, rax), 'f3 0f 2a c0', 'cvtsi2ss xmm0,eax'],
  [(b) => cvtsi2ss(b, 64, xmm1, r8), 'f3 49 0f 2a c8', 'cvtsi2ss xmm1,r8'],
  [(b) => cvtsi2sd(b, 32, xmm9, rdi), 'f2 44 0f 2a cf', 'cvtsi2sd xmm9,edi'],
  [(b) => cvtsi2sd(b, 64, xmm0, rax), 'f2 48 0f 2a c0', 'cvtsi2sd xmm0,rax'],
  [(b) => cvttss2si(b, 32, rax, xmm1), 'f3 0f 2c c1', 'cvttss2si eax,xmm1'],
  [(b) => cvttss2si(b, 64, rax, xmm15), 'f3 49 0f 2c c7', 'cvttss2si rax,xmm15'],
  [(b) => cvttsd2si(b, 32, r11, xmm0), 'f2 44 0f 2c d8', 'cvttsd2si r11d,xmm0'],
  [(b) => cvttsd2si(b, 64, rcx, xmm2), 'f2 48 0f 2c ca', 'cvttsd2si rcx,xmm2'],
  [(b) => sseRR(b, Sse.andps, xmm0, xmm1), '0f 54 c1', 'andps xmm0,xmm1'],
  [(b) => sseRR(b, Sse.andpd, xmm0, xmm1), '66 0f 54 c1', 'andpd xmm0,xmm1'],
  [(b) => sseRR(b, Sse.andnps, xmm0, xmm1), '0f 55 c1', 'andnps xmm0,xmm1'],
  [(b) => sseRR(b, Sse.andnpd, xmm0, xmm1), '66 0f 55 c1', 'andnpd xmm0,xmm1'],
  [(b) => sseRR(b, Sse.orps, xmm0, xmm1), '0f 56 c1', 'orps xmm0,xmm1'],
  [(b) => sseRR(b, Sse.orpd, xmm0, xmm1), '66 0f 56 c1', 'orpd xmm0,xmm1'],
  [(b) => sseRR(b, Sse.xorps, xmm0, xmm0), '0f 57 c0', 'xorps xmm0,xmm0'],
  [(b) => sseRR(b, Sse.xorpd, xmm13, xmm13), '66 45 0f 57 ed', 'xorpd xmm13,xmm13'],
  [(b) => sseRR(b, Sse.pxor, xmm0, xmm1), '66 0f ef c1', 'pxor xmm0,xmm1'],
  [(b) => sseRR(b, Sse.pxor, xmm8, xmm8), '66 45 0f ef c0', 'pxor xmm8,xmm8'],
  [after((b, l) => sseRM(b, Sse.andpd, xmm0, ripLabel(l), 0)), '66 0f 54 05 00 00 00 00', 'andpd xmm0,XMMWORD PTR [rip+0x0]'],
  [(b) => roundss(b, xmm0, xmm1, Round.nearest), '66 0f 3a 0a c1 00', 'roundss xmm0,xmm1,0x0'],
  [(b) => roundsd(b, xmm8, xmm9, Round.down), '66 45 0f 3a 0b c1 01', 'roundsd xmm8,xmm9,0x1'],
  [(b) => roundsd(b, xmm0, xmm0, Round.up), '66 0f 3a 0b c0 02', 'roundsd xmm0,xmm0,0x2'],
  [(b) => roundss(b, xmm2, xmm11, Round.zero), '66 41 0f 3a 0a d3 03', 'roundss xmm2,xmm11,0x3'],
  [(b) => roundssRM(b, xmm0, mem(rsp), 4, Round.up), '66 0f 3a 0a 44 24 04 02', 'roundss xmm0,DWORD PTR [rsp+0x4],0x2'],
  [
    after((b, l) => roundsdRM(b, xmm1, ripLabel(l), 0, Round.zero)),
    '66 0f 3a 0b 0d 00 00 00 00 03',
    'roundsd xmm1,QWORD PTR [rip+0x0],0x3',
  ],
  [(b) => cmpss(b, xmm15, xmm1, SsePredicate.eq), 'f3 44 0f c2 f9 00', 'cmpeqss xmm15,xmm1'],
  [(b) => cmpsd(b, xmm0, xmm1, SsePredicate.neq), 'f2 0f c2 c1 04', 'cmpneqsd xmm0,xmm1'],
  [(b) => cmpss(b, xmm0, xmm1, SsePredicate.ord), 'f3 0f c2 c1 07', 'cmpordss xmm0,xmm1'],
  [(b) => cmpsd(b, xmm0, xmm8, SsePredicate.lt), 'f2 41 0f c2 c0 01', 'cmpltsd xmm0,xmm8'],
];

const groups: [string, Triple[]][] = [
  ['moves', moves],
  ['addressing', addressing],
  ['stores', stores],
  ['extensions, lea, xchg, push, pop', extensions],
  ['integer arithmetic', alu],
  ['conditions', conditions],
  ['control', control],
  ['sse', sse],
];

// Assemble every triple into one buffer, remembering where each starts and ends.
const all = groups.flatMap(([, t]) => t);
const buf = new CodeBuffer(16);
const starts: number[] = [];
const ends: number[] = [];
for (const [emit] of all) {
  starts.push(buf.length);
  emit(buf);
  ends.push(buf.length);
}
const code = buf.finish();
const hexOf = (start: number, end: number) => Array.from(code.subarray(start, end), h2).join(' ');

const disasm = new Map(objdump(code).map((l) => [l.offset, l]));

/** The expected text with `{.+N}` replaced by the address objdump prints. */
function expectedText(text: string, start: number): string {
  return text.replace(/\{\.\+(\w+)\}/g, (_, n: string) => `0x${(start + Number(n)).toString(16)}`);
}

for (const [group, triples] of groups) {
  describe(group, () => {
    const first = all.indexOf(triples[0]!);
    test.each(triples.map((t, i) => [t[2], t[1], first + i] as const))('%s', (text, hex, k) => {
      expect(hexOf(starts[k]!, ends[k]!)).toBe(hex);
      const line = disasm.get(starts[k]!);
      expect(line, `objdump sees no instruction starting at 0x${starts[k]!.toString(16)}`).toBeDefined();
      expect(line!.hex).toBe(hex);
      expect(line!.text).toBe(expectedText(text, starts[k]!));
    });
  });
}

test('objdump sees exactly one instruction per triple', () => {
  expect(disasm.size).toBe(all.length);
});

describe('rejected operands', () => {
  const b = new CodeBuffer();
  test.each([
    ['rsp as an index', () => mem(rax, rsp, 1)],
    ['scale 3', () => mem(rax, rcx, 3 as 1)],
    ['a 64-bit immediate beyond int32', () => aluRI(b, Alu.add, 64, rax, 0x80000000)],
    ['a 32-bit immediate beyond uint32', () => aluRI(b, Alu.add, 32, rax, 0x100000000)],
    ['a fractional immediate', () => movRI(b, 32, rax, 1.5)],
    ['a displacement beyond int32', () => movRM(b, 64, rax, mem(rbx), 0x80000000)],
    ['a shift count beyond a byte', () => shiftRI(b, Shift.shl, 32, rax, 256)],
    ['a rounding mode beyond 3', () => roundsd(b, xmm0, xmm1, 4 as 0)],
    ['a comparison predicate beyond 7', () => cmpss(b, xmm0, xmm1, 8 as 0)],
    ['a bit index beyond the width', () => bitTestRI(b, BitTest.bts, 32, rax, 32)],
  ])('%s', (_, f) => {
    expect(f).toThrow(AssemblerError);
  });

  test('nothing is emitted by a rejected instruction', () => {
    const c = new CodeBuffer();
    expect(() => movRM(c, 64, rax, mem(rbx), 2 ** 40)).toThrow(AssemblerError);
    expect(c.length).toBe(0);
  });
});
