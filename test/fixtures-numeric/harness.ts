/**
 * Runs numeric emitters for real. Each test case (a `Variant`: one instruction, one
 * assignment of registers, one way of using the result) becomes a native function
 *
 *   void f(uint64_t a, uint64_t b, uint64_t *out)
 *
 * that takes raw operand bits, so no C float conversion can touch a NaN, and:
 * 1. fills every register the emitter has no business writing with a known pattern, and
 *    loads the operands into the registers the variant names (from memory, so operands
 *    may share a register);
 * 2. runs the emitter's code;
 * 3. stores the result (a register, or the outcome of a condition through a branch);
 * 4. checks every register outside the result, r11, xmm15 and the documented clobbers
 *    still holds its pattern or its operand, and reports those that do not in out[1].
 * The emitter's trap labels are `ud2`s after the function, listed in the object's trap
 * table, and its constants follow them, 16-aligned. All functions go into one object,
 * linked once with the runtime and driver.c.
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeTrapTable, type TrapCode } from '../../src/abi/index.js';
import type { CpuLevel } from '../../src/abi/cpu.js';
import type { NumericContext } from '../../src/codegen/baseline/numeric.js';
import {
  Alu,
  CodeBuffer,
  Sse,
  aluMI,
  aluRI,
  aluRM,
  jccShort,
  jmpShort,
  lea,
  mem,
  movMI,
  movMR,
  movRI,
  movRM,
  movRR,
  movdRX,
  movdXR,
  movsdMR,
  movssMR,
  pop,
  push,
  r11,
  r12,
  r13,
  r14,
  r15,
  rax,
  rbp,
  rbx,
  rdi,
  rdx,
  ret,
  rsi,
  rsp,
  sseRM,
  ud2,
  Cond,
  type Gpr,
  type Label,
  type Xmm,
} from '../../src/codegen/x64/index.js';
import {
  ElfObject,
  SHF_ALLOC,
  SHF_EXECINSTR,
  SHT_PROGBITS,
  STB_GLOBAL,
  STT_NOTYPE,
  STT_OBJECT,
  writeElf,
  type SectionId,
  type SymbolType,
} from '../../src/obj-elf/index.js';
import { quietTool } from '../fixtures-elf/tools.js';
import { C_FLAGS, REPO, runtimeSources } from '../fixtures-runtime/build.js';
import type { ValType } from './reference.js';

export type Loc = { readonly gpr: Gpr } | { readonly xmm: Xmm };

/** What the emitter hands back: a register, or a condition the harness branches on. */
export type Outcome =
  | { readonly kind: 'gpr'; readonly r: Gpr }
  | { readonly kind: 'xmm'; readonly r: Xmm }
  | { readonly kind: 'branch'; readonly jumpIfTrue: (ctx: NumericContext, label: Label) => void };

export interface Variant {
  /** Unique: instruction, registers, flavour. */
  readonly label: string;
  /** The wasm instruction, e.g. `i32.add`. */
  readonly name: string;
  /** The operand types of the instruction, constants included. */
  readonly params: readonly ValType[];
  /** Registers of the runtime operands, in order; fewer than params when the last is a constant. */
  readonly inputs: readonly Loc[];
  /** The constant operand, as raw bits, when there is one. */
  readonly imm?: bigint;
  readonly result: ValType;
  /** Registers the emitter may write besides r11 and xmm15: its result and documented clobbers. */
  readonly written: readonly Loc[];
  /** Every input tuple of edges (else a sample of them), besides the random ones. */
  readonly full: boolean;
  emit(ctx: NumericContext): Outcome;
}

export const gpr = (r: Gpr): Loc => ({ gpr: r });
export const xmm = (r: Xmm): Loc => ({ xmm: r });
const sameLoc = (a: Loc, b: Loc) => ('gpr' in a && 'gpr' in b && a.gpr === b.gpr) || ('xmm' in a && 'xmm' in b && a.xmm === b.xmm);

/** The NumericContext the core will provide: trap stubs and a constant pool per function. */
export class TestContext implements NumericContext {
  readonly b = new CodeBuffer(1 << 16);
  readonly cpuLevel: CpuLevel = 2;
  readonly sites: { textOffset: number; code: TrapCode }[] = [];
  private traps = new Map<TrapCode, Label>();
  private constants = new Map<string, { label: Label; words: number[] }>();

  trapLabel(code: TrapCode): Label {
    let label = this.traps.get(code);
    if (label === undefined) this.traps.set(code, (label = this.b.newLabel()));
    return label;
  }

  constant128(w0: number, w1: number, w2: number, w3: number): Label {
    const words = [w0, w1, w2, w3].map((w) => w >>> 0);
    const key = words.join(',');
    let c = this.constants.get(key);
    if (c === undefined) this.constants.set(key, (c = { label: this.b.newLabel(), words }));
    return c.label;
  }

  /** Ends a function: its trap stubs, then its constants. */
  flush(): void {
    for (const [code, label] of this.traps) {
      this.b.bind(label);
      this.sites.push({ textOffset: this.b.length, code });
      ud2(this.b);
    }
    this.traps.clear();
    if (this.constants.size > 0) {
      this.b.align(16);
      for (const { label, words } of this.constants.values()) {
        this.b.bind(label);
        for (const w of words) this.b.u32(w);
      }
    }
    this.constants.clear();
  }
}

// Frame of a test function, from rbp: five callee-saved registers, then out, a, b, result.
const OUT = -48;
const SLOT = [-56, -64];
const RESULT = -72;

const CHECKED_GPRS = [0, 1, 2, 3, 6, 7, 8, 9, 10, 12, 13, 14, 15] as Gpr[];
const CHECKED_XMMS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14] as Xmm[];
// Positive int32s, so that `cmp r64, imm32` compares all 64 bits.
const gprPattern = (r: number) => 0x5a001234 | (r << 16);
const xmmPattern = (r: number) => 0x3c004321 | (r << 16);

function assemble(ctx: TestContext, v: Variant): number {
  const b = ctx.b;
  b.align(16);
  const start = b.length;
  push(b, rbp);
  movRR(b, 64, rbp, rsp);
  for (const r of [rbx, r12, r13, r14, r15, rdx, rdi, rsi]) push(b, r);
  aluRI(b, Alu.sub, 64, rsp, 8);

  const inputOf = (loc: Loc) => v.inputs.findIndex((i) => sameLoc(i, loc));
  for (const r of CHECKED_GPRS) if (inputOf(gpr(r)) < 0) movRI(b, 32, r, gprPattern(r));
  for (const r of CHECKED_XMMS) {
    if (inputOf(xmm(r)) >= 0) continue;
    movRI(b, 32, r11, xmmPattern(r));
    movdXR(b, 64, r, r11);
  }
  v.inputs.forEach((loc, i) => {
    if (inputOf(loc) !== i) return; // the same register twice: one operand value
    if ('gpr' in loc) movRM(b, 64, loc.gpr, mem(rbp), SLOT[i]!);
    else sseRM(b, Sse.movsd, loc.xmm, mem(rbp), SLOT[i]!);
  });

  const out = v.emit(ctx);

  if (out.kind === 'gpr') {
    movMR(b, 64, mem(rbp), RESULT, out.r);
  } else if (out.kind === 'xmm') {
    if (v.result === 'f32') {
      movMI(b, 64, mem(rbp), RESULT, 0);
      movssMR(b, mem(rbp), RESULT, out.r);
    } else {
      movsdMR(b, mem(rbp), RESULT, out.r);
    }
  } else {
    const isTrue = b.newLabel();
    const done = b.newLabel();
    out.jumpIfTrue(ctx, isTrue);
    movMI(b, 64, mem(rbp), RESULT, 0);
    jmpShort(b, done);
    b.bind(isTrue);
    movMI(b, 64, mem(rbp), RESULT, 1);
    b.bind(done);
  }

  // Registers changed without leave: one bit each in out[1] (GPRs) and out[1] + 4 (xmm).
  const written = (loc: Loc) => v.written.some((w) => sameLoc(w, loc));
  movRM(b, 64, r11, mem(rbp), OUT);
  const report = (at: number, bit: number) => {
    const ok = b.newLabel();
    jccShort(b, Cond.e, ok);
    aluMI(b, Alu.or, 32, mem(r11), at, 1 << bit);
    b.bind(ok);
  };
  for (const r of CHECKED_GPRS) {
    if (written(gpr(r))) continue;
    const i = inputOf(gpr(r));
    if (i >= 0) aluRM(b, Alu.cmp, 64, r, mem(rbp), SLOT[i]!);
    else aluRI(b, Alu.cmp, 64, r, gprPattern(r));
    report(8, r);
  }
  for (const r of CHECKED_XMMS) {
    if (written(xmm(r))) continue;
    const i = inputOf(xmm(r));
    movdRX(b, 64, rax, r);
    if (i >= 0) aluRM(b, Alu.cmp, 64, rax, mem(rbp), SLOT[i]!);
    else aluRI(b, Alu.cmp, 64, rax, xmmPattern(r));
    report(12, r);
  }
  movRM(b, 64, rax, mem(rbp), RESULT);
  movMR(b, 64, mem(r11), 0, rax);

  lea(b, 64, rsp, mem(rbp), -40);
  for (const r of [r15, r14, r13, r12, rbx, rbp]) pop(b, r);
  ret(b);
  ctx.flush();
  return start;
}

/** One job: run variant `func` on operands a and b (raw bits). */
export interface Jobs {
  func: Uint32Array;
  a: BigUint64Array;
  b: BigUint64Array;
}

export interface JobResult {
  trap: number;
  gprChanged: number;
  xmmChanged: number;
  value: bigint;
}

/** Assembles every variant into one object, links it with the runtime and runs the jobs. */
export function runVariants(dir: string, variants: readonly Variant[], jobs: Jobs): JobResult[] {
  const ctx = new TestContext();
  const offsets = variants.map((v) => assemble(ctx, v));
  const text = ctx.b.finish();

  const obj = new ElfObject('numeric.wasm');
  const textId = obj.addSection({ name: '.text', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR, align: 16, data: text });
  const global = (name: string, section: SectionId, type: SymbolType, value: number, size: number) =>
    obj.addSymbol({ name: `num_${name}`, binding: STB_GLOBAL, type, section, value, size });
  global('text_start', textId, STT_NOTYPE, 0, 0);
  global('text_end', textId, STT_NOTYPE, text.length, 0);
  const u32s = (values: readonly number[]) => new Uint8Array(Uint32Array.from(values).buffer);
  const pieces: [string, Uint8Array][] = [
    ['trap_sites', encodeTrapTable(ctx.sites)],
    ['trap_site_count', u32s([ctx.sites.length])],
    ['func_offsets', u32s(offsets)],
    ['func_count', u32s([offsets.length])],
  ];
  const rodata = new Uint8Array(pieces.reduce((n, [, p]) => n + p.length, 0));
  const rodataId = obj.addSection({ name: '.rodata', type: SHT_PROGBITS, flags: SHF_ALLOC, align: 8, data: rodata });
  let at = 0;
  for (const [name, bytes] of pieces) {
    rodata.set(bytes, at);
    global(name, rodataId, STT_OBJECT, at, bytes.length);
    at += bytes.length; // every piece is a multiple of 4 bytes
  }
  const objFile = join(dir, 'numeric.o');
  writeFileSync(objFile, writeElf(obj));

  const exe = join(dir, 'driver');
  // The runtime is a tool here, not under test: built without optimization or debug info
  // (a quarter of the time), still with every warning an error.
  quietTool('cc', [
    ...C_FLAGS.filter((f) => f !== '-O2' && f !== '-g'),
    '-O0',
    '-pthread',
    '-Wl,--fatal-warnings',
    ...runtimeSources(),
    join(REPO, 'test', 'fixtures-numeric', 'driver.c'),
    objFile,
    '-o',
    exe,
  ]);

  const n = jobs.func.length;
  const input = new DataView(new ArrayBuffer(n * 24));
  for (let i = 0; i < n; i++) {
    input.setUint32(i * 24, jobs.func[i]!, true);
    input.setBigUint64(i * 24 + 8, jobs.a[i]!, true);
    input.setBigUint64(i * 24 + 16, jobs.b[i]!, true);
  }
  const jobFile = join(dir, 'jobs.bin');
  const resultFile = join(dir, 'results.bin');
  writeFileSync(jobFile, new Uint8Array(input.buffer));
  quietTool(exe, [jobFile, resultFile]);
  const raw = readFileSync(resultFile);
  if (raw.length !== n * 24) throw new Error(`the driver wrote ${raw.length} bytes for ${n} jobs`);
  const out = new DataView(raw.buffer, raw.byteOffset, raw.length);
  const results: JobResult[] = [];
  for (let i = 0; i < n; i++) {
    results.push({
      trap: out.getUint32(i * 24, true),
      gprChanged: out.getUint32(i * 24 + 4, true),
      xmmChanged: out.getUint32(i * 24 + 8, true),
      value: out.getBigUint64(i * 24 + 16, true),
    });
  }
  return results;
}
