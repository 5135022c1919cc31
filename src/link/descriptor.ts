/**
 * The module descriptor as bytes (contract 3; the format is src/abi/descriptor.ts): what
 * the object holds as `<prefix>_module` and the runtime instantiates from.
 *
 * Layout, in this order, each piece starting at a multiple of DESCRIPTOR_ALIGN:
 *
 *   w2o_module_desc head
 *   arrays in MODULE_DESC order: types, imports, exports, funcs, memories, tables,
 *     globals, elems, datas, trap_sites, func_infos (an empty array is at the offset where
 *     it would start)
 *   blobs: names (the function table's), strings, bytes
 *
 * Inside the blobs, offsets count from the blob's start. The strings blob holds each
 * distinct import/export string once, in first-use order (imports, then exports). The
 * bytes blob holds, in order: each type's parameter then result types, the items of every
 * element segment (each run 8-aligned), then the contents of every data segment.
 *
 * Every struct is written field by field from its StructLayout, and every field must be
 * given: a field added to the format and forgotten here throws instead of writing zeros.
 * Nothing depends on anything but the arguments, so the same module and code give the
 * same bytes.
 */
import type { StructLayout } from '../abi/layout.js';
import {
  DATA_DESC,
  DESCRIPTOR_ALIGN,
  DESCRIPTOR_MAGIC,
  DESCRIPTOR_VERSION,
  DESC_FLAG_BOUNDS_CHECKS,
  DESC_NONE,
  ELEM_DESC,
  ELEM_ITEM,
  EXPORT_DESC,
  FUNC_DESC,
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
  TYPE_DESC,
} from '../abi/descriptor.js';
import { cpuLevelFeatures, type CpuLevel } from '../abi/cpu.js';
import { FUNC_INFO, TRAP_SITE } from '../abi/layout.js';
import { BUILTINS, computeVmctxLayout } from '../abi/vmctx.js';
import { ExternKind, type ConstExpr, type ModuleInfo, type SegmentMode } from '../translate/types.js';

/** What link knows of the code when it builds the descriptor. */
export interface DescriptorCode {
  /** Bytes of the module's `.text`. */
  textSize: number;
  /** Per defined function (in defined order), its offset in `.text`. */
  funcTextOffsets: Uint32Array;
  /** Type index → text offset of that type's array-call trampoline. */
  trampolines: Map<number, number>;
  /** `encodeTrapTable` output. */
  trapTable: Uint8Array;
  /** `encodeFuncTable` output: the table and its names blob. */
  funcTable: Uint8Array;
  names: Uint8Array;
  /** The code was compiled with explicit bounds checks. */
  boundsChecks: boolean;
  /** The CPU level the code was compiled for. */
  cpuLevel: CpuLevel;
}

type Fields = Record<string, number | bigint>;

const alignUp = (n: number, a: number) => Math.ceil(n / a) * a;

function isU32(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 0xffffffff;
}

/** Writes one struct of `layout` at `at`, every field from `values` (and nothing else). */
function writeStruct(view: DataView, at: number, layout: StructLayout, values: Fields): void {
  const given = Object.keys(values);
  for (const f of layout.fields) {
    const v = values[f.name];
    if (v === undefined) throw new Error(`descriptor: ${layout.name}.${f.name} not given`);
    if (f.type === 'uint64_t') {
      view.setBigUint64(at + f.offset, BigInt.asUintN(64, BigInt(v)), true);
    } else if (f.type === 'uint32_t') {
      const n = Number(v);
      if (!isU32(n)) throw new Error(`descriptor: ${layout.name}.${f.name} = ${v} is not a u32`);
      view.setUint32(at + f.offset, n, true);
    } else {
      throw new Error(`descriptor: ${layout.name}.${f.name} has type ${f.type}, which the encoder does not write`);
    }
  }
  if (given.length !== layout.fields.length) {
    const extra = given.filter((k) => !layout.fields.some((f) => f.name === k));
    throw new Error(`descriptor: ${layout.name} has no field ${extra.join(', ')}`);
  }
}

/** A growing byte buffer with offsets handed out as things are appended. */
class Blob {
  private buf = new Uint8Array(256);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  append(bytes: Uint8Array): number {
    this.reserve(bytes.length);
    const at = this.length;
    this.buf.set(bytes, at);
    this.length += bytes.length;
    return at;
  }

  align(a: number): void {
    const to = alignUp(this.length, a);
    this.reserve(to - this.length);
    this.buf.fill(0, this.length, to);
    this.length = to;
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

const MODE: Readonly<Record<SegmentMode, number>> = {
  active: SEGMENT_ACTIVE,
  passive: SEGMENT_PASSIVE,
  declarative: SEGMENT_DECLARATIVE,
};

const KIND_NAME = ['function', 'table', 'memory', 'global'] as const;

/** A segment offset: an i32.const or a global.get (2.0). */
function offsetInit(e: ConstExpr | undefined, what: string): { init: number; value: number } {
  if (e?.op === 'i32.const') return { init: INIT_CONST, value: e.value >>> 0 };
  if (e?.op === 'global.get') return { init: INIT_GLOBAL_GET, value: e.global };
  throw new Error(`descriptor: ${what} has offset ${e === undefined ? 'none' : e.op}, expected i32.const or global.get`);
}

/** An element item: ref.null, ref.func or global.get. */
function itemInit(e: ConstExpr, what: string): { init: number; index: number } {
  switch (e.op) {
    case 'ref.null':
      return { init: INIT_REF_NULL, index: 0 };
    case 'ref.func':
      return { init: INIT_REF_FUNC, index: e.func };
    case 'global.get':
      return { init: INIT_GLOBAL_GET, index: e.global };
    default:
      throw new Error(`descriptor: ${what} has an item ${e.op}`);
  }
}

/** A global initializer as (init, index, value_lo, value_hi). */
function globalInit(e: ConstExpr): { init: number; index: number; lo: bigint; hi: bigint } {
  const c = (lo: bigint, hi = 0n) => ({ init: INIT_CONST, index: 0, lo: BigInt.asUintN(64, lo), hi: BigInt.asUintN(64, hi) });
  switch (e.op) {
    case 'i32.const':
      return c(BigInt(e.value >>> 0));
    case 'i64.const':
      return c(e.value);
    case 'f32.const':
      return c(BigInt(e.bits >>> 0));
    case 'f64.const':
      return c(e.bits);
    case 'v128.const': {
      const v = new DataView(e.bytes.buffer, e.bytes.byteOffset, 16);
      return c(v.getBigUint64(0, true), v.getBigUint64(8, true));
    }
    case 'ref.null':
      return { init: INIT_REF_NULL, index: 0, lo: 0n, hi: 0n };
    case 'ref.func':
      return { init: INIT_REF_FUNC, index: e.func, lo: 0n, hi: 0n };
    case 'global.get':
      return { init: INIT_GLOBAL_GET, index: e.global, lo: 0n, hi: 0n };
  }
}

export function encodeDescriptor(m: ModuleInfo, input: Uint8Array, code: DescriptorCode): Uint8Array {
  const numFuncs = m.funcTypes.length;
  const numDefined = numFuncs - m.numImportedFuncs;
  if (code.funcTextOffsets.length !== numDefined) {
    throw new Error(`descriptor: ${code.funcTextOffsets.length} function offsets for ${numDefined} defined functions`);
  }
  if (!isU32(code.textSize)) throw new Error(`descriptor: text size ${code.textSize} is not a u32`);
  for (const [i, off] of code.funcTextOffsets.entries()) {
    if (off >= code.textSize) throw new Error(`descriptor: function ${m.numImportedFuncs + i} at ${off} is outside the ${code.textSize}-byte text`);
  }
  for (const [t, off] of code.trampolines) {
    if (!(t >= 0 && t < m.types.length)) throw new Error(`descriptor: trampoline for unknown type ${t}`);
    if (!isU32(off) || off >= code.textSize) throw new Error(`descriptor: trampoline of type ${t} at ${off} is outside the text`);
  }
  if (code.trapTable.length % TRAP_SITE.size !== 0) throw new Error('descriptor: the trap table is not whole entries');
  if (code.funcTable.length % FUNC_INFO.size !== 0) throw new Error('descriptor: the function table is not whole entries');

  const layout = computeVmctxLayout(m);

  // ---- blobs: strings and bytes ------------------------------------------------------
  const utf8 = new TextEncoder();
  const strings = new Blob();
  const stringAt = new Map<string, { off: number; len: number }>();
  const str = (s: string) => {
    let found = stringAt.get(s);
    if (found === undefined) {
      const bytes = utf8.encode(s);
      found = { off: strings.append(bytes), len: bytes.length };
      stringAt.set(s, found);
    }
    return found;
  };
  const bytes = new Blob();

  const types = m.types.map((t, i) => ({
    params_off: bytes.append(t.params),
    num_params: t.params.length,
    results_off: bytes.append(t.results),
    num_results: t.results.length,
    trampoline: code.trampolines.get(i) ?? DESC_NONE,
    reserved: 0,
  }));

  // Index within its kind's space of the n-th import of each kind.
  const nextIndex = [0, 0, 0, 0];
  const imports = m.imports.map((imp) => {
    const module = str(imp.module);
    const name = str(imp.name);
    return {
      module_off: module.off,
      module_len: module.len,
      name_off: name.off,
      name_len: name.len,
      kind: imp.desc.kind,
      index: nextIndex[imp.desc.kind]!++,
    };
  });

  const exports = m.exports.map((e) => {
    const name = str(e.name);
    return { name_off: name.off, name_len: name.len, kind: e.kind, index: e.index };
  });

  const funcs = Array.from(m.funcTypes, (type, i) => ({
    type,
    text_offset: i < m.numImportedFuncs ? DESC_NONE : code.funcTextOffsets[i - m.numImportedFuncs]!,
  }));

  const memories = m.memories.map((mem) => ({ min_pages: mem.limits.min, max_pages: mem.limits.max ?? DESC_NONE }));

  const tables = m.tables.map((t) => ({ elem_type: t.elemType, min: t.limits.min, max: t.limits.max ?? DESC_NONE, reserved: 0 }));

  const globals = m.globals.map((g, i) => {
    const common = { type: g.valType, mutable: g.mutable ? 1 : 0 };
    if (i < m.numImportedGlobals) return { ...common, init: INIT_NONE, index: 0, value_lo: 0n, value_hi: 0n };
    const init = m.globalInits[i - m.numImportedGlobals];
    if (init === undefined) throw new Error(`descriptor: global ${i} has no initializer`);
    const g2 = globalInit(init);
    return { ...common, init: g2.init, index: g2.index, value_lo: g2.lo, value_hi: g2.hi };
  });

  const elems = m.elems.map((seg, i) => {
    const what = `element segment ${i}`;
    const items: { init: number; index: number }[] =
      seg.items.kind === 'funcs'
        ? Array.from(seg.items.funcs, (f) => ({ init: INIT_REF_FUNC, index: f }))
        : seg.items.exprs.map((e) => itemInit(e, what));
    const encoded = new Uint8Array(items.length * ELEM_ITEM.size);
    const view = new DataView(encoded.buffer);
    items.forEach((item, k) => writeStruct(view, k * ELEM_ITEM.size, ELEM_ITEM, item));
    bytes.align(DESCRIPTOR_ALIGN);
    const itemsOff = bytes.append(encoded);
    const active = seg.mode === 'active';
    const offset = active ? offsetInit(seg.offset, what) : { init: INIT_NONE, value: 0 };
    return {
      mode: MODE[seg.mode],
      table: active ? seg.table : 0,
      offset_init: offset.init,
      offset_value: offset.value,
      elem_type: seg.elemType,
      num_items: items.length,
      items_off: itemsOff,
      reserved: 0,
    };
  });

  const datas = m.datas.map((seg, i) => {
    if (!(seg.dataStart >= 0 && seg.dataStart <= seg.dataEnd && seg.dataEnd <= input.length)) {
      throw new Error(`descriptor: data segment ${i} [${seg.dataStart}, ${seg.dataEnd}) is outside the input`);
    }
    const active = seg.mode === 'active';
    const offset = active ? offsetInit(seg.offset, `data segment ${i}`) : { init: INIT_NONE, value: 0 };
    return {
      mode: MODE[seg.mode],
      memory: active ? seg.memory : 0,
      offset_init: offset.init,
      offset_value: offset.value,
      bytes_off: bytes.append(input.subarray(seg.dataStart, seg.dataEnd)),
      size: seg.dataEnd - seg.dataStart,
    };
  });

  for (const e of m.exports) {
    const count = [numFuncs, m.tables.length, m.memories.length, m.globals.length][e.kind]!;
    if (!(e.index < count)) throw new Error(`descriptor: export "${e.name}" names unknown ${KIND_NAME[e.kind]} ${e.index}`);
  }
  if (m.imports.some((imp) => imp.desc.kind === ExternKind.Func && !(imp.desc.type < m.types.length))) {
    throw new Error('descriptor: an imported function has an unknown type');
  }

  // ---- layout --------------------------------------------------------------------------
  type Arr = { name: string; layout: StructLayout; rows: Fields[] } | { name: string; raw: Uint8Array; count: number };
  const arrays: Arr[] = [
    { name: 'types', layout: TYPE_DESC, rows: types },
    { name: 'imports', layout: IMPORT_DESC, rows: imports },
    { name: 'exports', layout: EXPORT_DESC, rows: exports },
    { name: 'funcs', layout: FUNC_DESC, rows: funcs },
    { name: 'memories', layout: MEMORY_DESC, rows: memories },
    { name: 'tables', layout: TABLE_DESC, rows: tables },
    { name: 'globals', layout: GLOBAL_DESC, rows: globals },
    { name: 'elems', layout: ELEM_DESC, rows: elems },
    { name: 'datas', layout: DATA_DESC, rows: datas },
    { name: 'trap_sites', raw: code.trapTable, count: code.trapTable.length / TRAP_SITE.size },
    { name: 'func_infos', raw: code.funcTable, count: code.funcTable.length / FUNC_INFO.size },
  ];
  const blobs: [string, Uint8Array][] = [
    ['names', code.names],
    ['strings', strings.bytes()],
    ['bytes', bytes.bytes()],
  ];

  const head: Fields = {};
  let at = alignUp(MODULE_DESC.size, DESCRIPTOR_ALIGN);
  const placed: { at: number; arr: Arr }[] = [];
  for (const arr of arrays) {
    const size = 'raw' in arr ? arr.raw.length : arr.rows.length * arr.layout.size;
    head[`${arr.name}_count`] = 'raw' in arr ? arr.count : arr.rows.length;
    head[`${arr.name}_off`] = at;
    placed.push({ at, arr });
    at = alignUp(at + size, DESCRIPTOR_ALIGN);
  }
  const placedBlobs: { at: number; data: Uint8Array }[] = [];
  for (const [name, data] of blobs) {
    head[`${name}_off`] = at;
    head[`${name}_size`] = data.length;
    placedBlobs.push({ at, data });
    at = alignUp(at + data.length, DESCRIPTOR_ALIGN);
  }
  const size = at;
  if (!isU32(size)) throw new Error(`descriptor: ${size} bytes do not fit u32 offsets`);

  Object.assign(head, {
    magic: DESCRIPTOR_MAGIC,
    version: DESCRIPTOR_VERSION,
    size,
    flags: code.boundsChecks ? DESC_FLAG_BOUNDS_CHECKS : 0,
    text_size: code.textSize,
    start_func: m.start ?? DESC_NONE,
    num_imported_funcs: m.numImportedFuncs,
    num_imported_tables: m.numImportedTables,
    num_imported_memories: m.numImportedMemories,
    num_imported_globals: m.numImportedGlobals,
    vmctx_size: layout.size,
    vmctx_memories: layout.memories,
    vmctx_tables: layout.tables,
    vmctx_type_ids: layout.typeIds,
    vmctx_funcrefs: layout.funcRefs,
    vmctx_imported_globals: layout.importedGlobals,
    vmctx_globals: layout.globals,
    num_builtins: BUILTINS.length,
    cpu_level: code.cpuLevel,
    cpu_features: cpuLevelFeatures(code.cpuLevel),
  });

  // ---- write ---------------------------------------------------------------------------
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  writeStruct(view, 0, MODULE_DESC, head);
  for (const { at: base, arr } of placed) {
    if ('raw' in arr) {
      out.set(arr.raw, base);
    } else {
      arr.rows.forEach((row, i) => writeStruct(view, base + i * arr.layout.size, arr.layout, row));
    }
  }
  for (const { at: base, data } of placedBlobs) out.set(data, base);
  return out;
}
