/**
 * Stand-ins for compiled modules, until the code generator exists: a real wasm module
 * (from wat2wasm, decoded by translate) gives the ModuleInfo, and each defined function
 * gets machine code written here by hand with the x64 assembler, the way compiled code
 * will look to the runtime (vmctx in rdi, builtins and imports called through it, the
 * stack limit checked in the prologue). Trampolines for the types of the exported
 * functions follow the array-call convention of src/abi/vmctx.ts (integer types only).
 * Link's job is then done here in miniature: one .text, the trap and function tables,
 * and the descriptor from `encodeDescriptor`, written by obj-elf as an object with the
 * global symbols `<prefix>_text` (start of .text) and `<prefix>_module` (the descriptor).
 */
import {
  BUILTINS,
  VMCTX_STACK_LIMIT_PTR,
  computeVmctxLayout,
  encodeFuncTable,
  encodeTrapTable,
  trapCode,
  type BuiltinName,
  type FuncRange,
  type TrapName,
  type TrapSite,
  type VmctxLayout,
} from '../../src/abi/index.js';
import {
  Alu,
  CodeBuffer,
  Cond,
  aluRM,
  callM,
  callR,
  jcc,
  mem,
  movMR,
  movRM,
  movRR,
  pop,
  push,
  r12,
  r8,
  r9,
  rax,
  rbp,
  rbx,
  rcx,
  rdi,
  rdx,
  rsi,
  rsp,
  ret,
  ud2,
  type Gpr,
  type Label,
} from '../../src/codegen/x64/index.js';
import { encodeDescriptor } from '../../src/link/descriptor.js';
import { DEFAULT_CPU_LEVEL } from '../../src/abi/cpu.js';
import {
  ElfObject,
  SHF_ALLOC,
  SHF_EXECINSTR,
  SHT_PROGBITS,
  STB_GLOBAL,
  STT_NOTYPE,
  STT_OBJECT,
  type SectionId,
} from '../../src/obj-elf/index.js';
import { decodeModule, ValType, type ModuleInfo } from '../../src/translate/index.js';
import { wat2wasm } from '../helpers/wabt.js';

/** What a hand-written function body may use. */
export interface Emit {
  b: CodeBuffer;
  m: ModuleInfo;
  layout: VmctxLayout;
  /** Records a trap site at the current offset. */
  site(trap: TrapName): void;
  /** The label of a defined function, for a direct call. */
  funcLabel(funcIndex: number): Label;
  /** `push rbp; mov rbp, rsp` and the stack limit check (traps at a listed ud2 when rsp < limit). */
  prologue(): void;
  /** `pop rbp; ret`. */
  epilogue(): void;
  /** `call [rdi + builtin]` (vmctx must be in rdi, arguments in place). */
  callBuiltin(name: BuiltinName): void;
  /** Remembers the current text offset under `label` (BuiltModule.marks). */
  mark(label: string): void;
}

export type Body = (e: Emit) => void;

export interface BuiltModule {
  prefix: string;
  wasm: Uint8Array;
  info: ModuleInfo;
  text: Uint8Array;
  descriptor: Uint8Array;
  obj: ElfObject;
  /** Text offsets of each defined function (by name from the name section, else `func[i]`). */
  funcs: Map<string, FuncRange>;
  sites: TrapSite[];
  marks: Map<string, number>;
}

/** Which types need a trampoline: those of exported functions and of the start function. */
function trampolineTypes(m: ModuleInfo): number[] {
  const types = new Set<number>();
  for (const e of m.exports) if (e.kind === 0) types.add(m.funcTypes[e.index]!);
  if (m.start !== undefined) types.add(m.funcTypes[m.start]!);
  return [...types].sort((a, b) => a - b);
}

const INT_ARGS: readonly Gpr[] = [rsi, rdx, rcx, r8, r9];

/** `void tramp(void *vmctx, const void *code, w2o_val *values)`, integer types only. */
function emitTrampoline(b: CodeBuffer, m: ModuleInfo, type: number): void {
  const t = m.types[type]!;
  const ints = new Set<number>([ValType.I32, ValType.I64, ValType.FuncRef, ValType.ExternRef]);
  if (![...t.params, ...t.results].every((v) => ints.has(v)) || t.params.length > INT_ARGS.length || t.results.length > 1) {
    throw new Error(`test trampolines take at most 5 integer parameters and one integer result (type ${type})`);
  }
  push(b, rbp);
  movRR(b, 64, rbp, rsp);
  push(b, rbx);
  push(b, r12); // keeps rsp 16-aligned at the call
  movRR(b, 64, rbx, rdx); // values
  movRR(b, 64, rax, rsi); // callee code
  t.params.forEach((v, i) => movRM(b, v === ValType.I32 ? 32 : 64, INT_ARGS[i]!, mem(rbx), 16 * i));
  callR(b, rax); // rdi, the callee's vmctx, untouched
  // The whole 8 bytes even for an i32: the slot's low bytes are what .i32 reads.
  if (t.results.length === 1) movMR(b, 64, mem(rbx), 0, rax);
  pop(b, r12);
  pop(b, rbx);
  pop(b, rbp);
  ret(b);
}

/**
 * Builds the module of `wat` (function names kept: wat2wasm --debug-names), or of the
 * binary given, with `bodies` for its defined functions, by name (`$name`, or `func[i]`
 * without a name); a function without one is a listed `ud2` (unreachable).
 */
export function buildModule(prefix: string, wat: string | Uint8Array, bodies: Record<string, Body> = {}): BuiltModule {
  const wasm = typeof wat === 'string' ? wat2wasm(wat, ['--debug-names']) : wat;
  const marks = new Map<string, number>();
  const m = decodeModule(wasm);
  const layout = computeVmctxLayout(m);
  const b = new CodeBuffer();
  const sites: TrapSite[] = [];
  const numDefined = m.funcTypes.length - m.numImportedFuncs;
  const labels = Array.from({ length: numDefined }, () => b.newLabel());
  const nameOf = (f: number) => {
    const n = m.names.functionNames.get(f);
    return n === undefined ? `func[${f}]` : `$${n}`;
  };
  const emit: Emit = {
    b,
    m,
    layout,
    site: (trap) => sites.push({ textOffset: b.length, code: trapCode(trap) }),
    funcLabel: (f) => labels[f - m.numImportedFuncs]!,
    prologue() {
      const overflow = b.newLabel();
      const body = b.newLabel();
      push(b, rbp);
      movRR(b, 64, rbp, rsp);
      movRM(b, 64, rax, mem(rdi), VMCTX_STACK_LIMIT_PTR);
      aluRM(b, Alu.cmp, 64, rsp, mem(rax), 0);
      jcc(b, Cond.ae, body);
      b.bind(overflow);
      emit.site('stack_exhausted');
      ud2(b);
      b.bind(body);
    },
    epilogue() {
      pop(b, rbp);
      ret(b);
    },
    callBuiltin(name) {
      callM(b, mem(rdi), 8 + 8 * BUILTINS.findIndex((x) => x.name === name));
    },
    mark(label) {
      marks.set(label, b.length);
    },
  };
  const funcs = new Map<string, FuncRange>();
  const offsets = new Uint32Array(numDefined);
  const used = new Set<string>();
  for (let i = 0; i < numDefined; i++) {
    const f = m.numImportedFuncs + i;
    const name = nameOf(f);
    b.align(16);
    b.bind(labels[i]!);
    const start = b.length;
    offsets[i] = start;
    const body = bodies[name];
    if (body === undefined) {
      emit.site('unreachable');
      ud2(b);
    } else {
      used.add(name);
      body(emit);
    }
    funcs.set(name, { textOffset: start, size: b.length - start, name });
  }
  const unused = Object.keys(bodies).filter((n) => !used.has(n));
  if (unused.length > 0) throw new Error(`no function ${unused.join(', ')} in module ${prefix}`);
  const trampolines = new Map<number, number>();
  const ranges = [...funcs.values()];
  for (const t of trampolineTypes(m)) {
    b.align(16);
    const start = b.length;
    emitTrampoline(b, m, t);
    trampolines.set(t, start);
    ranges.push({ textOffset: start, size: b.length - start, name: `trampoline[${t}]` });
  }
  const text = b.finish();
  const table = encodeFuncTable(ranges);
  const descriptor = encodeDescriptor(m, wasm, {
    textSize: text.length,
    funcTextOffsets: offsets,
    trampolines,
    trapTable: encodeTrapTable(sites),
    funcTable: table.table,
    names: table.names,
    boundsChecks: false,
    cpuLevel: DEFAULT_CPU_LEVEL,
  });
  return { prefix, wasm, info: m, text, descriptor, obj: moduleObject(prefix, text, descriptor), funcs, sites, marks };
}

/** The object: `.text` with `<prefix>_text`, `.rodata` with `<prefix>_module`. */
export function moduleObject(prefix: string, text: Uint8Array, descriptor: Uint8Array): ElfObject {
  return moduleObjectParts(prefix, text, descriptor).obj;
}

/** moduleObject, with the ids of its two sections. */
export function moduleObjectParts(
  prefix: string,
  text: Uint8Array,
  descriptor: Uint8Array,
): { obj: ElfObject; textId: SectionId; rodataId: SectionId } {
  const obj = new ElfObject(`${prefix}.wasm`);
  const textId = obj.addSection({ name: '.text', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR, align: 16, data: text });
  obj.addSymbol({ name: `${prefix}_text`, binding: STB_GLOBAL, type: STT_NOTYPE, section: textId, value: 0, size: 0 });
  const rodata = obj.addSection({ name: '.rodata', type: SHT_PROGBITS, flags: SHF_ALLOC, align: 8, data: descriptor });
  obj.addSymbol({ name: `${prefix}_module`, binding: STB_GLOBAL, type: STT_OBJECT, section: rodata, value: 0, size: descriptor.length });
  return { obj, textId, rodataId: rodata };
}
