/**
 * The test builder checked against independent references: known LEB128 vectors, wabt's
 * `wat2wasm` (byte-for-byte), and V8 (validation and execution).
 */
import { describe, expect, it } from 'vitest';
import {
  AT_END, EMPTY_BLOCK, EXTERNREF, F32, F64, FUNCREF, I32, I64, Kind, ModuleBuilder, Op, OpFC, OpSimd, SectionId, V128,
  customSection, f32Const, f64Const, fc, globalGet, hex, i32Const, i64Const, memarg, moduleBytes, nameSectionPayload, rawSection, refFunc,
  refNull, section, sleb32, sleb64, uleb, uleb64, ulebPadded, v128Const,
} from './helpers/wasm-builder.js';
import { requireTool, wat2wasm } from './helpers/wabt.js';

describe('LEB128 encoders', () => {
  it('match known unsigned encodings', () => {
    expect(uleb(0)).toEqual([0x00]);
    expect(uleb(127)).toEqual([0x7f]);
    expect(uleb(128)).toEqual([0x80, 0x01]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(uleb(0x8000_0000)).toEqual([0x80, 0x80, 0x80, 0x80, 0x08]);
    expect(uleb(0xffff_ffff)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect(ulebPadded(1)).toEqual([0x81, 0x80, 0x80, 0x80, 0x00]);
    expect(ulebPadded(0, 2)).toEqual([0x80, 0x00]);
    expect(uleb64(0xffff_ffff_ffff_ffffn)).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    expect(() => uleb(-1)).toThrow(RangeError);
    expect(() => uleb(2 ** 32)).toThrow(RangeError);
  });

  it('match known signed encodings', () => {
    expect(sleb32(0)).toEqual([0x00]);
    expect(sleb32(-1)).toEqual([0x7f]);
    expect(sleb32(63)).toEqual([0x3f]);
    expect(sleb32(64)).toEqual([0xc0, 0x00]);
    expect(sleb32(-64)).toEqual([0x40]);
    expect(sleb32(-65)).toEqual([0xbf, 0x7f]);
    expect(sleb32(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(sleb32(0x7fff_ffff)).toEqual([0xff, 0xff, 0xff, 0xff, 0x07]);
    expect(sleb32(-0x8000_0000)).toEqual([0x80, 0x80, 0x80, 0x80, 0x78]);
    expect(sleb64(-(1n << 63n))).toEqual([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f]);
    expect(sleb64((1n << 63n) - 1n)).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00]);
    expect(() => sleb32(0x8000_0000)).toThrow(RangeError);
  });

  it('round-trip through V8 as i32.const / i64.const results', async () => {
    const i32s = [0, 1, -1, 63, 64, -64, -65, 8191, -8192, 0x7fff_ffff, -0x8000_0000, 123456789, -987654321];
    const i64s = [0n, -1n, 1n << 40n, -(1n << 40n), (1n << 63n) - 1n, -(1n << 63n), 0x1234_5678_9abc_def0n];
    const b = new ModuleBuilder();
    const ti = b.addType([], [I32]);
    const tl = b.addType([], [I64]);
    i32s.forEach((v, i) => b.addExport(`i${i}`, Kind.Func, b.addFunction(ti, i32Const(v))));
    i64s.forEach((v, i) => b.addExport(`l${i}`, Kind.Func, b.addFunction(tl, i64Const(v))));
    const instance = (await WebAssembly.instantiate(b.toBytes())).instance;
    const ex = instance.exports as Record<string, () => number | bigint>;
    i32s.forEach((v, i) => expect(ex[`i${i}`]!()).toBe(v));
    i64s.forEach((v, i) => expect(ex[`l${i}`]!()).toBe(v));
  });
});

/** Pairs of WAT text and the builder's rendering of the same module. */
const wabtCases: { name: string; wat: string; flags?: string[]; build: () => Uint8Array<ArrayBuffer> }[] = [
  { name: 'empty module', wat: '(module)', build: () => new ModuleBuilder().toBytes() },
  {
    name: 'type, function, export',
    wat: `(module (type (func (param i32 i32) (result i32)))
            (func (type 0) local.get 0 local.get 1 i32.add)
            (export "add" (func 0)))`,
    build: () => {
      const b = new ModuleBuilder();
      const t = b.addType([I32, I32], [I32]);
      b.addExport('add', Kind.Func, b.addFunction(t, [Op.local_get, 0, Op.local_get, 1, Op.i32_add]));
      return b.toBytes();
    },
  },
  {
    name: 'imports of every kind',
    wat: `(module (type (func (param i64)))
            (import "env" "f" (func (type 0)))
            (import "env" "t" (table 1 10 funcref))
            (import "env" "m" (memory 1))
            (import "env" "g" (global (mut f64)))
            (import "" "\\e2\\82\\ac" (global externref)))`,
    build: () => {
      const b = new ModuleBuilder();
      const t = b.addType([I64], []);
      b.addImport('env', 'f', { kind: 'func', type: t });
      b.addImport('env', 't', { kind: 'table', elemType: FUNCREF, limits: { min: 1, max: 10 } });
      b.addImport('env', 'm', { kind: 'memory', limits: { min: 1 } });
      b.addImport('env', 'g', { kind: 'global', valType: F64, mutable: true });
      b.addImport('', '\u20ac', { kind: 'global', valType: EXTERNREF, mutable: false });
      return b.toBytes();
    },
  },
  {
    name: 'tables, memory, globals of every type, start',
    wat: `(module (type (func))
            (import "env" "base" (global i32))
            (table 0 funcref) (table 3 100000 externref)
            (memory 2 65536)
            (global i32 (i32.const -5))
            (global (mut i64) (i64.const -9223372036854775808))
            (global f32 (f32.const 1.5))
            (global f64 (f64.const -0.25))
            (global v128 (v128.const i32x4 1 2 3 4))
            (global funcref (ref.null func))
            (global externref (ref.null extern))
            (global funcref (ref.func 0))
            (global i32 (global.get 0))
            (func (type 0))
            (start 0))`,
    build: () => {
      const b = new ModuleBuilder();
      const t = b.addType([], []);
      b.addImport('env', 'base', { kind: 'global', valType: I32, mutable: false });
      b.addTable(FUNCREF, { min: 0 });
      b.addTable(EXTERNREF, { min: 3, max: 100000 });
      b.addMemory({ min: 2, max: 65536 });
      b.addGlobal(I32, false, i32Const(-5));
      b.addGlobal(I64, true, i64Const(-(1n << 63n)));
      b.addGlobal(F32, false, f32Const(1.5));
      b.addGlobal(F64, false, f64Const(-0.25));
      b.addGlobal(V128, false, v128Const([1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0]));
      b.addGlobal(FUNCREF, false, refNull(FUNCREF));
      b.addGlobal(EXTERNREF, false, refNull(EXTERNREF));
      const f = b.functions.length; // no imported functions
      b.addGlobal(FUNCREF, false, refFunc(f));
      b.addGlobal(I32, false, globalGet(0));
      b.start = b.addFunction(t, []);
      return b.toBytes();
    },
  },
  {
    name: 'element segments in all eight encodings',
    wat: `(module (type (func))
            (table 2 funcref) (table 2 funcref)
            (func (type 0))
            (elem (i32.const 0) func 0)
            (elem (table 1) (i32.const 0) func 0)
            (elem func 0)
            (elem declare func 0)
            (elem (i32.const 0) funcref (ref.null func) (ref.func 0))
            (elem (table 1) (i32.const 1) funcref (ref.null func))
            (elem funcref (ref.null func))
            (elem declare funcref (ref.null func) (ref.func 0)))`,
    build: () => {
      const b = new ModuleBuilder();
      const t = b.addType([], []);
      b.addTable(FUNCREF, { min: 2 });
      b.addTable(FUNCREF, { min: 2 });
      b.addFunction(t, []);
      b.addElem({ mode: 'active', offset: i32Const(0), funcs: [0] });
      b.addElem({ mode: 'active', table: 1, offset: i32Const(0), funcs: [0] });
      b.addElem({ mode: 'passive', funcs: [0] });
      b.addElem({ mode: 'declarative', funcs: [0] });
      b.addElem({ mode: 'active', offset: i32Const(0), type: FUNCREF, exprs: [refNull(FUNCREF), refFunc(0)] });
      b.addElem({ mode: 'active', table: 1, offset: i32Const(1), type: FUNCREF, exprs: [refNull(FUNCREF)] });
      b.addElem({ mode: 'passive', type: FUNCREF, exprs: [refNull(FUNCREF)] });
      b.addElem({ mode: 'declarative', type: FUNCREF, exprs: [refNull(FUNCREF), refFunc(0)] });
      return b.toBytes();
    },
  },
  {
    name: 'data segments, data count, bulk memory',
    wat: `(module (type (func))
            (memory 1)
            (func (type 0)
              i32.const 0 i32.const 0 i32.const 2 memory.init 1
              data.drop 0
              i32.const 0 i32.const 1 i32.const 1 memory.copy
              i32.const 0 i32.const 7 i32.const 1 memory.fill)
            (data (i32.const 16) "ab")
            (data "xyz"))`,
    build: () => {
      const b = new ModuleBuilder();
      const t = b.addType([], []);
      b.addMemory({ min: 1 });
      b.addFunction(t, [
        ...i32Const(0), ...i32Const(0), ...i32Const(2), ...fc(OpFC.memory_init, 1, 0),
        ...fc(OpFC.data_drop, 0),
        ...i32Const(0), ...i32Const(1), ...i32Const(1), ...fc(OpFC.memory_copy, 0, 0),
        ...i32Const(0), ...i32Const(7), ...i32Const(1), ...fc(OpFC.memory_fill, 0),
      ]);
      b.addData({ mode: 'active', offset: i32Const(16), bytes: [0x61, 0x62] });
      b.addData({ mode: 'passive', bytes: [0x78, 0x79, 0x7a] });
      b.dataCount = true;
      return b.toBytes();
    },
  },
  {
    name: 'name section: module, function and local names',
    wat: '(module $m (func $id (param $x i32) (result i32) (local $tmp i64) local.get 0))',
    flags: ['--debug-names'],
    build: () => {
      const b = new ModuleBuilder();
      b.addFunction(b.addType([I32], [I32]), [Op.local_get, 0], [[1, I64]]);
      b.addCustom('name', nameSectionPayload({ module: 'm', functions: [[0, 'id']], locals: [[0, [[0, 'x'], [1, 'tmp']]]] }));
      return b.toBytes();
    },
  },
  {
    name: 'bodies: locals, control, calls, memory, tables, SIMD',
    wat: `(module
            (type (func (param i32) (result i32)))
            (type (func))
            (table 1 funcref)
            (memory 1)
            (func (type 0) (local i64 i64 f32) (local v128)
              block (result i32)
                loop
                  local.get 0
                  br_if 0
                end
                local.get 0
                if (result i32)
                  i32.const 1
                else
                  i32.const 2
                end
                local.get 0
                br_table 0 0 0
              end
              drop
              i32.const 0
              i32.load offset=4294967295
              i32.const 0
              call_indirect (type 0)
              i32.const 7
              local.get 0
              select (result i32)
              i32.const 0
              v128.load offset=16
              i32x4.extract_lane 3
              i32.add
              call 0)
            (func (type 1)
              ref.null func i32.const 3 table.grow 0 drop
              table.size 0 drop
              i32.const 0 ref.func 0 table.set 0
              ref.func 1 ref.is_null drop)
            (elem declare func 0 1))`,
    build: () => {
      const b = new ModuleBuilder();
      const t0 = b.addType([I32], [I32]);
      const t1 = b.addType([], []);
      b.addTable(FUNCREF, { min: 1 });
      b.addMemory({ min: 1 });
      b.addFunction(
        t0,
        [
          Op.block, I32,
          Op.loop, EMPTY_BLOCK, Op.local_get, 0, Op.br_if, 0, Op.end,
          Op.local_get, 0, Op.if, I32, ...i32Const(1), Op.else, ...i32Const(2), Op.end,
          Op.local_get, 0, Op.br_table, 2, 0, 0, 0,
          Op.end,
          Op.drop,
          ...i32Const(0), Op.i32_load, ...memarg(2, 0xffff_ffff),
          ...i32Const(0), Op.call_indirect, t0, 0,
          ...i32Const(7), Op.local_get, 0, Op.select_t, 1, I32,
          ...i32Const(0), Op.prefix_simd, ...uleb(OpSimd.v128_load), ...memarg(4, 16),
          Op.prefix_simd, ...uleb(OpSimd.i32x4_extract_lane), 3,
          Op.i32_add,
          Op.call, 0,
        ],
        [[2, I64], [1, F32], [1, V128]],
      );
      b.addFunction(t1, [
        ...refNull(FUNCREF), ...i32Const(3), ...fc(OpFC.table_grow, 0), Op.drop,
        ...fc(OpFC.table_size, 0), Op.drop,
        ...i32Const(0), ...refFunc(0), Op.table_set, 0,
        ...refFunc(1), Op.ref_is_null, Op.drop,
      ]);
      // ref.func in a body needs the function declared in an element segment.
      b.addElem({ mode: 'declarative', funcs: [0, 1] });
      return b.toBytes();
    },
  },
];

describe('builder output equals wat2wasm', () => {
  requireTool('wat2wasm');
  for (const c of wabtCases) {
    it(c.name, () => {
      const expected = wat2wasm(c.wat, c.flags);
      const actual = c.build();
      expect(hex(actual, 1 << 16)).toBe(hex(expected, 1 << 16));
    });
  }
});

describe('builder output accepted by V8', () => {
  for (const c of wabtCases) {
    it(c.name, () => {
      expect(WebAssembly.validate(c.build())).toBe(true);
    });
  }

  it('runs a function with locals and control flow', async () => {
    // (func (param i32) (result i32) (local i32 i32)): sum of 0..n-1 with a loop
    const b = new ModuleBuilder();
    const t = b.addType([I32], [I32]);
    const f = b.addFunction(
      t,
      [
        Op.block, EMPTY_BLOCK,
        Op.loop, EMPTY_BLOCK,
        Op.local_get, 1, Op.local_get, 0, Op.i32_lt_s, Op.i32_eqz, Op.br_if, 1,
        Op.local_get, 2, Op.local_get, 1, Op.i32_add, Op.local_set, 2,
        Op.local_get, 1, ...i32Const(1), Op.i32_add, Op.local_set, 1,
        Op.br, 0,
        Op.end,
        Op.end,
        Op.local_get, 2,
      ],
      [[2, I32]],
    );
    b.addExport('sum', Kind.Func, f);
    const instance = (await WebAssembly.instantiate(b.toBytes())).instance;
    expect((instance.exports.sum as (n: number) => number)(100)).toBe(4950);
  });

  it('places custom sections where asked, with the right payload', () => {
    const b = new ModuleBuilder();
    b.addType([], []);
    b.addCustom('first', [1, 2, 3], SectionId.Custom);
    b.addCustom('after-type', [4], SectionId.Type);
    b.addCustom('last', [5, 6], AT_END);
    const bytes = b.toBytes();
    const mod = new WebAssembly.Module(bytes);
    const payload = (n: string) => WebAssembly.Module.customSections(mod, n).map((p) => [...new Uint8Array(p)]);
    expect(payload('first')).toEqual([[1, 2, 3]]);
    expect(payload('after-type')).toEqual([[4]]);
    expect(payload('last')).toEqual([[5, 6]]);
    expect(bytes[8]).toBe(SectionId.Custom);
    expect(bytes[bytes.length - 1]).toBe(6);
  });

  it('accepts padded LEB128 section sizes and counts', () => {
    const bytes = moduleBytes(
      rawSection(SectionId.Type, [...ulebPadded(1), ...[0x60, 0x00, 0x00]], ulebPadded(8)),
      customSection('pad', []),
    );
    expect(WebAssembly.validate(bytes)).toBe(true);
    const badSize = moduleBytes(rawSection(SectionId.Type, [0x01, 0x60, 0x00, 0x00], ulebPadded(5)));
    expect(WebAssembly.validate(badSize)).toBe(false);
    expect(section(SectionId.Start, [0])).toEqual([8, 1, 0]);
  });
});
