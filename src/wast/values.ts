/**
 * Values of the spec scripts: wast2json's JSON form (decimal bit patterns), the spec host's
 * wire form, and the comparison of a result with what `assert_return` expects.
 *
 * Wire form (see runtime/tools/spec-host.c): `i32:HHHHHHHH`, `i64:HHHHHHHHHHHHHHHH`,
 * `f32:HHHHHHHH`, `f64:HHHHHHHHHHHHHHHH` (the bits, lower-case hex, fixed width),
 * `funcref:null`, `funcref:pHEX` (a non-null function reference, its address),
 * `externref:null`, `externref:N` (the host reference `ref.extern N`), and from the host
 * only `externref:?HEX` for a non-null reference that no `ref.extern` made.
 */
import type { WastValue } from './wast-json.js';

/** An expected result, or an argument once put in wire form. */
export type Expected =
  | { readonly kind: 'bits'; readonly type: 'i32' | 'i64' | 'f32' | 'f64'; readonly bits: bigint }
  | { readonly kind: 'nan'; readonly type: 'f32' | 'f64'; readonly nan: 'canonical' | 'arithmetic' }
  | { readonly kind: 'ref'; readonly type: 'funcref' | 'externref'; readonly ref: 'null' | 'non-null' | bigint };

/** Thrown for a value this runner cannot express (v128, an unknown type). */
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
    case 'ref':
      if (e.ref === 'non-null') throw new UnsupportedValue(`a ${e.type} argument without a value`);
      return `${e.type}:${e.ref === 'null' ? 'null' : e.ref.toString()}`;
  }
}

/** A result as the host sent it. */
export type Actual =
  | { readonly type: 'i32' | 'i64' | 'f32' | 'f64'; readonly bits: bigint }
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
    case 'nan': {
      if (!('bits' in a)) return false;
      const f32 = e.type === 'f32';
      const abs = a.bits & (f32 ? 0x7fffffffn : 0x7fffffffffffffffn);
      const canonical = f32 ? 0x7fc00000n : 0x7ff8000000000000n;
      // Canonical: exactly the quiet bit in the payload, either sign. Arithmetic: any NaN
      // with the quiet bit set (the exponent all ones and the top payload bit).
      return e.nan === 'canonical' ? abs === canonical : (abs & canonical) === canonical;
    }
    case 'ref':
      if (!('ref' in a) || a.foreign === true) return false;
      if (e.ref === 'null') return a.ref === 'null';
      if (e.ref === 'non-null') return a.ref !== 'null';
      return a.ref === e.ref;
  }
}

/** For messages: `i32:0x0000002a (42)`, `f32:0x3f800000 (1)`, `nan:canonical`, `ref.extern 3`. */
export function describeExpected(e: Expected): string {
  switch (e.kind) {
    case 'bits':
      return describeBits(e.type, e.bits);
    case 'nan':
      return `${e.type}:nan:${e.nan}`;
    case 'ref':
      if (e.ref === 'null') return `ref.null ${e.type === 'funcref' ? 'func' : 'extern'}`;
      if (e.ref === 'non-null') return `a non-null ${e.type}`;
      return `ref.extern ${e.ref}`;
  }
}

export function describeActual(a: Actual): string {
  if ('bits' in a) return describeBits(a.type, a.bits);
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
