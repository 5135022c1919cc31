/**
 * Conversions between integers and floats, between f32 and f64, and reinterpretations.
 * Conventions in numeric.ts: `iw` is the integer width (32 or 64), `fw` the float width
 * (32 for f32, 64 for f64); only r11 and xmm15 may be clobbered.
 *
 * Float to integer. cvttss2si/cvttsd2si truncate toward zero and return the "integer
 * indefinite" INT_MIN for NaN and for anything out of the signed range, so INT_MIN is the
 * only result that needs a second look (it is also a legitimate result). Unsigned 32-bit
 * results come from the 64-bit conversion, which is exact over the whole u32 range; unsigned
 * 64-bit results from [2^63, 2^64) are converted after subtracting 2^63 (exactly: such
 * floats are multiples of 2^40 or 2^11).
 *
 * Integer to float. cvtsi2ss/cvtsi2sd round once, to nearest even, from a signed integer.
 * A u32 is converted as the non-negative i64 it is. A u64 with its top bit set is halved
 * first, keeping the bit shifted out as a sticky bit (so the halved value rounds as the
 * whole one would), converted, then doubled, which is exact.
 */
import {
  Alu,
  BitTest,
  Cond,
  Round,
  Shift,
  Sse,
  aluRI,
  aluRR,
  bitTestRI,
  cmovRR,
  cvtsi2sd,
  cvtsi2ss,
  cvttsd2si,
  cvttss2si,
  jcc,
  jccShort,
  jmp,
  jmpShort,
  movRI,
  movRR,
  movdRX,
  movdXR,
  not,
  r11,
  ripLabel,
  roundsd,
  shiftRI,
  sseRM,
  sseRR,
  testRR,
  xmm15,
  type CodeBuffer,
  type Gpr,
  type SseOp,
  type Width,
  type Xmm,
} from '../x64/index.js';
import {
  TRAP_BAD_CONVERSION,
  TRAP_INTEGER_OVERFLOW,
  floatConstant,
  type FloatWidth,
  type NumericContext,
} from './numeric-context.js';

const fi = (fw: FloatWidth) => fw >> 6;
const UCOMI: readonly SseOp[] = [Sse.ucomiss, Sse.ucomisd];
const SUB: readonly SseOp[] = [Sse.subss, Sse.subsd];
const ADD: readonly SseOp[] = [Sse.addss, Sse.addsd];

// Float bit patterns (f64: the high word; the low word is 0).
const F32_MINUS_2_31 = 0xcf000000;
const F32_MINUS_2_63 = 0xdf000000;
const F32_2_63 = 0x5f000000;
const F64_HI_MINUS_2_31 = 0xc1e00000;
const F64_HI_MINUS_2_63 = 0xc3e00000;
const F64_HI_2_63 = 0x43e00000;

/** -2^(iw-1) as a float of width fw: the signed range's lower end. */
function minusTwoToThe(ctx: NumericContext, fw: FloatWidth, iw: Width) {
  if (fw === 32) return floatConstant(ctx, 32, iw === 32 ? F32_MINUS_2_31 : F32_MINUS_2_63);
  return floatConstant(ctx, 64, 0, iw === 32 ? F64_HI_MINUS_2_31 : F64_HI_MINUS_2_63);
}

function twoToThe63(ctx: NumericContext, fw: FloatWidth) {
  return fw === 32 ? floatConstant(ctx, 32, F32_2_63) : floatConstant(ctx, 64, 0, F64_HI_2_63);
}

function cvtt(b: CodeBuffer, fw: FloatWidth, iw: Width, dst: Gpr, src: Xmm): void {
  if (fw === 32) cvttss2si(b, iw, dst, src);
  else cvttsd2si(b, iw, dst, src);
}

function cvtsi(b: CodeBuffer, fw: FloatWidth, iw: Width, dst: Xmm, src: Gpr): void {
  if (fw === 32) cvtsi2ss(b, iw, dst, src);
  else cvtsi2sd(b, iw, dst, src);
}

/** After a failed conversion: NaN traps as bad_conversion_to_integer, anything else as integer_overflow. */
function trapNanOrOverflow(ctx: NumericContext, fw: FloatWidth, src: Xmm): void {
  sseRR(ctx.b, UCOMI[fi(fw)]!, src, src);
  jcc(ctx.b, Cond.p, ctx.trapLabel(TRAP_BAD_CONVERSION));
  jmp(ctx.b, ctx.trapLabel(TRAP_INTEGER_OVERFLOW));
}

// ---- float to integer, trapping -------------------------------------------------------

/**
 * i32/i64.trunc_f32/f64_s/u: dst (a GPR) = trunc(src). NaN jumps to
 * bad_conversion_to_integer, a value whose truncation is out of range to
 * integer_overflow. Clobbers r11 and xmm15.
 */
export function emitTruncToInt(ctx: NumericContext, iw: Width, fw: FloatWidth, signed: boolean, dst: Gpr, src: Xmm): void {
  const b = ctx.b;
  const done = b.newLabel();
  if (signed) {
    cvtt(b, fw, iw, dst, src);
    aluRI(b, Alu.cmp, iw, dst, 1); // overflows only for INT_MIN
    jccShort(b, Cond.no, done);
    // INT_MIN is right only when trunc(src) is -2^(iw-1). For f32, and f64 to i64, that
    // takes src = -2^(iw-1) exactly; f64 to i32 also accepts the fractions below it.
    let probe = src;
    if (fw === 64 && iw === 32) {
      roundsd(b, xmm15, src, Round.zero);
      probe = xmm15;
    }
    sseRM(b, UCOMI[fi(fw)]!, probe, ripLabel(minusTwoToThe(ctx, fw, iw)), 0);
    jcc(b, Cond.p, ctx.trapLabel(TRAP_BAD_CONVERSION));
    jcc(b, Cond.ne, ctx.trapLabel(TRAP_INTEGER_OVERFLOW));
  } else if (iw === 32) {
    // Exact in 64 bits for -2^63 < src < 2^63; in range iff the upper half is zero
    // (a negative result, NaN's and out-of-range INT64_MIN all have upper bits set).
    cvtt(b, fw, 64, dst, src);
    movRR(b, 64, r11, dst);
    shiftRI(b, Shift.shr, 64, r11, 32);
    jccShort(b, Cond.e, done);
    trapNanOrOverflow(ctx, fw, src);
  } else {
    const big = b.newLabel();
    const limit = twoToThe63(ctx, fw);
    sseRM(b, UCOMI[fi(fw)]!, src, ripLabel(limit), 0);
    jccShort(b, Cond.ae, big); // src >= 2^63 (not NaN: unordered sets CF)
    cvtt(b, fw, 64, dst, src);
    testRR(b, 64, dst, dst);
    jccShort(b, Cond.ns, done); // -1 < src < 2^63
    trapNanOrOverflow(ctx, fw, src);
    b.bind(big);
    sseRR(b, Sse.movaps, xmm15, src);
    sseRM(b, SUB[fi(fw)]!, xmm15, ripLabel(limit), 0);
    cvtt(b, fw, 64, dst, xmm15);
    bitTestRI(b, BitTest.bts, 64, dst, 63); // CF = the old top bit: set if src - 2^63 >= 2^63
    jcc(b, Cond.b, ctx.trapLabel(TRAP_INTEGER_OVERFLOW));
  }
  b.bind(done);
}

// ---- float to integer, saturating -----------------------------------------------------

/**
 * i32/i64.trunc_sat_f32/f64_s/u: dst (a GPR) = trunc(src) clamped to the integer range,
 * NaN giving 0. Clobbers r11 and xmm15.
 */
export function emitTruncSatToInt(ctx: NumericContext, iw: Width, fw: FloatWidth, signed: boolean, dst: Gpr, src: Xmm): void {
  const b = ctx.b;
  const i = fi(fw);
  const done = b.newLabel();
  if (signed) {
    const nan = b.newLabel();
    cvtt(b, fw, iw, dst, src);
    aluRI(b, Alu.cmp, iw, dst, 1);
    jccShort(b, Cond.no, done);
    // dst = INT_MIN: right for negative src; positive src saturates to INT_MAX = ~INT_MIN.
    sseRR(b, Sse.xorps, xmm15, xmm15);
    sseRR(b, UCOMI[i]!, src, xmm15);
    jccShort(b, Cond.p, nan);
    jccShort(b, Cond.be, done);
    not(b, iw, dst);
    jmpShort(b, done);
    b.bind(nan);
    aluRR(b, Alu.xor, 32, dst, dst);
  } else if (iw === 32) {
    cvtt(b, fw, 64, dst, src); // exact for -2^63 < src < 2^63, else INT64_MIN
    movRI(b, 32, r11, 0xffffffff);
    aluRR(b, Alu.cmp, 64, dst, r11);
    jccShort(b, Cond.be, done); // 0 <= dst <= UINT32_MAX
    // Negative, NaN or too large: UINT32_MAX when src > 0, else 0.
    aluRR(b, Alu.xor, 32, dst, dst);
    sseRR(b, Sse.xorps, xmm15, xmm15);
    sseRR(b, UCOMI[i]!, src, xmm15);
    cmovRR(b, Cond.a, 32, dst, r11);
  } else {
    const big = b.newLabel();
    const limit = twoToThe63(ctx, fw);
    sseRM(b, UCOMI[i]!, src, ripLabel(limit), 0);
    jccShort(b, Cond.ae, big);
    cvtt(b, fw, 64, dst, src);
    // A negative result (src <= -1, NaN) saturates to 0.
    aluRR(b, Alu.xor, 32, r11, r11);
    testRR(b, 64, dst, dst);
    cmovRR(b, Cond.s, 64, dst, r11);
    jmpShort(b, done);
    b.bind(big);
    sseRR(b, Sse.movaps, xmm15, src);
    sseRM(b, SUB[i]!, xmm15, ripLabel(limit), 0);
    cvtt(b, fw, 64, dst, xmm15);
    // Set the top bit; if it was set already (src >= 2^64), saturate to all ones.
    bitTestRI(b, BitTest.bts, 64, dst, 63);
    aluRR(b, Alu.sbb, 64, r11, r11);
    aluRR(b, Alu.or, 64, dst, r11);
  }
  b.bind(done);
}

// ---- integer to float -----------------------------------------------------------------

/**
 * f32/f64.convert_i32/i64_s/u: dst (an xmm) = src (a GPR) rounded to nearest even.
 * Clobbers r11 (unsigned). dst is zeroed first: cvtsi2ss writes only the low lane and
 * would otherwise wait for whatever last wrote dst.
 */
export function emitConvertToFloat(ctx: NumericContext, fw: FloatWidth, iw: Width, signed: boolean, dst: Xmm, src: Gpr): void {
  const b = ctx.b;
  if (signed) {
    sseRR(b, Sse.xorps, dst, dst);
    cvtsi(b, fw, iw, dst, src);
  } else if (iw === 32) {
    movRR(b, 32, r11, src);
    sseRR(b, Sse.xorps, dst, dst);
    cvtsi(b, fw, 64, dst, r11);
  } else {
    const big = b.newLabel();
    const done = b.newLabel();
    sseRR(b, Sse.xorps, dst, dst);
    testRR(b, 64, src, src);
    jccShort(b, Cond.s, big);
    cvtsi(b, fw, 64, dst, src);
    jmpShort(b, done);
    b.bind(big);
    // r11 = (src >> 1) | (src & 1), as (src | (src & 1) << 1) >> 1, without touching src.
    movRI(b, 32, r11, 1);
    aluRR(b, Alu.and, 32, r11, src);
    aluRR(b, Alu.add, 32, r11, r11);
    aluRR(b, Alu.or, 64, r11, src);
    shiftRI(b, Shift.shr, 64, r11, 1);
    cvtsi(b, fw, 64, dst, r11);
    sseRR(b, ADD[fi(fw)]!, dst, dst);
    b.bind(done);
  }
}

// ---- float to float, reinterpretations ------------------------------------------------

/**
 * f32.demote_f64 (fw = 32) or f64.promote_f32 (fw = 64, the result's width): dst = src
 * converted, rounding to nearest even; NaNs come out quiet, canonical ones canonical.
 * dst may equal src.
 */
export function emitFloatResize(ctx: NumericContext, fw: FloatWidth, dst: Xmm, src: Xmm): void {
  sseRR(ctx.b, fw === 32 ? Sse.cvtsd2ss : Sse.cvtss2sd, dst, src);
}

/** i32.reinterpret_f32 / i64.reinterpret_f64: dst (a GPR) = the bits of src. */
export function emitReinterpretToInt(ctx: NumericContext, w: Width, dst: Gpr, src: Xmm): void {
  movdRX(ctx.b, w, dst, src);
}

/** f32.reinterpret_i32 / f64.reinterpret_i64: dst (an xmm) = the bits of src. */
export function emitReinterpretToFloat(ctx: NumericContext, w: Width, dst: Xmm, src: Gpr): void {
  movdXR(ctx.b, w, dst, src);
}
