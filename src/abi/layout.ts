/**
 * C struct layouts shared by the compiler and the runtime, described once here. The
 * generated header (`c-header.ts`) declares each struct from its description and
 * `_Static_assert`s every field offset and the size, so a C compiler that lays a struct
 * out differently from what the compiler writes stops the runtime's build.
 *
 * Only fixed-width integer fields are allowed, each at its natural alignment, and the
 * description lists them in memory order with no implicit padding: `checkLayout` refuses
 * anything else, so the offsets here are the ones any System V x86-64 C compiler gives.
 */

export type CType = 'uint8_t' | 'uint16_t' | 'uint32_t' | 'uint64_t' | 'int32_t' | 'int64_t';

const C_TYPE_SIZE: Readonly<Record<CType, number>> = {
  uint8_t: 1,
  uint16_t: 2,
  uint32_t: 4,
  uint64_t: 8,
  int32_t: 4,
  int64_t: 8,
};

export interface FieldLayout {
  readonly name: string;
  readonly type: CType;
  readonly offset: number;
  /** One line of documentation, written as the field's comment in the header. */
  readonly doc: string;
}

export interface StructLayout {
  /** The C struct tag, without `struct`. */
  readonly name: string;
  readonly doc: string;
  readonly fields: readonly FieldLayout[];
  readonly size: number;
  readonly align: number;
}

export function sizeOfCType(t: CType): number {
  return C_TYPE_SIZE[t];
}

/** Throws unless the fields are naturally aligned, in order, without gaps, and fill `size`. */
export function checkLayout(s: StructLayout): void {
  let at = 0;
  let align = 1;
  for (const f of s.fields) {
    const size = C_TYPE_SIZE[f.type];
    if (f.offset !== at || f.offset % size !== 0) {
      throw new Error(`abi: struct ${s.name}.${f.name} at ${f.offset}, expected ${at} and a multiple of ${size}`);
    }
    at += size;
    align = Math.max(align, size);
  }
  if (s.align !== align || s.size !== Math.ceil(at / align) * align || s.size !== at) {
    throw new Error(`abi: struct ${s.name} has size ${s.size} and alignment ${s.align}, fields give ${at} and ${align}`);
  }
}

/**
 * One entry of a module's trap table: the table is an array of these, sorted by
 * `text_offset` with no two entries at the same offset, so the runtime's signal handler
 * finds the entry of a faulting pc by binary search.
 *
 *   0               4               8
 *   +---------------+---------------+
 *   | text_offset   | code          |   little-endian u32 each
 *   +---------------+---------------+
 */
export const TRAP_SITE: StructLayout = {
  name: 'w2o_trap_site',
  doc: "One trap table entry; a module's table is sorted by text_offset, offsets unique.",
  fields: [
    { name: 'text_offset', type: 'uint32_t', offset: 0, doc: "faulting instruction, from the start of the module's .text" },
    { name: 'code', type: 'uint32_t', offset: 4, doc: 'enum w2o_trap_code' },
  ],
  size: 8,
  align: 4,
};

/**
 * One entry of a module's function table: the table is sorted by `text_offset`, functions
 * do not overlap, and the runtime finds the function of a pc by binary search (to name
 * it in a trap, for instance). Names are offsets into the module's blob of NUL-terminated
 * names rather than pointers, so the table needs no relocation wherever it is mapped.
 *
 *   0               4               8               12              16
 *   +---------------+---------------+---------------+---------------+
 *   | text_offset   | size          | name_offset   | reserved (0)  |
 *   +---------------+---------------+---------------+---------------+
 */
export const FUNC_INFO: StructLayout = {
  name: 'w2o_func_info',
  doc: "One function table entry; a module's table is sorted by text_offset.",
  fields: [
    { name: 'text_offset', type: 'uint32_t', offset: 0, doc: "the function's first byte, from the start of the module's .text" },
    { name: 'size', type: 'uint32_t', offset: 4, doc: "the function's size in bytes" },
    { name: 'name_offset', type: 'uint32_t', offset: 8, doc: 'its name in the module\'s names blob, or W2O_NO_NAME' },
    { name: 'reserved', type: 'uint32_t', offset: 12, doc: 'zero' },
  ],
  size: 16,
  align: 4,
};

/** `name_offset` of a function without a name. */
export const NO_NAME = 0xffffffff;

/** Every layout the header declares, in declaration order. */
export const STRUCT_LAYOUTS: readonly StructLayout[] = [TRAP_SITE, FUNC_INFO];
