/**
 * The numeric instructions of the baseline tier: machine code for every non-SIMD numeric
 * WebAssembly 2.0 instruction, with operands already in registers. The compiler core owns
 * the value stack and the registers; these emitters own the instruction sequences.
 *
 * Conventions, for every emitter:
 * - Operands and results are registers the core chose: i32/i64 in GPRs, f32/f64 in the
 *   low lane of xmm registers. Binary operations are two-address: the result replaces
 *   the first operand (`dst = dst op src`, dst = the left operand). Fixed registers
 *   (shift counts in rcx, division in rax/rdx) are stated per function.
 * - r11 and xmm15 are scratch: any emitter may clobber them, and they never hold a value
 *   of the core. Nothing else is written but the result and the registers a function's
 *   comment names; operands other than dst are kept.
 * - An i32 operand is read from the low 32 bits of its register (the upper half may hold
 *   anything), and every i32 result is zero-extended to 64 bits. The upper lanes of an
 *   xmm operand are ignored; those of an xmm result are unspecified.
 * - Traps jump to `ctx.trapLabel(code)`; constants come from `ctx.constant128`. Internal
 *   branches are short and local. Nothing is allocated per instruction but labels in the
 *   buffer.
 * - Flags: assume every emitter changes them. The consumers of a comparison's flags
 *   (emitSetCond, emitCmovFloatCond, jumpIfFloatCond) only read them, so one comparison
 *   can feed several; emitSetFloatCond reads them, then changes them.
 *
 * Dispatch: `numericClass[op]` (op being the dense opcode id of translate/opcodes.ts)
 * says which emitter handles an opcode, `numericKind[op]` its operation within that
 * emitter (the `IntBinary`, `FloatCompare`, ... values; for conversions 1 = signed,
 * 0 = unsigned), `numericWidth[op]` the width passed as `w`/`iw`/`fw` (the operands', or
 * for conversions the result's), `numericSourceWidth[op]` a conversion's operand width.
 *
 * | class              | emitter(s)                                    | operands                      |
 * |--------------------|-----------------------------------------------|-------------------------------|
 * | intBinary          | emitIntBinary, emitIntBinaryImm               | dst, src: GPR                 |
 * | intShift           | emitIntShift (count in rcx), emitIntShiftImm  | dst: GPR                      |
 * | intDivRem          | emitIntDivRem (rax / rhs → rax or rdx)        | rhs: GPR, not rax/rdx         |
 * | intCompare         | emitIntCompare[Imm] (→ Cond), …ToReg          | GPRs                          |
 * | intEqz             | emitIntEqz (→ Cond), emitIntEqzToReg          | GPRs                          |
 * | intUnary           | emitIntUnary                                  | dst, src: GPR                 |
 * | intExtend          | emitIntExtend                                 | dst, src: GPR                 |
 * | floatBinary        | emitFloatBinary                               | dst, src: xmm                 |
 * | floatUnary         | emitFloatUnary                                | dst, src: xmm                 |
 * | floatCompare       | emitFloatCompare (→ FloatCond), …ToReg        | xmm operands, GPR result      |
 * | truncToInt         | emitTruncToInt (traps)                        | dst: GPR, src: xmm            |
 * | truncSatToInt      | emitTruncSatToInt                             | dst: GPR, src: xmm            |
 * | convertToFloat     | emitConvertToFloat                            | dst: xmm, src: GPR            |
 * | floatResize        | emitFloatResize (demote, promote)             | dst, src: xmm                 |
 * | reinterpretToInt   | emitReinterpretToInt                          | dst: GPR, src: xmm            |
 * | reinterpretToFloat | emitReinterpretToFloat                        | dst: xmm, src: GPR            |
 */
export * from './numeric-context.js';
export * from './numeric-int.js';
export * from './numeric-float.js';
export * from './numeric-convert.js';

export const NumericClass = {
  none: 0,
  intBinary: 1,
  intShift: 2,
  intDivRem: 3,
  intCompare: 4,
  intEqz: 5,
  intUnary: 6,
  intExtend: 7,
  floatBinary: 8,
  floatUnary: 9,
  floatCompare: 10,
  truncToInt: 11,
  truncSatToInt: 12,
  convertToFloat: 13,
  floatResize: 14,
  reinterpretToInt: 15,
  reinterpretToFloat: 16,
} as const;
export type NumericClass = (typeof NumericClass)[keyof typeof NumericClass];

/** Opcode ids below this bound cover the single-byte and 0xFC opcodes; SIMD is in simd.ts. */
const IDS = 0x200;

/** Per opcode id: the `NumericClass` (0 for the non-numeric ones). */
export const numericClass = new Uint8Array(IDS);
/** Per opcode id: the operation within its class (see the module comment). */
export const numericKind = new Uint8Array(IDS);
/** Per opcode id: 32 or 64, the operands' width, or a conversion's result width. */
export const numericWidth = new Uint8Array(IDS);
/** Per opcode id: a conversion's operand width (else the same as `numericWidth`). */
export const numericSourceWidth = new Uint8Array(IDS);

function row(op: number, cls: NumericClass, kind: number, width: 32 | 64, sourceWidth: 32 | 64 = width): void {
  numericClass[op] = cls;
  numericKind[op] = kind;
  numericWidth[op] = width;
  numericSourceWidth[op] = sourceWidth;
}

{
  const C = NumericClass;
  for (const [base, w] of [[0x45, 32], [0x50, 64]] as const) {
    row(base, C.intEqz, 0, w);
    for (let k = 0; k < 10; k++) row(base + 1 + k, C.intCompare, k, w);
  }
  for (const [base, w] of [[0x5b, 32], [0x61, 64]] as const) {
    for (let k = 0; k < 6; k++) row(base + k, C.floatCompare, k, w);
  }
  // clz ctz popcnt add sub mul div_s div_u rem_s rem_u and or xor shl shr_s shr_u rotl rotr
  for (const [base, w] of [[0x67, 32], [0x79, 64]] as const) {
    for (let k = 0; k < 3; k++) row(base + k, C.intUnary, k, w);
    for (let k = 0; k < 3; k++) row(base + 3 + k, C.intBinary, k, w); // add sub mul
    for (let k = 0; k < 4; k++) row(base + 6 + k, C.intDivRem, k, w);
    for (let k = 0; k < 3; k++) row(base + 10 + k, C.intBinary, 3 + k, w); // and or xor
    for (let k = 0; k < 5; k++) row(base + 13 + k, C.intShift, k, w);
  }
  for (const [base, w] of [[0x8b, 32], [0x99, 64]] as const) {
    for (let k = 0; k < 7; k++) row(base + k, C.floatUnary, k, w);
    for (let k = 0; k < 7; k++) row(base + 7 + k, C.floatBinary, k, w);
  }
  row(0xa7, C.intExtend, 0, 32, 64); // i32.wrap_i64
  row(0xac, C.intExtend, 1, 64, 32); // i64.extend_i32_s
  row(0xad, C.intExtend, 2, 64, 32); // i64.extend_i32_u
  row(0xc0, C.intExtend, 3, 32); // i32.extend8_s
  row(0xc1, C.intExtend, 4, 32);
  row(0xc2, C.intExtend, 3, 64); // i64.extend8_s
  row(0xc3, C.intExtend, 4, 64);
  row(0xc4, C.intExtend, 5, 64); // i64.extend32_s
  // i32.trunc_f32_s at 0xa8, i64.trunc_f32_s at 0xae; trunc_sat at 0xFC 0..7. Signed first.
  for (const [base, sat, iw] of [[0xa8, false, 32], [0xae, false, 64], [0x100, true, 32], [0x104, true, 64]] as const) {
    for (let k = 0; k < 4; k++) {
      row(base + k, sat ? C.truncSatToInt : C.truncToInt, (k & 1) ^ 1, iw, k < 2 ? 32 : 64);
    }
  }
  // f32.convert_i32_s at 0xb2, f64.convert_i32_s at 0xb7.
  for (const [base, fw] of [[0xb2, 32], [0xb7, 64]] as const) {
    for (let k = 0; k < 4; k++) row(base + k, C.convertToFloat, (k & 1) ^ 1, fw, k < 2 ? 32 : 64);
  }
  row(0xb6, C.floatResize, 0, 32, 64); // f32.demote_f64
  row(0xbb, C.floatResize, 0, 64, 32); // f64.promote_f32
  row(0xbc, C.reinterpretToInt, 0, 32);
  row(0xbd, C.reinterpretToInt, 0, 64);
  row(0xbe, C.reinterpretToFloat, 0, 32);
  row(0xbf, C.reinterpretToFloat, 0, 64);
}
