/**
 * The module descriptor (contract 3): one block of read-only bytes, the data symbol
 * `<prefix>_module`, that holds everything the runtime needs to instantiate a module. It
 * contains no pointer and needs no relocation: arrays are found by byte offsets from the
 * descriptor's start, code by offsets from the start of the module's `.text`, which the
 * caller hands to the runtime with the descriptor (the object's `<prefix>_text` symbol,
 * or where the mmap loader mapped `.text`).
 *
 * The descriptor starts with a `w2o_module_desc`; every `*_off` field is the offset of an
 * array of `*_count` fixed-size entries (or of a blob of `*_size` bytes), 8-byte aligned.
 * Strings (import and export names, UTF-8, not NUL-terminated) are (offset, length) pairs
 * into the strings blob; value type lists and segment contents are ranges of the bytes
 * blob. Value types and reference types are their binary encodings (0x7f i32, 0x70
 * funcref, ...). Every array is in index-space order: imports first, then the defined ones.
 *
 * The trap table (`w2o_trap_site`) and the function table (`w2o_func_info`) with its names
 * blob are the ones `w2o_register_code` takes (see layout.ts).
 */
import type { StructLayout } from './layout.js';

export const DESCRIPTOR_MAGIC = 0x4d4f3257; // "W2OM" little-endian
/** 2: the CPU level and features the code needs (cpu_level, cpu_features). */
export const DESCRIPTOR_VERSION = 2;
/** Arrays and blobs start at multiples of this. */
export const DESCRIPTOR_ALIGN = 8;
/** The u32 that stands for "none" (no start function, no trampoline, no maximum, imported). */
export const DESC_NONE = 0xffffffff;

/** Descriptor flags. */
export const DESC_FLAG_BOUNDS_CHECKS = 1;

/** Kinds of an import or export (the binary encoding). */
export const EXTERN_FUNC = 0;
export const EXTERN_TABLE = 1;
export const EXTERN_MEMORY = 2;
export const EXTERN_GLOBAL = 3;

/** How a global, segment offset or element item gets its value (2.0: one instruction). */
export const INIT_NONE = 0; // imported global
export const INIT_CONST = 1; // the bits in value_lo/value_hi
export const INIT_GLOBAL_GET = 2; // the value of global `index`
export const INIT_REF_NULL = 3;
export const INIT_REF_FUNC = 4; // a funcref to function `index`

/** Segment modes. */
export const SEGMENT_ACTIVE = 0;
export const SEGMENT_PASSIVE = 1;
export const SEGMENT_DECLARATIVE = 2;

const u32 = (name: string, offset: number, doc: string) => ({ name, type: 'uint32_t' as const, offset, doc });
const u64 = (name: string, offset: number, doc: string) => ({ name, type: 'uint64_t' as const, offset, doc });

/** Fields `<name>_count, <name>_off` for each array, in this order, after the fixed fields. */
const ARRAYS = [
  ['types', 'struct w2o_type_desc'],
  ['imports', 'struct w2o_import_desc'],
  ['exports', 'struct w2o_export_desc'],
  ['funcs', 'struct w2o_func_desc, every function'],
  ['memories', 'struct w2o_memory_desc'],
  ['tables', 'struct w2o_table_desc'],
  ['globals', 'struct w2o_global_desc'],
  ['elems', 'struct w2o_elem_desc'],
  ['datas', 'struct w2o_data_desc'],
  ['trap_sites', 'struct w2o_trap_site, sorted'],
  ['func_infos', 'struct w2o_func_info, sorted'],
] as const;

const BLOBS = [
  ['names', 'function names for func_infos, NUL-terminated'],
  ['strings', 'import and export names'],
  ['bytes', 'value type lists, segment contents, element items'],
] as const;

function moduleDesc(): StructLayout {
  const fixed = [
    u32('magic', 0, 'DESCRIPTOR_MAGIC, "W2OM"'),
    u32('version', 4, 'DESCRIPTOR_VERSION'),
    u32('size', 8, 'bytes of the whole descriptor'),
    u32('flags', 12, 'DESC_FLAG_*'),
    u32('text_size', 16, "bytes of the module's .text"),
    u32('start_func', 20, 'function index of the start function, or DESC_NONE'),
    u32('num_imported_funcs', 24, 'imports come first in the function index space'),
    u32('num_imported_tables', 28, ''),
    u32('num_imported_memories', 32, ''),
    u32('num_imported_globals', 36, ''),
    u32('vmctx_size', 40, 'bytes to allocate (16-aligned)'),
    u32('vmctx_memories', 44, 'vmctx offset: per memory, base then struct w2o_memory *'),
    u32('vmctx_tables', 48, 'vmctx offset: per table, struct w2o_table *'),
    u32('vmctx_type_ids', 52, 'vmctx offset: per type, u32 canonical id'),
    u32('vmctx_funcrefs', 56, 'vmctx offset: per function, struct w2o_funcref'),
    u32('vmctx_imported_globals', 60, 'vmctx offset: per imported global, pointer to its cell'),
    u32('vmctx_globals', 64, 'vmctx offset: per defined global, a 16-byte cell'),
    u32('num_builtins', 68, 'builtin pointers at vmctx+8 (W2O_BUILTIN_COUNT when compiled)'),
    u32('cpu_level', 72, 'the x86-64 microarchitecture level the code was compiled for (2, 3)'),
    u32('cpu_features', 76, 'W2O_CPU_FEATURE_* bits the code may use (src/abi/cpu.ts)'),
  ];
  const fields = [...fixed];
  let at = 80;
  for (const [name, what] of ARRAYS) {
    fields.push(u32(`${name}_count`, at, `entries: ${what}`), u32(`${name}_off`, at + 4, 'offset from the descriptor'));
    at += 8;
  }
  for (const [name, what] of BLOBS) {
    fields.push(u32(`${name}_off`, at, `blob: ${what}`), u32(`${name}_size`, at + 4, 'bytes'));
    at += 8;
  }
  return { name: 'w2o_module_desc', doc: 'The head of a module descriptor.', fields, size: at, align: 4 };
}

export const MODULE_DESC = moduleDesc();

export const TYPE_DESC: StructLayout = {
  name: 'w2o_type_desc',
  doc: 'A function type.',
  fields: [
    u32('params_off', 0, 'value types in the bytes blob'),
    u32('num_params', 4, ''),
    u32('results_off', 8, 'value types in the bytes blob'),
    u32('num_results', 12, ''),
    u32('trampoline', 16, 'text offset of its array-call trampoline, or DESC_NONE'),
    u32('reserved', 20, 'zero'),
  ],
  size: 24,
  align: 4,
};

export const IMPORT_DESC: StructLayout = {
  name: 'w2o_import_desc',
  doc: 'An import; its type is in the funcs/tables/memories/globals entry it defines.',
  fields: [
    u32('module_off', 0, 'in the strings blob'),
    u32('module_len', 4, ''),
    u32('name_off', 8, 'in the strings blob'),
    u32('name_len', 12, ''),
    u32('kind', 16, 'EXTERN_*'),
    u32('index', 20, 'index in its kind\'s index space'),
  ],
  size: 24,
  align: 4,
};

export const EXPORT_DESC: StructLayout = {
  name: 'w2o_export_desc',
  doc: 'An export.',
  fields: [
    u32('name_off', 0, 'in the strings blob'),
    u32('name_len', 4, ''),
    u32('kind', 8, 'EXTERN_*'),
    u32('index', 12, "index in its kind's index space"),
  ],
  size: 16,
  align: 4,
};

export const FUNC_DESC: StructLayout = {
  name: 'w2o_func_desc',
  doc: 'A function of the index space.',
  fields: [
    u32('type', 0, 'type index'),
    u32('text_offset', 4, 'of its code, or DESC_NONE when imported'),
  ],
  size: 8,
  align: 4,
};

export const MEMORY_DESC: StructLayout = {
  name: 'w2o_memory_desc',
  doc: 'A memory type, in 64 KiB pages.',
  fields: [
    u32('min_pages', 0, ''),
    u32('max_pages', 4, 'DESC_NONE: no maximum'),
  ],
  size: 8,
  align: 4,
};

export const TABLE_DESC: StructLayout = {
  name: 'w2o_table_desc',
  doc: 'A table type.',
  fields: [
    u32('elem_type', 0, '0x70 funcref or 0x6f externref'),
    u32('min', 4, ''),
    u32('max', 8, 'DESC_NONE: no maximum'),
    u32('reserved', 12, 'zero'),
  ],
  size: 16,
  align: 4,
};

export const GLOBAL_DESC: StructLayout = {
  name: 'w2o_global_desc',
  doc: 'A global: its type and, when defined, its initializer.',
  fields: [
    u32('type', 0, 'value type'),
    u32('mutable', 4, '0 or 1'),
    u32('init', 8, 'INIT_*; INIT_NONE when imported'),
    u32('index', 12, 'global (INIT_GLOBAL_GET) or function (INIT_REF_FUNC) index'),
    u64('value_lo', 16, 'INIT_CONST: the low 8 bytes of the value'),
    u64('value_hi', 24, 'INIT_CONST: the high 8 bytes (v128)'),
  ],
  size: 32,
  align: 8,
};

export const ELEM_DESC: StructLayout = {
  name: 'w2o_elem_desc',
  doc: 'An element segment; items are struct w2o_elem_item in the bytes blob.',
  fields: [
    u32('mode', 0, 'SEGMENT_*'),
    u32('table', 4, 'active: the table'),
    u32('offset_init', 8, 'active: INIT_CONST or INIT_GLOBAL_GET'),
    u32('offset_value', 12, 'the i32 offset, or the global index'),
    u32('elem_type', 16, '0x70 or 0x6f'),
    u32('num_items', 20, ''),
    u32('items_off', 24, 'in the bytes blob, 8-aligned'),
    u32('reserved', 28, 'zero'),
  ],
  size: 32,
  align: 4,
};

export const ELEM_ITEM: StructLayout = {
  name: 'w2o_elem_item',
  doc: 'One element: INIT_REF_NULL, INIT_REF_FUNC (function index) or INIT_GLOBAL_GET.',
  fields: [u32('init', 0, 'INIT_*'), u32('index', 4, 'function or global index')],
  size: 8,
  align: 4,
};

export const DATA_DESC: StructLayout = {
  name: 'w2o_data_desc',
  doc: 'A data segment; its bytes are a range of the bytes blob.',
  fields: [
    u32('mode', 0, 'SEGMENT_ACTIVE or SEGMENT_PASSIVE'),
    u32('memory', 4, 'active: the memory'),
    u32('offset_init', 8, 'active: INIT_CONST or INIT_GLOBAL_GET'),
    u32('offset_value', 12, 'the i32 offset, or the global index'),
    u32('bytes_off', 16, 'in the bytes blob'),
    u32('size', 20, ''),
  ],
  size: 24,
  align: 4,
};

export const DESCRIPTOR_LAYOUTS: readonly StructLayout[] = [
  MODULE_DESC,
  TYPE_DESC,
  IMPORT_DESC,
  EXPORT_DESC,
  FUNC_DESC,
  MEMORY_DESC,
  TABLE_DESC,
  GLOBAL_DESC,
  ELEM_DESC,
  ELEM_ITEM,
  DATA_DESC,
];

/** The constants the header defines for the descriptor, name → value. */
export const DESCRIPTOR_CONSTANTS: readonly (readonly [string, number])[] = [
  ['W2O_DESCRIPTOR_MAGIC', DESCRIPTOR_MAGIC],
  ['W2O_DESCRIPTOR_VERSION', DESCRIPTOR_VERSION],
  ['W2O_DESC_NONE', DESC_NONE],
  ['W2O_DESC_FLAG_BOUNDS_CHECKS', DESC_FLAG_BOUNDS_CHECKS],
  ['W2O_EXTERN_FUNC', EXTERN_FUNC],
  ['W2O_EXTERN_TABLE', EXTERN_TABLE],
  ['W2O_EXTERN_MEMORY', EXTERN_MEMORY],
  ['W2O_EXTERN_GLOBAL', EXTERN_GLOBAL],
  ['W2O_INIT_NONE', INIT_NONE],
  ['W2O_INIT_CONST', INIT_CONST],
  ['W2O_INIT_GLOBAL_GET', INIT_GLOBAL_GET],
  ['W2O_INIT_REF_NULL', INIT_REF_NULL],
  ['W2O_INIT_REF_FUNC', INIT_REF_FUNC],
  ['W2O_SEGMENT_ACTIVE', SEGMENT_ACTIVE],
  ['W2O_SEGMENT_PASSIVE', SEGMENT_PASSIVE],
  ['W2O_SEGMENT_DECLARATIVE', SEGMENT_DECLARATIVE],
];
