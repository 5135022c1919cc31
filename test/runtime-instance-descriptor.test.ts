/**
 * The module descriptor encoder (src/link/descriptor.ts), read back field by field with a
 * decoder written here from the layouts of src/abi/descriptor.ts: every field of the head,
 * every array and blob where the format puts it, and every initializer's bits, for modules
 * assembled by wabt's wat2wasm and decoded by translate.
 */
import { describe, expect, test } from 'vitest';
import {
  BUILTINS,
  DATA_DESC,
  DESCRIPTOR_MAGIC,
  DESCRIPTOR_VERSION,
  DESC_NONE,
  ELEM_DESC,
  ELEM_ITEM,
  EXPORT_DESC,
  FUNC_DESC,
  FUNC_INFO,
  GLOBAL_DESC,
  IMPORT_DESC,
  INIT_CONST,
  INIT_GLOBAL_GET,
  INIT_NONE,
  INIT_REF_FUNC,
  INIT_REF_NULL,
  MEMORY_DESC,
  MODULE_DESC,
  SEGMENT_ACTIVE,
  SEGMENT_DECLARATIVE,
  SEGMENT_PASSIVE,
  TABLE_DESC,
  TRAP_SITE,
  TYPE_DESC,
  computeVmctxLayout,
  encodeFuncTable,
  encodeTrapTable,
  trapCode,
  type StructLayout,
} from '../src/abi/index.js';
import { encodeDescriptor, type DescriptorCode } from '../src/link/descriptor.js';
import { DEFAULT_CPU_LEVEL, cpuLevelFeatures } from '../src/abi/cpu.js';
import { decodeModule, type ModuleInfo } from '../src/translate/index.js';
import { wat2wasm } from './helpers/wabt.js';
import { FUNCREF, I32, ModuleBuilder, globalGet, i32Const, refNull } from './helpers/wasm-builder.js';

type Row = Record<string, number | bigint>;

function readStruct(bytes: Uint8Array, at: number, layout: StructLayout): Row {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const row: Row = {};
  for (const f of layout.fields) {
    row[f.name] = f.type === 'uint64_t' ? view.getBigUint64(at + f.offset, true) : view.getUint32(at + f.offset, true);
  }
  return row;
}

interface Decoded {
  head: Row;
  array(name: string, layout: StructLayout): Row[];
  blob(name: string): Uint8Array;
}

function decode(bytes: Uint8Array): Decoded {
  const head = readStruct(bytes, 0, MODULE_DESC);
  return {
    head,
    array(name, layout) {
      const count = head[`${name}_count`] as number;
      const off = head[`${name}_off`] as number;
      return Array.from({ length: count }, (_, i) => readStruct(bytes, off + i * layout.size, layout));
    },
    blob(name) {
      const off = head[`${name}_off`] as number;
      return bytes.subarray(off, off + (head[`${name}_size`] as number));
    },
  };
}

const text = new TextDecoder();

function code(m: ModuleInfo, extra: Partial<DescriptorCode> = {}): DescriptorCode {
  const defined = m.funcTypes.length - m.numImportedFuncs;
  const offsets = Uint32Array.from({ length: defined }, (_, i) => 16 * i);
  const funcs = encodeFuncTable(Array.from(offsets, (o, i) => ({ textOffset: o, size: 8, name: `f${i}` })));
  return {
    textSize: 16 * defined + 128,
    funcTextOffsets: offsets,
    trampolines: new Map(),
    trapTable: encodeTrapTable(Array.from(offsets, (o) => ({ textOffset: o + 2, code: trapCode('unreachable') }))),
    funcTable: funcs.table,
    names: funcs.names,
    boundsChecks: false,
    cpuLevel: DEFAULT_CPU_LEVEL,
    ...extra,
  };
}

const WAT = `
(module
  (type $v (func))
  (type $ii_i (func (param i32 i64) (result i32)))
  (import "env" "f" (func $imp (type $ii_i)))
  (import "other" "tab" (table 3 funcref))
  (import "env" "g" (global $gi i32))
  (import "env" "gref" (global $gr funcref))
  (import "env" "gf" (global $gf f64))
  (func $a (type $v))
  (func $b (type $ii_i) (i32.const 0))
  (table $t (export "t") 4 externref)
  (table $u 2 7 funcref)
  (memory (export "m") 2)
  (global (export "i32") i32 (i32.const -7))
  (global i64 (i64.const -2))
  (global (mut f32) (f32.const 1.5))
  (global f32 (f32.const nan:0x200001))
  (global f64 (f64.const -2.25))
  (global v128 (v128.const i32x4 0x01020304 0x05060708 0x090a0b0c 0x0d0e0f10))
  (global funcref (ref.null func))
  (global externref (ref.null extern))
  (global (export "fa") funcref (ref.func $a))
  (global i32 (global.get $gi))
  (global f64 (global.get $gf))
  (elem (table 0) (i32.const 1) func $a $b)
  (elem (table $u) (global.get $gi) funcref (ref.func $b) (ref.null func))
  (elem $p funcref (ref.func $imp))
  (elem declare func $a)
  (elem (table $t) (i32.const 0) externref (ref.null extern))
  (data (i32.const 8) "hello")
  (data $pass "passive\\00bytes")
  (data (global.get $gi) "")
  (export "env" (func $imp))
  (export "b" (func $b))
  (export "g" (global $gi))
  (start $a)
)`;

describe('encodeDescriptor', () => {
  const wasm = wat2wasm(WAT);
  const m = decodeModule(wasm);
  const c = code(m, { trampolines: new Map([[1, 96], [0, 80]]), boundsChecks: true, cpuLevel: DEFAULT_CPU_LEVEL });
  const bytes = encodeDescriptor(m, wasm, c);
  const d = decode(bytes);

  test('the head: magic, version, size, flags, counts and the vmctx layout of computeVmctxLayout', () => {
    const l = computeVmctxLayout(m);
    expect(d.head).toMatchObject({
      magic: DESCRIPTOR_MAGIC,
      version: DESCRIPTOR_VERSION,
      size: bytes.length,
      flags: 1,
      text_size: c.textSize,
      start_func: 1,
      num_imported_funcs: 1,
      num_imported_tables: 1,
      num_imported_memories: 0,
      num_imported_globals: 3,
      vmctx_size: l.size,
      vmctx_memories: l.memories,
      vmctx_tables: l.tables,
      vmctx_type_ids: l.typeIds,
      vmctx_funcrefs: l.funcRefs,
      vmctx_imported_globals: l.importedGlobals,
      vmctx_globals: l.globals,
      num_builtins: BUILTINS.length,
      cpu_level: 2,
      cpu_features: cpuLevelFeatures(2),
      types_count: 2,
      imports_count: 5,
      exports_count: 7,
      funcs_count: 3,
      memories_count: 1,
      tables_count: 3,
      globals_count: 14,
      elems_count: 5,
      datas_count: 3,
      trap_sites_count: 2,
      func_infos_count: 2,
    });
    expect(text.decode(bytes.subarray(0, 4))).toBe('W2OM');
  });

  test('arrays and blobs follow the head in the format order, 8-aligned, without overlap, inside the size', () => {
    const names = ['types', 'imports', 'exports', 'funcs', 'memories', 'tables', 'globals', 'elems', 'datas', 'trap_sites', 'func_infos'];
    const sizes = [TYPE_DESC, IMPORT_DESC, EXPORT_DESC, FUNC_DESC, MEMORY_DESC, TABLE_DESC, GLOBAL_DESC, ELEM_DESC, DATA_DESC, TRAP_SITE, FUNC_INFO].map((s) => s.size);
    let end = MODULE_DESC.size;
    names.forEach((n, i) => {
      const off = d.head[`${n}_off`] as number;
      expect(off % 8, n).toBe(0);
      expect(off, n).toBeGreaterThanOrEqual(end);
      end = off + (d.head[`${n}_count`] as number) * sizes[i]!;
    });
    for (const n of ['names', 'strings', 'bytes']) {
      const off = d.head[`${n}_off`] as number;
      expect(off % 8, n).toBe(0);
      expect(off, n).toBeGreaterThanOrEqual(end);
      end = off + (d.head[`${n}_size`] as number);
    }
    expect(end).toBeLessThanOrEqual(bytes.length);
    expect(bytes.length % 8).toBe(0);
    expect(bytes.length - end).toBeLessThan(8);
  });

  test('types: value types in the bytes blob, and the trampolines', () => {
    const blob = d.blob('bytes');
    const types = d.array('types', TYPE_DESC).map((t) => ({
      params: [...blob.subarray(t.params_off as number, (t.params_off as number) + (t.num_params as number))],
      results: [...blob.subarray(t.results_off as number, (t.results_off as number) + (t.num_results as number))],
      trampoline: t.trampoline,
      reserved: t.reserved,
    }));
    expect(types).toEqual([
      { params: [], results: [], trampoline: 80, reserved: 0 },
      { params: [0x7f, 0x7e], results: [0x7f], trampoline: 96, reserved: 0 },
    ]);
    const none = decode(encodeDescriptor(m, wasm, code(m)));
    expect(none.array('types', TYPE_DESC).map((t) => t.trampoline)).toEqual([DESC_NONE, DESC_NONE]);
  });

  test('imports and exports: names in the strings blob (each once), kinds, indices', () => {
    const s = d.blob('strings');
    const str = (off: number | bigint, len: number | bigint) => text.decode(s.subarray(Number(off), Number(off) + Number(len)));
    expect(d.array('imports', IMPORT_DESC).map((i) => [str(i.module_off!, i.module_len!), str(i.name_off!, i.name_len!), i.kind, i.index])).toEqual([
      ['env', 'f', 0, 0],
      ['other', 'tab', 1, 0],
      ['env', 'g', 3, 0],
      ['env', 'gref', 3, 1],
      ['env', 'gf', 3, 2],
    ]);
    expect(d.array('exports', EXPORT_DESC).map((e) => [str(e.name_off!, e.name_len!), e.kind, e.index])).toEqual([
      ['t', 1, 1],
      ['m', 2, 0],
      ['i32', 3, 3],
      ['fa', 3, 11],
      ['env', 0, 0],
      ['b', 0, 2],
      ['g', 3, 0],
    ]);
    expect(text.decode(s)).toBe('envfothertabggrefgftmi32fab');
  });

  test('functions, memories and tables', () => {
    expect(d.array('funcs', FUNC_DESC)).toEqual([
      { type: 1, text_offset: DESC_NONE },
      { type: 0, text_offset: 0 },
      { type: 1, text_offset: 16 },
    ]);
    expect(d.array('memories', MEMORY_DESC)).toEqual([{ min_pages: 2, max_pages: DESC_NONE }]);
    expect(d.array('tables', TABLE_DESC)).toEqual([
      { elem_type: 0x70, min: 3, max: DESC_NONE, reserved: 0 },
      { elem_type: 0x6f, min: 4, max: DESC_NONE, reserved: 0 },
      { elem_type: 0x70, min: 2, max: 7, reserved: 0 },
    ]);
  });

  test('globals: imported ones without initializer, every constant as its bits, ref.null, ref.func, global.get', () => {
    const g = (type: number, mutable: number, init: number, index: number, lo: bigint, hi = 0n) => ({
      type, mutable, init, index, value_lo: lo, value_hi: hi,
    });
    expect(d.array('globals', GLOBAL_DESC)).toEqual([
      g(0x7f, 0, INIT_NONE, 0, 0n),
      g(0x70, 0, INIT_NONE, 0, 0n),
      g(0x7c, 0, INIT_NONE, 0, 0n),
      g(0x7f, 0, INIT_CONST, 0, 0xfffffff9n),
      g(0x7e, 0, INIT_CONST, 0, 0xfffffffffffffffen),
      g(0x7d, 1, INIT_CONST, 0, 0x3fc00000n),
      g(0x7d, 0, INIT_CONST, 0, 0x7fa00001n),
      g(0x7c, 0, INIT_CONST, 0, 0xc002000000000000n),
      g(0x7b, 0, INIT_CONST, 0, 0x0506070801020304n, 0x0d0e0f10090a0b0cn),
      g(0x70, 0, INIT_REF_NULL, 0, 0n),
      g(0x6f, 0, INIT_REF_NULL, 0, 0n),
      g(0x70, 0, INIT_REF_FUNC, 1, 0n),
      g(0x7f, 0, INIT_GLOBAL_GET, 0, 0n),
      g(0x7c, 0, INIT_GLOBAL_GET, 2, 0n),
    ]);
  });

  test('element segments: modes, tables, offsets, items 8-aligned in the bytes blob', () => {
    const blob = d.blob('bytes');
    const elems = d.array('elems', ELEM_DESC);
    const items = elems.map((e) => {
      expect((e.items_off as number) % 8).toBe(0);
      return Array.from({ length: e.num_items as number }, (_, k) => {
        const it = readStruct(blob, (e.items_off as number) + k * ELEM_ITEM.size, ELEM_ITEM);
        return [it.init, it.index];
      });
    });
    expect(elems.map((e) => [e.mode, e.table, e.offset_init, e.offset_value, e.elem_type, e.num_items, e.reserved])).toEqual([
      [SEGMENT_ACTIVE, 0, INIT_CONST, 1, 0x70, 2, 0],
      [SEGMENT_ACTIVE, 2, INIT_GLOBAL_GET, 0, 0x70, 2, 0],
      [SEGMENT_PASSIVE, 0, INIT_NONE, 0, 0x70, 1, 0],
      [SEGMENT_DECLARATIVE, 0, INIT_NONE, 0, 0x70, 1, 0],
      [SEGMENT_ACTIVE, 1, INIT_CONST, 0, 0x6f, 1, 0],
    ]);
    expect(items).toEqual([
      [[INIT_REF_FUNC, 1], [INIT_REF_FUNC, 2]],
      [[INIT_REF_FUNC, 2], [INIT_REF_NULL, 0]],
      [[INIT_REF_FUNC, 0]],
      [[INIT_REF_FUNC, 1]],
      [[INIT_REF_NULL, 0]],
    ]);
  });

  test('data segments: their bytes copied from the input, offsets as given', () => {
    const blob = d.blob('bytes');
    const datas = d.array('datas', DATA_DESC);
    expect(datas.map((s) => [s.mode, s.memory, s.offset_init, s.offset_value, s.size])).toEqual([
      [SEGMENT_ACTIVE, 0, INIT_CONST, 8, 5],
      [SEGMENT_PASSIVE, 0, INIT_NONE, 0, 13],
      [SEGMENT_ACTIVE, 0, INIT_GLOBAL_GET, 0, 0],
    ]);
    const contents = datas.map((s) => blob.subarray(s.bytes_off as number, (s.bytes_off as number) + (s.size as number)));
    expect(contents.map((b) => text.decode(b))).toEqual(['hello', 'passive\0bytes', '']);
    m.datas.forEach((seg, i) => expect(contents[i]).toEqual(wasm.subarray(seg.dataStart, seg.dataEnd)));
  });

  test('the trap table, function table and names are the ones given', () => {
    const at = (n: string) => d.head[`${n}_off`] as number;
    expect(bytes.subarray(at('trap_sites'), at('trap_sites') + c.trapTable.length)).toEqual(c.trapTable);
    expect(bytes.subarray(at('func_infos'), at('func_infos') + c.funcTable.length)).toEqual(c.funcTable);
    expect(d.blob('names')).toEqual(c.names);
  });

  test('deterministic: the same input gives the same bytes, whatever the order trampolines were added in', () => {
    const again = encodeDescriptor(decodeModule(wasm), wasm, { ...c, trampolines: new Map([[0, 80], [1, 96]]) });
    expect(again).toEqual(bytes);
  });

  test('a module with nothing in it', () => {
    const empty = wat2wasm('(module)');
    const e = encodeDescriptor(decodeModule(empty), empty, {
      textSize: 0, funcTextOffsets: new Uint32Array(0), trampolines: new Map(), trapTable: new Uint8Array(0),
      funcTable: new Uint8Array(0), names: new Uint8Array(0), boundsChecks: false, cpuLevel: DEFAULT_CPU_LEVEL,
    });
    const h = decode(e).head;
    expect(e.length).toBe(MODULE_DESC.size);
    expect(h).toMatchObject({ size: MODULE_DESC.size, flags: 0, start_func: DESC_NONE, text_size: 0, types_count: 0, bytes_size: 0 });
    expect(h.types_off).toBe(MODULE_DESC.size);
  });

  test('refuses code that does not match the module', () => {
    expect(() => encodeDescriptor(m, wasm, { ...c, funcTextOffsets: new Uint32Array(1) })).toThrow(/1 function offsets for 2 defined/);
    expect(() => encodeDescriptor(m, wasm, { ...c, funcTextOffsets: Uint32Array.of(0, c.textSize) })).toThrow(/outside the/);
    expect(() => encodeDescriptor(m, wasm, { ...c, trampolines: new Map([[5, 0]]) })).toThrow(/unknown type 5/);
    expect(() => encodeDescriptor(m, wasm, { ...c, trapTable: new Uint8Array(3) })).toThrow(/whole entries/);
  });

  test('an imported memory, and a global.get element item (built with wasm-builder: wabt cannot write one)', () => {
    const b = new ModuleBuilder();
    b.addImport('env', 'mem', { kind: 'memory', limits: { min: 1, max: 5 } });
    const g = b.addImport('env', 'ref', { kind: 'global', valType: FUNCREF, mutable: false });
    b.addImport('env', 'at', { kind: 'global', valType: I32, mutable: false });
    b.addTable(FUNCREF, { min: 4 });
    b.addElem({ mode: 'active', offset: globalGet(1), type: FUNCREF, exprs: [globalGet(g), refNull(FUNCREF)] });
    b.addData({ mode: 'active', offset: i32Const(-1), bytes: [1, 2] });
    const w = b.toBytes();
    const mod = decodeModule(w);
    const e = decode(encodeDescriptor(mod, w, code(mod)));
    expect(e.head).toMatchObject({ num_imported_memories: 1, memories_count: 1, num_imported_globals: 2 });
    expect(e.array('memories', MEMORY_DESC)).toEqual([{ min_pages: 1, max_pages: 5 }]);
    const [seg] = e.array('elems', ELEM_DESC);
    expect(seg).toMatchObject({ mode: SEGMENT_ACTIVE, table: 0, offset_init: INIT_GLOBAL_GET, offset_value: 1, num_items: 2 });
    const blob = e.blob('bytes');
    const items = [0, 1].map((k) => readStruct(blob, (seg!.items_off as number) + 8 * k, ELEM_ITEM));
    expect(items).toEqual([{ init: INIT_GLOBAL_GET, index: 0 }, { init: INIT_REF_NULL, index: 0 }]);
    // An i32 offset is its u32 bits.
    expect(e.array('datas', DATA_DESC)[0]).toMatchObject({ offset_init: INIT_CONST, offset_value: 0xffffffff, size: 2 });
  });
});
