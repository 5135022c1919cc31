/**
 * The object the obj-elf tests write, read back and link: hand-assembled x86-64 code in
 * `.text` (bytes checked against objdump in the tests), data that the code and other
 * data point to, and an `.eh_frame` for two of the functions. `main.c` in this folder
 * calls every global and checks what it returns.
 */
import {
  ElfObject,
  R_X86_64_32,
  R_X86_64_32S,
  R_X86_64_64,
  R_X86_64_PC32,
  R_X86_64_PC64,
  R_X86_64_PLT32,
  SHF_ALLOC,
  SHF_EXECINSTR,
  SHF_MERGE,
  SHF_STRINGS,
  SHF_WRITE,
  SHT_NOBITS,
  SHT_PROGBITS,
  STB_GLOBAL,
  STB_LOCAL,
  STB_WEAK,
  STT_FUNC,
  STT_NOTYPE,
  STT_OBJECT,
  STV_DEFAULT,
  STV_HIDDEN,
  type RelocationType,
  type SectionId,
  type SymbolBinding,
  type SymbolId,
  type SymbolVisibility,
} from '../../src/obj-elf/index.js';

export interface SampleOptions {
  /** Add functions with R_X86_64_32/32S relocations in .text: the link must then be -no-pie. */
  absolute?: boolean;
  /** Leave out .eh_frame (to show that the unwinder then stops at the object's code). */
  noEhFrame?: boolean;
}

export interface SampleFunction {
  name: string;
  offset: number;
  size: number;
  binding: SymbolBinding;
  visibility: SymbolVisibility;
}

export interface Sample {
  obj: ElfObject;
  functions: SampleFunction[];
  /** Where each relocation of `.text` and `.data` went, for the readelf expectations. */
  relocations: { section: string; offset: number; type: RelocationType; symbol: string; addend: number }[];
}

interface Fixup {
  /** Offset of the patched field in the function. */
  at: number;
  target: string;
  type: RelocationType;
  addend: number;
}

interface FunctionSpec {
  name: string;
  binding?: SymbolBinding;
  visibility?: SymbolVisibility;
  code: number[];
  fixups?: Fixup[];
}

const rel32 = [0, 0, 0, 0];

/** x86-64 machine code of the sample functions; rel32/imm32 fields patched by relocations are zero. */
export function sampleFunctions(opts: SampleOptions = {}): FunctionSpec[] {
  const fns: FunctionSpec[] = [
    // mov eax, 42; ret
    { name: 'sample.answer', binding: STB_LOCAL, code: [0xb8, 0x2a, 0, 0, 0, 0xc3] },
    {
      // push rbp; mov rbp, rsp; call sample.answer; add eax, eax; pop rbp; ret
      name: 'obj_twice',
      code: [0x55, 0x48, 0x89, 0xe5, 0xe8, ...rel32, 0x01, 0xc0, 0x5d, 0xc3],
      fixups: [{ at: 5, target: 'sample.answer', type: R_X86_64_PLT32, addend: -4 }],
    },
    {
      // mov eax, [rip + obj_value]; ret
      name: 'obj_read_value',
      code: [0x8b, 0x05, ...rel32, 0xc3],
      fixups: [{ at: 2, target: 'obj_value', type: R_X86_64_PC32, addend: -4 }],
    },
    {
      // lea rax, [rip + .rodata + 8]; ret   (through the section symbol)
      name: 'obj_message',
      code: [0x48, 0x8d, 0x05, ...rel32, 0xc3],
      fixups: [{ at: 3, target: '.rodata', type: R_X86_64_PC32, addend: MESSAGE_OFFSET - 4 }],
    },
    {
      // push rbp; mov rbp, rsp; mov edi, 40; mov esi, 2; call host_add; pop rbp; ret
      name: 'obj_call_c',
      code: [0x55, 0x48, 0x89, 0xe5, 0xbf, 40, 0, 0, 0, 0xbe, 2, 0, 0, 0, 0xe8, ...rel32, 0x5d, 0xc3],
      fixups: [{ at: 15, target: 'host_add', type: R_X86_64_PLT32, addend: -4 }],
    },
    {
      // inc qword [rip + obj_counter]; mov rax, [rip + obj_counter]; ret
      name: 'obj_bump',
      code: [0x48, 0xff, 0x05, ...rel32, 0x48, 0x8b, 0x05, ...rel32, 0xc3],
      fixups: [
        { at: 3, target: 'obj_counter', type: R_X86_64_PC32, addend: -4 },
        { at: 10, target: 'obj_counter', type: R_X86_64_PC32, addend: -4 },
      ],
    },
    // mov eax, 7; ret
    { name: 'obj_weak_seven', binding: STB_WEAK, code: [0xb8, 7, 0, 0, 0, 0xc3] },
    // mov eax, 5; ret
    { name: 'obj_hidden_five', visibility: STV_HIDDEN, code: [0xb8, 5, 0, 0, 0, 0xc3] },
  ];
  if (opts.absolute) {
    fns.push(
      {
        // mov eax, obj_value (zero-extended into rax); ret
        name: 'obj_value_address32',
        code: [0xb8, ...rel32, 0xc3],
        fixups: [{ at: 1, target: 'obj_value', type: R_X86_64_32, addend: 0 }],
      },
      {
        // mov rax, obj_value (sign-extended imm32); ret
        name: 'obj_value_address32s',
        code: [0x48, 0xc7, 0xc0, ...rel32, 0xc3],
        fixups: [{ at: 3, target: 'obj_value', type: R_X86_64_32S, addend: 0 }],
      },
    );
  }
  return fns;
}

const MESSAGE_OFFSET = 8;
export const RODATA = new TextEncoder().encode('padding!hello from .rodata\0');

// DWARF register numbers and call frame instructions used by the .eh_frame below.
const RSP = 7;
const RBP = 6;
const RA = 16;
const DW_CFA_def_cfa = 0x0c;
const DW_CFA_def_cfa_register = 0x0d;
const DW_CFA_def_cfa_offset = 0x0e;
const DW_CFA_advance_loc = 0x40; // | delta
const DW_CFA_offset = 0x80; // | register, then ULEB128 offset / data alignment
const DW_EH_PE_pcrel_sdata4 = 0x1b;

/**
 * One CIE (code alignment 1, data alignment -8, return address in r16, CFA = rsp + 8,
 * return address at CFA - 8) and one FDE per entry, each padded with DW_CFA_nop to a
 * multiple of 8. No zero terminator: crtend.o provides it. Returns the bytes and the
 * offsets of the FDEs' pc_begin fields, each to be relocated by R_X86_64_PC32.
 */
export function ehFrame(fdes: { instructions: number[]; size: number }[]): { bytes: Uint8Array; pcBegin: number[] } {
  const out: number[] = [];
  const u32 = (v: number) => out.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  const record = (body: () => void) => {
    const start = out.length;
    u32(0); // length, patched below
    body();
    while ((out.length - start) % 8 !== 0) out.push(0); // DW_CFA_nop
    const len = out.length - start - 4;
    out.splice(start, 4, len & 0xff, (len >>> 8) & 0xff, (len >>> 16) & 0xff, len >>> 24);
  };
  record(() => {
    u32(0); // CIE id
    out.push(1, 0x7a, 0x52, 0); // version 1, augmentation "zR"
    out.push(1, 0x78, RA); // code alignment 1, data alignment -8 (SLEB128), return address register
    out.push(1, DW_EH_PE_pcrel_sdata4); // augmentation data: FDE pointer encoding
    out.push(DW_CFA_def_cfa, RSP, 8, DW_CFA_offset | RA, 1);
  });
  const pcBegin: number[] = [];
  for (const fde of fdes) {
    record(() => {
      u32(out.length); // CIE pointer: distance back to the CIE at offset 0
      pcBegin.push(out.length);
      u32(0); // pc_begin, relocated
      u32(fde.size); // pc_range
      out.push(0); // augmentation data length
      out.push(...fde.instructions);
    });
  }
  return { bytes: Uint8Array.from(out), pcBegin };
}

/** Call frame instructions for `push rbp; mov rbp, rsp; ...; pop rbp; ret`, pop at `popAt`. */
function framePointerCfi(popAt: number): number[] {
  return [
    DW_CFA_advance_loc | 1, DW_CFA_def_cfa_offset, 16, DW_CFA_offset | RBP, 2,
    DW_CFA_advance_loc | 3, DW_CFA_def_cfa_register, RBP,
    DW_CFA_advance_loc | (popAt + 1 - 4), DW_CFA_def_cfa, RSP, 8,
  ];
}

export function buildSample(opts: SampleOptions = {}): Sample {
  const obj = new ElfObject('sample.wasm');
  const relocations: Sample['relocations'] = [];

  // .text: functions at 16-byte boundaries, padded with int3.
  const specs = sampleFunctions(opts);
  const text: number[] = [];
  const functions: SampleFunction[] = [];
  for (const f of specs) {
    while (text.length % 16 !== 0) text.push(0xcc);
    functions.push({
      name: f.name,
      offset: text.length,
      size: f.code.length,
      binding: f.binding ?? STB_GLOBAL,
      visibility: f.visibility ?? STV_DEFAULT,
    });
    text.push(...f.code);
  }
  const textId = obj.addSection({ name: '.text', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR, align: 16, data: Uint8Array.from(text) });
  const rodataId = obj.addSection({ name: '.rodata', type: SHT_PROGBITS, flags: SHF_ALLOC, align: 1, data: RODATA });
  const data = new Uint8Array(24);
  new DataView(data.buffer).setInt32(0, 1234, true);
  const dataId = obj.addSection({ name: '.data', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE, align: 8, data });
  const bssId = obj.addSection({ name: '.bss', type: SHT_NOBITS, flags: SHF_ALLOC | SHF_WRITE, align: 8, size: 16 });
  obj.addSection({
    name: '.comment',
    type: SHT_PROGBITS,
    flags: SHF_MERGE | SHF_STRINGS,
    align: 1,
    entsize: 1,
    data: new TextEncoder().encode('\0wasm2obj test\0'),
  });

  const symbols = new Map<string, SymbolId>();
  for (const f of functions) {
    symbols.set(f.name, obj.addSymbol({ name: f.name, binding: f.binding, type: STT_FUNC, visibility: f.visibility, section: textId, value: f.offset, size: f.size }));
  }
  const object = (name: string, section: SectionId, value: number, size: number) =>
    symbols.set(name, obj.addSymbol({ name, binding: STB_GLOBAL, type: STT_OBJECT, section, value, size }));
  object('obj_value', dataId, 0, 4);
  object('obj_fnptr', dataId, 8, 8);
  object('obj_pcdelta', dataId, 16, 8);
  object('obj_counter', bssId, 0, 8);
  symbols.set('host_add', obj.addSymbol({ name: 'host_add', binding: STB_GLOBAL, type: STT_NOTYPE, section: 'undefined' }));
  symbols.set('.rodata', obj.sectionSymbol(rodataId));

  const reloc = (section: SectionId, offset: number, target: string, type: RelocationType, addend: number) => {
    const symbol = symbols.get(target);
    if (symbol === undefined) throw new Error(`sample: no symbol ${target}`);
    obj.addRelocation(section, { offset, symbol, type, addend });
    relocations.push({ section: obj.section(section).name, offset, type, symbol: target, addend });
  };
  specs.forEach((f, i) => {
    for (const fx of f.fixups ?? []) reloc(textId, functions[i]!.offset + fx.at, fx.target, fx.type, fx.addend);
  });
  reloc(dataId, 8, 'sample.answer', R_X86_64_64, 0);
  reloc(dataId, 16, 'obj_twice', R_X86_64_PC64, 0);

  if (!opts.noEhFrame) {
    const answer = functions.find((f) => f.name === 'sample.answer')!;
    const callC = functions.find((f) => f.name === 'obj_call_c')!;
    const eh = ehFrame([
      { instructions: [], size: answer.size },
      { instructions: framePointerCfi(callC.size - 2), size: callC.size },
    ]);
    const ehId = obj.addSection({ name: '.eh_frame', type: SHT_PROGBITS, flags: SHF_ALLOC, align: 8, data: eh.bytes });
    const textSym = obj.sectionSymbol(textId);
    symbols.set('.text', textSym);
    // pc_begin = .text + function offset - P: the field is relative to itself.
    reloc(ehId, eh.pcBegin[0]!, '.text', R_X86_64_PC32, answer.offset);
    reloc(ehId, eh.pcBegin[1]!, '.text', R_X86_64_PC32, callC.offset);
  }
  return { obj, functions, relocations };
}
