/**
 * The object the unwind tests read back, link and run: three functions assembled with
 * the x64 assembler, with the prologues and epilogues a frame-pointer code generator
 * emits and the unwind pseudo-ops recorded as each is emitted, and an `.eh_frame` built
 * from them by the unwind stage.
 *
 *   w_outer(cb)        saves rbx and r12, calls w_mid(cb, 1), returns its result + 100
 *   w_mid(cb, flag)    two epilogues: returns -1 early when flag is 0; otherwise, from
 *                      the code between the two epilogues, calls w_leaf(cb) and adds 10
 *   w_leaf(cb)         calls cb() (a C function) and adds 1
 *
 * So main.c's `w_outer(cfunc)` gives 153 with cfunc on top of the stack of
 * cfunc, w_leaf, w_mid, w_outer, main.
 */
import {
  Alu,
  CodeBuffer,
  Cond,
  align,
  aluRI,
  call,
  callR,
  jcc,
  lea,
  mem,
  movRI,
  movRR,
  pop,
  push,
  r12,
  rax,
  rbp,
  rbx,
  rdi,
  rsi,
  rsp,
  ret,
  testRR,
  type Gpr,
  type Label,
} from '../../src/codegen/x64/index.js';
import {
  ElfObject,
  SHF_ALLOC,
  SHF_EXECINSTR,
  SHT_PROGBITS,
  SHT_X86_64_UNWIND,
  STB_GLOBAL,
  STT_FUNC,
  type SymbolId,
} from '../../src/obj-elf/index.js';
import { EH_FRAME_ALIGN, buildEhFrame, type EhFrame, type FunctionUnwind, type UnwindOp } from '../../src/unwind/index.js';

export interface ProgramFunction {
  name: string;
  /** Offset in .text. */
  offset: number;
  size: number;
  ops: UnwindOp[];
  /** Offsets (from the function's start) of the return addresses of its calls. */
  returnSites: number[];
  /** Offsets of its `ret` instructions. */
  rets: number[];
}

/** Emits prologues, epilogues and calls into one buffer, recording the pseudo-ops. */
class Emitter {
  readonly b = new CodeBuffer();
  private start = 0;
  private ops: UnwindOp[] = [];
  private saved: Gpr[] = [];
  private returnSites: number[] = [];
  private rets: number[] = [];
  readonly functions: ProgramFunction[] = [];

  private get at(): number {
    return this.b.length - this.start;
  }

  /** At a 16-byte boundary, `label` bound there: push rbp; mov rbp, rsp; push each of `saved`; sub rsp, frameSize. */
  begin(label: Label, saved: Gpr[], frameSize: number): void {
    align(this.b, 16);
    this.b.bind(label);
    this.start = this.b.length;
    this.ops = [];
    this.saved = saved;
    this.returnSites = [];
    this.rets = [];
    push(this.b, rbp);
    this.ops.push({ kind: 'pushFramePointer', at: this.at });
    movRR(this.b, 64, rbp, rsp);
    this.ops.push({ kind: 'setFramePointer', at: this.at });
    saved.forEach((r, i) => {
      push(this.b, r);
      this.ops.push({ kind: 'saveRegister', at: this.at, reg: r, cfaOffset: -24 - 8 * i });
    });
    if (frameSize > 0) aluRI(this.b, Alu.sub, 64, rsp, frameSize);
  }

  /**
   * The epilogue; `last` when no code follows it (no state to remember). rsp goes back to
   * the saved registers (`lea`) or to rbp (`mov`), then the pops and `ret`.
   */
  epilogue(last: boolean): void {
    if (!last) this.ops.push({ kind: 'rememberState', at: this.at });
    if (this.saved.length > 0) lea(this.b, 64, rsp, mem(rbp), -8 * this.saved.length);
    else movRR(this.b, 64, rsp, rbp);
    for (let i = this.saved.length - 1; i >= 0; i--) {
      const r = this.saved[i]!;
      pop(this.b, r);
      this.ops.push({ kind: 'restoreRegister', at: this.at, reg: r });
    }
    pop(this.b, rbp);
    this.ops.push({ kind: 'popFramePointer', at: this.at });
    this.rets.push(this.at);
    ret(this.b);
    if (!last) this.ops.push({ kind: 'restoreState', at: this.at });
  }

  /** Records where the call just emitted returns to. */
  called(): void {
    this.returnSites.push(this.at);
  }

  end(name: string): void {
    this.functions.push({
      name,
      offset: this.start,
      size: this.b.length - this.start,
      ops: this.ops,
      returnSites: this.returnSites,
      rets: this.rets,
    });
  }
}

export interface Program {
  text: Uint8Array;
  functions: ProgramFunction[];
}

export function assembleProgram(): Program {
  const e = new Emitter();
  const b = e.b;
  const leaf = b.newLabel();
  const mid = b.newLabel();

  // w_leaf(cb): cb() + 1
  e.begin(leaf, [], 16);
  callR(b, rdi);
  e.called();
  aluRI(b, Alu.add, 32, rax, 1);
  e.epilogue(true);
  e.end('w_leaf');

  // w_mid(cb, flag): flag ? w_leaf(cb) + 10 : -1
  e.begin(mid, [], 16);
  const work = b.newLabel();
  testRR(b, 32, rsi, rsi);
  jcc(b, Cond.ne, work);
  movRI(b, 32, rax, -1);
  e.epilogue(false);
  b.bind(work);
  call(b, leaf);
  e.called();
  aluRI(b, Alu.add, 32, rax, 10);
  e.epilogue(true);
  e.end('w_mid');

  // w_outer(cb): w_mid(cb, 1) + 100, keeping cb in callee-saved registers across the call
  e.begin(b.newLabel(), [rbx, r12], 0);
  movRR(b, 64, rbx, rdi);
  movRR(b, 64, r12, rdi);
  movRR(b, 64, rdi, rbx);
  movRI(b, 32, rsi, 1);
  call(b, mid);
  e.called();
  aluRI(b, Alu.add, 32, rax, 100);
  e.epilogue(true);
  e.end('w_outer');

  return { text: b.finish(), functions: e.functions };
}

export interface ProgramObject {
  obj: ElfObject;
  program: Program;
  ehFrame: EhFrame<SymbolId> | null;
}

/**
 * The object: `.text` with a global STT_FUNC symbol per function and, unless left out,
 * `.eh_frame`. `anchor` chooses what the FDEs' pc_begin refers to: each function's own
 * symbol, or the section symbol of `.text` plus the function's offset.
 */
export function buildProgramObject(opts: { ehFrame: boolean; anchor?: 'function' | 'text' }): ProgramObject {
  const program = assembleProgram();
  const obj = new ElfObject('unwind-sample.wasm');
  const text = obj.addSection({ name: '.text', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR, align: 16, data: program.text });
  const unwind: FunctionUnwind<SymbolId>[] = program.functions.map((f) => {
    const symbol = obj.addSymbol({ name: f.name, binding: STB_GLOBAL, type: STT_FUNC, section: text, value: f.offset, size: f.size });
    return { offset: f.offset, size: f.size, ops: f.ops, ...(opts.anchor === 'text' ? {} : { symbol }) };
  });
  if (!opts.ehFrame) return { obj, program, ehFrame: null };
  const ehFrame = buildEhFrame(unwind, { textSymbol: obj.sectionSymbol(text) });
  const eh = obj.addSection({ name: '.eh_frame', type: SHT_X86_64_UNWIND, flags: SHF_ALLOC, align: EH_FRAME_ALIGN, data: ehFrame.bytes });
  for (const r of ehFrame.relocations) obj.addRelocation(eh, r);
  return { obj, program, ehFrame };
}
