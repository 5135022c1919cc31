/**
 * The SIMD fixtures of the differential test (../simd-differential.test.ts), generated:
 *
 * - `ops`: one export per instruction (and per shape of its immediate: lane indices, shift
 *   counts as constants, shuffle patterns), taking and returning its operands as they are,
 *   so V8 and our code see the same values. Arguments are drawn per lane in the lane type
 *   the instruction reads (i8 ... f64), edges mixed in (0x80, 0x7fff, NaNs of every kind,
 *   signed zeros, infinities, 2^31 and 2^32 for the conversions), and a second operand
 *   shares half its lanes with the first, so comparisons, min and max meet ties.
 * - `memory`: the loads and stores, lanes and splats, at addresses near the end of memory
 *   (some trap) and with offsets.
 * - `machinery`: v128 values through the baseline tier's own machinery: more live vectors
 *   than registers, values carried by blocks, ifs, loops and br_table (next to values of
 *   other sizes), locals rewritten under older reads, calls with v128 arguments on the
 *   stack and several v128 results, select, globals, and any_true/all_true feeding br_if.
 *
 * Float results of arithmetic are compared per lane with quiet NaNs as nan:arithmetic;
 * everything else (masks, integers, moved floats as in pmin/pmax/abs/neg) bit for bit.
 */
import type { ExportConfig, Fixture } from './harness.js';
import { LANE_BITS, nearV128, randomLane, randomV128, randomValue, type LaneName, type Rng, type TypeName } from './inputs.js';

interface Op {
  readonly name: string;
  /** The WAT of the body, reading the parameters. */
  readonly body: string;
  readonly params: readonly TypeName[];
  readonly result: TypeName;
  readonly cfg: ExportConfig;
}

const SHAPES = { i8x16: 'i8', i16x8: 'i16', i32x4: 'i32', i64x2: 'i64', f32x4: 'f32', f64x2: 'f64' } as const;
type Shape = keyof typeof SHAPES;

/** The lanes an instruction reads: the source shape in its name (`_i16x8`), else its own. */
function operandLanes(name: string): LaneName {
  const m = /_([if](?:8|16|32|64))x\d+/.exec(name);
  if (m) return m[1] as LaneName;
  return SHAPES[name.slice(0, name.indexOf('.')) as Shape] ?? 'i8';
}

/** Float lanes of the result when they come out of arithmetic. */
function arithLanes(name: string): 'f32' | 'f64' | undefined {
  if (/^f32x4\.(add|sub|mul|div|min|max|sqrt|ceil|floor|trunc|nearest|convert|demote)/.test(name)) return 'f32';
  if (/^f64x2\.(add|sub|mul|div|min|max|sqrt|ceil|floor|trunc|nearest|convert|promote)/.test(name)) return 'f64';
  return undefined;
}

/** Arguments of an instruction: v128s in its operand lanes (the second near the first), scalars as drawn. */
function opArgs(name: string, params: readonly TypeName[]): (rng: Rng) => bigint[] {
  const lanes = operandLanes(name);
  return (rng) => {
    let first: bigint | undefined;
    return params.map((t) => {
      if (t !== 'v128') return name.includes('shl') || name.includes('shr') ? shiftCount(rng) : randomValue(rng, t);
      const v: bigint = first === undefined || rng.chance(0.4) ? randomV128(rng, lanes) : nearV128(rng, lanes, first);
      first ??= v;
      return v;
    });
  };
}

function shiftCount(rng: Rng): bigint {
  return rng.chance(0.7) ? BigInt(rng.below(140)) : BigInt(rng.u32());
}

function binary(name: string): Op {
  return { name, body: `(${name} (local.get 0) (local.get 1))`, params: ['v128', 'v128'], result: 'v128', cfg: {} };
}

function unary(name: string): Op {
  return { name, body: `(${name} (local.get 0))`, params: ['v128'], result: 'v128', cfg: {} };
}

const INT_SHAPES = ['i8x16', 'i16x8', 'i32x4'] as const;
const REL = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];

/** Every non-memory instruction, once or per immediate shape. */
function ops(seed: number): Op[] {
  const list: Op[] = [];
  const bin = (names: readonly string[]) => names.forEach((n) => list.push(binary(n)));
  const un = (names: readonly string[]) => names.forEach((n) => list.push(unary(n)));
  bin(['v128.and', 'v128.andnot', 'v128.or', 'v128.xor']);
  un(['v128.not']);
  list.push({ name: 'v128.bitselect', body: '(v128.bitselect (local.get 0) (local.get 1) (local.get 2))', params: ['v128', 'v128', 'v128'], result: 'v128', cfg: {} });
  for (const s of INT_SHAPES) bin(REL.map((r) => `${s}.${r}`));
  bin(['i64x2.eq', 'i64x2.ne', 'i64x2.lt_s', 'i64x2.gt_s', 'i64x2.le_s', 'i64x2.ge_s']);
  for (const s of ['f32x4', 'f64x2']) bin(['eq', 'ne', 'lt', 'gt', 'le', 'ge', 'add', 'sub', 'mul', 'div', 'min', 'max', 'pmin', 'pmax'].map((o) => `${s}.${o}`));
  for (const s of ['f32x4', 'f64x2']) un(['abs', 'neg', 'sqrt', 'ceil', 'floor', 'trunc', 'nearest'].map((o) => `${s}.${o}`));
  bin(['i8x16.add', 'i8x16.add_sat_s', 'i8x16.add_sat_u', 'i8x16.sub', 'i8x16.sub_sat_s', 'i8x16.sub_sat_u']);
  bin(['i8x16.min_s', 'i8x16.min_u', 'i8x16.max_s', 'i8x16.max_u', 'i8x16.avgr_u', 'i8x16.narrow_i16x8_s', 'i8x16.narrow_i16x8_u', 'i8x16.swizzle']);
  bin(['i16x8.add', 'i16x8.add_sat_s', 'i16x8.add_sat_u', 'i16x8.sub', 'i16x8.sub_sat_s', 'i16x8.sub_sat_u', 'i16x8.mul']);
  bin(['i16x8.min_s', 'i16x8.min_u', 'i16x8.max_s', 'i16x8.max_u', 'i16x8.avgr_u', 'i16x8.narrow_i32x4_s', 'i16x8.narrow_i32x4_u', 'i16x8.q15mulr_sat_s']);
  bin(['i32x4.add', 'i32x4.sub', 'i32x4.mul', 'i32x4.min_s', 'i32x4.min_u', 'i32x4.max_s', 'i32x4.max_u', 'i32x4.dot_i16x8_s']);
  bin(['i64x2.add', 'i64x2.sub', 'i64x2.mul']);
  for (const [wide, narrow] of [['i16x8', 'i8x16'], ['i32x4', 'i16x8'], ['i64x2', 'i32x4']]) {
    bin(['low_s', 'high_s', 'low_u', 'high_u'].map((h) => `${wide}.extmul_${h.replace('_', `_${narrow}_`)}`));
    un(['low_s', 'high_s', 'low_u', 'high_u'].map((h) => `${wide}.extend_${h.replace('_', `_${narrow}_`)}`));
  }
  un(['i16x8.extadd_pairwise_i8x16_s', 'i16x8.extadd_pairwise_i8x16_u', 'i32x4.extadd_pairwise_i16x8_s', 'i32x4.extadd_pairwise_i16x8_u']);
  for (const s of ['i8x16', 'i16x8', 'i32x4', 'i64x2']) un([`${s}.abs`, `${s}.neg`]);
  un(['i8x16.popcnt']);
  un(['f32x4.demote_f64x2_zero', 'f64x2.promote_low_f32x4', 'i32x4.trunc_sat_f32x4_s', 'i32x4.trunc_sat_f32x4_u']);
  un(['f32x4.convert_i32x4_s', 'f32x4.convert_i32x4_u', 'i32x4.trunc_sat_f64x2_s_zero', 'i32x4.trunc_sat_f64x2_u_zero']);
  un(['f64x2.convert_low_i32x4_s', 'f64x2.convert_low_i32x4_u']);

  // Shifts: by a variable count, and by constants around the lane width.
  for (const s of ['i8x16', 'i16x8', 'i32x4', 'i64x2']) {
    const w = LANE_BITS[SHAPES[s as Shape]];
    for (const k of ['shl', 'shr_s', 'shr_u']) {
      const name = `${s}.${k}`;
      list.push({ name, body: `(${name} (local.get 0) (local.get 1))`, params: ['v128', 'i32'], result: 'v128', cfg: {} });
      for (const c of [1, w - 1, w, w + 1, 2 * w + 3, -1]) {
        list.push({ name: `${name}/${c}`, body: `(${name} (local.get 0) (i32.const ${c}))`, params: ['v128'], result: 'v128', cfg: { args: opArgs(name, ['v128']) } });
      }
    }
  }

  // Reductions, as values and as branch conditions.
  const tests = ['v128.any_true', 'i8x16.all_true', 'i16x8.all_true', 'i32x4.all_true', 'i64x2.all_true'];
  for (const n of [...tests, 'i8x16.bitmask', 'i16x8.bitmask', 'i32x4.bitmask', 'i64x2.bitmask']) {
    list.push({ name: n, body: `(${n} (local.get 0))`, params: ['v128'], result: 'i32', cfg: { args: sparse(n) } });
  }
  for (const n of tests) {
    list.push({ name: `${n}/if`, body: `(if (result i32) (${n} (local.get 0)) (then (i32.const 7)) (else (i32.const 9)))`, params: ['v128'], result: 'i32', cfg: { args: sparse(n) } });
    list.push({ name: `${n}/br_if`, body: `(block (result i32) (br_if 0 (i32.const 3) (${n} (local.get 0))) (drop) (i32.const 5))`, params: ['v128'], result: 'i32', cfg: { args: sparse(n) } });
  }

  // Splats, extract and replace lanes.
  const scalarOf: Record<Shape, TypeName> = { i8x16: 'i32', i16x8: 'i32', i32x4: 'i32', i64x2: 'i64', f32x4: 'f32', f64x2: 'f64' };
  for (const s of Object.keys(SHAPES) as Shape[]) {
    const t = scalarOf[s];
    list.push({ name: `${s}.splat`, body: `(${s}.splat (local.get 0))`, params: [t], result: 'v128', cfg: {} });
    const n = 128 / LANE_BITS[SHAPES[s]];
    for (const lane of [...new Set([0, 1, n >> 1, n - 1])]) {
      const extracts = s === 'i8x16' || s === 'i16x8' ? [`${s}.extract_lane_s`, `${s}.extract_lane_u`] : [`${s}.extract_lane`];
      for (const e of extracts) list.push({ name: `${e}/${lane}`, body: `(${e} ${lane} (local.get 0))`, params: ['v128'], result: t, cfg: { nan: 'exact' } });
      list.push({ name: `${s}.replace_lane/${lane}`, body: `(${s}.replace_lane ${lane} (local.get 0) (local.get 1))`, params: ['v128', t], result: 'v128', cfg: {} });
    }
  }

  // Shuffles: the patterns with a one-instruction lowering, in both operand orders, and random ones.
  const rng = new RngLike(seed);
  const patterns: number[][] = [
    [...Array(16).keys()],
    [...Array(16).keys()].map((i) => i + 16),
    [...Array(16).keys()].reverse(),
    [3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12],
    [4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11],
    [20, 21, 22, 23, 16, 17, 18, 19, 28, 29, 30, 31, 24, 25, 26, 27],
    [...Array(16).keys()].map((i) => i + 5),
    [...Array(16).keys()].map((i) => (i + 21) % 32),
    [0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23],
    [24, 8, 25, 9, 26, 10, 27, 11, 28, 12, 29, 13, 30, 14, 31, 15],
    [0, 1, 16, 17, 2, 3, 18, 19, 4, 5, 20, 21, 6, 7, 22, 23],
    [8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31],
    [16, 17, 18, 19, 20, 21, 22, 23, 0, 1, 2, 3, 4, 5, 6, 7],
    [0, 1, 18, 19, 4, 5, 22, 23, 8, 9, 26, 27, 12, 13, 30, 31],
    [16, 17, 2, 3, 20, 21, 6, 7, 24, 25, 10, 11, 28, 29, 14, 15],
    [0, 17, 2, 19, 4, 21, 6, 23, 8, 25, 10, 27, 12, 29, 14, 31],
    Array(16).fill(5),
    Array(16).fill(31),
  ];
  for (let i = 0; i < 12; i++) patterns.push([...Array(16)].map(() => rng.below(32)));
  patterns.forEach((p, i) => {
    list.push({ name: `i8x16.shuffle/${i}`, body: `(i8x16.shuffle ${p.join(' ')} (local.get 0) (local.get 1))`, params: ['v128', 'v128'], result: 'v128', cfg: {} });
  });
  return list;
}

/** Vectors with zero lanes now and then, so all_true and any_true are both ways. */
function sparse(name: string): (rng: Rng) => bigint[] {
  const lanes = operandLanes(name);
  return (rng) => {
    const bits = LANE_BITS[lanes];
    const r = rng.below(4);
    if (r === 0) return [0n];
    let v = 0n;
    for (let i = 0; i < 128 / bits; i++) {
      const lane = r === 1 ? randomLane(rng, lanes) | 1n : rng.chance(0.15) ? 0n : randomLane(rng, lanes);
      v |= lane << BigInt(bits * i);
    }
    return [v];
  };
}

/** A tiny seeded generator for the patterns (the fixture's Rng drives the arguments). */
class RngLike {
  private x: number;
  constructor(seed: number) {
    this.x = seed >>> 0 || 1;
  }
  below(n: number): number {
    this.x ^= this.x << 13;
    this.x ^= this.x >>> 17;
    this.x ^= this.x << 5;
    return (this.x >>> 0) % n;
  }
}

function moduleOf(list: readonly Op[]): string {
  const funcs = list.map((o) => {
    const params = o.params.length ? ` (param ${o.params.join(' ')})` : '';
    return `  (func (export ${JSON.stringify(o.name)})${params} (result ${o.result}) ${o.body})`;
  });
  return `(module\n${funcs.join('\n')}\n)`;
}

function configs(list: readonly Op[]): Record<string, ExportConfig> {
  const out: Record<string, ExportConfig> = {};
  for (const o of list) {
    const base = o.name.split('/')[0]!;
    const lanes = o.result === 'v128' ? arithLanes(base) : undefined;
    out[o.name] = { args: opArgs(base, o.params), lanes, nan: lanes !== undefined ? 'arith' : 'exact', ...o.cfg };
  }
  return out;
}

// ---- memory ------------------------------------------------------------------------------------

const MEMORY_WAT = `(module
  (memory 1)
  (data (i32.const 0) "\\00\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\f0\\f1\\f2\\f3\\f4\\f5\\f6\\f7\\f8\\f9\\fa\\fb\\fc\\fd\\fe\\ff\\80\\7f")
  (data (i32.const 65500) "\\aa\\55\\aa\\55\\01\\80\\7f\\ff\\00\\11\\22\\33\\44\\55\\66\\77\\88\\99\\a0\\b0\\c0\\d0\\e0\\f0")
  ${[
    'v128.load', 'v128.load8x8_s', 'v128.load8x8_u', 'v128.load16x4_s', 'v128.load16x4_u', 'v128.load32x2_s', 'v128.load32x2_u',
    'v128.load8_splat', 'v128.load16_splat', 'v128.load32_splat', 'v128.load64_splat', 'v128.load32_zero', 'v128.load64_zero',
  ]
    .map((n) => `(func (export "${n}") (param i32) (result v128) (${n} (local.get 0)))\n  (func (export "${n}/off") (param i32) (result v128) (${n} offset=7 (local.get 0)))`)
    .join('\n  ')}
  ${[8, 16, 32, 64]
    .map((w) => {
      const last = 128 / w - 1;
      return [0, last]
        .map(
          (lane) =>
            `(func (export "v128.load${w}_lane/${lane}") (param i32 v128) (result v128) (v128.load${w}_lane offset=3 ${lane} (local.get 0) (local.get 1)))\n  ` +
            `(func (export "v128.store${w}_lane/${lane}") (param i32 v128) (result v128) (v128.store${w}_lane ${lane} (local.get 0) (local.get 1)) (v128.load (i32.and (local.get 0) (i32.const 0xfff0))))`,
        )
        .join('\n  ');
    })
    .join('\n  ')}
  (func (export "v128.store") (param i32 v128) (result v128) (v128.store offset=1 (local.get 0) (local.get 1)) (v128.load offset=1 (local.get 0)))
)`;

/** An address: mostly in the first bytes or near the end of the page, where accesses start to trap. */
function address(rng: Rng): bigint {
  const r = rng.below(10);
  if (r < 5) return BigInt(rng.below(40));
  if (r < 9) return BigInt(65536 - rng.below(40));
  return BigInt(rng.u32());
}

function memoryConfigs(): Record<string, ExportConfig> {
  const out: Record<string, ExportConfig> = {};
  const names = [...MEMORY_WAT.matchAll(/\(export "([^"]+)"\)/g)].map((m) => m[1]!);
  for (const n of names) {
    const takesVector = n.includes('lane') || n === 'v128.store';
    out[n] = { vectors: 10, args: (rng) => (takesVector ? [address(rng), randomV128(rng, 'i8')] : [address(rng)]) };
  }
  return out;
}

// ---- machinery ----------------------------------------------------------------------------------

const MACHINERY_WAT = `(module
  (global $g (mut v128) (v128.const i32x4 1 2 3 4))
  ;; More live vectors than xmm registers: 20 values, combined at the end.
  (func (export "pressure") (param $a v128) (param $b v128) (result v128)
    ${[...Array(20).keys()].map((i) => `(i32x4.add (local.get $a) (i8x16.splat (i32.const ${i * 13})))`).join(' ')}
    ${[...Array(19).keys()].map((i) => (i % 3 === 0 ? '(v128.xor)' : i % 3 === 1 ? '(i16x8.sub)' : '(i32x4.mul)')).join(' ')}
    (local.get $b) (i64x2.add))
  ;; Values carried by a block with parameters, a loop, br_table and br_if.
  (func (export "control") (param $a v128) (param $b v128) (param $n i32) (result v128) (local $i i32) (local $t v128)
    (local.get $a) (local.get $b)
    (block (param v128 v128) (result v128)
      (loop (param v128 v128) (result v128)
        (local.set $t) (i32x4.add (local.get $t))
        (br_if 1 (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (i8x16.add_sat_s (local.get $t) (local.get $a))
        (br 0)))
    (block (result v128)
      (block (result v128)
        (block (result v128)
          (br_table 0 1 2 (i8x16.add (local.get $a) (local.get $b)) (i32.and (local.get $n) (i32.const 3))))
        (i8x16.popcnt) (br 1))
      (i16x8.neg))
    (v128.xor))
  ;; A local rewritten while older reads of it are still on the stack.
  (func (export "locals") (param $a v128) (param $b v128) (result v128) (local $t v128)
    (local.set $t (local.get $a))
    (local.get $t)
    (local.set $t (i32x4.mul (local.get $t) (local.get $b)))
    (local.get $t)
    (local.tee $t (i8x16.sub (local.get $t) (local.get $a)))
    (i16x8.add) (v128.xor) (local.get $t) (f32x4.pmin))
  ;; Calls with v128 arguments on the stack, several v128 results.
  (func $spread (param v128 v128 v128 v128 v128 v128 v128 v128 v128 f64 v128 i32 v128) (result v128 i32 v128)
    (i8x16.add (i8x16.add (local.get 0) (local.get 8)) (i8x16.add (local.get 10) (local.get 12)))
    (i32.add (local.get 11) (i32.trunc_sat_f64_s (local.get 9)))
    (i16x8.sub (local.get 7) (local.get 1)))
  (func (export "calls") (param $a v128) (param $b v128) (param $x f64) (result v128) (local $t v128)
    (call $spread (local.get $a) (local.get $b) (local.get $a) (local.get $b) (local.get $a) (local.get $b)
      (local.get $a) (local.get $b) (i64x2.mul (local.get $a) (local.get $b)) (local.get $x) (v128.not (local.get $a))
      (i32.const 5) (i8x16.swizzle (local.get $a) (local.get $b)))
    (local.set $t) (i32x4.splat) (i32x4.add) (local.get $t) (v128.xor))
  ;; select, globals, a constant that is neither zero nor all ones.
  (func (export "select") (param $a v128) (param $b v128) (param $c i32) (result v128)
    (global.get $g) (global.set $g (select (local.get $a) (local.get $b) (local.get $c)))
    (global.get $g) (v128.const i32x4 0x01020304 0xffffffff 0 0x80000000) (v128.bitselect))
  ;; if/else and loops with v128 among their parameters and results, and a branch whose
  ;; label's slots (f32 v128 i64) differ in size from those of the values below it.
  (func (export "ifelse") (param $a v128) (param $c i32) (param $x f64) (result v128 i32)
    (i32.const 7) (local.get $x) (local.get $a) (local.get $c)
    (if (param i32 f64 v128) (result v128 i32)
      (then (drop) (drop) (i32x4.splat) (i32.const 1))
      (else (i32x4.add (local.get $a)) (local.set $a) (drop) (drop) (local.get $a) (i32.const 2))))
  (func (export "loop") (param $a v128) (param $n i32) (result i32 v128) (local $i i32)
    (i32.const 0) (local.get $a)
    (loop (param i32 v128) (result i32 v128)
      (i8x16.add (v128.const i8x16 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1))
      (local.set $a) (i32.add (i32.const 3)) (local.get $a)
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if 0 (i32.lt_u (local.get $i) (local.get $n)))))
  (func (export "mixed") (param $a v128) (param $k i32) (result f32 v128 i64)
    (block (result f32 v128 i64)
      (f64.const 1) (i32.const 5) (f32.const 2.5) (local.get $a) (i64.const -9)
      (br_if 0 (local.get $k))
      (drop) (drop) (drop) (drop) (drop)
      (f32.const 3.5) (v128.const i32x4 9 9 9 9) (i64.const 4)))
  ;; any_true/all_true as loop conditions.
  (func (export "reduce") (param $a v128) (result i32) (local $n i32)
    (loop
      (local.set $a (i8x16.sub_sat_u (local.get $a) (v128.const i8x16 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if 0 (v128.any_true (local.get $a))))
    (local.get $n))
)`;

function machineryConfigs(): Record<string, ExportConfig> {
  const v = (rng: Rng) => randomV128(rng, rng.pick(['i8', 'i16', 'i32', 'i64'] as const));
  return {
    pressure: { vectors: 30, args: (rng) => [v(rng), v(rng)] },
    control: { vectors: 40, args: (rng) => [v(rng), v(rng), BigInt(rng.below(12))] },
    locals: { vectors: 30, args: (rng) => [v(rng), v(rng)], nan: 'exact' },
    calls: { vectors: 30, args: (rng) => [v(rng), v(rng), randomValue(rng, 'f64')] },
    select: { vectors: 30, args: (rng) => [v(rng), v(rng), BigInt(rng.below(2))] },
    reduce: { vectors: 20, args: (rng) => [randomV128(rng, 'i8') & 0x3f3f3f3f3f3f3f3f3f3f3f3f3f3f3f3fn] },
    ifelse: { vectors: 20, args: (rng) => [v(rng), BigInt(rng.below(2)), randomValue(rng, 'f64')] },
    loop: { vectors: 20, args: (rng) => [v(rng), BigInt(rng.below(9))] },
    mixed: { vectors: 20, args: (rng) => [v(rng), BigInt(rng.below(2))] },
  };
}

export function simdFixtures(): Fixture[] {
  const list = ops(0x5eed);
  return [
    { name: 'simd-ops', modules: [{ name: '$m', text: moduleOf(list) }], seed: 21, vectors: 14, nan: 'exact', exports: configs(list) },
    { name: 'simd-memory', modules: [{ name: '$m', text: MEMORY_WAT }], seed: 22, vectors: 10, nan: 'exact', exports: memoryConfigs() },
    { name: 'simd-machinery', modules: [{ name: '$m', text: MACHINERY_WAT }], seed: 23, vectors: 20, nan: 'exact', exports: machineryConfigs() },
  ];
}
