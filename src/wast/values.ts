/**
 * Values of the spec scripts: wast2json's JSON form (decimal bit patterns), the spec host's
 * wire form, and the comparison of a result with what `assert_return` expects.
 *
 * Wire form (see runtime/tools/spec-host.c): `i32:HHHHHHHH`, `i64:HHHHHHHHHHHHHHHH`,
 * `f32:HHHHHHHH`, `f64:HHHHHHHHHHHHHHHH` (the bits, lower-case hex, fixed width),
 * `funcref:null`, `funcref:pHEX` (a non-null function reference, its address),
 * `externref:null`, `externref:N` (the host reference `ref.extern N`), and from the host
 * only `externref:?HEX` for a non-null reference that no `ref.extern` made; `v128:` and 32
 * hex digits, the 16 bytes in memory order (lane 0's first, each lane little-endian).
 *
 * A v128 is held as one 128-bit bigint (byte k is bits 8k..8k+7), and an expected v128 is
 * compared lane by lane in the shape the script gives (`lane_type`): f32 and f64 lanes may
 * expect a NaN class, checked per lane like a scalar's.
 */
import type { WastValue } from './wast-json.js';

/** An expected result, or an argument once put in wire form. */
export type Expected =
  | { readonly kind: 'bits'; readonly type: 'i32' | 'i64' | 'f32' | 'f64'; readonly bits: bigint }
  | { readonly kind: 'v128'; readonly type: 'v128'; readonly lanes: LaneType; readonly values: readonly LaneValue[] }
  | { readonly kind: 'nan'; readonly type: 'f32' | 'f64'; readonly nan: 'canonical' | 'arithmetic' }
  | { readonly kind: 'ref'; readonly type: 'funcref' | 'externref'; readonly ref: 'null' | 'non-null' | bigint };

export type LaneType = 'i8' | 'i16' | 'i32' | 'i64' | 'f32' | 'f64';
/** A lane's bits, or the NaN class an f32/f64 lane must be in. */
export type LaneValue = bigint | 'canonical' | 'arithmetic';

const LANE_WIDTH: Readonly<Record<LaneType, number>> = { i8: 8, i16: 16, i32: 32, i64: 64, f32: 32, f64: 64 };

/** Thrown for a value this runner cannot express (an unknown type). */
export class UnsupportedValue extends Error {}

/** Thrown for an answer of the spec host that breaks the protocol (a bug of the host). */
export class ProtocolError extends Error {}

const WIDTH = { i32: 32, i64: 64, f32: 32, f64: 64 } as const;

export function parseValue(v: WastValue): Expected {
  const value = v.value;
  switch (v.type) {
    case 'i32':
    case 'i64':
    case 'f32':
    case 'f64': {
      if (typeof value !== 'string') throw new UnsupportedValue(`${v.type} without a value`);
      if (value === 'nan:canonical' || value === 'nan:arithmetic') {
        if (v.type !== 'f32' && v.type !== 'f64') throw new UnsupportedValue(`${v.type} ${value}`);
        return { kind: 'nan', type: v.type, nan: value === 'nan:canonical' ? 'canonical' : 'arithmetic' };
      }
      if (!/^\d+$/.test(value)) throw new UnsupportedValue(`${v.type} value ${JSON.stringify(value)}`);
      const bits = BigInt(value);
      if (bits >> BigInt(WIDTH[v.type]) !== 0n) throw new UnsupportedValue(`${v.type} value ${value} out of range`);
      return { kind: 'bits', type: v.type, bits };
    }
    case 'v128': {
      const lanes = v.lane_type;
      if (lanes === undefined || !(lanes in LANE_WIDTH)) throw new UnsupportedValue(`v128 with lanes ${String(lanes)}`);
      const width = LANE_WIDTH[lanes as LaneType];
      if (!Array.isArray(value) || value.length !== 128 / width) throw new UnsupportedValue(`v128 value ${JSON.stringify(value)}`);
      const values = (value as readonly string[]).map((x): LaneValue => {
        if ((x === 'nan:canonical' || x === 'nan:arithmetic') && lanes[0] === 'f') return x === 'nan:canonical' ? 'canonical' : 'arithmetic';
        if (!/^\d+$/.test(x) || BigInt(x) >> BigInt(width) !== 0n) throw new UnsupportedValue(`${lanes} lane ${JSON.stringify(x)}`);
        return BigInt(x);
      });
      return { kind: 'v128', type: 'v128', lanes: lanes as LaneType, values };
    }
    case 'funcref':
    case 'externref':
      if (value === undefined) return { kind: 'ref', type: v.type, ref: 'non-null' };
      if (value === 'null') return { kind: 'ref', type: v.type, ref: 'null' };
      if (typeof value === 'string' && /^\d+$/.test(value) && v.type === 'externref') {
        return { kind: 'ref', type: v.type, ref: BigInt(value) };
      }
      throw new UnsupportedValue(`${v.type} value ${JSON.stringify(value)}`);
    default:
      throw new UnsupportedValue(`values of type ${v.type}${v.lane_type !== undefined ? ` (${v.lane_type} lanes)` : ''} are not supported`);
  }
}

/** An argument in wire form; only concrete values can be arguments. */
export function argToWire(v: WastValue): string {
  const e = parseValue(v);
  switch (e.kind) {
    case 'bits':
      return `${e.type}:${hex(e.bits, WIDTH[e.type])}`;
    case 'nan':
      throw new UnsupportedValue(`nan:${e.nan} as an argument`);
    case 'v128':
      return `v128:${hex(v128Bits(e), 128).match(/../g)!.reverse().join('')}`;
    case 'ref':
      if (e.ref === 'non-null') throw new UnsupportedValue(`a ${e.type} argument without a value`);
      return `${e.type}:${e.ref === 'null' ? 'null' : e.ref.toString()}`;
  }
}

/** The 128 bits of an expected v128 whose lanes are all concrete. */
function v128Bits(e: Extract<Expected, { kind: 'v128' }>): bigint {
  const width = BigInt(LANE_WIDTH[e.lanes]);
  let bits = 0n;
  e.values.forEach((x, i) => {
    if (typeof x !== 'bigint') throw new UnsupportedValue(`nan:${x} as an argument lane`);
    bits |= x << (width * BigInt(i));
  });
  return bits;
}

/** A result as the host sent it (a v128's bits: byte k at bits 8k..8k+7). */
export type Actual =
  | { readonly type: 'i32' | 'i64' | 'f32' | 'f64' | 'v128'; readonly bits: bigint }
  | { readonly type: 'funcref' | 'externref'; readonly ref: 'null' | bigint; readonly foreign?: true };

export function parseWire(token: string): Actual {
  const colon = token.indexOf(':');
  const type = token.slice(0, colon);
  const rest = token.slice(colon + 1);
  switch (type) {
    case 'i32':
    case 'i64':
    case 'f32':
    case 'f64': {
      const digits = WIDTH[type] / 4;
      if (rest.length !== digits || !/^[0-9a-f]+$/.test(rest)) break;
      return { type, bits: BigInt(`0x${rest}`) };
    }
    case 'v128':
      if (!/^[0-9a-f]{32}$/.test(rest)) break;
      return { type, bits: BigInt(`0x${rest.match(/../g)!.reverse().join('')}`) };
    case 'funcref':
    case 'externref':
      if (rest === 'null') return { type, ref: 'null' };
      if (type === 'funcref' && /^p[0-9a-f]+$/.test(rest)) return { type, ref: BigInt(`0x${rest.slice(1)}`) };
      if (type === 'externref' && /^\d+$/.test(rest)) return { type, ref: BigInt(rest) };
      if (type === 'externref' && /^\?[0-9a-f]+$/.test(rest)) return { type, ref: BigInt(`0x${rest.slice(1)}`), foreign: true };
      break;
  }
  throw new ProtocolError(`the spec host sent a value it should not: ${JSON.stringify(token)}`);
}

/** Whether `a` is what `e` asks for. */
export function matches(e: Expected, a: Actual): boolean {
  if (e.type !== a.type) return false;
  switch (e.kind) {
    case 'bits':
      return 'bits' in a && a.bits === e.bits;
    case 'nan':
      return 'bits' in a && isNan(e.type === 'f32', e.nan, a.bits);
    case 'v128': {
      if (!('bits' in a)) return false;
      const width = LANE_WIDTH[e.lanes];
      const mask = (1n << BigInt(width)) - 1n;
      return e.values.every((x, i) => {
        const lane = (a.bits >> BigInt(width * i)) & mask;
        return typeof x === 'bigint' ? lane === x : isNan(width === 32, x, lane);
      });
    }
    case 'ref':
      if (!('ref' in a) || a.foreign === true) return false;
      if (e.ref === 'null') return a.ref === 'null';
      if (e.ref === 'non-null') return a.ref !== 'null';
      return a.ref === e.ref;
  }
}

/**
 * Whether `bits` is a NaN of the class. Canonical: exactly the quiet bit in the payload,
 * either sign. Arithmetic: any NaN with the quiet bit set (the exponent all ones and the
 * top payload bit).
 */
function isNan(f32: boolean, nan: 'canonical' | 'arithmetic', bits: bigint): boolean {
  const abs = bits & (f32 ? 0x7fffffffn : 0x7fffffffffffffffn);
  const canonical = f32 ? 0x7fc00000n : 0x7ff8000000000000n;
  return nan === 'canonical' ? abs === canonical : (abs & canonical) === canonical;
}

/** For messages: `i32:0x0000002a (42)`, `f32:0x3f800000 (1)`, `nan:canonical`, `ref.extern 3`. */
export function describeExpected(e: Expected): string {
  switch (e.kind) {
    case 'bits':
      return describeBits(e.type, e.bits);
    case 'nan':
      return `${e.type}:nan:${e.nan}`;
    case 'v128':
      return `v128 ${e.lanes}x${e.values.length} [${e.values.map((x) => (typeof x === 'bigint' ? `0x${hex(x, LANE_WIDTH[e.lanes])}` : `nan:${x}`)).join(' ')}]`;
    case 'ref':
      if (e.ref === 'null') return `ref.null ${e.type === 'funcref' ? 'func' : 'extern'}`;
      if (e.ref === 'non-null') return `a non-null ${e.type}`;
      return `ref.extern ${e.ref}`;
  }
}

export function describeActual(a: Actual): string {
  if ('bits' in a) {
    if (a.type !== 'v128') return describeBits(a.type, a.bits);
    const words = [0, 1, 2, 3].map((i) => `0x${hex((a.bits >> BigInt(32 * i)) & 0xffffffffn, 32)}`);
    return `v128 i32x4 [${words.join(' ')}]`;
  }
  if (a.ref === 'null') return `ref.null ${a.type === 'funcref' ? 'func' : 'extern'}`;
  if (a.type === 'funcref') return `funcref 0x${a.ref.toString(16)}`;
  return a.foreign === true ? `externref 0x${a.ref.toString(16)} (no ref.extern made it)` : `ref.extern ${a.ref}`;
}

function describeBits(type: 'i32' | 'i64' | 'f32' | 'f64', bits: bigint): string {
  const width = WIDTH[type];
  const shown = `${type}:0x${hex(bits, width)}`;
  switch (type) {
    case 'i32':
    case 'i64': {
      const signed = BigInt.asIntN(width, bits);
      return signed < 0n ? `${shown} (${bits}, ${signed})` : `${shown} (${bits})`;
    }
    case 'f32':
    case 'f64': {
      const view = new DataView(new ArrayBuffer(8));
      let f: number;
      if (type === 'f32') {
        view.setUint32(0, Number(bits));
        f = view.getFloat32(0);
      } else {
        view.setBigUint64(0, bits);
        f = view.getFloat64(0);
      }
      return `${shown} (${Number.isNaN(f) ? 'nan' : Object.is(f, -0) ? '-0' : String(f)})`;
    }
  }
}

function hex(bits: bigint, width: number): string {
  return bits.toString(16).padStart(width / 4, '0');
}

/** Strings on the wire: `x` then the UTF-8 bytes in hex (so the empty string is `x`). */
export function hexString(s: string): string {
  return `x${Buffer.from(s, 'utf8').toString('hex')}`;
}

export function unhexString(token: string): string {
  if (!/^x(?:[0-9a-f]{2})*$/.test(token)) throw new ProtocolError(`the spec host sent a malformed string: ${JSON.stringify(token)}`);
  return Buffer.from(token.slice(1), 'hex').toString('utf8');
}

/**
 * Whether a trap's message is the one a script expects. The suite's texts are the
 * reference interpreter's messages, which sometimes add a detail after the kind
 * (`uninitialized element 2`); ours name the kind only. So: equal, or one is the other
 * followed by a space and more.
 */
export function trapTextMatches(actual: string, expected: string): boolean {
  return actual === expected || actual.startsWith(`${expected} `) || expected.startsWith(`${actual} `);
}
