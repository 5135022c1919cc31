/**
 * The relocatable object of one module, from its compiled functions: the ELF model filled
 * in the one order that makes the output deterministic (contract 6), then written.
 *
 *   .text      (AX, align 16)  functions in index order, then trampolines (text.ts); no
 *                              relocation: every call between them is already resolved
 *   .rodata    (A, align 16)   the module descriptor, `<prefix>_module`
 *   .eh_frame  (A, align 8)    one CIE, one FDE per function and trampoline, each pc_begin
 *                              an R_X86_64_PC32 against the function's own symbol
 *
 * Symbols (contract 5):
 *   local  STT_FUNC    `<prefix>.<name>` per defined function (name section), else
 *                      `<prefix>.func[<index>]`; `<prefix>.trampoline[<type>]` per trampoline
 *   global STT_NOTYPE  `<prefix>_text` at .text+0, size 0: the base of every text offset
 *                      in the descriptor (a label, so that debuggers and disassemblers name
 *                      the first function after itself, not after it)
 *   global STT_OBJECT  `<prefix>_module`, the descriptor, with its size
 *   global STT_FUNC    `<prefix>_<export>` per exported defined function, an alias of the
 *                      local symbol (export names mangled by mangle.ts)
 * Exported functions that are imports of this module have no code here and no symbol.
 *
 * The descriptor comes from a `DescriptorEncoder`, which the caller passes (link.ts binds
 * the real one; tests may pass their own).
 */
import type { CpuLevel } from '../abi/cpu.js';
import { encodeFuncTable } from '../abi/func-table.js';
import { encodeTrapTable } from '../abi/trap-table.js';
import type { CompiledFunction } from '../codegen/types.js';
import {
  ElfObject,
  SHF_ALLOC,
  SHF_EXECINSTR,
  SHT_PROGBITS,
  SHT_X86_64_UNWIND,
  STB_GLOBAL,
  STB_LOCAL,
  STT_FUNC,
  STT_NOTYPE,
  STT_OBJECT,
  writeElf,
  type SectionId,
  type SymbolId,
} from '../obj-elf/index.js';
import { ExternKind, type ModuleInfo } from '../translate/types.js';
import { EH_FRAME_ALIGN, buildEhFrame, type FunctionUnwind } from '../unwind/index.js';
import type { DescriptorCode } from './descriptor.js';
import { isCIdentifier, mangleExportName } from './mangle.js';
import { FUNCTION_ALIGN, layoutText, type PlacedCode } from './text.js';

export type DescriptorEncoder = (m: ModuleInfo, input: Uint8Array, code: DescriptorCode) => Uint8Array;

export interface LinkOptions {
  /** A C identifier: symbols are `<prefix>_...` and `<prefix>.<function>`. */
  prefix: string;
  /** The code was compiled with explicit bounds checks (recorded in the descriptor). */
  boundsChecks: boolean;
  /** The CPU level the code was compiled for (recorded in the descriptor). */
  cpuLevel: CpuLevel;
  /** The STT_FILE symbol's name; `<prefix>.wasm` when left out. No directory, for determinism. */
  fileName?: string;
}

/** Alignment of `.rodata` (the descriptor's arrays need 8; 16 leaves room for v128 constants). */
const RODATA_ALIGN = 16;

export function buildObject(
  m: ModuleInfo,
  input: Uint8Array,
  compiled: readonly CompiledFunction[],
  opts: LinkOptions,
  encodeDescriptor: DescriptorEncoder,
): Uint8Array {
  const { prefix } = opts;
  if (!isCIdentifier(prefix)) throw new Error(`link: prefix '${prefix}' is not a C identifier`);
  const text = layoutText(m, compiled);
  const names = m.names.functionNames;

  const { table: funcTable, names: nameBlob } = encodeFuncTable(
    text.functions.map((p) => ({ textOffset: p.offset, size: p.size, name: names.get(p.compiled.funcIndex) })),
  );
  const descriptor = encodeDescriptor(m, input, {
    textSize: text.bytes.length,
    funcTextOffsets: Uint32Array.from(text.functions, (p) => p.offset),
    trampolines: new Map(text.trampolines.map((p) => [p.compiled.trampolineType, p.offset])),
    trapTable: encodeTrapTable(text.trapSites),
    funcTable,
    names: nameBlob,
    boundsChecks: opts.boundsChecks,
    cpuLevel: opts.cpuLevel,
  });

  const obj = new ElfObject(opts.fileName ?? `${prefix}.wasm`);
  const textId = obj.addSection({
    name: '.text',
    type: SHT_PROGBITS,
    flags: SHF_ALLOC | SHF_EXECINSTR,
    align: FUNCTION_ALIGN,
    data: text.bytes,
  });
  const rodata = obj.addSection({ name: '.rodata', type: SHT_PROGBITS, flags: SHF_ALLOC, align: RODATA_ALIGN, data: descriptor });

  const localFunc = (name: string, p: PlacedCode) =>
    obj.addSymbol({ name, binding: STB_LOCAL, type: STT_FUNC, section: textId, value: p.offset, size: p.size });
  const funcSymbols = text.functions.map((p) => localFunc(`${prefix}.${functionName(names.get(p.compiled.funcIndex), p)}`, p));
  const trampolineSymbols = text.trampolines.map((p) => localFunc(`${prefix}.trampoline[${p.compiled.trampolineType}]`, p));

  obj.addSymbol({ name: `${prefix}_text`, binding: STB_GLOBAL, type: STT_NOTYPE, section: textId, value: 0, size: 0 });
  obj.addSymbol({ name: `${prefix}_module`, binding: STB_GLOBAL, type: STT_OBJECT, section: rodata, value: 0, size: descriptor.length });
  for (const e of m.exports) {
    if (e.kind !== ExternKind.Func || e.index < m.numImportedFuncs) continue;
    const p = text.functions[e.index - m.numImportedFuncs]!;
    obj.addSymbol({
      name: `${prefix}_${mangleExportName(e.name)}`,
      binding: STB_GLOBAL,
      type: STT_FUNC,
      section: textId,
      value: p.offset,
      size: p.size,
    });
  }

  addEhFrame(obj, [
    ...text.functions.map((p, i) => unwindOf(p, funcSymbols[i]!)),
    ...text.trampolines.map((p, i) => unwindOf(p, trampolineSymbols[i]!)),
  ]);
  return writeElf(obj);
}

/** The name section's name, unless it cannot be part of a symbol name (a NUL byte). */
function functionName(name: string | undefined, p: PlacedCode): string {
  return name !== undefined && !name.includes('\0') ? name : `func[${p.compiled.funcIndex}]`;
}

function unwindOf(p: PlacedCode, symbol: SymbolId): FunctionUnwind<SymbolId> {
  return { offset: p.offset, size: p.size, ops: p.compiled.unwind, symbol };
}

function addEhFrame(obj: ElfObject, functions: FunctionUnwind<SymbolId>[]): SectionId {
  const eh = buildEhFrame(functions);
  const id = obj.addSection({ name: '.eh_frame', type: SHT_X86_64_UNWIND, flags: SHF_ALLOC, align: EH_FRAME_ALIGN, data: eh.bytes });
  for (const r of eh.relocations) obj.addRelocation(id, r);
  return id;
}
