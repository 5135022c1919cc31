/**
 * Argument vectors for the differential test of the baseline tier (see
 * ../baseline-differential.test.ts): a seeded PRNG, per type the edge values the compiler's
 * machinery is most likely to mishandle (sign and width boundaries, shift counts, NaN
 * payloads both quiet and signalling, signed zeros, subnormals), and the text form of any
 * bit pattern for a .wast script. Every value is its raw bits as a bigint.
 */

export type TypeName = 'i32' | 'i64' | 'f32' | 'f64' | 'v128';
/** The scalar types. */
export type ScalarName = Exclude<TypeName, 'v128'>;

/** The lane types of a v128, by how its lanes are read. */
export type LaneName = 'i8' | 'i16' | 'i32' | 'i64' | 'f32' | 'f64';
export const LANE_BITS: Readonly<Record<LaneName, number>> = { i8: 8, i16: 16, i32: 32, i64: 64, f32: 32, f64: 64 };

/** xoshiro128**: small, seedable, Number-only (fast), good enough to spread test values. */
export class Rng {
  private s: Uint32Array;
  constructor(seed: number) {
    // splitmix32 to fill the state from one seed.
    this.s = new Uint32Array(4);
    let x = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.s[i] = (z ^ (z >>> 16)) >>> 0;
    }
  }
  u32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }
  u64(): bigint {
    return (BigInt(this.u32()) << 32n) | BigInt(this.u32());
  }
  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor((this.u32() / 2 ** 32) * n);
  }
  /** An integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.u32() / 2 ** 32 < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

const dv = new DataView(new ArrayBuffer(8));
export function f32Bits(x: number): bigint {
  dv.setFloat32(0, x);
  return BigInt(dv.getUint32(0));
}
export function f64Bits(x: number): bigint {
  dv.setFloat64(0, x);
  return dv.getBigUint64(0);
}
export function u32(x: number | bigint): bigint {
  return BigInt.asUintN(32, BigInt(x));
}
export function u64(x: number | bigint): bigint {
  return BigInt.asUintN(64, BigInt(x));
}

export const EDGES: Record<Exclude<TypeName, 'v128'>, readonly bigint[]> = {
  i32: [
    0, 1, 2, 3, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000,
    0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 0xffffffe0, 0x12345678, 0xdeadbeef, 0x55555555, 0xaaaaaaaa,
  ].map((x) => BigInt(x)),
  i64: [
    0n, 1n, 2n, 3n, 31n, 32n, 63n, 64n, 65n, 0x7fn, 0x80n, 0xffffn,
    0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, 0x100000001n,
    0xffffffff80000000n, 0xffffffff7fffffffn, 0xffffffff00000000n, 0x00000000ffffffffn,
    0xfffffffffffffffen, 0xffffffffffffffffn, 0x7fffffffffffffffn, 0x8000000000000000n, 0x8000000000000001n,
    0x8000000080000000n, 0x123456789abcdef0n, 0xfedcba9876543210n, 0x5555555555555555n, 0xaaaaaaaaaaaaaaaan,
    0xffffffffffffff9cn, 0x0000000100000040n,
  ],
  f32: [
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000,
    0x7fc00000, 0xffc00000, 0x7fa00000, 0xff800001, 0x7fc12345, 0x7f800001, 0xffe00abc,
    0x00000001, 0x80000001, 0x007fffff, 0x00800000, 0x7f7fffff, 0xff7fffff,
    0x3f000000, 0xbf000000, 0x3fc00000, 0xbfc00000, 0x40200000, 0xc0200000,
    0x4f000000, 0xcf000000, 0x4effffff, 0x4f800000, 0x5f000000, 0xdf000000, 0x4b000000, 0x4b000001, 0x40490fdb,
  ].map((x) => BigInt(x)),
  f64: [
    0x0000000000000000n, 0x8000000000000000n, 0x3ff0000000000000n, 0xbff0000000000000n,
    0x7ff0000000000000n, 0xfff0000000000000n, 0x7ff8000000000000n, 0xfff8000000000000n,
    0x7ff4000000000000n, 0xfff0000000000001n, 0x7ff8000012345678n, 0x7ff0000000000001n, 0xfffc00000000abcdn,
    0x0000000000000001n, 0x8000000000000001n, 0x000fffffffffffffn, 0x0010000000000000n,
    0x7fefffffffffffffn, 0xffefffffffffffffn, 0x3fe0000000000000n, 0xbfe0000000000000n,
    0x3ff8000000000000n, 0xbff8000000000000n, 0x4004000000000000n, 0xc004000000000000n,
    0x41e0000000000000n, 0xc1e0000000000000n, 0x41dfffffffc00000n, 0xc1e0000000200000n, 0x41efffffffe00000n,
    0x43e0000000000000n, 0xc3e0000000000000n, 0x43f0000000000000n, 0x4330000000000000n, 0x400921fb54442d18n,
  ],
};

const SMALL_F = [0, 0.5, 1, 1.5, 2, 2.5, 3, 7, 10, 100, 0.1, 1e10, 1e-10, 65536.5, 2 ** 31, 2 ** 32, 2 ** 63];

const LANE_EDGES: Readonly<Record<'i8' | 'i16', readonly number[]>> = {
  i8: [0, 1, 2, 7, 8, 0x0f, 0x10, 0x3f, 0x40, 0x7e, 0x7f, 0x80, 0x81, 0xc0, 0xfe, 0xff],
  i16: [0, 1, 2, 0xff, 0x100, 0x3fff, 0x4000, 0x7ffe, 0x7fff, 0x8000, 0x8001, 0xc000, 0xff00, 0xff7f, 0xff80, 0xfffe, 0xffff],
};

/** A random lane of type l: edges, small numbers, random bits. */
export function randomLane(rng: Rng, l: LaneName): bigint {
  if (l === 'i8' || l === 'i16') {
    const r = rng.below(10);
    const bits = LANE_BITS[l];
    if (r < 4) return BigInt(rng.pick(LANE_EDGES[l]));
    if (r < 7) return BigInt.asUintN(bits, BigInt(rng.range(-20, 20)));
    return BigInt(rng.below(2 ** bits));
  }
  return randomValue(rng, l);
}

/** A v128 of random lanes of type l (lane 0 in the low bits). */
export function randomV128(rng: Rng, l: LaneName): bigint {
  const bits = LANE_BITS[l];
  let v = 0n;
  for (let i = 0; i < 128 / bits; i++) v |= randomLane(rng, l) << BigInt(bits * i);
  return v;
}

/** Another v128 of lanes l: each lane equal to a's half of the time, so comparisons see ties. */
export function nearV128(rng: Rng, l: LaneName, a: bigint): bigint {
  const bits = LANE_BITS[l];
  const mask = (1n << BigInt(bits)) - 1n;
  let v = 0n;
  for (let i = 0; i < 128 / bits; i++) {
    const lane = rng.chance(0.5) ? (a >> BigInt(bits * i)) & mask : randomLane(rng, l);
    v |= lane << BigInt(bits * i);
  }
  return v;
}

/** A random value of type t: edges, small numbers, and random bits, mixed. */
export function randomValue(rng: Rng, t: TypeName): bigint {
  if (t === 'v128') return randomV128(rng, rng.pick(['i8', 'i16', 'i32', 'i64', 'f32', 'f64'] as const));
  const r = rng.below(10);
  if (r < 3) return rng.pick(EDGES[t]);
  switch (t) {
    case 'i32':
      if (r < 6) return u32(rng.range(-300, 300));
      if (r < 7) return u32((1 << rng.below(32)) + rng.range(-1, 1));
      return BigInt(rng.u32());
    case 'i64':
      if (r < 6) return u64(rng.range(-300, 300));
      if (r < 7) return u64((1n << BigInt(rng.below(64))) + BigInt(rng.range(-1, 1)));
      if (r < 8) return u64(BigInt(rng.u32() | 0));
      return rng.u64();
    case 'f32':
    case 'f64': {
      const bits = t === 'f32' ? f32Bits : f64Bits;
      if (r < 6) return bits(rng.pick(SMALL_F) * (rng.chance(0.3) ? -1 : 1) * (rng.chance(0.5) ? 1 : rng.range(1, 1000) / 16));
      if (r < 8) return bits((rng.u32() / 2 ** 32 - 0.5) * 2 ** rng.range(-20, 40));
      // Random bits, mostly finite.
      if (t === 'f32') {
        const b = BigInt(rng.u32());
        return (b & 0x7f800000n) === 0x7f800000n && rng.chance(0.7) ? b & 0xbfffffffn : b;
      }
      const b = rng.u64();
      return (b & 0x7ff0000000000000n) === 0x7ff0000000000000n && rng.chance(0.7) ? b & 0xbfffffffffffffffn : b;
    }
  }
}

/** The literal of a value of type t in .wast text, exact for every bit pattern. */
export function literal(t: TypeName, bits: bigint): string {
  switch (t) {
    case 'i32':
      return `0x${u32(bits).toString(16)}`;
    case 'i64':
      return `0x${u64(bits).toString(16)}`;
    case 'f32':
      return floatLiteral(u32(bits), 8, 23);
    case 'f64':
      return floatLiteral(u64(bits), 11, 52);
    case 'v128':
      return `i64x2 ${literal('i64', bits & 0xffffffffffffffffn)} ${literal('i64', bits >> 64n)}`;
  }
}

/**
 * The literal of a v128 in the lanes of float type l (`f32x4 ...`), NaN lanes of V8's
 * making written as `nan:arithmetic` when `arith` (quiet ones: what arithmetic may give).
 */
export function v128FloatLiteral(l: 'f32' | 'f64', bits: bigint, arith: boolean): string {
  const w = LANE_BITS[l];
  const mask = (1n << BigInt(w)) - 1n;
  const lanes: string[] = [];
  for (let i = 0; i < 128 / w; i++) {
    const lane = (bits >> BigInt(w * i)) & mask;
    lanes.push(arith && nanKind(l, lane) === 'quiet' ? 'nan:arithmetic' : literal(l, lane));
  }
  return `${l}x${128 / w} ${lanes.join(' ')}`;
}

function floatLiteral(bits: bigint, expBits: number, mantBits: number): string {
  const sign = (bits >> BigInt(expBits + mantBits)) & 1n ? '-' : '';
  const e = Number((bits >> BigInt(mantBits)) & ((1n << BigInt(expBits)) - 1n));
  const m = bits & ((1n << BigInt(mantBits)) - 1n);
  const maxE = (1 << expBits) - 1;
  const bias = (1 << (expBits - 1)) - 1;
  if (e === maxE) return m === 0n ? `${sign}inf` : `${sign}nan:0x${m.toString(16)}`;
  // The mantissa as whole hex digits: shift it left to a multiple of 4 bits.
  const pad = (4 - (mantBits % 4)) % 4;
  const digits = (m << BigInt(pad)).toString(16).padStart((mantBits + pad) / 4, '0');
  const exp = e === 0 ? 1 - bias : e - bias;
  return `${sign}0x${e === 0 ? '0' : '1'}.${digits}p${exp >= 0 ? '+' : ''}${exp}`;
}

/** Whether bits of type t are a NaN, and whether a quiet one. */
export function nanKind(t: TypeName, bits: bigint): 'none' | 'quiet' | 'signalling' {
  if (t === 'f32') {
    if ((bits & 0x7f800000n) !== 0x7f800000n || (bits & 0x7fffffn) === 0n) return 'none';
    return bits & 0x400000n ? 'quiet' : 'signalling';
  }
  if (t === 'f64') {
    if ((bits & 0x7ff0000000000000n) !== 0x7ff0000000000000n || (bits & 0xfffffffffffffn) === 0n) return 'none';
    return bits & 0x8000000000000n ? 'quiet' : 'signalling';
  }
  return 'none';
}

/** Like randomValue, but a float is a NaN or an infinity only one time in twenty. */
export function mostlyFinite(rng: Rng, t: TypeName): bigint {
  for (;;) {
    const v = randomValue(rng, t);
    if (t === 'i32' || t === 'i64' || t === 'v128' || rng.chance(0.05)) return v;
    const inf = t === 'f32' ? (v & 0x7f800000n) === 0x7f800000n : (v & 0x7ff0000000000000n) === 0x7ff0000000000000n;
    if (!inf) return v;
  }
}
