/**
 * The instance as compiled code sees it: the vmctx layout, the runtime builtins compiled
 * code calls, the structs it reads inline (funcrefs, tables, memories), and the calling
 * conventions shared by compiled code, trampolines and the C runtime.
 *
 * vmctx. Every wasm function takes the instance's vmctx as its first argument (rdi). The
 * layout is fixed at the front and computed per module after it, by `computeVmctxLayout`
 * alone; the offsets travel to the runtime in the module descriptor, which allocates and
 * fills the vmctx at instantiation.
 *
 *   0                     stack limit cell: pointer to a uint64_t; the prologue traps when
 *                         rsp falls below the value it holds (the runtime sets it per call
 *                         into wasm; one cell per store, shared by its instances)
 *   8                     builtins: BUILTINS.length function pointers (`call [rdi+8+8k]`)
 *   memories              per memory (imports first), 16 bytes: base (never moves), then a
 *                         pointer to its `struct w2o_memory` (size at MEMORY_SIZE_AT)
 *   tables                per table, 8 bytes: pointer to its `struct w2o_table`
 *   type ids              per type index, u32: the runtime's canonical id of that signature
 *                         (equal signatures, equal ids, across modules; never 0)
 *   funcrefs              per function (imports first), a `struct w2o_funcref`: what
 *                         `ref.func` yields and what calls to an imported function go through
 *   imported globals      per imported global, 8 bytes: pointer to its 16-byte cell
 *   globals               per defined global, a 16-byte cell (16-aligned) holding its value
 *                         in the low bytes (i32/f32 in 4, i64/f64/ref in 8)
 *
 * Calling convention (contract 1): System V x86-64, vmctx first. i32/i64 → int32_t/int64_t
 * in integer registers, f32/f64 → float/double in xmm registers, references → pointers
 * (funcref: `struct w2o_funcref *`, NULL for null; externref: an opaque host pointer, NULL
 * for null). A function with one result returns it in rax/xmm0. A function with two or
 * more results returns nothing: its second integer argument (after vmctx) is a pointer to
 * a results area where result i sits at `resultsLayout(types).offsets[i]`, the offsets a C
 * struct of those fields in order would have (the generated header declares that struct).
 *
 * Trampolines ("array calls"): for each function type that the runtime may need to call
 * without knowing it at C compile time (the types of exported functions), the object holds
 * a trampoline `void tramp(void *callee_vmctx, const void *callee_code, w2o_val *values)`:
 * parameter i is read from values[i], the callee is called, result i is written to
 * values[i]. A `w2o_val` is VALUE_SLOT_SIZE bytes, the value in its low bytes.
 *
 * Traps raised by builtins: a builtin that must trap (out of bounds, for instance) does
 * not return; the runtime unwinds to the innermost guarded call itself and names the wasm
 * function from the builtin's return address.
 */
import type { FuncType, ModuleInfo } from '../translate/types.js';
import { ValType } from '../translate/types.js';
import type { StructLayout } from './layout.js';

/** Offsets of the fixed part of every vmctx. */
export const VMCTX_STACK_LIMIT_PTR = 0;
export const VMCTX_BUILTINS = 8;

/** Bytes of one value in a trampoline's values array (room for a v128). */
export const VALUE_SLOT_SIZE = 16;

/** Bytes of a global's cell in vmctx. */
export const GLOBAL_CELL_SIZE = 16;

/** `struct w2o_memory` (w2o.h): offsets compiled code reads. */
export const MEMORY_BASE_AT = 0;
export const MEMORY_SIZE_AT = 8;

/**
 * A runtime builtin: its name (the C function is `w2o_builtin_<name>`) and C parameter list
 * after `void *vmctx`. Indices are part of the object format: append, never reorder.
 * Table elements are `void *` (a funcref is a `struct w2o_funcref *`).
 */
export interface Builtin {
  readonly name: string;
  readonly returns: 'void' | 'int32_t' | 'uint32_t' | 'void *';
  readonly params: readonly string[];
  readonly doc: string;
}

export const BUILTINS = [
  { name: 'memory_grow', returns: 'int32_t', params: ['uint32_t memory', 'uint32_t delta_pages'], doc: 'memory.grow: the old size in pages, or -1' },
  { name: 'memory_fill', returns: 'void', params: ['uint32_t memory', 'uint32_t dst', 'uint32_t value', 'uint32_t len'], doc: 'memory.fill; traps when out of bounds' },
  { name: 'memory_copy', returns: 'void', params: ['uint32_t dst_memory', 'uint32_t src_memory', 'uint32_t dst', 'uint32_t src', 'uint32_t len'], doc: 'memory.copy; traps when out of bounds' },
  { name: 'memory_init', returns: 'void', params: ['uint32_t memory', 'uint32_t data', 'uint32_t dst', 'uint32_t src', 'uint32_t len'], doc: 'memory.init; traps when out of bounds' },
  { name: 'data_drop', returns: 'void', params: ['uint32_t data'], doc: 'data.drop' },
  { name: 'table_get', returns: 'void *', params: ['uint32_t table', 'uint32_t index'], doc: 'table.get; traps when out of bounds' },
  { name: 'table_set', returns: 'void', params: ['uint32_t table', 'uint32_t index', 'void *value'], doc: 'table.set; traps when out of bounds' },
  { name: 'table_size', returns: 'uint32_t', params: ['uint32_t table'], doc: 'table.size' },
  { name: 'table_grow', returns: 'int32_t', params: ['uint32_t table', 'void *init', 'uint32_t delta'], doc: 'table.grow: the old size, or -1' },
  { name: 'table_fill', returns: 'void', params: ['uint32_t table', 'uint32_t dst', 'void *value', 'uint32_t len'], doc: 'table.fill; traps when out of bounds' },
  { name: 'table_copy', returns: 'void', params: ['uint32_t dst_table', 'uint32_t src_table', 'uint32_t dst', 'uint32_t src', 'uint32_t len'], doc: 'table.copy; traps when out of bounds' },
  { name: 'table_init', returns: 'void', params: ['uint32_t table', 'uint32_t elem', 'uint32_t dst', 'uint32_t src', 'uint32_t len'], doc: 'table.init; traps when out of bounds' },
  { name: 'elem_drop', returns: 'void', params: ['uint32_t elem'], doc: 'elem.drop' },
] as const satisfies readonly Builtin[];

export type BuiltinName = (typeof BUILTINS)[number]['name'];

/** The vmctx offset of a builtin's function pointer. */
export function builtinOffset(name: BuiltinName): number {
  const i = BUILTINS.findIndex((b) => b.name === name);
  return VMCTX_BUILTINS + 8 * i;
}

/**
 * A function reference: what a funcref value points to and what a table of funcrefs holds
 * pointers to. Calling it is `code(vmctx, ...)`; `call_indirect` compares `type_id` with the
 * caller's type id of the expected type.
 */
export const FUNCREF: StructLayout = {
  name: 'w2o_funcref',
  doc: 'A function reference: the code, the instance it runs in, its canonical type id.',
  fields: [
    { name: 'code', type: 'uint64_t', offset: 0, doc: 'address of the function (System V, vmctx first)' },
    { name: 'vmctx', type: 'uint64_t', offset: 8, doc: 'the vmctx to pass as first argument' },
    { name: 'type_id', type: 'uint32_t', offset: 16, doc: 'canonical type id (never 0)' },
    { name: 'reserved', type: 'uint32_t', offset: 20, doc: 'zero' },
  ],
  size: 24,
  align: 8,
};

/** A table: compiled code reads elements and size inline (call_indirect). */
export const TABLE: StructLayout = {
  name: 'w2o_table',
  doc: 'A table: `size` pointers at `elements` (NULL is the null reference).',
  fields: [
    { name: 'elements', type: 'uint64_t', offset: 0, doc: 'void *elements[size]' },
    { name: 'size', type: 'uint32_t', offset: 8, doc: 'current number of elements' },
    { name: 'max', type: 'uint32_t', offset: 12, doc: 'maximum number of elements (0xffffffff: none)' },
  ],
  size: 16,
  align: 8,
};

export interface VmctxLayout {
  readonly size: number;
  readonly memories: number;
  readonly tables: number;
  readonly typeIds: number;
  readonly funcRefs: number;
  readonly importedGlobals: number;
  readonly globals: number;
}

const alignUp = (n: number, a: number) => Math.ceil(n / a) * a;

export function computeVmctxLayout(m: ModuleInfo): VmctxLayout {
  let at = VMCTX_BUILTINS + 8 * BUILTINS.length;
  const memories = at;
  at += 16 * m.memories.length;
  const tables = at;
  at += 8 * m.tables.length;
  const typeIds = at;
  at = alignUp(at + 4 * m.types.length, 8);
  const funcRefs = at;
  at += FUNCREF.size * m.funcTypes.length;
  const importedGlobals = at;
  at += 8 * m.numImportedGlobals;
  const globals = alignUp(at, 16);
  at = globals + GLOBAL_CELL_SIZE * (m.globals.length - m.numImportedGlobals);
  return { size: alignUp(at, 16), memories, tables, typeIds, funcRefs, importedGlobals, globals };
}

export const memoryBaseOffset = (l: VmctxLayout, memory: number) => l.memories + 16 * memory;
export const memoryPtrOffset = (l: VmctxLayout, memory: number) => l.memories + 16 * memory + 8;
export const tablePtrOffset = (l: VmctxLayout, table: number) => l.tables + 8 * table;
export const typeIdOffset = (l: VmctxLayout, type: number) => l.typeIds + 4 * type;
export const funcRefOffset = (l: VmctxLayout, func: number) => l.funcRefs + FUNCREF.size * func;

/** Where global `g` lives: inline in vmctx (defined) or behind a pointer in vmctx (imported). */
export function globalLocation(m: ModuleInfo, l: VmctxLayout, g: number): { indirect: boolean; offset: number } {
  return g < m.numImportedGlobals
    ? { indirect: true, offset: l.importedGlobals + 8 * g }
    : { indirect: false, offset: l.globals + GLOBAL_CELL_SIZE * (g - m.numImportedGlobals) };
}

/** Size (= alignment) of a value of type `t` as C stores it. */
export function valueSize(t: ValType): number {
  switch (t) {
    case ValType.I32:
    case ValType.F32:
      return 4;
    case ValType.V128:
      return 16;
    default:
      return 8;
  }
}

/** The results area of a function with several results: C struct offsets, in order. */
export function resultsLayout(results: Uint8Array): { offsets: number[]; size: number } {
  let at = 0;
  let align = 1;
  const offsets: number[] = [];
  for (const t of results) {
    const s = valueSize(t);
    at = alignUp(at, s);
    offsets.push(at);
    at += s;
    align = Math.max(align, s);
  }
  return { offsets, size: alignUp(at, align) };
}

/** Whether a function of this type returns through a results area (two or more results). */
export const usesResultsArea = (t: FuncType) => t.results.length > 1;
