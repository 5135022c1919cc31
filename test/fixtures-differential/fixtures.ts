/**
 * The fixtures of the baseline differential test (../baseline-differential.test.ts): which
 * modules, which invocations, and how their results compare (see harness.ts). Arguments
 * are random values of the parameter types (edges included) unless an export says
 * otherwise: table indices, memory addresses and loop counts are drawn where they matter.
 */
import type { ExportConfig, Fixture, IndirectTrap, Invocation } from './harness.js';
import { mostlyFinite, randomValue, u32, type Rng, type TypeName } from './inputs.js';
import { bigModule } from './big.js';
import { randomTreesModule } from './random-trees.js';

/** Random arguments of `types`, with argument `at` replaced by `first`. */
function withArg(rng: Rng, types: readonly TypeName[], at: number, first: bigint): bigint[] {
  const args = types.map((t) => randomValue(rng, t));
  args[at] = first;
  return args;
}

/** A table index: mostly inside [0, size + 2), now and then anywhere. */
function tableIndex(rng: Rng, size: number): bigint {
  return rng.chance(0.9) ? BigInt(rng.below(size + 2)) : rng.pick([0xffffffffn, 0x80000000n, 0x10000n, BigInt(rng.u32())]);
}

/** calls.wat's table: which entries hold which type, and which are null (12 entries). */
function callsIndirect(ok: readonly number[]): (args: readonly bigint[]) => IndirectTrap {
  return (args) => {
    const i = Number(args[0]);
    if (ok.includes(i)) throw new Error(`calls: entry ${i} has the right type, V8 should not trap`);
    return i >= 9 && i < 12 ? 'uninitialized element' : 'indirect call type mismatch';
  };
}

const CALLS_FOUR: TypeName[] = ['i64', 'f64', 'i32', 'f32'];
const MULTI_PARAMS: TypeName[] = ['i32', 'i64', 'f32', 'f64', 'i64'];
const REC_PARAMS: TypeName[] = ['i32', 'i64', 'f64', 'i64', 'f32', 'i64', 'f64', 'i32', 'i64', 'f64', 'i64', 'f64', 'f32', 'i64'];

/** Random arguments of `types` with argument `at` drawn from [0, n) most of the time. */
function smallArg(types: readonly TypeName[], at: number, n: number): (rng: Rng) => bigint[] {
  return (rng) => withArg(rng, types, at, rng.chance(0.9) ? BigInt(rng.below(n)) : randomValue(rng, types[at]!));
}

const control: Record<string, ExportConfig> = {
  br_table_many: { vectors: 120, args: smallArg(['i32', 'i32', 'i64', 'f64'], 0, 90) },
  br_table_regs: { vectors: 80, args: smallArg(['i32', 'i64', 'f32'], 0, 0x100) },
  br_table_func: { vectors: 80, args: smallArg(['i32', 'i64', 'f32'], 0, 0x100) },
  deep_blocks: { vectors: 80, args: smallArg(['i32', 'i32'], 1, 64) },
  dead_code: { vectors: 40, args: smallArg(['i32'], 0, 0x400) },
};

/** Two values of type t, equal a third of the time (comparisons need the equal case). */
function pair(t: TypeName): (rng: Rng) => bigint[] {
  return (rng) => {
    const a = randomValue(rng, t);
    const mask = t === 'i64' || t === 'f64' ? 0xffffffffffffffffn : 0xffffffffn;
    return [a, rng.chance(0.33) ? a : rng.chance(0.5) ? randomValue(rng, t) : (a + BigInt(rng.range(-1, 1))) & mask];
  };
}

const locals: Record<string, ExportConfig> = {
  many_old_f64: { nan: 'arith' },
  many_old_mixed: { nan: 'arith' },
  cmp_i32: { vectors: 80, args: pair('i32') },
  cmp_i64: { vectors: 80, args: pair('i64') },
  cmp_f32: { vectors: 80, args: pair('f32') },
  cmp_f64: { vectors: 80, args: pair('f64') },
};

/** The default invocations in a random order: stateful exports interleave. */
function shuffled(rng: Rng, defaults: () => Invocation[]): Invocation[] {
  const list = defaults();
  for (let i = list.length - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

const globals: Record<string, ExportConfig> = {
  get_all: { vectors: 120 },
  gx_get: { vectors: 60 },
  rotate: { vectors: 40 },
};

/**
 * intops: divisors drawn to divide more often than not, with the trapping values (0, -1
 * under INT_MIN) kept frequent.
 */
function divArg(rng: Rng, t: 'i32' | 'i64'): bigint {
  const min = t === 'i32' ? 0x80000000n : 0x8000000000000000n;
  const r = rng.below(10);
  if (r === 0) return 0n;
  if (r === 1) return t === 'i32' ? 0xffffffffn : 0xffffffffffffffffn;
  if (r === 2) return min;
  if (r < 6) return BigInt.asUintN(t === 'i32' ? 32 : 64, BigInt(rng.range(-50, 50)));
  return randomValue(rng, t);
}

const intops: Record<string, ExportConfig> = {
  div_nested_i32: { vectors: 120, args: (rng) => Array.from({ length: 5 }, () => divArg(rng, 'i32')) },
  div_nested_i64: { vectors: 120, args: (rng) => Array.from({ length: 5 }, () => divArg(rng, 'i64')) },
  div_trap_consts: { vectors: 40 },
  div_self: { vectors: 40, args: (rng) => [divArg(rng, 'i32'), divArg(rng, 'i64')] },
};

/**
 * memory: addresses near 0 (the data segment), near the end of each page the memory may
 * have (65536, 131072, 196608), and anywhere.
 */
function memAddr(rng: Rng): bigint {
  const r = rng.below(10);
  if (r < 4) return BigInt(rng.below(512));
  if (r < 7) return BigInt(65536 * rng.range(1, 3) - rng.range(-8, 48));
  if (r < 9) return BigInt(rng.below(3 * 65536));
  return BigInt(rng.u32());
}

function memoryPlan(rng: Rng): Invocation[] {
  const out: Invocation[] = [];
  const inv = (field: string, ...args: bigint[]) => out.push({ module: '$m', field, args });
  const r = (t: TypeName) => randomValue(rng, t);
  const small = (n: number) => BigInt(rng.below(n));
  const step = (): void => {
    switch (rng.below(14)) {
      case 0: return void inv('load_all', memAddr(rng));
      case 1: return void inv('load_all_off', memAddr(rng));
      case 2: return void inv('load_computed', memAddr(rng), rng.chance(0.5) ? small(64) : r('i32'));
      case 3: return void inv('load_const', small(8));
      case 4: return void inv('load_far', small(10), rng.chance(0.5) ? memAddr(rng) : r('i32'));
      case 5: return void inv('store_all', memAddr(rng), r('i64'), r('f32'), r('f64'));
      case 6: return void inv('store_consts', memAddr(rng));
      case 7: return void inv('store_const', small(8), r('i64'));
      case 8: return void inv('fill', memAddr(rng), r('i32'), rng.chance(0.8) ? small(300) : memAddr(rng));
      case 9: return void inv('copy', memAddr(rng), memAddr(rng), rng.chance(0.8) ? small(300) : memAddr(rng));
      case 10: return void inv('copy_overlap', r('i32'), r('i32'));
      case 11: return void inv('size');
      default: return void inv('hash', memAddr(rng), small(600));
    }
  };
  const phase = (n: number) => {
    for (let i = 0; i < n; i++) step();
    // The areas most invocations touch, read back.
    inv('hash', 0n, 4000n);
    inv('hash', 65536n - 600n, 600n);
  };
  phase(300);
  inv('grow_as_addr', 0n);
  inv('grow', 1n);
  phase(200);
  inv('grow_then_access', r('i64'));
  phase(200);
  inv('grow', 1n);
  inv('grow', 0n);
  inv('grow_then_access', r('i64'));
  inv('grow_as_addr', 0n);
  inv('grow_as_addr', 1n);
  inv('grow_as_addr', 0x10000n);
  phase(100);
  return out;
}

const consts: Record<string, ExportConfig> = {
  ret_consts: { vectors: 2 },
  convert_consts: { vectors: 2 },
  ret_f32: { args: smallArg(['i32'], 0, 8) },
  ret_f64: { args: smallArg(['i32'], 0, 8) },
  ret_i64: { args: smallArg(['i32'], 0, 8) },
  // Selector 0 converts a NaN; 1 to 3 convert values out of range.
  trap_consts: { args: smallArg(['i32'], 0, 8), conversion: (args) => ((args[0]! & 3n) === 0n ? 'invalid conversion to integer' : 'integer overflow') },
  float_const_ops: { nan: 'arith' },
};

function sharedPlan(rng: Rng): Invocation[] {
  const out: Invocation[] = [];
  const inv = (module: string, field: string, ...args: bigint[]) => out.push({ module, field, args });
  const addr = () => (rng.chance(0.8) ? BigInt(65536 * rng.range(0, 4) + rng.range(-16, 64)) & 0xffffffffn : BigInt(rng.u32()));
  for (let i = 0; i < 400; i++) {
    switch (rng.below(12)) {
      case 0: if (rng.chance(0.15)) inv('$m', 'grow_then_access', randomValue(rng, 'i32'), randomValue(rng, 'i64')); break;
      case 1: if (rng.chance(0.15)) inv('$sx', 'sx_grow', BigInt(rng.below(2))); else inv('$sx', 'sx_size'); break;
      case 2: inv('$m', 'm_size'); break;
      case 3: inv('$m', 'm_store', addr(), randomValue(rng, 'i64')); break;
      case 4: inv('$sx', 'sx_store', addr(), randomValue(rng, 'i64')); break;
      case 5: inv('$m', 'm_load', addr()); break;
      case 6: inv('$sx', 'sx_load', addr()); break;
      case 7: inv('$m', 'm_load_const'); break;
      case 8: inv('$m', 'm_fill', addr(), randomValue(rng, 'i32'), BigInt(rng.below(64))); break;
      default: inv('$m', 'ci_imported_table', BigInt(rng.below(6)), randomValue(rng, 'i64'), randomValue(rng, 'f64'));
    }
  }
  return out;
}

/** bigmem: addresses in the first 64 KiB + a bit (offsets do the rest), or anywhere. */
function bigmemArgs(types: readonly TypeName[]): (rng: Rng) => bigint[] {
  return (rng) => withArg(rng, types, 0, rng.chance(0.85) ? BigInt(rng.below(0x10000 + 64)) : rng.chance(0.5) ? BigInt(0x8000ff00 + rng.below(0x200)) : randomValue(rng, 'i32'));
}

const bigmem: Record<string, ExportConfig> = {
  st_off: { args: bigmemArgs(['i32', 'i64']) },
  ld_off: { args: bigmemArgs(['i32']) },
  st_idx: { args: bigmemArgs(['i32', 'i64']) },
  ld_idx: { args: bigmemArgs(['i32']) },
  const_addr: { args: smallArg(['i32', 'i64'], 0, 10) },
};

const calls: Record<string, ExportConfig> = {
  ci_many: { vectors: 60, args: (rng) => [tableIndex(rng, 12), ...CALLS_FOUR.map((t) => randomValue(rng, t))], indirect: callsIndirect([0, 1, 2]) },
  ci_many_r: { vectors: 60, args: (rng) => [tableIndex(rng, 12), ...CALLS_FOUR.map((t) => randomValue(rng, t))], indirect: callsIndirect([4, 5]) },
  ci_multi: { vectors: 60, args: (rng) => [tableIndex(rng, 12), ...MULTI_PARAMS.map((t) => randomValue(rng, t))], indirect: callsIndirect([6, 7, 8]) },
  rec: {
    vectors: 40,
    // Depths 0..40, and twice deep enough to exhaust the stack.
    args: (rng, i) => withArg(rng, REC_PARAMS, 0, i === 7 || i === 23 ? 0x7fffffffn : u32(rng.range(-2, 40))),
  },
};

export const FIXTURES: readonly Fixture[] = [
  { name: 'pressure', modules: [{ name: '$m', file: 'pressure.wat' }], seed: 1, vectors: 40, nan: 'arith' },
  {
    name: 'calls',
    modules: [
      { name: '$callee', file: 'calls-callee.wat', register: 'callee' },
      { name: '$m', file: 'calls.wat' },
    ],
    seed: 2,
    vectors: 30,
    nan: 'exact',
    exports: calls,
  },
  { name: 'control', modules: [{ name: '$m', file: 'control.wat' }], seed: 3, vectors: 40, nan: 'exact', exports: control },
  { name: 'locals', modules: [{ name: '$m', file: 'locals.wat' }], seed: 4, vectors: 40, nan: 'exact', exports: locals },
  {
    name: 'globals',
    modules: [
      { name: '$gx', file: 'globals-exporter.wat', register: 'gx' },
      { name: '$m', file: 'globals.wat' },
    ],
    seed: 5,
    vectors: 30,
    nan: 'exact',
    exports: globals,
    plan: shuffled,
  },
  { name: 'intops', modules: [{ name: '$m', file: 'intops.wat' }], seed: 6, vectors: 50, nan: 'exact', exports: intops },
  { name: 'memory', modules: [{ name: '$m', file: 'memory.wat' }], seed: 7, vectors: 0, nan: 'exact', plan: memoryPlan },
  {
    name: 'shared',
    modules: [
      { name: '$sx', file: 'shared-exporter.wat', register: 'sx' },
      { name: '$m', file: 'shared.wat' },
    ],
    seed: 8,
    vectors: 0,
    nan: 'exact',
    plan: sharedPlan,
    // Entry 3 of the exporter's table is the null one (there are 4).
    exports: { ci_imported_table: { indirect: () => 'uninitialized element' } },
  },
  { name: 'bigmem', modules: [{ name: '$m', file: 'bigmem.wat' }], seed: 9, vectors: 40, nan: 'exact', exports: bigmem, plan: shuffled },
  { name: 'consts', modules: [{ name: '$m', file: 'consts.wat' }], seed: 10, vectors: 30, nan: 'exact', exports: consts },
  { name: 'big', modules: [{ name: '$m', text: bigModule() }], seed: 11, vectors: 25, nan: 'exact', exports: { deep_f64: { nan: 'arith' } } },
  // Seeded random expression trees (random-trees.ts): four modules of 40 functions.
  ...[0x5eed01, 0x5eed02, 0x5eed03, 0x5eed04].map(
    (seed, i): Fixture => ({
      name: `random-${'abcd'[i]}`,
      modules: [{ name: '$m', text: randomTreesModule(seed, 40) }],
      seed: 12 + i,
      vectors: 25,
      nan: 'arith',
      argValue: mostlyFinite,
    }),
  ),
];
