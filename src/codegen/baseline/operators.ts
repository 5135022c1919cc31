/**
 * The numeric instructions on the baseline tier's value stack: takes operands from the
 * stack model into the registers the emitters (numeric-*.ts) want, and pushes the result.
 *
 * Binary operations are two-address: the left operand's entry is turned into a register
 * it owns (`toGpr`/`toXmm`) and the result replaces it there. Constant right operands are
 * folded into the instruction where x86 has an immediate form.
 */
import { ValType } from '../../translate/types.js';
import {
  Alu,
  Sse,
  aluRM,
  aluRR,
  cdq,
  cqo,
  div,
  idiv,
  imulRM,
  imulRR,
  mem,
  movImm64,
  rax,
  rbp,
  rcx,
  rdx,
  ripLabel,
  sseRM,
  sseRR,
  type AluOp,
  type Gpr,
  type Xmm,
  type Cond,
  type SseOp,
  type Width,
} from '../x64/index.js';
import {
  FloatBinary,
  IntBinary,
  IntDivRem,
  emitFloatCompare,
  floatConstant,
  NumericClass,
  divRemResult,
  intCompareCond,
  emitConvertToFloat,
  emitFloatBinary,
  emitFloatCompareToReg,
  emitFloatResize,
  emitFloatUnary,
  emitReinterpretToFloat,
  emitReinterpretToInt,
  emitTruncSatToInt,
  emitTruncToInt,
  numericClass,
  numericKind,
  numericWidth,
  type FloatBinaryOp,
  type FloatCompareOp,
  type FloatUnaryOp,
  type FloatWidth,
  type NumericContext,
  emitIntBinary,
  emitIntBinaryImm,
  emitIntCompare,
  emitIntCompareImm,
  emitIntEqz,
  emitIntCompareImmToReg,
  emitIntCompareToReg,
  emitIntDivRem,
  emitIntEqzToReg,
  emitIntExtend,
  emitIntShift,
  emitIntShiftImm,
  emitIntUnary,
  type IntBinaryOp,
  type IntCompareOp,
  type IntDivRemOp,
  type IntExtendOp,
  type IntShiftOp,
  type IntUnaryOp,
} from './numeric.js';
import { CONST, LOCAL, REG, STACK, XMM_CODE, type ValueStack } from './value-stack.js';

/** FloatBinary add, sub, mul, div as SSE operations: f32 then f64. */
const SSE_OF: readonly SseOp[] = [Sse.addss, Sse.subss, Sse.mulss, Sse.divss, Sse.addsd, Sse.subsd, Sse.mulsd, Sse.divsd];

/** IntBinary operations (but mul) as x86 ALU operations. */
const ALU_OF: readonly AluOp[] = [Alu.add, Alu.sub, Alu.add, Alu.and, Alu.or, Alu.xor];

/** Whether entry i can be read where it lives (its slot, or its local's). */
function memoryOperand(vs: ValueStack, i: number): boolean {
  return vs.kind[i] === STACK || vs.kind[i] === LOCAL;
}

/**
 * When entry i is a local with a copy in a free register, pins that register (so that
 * materializing the other operand cannot take it) and returns its code (see
 * ValueStack.localCache), else -1. The left operand may still be the same local: it then
 * gets a copy of its own, and `op lhs, copy` reads the right value.
 */
function pinCachedCopy(vs: ValueStack, i: number): number {
  if (vs.kind[i] !== LOCAL) return -1;
  const code = vs.localCache[vs.lo[i]!]!;
  if (code === -1) return -1;
  if (code < XMM_CODE) vs.pinnedGprs |= 1 << code;
  else vs.pinnedXmms |= 1 << (code - XMM_CODE);
  return code;
}

function slotOrLocalDisp(vs: ValueStack, i: number): number {
  return vs.kind[i] === LOCAL ? vs.localDisp(vs.lo[i]!) : vs.slotDisp(i);
}

/**
 * Division by a constant that is neither 0 nor -1 cannot trap, so it needs none of the
 * checks: the dividend goes to rax, the divisor to a register, and div/idiv runs. Leaves
 * the result where `divRemResult` says and returns true; false leaves everything as it was.
 */
function constDivisor(ctx: NumericContext, vs: ValueStack, op: IntDivRemOp, w: Width): boolean {
  const top = vs.sp - 1;
  const lo = vs.lo[top]!;
  const hi = w === 32 ? lo >> 31 : vs.hi[top]!;
  if ((lo === 0 && hi === 0) || (lo === -1 && hi === -1)) return false;
  vs.drop();
  vs.claimGpr(rax);
  vs.claimGpr(rdx);
  vs.loadGpr(vs.sp - 1, rax);
  vs.drop();
  const d = vs.allocGpr();
  movImm64(ctx.b, d, lo, w === 32 ? 0 : hi);
  const signed = op === IntDivRem.div_s || op === IntDivRem.rem_s;
  if (signed) {
    if (w === 32) cdq(ctx.b);
    else cqo(ctx.b);
    idiv(ctx.b, w, d);
  } else {
    aluRR(ctx.b, Alu.xor, 32, rdx, rdx);
    div(ctx.b, w, d);
  }
  return true;
}

export function isNumericOp(op: number): boolean {
  return op < numericClass.length && numericClass[op] !== NumericClass.none;
}

/** Whether entry i is a constant usable as a sign-extended imm32 at width w. */
function immOperand(vs: ValueStack, i: number, w: Width): boolean {
  return vs.kind[i] === CONST && (w === 32 || vs.hi[i] === vs.lo[i]! >> 31);
}

/**
 * Emits numeric instruction `op`. `fuse`: the next instruction is `if` or `br_if`, so a
 * comparison may leave its result in the flags (a COND entry) instead of a register.
 */
export function emitNumeric(ctx: NumericContext, vs: ValueStack, op: number, fuse: boolean): void {
  const arg = numericKind[op]!;
  const w = numericWidth[op]! as Width;
  const type = w === 32 ? ValType.I32 : ValType.I64;
  const ftype = w === 32 ? ValType.F32 : ValType.F64;
  const C = NumericClass;
  switch (numericClass[op]) {
    case C.intBinary: {
      const top = vs.sp - 1;
      if (immOperand(vs, top, w)) {
        const imm = vs.lo[top]!;
        vs.drop();
        emitIntBinaryImm(ctx, arg as IntBinaryOp, w, vs.toGpr(vs.sp - 1), imm);
      } else if (memoryOperand(vs, top)) {
        // The right operand where it is: a free register holding the local, or its slot.
        const copy = pinCachedCopy(vs, top);
        const lhs = vs.toGpr(top - 1);
        if (copy !== -1) {
          if (arg === IntBinary.mul) imulRR(ctx.b, w, lhs, copy as Gpr);
          else aluRR(ctx.b, ALU_OF[arg]!, w, lhs, copy as Gpr);
        } else {
          const disp = slotOrLocalDisp(vs, top);
          if (arg === IntBinary.mul) imulRM(ctx.b, w, lhs, mem(rbp), disp);
          else aluRM(ctx.b, ALU_OF[arg]!, w, lhs, mem(rbp), disp);
        }
        vs.drop();
      } else {
        const rhs = vs.popGpr();
        emitIntBinary(ctx, arg as IntBinaryOp, w, vs.toGpr(vs.sp - 1), rhs);
      }
      return;
    }
    case C.intShift: {
      const top = vs.sp - 1;
      if (vs.kind[top] === CONST) {
        const count = vs.lo[top]!;
        vs.drop();
        emitIntShiftImm(ctx, arg as IntShiftOp, w, vs.toGpr(vs.sp - 1), count);
        return;
      }
      if (vs.kind[top] === REG && vs.reg[top] === rcx) vs.popGpr();
      else {
        vs.claimGpr(rcx);
        vs.loadGpr(top, rcx);
        vs.drop();
      }
      emitIntShift(ctx, arg as IntShiftOp, w, vs.toGpr(vs.sp - 1));
      return;
    }
    case C.intDivRem: {
      const top = vs.sp - 1;
      if (vs.kind[top] === CONST && constDivisor(ctx, vs, arg as IntDivRemOp, w)) {
        vs.pushReg(type, divRemResult(arg as IntDivRemOp));
        return;
      }
      vs.claimGpr(rax);
      vs.claimGpr(rdx);
      const rhs = vs.popGpr();
      vs.loadGpr(vs.sp - 1, rax);
      vs.drop();
      emitIntDivRem(ctx, arg as IntDivRemOp, w, rhs);
      vs.pushReg(type, divRemResult(arg as IntDivRemOp));
      return;
    }
    case C.intCompare: {
      const top = vs.sp - 1;
      if (fuse) {
        let cond: Cond;
        if (immOperand(vs, top, w)) {
          const imm = vs.lo[top]!;
          vs.drop();
          cond = emitIntCompareImm(ctx, arg as IntCompareOp, w, vs.popGpr(), imm);
        } else if (memoryOperand(vs, top)) {
          const copy = pinCachedCopy(vs, top);
          const lhs = vs.toGpr(top - 1);
          if (copy !== -1) aluRR(ctx.b, Alu.cmp, w, lhs, copy as Gpr);
          else aluRM(ctx.b, Alu.cmp, w, lhs, mem(rbp), slotOrLocalDisp(vs, top));
          cond = intCompareCond(arg as IntCompareOp);
          vs.drop();
          vs.drop();
        } else {
          const rhs = vs.popGpr();
          cond = emitIntCompare(ctx, arg as IntCompareOp, w, vs.popGpr(), rhs);
        }
        vs.pushCond(cond);
        return;
      }
      if (immOperand(vs, top, w)) {
        const imm = vs.lo[top]!;
        vs.drop();
        const lhs = vs.popGpr();
        emitIntCompareImmToReg(ctx, arg as IntCompareOp, w, lhs, lhs, imm);
        vs.pushReg(ValType.I32, lhs);
      } else {
        const rhs = vs.popGpr();
        const lhs = vs.popGpr();
        const dst = vs.allocGpr();
        emitIntCompareToReg(ctx, arg as IntCompareOp, w, dst, lhs, rhs);
        vs.pushReg(ValType.I32, dst);
      }
      return;
    }
    case C.intEqz: {
      const x = vs.popGpr();
      if (fuse) {
        vs.pushCond(emitIntEqz(ctx, w, x));
        return;
      }
      const dst = vs.allocGpr();
      emitIntEqzToReg(ctx, w, dst, x);
      vs.pushReg(ValType.I32, dst);
      return;
    }
    case C.intUnary: {
      const x = vs.popGpr();
      emitIntUnary(ctx, arg as IntUnaryOp, w, x, x);
      vs.pushReg(type, x);
      return;
    }
    case C.intExtend: {
      const x = vs.popGpr();
      emitIntExtend(ctx, arg as IntExtendOp, w, x, x);
      vs.pushReg(type, x);
      return;
    }
    case C.floatBinary: {
      const top = vs.sp - 1;
      if (arg <= FloatBinary.div && (memoryOperand(vs, top) || vs.kind[top] === CONST)) {
        // add/sub/mul/div read a slot, a local (or its copy in a register) or a pooled
        // constant in place.
        const copy = pinCachedCopy(vs, top);
        const lhs = vs.toXmm(top - 1);
        const op = SSE_OF[w === 32 ? arg : arg + 4]!;
        if (copy !== -1) {
          sseRR(ctx.b, op, lhs, (copy - XMM_CODE) as Xmm);
        } else if (vs.kind[top] === CONST) {
          const pooled = floatConstant(ctx, w as FloatWidth, vs.lo[top]!, vs.hi[top]!);
          sseRM(ctx.b, op, lhs, ripLabel(pooled), 0);
        } else {
          sseRM(ctx.b, op, lhs, mem(rbp), slotOrLocalDisp(vs, top));
        }
        vs.drop();
        return;
      }
      const rhs = vs.popXmm();
      emitFloatBinary(ctx, arg as FloatBinaryOp, w as FloatWidth, vs.toXmm(vs.sp - 1), rhs);
      return;
    }
    case C.floatUnary: {
      const x = vs.popXmm();
      emitFloatUnary(ctx, arg as FloatUnaryOp, w as FloatWidth, x, x);
      vs.pushReg(ftype, x);
      return;
    }
    case C.floatCompare: {
      const rhs = vs.popXmm();
      const lhs = vs.popXmm();
      if (fuse) {
        vs.pushCond(emitFloatCompare(ctx, arg as FloatCompareOp, w as FloatWidth, lhs, rhs));
        return;
      }
      const dst = vs.allocGpr();
      emitFloatCompareToReg(ctx, arg as FloatCompareOp, w as FloatWidth, dst, lhs, rhs);
      vs.pushReg(ValType.I32, dst);
      return;
    }
    case C.truncToInt:
    case C.truncSatToInt: {
      const fw = vs.type[vs.sp - 1] === ValType.F32 ? 32 : 64;
      const x = vs.popXmm();
      const dst = vs.allocGpr();
      if (numericClass[op] === C.truncToInt) emitTruncToInt(ctx, w, fw, arg === 1, dst, x);
      else emitTruncSatToInt(ctx, w, fw, arg === 1, dst, x);
      vs.pushReg(type, dst);
      return;
    }
    case C.convertToFloat: {
      const iw = vs.type[vs.sp - 1] === ValType.I32 ? 32 : 64;
      const x = vs.popGpr();
      const dst = vs.allocXmm();
      emitConvertToFloat(ctx, w as FloatWidth, iw, arg === 1, dst, x);
      vs.pushReg(ftype, dst);
      return;
    }
    case C.floatResize: {
      const x = vs.popXmm();
      emitFloatResize(ctx, w as FloatWidth, x, x);
      vs.pushReg(ftype, x);
      return;
    }
    case C.reinterpretToInt: {
      const x = vs.popXmm();
      const dst = vs.allocGpr();
      emitReinterpretToInt(ctx, w, dst, x);
      vs.pushReg(type, dst);
      return;
    }
    case C.reinterpretToFloat: {
      const x = vs.popGpr();
      const dst = vs.allocXmm();
      emitReinterpretToFloat(ctx, w, dst, x);
      vs.pushReg(ftype, dst);
      return;
    }
  }
  throw new Error(`baseline: no emitter for opcode 0x${op.toString(16)}`);
}
