/**
 * The reserve phase of the writer: everything about the file that is not a content byte.
 *
 * `layoutElf` turns an `ElfObject` into an `ElfLayout`, the complete list of section
 * headers (name offsets, indices, links, file offsets and sizes) and of symbol table
 * entries, in their final order. The write phase (`writer.ts`) then only serializes the
 * layout, and checks as it goes that each piece lands where it was reserved.
 *
 * Section indices: 0 is the null section; each section of the model follows in id order,
 * each one with relocations directly followed by its `.rela.<name>`; then
 * `.note.GNU-stack`, `.symtab`, `.strtab`, `.shstrtab`.
 *
 * Symbol indices: 0 is the null symbol and 1 the STT_FILE symbol; then the section
 * symbols in section index order, the other locals in id order, and the global and weak
 * symbols in id order. ELF wants every local before the first non-local, whose index is
 * `.symtab`'s sh_info.
 *
 * File: the ELF header, then the contents of every section in index order, each at its
 * alignment (SHT_NOBITS sections take no room; their offset is where they would start), then
 * the section header table at 8.
 */
import {
  ELF64_EHDR_SIZE,
  ELF64_RELA_SIZE,
  ELF64_SHDR_SIZE,
  ELF64_SYM_SIZE,
  SHF_INFO_LINK,
  SHN_ABS,
  SHN_LORESERVE,
  SHN_UNDEF,
  SHT_NOBITS,
  SHT_NULL,
  SHT_PROGBITS,
  SHT_RELA,
  SHT_STRTAB,
  SHT_SYMTAB,
  STB_LOCAL,
  STT_FILE,
  STT_SECTION,
  STV_DEFAULT,
} from './constants.js';
import type { ElfObject, Relocation, SymbolId } from './model.js';
import { StringTable } from './strtab.js';

/** What a section's file bytes are made of. */
export type SectionContents =
  | { readonly kind: 'none' }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  | { readonly kind: 'rela'; readonly relocations: readonly Relocation[] }
  | { readonly kind: 'symtab' };

/** One section header, every field final. */
export interface PlannedSection {
  /** The name, for messages; `name` is its offset in `.shstrtab`. */
  readonly label: string;
  readonly name: number;
  readonly type: number;
  readonly flags: number;
  readonly offset: number;
  readonly size: number;
  readonly link: number;
  readonly info: number;
  readonly align: number;
  readonly entsize: number;
  readonly contents: SectionContents;
}

/** One symbol table entry, every field final. */
export interface PlannedSymbol {
  readonly name: number;
  readonly info: number;
  readonly other: number;
  readonly shndx: number;
  readonly value: number;
  readonly size: number;
}

export interface ElfLayout {
  /** By section index; [0] is the null section. */
  readonly sections: readonly PlannedSection[];
  /** By symbol index; [0] is the null symbol. */
  readonly symbols: readonly PlannedSymbol[];
  /** Symbol index of each model symbol, by SymbolId. */
  readonly symbolIndex: Uint32Array;
  readonly firstGlobal: number;
  readonly shstrndx: number;
  /** Offset of the section header table. */
  readonly shoff: number;
  readonly fileSize: number;
}

/** Index of the first model symbol: after the null symbol and the STT_FILE symbol. */
const FIRST_MODEL_SYMBOL = 2;
const NONE: SectionContents = { kind: 'none' };

export function alignUp(n: number, align: number): number {
  // Arithmetic rather than bit masks: offsets may pass 2^31.
  const r = n % align;
  return r === 0 ? n : n + (align - r);
}

/**
 * File space handed out front to back. Invariant: `size` is the end of the last
 * reservation, and reservations never overlap.
 */
export class FileSpace {
  size = 0;

  /** Reserves `length` bytes at the next multiple of `align`; returns their offset. */
  reserve(length: number, align: number): number {
    const at = alignUp(this.size, align);
    this.size = at + length;
    return at;
  }

  /** The offset the next reservation at `align` would get, reserving nothing. */
  peek(align: number): number {
    return alignUp(this.size, align);
  }
}

export function layoutElf(obj: ElfObject): ElfLayout {
  // 1. Section indices: counting is enough.
  const sectionIndex = new Uint32Array(obj.sections.length);
  const relaIndex = new Uint32Array(obj.sections.length); // 0: no relocations
  let next = 1;
  for (const s of obj.sections) {
    sectionIndex[s.id] = next++;
    if (s.relocations.length > 0) relaIndex[s.id] = next++;
  }
  const noteIndex = next++;
  const symtabIndex = next++;
  const strtabIndex = next++;
  const shstrndx = next++;
  const sectionCount = next;
  if (sectionCount >= SHN_LORESERVE) {
    throw new Error(`obj-elf: ${sectionCount} sections need extended section numbering, which is not supported`);
  }

  // 2. Symbol indices: locals first.
  const order = symbolOrder(obj);
  const symbolIndex = new Uint32Array(obj.symbols.length);
  order.forEach((id, i) => (symbolIndex[id] = FIRST_MODEL_SYMBOL + i));
  const globalAt = order.findIndex((id) => obj.symbol(id).binding !== STB_LOCAL);
  const firstGlobal = FIRST_MODEL_SYMBOL + (globalAt < 0 ? order.length : globalAt);
  const symbolCount = FIRST_MODEL_SYMBOL + order.length;

  // 3. Strings: every name goes in, then both tables are finished.
  const strtab = new StringTable();
  const fileNameId = strtab.add(obj.fileName);
  const symbolNameIds = order.map((id) => strtab.add(obj.symbol(id).name));
  const shstrtab = new StringTable();
  const sectionNameIds = obj.sections.map((s) => shstrtab.add(s.name));
  const relaNameIds = obj.sections.map((s) => shstrtab.add(s.relocations.length > 0 ? `.rela${s.name}` : ''));
  const noteNameId = shstrtab.add('.note.GNU-stack');
  const symtabNameId = shstrtab.add('.symtab');
  const strtabNameId = shstrtab.add('.strtab');
  const shstrtabNameId = shstrtab.add('.shstrtab');
  const strBytes = strtab.finish();
  const shstrBytes = shstrtab.finish();

  // 4. Section headers in index order, each given its file offset as it comes.
  const space = new FileSpace();
  space.reserve(ELF64_EHDR_SIZE, 1);
  const sections: PlannedSection[] = [
    { label: '', name: 0, type: SHT_NULL, flags: 0, offset: 0, size: 0, link: 0, info: 0, align: 0, entsize: 0, contents: NONE },
  ];
  const place = (index: number, h: Omit<PlannedSection, 'offset'>): void => {
    if (sections.length !== index) throw new Error(`obj-elf: section '${h.label}' placed at ${sections.length}, reserved at ${index}`);
    // SHT_NOBITS takes no file space; its offset is where it would have started.
    const offset = h.type === SHT_NOBITS ? space.peek(h.align) : space.reserve(h.size, h.align);
    sections.push({ ...h, offset });
  };
  for (const s of obj.sections) {
    place(sectionIndex[s.id]!, {
      label: s.name,
      name: shstrtab.offset(sectionNameIds[s.id]!),
      type: s.type,
      flags: s.flags,
      size: s.size,
      link: s.link === null ? 0 : sectionIndex[s.link]!,
      info: s.info,
      align: s.align,
      entsize: s.entsize,
      contents: s.data === null ? NONE : { kind: 'bytes', bytes: s.data },
    });
    if (relaIndex[s.id] !== 0) {
      place(relaIndex[s.id]!, {
        label: `.rela${s.name}`,
        name: shstrtab.offset(relaNameIds[s.id]!),
        type: SHT_RELA,
        flags: SHF_INFO_LINK,
        size: s.relocations.length * ELF64_RELA_SIZE,
        link: symtabIndex,
        info: sectionIndex[s.id]!,
        align: 8,
        entsize: ELF64_RELA_SIZE,
        contents: { kind: 'rela', relocations: s.relocations },
      });
    }
  }
  // Empty, not executable: tells the linker that this code needs no executable stack.
  place(noteIndex, {
    label: '.note.GNU-stack',
    name: shstrtab.offset(noteNameId),
    type: SHT_PROGBITS,
    flags: 0,
    size: 0,
    link: 0,
    info: 0,
    align: 1,
    entsize: 0,
    contents: NONE,
  });
  place(symtabIndex, {
    label: '.symtab',
    name: shstrtab.offset(symtabNameId),
    type: SHT_SYMTAB,
    flags: 0,
    size: symbolCount * ELF64_SYM_SIZE,
    link: strtabIndex,
    info: firstGlobal,
    align: 8,
    entsize: ELF64_SYM_SIZE,
    contents: { kind: 'symtab' },
  });
  for (const [index, label, nameId, bytes] of [
    [strtabIndex, '.strtab', strtabNameId, strBytes],
    [shstrndx, '.shstrtab', shstrtabNameId, shstrBytes],
  ] as const) {
    place(index, { label, name: shstrtab.offset(nameId), type: SHT_STRTAB, flags: 0, size: bytes.length, link: 0, info: 0, align: 1, entsize: 0, contents: { kind: 'bytes', bytes } });
  }
  const shoff = space.reserve(sectionCount * ELF64_SHDR_SIZE, 8);

  // 5. Symbol entries in index order.
  const symbols: PlannedSymbol[] = [
    { name: 0, info: 0, other: 0, shndx: SHN_UNDEF, value: 0, size: 0 },
    { name: strtab.offset(fileNameId), info: stInfo(STB_LOCAL, STT_FILE), other: STV_DEFAULT, shndx: SHN_ABS, value: 0, size: 0 },
  ];
  order.forEach((id, i) => {
    const s = obj.symbol(id);
    symbols.push({
      name: strtab.offset(symbolNameIds[i]!),
      info: stInfo(s.binding, s.type),
      other: s.visibility,
      shndx: s.section === 'undefined' ? SHN_UNDEF : s.section === 'absolute' ? SHN_ABS : sectionIndex[s.section]!,
      value: s.value,
      size: s.size,
    });
  });

  if (symbols.length !== symbolCount) throw new Error('obj-elf: symbol entries out of step with the indices reserved for them');

  return { sections, symbols, symbolIndex, firstGlobal, shstrndx, shoff, fileSize: space.size };
}

function stInfo(binding: number, type: number): number {
  return (binding << 4) | type;
}

/** Model symbols in symbol table order: section symbols, other locals, then the rest. */
function symbolOrder(obj: ElfObject): SymbolId[] {
  // Sections are in index order already.
  const sectionSymbols = obj.sections.filter((s) => s.symbol !== null).map((s) => s.symbol!);
  const locals: SymbolId[] = [];
  const globals: SymbolId[] = [];
  for (const s of obj.symbols) {
    if (s.type === STT_SECTION) continue;
    (s.binding === STB_LOCAL ? locals : globals).push(s.id);
  }
  return [...sectionSymbols, ...locals, ...globals];
}
