/**
 * The stand-in for a compiled wasm module that the runtime tests link with their C
 * driver (`driver.c`): machine code emitted with the x64 assembler, with a trap table the
 * way the compiler will lay it out, written as an ELF object by obj-elf.
 *
 * The object of prefix P holds:
 * - `.text`: the functions below, each at a 16-byte boundary, each a global STT_FUNC
 *   symbol `P_<name>`, plus `P_text_start` and `P_text_end` around the whole section;
 * - `.rodata`: `P_trap_sites` (the encoded trap table, `encodeTrapTable`),
 *   `P_trap_site_count` (u32), `P_funcs` (the function table, `encodeFuncTable`),
 *   `P_func_count` (u32), `P_names_size` (u32) and `P_names`: position-independent
 *   data, no relocations, as the link stage will lay it out.
 *
 * Functions (System V ABI; every wasm function would take vmctx first, these take the
 * memory base directly, which is all the trap core needs):
 *   void     unreachable(void)                      ud2, listed as unreachable
 *   uint32_t load(uint8_t *base, uint32_t i)        mov eax, [base + i], listed
 *   void     store(uint8_t *base, uint32_t i, uint32_t v)  mov [base + i], v, listed
 *   uint32_t load_far(uint8_t *base, uint32_t i)    load at base + i + 0xffffffff, listed
 *   int32_t  div_s(int32_t a, int32_t b)            a / b: one idiv listed as divide by
 *            zero, and, for b == -1, another listed as integer overflow
 *   int32_t  add_one(int32_t x)                     x + 1, never traps
 *   void     stray_ud2(void)                        ud2 missing from the table
 *   uint32_t stray_load(uint8_t *base, uint32_t i)  a load missing from the table
 *   uint64_t call_host(void (*f)(void *), void *a)  calls back into C and returns 7
 *   void     recurse(void)                          calls itself forever; its push and
 *            call are listed as stack exhausted
 * and, for backtraces, chains of frames:
 *   void     frames_b(void)   calls frames_a, which calls unreachable
 *   void     frames_c(void)   calls entry_fault, whose first instruction is a listed ud2
 *            (no frame of its own yet)
 *   uint64_t host_via(void (*f)(void *), void *a)   calls call_host(f, a)
 */
import { encodeFuncTable, encodeTrapTable, trapCode, type TrapName } from '../../src/abi/index.js';
import {
  Alu,
  CodeBuffer,
  Cond,
  aluRI,
  aluRR,
  call,
  callR,
  cdq,
  idiv,
  jcc,
  lea,
  mem,
  movMR,
  movRI,
  movRM,
  movRR,
  nop,
  pop,
  push,
  r8,
  rax,
  rbp,
  rcx,
  rdi,
  rdx,
  rsi,
  rsp,
  ret,
  ud2,
} from '../../src/codegen/x64/index.js';
import {
  ElfObject,
  SHF_ALLOC,
  SHF_EXECINSTR,
  SHT_PROGBITS,
  STB_GLOBAL,
  STT_FUNC,
  STT_NOTYPE,
  STT_OBJECT,
  type SectionId,
  type SymbolType,
} from '../../src/obj-elf/index.js';

export interface ModuleSite {
  /** Offset from the start of the module's `.text`. */
  textOffset: number;
  trap: TrapName;
  /** The wasm function that holds the site, as the function table names it. */
  func: string;
}

export interface ModuleFunction {
  name: string;
  offset: number;
  size: number;
}

export interface TestModule {
  obj: ElfObject;
  functions: ModuleFunction[];
  /** In table order (sorted by offset). */
  sites: ModuleSite[];
  /** Offsets of the unlisted faulting instructions. */
  strayUd2: number;
  strayLoad: number;
  /** The return address of each function's (last) call, from the start of `.text`. */
  returns: Record<string, number>;
}

/** The wasm name of each function in the names table: what a name section would give. */
export const WASM_NAMES: Readonly<Record<string, string>> = {
  unreachable: '$unreachable',
  load: '$i32.load',
  store: '$i32.store',
  load_far: '$i32.load offset=0xffffffff',
  div_s: '$i32.div_s',
  recurse: '$recurse',
  call_host: '$call_host',
  frames_a: '$frames_a',
  frames_b: '$frames_b',
  entry_fault: '$entry_fault',
  frames_c: '$frames_c',
  host_via: '$host_via',
};

const u32 = (n: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
};
const align4 = (n: number) => (n + 3) & ~3;

export function buildTestModule(prefix: string): TestModule {
  const b = new CodeBuffer();
  const functions: ModuleFunction[] = [];
  const sites: ModuleSite[] = [];
  let current = '';
  let strayUd2 = -1;
  let strayLoad = -1;
  const returns: Record<string, number> = {};
  const labels = new Map<string, ReturnType<CodeBuffer['newLabel']>>();
  const labelOf = (name: string) => {
    let l = labels.get(name);
    if (l === undefined) labels.set(name, (l = b.newLabel()));
    return l;
  };
  /** call `name` (bound when it is emitted); records the return address. */
  const callFn = (name: string) => {
    call(b, labelOf(name));
    returns[current] = b.length;
  };
  const site = (trap: TrapName) => sites.push({ textOffset: b.length, trap, func: WASM_NAMES[current]! });
  const fn = (name: string, body: () => void) => {
    b.align(16);
    current = name;
    b.bind(labelOf(name));
    const offset = b.length;
    body();
    functions.push({ name, offset, size: b.length - offset });
  };
  const prologue = () => {
    push(b, rbp);
    movRR(b, 64, rbp, rsp);
  };
  const epilogue = () => {
    pop(b, rbp);
    ret(b);
  };

  fn('unreachable', () => {
    prologue();
    nop(b);
    site('unreachable');
    ud2(b);
    epilogue();
  });
  fn('load', () => {
    prologue();
    movRR(b, 32, rsi, rsi); // the u32 index, zero-extended
    site('memory_out_of_bounds');
    movRM(b, 32, rax, mem(rdi, rsi), 0);
    epilogue();
  });
  fn('store', () => {
    prologue();
    movRR(b, 32, rsi, rsi);
    site('memory_out_of_bounds');
    movMR(b, 32, mem(rdi, rsi), 0, rdx);
    epilogue();
  });
  fn('load_far', () => {
    prologue();
    movRR(b, 32, rsi, rsi);
    movRI(b, 32, rcx, 0xffffffff); // a u32 static offset: the largest
    aluRR(b, Alu.add, 64, rsi, rcx);
    site('memory_out_of_bounds');
    movRM(b, 32, rax, mem(rdi, rsi), 0);
    epilogue();
  });
  fn('div_s', () => {
    const minusOne = b.newLabel();
    prologue();
    aluRI(b, Alu.cmp, 32, rsi, -1);
    jcc(b, Cond.e, minusOne);
    movRR(b, 32, rax, rdi);
    cdq(b);
    site('integer_divide_by_zero');
    idiv(b, 32, rsi);
    epilogue();
    b.bind(minusOne);
    movRR(b, 32, rax, rdi);
    cdq(b);
    site('integer_overflow');
    idiv(b, 32, rsi);
    epilogue();
  });
  fn('add_one', () => {
    lea(b, 32, rax, mem(rdi), 1);
    ret(b);
  });
  fn('stray_ud2', () => {
    prologue();
    strayUd2 = b.length;
    ud2(b);
    epilogue();
  });
  fn('stray_load', () => {
    prologue();
    movRR(b, 32, rsi, rsi);
    strayLoad = b.length;
    movRM(b, 32, rax, mem(rdi, rsi), 0);
    epilogue();
  });
  fn('call_host', () => {
    prologue();
    movRR(b, 64, r8, rdi);
    movRR(b, 64, rdi, rsi);
    callR(b, r8);
    returns[current] = b.length;
    movRI(b, 32, rax, 7);
    epilogue();
  });
  fn('recurse', () => {
    const self = b.newLabel();
    b.bind(self);
    site('stack_exhausted');
    push(b, rbp);
    movRR(b, 64, rbp, rsp);
    site('stack_exhausted');
    call(b, self);
    returns[current] = b.length;
    epilogue();
  });
  fn('frames_a', () => {
    prologue();
    callFn('unreachable');
    epilogue();
  });
  fn('frames_b', () => {
    prologue();
    callFn('frames_a');
    epilogue();
  });
  fn('entry_fault', () => {
    site('unreachable');
    ud2(b);
    ret(b);
  });
  fn('frames_c', () => {
    prologue();
    callFn('entry_fault');
    epilogue();
  });
  fn('host_via', () => {
    prologue();
    callFn('call_host');
    epilogue();
  });
  const text = b.finish();

  const obj = new ElfObject(`${prefix}.wasm`);
  const textId = obj.addSection({ name: '.text', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR, align: 16, data: text });
  const global = (name: string, section: SectionId, type: SymbolType, value: number, size: number) =>
    obj.addSymbol({ name: `${prefix}_${name}`, binding: STB_GLOBAL, type, section, value, size });
  for (const f of functions) global(f.name, textId, STT_FUNC, f.offset, f.size);
  global('text_start', textId, STT_NOTYPE, 0, 0);
  global('text_end', textId, STT_NOTYPE, text.length, 0);

  // .rodata, 4-byte aligned pieces: the trap table and its length, the function table
  // and its length, the names' size and the names. No pointers, so no relocations.
  const table = encodeTrapTable(sites.map((s) => ({ textOffset: s.textOffset, code: trapCode(s.trap) })));
  const funcs = encodeFuncTable(functions.map((f) => ({ textOffset: f.offset, size: f.size, name: WASM_NAMES[f.name] })));
  const pieces: [name: string, bytes: Uint8Array][] = [
    ['trap_sites', table],
    ['trap_site_count', u32(sites.length)],
    ['funcs', funcs.table],
    ['func_count', u32(functions.length)],
    ['names_size', u32(funcs.names.length)],
    ['names', funcs.names],
  ];
  const size = pieces.reduce((n, [, bytes]) => n + align4(bytes.length), 0);
  const rodata = new Uint8Array(size);
  const rodataId = obj.addSection({ name: '.rodata', type: SHT_PROGBITS, flags: SHF_ALLOC, align: 8, data: rodata });
  let at = 0;
  for (const [name, bytes] of pieces) {
    rodata.set(bytes, at);
    global(name, rodataId, STT_OBJECT, at, bytes.length);
    at += align4(bytes.length);
  }
  return { obj, functions, sites, strayUd2, strayLoad, returns };
}
