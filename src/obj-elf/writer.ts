/**
 * The ELF64 relocatable object writer for x86-64: `writeElf(obj)` turns the model of
 * `model.ts` into the bytes of a `.o` that `ld`, `readelf`, `objdump` and debuggers read.
 *
 * Problem. An ELF file is a web of numbers that point at each other: section headers hold
 * offsets into `.shstrtab` and into the file, `.symtab` holds offsets into `.strtab` and
 * section indices, relocations hold symbol indices, `.symtab`'s sh_info is the index of
 * its first global. Writing such a file in one pass means patching fields after the
 * fact, and a field patched in the wrong place is a corrupt object that is only found when
 * a linker trips over it.
 *
 * Algorithm: two phases over the same order.
 * 1. Reserve (`layoutElf`): section indices, symbol indices (locals before globals),
 *    every string of both string tables, and every file offset with its alignment, each
 *    decided once. The result is the complete list of section headers and symbol entries.
 * 2. Write (here): walk that list in the same order into one buffer of the reserved size,
 *    checking before each piece that the write position is the reserved offset, and after
 *    it that the piece had the reserved size. A mismatch throws instead of producing a bad
 *    file.
 *
 * File layout (all offsets in bytes):
 *
 *     0   ELF header (64)
 *     64  contents of section 1, 2, ... in index order, each at its alignment; a model
 *         section with relocations is followed by its `.rela.<name>` (24 per entry);
 *         then `.note.GNU-stack` (empty), `.symtab` (24 per symbol), `.strtab`, `.shstrtab`
 *     ..  section header table (64 per section, at 8)
 *
 * Invariants of the output: every local symbol precedes every global and weak one; a
 * `.rela.<name>` has sh_link = `.symtab`, sh_info = its target and SHF_INFO_LINK; an
 * empty `.note.GNU-stack` is always present, so the linker never asks for an executable
 * stack; string tables are tail-merged and sorted by content. There are no timestamps,
 * host paths or iteration over unordered containers, so the same model always gives the
 * same bytes.
 */
import {
  EI_NIDENT,
  ELF64_EHDR_SIZE,
  ELF64_SHDR_SIZE,
  ELFCLASS64,
  ELFDATA2LSB,
  ELFMAG,
  ELFOSABI_NONE,
  EM_X86_64,
  ET_REL,
  EV_CURRENT,
} from './constants.js';
import { ByteSink } from './byte-sink.js';
import { layoutElf, type ElfLayout, type PlannedSection } from './layout.js';
import type { ElfObject } from './model.js';

export function writeElf(obj: ElfObject): Uint8Array {
  return writeLayout(layoutElf(obj));
}

/** The write phase alone, over a layout that `layoutElf` made. */
export function writeLayout(layout: ElfLayout): Uint8Array {
  const out = new ByteSink(layout.fileSize);
  writeHeader(out, layout);
  for (let i = 1; i < layout.sections.length; i++) writeContents(out, layout, layout.sections[i]!);
  out.align(8);
  out.expectAt(layout.shoff, 'the section header table');
  for (const s of layout.sections) writeSectionHeader(out, s);
  out.expectAt(layout.fileSize, 'the end of the file');
  return out.bytes;
}

function writeHeader(out: ByteSink, layout: ElfLayout): void {
  out.expectAt(0, 'the ELF header');
  for (const b of ELFMAG) out.u8(b);
  out.u8(ELFCLASS64);
  out.u8(ELFDATA2LSB);
  out.u8(EV_CURRENT);
  out.u8(ELFOSABI_NONE);
  out.skip(EI_NIDENT - 8); // EI_ABIVERSION and padding
  out.u16(ET_REL);
  out.u16(EM_X86_64);
  out.u32(EV_CURRENT);
  out.u64(0); // e_entry
  out.u64(0); // e_phoff: no program headers in a relocatable object
  out.u64(layout.shoff);
  out.u32(0); // e_flags
  out.u16(ELF64_EHDR_SIZE);
  out.u16(0); // e_phentsize
  out.u16(0); // e_phnum
  out.u16(ELF64_SHDR_SIZE);
  out.u16(layout.sections.length);
  out.u16(layout.shstrndx);
  out.expectAt(ELF64_EHDR_SIZE, 'the end of the ELF header');
}

function writeContents(out: ByteSink, layout: ElfLayout, s: PlannedSection): void {
  const c = s.contents;
  if (c.kind === 'none') return; // SHT_NOBITS or empty: no file bytes
  out.align(s.align);
  out.expectAt(s.offset, `section '${s.label}'`);
  switch (c.kind) {
    case 'bytes':
      out.write(c.bytes);
      break;
    case 'rela':
      for (const r of c.relocations) {
        out.u64(r.offset);
        // r_info: symbol index in the high word, type in the low one.
        out.u32(r.type);
        out.u32(layout.symbolIndex[r.symbol]!);
        out.i64(r.addend);
      }
      break;
    case 'symtab':
      for (const sym of layout.symbols) {
        out.u32(sym.name);
        out.u8(sym.info);
        out.u8(sym.other);
        out.u16(sym.shndx);
        out.u64(sym.value);
        out.u64(sym.size);
      }
      break;
  }
  out.expectAt(s.offset + s.size, `the end of section '${s.label}'`);
}

function writeSectionHeader(out: ByteSink, s: PlannedSection): void {
  out.u32(s.name);
  out.u32(s.type);
  out.u64(s.flags);
  out.u64(0); // sh_addr: sections of a relocatable object are not placed yet
  out.u64(s.offset);
  out.u64(s.size);
  out.u32(s.link);
  out.u32(s.info);
  out.u64(s.align);
  out.u64(s.entsize);
}
