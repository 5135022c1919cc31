/**
 * The object being built: sections, symbols and relocations, named by integer ids.
 *
 * A producer adds sections with their final contents, symbols that point into them (or
 * are undefined or absolute) and relocations that patch a section's bytes with a symbol's
 * address. Nothing here knows file offsets, section indices or string tables: those are
 * the layout's business (`layout.ts`), done once when the object is written.
 *
 * Invariants between public calls, checked as things are added so that a bad object is
 * reported at the call that made it, not as a broken `.o`:
 * - ids are dense and in creation order: `sections[id].id === id`, `symbols[id].id === id`;
 * - every symbol defined in a section lies inside it (value + size <= section size);
 * - an undefined symbol is global or weak (a local one could never be resolved);
 * - no two global or weak symbols share a name;
 * - every relocation patches bytes inside its section, which has contents (not NOBITS),
 *   with a type the writer knows, against an existing symbol;
 * - a section has at most one section symbol, made on demand by `sectionSymbol`;
 * - the sections the writer adds itself (`.rela.*`, `.symtab`, `.strtab`, `.shstrtab`,
 *   `.note.GNU-stack`) cannot be added by hand.
 *
 * Offsets, sizes and values are JavaScript numbers and must be safe integers; an addend
 * may be negative.
 */
import {
  SHT_FINI_ARRAY,
  SHT_INIT_ARRAY,
  SHT_NOBITS,
  SHT_NOTE,
  SHT_PROGBITS,
  SHT_X86_64_UNWIND,
  STB_LOCAL,
  STT_FILE,
  STT_SECTION,
  STV_DEFAULT,
  relocationWidth,
  type RelocationType,
  type SymbolBinding,
  type SymbolType,
  type SymbolVisibility,
} from './constants.js';

export type SectionId = number & { readonly __brand: 'ElfSectionId' };
export type SymbolId = number & { readonly __brand: 'ElfSymbolId' };

/** Where a symbol lives: a section of this object, nowhere yet, or at an absolute value. */
export type SymbolSection = SectionId | 'undefined' | 'absolute';

export interface SectionInit {
  name: string;
  /** SHT_PROGBITS, SHT_NOBITS, SHT_NOTE, SHT_INIT_ARRAY, SHT_FINI_ARRAY or SHT_X86_64_UNWIND. */
  type: number;
  /** SHF_* bits. */
  flags: number;
  /** A power of two; 1 means unaligned. */
  align: number;
  /** The contents, kept by reference until written; leave out for SHT_NOBITS and give `size`. */
  data?: Uint8Array;
  /** Size of a SHT_NOBITS section. */
  size?: number;
  /** Size of one entry for sections of fixed-size entries (SHF_MERGE), else 0. */
  entsize?: number;
  /** sh_link, for the section types and flags (SHF_LINK_ORDER) that give it a meaning. */
  link?: SectionId;
  info?: number;
}

export interface Section {
  readonly id: SectionId;
  readonly name: string;
  readonly type: number;
  readonly flags: number;
  readonly align: number;
  /** null for SHT_NOBITS. */
  readonly data: Uint8Array | null;
  readonly size: number;
  readonly entsize: number;
  readonly link: SectionId | null;
  readonly info: number;
  /** In the order added; written in that order to `.rela.<name>`. */
  readonly relocations: readonly Relocation[];
  /** The section's STT_SECTION symbol, once something asked for it. */
  readonly symbol: SymbolId | null;
}

export interface SymbolInit {
  name: string;
  binding: SymbolBinding;
  /** STT_NOTYPE, STT_OBJECT or STT_FUNC; section and file symbols are made by the model. */
  type: SymbolType;
  visibility?: SymbolVisibility;
  section: SymbolSection;
  value?: number;
  size?: number;
}

export interface ElfSymbol {
  readonly id: SymbolId;
  /** Empty for section symbols, which readelf names after their section. */
  readonly name: string;
  readonly binding: SymbolBinding;
  readonly type: SymbolType;
  readonly visibility: SymbolVisibility;
  readonly section: SymbolSection;
  readonly value: number;
  readonly size: number;
}

export interface Relocation {
  /** Offset of the patched bytes in the section. */
  offset: number;
  symbol: SymbolId;
  type: RelocationType;
  addend: number;
}

/** The names the writer gives its own sections; a producer may not use them. */
const RESERVED_SECTION_NAMES = new Set(['.symtab', '.strtab', '.shstrtab', '.note.GNU-stack']);
const ACCEPTED_SECTION_TYPES = new Set([
  SHT_PROGBITS,
  SHT_NOBITS,
  SHT_NOTE,
  SHT_INIT_ARRAY,
  SHT_FINI_ARRAY,
  SHT_X86_64_UNWIND,
]);

interface MutableSection extends Section {
  relocations: Relocation[];
  symbol: SymbolId | null;
}

export class ElfObject {
  /** The STT_FILE symbol's name: conventionally the source file the object came from. */
  readonly fileName: string;
  private readonly sectionList: MutableSection[] = [];
  private readonly symbolList: ElfSymbol[] = [];
  private readonly globalNames = new Set<string>();

  constructor(fileName: string) {
    checkName(fileName, 'file name');
    this.fileName = fileName;
  }

  get sections(): readonly Section[] {
    return this.sectionList;
  }

  get symbols(): readonly ElfSymbol[] {
    return this.symbolList;
  }

  section(id: SectionId): Section {
    return this.mutableSection(id);
  }

  symbol(id: SymbolId): ElfSymbol {
    const s = this.symbolList[id];
    if (s === undefined) throw new Error(`obj-elf: no symbol with id ${id}`);
    return s;
  }

  addSection(init: SectionInit): SectionId {
    const where = `section '${init.name}'`;
    checkName(init.name, where);
    if (init.name === '' || RESERVED_SECTION_NAMES.has(init.name) || init.name.startsWith('.rela')) {
      throw new Error(`obj-elf: ${where}: the name is empty or one the writer gives its own sections`);
    }
    if (!ACCEPTED_SECTION_TYPES.has(init.type)) throw new Error(`obj-elf: ${where}: unsupported type ${init.type}`);
    checkU32(init.flags, `${where} flags`);
    checkAlign(init.align, where);
    let data: Uint8Array | null;
    let size: number;
    if (init.type === SHT_NOBITS) {
      if (init.data !== undefined) throw new Error(`obj-elf: ${where}: SHT_NOBITS has no contents, give its size`);
      size = init.size ?? 0;
      checkSize(size, `${where} size`);
      data = null;
    } else {
      data = init.data ?? new Uint8Array(0);
      size = data.length;
      if (init.size !== undefined && init.size !== size) {
        throw new Error(`obj-elf: ${where}: size ${init.size} differs from its ${size} bytes of contents`);
      }
    }
    const entsize = init.entsize ?? 0;
    checkSize(entsize, `${where} entsize`);
    if (init.link !== undefined) this.mutableSection(init.link);
    const info = init.info ?? 0;
    checkU32(info, `${where} info`);
    const id = this.sectionList.length as SectionId;
    this.sectionList.push({
      id,
      name: init.name,
      type: init.type,
      flags: init.flags,
      align: init.align,
      data,
      size,
      entsize,
      link: init.link ?? null,
      info,
      relocations: [],
      symbol: null,
    });
    return id;
  }

  addSymbol(init: SymbolInit): SymbolId {
    const where = `symbol '${init.name}'`;
    checkName(init.name, where);
    if (init.type === STT_SECTION || init.type === STT_FILE) {
      throw new Error(`obj-elf: ${where}: section and file symbols are made by the model`);
    }
    const value = init.value ?? 0;
    const size = init.size ?? 0;
    checkSize(value, `${where} value`);
    checkSize(size, `${where} size`);
    if (init.section === 'undefined') {
      if (init.binding === STB_LOCAL) throw new Error(`obj-elf: ${where}: an undefined symbol cannot be local`);
      if (value !== 0 || size !== 0) throw new Error(`obj-elf: ${where}: an undefined symbol has no value or size`);
    } else if (init.section !== 'absolute') {
      const section = this.mutableSection(init.section);
      if (value + size > section.size) {
        throw new Error(`obj-elf: ${where}: [${value}, ${value + size}) lies outside '${section.name}' (size ${section.size})`);
      }
    }
    if (init.binding !== STB_LOCAL) {
      if (init.name === '') throw new Error('obj-elf: a global or weak symbol needs a name');
      if (this.globalNames.has(init.name)) throw new Error(`obj-elf: ${where}: a global or weak symbol of that name already exists`);
      this.globalNames.add(init.name);
    }
    return this.pushSymbol({
      name: init.name,
      binding: init.binding,
      type: init.type,
      visibility: init.visibility ?? STV_DEFAULT,
      section: init.section,
      value,
      size,
    });
  }

  /** The section's STT_SECTION symbol, made the first time it is asked for. */
  sectionSymbol(id: SectionId): SymbolId {
    const section = this.mutableSection(id);
    if (section.symbol === null) {
      section.symbol = this.pushSymbol({
        name: '',
        binding: STB_LOCAL,
        type: STT_SECTION,
        visibility: STV_DEFAULT,
        section: id,
        value: 0,
        size: 0,
      });
    }
    return section.symbol;
  }

  addRelocation(id: SectionId, reloc: Relocation): void {
    const section = this.mutableSection(id);
    const where = `relocation at '${section.name}'+${reloc.offset}`;
    const width = relocationWidth(reloc.type);
    if (width === 0) throw new Error(`obj-elf: ${where}: unsupported type ${reloc.type}`);
    if (section.data === null) throw new Error(`obj-elf: ${where}: a SHT_NOBITS section has no bytes to patch`);
    checkSize(reloc.offset, `${where} offset`);
    if (reloc.offset + width > section.size) {
      throw new Error(`obj-elf: ${where}: ${width} bytes do not fit in the section (size ${section.size})`);
    }
    this.symbol(reloc.symbol);
    if (!Number.isSafeInteger(reloc.addend)) throw new Error(`obj-elf: ${where}: addend ${reloc.addend} is not a safe integer`);
    section.relocations.push({ offset: reloc.offset, symbol: reloc.symbol, type: reloc.type, addend: reloc.addend });
  }

  private mutableSection(id: SectionId): MutableSection {
    const s = this.sectionList[id];
    if (s === undefined) throw new Error(`obj-elf: no section with id ${id}`);
    return s;
  }

  private pushSymbol(fields: Omit<ElfSymbol, 'id'>): SymbolId {
    const id = this.symbolList.length as SymbolId;
    this.symbolList.push({ id, ...fields });
    return id;
  }
}

function checkName(name: string, where: string): void {
  if (name.includes('\0')) throw new Error(`obj-elf: ${where}: a name cannot contain NUL`);
}

function checkSize(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`obj-elf: ${what} must be a non-negative safe integer, got ${n}`);
}

function checkU32(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`obj-elf: ${what} must fit in 32 bits, got ${n}`);
}

function checkAlign(align: number, where: string): void {
  // Powers of two up to 2^30 keep the check in int32 arithmetic; nothing needs more.
  if (!Number.isInteger(align) || align < 1 || align > 2 ** 30 || (align & (align - 1)) !== 0) {
    throw new Error(`obj-elf: ${where}: alignment ${align} is not a power of two`);
  }
}
