/**
 * The test cases: for every opcode the numeric tables route to an emitter, a few register
 * assignments (low and REX registers, distinct and shared operands), every flavour of
 * the result (register, flags through a branch, flags inverted, setcc, cmov), and the
 * immediate forms with constants that stress their encodings.
 */
import { resolveTargetCpu } from '../../src/cli/target-cpu.js';
import {
  NumericClass,
  divRemResult,
  emitCmovFloatCond,
  emitConvertToFloat,
  emitFloatBinary,
  emitFloatCompare,
  emitFloatCompareToReg,
  emitFloatResize,
  emitFloatUnary,
  emitIntBinary,
  emitIntBinaryImm,
  emitIntCompare,
  emitIntCompareImm,
  emitIntCompareImmToReg,
  emitIntCompareToReg,
  emitIntDivRem,
  emitIntEqz,
  emitIntEqzToReg,
  emitIntExtend,
  emitIntShift,
  emitIntShiftImm,
  emitIntUnary,
  emitReinterpretToFloat,
  emitReinterpretToInt,
  emitSetCond,
  emitSetFloatCond,
  emitTruncSatToInt,
  emitTruncToInt,
  invertFloatCond,
  jumpIfFloatCond,
  numericClass,
  numericKind,
  numericSourceWidth,
  numericWidth,
  swapIntCompare,
  type FloatCond,
  type FloatWidth,
  type IntBinaryOp,
  type IntCompareOp,
  type IntDivRemOp,
  type IntExtendOp,
  type IntShiftOp,
  type IntUnaryOp,
  type FloatBinaryOp,
  type FloatCompareOp,
  type FloatUnaryOp,
  type NumericContext,
} from '../../src/codegen/baseline/numeric.js';
import {
  gprName,
  jcc,
  jmp,
  movRI,
  r10,
  r12,
  r13,
  r14,
  r15,
  r8,
  r9,
  rax,
  rbx,
  rcx,
  rdi,
  rdx,
  rsi,
  xmm0,
  xmm1,
  xmm10,
  xmm11,
  xmm12,
  xmm13,
  xmm14,
  xmm2,
  xmm3,
  xmm4,
  xmm5,
  xmm6,
  xmm7,
  xmm8,
  xmm9,
  xmmName,
  type Cond,
  type Gpr,
  type Label,
  type Width,
  type Xmm,
} from '../../src/codegen/x64/index.js';
import { opcodeName } from '../../src/translate/opcodes.js';
import { gpr, xmm, type Outcome, type Variant } from './harness.js';
import type { ValType } from './reference.js';

const intType = (w: number): ValType => (w === 32 ? 'i32' : 'i64');
const floatType = (w: number): ValType => (w === 32 ? 'f32' : 'f64');

const inGpr = (r: Gpr): Outcome => ({ kind: 'gpr', r });
const inXmm = (r: Xmm): Outcome => ({ kind: 'xmm', r });
const onCond = (cond: Cond): Outcome => ({ kind: 'branch', jumpIfTrue: (ctx, label) => jcc(ctx.b, cond, label) });
const onFloatCond = (fc: FloatCond): Outcome => ({ kind: 'branch', jumpIfTrue: (ctx, label) => jumpIfFloatCond(ctx, fc, label) });
/** Branches on the inverted condition, so that the inversion is what gets tested. */
const onInvertedFloatCond = (fc: FloatCond): Outcome => ({
  kind: 'branch',
  jumpIfTrue: (ctx: NumericContext, label: Label) => {
    const no = ctx.b.newLabel();
    jumpIfFloatCond(ctx, invertFloatCond(fc), no);
    jmp(ctx.b, label);
    ctx.b.bind(no);
  },
});

/** Constants for the immediate forms: both ends of the ranges and the imm8/imm32 boundary. */
const immediates = (w: Width) => [0, 1, -1, 2, 0x7f, 0x80, -0x80, -0x81, 0xff, 0xffff, 0x7fffffff, -0x80000000, 0x12345, ...(w === 32 ? [0xffffffff] : [])];
const SHIFT_COUNTS = [0, 1, 7, 31, 32, 33, 63, 64, 65, -1, 0x12345];
const COMPARE_IMMEDIATES = [0, 1, -1, 100, 0x7fffffff, -0x80000000];

const immBits = (w: Width, v: number) => BigInt.asUintN(w, BigInt(v));

const MACHINE_V3 = resolveTargetCpu('native') >= 3;

export function buildVariants(): Variant[] {
  const variants: Variant[] = [];
  for (let op = 0; op < numericClass.length; op++) {
    const cls = numericClass[op]!;
    if (cls === NumericClass.none) continue;
    const name = opcodeName[op]!;
    const kind = numericKind[op]!;
    const w = numericWidth[op] as Width;
    const sw = numericSourceWidth[op] as Width;
    const add = (tag: string, v: Omit<Variant, 'label' | 'name'>) => variants.push({ label: `${name} ${tag}`, name, ...v });

    switch (cls) {
      case NumericClass.intBinary: {
        const t = intType(w);
        for (const [d, s, full] of [[rax, rcx, true], [r9, r14, false], [rdx, rdx, false]] as const) {
          add(g(d, s), {
            params: [t, t], inputs: [gpr(d), gpr(s)], result: t, written: [gpr(d)], full,
            emit: (ctx) => (emitIntBinary(ctx, kind as IntBinaryOp, w, d, s), inGpr(d)),
          });
        }
        for (const imm of immediates(w)) {
          add(`r12, imm ${imm}`, {
            params: [t, t], inputs: [gpr(r12)], imm: immBits(w, imm), result: t, written: [gpr(r12)], full: false,
            emit: (ctx) => (emitIntBinaryImm(ctx, kind as IntBinaryOp, w, r12, imm), inGpr(r12)),
          });
        }
        break;
      }
      case NumericClass.intShift: {
        const t = intType(w);
        for (const [d, full] of [[rax, true], [r13, false], [rcx, false]] as const) {
          add(g(d, rcx), {
            params: [t, t], inputs: [gpr(d), gpr(rcx)], result: t, written: [gpr(d)], full,
            emit: (ctx) => (emitIntShift(ctx, kind as IntShiftOp, w, d), inGpr(d)),
          });
        }
        for (const count of SHIFT_COUNTS) {
          add(`rsi, imm ${count}`, {
            params: [t, t], inputs: [gpr(rsi)], imm: immBits(w, count), result: t, written: [gpr(rsi)], full: false,
            emit: (ctx) => (emitIntShiftImm(ctx, kind as IntShiftOp, w, rsi, count), inGpr(rsi)),
          });
        }
        break;
      }
      case NumericClass.intDivRem: {
        const t = intType(w);
        for (const [rhs, full] of [[rcx, true], [r15, false]] as const) {
          add(g(rax, rhs), {
            params: [t, t], inputs: [gpr(rax), gpr(rhs)], result: t, written: [gpr(rax), gpr(rdx)], full,
            emit: (ctx) => (emitIntDivRem(ctx, kind as IntDivRemOp, w, rhs), inGpr(divRemResult(kind as IntDivRemOp))),
          });
        }
        break;
      }
      case NumericClass.intCompare: {
        const t = intType(w);
        const k = kind as IntCompareOp;
        const two = (l: Gpr, r: Gpr) => ({ params: [t, t], inputs: [gpr(l), gpr(r)], result: 'i32' as const });
        add('rbx, r8 → branch', { ...two(rbx, r8), written: [], full: true, emit: (ctx) => onCond(emitIntCompare(ctx, k, w, rbx, r8)) });
        add('rbx, r8 swapped → branch', {
          ...two(rbx, r8), written: [], full: false,
          emit: (ctx) => onCond(emitIntCompare(ctx, swapIntCompare(k), w, r8, rbx)),
        });
        add('rbx, r8 → setcc r10', {
          ...two(rbx, r8), written: [gpr(r10)], full: false,
          emit: (ctx) => (emitSetCond(ctx, emitIntCompare(ctx, k, w, rbx, r8), r10), inGpr(r10)),
        });
        for (const [l, r, d] of [[rax, rcx, rax], [rdi, rsi, rsi], [r8, r9, r10], [rdx, rdx, rdx]] as const) {
          add(`${g(l, r)} → ${g(d)}`, {
            ...two(l, r), written: [gpr(d)], full: d === r10,
            emit: (ctx) => (emitIntCompareToReg(ctx, k, w, d, l, r), inGpr(d)),
          });
        }
        for (const imm of COMPARE_IMMEDIATES) {
          const one = { params: [t, t], inputs: [gpr(rdx)], imm: immBits(w, imm), result: 'i32' as const, full: false };
          add(`rdx, imm ${imm} → branch`, { ...one, written: [], emit: (ctx) => onCond(emitIntCompareImm(ctx, k, w, rdx, imm)) });
          // Both ways to a register (into the operand, into another), with `test` and `cmp`.
          if (imm !== 0 && imm !== 1) continue;
          for (const d of [rdx, r14]) {
            add(`rdx, imm ${imm} → ${g(d)}`, {
              ...one, written: [gpr(d)],
              emit: (ctx) => (emitIntCompareImmToReg(ctx, k, w, d, rdx, imm), inGpr(d)),
            });
          }
        }
        break;
      }
      case NumericClass.intEqz: {
        const t = intType(w);
        const one = (r: Gpr) => ({ params: [t], inputs: [gpr(r)], result: 'i32' as const });
        add('rax → branch', { ...one(rax), written: [], full: true, emit: (ctx) => onCond(emitIntEqz(ctx, w, rax)) });
        add('rdi → rdi', { ...one(rdi), written: [gpr(rdi)], full: true, emit: (ctx) => (emitIntEqzToReg(ctx, w, rdi, rdi), inGpr(rdi)) });
        add('r9 → rsi', { ...one(r9), written: [gpr(rsi)], full: true, emit: (ctx) => (emitIntEqzToReg(ctx, w, rsi, r9), inGpr(rsi)) });
        break;
      }
      case NumericClass.intUnary:
      case NumericClass.intExtend: {
        const from = intType(sw);
        const to = intType(w);
        for (const [d, s] of [[rax, rax], [r8, rdi], [r15, r14], [rsi, rbx]] as const) {
          add(`${g(d)} ← ${g(s)}`, {
            params: [from], inputs: [gpr(s)], result: to, written: [gpr(d)], full: true,
            emit: (ctx) => {
              if (cls === NumericClass.intUnary) emitIntUnary(ctx, kind as IntUnaryOp, w, d, s);
              else emitIntExtend(ctx, kind as IntExtendOp, w, d, s);
              return inGpr(d);
            },
          });
          // x86-64-v3 counts with lzcnt/tzcnt: the same context, another level (where this
          // machine can run them: elsewhere lzcnt would run as bsr).
          if (cls === NumericClass.intUnary && MACHINE_V3) {
            add(`${g(d)} ← ${g(s)}, x86-64-v3`, {
              params: [from], inputs: [gpr(s)], result: to, written: [gpr(d)], full: true,
              emit: (ctx) => (emitIntUnary(Object.create(ctx, { cpuLevel: { value: 3 } }) as NumericContext, kind as IntUnaryOp, w, d, s), inGpr(d)),
            });
          }
        }
        break;
      }
      case NumericClass.floatBinary: {
        const t = floatType(w);
        for (const [d, s, full] of [[xmm0, xmm1, true], [xmm9, xmm14, false], [xmm3, xmm3, false]] as const) {
          add(x(d, s), {
            params: [t, t], inputs: [xmm(d), xmm(s)], result: t, written: [xmm(d)], full,
            emit: (ctx) => (emitFloatBinary(ctx, kind as FloatBinaryOp, w, d, s), inXmm(d)),
          });
        }
        break;
      }
      case NumericClass.floatUnary:
      case NumericClass.floatResize: {
        const from = floatType(sw);
        const to = floatType(w);
        for (const [d, s] of [[xmm2, xmm2], [xmm0, xmm8], [xmm13, xmm5]] as const) {
          add(`${x(d)} ← ${x(s)}`, {
            params: [from], inputs: [xmm(s)], result: to, written: [xmm(d)], full: true,
            emit: (ctx) => {
              if (cls === NumericClass.floatUnary) emitFloatUnary(ctx, kind as FloatUnaryOp, w, d, s);
              else emitFloatResize(ctx, w, d, s);
              return inXmm(d);
            },
          });
        }
        break;
      }
      case NumericClass.floatCompare: {
        const t = floatType(w);
        const k = kind as FloatCompareOp;
        const two = (l: Xmm, r: Xmm) => ({ params: [t, t], inputs: [xmm(l), xmm(r)], result: 'i32' as const });
        const compare = (ctx: NumericContext, l: Xmm = xmm1, r: Xmm = xmm2) => emitFloatCompare(ctx, k, w, l, r);
        add('xmm1, xmm2 → branch', { ...two(xmm1, xmm2), written: [], full: true, emit: (ctx) => onFloatCond(compare(ctx)) });
        add('xmm4, xmm4 → branch', { ...two(xmm4, xmm4), written: [], full: false, emit: (ctx) => onFloatCond(compare(ctx, xmm4, xmm4)) });
        add('xmm1, xmm2 → inverted branch', {
          ...two(xmm1, xmm2), written: [], full: true, emit: (ctx) => onInvertedFloatCond(compare(ctx)),
        });
        add('xmm1, xmm2 → set rdx', {
          ...two(xmm1, xmm2), written: [gpr(rdx)], full: false,
          emit: (ctx) => (emitSetFloatCond(ctx, compare(ctx), rdx), inGpr(rdx)),
        });
        for (const cw of [32, 64] as const) {
          // select: rax = holds ? 1 : 0, through cmov.
          add(`xmm1, xmm2 → cmov${cw}`, {
            ...two(xmm1, xmm2), written: [gpr(rax), gpr(rcx)], full: false,
            emit: (ctx) => {
              const fc = compare(ctx);
              movRI(ctx.b, 32, rax, 0);
              movRI(ctx.b, 32, rcx, 1);
              emitCmovFloatCond(ctx, fc, cw, rax, rcx);
              return inGpr(rax);
            },
          });
        }
        for (const [l, r, d, full] of [[xmm0, xmm1, rax, true], [xmm10, xmm14, r12, false], [xmm6, xmm6, rsi, false]] as const) {
          add(`${x(l, r)} → ${g(d)}`, {
            ...two(l, r), written: [gpr(d)], full,
            emit: (ctx) => (emitFloatCompareToReg(ctx, k, w, d, l, r), inGpr(d)),
          });
        }
        break;
      }
      case NumericClass.truncToInt:
      case NumericClass.truncSatToInt:
      case NumericClass.reinterpretToInt: {
        const from = floatType(sw);
        const to = intType(w);
        for (const [d, s, full] of [[rax, xmm0, true], [r13, xmm12, false], [rsi, xmm7, false]] as const) {
          add(`${g(d)} ← ${x(s)}`, {
            params: [from], inputs: [xmm(s)], result: to, written: [gpr(d)], full,
            emit: (ctx) => {
              if (cls === NumericClass.truncToInt) emitTruncToInt(ctx, w, sw as FloatWidth, kind === 1, d, s);
              else if (cls === NumericClass.truncSatToInt) emitTruncSatToInt(ctx, w, sw as FloatWidth, kind === 1, d, s);
              else emitReinterpretToInt(ctx, w, d, s);
              return inGpr(d);
            },
          });
        }
        break;
      }
      case NumericClass.convertToFloat:
      case NumericClass.reinterpretToFloat: {
        const from = intType(sw);
        const to = floatType(w);
        for (const [d, s, full] of [[xmm0, rax, true], [xmm11, r9, false], [xmm6, rdi, false]] as const) {
          add(`${x(d)} ← ${g(s)}`, {
            params: [from], inputs: [gpr(s)], result: to, written: [xmm(d)], full,
            emit: (ctx) => {
              if (cls === NumericClass.convertToFloat) emitConvertToFloat(ctx, w as FloatWidth, sw, kind === 1, d, s);
              else emitReinterpretToFloat(ctx, w, d, s);
              return inXmm(d);
            },
          });
        }
        break;
      }
      default:
        throw new Error(`no test cases for numeric class ${cls} (${name})`);
    }
  }
  return variants;
}

const g = (...rs: Gpr[]) => rs.map((r) => gprName(r)).join(', ');
const x = (...rs: Xmm[]) => rs.map((r) => xmmName(r)).join(', ');
