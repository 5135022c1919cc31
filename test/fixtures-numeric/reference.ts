/**
 * The WebAssembly 2.0 numeric instructions, written from the spec's definitions
 * (Numerics, section 4.3), as the oracle the machine code is compared with. Nothing here
 * comes from the code under test.
 *
 * Values travel as raw bits in a bigint: an i32 or f32 in the low 32 bits, an i64 or f64
 * in all 64. Operands may carry anything above their width (the harness puts garbage
 * there on purpose), so every operand is masked first. Integers use BigInt arithmetic;
 * floats use JavaScript doubles, which are exact for f64 and, for f32, correctly rounded
 * by rounding the double result once more: +, -, *, / and sqrt of two f32 computed in
 * double (53 >= 2*24 + 2 bits) then rounded to f32 give the correctly rounded f32.
 *
 * Float results that are NaN are not compared bit for bit: the spec's `nans{z*}` allows a
 * canonical NaN of either sign when every NaN operand is canonical (or there is none),
 * and otherwise any arithmetic NaN (quiet bit set).
 */
import type { TrapName } from '../../src/abi/index.js';

export type ValType = 'i32' | 'i64' | 'f32' | 'f64';

export type Expected =
  | { readonly trap: TrapName }
  | { readonly bits: bigint }
  | { readonly nan: 'canonical' | 'arithmetic' };

const M32 = 0xffffffffn;
const M64 = 0xffffffffffffffffn;

export const widthOf = (t: ValType): 32 | 64 => (t === 'i32' || t === 'f32' ? 32 : 64);
export const mask = (t: ValType, v: bigint): bigint => v & (widthOf(t) === 32 ? M32 : M64);

// ---- float bits ----------------------------------------------------------------------

const view = new DataView(new ArrayBuffer(8));

export function toFloat(t: 'f32' | 'f64', bits: bigint): number {
  if (t === 'f32') {
    view.setUint32(0, Number(bits & M32));
    return view.getFloat32(0);
  }
  view.setBigUint64(0, bits & M64);
  return view.getFloat64(0);
}

/** Bits of a non-NaN number, rounded to f32 first for t = 'f32'. */
export function fromFloat(t: 'f32' | 'f64', x: number): bigint {
  if (Number.isNaN(x)) throw new Error('fromFloat: NaN has no single encoding');
  if (t === 'f32') {
    view.setFloat32(0, x);
    return BigInt(view.getUint32(0));
  }
  view.setFloat64(0, x);
  return view.getBigUint64(0);
}

const EXP_MASK = { f32: 0x7f800000n, f64: 0x7ff0000000000000n };
const FRAC_MASK = { f32: 0x007fffffn, f64: 0x000fffffffffffffn };
const QUIET = { f32: 0x00400000n, f64: 0x0008000000000000n };
const SIGN = { f32: 0x80000000n, f64: 0x8000000000000000n };

export function isNaNBits(t: 'f32' | 'f64', bits: bigint): boolean {
  const v = mask(t, bits);
  return (v & EXP_MASK[t]) === EXP_MASK[t] && (v & FRAC_MASK[t]) !== 0n;
}

/** A canonical NaN: payload exactly the quiet bit, either sign. */
export function isCanonicalNaN(t: 'f32' | 'f64', bits: bigint): boolean {
  const v = mask(t, bits);
  return (v & EXP_MASK[t]) === EXP_MASK[t] && (v & FRAC_MASK[t]) === QUIET[t];
}

/** An arithmetic NaN: the quiet bit set (canonical NaNs included). */
export function isArithmeticNaN(t: 'f32' | 'f64', bits: bigint): boolean {
  const v = mask(t, bits);
  return (v & EXP_MASK[t]) === EXP_MASK[t] && (v & QUIET[t]) !== 0n;
}

/** nans{z*}: canonical unless some NaN operand is not canonical. */
function nans(operands: readonly (readonly ['f32' | 'f64', bigint])[]): Expected {
  const nonCanonical = operands.some(([t, z]) => isNaNBits(t, z) && !isCanonicalNaN(t, z));
  return { nan: nonCanonical ? 'arithmetic' : 'canonical' };
}

// ---- integers ------------------------------------------------------------------------

const u = (n: number, v: bigint) => BigInt.asUintN(n, v);
const s = (n: number, v: bigint) => BigInt.asIntN(n, v);
const bool = (c: boolean): Expected => ({ bits: c ? 1n : 0n });

function clz(n: number, v: bigint): bigint {
  let k = 0n;
  for (let bit = BigInt(n - 1); bit >= 0n && ((v >> bit) & 1n) === 0n; bit--) k++;
  return k;
}

function ctz(n: number, v: bigint): bigint {
  let k = 0n;
  for (let bit = 0n; bit < BigInt(n) && ((v >> bit) & 1n) === 0n; bit++) k++;
  return k;
}

function popcnt(v: bigint): bigint {
  let k = 0n;
  for (; v !== 0n; v >>= 1n) k += v & 1n;
  return k;
}

function intBinary(n: number, op: string, a: bigint, b: bigint): Expected | undefined {
  const k = b % BigInt(n); // shift counts are taken modulo the width
  const N = BigInt(n);
  switch (op) {
    case 'add': return { bits: u(n, a + b) };
    case 'sub': return { bits: u(n, a - b) };
    case 'mul': return { bits: u(n, a * b) };
    case 'div_u': return b === 0n ? { trap: 'integer_divide_by_zero' } : { bits: a / b };
    case 'rem_u': return b === 0n ? { trap: 'integer_divide_by_zero' } : { bits: a % b };
    case 'div_s': {
      if (b === 0n) return { trap: 'integer_divide_by_zero' };
      const q = s(n, a) / s(n, b); // BigInt division truncates toward zero, as idiv_s does
      if (q === 1n << (N - 1n)) return { trap: 'integer_overflow' };
      return { bits: u(n, q) };
    }
    case 'rem_s': return b === 0n ? { trap: 'integer_divide_by_zero' } : { bits: u(n, s(n, a) % s(n, b)) };
    case 'and': return { bits: a & b };
    case 'or': return { bits: a | b };
    case 'xor': return { bits: a ^ b };
    case 'shl': return { bits: u(n, a << k) };
    case 'shr_u': return { bits: a >> k };
    case 'shr_s': return { bits: u(n, s(n, a) >> k) };
    case 'rotl': return { bits: u(n, (a << k) | (a >> ((N - k) % N))) };
    case 'rotr': return { bits: u(n, (a >> k) | (a << ((N - k) % N))) };
    case 'eq': return bool(a === b);
    case 'ne': return bool(a !== b);
    case 'lt_u': return bool(a < b);
    case 'gt_u': return bool(a > b);
    case 'le_u': return bool(a <= b);
    case 'ge_u': return bool(a >= b);
    case 'lt_s': return bool(s(n, a) < s(n, b));
    case 'gt_s': return bool(s(n, a) > s(n, b));
    case 'le_s': return bool(s(n, a) <= s(n, b));
    case 'ge_s': return bool(s(n, a) >= s(n, b));
  }
  return undefined;
}

function intUnary(n: number, op: string, a: bigint): Expected | undefined {
  switch (op) {
    case 'clz': return { bits: clz(n, a) };
    case 'ctz': return { bits: ctz(n, a) };
    case 'popcnt': return { bits: popcnt(a) };
    case 'eqz': return bool(a === 0n);
    case 'extend8_s': return { bits: u(n, s(8, a)) };
    case 'extend16_s': return { bits: u(n, s(16, a)) };
    case 'extend32_s': return { bits: u(n, s(32, a)) };
  }
  return undefined;
}

// ---- floats --------------------------------------------------------------------------

/** Round half to even, keeping the sign of a zero result (fnearest). */
function nearest(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const floor = Math.floor(x);
  const diff = x - floor; // exact: x and floor(x) are within one unit of each other
  let r: number;
  if (diff < 0.5) r = floor;
  else if (diff > 0.5) r = floor + 1;
  else r = floor % 2 === 0 ? floor : floor + 1;
  return r === 0 ? (x < 0 ? -0 : 0) : r;
}

function floatBinary(t: 'f32' | 'f64', op: string, a: bigint, b: bigint): Expected | undefined {
  const x = toFloat(t, a);
  const y = toFloat(t, b);
  const xNaN = Number.isNaN(x);
  const yNaN = Number.isNaN(y);
  switch (op) {
    case 'copysign': return { bits: (a & ~SIGN[t]) | (b & SIGN[t]) };
    case 'eq': return bool(x === y);
    case 'ne': return bool(x !== y);
    case 'lt': return bool(x < y);
    case 'gt': return bool(x > y);
    case 'le': return bool(x <= y);
    case 'ge': return bool(x >= y);
  }
  if (xNaN || yNaN) return nans([[t, a], [t, b]]);
  let r: number;
  switch (op) {
    case 'add': r = x + y; break;
    case 'sub': r = x - y; break;
    case 'mul': r = x * y; break;
    case 'div': r = x / y; break;
    case 'min':
      // fmin: -0 is less than +0.
      if (x === 0 && y === 0) r = Object.is(x, -0) || Object.is(y, -0) ? -0 : 0;
      else r = x < y ? x : y;
      break;
    case 'max':
      if (x === 0 && y === 0) r = Object.is(x, 0) || Object.is(y, 0) ? 0 : -0;
      else r = x > y ? x : y;
      break;
    default: return undefined;
  }
  // A NaN from ordered operands (inf - inf, 0 * inf, 0 / 0) is nans{}: canonical.
  return Number.isNaN(r) ? { nan: 'canonical' } : { bits: fromFloat(t, r) };
}

function floatUnary(t: 'f32' | 'f64', op: string, a: bigint): Expected | undefined {
  switch (op) {
    case 'abs': return { bits: a & ~SIGN[t] };
    case 'neg': return { bits: a ^ SIGN[t] };
  }
  const x = toFloat(t, a);
  if (Number.isNaN(x)) return nans([[t, a]]);
  let r: number;
  switch (op) {
    case 'sqrt': r = Math.sqrt(x); break; // sqrt(-0) = -0; negative: NaN
    case 'ceil': r = Math.ceil(x); break; // ceil(-0.5) = -0
    case 'floor': r = Math.floor(x); break;
    case 'trunc': r = Math.trunc(x); break;
    case 'nearest': r = nearest(x); break;
    default: return undefined;
  }
  return Number.isNaN(r) ? { nan: 'canonical' } : { bits: fromFloat(t, r) };
}

// ---- conversions ---------------------------------------------------------------------

/** The integer v rounded to a float of `p` significant bits, to nearest, ties to even. */
function roundToFloat(v: bigint, p: number): number {
  if (v === 0n) return 0;
  const negative = v < 0n;
  let m = negative ? -v : v;
  let scale = 0;
  const length = m.toString(2).length;
  if (length > p) {
    const shift = BigInt(length - p);
    const rest = m & ((1n << shift) - 1n);
    const half = 1n << (shift - 1n);
    m >>= shift;
    if (rest > half || (rest === half && (m & 1n) === 1n)) m += 1n;
    scale = Number(shift);
  }
  const r = Number(m) * 2 ** scale; // m <= 2^p and a power-of-two scale: exact
  return negative ? -r : r;
}

function truncate(iw: 32 | 64, signed: boolean, x: number, saturate: boolean): Expected {
  if (Number.isNaN(x)) return saturate ? { bits: 0n } : { trap: 'bad_conversion_to_integer' };
  const lo = signed ? -(2 ** (iw - 1)) : 0;
  const hi = signed ? 2 ** (iw - 1) : 2 ** iw; // exclusive
  const t = Math.trunc(x); // exact; infinities stay infinite
  if (t < lo) return saturate ? { bits: u(iw, BigInt(lo)) } : { trap: 'integer_overflow' };
  if (t >= hi) return saturate ? { bits: u(iw, BigInt(hi) - 1n) } : { trap: 'integer_overflow' };
  return { bits: u(iw, BigInt(t)) };
}

/**
 * The expected outcome of `name` (a wasm instruction, e.g. `i64.trunc_sat_f32_u`) on raw
 * operands.
 */
export function reference(name: string, args: readonly bigint[], params: readonly ValType[]): Expected {
  const a = mask(params[0]!, args[0]!);
  const b = params.length > 1 ? mask(params[1]!, args[1]!) : 0n;
  const [type, op] = name.split('.') as [ValType, string];
  const n = widthOf(type);
  let r: Expected | undefined;

  let m: RegExpExecArray | null;
  if ((m = /^trunc(_sat)?_f(32|64)_([su])$/.exec(op))) {
    r = truncate(n, m[3] === 's', toFloat(`f${m[2]}` as 'f32', a), m[1] !== undefined);
  } else if ((m = /^convert_i(32|64)_([su])$/.exec(op))) {
    const v = m[2] === 's' ? s(Number(m[1]), a) : a;
    r = { bits: fromFloat(type as 'f32', roundToFloat(v, type === 'f32' ? 24 : 53)) };
  } else if (op === 'demote_f64' || op === 'promote_f32') {
    const from = op === 'demote_f64' ? 'f64' : 'f32';
    const x = toFloat(from, a);
    // The double nearest x, rounded once to f32 (demote), or x exactly (promote).
    r = Number.isNaN(x) ? nans([[from, a]]) : { bits: fromFloat(type as 'f32', x) };
  } else if (op.startsWith('reinterpret_')) {
    r = { bits: a };
  } else if (op === 'wrap_i64') {
    r = { bits: a & M32 };
  } else if (op === 'extend_i32_s') {
    r = { bits: u(64, s(32, a)) };
  } else if (op === 'extend_i32_u') {
    r = { bits: a };
  } else if (type === 'i32' || type === 'i64') {
    r = params.length > 1 ? intBinary(n, op, a, b) : intUnary(n, op, a);
  } else {
    r = params.length > 1 ? floatBinary(type, op, a, b) : floatUnary(type, op, a);
  }
  if (r === undefined) throw new Error(`reference: no rule for ${name}`);
  return r;
}
