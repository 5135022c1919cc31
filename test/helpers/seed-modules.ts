/**
 * Valid modules to mutate: a handful written by hand so that every section kind and every
 * segment encoding appears, and a generator of random well-typed modules.
 *
 * The generator builds bodies from a typed expression grammar: `expr(t)` emits code that
 * pushes exactly one value of type `t`, `stmt()` emits code that leaves the stack as it
 * found it. A body is statements followed by one expression per result. This keeps every
 * generated module valid without a validator; the tests check that V8 agrees.
 */
import {
  AT_END, EMPTY_BLOCK, EXTERNREF, F32, F64, FUNCREF, I32, I64, Kind, ModuleBuilder, Op, OpFC, OpSimd, SectionId, V128,
  f32Const, f64Const, fc, globalGet, i32Const, i64Const, memarg, nameSectionPayload, refFunc, refNull, uleb, v128Const,
} from './wasm-builder.js';
import type { Rng } from './mutate.js';

export interface Seed {
  name: string;
  bytes: Uint8Array;
}

/** Hand-written modules; together they use every section and every segment encoding. */
export function handWrittenSeeds(): Seed[] {
  const seeds: Seed[] = [];
  const add = (name: string, b: ModuleBuilder): void => {
    seeds.push({ name, bytes: b.toBytes() });
  };

  add('empty', new ModuleBuilder());

  {
    const b = new ModuleBuilder();
    b.addType([], []);
    b.addType([I32, I64, F32, F64, V128, FUNCREF, EXTERNREF], [I32, I64]);
    add('types only', b);
  }

  {
    const b = new ModuleBuilder();
    const t = b.addType([I32], [I32]);
    const f = b.addImport('env', 'f', { kind: 'func', type: t });
    const tab = b.addImport('env', 'table', { kind: 'table', elemType: FUNCREF, limits: { min: 1, max: 8 } });
    const mem = b.addImport('env', 'mem', { kind: 'memory', limits: { min: 1, max: 2 } });
    const g = b.addImport('env', 'g', { kind: 'global', valType: I64, mutable: true });
    b.addImport('js', 'ext', { kind: 'global', valType: EXTERNREF, mutable: false });
    b.addExport('f', Kind.Func, f).addExport('table', Kind.Table, tab).addExport('mem', Kind.Memory, mem);
    b.addExport('g', Kind.Global, g).addExport('\u00e9t\u00e9', Kind.Global, 1);
    add('imports and re-exports', b);
  }

  {
    const b = new ModuleBuilder();
    const t = b.addType([], []);
    b.addTable(FUNCREF, { min: 4 });
    b.addTable(FUNCREF, { min: 4, max: 4 });
    b.addTable(EXTERNREF, { min: 0 });
    b.addFunction(t, []);
    b.addFunction(t, [...i32Const(0), ...i32Const(0), ...i32Const(1), ...fc(OpFC.table_init, 0, 0), ...fc(OpFC.elem_drop, 1)]);
    b.addElem({ mode: 'active', offset: i32Const(0), funcs: [0, 1] });
    b.addElem({ mode: 'passive', funcs: [1, 0, 1] });
    b.addElem({ mode: 'active', table: 1, offset: i32Const(2), funcs: [1] });
    b.addElem({ mode: 'declarative', funcs: [0] });
    b.addElem({ mode: 'active', offset: i32Const(1), type: FUNCREF, exprs: [refFunc(0), refNull(FUNCREF)] });
    b.addElem({ mode: 'passive', type: EXTERNREF, exprs: [refNull(EXTERNREF)] });
    b.addElem({ mode: 'active', table: 1, explicitTable: true, offset: i32Const(0), type: FUNCREF, exprs: [refNull(FUNCREF)] });
    b.addElem({ mode: 'declarative', type: FUNCREF, exprs: [refFunc(1)] });
    b.addElem({ mode: 'active', table: 0, explicitTable: true, offset: i32Const(3), funcs: [] });
    add('tables and element segments', b);
  }

  {
    const b = new ModuleBuilder();
    const t = b.addType([], []);
    b.addMemory({ min: 1, max: 3 });
    b.addFunction(t, [
      ...i32Const(0), ...i32Const(0), ...i32Const(2), ...fc(OpFC.memory_init, 1, 0),
      ...fc(OpFC.data_drop, 1),
      ...i32Const(8), ...i32Const(0), ...i32Const(4), ...fc(OpFC.memory_copy, 0, 0),
      ...i32Const(0), ...i32Const(0xaa), ...i32Const(16), ...fc(OpFC.memory_fill, 0),
    ]);
    b.addData({ mode: 'active', offset: i32Const(0), bytes: [1, 2, 3, 4] });
    b.addData({ mode: 'passive', bytes: [5, 6] });
    b.addData({ mode: 'active', explicitMemory: true, offset: i32Const(100), bytes: [] });
    b.dataCount = true;
    b.addExport('memory', Kind.Memory, 0);
    add('memory, data, data count', b);
  }

  {
    const b = new ModuleBuilder();
    const base = b.addImport('env', 'base', { kind: 'global', valType: I32, mutable: false });
    const t = b.addType([], []);
    const f = b.addFunction(t, []);
    b.addGlobal(I32, true, globalGet(base));
    b.addGlobal(I64, false, i64Const(-1234567890123n));
    b.addGlobal(F32, true, f32Const(-0));
    b.addGlobal(F64, false, f64Const(Math.PI));
    b.addGlobal(V128, true, v128Const([...Array(16).keys()]));
    b.addGlobal(FUNCREF, false, refFunc(f));
    b.addGlobal(EXTERNREF, true, refNull(EXTERNREF));
    for (let i = 0; i < 8; i++) b.addExport(`g${i}`, Kind.Global, i);
    add('globals of every type', b);
  }

  {
    const b = new ModuleBuilder();
    const t = b.addType([], []);
    b.addGlobal(I32, true, i32Const(0));
    b.start = b.addFunction(t, [...i32Const(1), Op.global_set, 0]);
    add('start function', b);
  }

  {
    const b = new ModuleBuilder();
    const t = b.addType([I32], [I32]);
    b.addFunction(t, [Op.local_get, 0], [[1, I64]]);
    b.addCustom('before everything', [1, 2, 3], SectionId.Custom);
    b.addCustom('after types', [], SectionId.Type);
    b.addCustom('name', nameSectionPayload({ module: 'm', functions: [[0, 'id']], locals: [[0, [[0, 'x'], [1, 'tmp']]]] }));
    b.addCustom('.debug_info', [0, 0, 0, 0], AT_END);
    add('custom and name sections', b);
  }

  {
    const b = new ModuleBuilder();
    const tBin = b.addType([I32, I32], [I32]);
    const tMulti = b.addType([I32], [I32, I64]);
    const tVoid = b.addType([], []);
    b.addTable(FUNCREF, { min: 2 });
    b.addMemory({ min: 1 });
    b.addGlobal(I32, true, i32Const(0));
    const add2 = b.addFunction(tBin, [Op.local_get, 0, Op.local_get, 1, Op.i32_add]);
    b.addFunction(tMulti, [
      // block with a type-index block type: [i32] -> [i32 i64]
      Op.local_get, 0, Op.block, tMulti, Op.i64_extend_i32_s, Op.drop, Op.local_get, 0, ...i64Const(7n), Op.end,
    ]);
    b.addFunction(
      tVoid,
      [
        Op.block, EMPTY_BLOCK,
        Op.loop, EMPTY_BLOCK,
        Op.local_get, 0, ...i32Const(10), Op.i32_lt_s, Op.if, EMPTY_BLOCK,
        Op.local_get, 0, ...i32Const(1), Op.i32_add, Op.local_set, 0, Op.br, 1,
        Op.else, Op.br, 2, Op.end,
        Op.end,
        Op.end,
        Op.local_get, 0, Op.br_table, 3, 0, 0, 0, 0,
      ],
      [[1, I32]],
    );
    b.addFunction(
      tVoid,
      [
        ...i32Const(1), ...i32Const(2), ...i32Const(0), Op.call_indirect, tBin, 0, Op.global_set, 0,
        ...i32Const(3), ...i32Const(4), Op.call, add2, Op.drop,
        ...f64Const(1.5), ...f64Const(2), Op.local_get, 0, Op.select, Op.local_set, 1,
        ...refNull(EXTERNREF), ...refNull(EXTERNREF), Op.local_get, 0, Op.select_t, 1, EXTERNREF, Op.drop,
        ...i32Const(0), Op.prefix_simd, ...uleb(OpSimd.v128_load), ...memarg(4, 0),
        ...v128Const(Array(16).fill(1)), Op.prefix_simd, ...uleb(OpSimd.i32x4_add),
        Op.local_get, 2, Op.prefix_simd, ...uleb(OpSimd.i8x16_shuffle), ...Array.from({ length: 16 }, (_, i) => i),
        Op.local_set, 2,
        ...i32Const(0), Op.local_get, 2, Op.prefix_simd, ...uleb(OpSimd.v128_store), ...memarg(4, 0),
        ...f32Const(1), Op.prefix_fc, ...uleb(OpFC.i32_trunc_sat_f32_s), Op.i32_extend8_s, Op.drop,
        Op.memory_size, 0, Op.memory_grow, 0, Op.drop,
        ...i32Const(0), Op.i32_load8_u, ...memarg(0, 3), Op.drop,
        ...refFunc(add2), Op.ref_is_null, Op.drop,
        ...i32Const(0), Op.table_get, 0, Op.drop,
        Op.return,
      ],
      [[1, I32], [1, F64], [1, V128]],
    );
    b.addElem({ mode: 'declarative', funcs: [add2] });
    add('function bodies', b);
  }

  {
    // Every section kind in one module, each in its required place.
    const b = new ModuleBuilder();
    const t = b.addType([], []);
    const ti = b.addType([I32], [I32]);
    b.addImport('env', 'log', { kind: 'func', type: ti });
    b.addTable(FUNCREF, { min: 1 });
    b.addMemory({ min: 1 });
    b.addGlobal(I32, true, i32Const(42));
    const main = b.addFunction(t, [Op.global_get, 0, Op.call, 0, Op.drop, ...i32Const(0), ...i32Const(0), ...i32Const(1), ...fc(OpFC.memory_init, 0, 0)]);
    b.addExport('main', Kind.Func, main).addExport('memory', Kind.Memory, 0);
    b.start = main;
    b.addElem({ mode: 'active', offset: i32Const(0), funcs: [main] });
    b.addData({ mode: 'passive', bytes: [0x68, 0x69] });
    b.dataCount = true;
    b.addCustom('name', nameSectionPayload({ functions: [[0, 'log'], [1, 'main']] }));
    add('every section', b);
  }

  return seeds;
}

// ---------------------------------------------------------------------------
// Random well-typed modules.

const NUM_TYPES = [I32, I64, F32, F64] as const;

interface GenContext {
  rng: Rng;
  b: ModuleBuilder;
  /** Types of the current function's params and locals, by local index. */
  locals: number[];
  /** Global index → [type, mutable]. */
  globals: [number, boolean][];
  hasMemory: boolean;
  /** Function index → type index, for functions that can be called. */
  funcTypes: number[];
  typeDefs: { params: number[]; results: number[] }[];
  /** Enclosing labels, innermost last: true where a branch to it carries no values. */
  labels: boolean[];
  budget: number;
}

function constOf(t: number, rng: Rng): number[] {
  switch (t) {
    case I32: return i32Const(rng.next() | 0);
    case I64: return i64Const(BigInt.asIntN(64, (BigInt(rng.next()) << 32n) | BigInt(rng.next())));
    case F32: return f32Const(rng.next() / 7);
    default: return f64Const(rng.next() / 3);
  }
}

const BINOP: Record<number, number> = { [I32]: Op.i32_add, [I64]: Op.i64_add, [F32]: Op.f32_add, [F64]: Op.f64_add };
const LOAD: Record<number, number> = { [I32]: Op.i32_load, [I64]: Op.i64_load, [F32]: Op.f32_load, [F64]: Op.f64_load };

/** Code that pushes exactly one value of numeric type `t`. */
function expr(cx: GenContext, t: number): number[] {
  const { rng } = cx;
  if (--cx.budget <= 0) return constOf(t, rng);
  switch (rng.int(8)) {
    case 0: {
      const candidates = cx.locals.flatMap((lt, i) => (lt === t ? [i] : []));
      if (candidates.length > 0) return [Op.local_get, ...uleb(rng.pick(candidates))];
      return constOf(t, rng);
    }
    case 1:
      return [...expr(cx, t), ...expr(cx, t), BINOP[t]!];
    case 2:
      return inLabel(cx, false, () => [Op.block, t, ...stmts(cx, 2), ...expr(cx, t), Op.end]);
    case 3: {
      const cond = expr(cx, I32);
      return inLabel(cx, false, () => [...cond, Op.if, t, ...expr(cx, t), Op.else, ...expr(cx, t), Op.end]);
    }
    case 4: {
      const candidates = cx.globals.flatMap(([gt], i) => (gt === t ? [i] : []));
      if (candidates.length > 0) return globalGet(rng.pick(candidates));
      return constOf(t, rng);
    }
    case 5:
      if (cx.hasMemory) return [...i32Const(rng.int(1024)), LOAD[t]!, ...memarg(rng.int(t === I64 || t === F64 ? 4 : 3), rng.int(64))];
      return constOf(t, rng);
    case 6: {
      // A call to a function whose single result has type t.
      const callees = cx.funcTypes.flatMap((ty, f) => {
        const d = cx.typeDefs[ty]!;
        return d.results.length === 1 && d.results[0] === t && d.params.length <= 2 ? [f] : [];
      });
      if (callees.length === 0) return constOf(t, rng);
      const f = rng.pick(callees);
      const d = cx.typeDefs[cx.funcTypes[f]!]!;
      return [...d.params.flatMap((p) => expr(cx, p)), Op.call, ...uleb(f)];
    }
    default:
      return [...expr(cx, t), ...expr(cx, t), ...expr(cx, I32), Op.select];
  }
}

/** Code that leaves the operand stack as it found it. */
function stmt(cx: GenContext): number[] {
  const { rng } = cx;
  if (--cx.budget <= 0) return [Op.nop];
  switch (rng.int(7)) {
    case 0: {
      if (cx.locals.length === 0) return [Op.nop];
      const i = rng.int(cx.locals.length);
      return [...expr(cx, cx.locals[i]!), Op.local_set, ...uleb(i)];
    }
    case 1:
      return [...expr(cx, rng.pick(NUM_TYPES)), Op.drop];
    case 2:
      return inLabel(cx, true, () => [Op.block, EMPTY_BLOCK, ...stmts(cx, 3), ...expr(cx, I32), Op.br_if, 0, Op.end]);
    case 3:
      return inLabel(cx, true, () => [Op.loop, EMPTY_BLOCK, ...stmts(cx, 2), Op.end]);
    case 4: {
      const mutable = cx.globals.flatMap(([gt, m], i) => (m && (NUM_TYPES as readonly number[]).includes(gt) ? [i] : []));
      if (mutable.length === 0) return [Op.nop];
      const g = rng.pick(mutable);
      return [...expr(cx, cx.globals[g]![0]), Op.global_set, ...uleb(g)];
    }
    case 5:
      if (!cx.hasMemory) return [Op.nop];
      return [...i32Const(rng.int(1024)), ...expr(cx, I32), Op.i32_store, ...memarg(2, rng.int(16))];
    default:
      // br_table from a void block to void labels only.
      return inLabel(cx, true, () => {
        const voidDepths = cx.labels.flatMap((isVoid, i) => (isVoid ? [cx.labels.length - 1 - i] : []));
        const targets = Array.from({ length: rng.int(4) }, () => rng.pick(voidDepths));
        return [Op.block, EMPTY_BLOCK, ...expr(cx, I32), Op.br_table, ...uleb(targets.length), ...targets.flatMap(uleb), 0, Op.end];
      });
  }
}

/** Runs `emit` with one more enclosing label. */
function inLabel(cx: GenContext, isVoid: boolean, emit: () => number[]): number[] {
  cx.labels.push(isVoid);
  try {
    return emit();
  } finally {
    cx.labels.pop();
  }
}

function stmts(cx: GenContext, max: number): number[] {
  const n = cx.rng.int(max + 1);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(...stmt(cx));
  return out;
}

/** A random valid module using every section kind with some probability. */
export function randomModule(rng: Rng): Uint8Array {
  const b = new ModuleBuilder();
  const typeDefs: { params: number[]; results: number[] }[] = [];
  const numTypes = 1 + rng.int(4);
  for (let i = 0; i < numTypes; i++) {
    const params = Array.from({ length: rng.int(4) }, () => rng.pick(NUM_TYPES));
    const results = Array.from({ length: rng.int(3) }, () => rng.pick(NUM_TYPES));
    typeDefs.push({ params, results });
    b.addType(params, results);
  }
  const voidType = b.addType([], []);
  typeDefs.push({ params: [], results: [] });

  const funcTypes: number[] = [];
  const globals: [number, boolean][] = [];
  let hasMemory = false;
  let numTables = 0;
  let table0: number | undefined;

  if (rng.bool()) {
    const ty = rng.int(typeDefs.length);
    b.addImport('env', 'f', { kind: 'func', type: ty });
    funcTypes.push(ty);
  }
  if (rng.bool()) {
    b.addImport('env', 'g', { kind: 'global', valType: I32, mutable: rng.bool() });
    globals.push([I32, false]); // mutable or not, the generator only reads it
  }
  if (rng.int(4) === 0) {
    b.addImport('env', 'mem', { kind: 'memory', limits: { min: rng.int(2), max: 2 } });
    hasMemory = true;
  }
  if (rng.int(4) === 0) {
    b.addImport('env', 'tab', { kind: 'table', elemType: FUNCREF, limits: { min: rng.int(3) } });
    numTables++;
    table0 = FUNCREF;
  }

  const numFuncs = 1 + rng.int(5);
  const firstDefined = funcTypes.length;
  for (let i = 0; i < numFuncs; i++) funcTypes.push(rng.int(typeDefs.length));
  if (rng.bool()) {
    const elemType = rng.bool() ? FUNCREF : EXTERNREF;
    table0 ??= elemType;
    b.addTable(elemType, rng.bool() ? { min: rng.int(8) } : { min: 1, max: 1 + rng.int(100) });
    numTables++;
  }
  if (!hasMemory && rng.bool()) {
    b.addMemory(rng.bool() ? { min: 1 } : { min: 1, max: 1 + rng.int(10) });
    hasMemory = true;
  }
  const numGlobals = rng.int(4);
  for (let i = 0; i < numGlobals; i++) {
    const t = rng.pick(NUM_TYPES);
    const mutable = rng.bool();
    b.addGlobal(t, mutable, constOf(t, rng));
    globals.push([t, mutable]);
  }

  const cx: GenContext = { rng, b, locals: [], globals, hasMemory, funcTypes, typeDefs, labels: [], budget: 0 };
  for (let i = 0; i < numFuncs; i++) {
    const d = typeDefs[funcTypes[firstDefined + i]!]!;
    const locals: [number, number][] = Array.from({ length: rng.int(3) }, () => [1 + rng.int(3), rng.pick(NUM_TYPES)]);
    cx.locals = [...d.params, ...locals.flatMap(([n, t]) => Array<number>(n).fill(t))];
    cx.labels = [];
    cx.budget = 10 + rng.int(40);
    const code = [...stmts(cx, 4), ...d.results.flatMap((t) => expr(cx, t))];
    b.addFunction(funcTypes[firstDefined + i]!, code, locals);
  }

  const nFuncs = funcTypes.length;
  if (rng.bool()) b.addExport('f', Kind.Func, rng.int(nFuncs));
  if (hasMemory && rng.bool()) b.addExport('memory', Kind.Memory, 0);
  if (globals.length > 0 && rng.bool()) b.addExport('g', Kind.Global, rng.int(globals.length));
  if (rng.int(3) === 0) {
    b.start = firstDefined + numFuncs;
    b.addFunction(voidType, [Op.nop]);
    funcTypes.push(voidType);
  }
  if (table0 === FUNCREF && rng.bool()) {
    b.addElem({ mode: 'active', offset: i32Const(0), funcs: [rng.int(funcTypes.length)] });
  }
  if (numTables > 0 && rng.bool()) {
    b.addElem({ mode: 'passive', funcs: Array.from({ length: 1 + rng.int(3) }, () => rng.int(funcTypes.length)) });
  }
  if (rng.bool()) b.addElem({ mode: 'declarative', funcs: [rng.int(funcTypes.length)] });
  if (hasMemory && rng.bool()) {
    b.addData({ mode: 'passive', bytes: Array.from({ length: rng.int(8) }, () => rng.int(256)) });
    if (rng.bool()) b.addData({ mode: 'active', offset: i32Const(0), bytes: [rng.int(256)] });
    b.dataCount = rng.bool();
  }
  if (rng.bool()) b.addCustom('meta', Array.from({ length: rng.int(6) }, () => rng.int(256)), rng.pick([0, 1, 3, 7, 10, AT_END]));
  if (rng.bool()) b.addCustom('name', nameSectionPayload({ module: 'rand', functions: [[0, 'f0']] }));
  return b.toBytes();
}
