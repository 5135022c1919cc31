/**
 * Operands for the numeric tests: per type, the edge cases the instructions are most
 * likely to get wrong, and a seeded generator for the rest. All values are raw bits
 * (see reference.ts).
 */
import type { ValType } from './reference.js';

/** splitmix64: small, seedable, and good enough to spread test values. */
export class Rng {
  private state: bigint;
  constructor(seed: bigint) {
    this.state = BigInt.asUintN(64, seed);
  }
  u64(): bigint {
    this.state = BigInt.asUintN(64, this.state + 0x9e3779b97f4a7c15n);
    let z = this.state;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    return z ^ (z >> 31n);
  }
  u32(): number {
    return Number(this.u64() >> 32n);
  }
  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor((this.u32() / 2 ** 32) * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }
}

const f32 = (x: number) => {
  const v = new DataView(new ArrayBuffer(4));
  v.setFloat32(0, x);
  return BigInt(v.getUint32(0));
};
const f64 = (x: number) => {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return v.getBigUint64(0);
};
const both = (xs: readonly number[], enc: (x: number) => bigint) => xs.flatMap((x) => [enc(x), enc(-x)]);

const I32_EDGES: readonly bigint[] = [
  0, 1, 2, 3, 5, 7, 31, 32, 33, 63, 64, 100, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000,
  0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 0xffffff9c, 0x12345678, 0xdeadbeef,
  0x1000001, 0x1000003, 0x7fffff80, 0x7fffffc0, 0x55555555, 0xaaaaaaaa,
].map(BigInt);

const I64_EDGES: readonly bigint[] = [
  0n, 1n, 2n, 31n, 32n, 63n, 64n, 65n, 0xffn, 0xffffn,
  0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n,
  0xffffffff80000000n, 0xffffffff7fffffffn, 0xfffffffffffffffen, 0xffffffffffffffffn,
  0x7fffffffffffffffn, 0x8000000000000000n, 0x8000000000000001n,
  (1n << 53n) + 1n, (1n << 53n) + 3n, 0x1000001n, 0x1000003n,
  // Ties and near-ties of u64/i64 -> f64 (ulp 2^11 at 2^63) and -> f32 (ulp 2^40 at 2^63).
  0x8000000000000400n, 0x8000000000000401n, 0x8000000000000c00n, 0xfffffffffffffc00n, 0xfffffffffffffbffn,
  0x7ffffffffffffe00n, 0x7ffffffffffffdffn, 0x8000008000000000n, 0x8000008000000001n, 0x8000018000000000n,
  0xffffff8000000000n, 0xffffff7fffffffffn, 0x4000004000000000n, 0x4000004000000001n,
  0x0123456789abcdefn, 0xfedcba9876543210n, 0x5555555555555555n, 0xaaaaaaaaaaaaaaaan,
];

const F32_EDGES: readonly bigint[] = [
  ...both([0, 1, 0.5, 1.5, 2.5, 3.5, 0.49999997, 0.99999994, 3.7, 1e10, Math.PI], f32),
  ...both([2 ** 22 + 0.5, 2 ** 23, 2 ** 23 + 1, 2 ** 24], f32),
  // Around the i32, u32, i64 and u64 ranges.
  ...both([2 ** 31, 2 ** 31 - 128, 2 ** 31 + 256, 2 ** 32, 2 ** 32 - 256, 2 ** 63, 2 ** 63 - 2 ** 39, 2 ** 64, 2 ** 64 - 2 ** 40], f32),
  0x00000001n, 0x80000001n, 0x007fffffn, 0x807fffffn, 0x00800000n, 0x80800000n, // subnormals, min normal
  0x7f7fffffn, 0xff7fffffn, 0x7f800000n, 0xff800000n, // max finite, infinities
  0x7fc00000n, 0xffc00000n, // canonical NaNs
  0x7fc00001n, 0xffd23456n, 0x7fffffffn, // arithmetic NaNs with payloads
  0x7f800001n, 0x7fa00000n, 0xffbfffffn, // signalling NaNs
];

const F64_EDGES: readonly bigint[] = [
  ...both([0, 1, 0.5, 1.5, 2.5, 3.5, 0.49999999999999994, 0.9999999999999999, 3.7, 1e10, Math.PI, 1e300], f64),
  ...both([2 ** 52 - 0.5, 2 ** 52, 2 ** 52 + 1, 2 ** 53], f64),
  ...both([2 ** 31, 2 ** 31 - 0.5, 2 ** 31 - 1, 2 ** 31 + 0.5, 2 ** 31 + 1, 2 ** 32, 2 ** 32 - 0.5, 2 ** 32 - 1], f64),
  ...both([2 ** 63, 2 ** 63 - 1024, 2 ** 63 + 2048, 2 ** 64, 2 ** 64 - 2048], f64),
  f64(1e-310), f64(-1e-310), 0x0000000000000001n, 0x0010000000000000n, 0x8010000000000000n, // subnormals, min normal
  0x7fefffffffffffffn, 0xffefffffffffffffn, 0x7ff0000000000000n, 0xfff0000000000000n,
  0x7ff8000000000000n, 0xfff8000000000000n,
  0x7ff8000000000001n, 0xfff9abcdef012345n, 0x7fffffffffffffffn,
  0x7ff0000000000001n, 0x7ff4000000000000n, 0xfff7ffffffffffffn,
  f64(2 ** -126), f64(2 ** -149), f64(3.4028235677973366e38), f64(3.4028235677973362e38), // f32 limits, as doubles
];

export const EDGES: Readonly<Record<ValType, readonly bigint[]>> = { i32: I32_EDGES, i64: I64_EDGES, f32: F32_EDGES, f64: F64_EDGES };

/** A random value of type t, drawn from shapes that matter to the instructions. */
export function randomValue(rng: Rng, t: ValType): bigint {
  const shape = rng.below(4);
  switch (t) {
    case 'i32':
      if (shape === 0) return BigInt(rng.below(65) - 32) & 0xffffffffn;
      if (shape === 1) return (1n << BigInt(rng.below(32))) + BigInt(rng.below(3) - 1) & 0xffffffffn;
      return BigInt(rng.u32());
    case 'i64':
      if (shape === 0) return BigInt.asUintN(64, BigInt(rng.below(129) - 64));
      if (shape === 1) return BigInt.asUintN(64, (1n << BigInt(rng.below(64))) + BigInt(rng.below(3) - 1));
      if (shape === 2) return BigInt.asUintN(64, BigInt((rng.u32() | 0)));
      return rng.u64();
    case 'f32':
    case 'f64': {
      const enc = t === 'f32' ? f32 : f64;
      if (shape === 0) return t === 'f32' ? BigInt(rng.u32()) : rng.u64();
      if (shape === 1) return enc((rng.below(41) - 20) / 4 + (rng.below(2) ? rng.u32() / 2 ** 40 : 0));
      if (shape === 2) {
        // Near the conversion boundaries 2^31, 2^32, 2^63, 2^64, either sign.
        const p = rng.pick([31, 32, 63, 64]);
        const ulp = 2 ** (p - (t === 'f32' ? 24 : 53));
        const x = 2 ** p + (rng.below(9) - 4) * ulp + (t === 'f64' && p < 40 ? rng.below(4) / 4 : 0);
        return enc(rng.below(2) ? x : -x);
      }
      return enc((rng.u32() / 2 ** 32 - 0.5) * 2 ** rng.below(80));
    }
  }
}
