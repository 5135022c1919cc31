/**
 * ELF64 constants under the names the System V gABI and the x86-64 psABI give them.
 * Only the values this writer emits or accepts are listed.
 */

// e_ident
export const ELFMAG = [0x7f, 0x45, 0x4c, 0x46] as const; // "\x7fELF"
export const EI_NIDENT = 16;
export const ELFCLASS64 = 2;
export const ELFDATA2LSB = 1;
export const EV_CURRENT = 1;
export const ELFOSABI_NONE = 0;

// e_type, e_machine
export const ET_REL = 1;
export const EM_X86_64 = 62;

// Sizes of the fixed-size records of ELF64.
export const ELF64_EHDR_SIZE = 64;
export const ELF64_SHDR_SIZE = 64;
export const ELF64_SYM_SIZE = 24;
export const ELF64_RELA_SIZE = 24;

// Special section indices.
export const SHN_UNDEF = 0;
/** Indices from here up are reserved; reaching it needs extended numbering (not supported). */
export const SHN_LORESERVE = 0xff00;
export const SHN_ABS = 0xfff1;

// sh_type
export const SHT_NULL = 0;
export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_RELA = 4;
export const SHT_NOTE = 7;
export const SHT_NOBITS = 8;
export const SHT_INIT_ARRAY = 14;
export const SHT_FINI_ARRAY = 15;
/** The psABI's type for `.eh_frame`; GNU as still emits SHT_PROGBITS, and both link. */
export const SHT_X86_64_UNWIND = 0x70000001;

// sh_flags
export const SHF_WRITE = 0x1;
export const SHF_ALLOC = 0x2;
export const SHF_EXECINSTR = 0x4;
export const SHF_MERGE = 0x10;
export const SHF_STRINGS = 0x20;
/** sh_info holds a section index (set on every `.rela.*` section). */
export const SHF_INFO_LINK = 0x40;
export const SHF_LINK_ORDER = 0x80;
export const SHF_EXCLUDE = 0x80000000;

// st_info: binding in the high nibble, type in the low one.
export const STB_LOCAL = 0;
export const STB_GLOBAL = 1;
export const STB_WEAK = 2;
export type SymbolBinding = typeof STB_LOCAL | typeof STB_GLOBAL | typeof STB_WEAK;

export const STT_NOTYPE = 0;
export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STT_SECTION = 3;
export const STT_FILE = 4;
export type SymbolType =
  | typeof STT_NOTYPE
  | typeof STT_OBJECT
  | typeof STT_FUNC
  | typeof STT_SECTION
  | typeof STT_FILE;

// st_other: visibility in the low two bits.
export const STV_DEFAULT = 0;
export const STV_INTERNAL = 1;
export const STV_HIDDEN = 2;
export const STV_PROTECTED = 3;
export type SymbolVisibility =
  | typeof STV_DEFAULT
  | typeof STV_INTERNAL
  | typeof STV_HIDDEN
  | typeof STV_PROTECTED;

// x86-64 relocation types (psABI table 4.9). S = symbol, A = addend, P = place.
/** S + A, 64 bits. */
export const R_X86_64_64 = 1;
/** S + A - P, 32 bits signed. */
export const R_X86_64_PC32 = 2;
/** L + A - P, 32 bits signed: a call through the PLT when the callee may be in a DSO. */
export const R_X86_64_PLT32 = 4;
/** S + A, zero-extended 32 bits: fails to link as PIE for allocated sections. */
export const R_X86_64_32 = 10;
/** S + A, sign-extended 32 bits: fails to link as PIE for allocated sections. */
export const R_X86_64_32S = 11;
/** S + A - P, 64 bits. */
export const R_X86_64_PC64 = 24;
export type RelocationType =
  | typeof R_X86_64_64
  | typeof R_X86_64_PC32
  | typeof R_X86_64_PLT32
  | typeof R_X86_64_32
  | typeof R_X86_64_32S
  | typeof R_X86_64_PC64;

/** Bytes a relocation of this type patches; 0 for a type the writer does not accept. */
export function relocationWidth(type: number): number {
  switch (type) {
    case R_X86_64_64:
    case R_X86_64_PC64:
      return 8;
    case R_X86_64_PC32:
    case R_X86_64_PLT32:
    case R_X86_64_32:
    case R_X86_64_32S:
      return 4;
    default:
      return 0;
  }
}
