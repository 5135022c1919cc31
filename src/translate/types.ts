/**
 * The module model produced by translate: plain data that every later stage reads.
 *
 * Index spaces follow the spec: imports come first in the function, table, memory and
 * global index spaces. The branded index types keep "index into the whole space" and
 * "index among the defined ones" apart at compile time; convert only through the helpers
 * at the bottom of this file.
 *
 * Function bodies are not copied: `bodyStart`/`bodyEnd` are byte offsets into the input,
 * and a body is decoded only when it is compiled (or validated).
 */

/** Value types by their binary encoding. `Unknown` is the validator's bottom type. */
export const ValType = {
  I32: 0x7f,
  I64: 0x7e,
  F32: 0x7d,
  F64: 0x7c,
  V128: 0x7b,
  FuncRef: 0x70,
  ExternRef: 0x6f,
  /** Not a wasm type: the type of a value popped from an unreachable stack. */
  Unknown: 0x00,
} as const;
export type ValType = number;

export function isRefType(t: ValType): boolean {
  return t === ValType.FuncRef || t === ValType.ExternRef;
}

export function isValType(byte: number): boolean {
  return (byte >= ValType.V128 && byte <= ValType.I32) || isRefType(byte);
}

export function valTypeName(t: ValType): string {
  switch (t) {
    case ValType.I32: return 'i32';
    case ValType.I64: return 'i64';
    case ValType.F32: return 'f32';
    case ValType.F64: return 'f64';
    case ValType.V128: return 'v128';
    case ValType.FuncRef: return 'funcref';
    case ValType.ExternRef: return 'externref';
    default: return '<unknown>';
  }
}

export type TypeIndex = number & { readonly __brand: 'TypeIndex' };
/** Index in the function index space (imports first). */
export type FuncIndex = number & { readonly __brand: 'FuncIndex' };
/** Index among the functions defined (with a body) in this module. */
export type DefinedFuncIndex = number & { readonly __brand: 'DefinedFuncIndex' };
export type TableIndex = number & { readonly __brand: 'TableIndex' };
export type MemoryIndex = number & { readonly __brand: 'MemoryIndex' };
export type GlobalIndex = number & { readonly __brand: 'GlobalIndex' };
export type ElemIndex = number & { readonly __brand: 'ElemIndex' };
export type DataIndex = number & { readonly __brand: 'DataIndex' };

export interface FuncType {
  readonly params: Uint8Array;
  readonly results: Uint8Array;
}

export interface Limits {
  readonly min: number;
  /** Absent when the limits have no maximum. */
  readonly max: number | undefined;
}

export interface TableType {
  readonly elemType: ValType;
  readonly limits: Limits;
}

/** Limits in units of 64 KiB pages. */
export interface MemoryType {
  readonly limits: Limits;
}

export interface GlobalType {
  readonly valType: ValType;
  readonly mutable: boolean;
}

/** External kinds by their binary encoding. */
export const ExternKind = { Func: 0, Table: 1, Memory: 2, Global: 3 } as const;
export type ExternKind = (typeof ExternKind)[keyof typeof ExternKind];

export type ImportDesc =
  | { readonly kind: typeof ExternKind.Func; readonly type: TypeIndex }
  | { readonly kind: typeof ExternKind.Table; readonly table: TableType }
  | { readonly kind: typeof ExternKind.Memory; readonly memory: MemoryType }
  | { readonly kind: typeof ExternKind.Global; readonly global: GlobalType };

export interface Import {
  readonly module: string;
  readonly name: string;
  readonly desc: ImportDesc;
}

export interface Export {
  readonly name: string;
  readonly kind: ExternKind;
  readonly index: number;
}

/**
 * A constant expression. WebAssembly 2.0 allows exactly one instruction before `end`.
 * 64-bit integers and float bit patterns are bigints: these are module-level values,
 * never on a hot path.
 */
export type ConstExpr =
  | { readonly op: 'i32.const'; readonly value: number }
  | { readonly op: 'i64.const'; readonly value: bigint }
  | { readonly op: 'f32.const'; readonly bits: number }
  | { readonly op: 'f64.const'; readonly bits: bigint }
  | { readonly op: 'v128.const'; readonly bytes: Uint8Array }
  | { readonly op: 'ref.null'; readonly type: ValType }
  | { readonly op: 'ref.func'; readonly func: FuncIndex }
  | { readonly op: 'global.get'; readonly global: GlobalIndex };

export interface Global {
  readonly type: GlobalType;
  readonly init: ConstExpr;
}

export type SegmentMode = 'active' | 'passive' | 'declarative';

/**
 * Element segment items: the compact form lists function indices; the expression form
 * lists constant expressions (ref.func, ref.null or global.get).
 */
export type ElemItems =
  | { readonly kind: 'funcs'; readonly funcs: Uint32Array }
  | { readonly kind: 'exprs'; readonly exprs: readonly ConstExpr[] };

export interface ElemSegment {
  readonly mode: SegmentMode;
  readonly elemType: ValType;
  /** Active segments only. */
  readonly table: TableIndex;
  readonly offset: ConstExpr | undefined;
  readonly items: ElemItems;
}

export interface DataSegment {
  readonly mode: 'active' | 'passive';
  readonly memory: MemoryIndex;
  readonly offset: ConstExpr | undefined;
  /** The bytes are input[dataStart, dataEnd). */
  readonly dataStart: number;
  readonly dataEnd: number;
}

/** A byte range of the input. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export interface CustomSection extends ByteRange {
  /** The section's name; `start`/`end` delimit its payload after the name. */
  readonly name: string;
}

export interface NameSection {
  readonly moduleName: string | undefined;
  readonly functionNames: ReadonlyMap<number, string>;
  /** Function index → (local index → name). */
  readonly localNames: ReadonlyMap<number, ReadonlyMap<number, string>>;
}

export interface ModuleInfo {
  readonly types: readonly FuncType[];
  readonly imports: readonly Import[];

  /** Type of every function in the function index space (imports first). */
  readonly funcTypes: Uint32Array;
  readonly numImportedFuncs: number;

  /** Tables, memories and globals in their index spaces (imports first). */
  readonly tables: readonly TableType[];
  readonly numImportedTables: number;
  readonly memories: readonly MemoryType[];
  readonly numImportedMemories: number;
  readonly globals: readonly GlobalType[];
  readonly numImportedGlobals: number;
  /** Initializers of the defined globals, in order (global numImportedGlobals + i). */
  readonly globalInits: readonly ConstExpr[];

  readonly exports: readonly Export[];
  readonly start: FuncIndex | undefined;
  readonly elems: readonly ElemSegment[];
  readonly datas: readonly DataSegment[];
  readonly dataCount: number | undefined;

  /** 1 for every function that `ref.func` may name from a body (the spec's C.refs). */
  readonly declaredFuncRefs: Uint8Array;

  /** Payload of the code section (after id and size); DWARF code offsets are relative to its start. */
  readonly codeSection: ByteRange | undefined;
  /** Per defined function: the body's bytes (local declarations, then the expression). */
  readonly bodyStart: Uint32Array;
  readonly bodyEnd: Uint32Array;

  readonly names: NameSection;
  /** Every custom section, in order, including `name` and the `.debug_*` sections. */
  readonly customSections: readonly CustomSection[];
}

export function funcIndexOfDefined(module: ModuleInfo, defined: DefinedFuncIndex): FuncIndex {
  return (defined + module.numImportedFuncs) as FuncIndex;
}

export function debugSections(module: ModuleInfo): CustomSection[] {
  return module.customSections.filter((s) => s.name.startsWith('.debug_'));
}
