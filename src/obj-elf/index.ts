/**
 * obj-elf: the ELF64 relocatable object writer for x86-64.
 *
 * Build an `ElfObject` (sections, symbols, relocations, named by integer ids), then
 * `writeElf` gives the bytes of the `.o`. The design is described in `writer.ts`.
 */
export * from './constants.js';
export {
  ElfObject,
  type ElfSymbol,
  type Relocation,
  type Section,
  type SectionId,
  type SectionInit,
  type SymbolId,
  type SymbolInit,
  type SymbolSection,
} from './model.js';
export { StringTable, type StringId } from './strtab.js';
export { alignUp, layoutElf, type ElfLayout, type PlannedSection, type PlannedSymbol } from './layout.js';
export { writeElf, writeLayout } from './writer.js';
