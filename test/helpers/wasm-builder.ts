/**
 * A small WebAssembly 2.0 binary builder for tests.
 *
 * Two layers:
 *  - encoders that return plain byte arrays (`number[]`): LEB128, names, vectors, sections,
 *    constant expressions, function bodies. Tests that want malformed input on purpose
 *    build it from these pieces (or with `rawSection`), since nothing here checks anything.
 *  - `ModuleBuilder`, which collects declarations and emits the sections in the order the
 *    spec requires, each section only if it has content.
 *
 * Every byte array is `number[]` so pieces can be spread into each other; `toBytes()` is
 * the only place that makes a `Uint8Array`.
 */

// ---------------------------------------------------------------------------
// Encoding facts from the spec.

export const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d] as const;
export const WASM_VERSION = [0x01, 0x00, 0x00, 0x00] as const;

export const SectionId = {
  Custom: 0,
  Type: 1,
  Import: 2,
  Function: 3,
  Table: 4,
  Memory: 5,
  Global: 6,
  Export: 7,
  Start: 8,
  Element: 9,
  Code: 10,
  Data: 11,
  DataCount: 12,
} as const;

export const I32 = 0x7f;
export const I64 = 0x7e;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const V128 = 0x7b;
export const FUNCREF = 0x70;
export const EXTERNREF = 0x6f;
/** Block type of a block without parameters or results. */
export const EMPTY_BLOCK = 0x40;
/** Prefix of a function type in the type section. */
export const FUNC_TYPE_FORM = 0x60;

export const Kind = { Func: 0, Table: 1, Memory: 2, Global: 3 } as const;

/** Single-byte opcodes used by the tests. */
export const Op = {
  unreachable: 0x00,
  nop: 0x01,
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  br_if: 0x0d,
  br_table: 0x0e,
  return: 0x0f,
  call: 0x10,
  call_indirect: 0x11,
  drop: 0x1a,
  select: 0x1b,
  select_t: 0x1c,
  local_get: 0x20,
  local_set: 0x21,
  local_tee: 0x22,
  global_get: 0x23,
  global_set: 0x24,
  table_get: 0x25,
  table_set: 0x26,
  i32_load: 0x28,
  i64_load: 0x29,
  f32_load: 0x2a,
  f64_load: 0x2b,
  i32_load8_u: 0x2d,
  i32_store: 0x36,
  i64_store: 0x37,
  i32_store8: 0x3a,
  memory_size: 0x3f,
  memory_grow: 0x40,
  i32_const: 0x41,
  i64_const: 0x42,
  f32_const: 0x43,
  f64_const: 0x44,
  i32_eqz: 0x45,
  i32_eq: 0x46,
  i32_lt_s: 0x48,
  i64_eqz: 0x50,
  i32_add: 0x6a,
  i32_sub: 0x6b,
  i32_mul: 0x6c,
  i32_div_s: 0x6d,
  i32_and: 0x71,
  i64_add: 0x7c,
  i64_mul: 0x7e,
  f32_add: 0x92,
  f64_add: 0xa0,
  f64_mul: 0xa2,
  i32_wrap_i64: 0xa7,
  i64_extend_i32_s: 0xac,
  f64_convert_i32_s: 0xb7,
  i32_extend8_s: 0xc0,
  ref_null: 0xd0,
  ref_is_null: 0xd1,
  ref_func: 0xd2,
  prefix_fc: 0xfc,
  prefix_simd: 0xfd,
} as const;

/** Sub-opcodes after the 0xfc prefix. */
export const OpFC = {
  i32_trunc_sat_f32_s: 0,
  memory_init: 8,
  data_drop: 9,
  memory_copy: 10,
  memory_fill: 11,
  table_init: 12,
  elem_drop: 13,
  table_copy: 14,
  table_grow: 15,
  table_size: 16,
  table_fill: 17,
} as const;

/** Sub-opcodes after the 0xfd prefix. */
export const OpSimd = {
  v128_load: 0,
  v128_store: 11,
  v128_const: 12,
  i8x16_shuffle: 13,
  i32x4_extract_lane: 27,
  i32x4_add: 174,
} as const;

// ---------------------------------------------------------------------------
// LEB128.

/** Unsigned LEB128 of a 32-bit value, shortest form. */
export function uleb(value: number): number[] {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
    throw new RangeError(`uleb: ${value} is not a u32`);
  }
  const out: number[] = [];
  let v = value;
  do {
    const byte = v % 128; // not `& 0x7f`: v may exceed 2^31
    v = Math.floor(v / 128);
    out.push(v !== 0 ? byte | 0x80 : byte);
  } while (v !== 0);
  return out;
}

/** Unsigned LEB128 of a 32-bit value, padded with continuation bytes to `width` bytes. */
export function ulebPadded(value: number, width = 5): number[] {
  const out = uleb(value);
  if (out.length > width) throw new RangeError(`ulebPadded: ${value} needs more than ${width} bytes`);
  while (out.length < width) {
    out[out.length - 1]! |= 0x80;
    out.push(0x00);
  }
  return out;
}

/** Unsigned LEB128 of a 64-bit value. */
export function uleb64(value: bigint): number[] {
  if (value < 0n || value >= 1n << 64n) throw new RangeError(`uleb64: ${value} is not a u64`);
  const out: number[] = [];
  let v = value;
  do {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v !== 0n ? byte | 0x80 : byte);
  } while (v !== 0n);
  return out;
}

/** Signed LEB128 of a 32-bit value (as `i32.const` takes it). */
export function sleb32(value: number): number[] {
  if (!Number.isInteger(value) || value < -0x8000_0000 || value > 0x7fff_ffff) {
    throw new RangeError(`sleb32: ${value} is not an i32`);
  }
  return sleb64(BigInt(value));
}

/** Signed LEB128 of a 64-bit value (as `i64.const` takes it). */
export function sleb64(value: bigint): number[] {
  if (value < -(1n << 63n) || value >= 1n << 63n) throw new RangeError(`sleb64: ${value} is not an i64`);
  const out: number[] = [];
  let v = value;
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n; // arithmetic shift: keeps the sign
    // Done when the rest is all sign bits and the sign bit of this byte agrees with it.
    const done = (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

// ---------------------------------------------------------------------------
// Composite encodings.

/** A name: byte length, then UTF-8. */
export function name(s: string): number[] {
  const utf8 = new TextEncoder().encode(s);
  return [...uleb(utf8.length), ...utf8];
}

/** A vector: element count, then the elements' bytes. */
export function vec(items: readonly (readonly number[])[]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

/** A section: id, payload size, payload. */
export function section(id: number, payload: readonly number[]): number[] {
  return [id, ...uleb(payload.length), ...payload];
}

/**
 * Escape hatch: a section with any id and an explicit size field, which need not match the
 * payload (pass the exact size field bytes, e.g. `ulebPadded(n)` or `[0xff, 0xff]`).
 */
export function rawSection(id: number, payload: readonly number[], sizeField?: readonly number[]): number[] {
  return [id, ...(sizeField ?? uleb(payload.length)), ...payload];
}

export function customSection(sectionName: string, payload: readonly number[]): number[] {
  return section(SectionId.Custom, [...name(sectionName), ...payload]);
}

/** The payload of a `name` custom section (without the section name): subsections 0, 1, 2. */
export function nameSectionPayload(names: {
  module?: string;
  functions?: readonly (readonly [index: number, name: string])[];
  locals?: readonly (readonly [func: number, locals: readonly (readonly [index: number, name: string])[]])[];
}): number[] {
  const nameMap = (m: readonly (readonly [number, string])[]): number[] => vec(m.map(([i, n]) => [...uleb(i), ...name(n)]));
  const out: number[] = [];
  const sub = (id: number, payload: number[]): void => {
    out.push(id, ...uleb(payload.length), ...payload);
  };
  if (names.module !== undefined) sub(0, name(names.module));
  if (names.functions !== undefined) sub(1, nameMap(names.functions));
  if (names.locals !== undefined) sub(2, vec(names.locals.map(([f, m]) => [...uleb(f), ...nameMap(m)])));
  return out;
}

/** Header plus the given sections, in the order given. */
export function moduleBytes(...sections: readonly (readonly number[])[]): Uint8Array<ArrayBuffer> {
  return Uint8Array.from([...WASM_MAGIC, ...WASM_VERSION, ...sections.flat()]);
}

export interface Limits {
  min: number;
  max?: number;
}

export function limits(l: Limits): number[] {
  return l.max === undefined ? [0x00, ...uleb(l.min)] : [0x01, ...uleb(l.min), ...uleb(l.max)];
}

export function funcType(params: readonly number[], results: readonly number[]): number[] {
  return [FUNC_TYPE_FORM, ...uleb(params.length), ...params, ...uleb(results.length), ...results];
}

/** A constant expression: the instruction bytes followed by `end`. */
export function constExpr(instr: readonly number[]): number[] {
  return [...instr, Op.end];
}

export const i32Const = (v: number): number[] => [Op.i32_const, ...sleb32(v)];
export const i64Const = (v: bigint): number[] => [Op.i64_const, ...sleb64(v)];
export const f32Const = (v: number): number[] => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, v, true);
  return [Op.f32_const, ...b];
};
export const f64Const = (v: number): number[] => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, v, true);
  return [Op.f64_const, ...b];
};
export const v128Const = (bytes: readonly number[]): number[] => {
  if (bytes.length !== 16) throw new RangeError('v128.const takes 16 bytes');
  return [Op.prefix_simd, ...uleb(OpSimd.v128_const), ...bytes];
};
export const refNull = (type: number): number[] => [Op.ref_null, type];
export const refFunc = (func: number): number[] => [Op.ref_func, ...uleb(func)];
export const globalGet = (global: number): number[] => [Op.global_get, ...uleb(global)];
/** A 0xfc-prefixed instruction with its immediates (each a u32). */
export const fc = (sub: number, ...imms: number[]): number[] => [Op.prefix_fc, ...uleb(sub), ...imms.flatMap(uleb)];
/** A memory instruction's `memarg`. */
export const memarg = (alignLog2: number, offset: number): number[] => [...uleb(alignLog2), ...uleb(offset)];

/** Local declarations: runs of (count, type). */
export type LocalDecls = readonly (readonly [count: number, type: number])[];

/**
 * A function body as the code section holds it, without its size prefix: local
 * declarations, then `code`, then the closing `end` (unless `closeWithEnd` is false, to
 * make an unterminated body on purpose).
 */
export function funcBody(code: readonly number[], locals: LocalDecls = [], closeWithEnd = true): number[] {
  const decls = vec(locals.map(([count, type]) => [...uleb(count), type]));
  return [...decls, ...code, ...(closeWithEnd ? [Op.end] : [])];
}

/** A code section entry: the body's size, then the body. */
export function codeEntry(body: readonly number[]): number[] {
  return [...uleb(body.length), ...body];
}

// ---------------------------------------------------------------------------
// Imports, segments and their encodings.

export type ImportDesc =
  | { kind: 'func'; type: number }
  | { kind: 'table'; elemType: number; limits: Limits }
  | { kind: 'memory'; limits: Limits }
  | { kind: 'global'; valType: number; mutable: boolean };

export function importEntry(module: string, field: string, desc: ImportDesc): number[] {
  const head = [...name(module), ...name(field)];
  switch (desc.kind) {
    case 'func': return [...head, Kind.Func, ...uleb(desc.type)];
    case 'table': return [...head, Kind.Table, desc.elemType, ...limits(desc.limits)];
    case 'memory': return [...head, Kind.Memory, ...limits(desc.limits)];
    case 'global': return [...head, Kind.Global, desc.valType, desc.mutable ? 1 : 0];
  }
}

/**
 * An element segment. The binary format has eight encodings (flags 0..7); which one is
 * used follows from the fields:
 *  - `funcs` (function indices, elemkind funcref) or `exprs` (constant expressions
 *    without their `end`, with an explicit reference `type`);
 *  - active segments on table 0 without `explicitTable` use the short forms (0 and 4).
 */
export type ElemSegment =
  | { mode: 'active'; table?: number; explicitTable?: boolean; offset: readonly number[]; funcs: readonly number[] }
  | { mode: 'active'; table?: number; explicitTable?: boolean; offset: readonly number[]; type: number; exprs: readonly (readonly number[])[] }
  | { mode: 'passive' | 'declarative'; funcs: readonly number[] }
  | { mode: 'passive' | 'declarative'; type: number; exprs: readonly (readonly number[])[] };

export function elemSegment(seg: ElemSegment): number[] {
  const usesExprs = 'exprs' in seg;
  const items = usesExprs ? vec(seg.exprs.map(constExpr)) : vec(seg.funcs.map(uleb));
  const exprBit = usesExprs ? 0b100 : 0;
  // Between the mode fields and the items: elemkind 0x00 (funcref) or a reference type.
  const kindOrType = usesExprs ? [seg.type] : [0x00];
  if (seg.mode === 'active') {
    const table = seg.table ?? 0;
    if (table === 0 && !seg.explicitTable) return [exprBit, ...constExpr(seg.offset), ...items];
    return [exprBit | 0b010, ...uleb(table), ...constExpr(seg.offset), ...kindOrType, ...items];
  }
  const flags = exprBit | (seg.mode === 'passive' ? 0b001 : 0b011);
  return [flags, ...kindOrType, ...items];
}

export type DataSegment =
  | { mode: 'active'; memory?: number; explicitMemory?: boolean; offset: readonly number[]; bytes: readonly number[] }
  | { mode: 'passive'; bytes: readonly number[] };

export function dataSegment(seg: DataSegment): number[] {
  const init = [...uleb(seg.bytes.length), ...seg.bytes];
  if (seg.mode === 'passive') return [0x01, ...init];
  const memory = seg.memory ?? 0;
  if (memory === 0 && !seg.explicitMemory) return [0x00, ...constExpr(seg.offset), ...init];
  return [0x02, ...uleb(memory), ...constExpr(seg.offset), ...init];
}

// ---------------------------------------------------------------------------
// The module builder.

export interface FunctionDecl {
  type: number;
  code: readonly number[];
  locals?: LocalDecls;
}

/** Position of an extra section after every other section. */
export const AT_END = 0x100;

interface Extra {
  /**
   * Placed right after the section with id `after` would be (whether or not it is
   * emitted); 0 = before all sections, `AT_END` = after all of them.
   */
  after: number;
  bytes: number[];
}

/**
 * Collects a module's declarations and encodes them. The `add*` methods return the index of
 * what they added in its index space (imports count first, so add imports before
 * definitions if you use the returned indices).
 */
export class ModuleBuilder {
  readonly types: number[][] = [];
  readonly imports: number[][] = [];
  readonly functions: FunctionDecl[] = [];
  readonly tables: number[][] = [];
  readonly memories: number[][] = [];
  readonly globals: number[][] = [];
  readonly exports: number[][] = [];
  start: number | undefined;
  readonly elems: number[][] = [];
  readonly datas: number[][] = [];
  /** Emit a data count section (required when bodies use memory.init or data.drop). */
  dataCount = false;
  private readonly extras: Extra[] = [];
  private readonly numImported = { func: 0, table: 0, memory: 0, global: 0 };

  addType(params: readonly number[], results: readonly number[]): number {
    this.types.push(funcType(params, results));
    return this.types.length - 1;
  }

  addImport(module: string, field: string, desc: ImportDesc): number {
    this.imports.push(importEntry(module, field, desc));
    return this.numImported[desc.kind]++;
  }

  addFunction(type: number, code: readonly number[], locals: LocalDecls = []): number {
    this.functions.push({ type, code, locals });
    return this.numImported.func + this.functions.length - 1;
  }

  addTable(elemType: number, l: Limits): number {
    this.tables.push([elemType, ...limits(l)]);
    return this.numImported.table + this.tables.length - 1;
  }

  addMemory(l: Limits): number {
    this.memories.push(limits(l));
    return this.numImported.memory + this.memories.length - 1;
  }

  /** `init` is the initializer instruction without its `end`. */
  addGlobal(valType: number, mutable: boolean, init: readonly number[]): number {
    this.globals.push([valType, mutable ? 1 : 0, ...constExpr(init)]);
    return this.numImported.global + this.globals.length - 1;
  }

  addExport(field: string, kind: number, index: number): this {
    this.exports.push([...name(field), kind, ...uleb(index)]);
    return this;
  }

  addElem(seg: ElemSegment): number {
    this.elems.push(elemSegment(seg));
    return this.elems.length - 1;
  }

  addData(seg: DataSegment): number {
    this.datas.push(dataSegment(seg));
    return this.datas.length - 1;
  }

  addCustom(sectionName: string, payload: readonly number[], after: number = AT_END): this {
    return this.addRawSection(customSection(sectionName, payload), after);
  }

  /** Escape hatch: any bytes, placed after the section with id `after` (see `Extra`). */
  addRawSection(bytes: readonly number[], after: number): this {
    this.extras.push({ after, bytes: [...bytes] });
    return this;
  }

  /** The module's sections, in binary order, each as its own byte array. */
  sections(): number[][] {
    const out: number[][] = [];
    const placeExtras = (after: number): void => {
      for (const e of this.extras) if (e.after === after) out.push(e.bytes);
    };
    const emit = (id: number, payload: number[] | undefined): void => {
      if (payload !== undefined) out.push(section(id, payload));
      placeExtras(id);
    };
    const vecOr = (items: number[][]): number[] | undefined => (items.length > 0 ? vec(items) : undefined);

    placeExtras(SectionId.Custom);
    emit(SectionId.Type, vecOr(this.types));
    emit(SectionId.Import, vecOr(this.imports));
    emit(SectionId.Function, vecOr(this.functions.map((f) => uleb(f.type))));
    emit(SectionId.Table, vecOr(this.tables));
    emit(SectionId.Memory, vecOr(this.memories));
    emit(SectionId.Global, vecOr(this.globals));
    emit(SectionId.Export, vecOr(this.exports));
    emit(SectionId.Start, this.start === undefined ? undefined : uleb(this.start));
    emit(SectionId.Element, vecOr(this.elems));
    emit(SectionId.DataCount, this.dataCount ? uleb(this.datas.length) : undefined);
    emit(SectionId.Code, vecOr(this.functions.map((f) => codeEntry(funcBody(f.code, f.locals)))));
    emit(SectionId.Data, vecOr(this.datas));
    // Extras keyed by an id that is not a known section go last.
    for (const e of this.extras) if (e.after > SectionId.DataCount) out.push(e.bytes);
    return out;
  }

  toBytes(): Uint8Array<ArrayBuffer> {
    return moduleBytes(...this.sections());
  }
}

/** Hex dump of the first `max` bytes, for failure messages. */
export function hex(bytes: Uint8Array | readonly number[], max = 64): string {
  const shown = Array.from(bytes.slice(0, max), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > max ? `${shown} ... (${bytes.length} bytes)` : shown;
}
