/**
 * The baseline tier (-O0): one pass over a function body that validates and emits code
 * for each instruction as it is read, Liftoff style.
 *
 * The operand stack is modelled by `ValueStack`: constants and `local.get`s are kept
 * symbolic until an instruction needs them, results stay in registers. Values are moved to
 * their fixed stack slots only where control flow joins, before calls, and when registers
 * run out:
 *
 * - Entering a block, loop or if spills every operand (the join state: all in slots or
 *   constant). Code inside a block never touches the operands below it, so that state
 *   holds at every branch to the block's label.
 * - A branch stores the label's values (results, or a loop's parameters) into the slots
 *   of the label's base height, then jumps. A branch to the function's label returns.
 * - A call spills the operands held in registers (all allocatable registers are
 *   caller-saved), loads its arguments from where they are, and pushes the result.
 *
 * Traps: memory accesses fault in guard pages and are listed in the trap table; explicit
 * checks jump to one `ud2` per trap kind at the end of the function, also listed.
 *
 * Everything is linear in the body size: each instruction does constant work except
 * where it touches a number of values it names (a call's arguments, a branch's values, a
 * br_table's targets), and the spills at block entries only visit what changed since the
 * previous join.
 */
import { builtinOffset, funcRefOffset, globalLocation, memoryBaseOffset, memoryPtrOffset, resultsLayout, tablePtrOffset, typeIdOffset, type BuiltinName, type VmctxLayout } from '../../abi/vmctx.js';
import type { CpuLevel } from '../../abi/cpu.js';
import { trapCode, type TrapCode } from '../../abi/traps.js';
import { WasmError } from '../../translate/errors.js';
import { FuncValidator } from '../../translate/func-validator.js';
import { Op, opcodeName } from '../../translate/opcodes.js';
import { OperatorReader } from '../../translate/operator-reader.js';
import { ValType, type FuncType, type ModuleInfo } from '../../translate/types.js';
import type { UnwindOp } from '../../unwind/types.js';
import { INT_ARG_GPRS, LOC_STACK, LOC_XMM, paramLocations, resultsAreaOffset, type ParamLocations } from '../call-conv.js';
import { UnsupportedError } from '../errors.js';
import type { CodegenOptions, CompiledFunction } from '../types.js';
import {
  Alu,
  CodeBuffer,
  Cond,
  Shift,
  Sse,
  Vec,
  aluRI,
  aluRI32,
  aluRM,
  aluRR,
  callM,
  callRel32,
  cmovRR,
  jcc,
  jmp,
  jmpR,
  lea,
  mem,
  movImm64,
  movMI,
  movMR,
  movRM,
  movRR,
  movsdMR,
  movssMR,
  movsxRM,
  movsxdRM,
  movzxRM,
  movzxRR,
  movupsMR,
  r10,
  r11,
  rax,
  rbp,
  rcx,
  rdi,
  ripLabel,
  rsi,
  rsp,
  setcc,
  shiftRI,
  sseRM,
  sseRR,
  testRR,
  ud2,
  vecRM,
  xmm0,
  xmm15,
  type Addr,
  type Gpr,
  type Label,
  type Xmm,
} from '../x64/index.js';
import { emitFrameSetup, emitFrameTeardown } from '../frame-code.js';
import { parallelMove } from '../parallel-move.js';
import { LOCALS_DISP, MEMORY_BASE_REG, RESULTS_PTR_DISP, SAVED_REGS, VMCTX_REG } from './frame.js';
import { invertFloatCond, jumpIfFloatCond, type FloatCond } from './numeric.js';
import { emitNumeric, isNumericOp } from './operators.js';
import { SimdClass, emitSimd, simdClass } from './simd.js';
import type { SimdContext } from './simd-context.js';
import { emitLoadLane, emitSimdLoad, emitSimdStore, laneAccessSize } from './simd-memory.js';
import { COND, CONST, LOCAL, REG, STACK, ValueStack, XMM_CODE, gprWidth, inXmm, slotAbove } from './value-stack.js';

const TRAP_STACK_EXHAUSTED = trapCode('stack_exhausted');
const TRAP_UNREACHABLE = trapCode('unreachable');
const TRAP_MEMORY_OUT_OF_BOUNDS = trapCode('memory_out_of_bounds');
const TRAP_UNDEFINED_ELEMENT = trapCode('undefined_element');
const TRAP_INDIRECT_CALL_TO_NULL = trapCode('indirect_call_to_null');
const TRAP_BAD_SIGNATURE = trapCode('bad_signature');

const FUNC = 0;
const BLOCK = 1;
const LOOP = 2;
const IF = 3;
const ELSE = 4;

const EMPTY_TYPES = new Uint8Array(0);
/** One-element type lists, indexed by value type byte, for `[t]` block types. */
const SINGLE_TYPES: Uint8Array[] = [];
for (let t = 0; t < 0x80; t++) SINGLE_TYPES.push(Uint8Array.of(t));

interface Signature {
  readonly locs: ParamLocations;
  /** Offsets of the results in a results area, and its size (0 with fewer than two results). */
  readonly offsets: readonly number[];
  readonly area: number;
}

/** A growable list of u32 pairs (calls, trap sites, srcmap). */
class PairList {
  data = new Uint32Array(64);
  length = 0;
  push(a: number, b: number): void {
    if (this.length + 2 > this.data.length) {
      const d = new Uint32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = a;
    this.data[this.length++] = b;
  }
  take(): Uint32Array {
    const out = this.data.slice(0, this.length);
    this.length = 0;
    return out;
  }
}

export class BaselineCompiler implements SimdContext {
  readonly b = new CodeBuffer(1 << 16);
  private readonly r: OperatorReader;
  private readonly v: FuncValidator;
  private readonly vs: ValueStack;

  // control frames
  private ctlKind = new Uint8Array(32);
  private ctlBase = new Int32Array(32);
  private ctlBlockType = new Int32Array(32);
  private ctlLabel = new Int32Array(32);
  private ctlElse = new Int32Array(32);
  private ctlDepth = 0;

  /** Code is unreachable; `deadDepth` counts blocks opened since. */
  private dead = false;
  private deadDepth = 0;

  private funcType!: FuncType;
  private returnLabel = 0 as Label;
  private readonly trapLabels = new Int32Array(32);
  private constants: { label: Label; words: [number, number, number, number] }[] = [];
  private readonly calls = new PairList();
  private readonly trapSites = new PairList();
  private readonly srcmap = new PairList();
  private unwind: UnwindOp[] = [];
  private readonly codeBase: number;
  private readonly signatures = new Map<FuncType, Signature>();
  /** A memory operand computed by `address` or `globalCell` (fields, not an object per access). */
  private opAddr = 0 as Addr;
  private opDisp = 0;
  /** Argument moves of a call (src, dst pairs), reused from call to call. */
  private readonly gprMoves: number[] = [];
  private readonly xmmMoves: number[] = [];

  constructor(
    private readonly m: ModuleInfo,
    input: Uint8Array,
    private readonly layout: VmctxLayout,
    private readonly opts: CodegenOptions,
  ) {
    this.r = new OperatorReader(input);
    this.v = new FuncValidator(m);
    this.vs = new ValueStack(this.b, (w0, w1, w2, w3) => this.constant128(w0, w1, w2, w3));
    this.codeBase = m.codeSection?.start ?? 0;
    this.cpuLevel = opts.cpuLevel;
    this.avx = opts.cpuLevel >= 3;
  }

  // ---- NumericContext, SimdContext ---------------------------------------------------

  readonly cpuLevel: CpuLevel;
  /** x86-64-v3: VEX encodings. */
  readonly avx: boolean;

  tempXmm(): Xmm {
    return this.vs.allocXmm();
  }

  tempGpr(): Gpr {
    return this.vs.allocGpr();
  }

  trapLabel(code: TrapCode): Label {
    let l = this.trapLabels[code]!;
    if (l === -1) {
      l = this.b.newLabel();
      this.trapLabels[code] = l;
    }
    return l as Label;
  }

  constant128(w0: number, w1: number, w2: number, w3: number): Label {
    for (const c of this.constants) {
      const w = c.words;
      if (w[0] === w0 >>> 0 && w[1] === w1 >>> 0 && w[2] === w2 >>> 0 && w[3] === w3 >>> 0) return c.label;
    }
    const label = this.b.newLabel();
    this.constants.push({ label, words: [w0 >>> 0, w1 >>> 0, w2 >>> 0, w3 >>> 0] });
    return label;
  }

  // ---- one function -----------------------------------------------------------------

  /** Compiles defined function `defined`; throws WasmError when the body is malformed or invalid. */
  compile(defined: number): CompiledFunction {
    const m = this.m;
    const funcIndex = defined + m.numImportedFuncs;
    const r = this.r;
    const v = this.v;
    const b = this.b;
    r.reset(m.bodyStart[defined]!, m.bodyEnd[defined]!);
    try {
      v.begin(funcIndex as never, r);
      this.funcType = m.types[m.funcTypes[funcIndex]!]!;
      b.reset();
      this.vs.reset(v.numLocals, LOCALS_DISP, v.hasV128Local ? 16 : 8);
      this.trapLabels.fill(-1);
      this.constants = [];
      this.unwind = [];
      this.dead = false;
      this.deadDepth = 0;
      this.ctlDepth = 0;
      this.returnLabel = b.newLabel();
      const frameSizeAt = this.prologue(v.numLocals);
      this.pushCtl(FUNC, m.funcTypes[funcIndex]!, 0);
      let lastNative = -1;
      while (!v.done) {
        const op = r.read();
        v.step(op, r);
        if (b.length !== lastNative) {
          this.srcmap.push(b.length, r.opStart - this.codeBase);
          lastNative = b.length;
        } else if (this.srcmap.length > 0) {
          this.srcmap.data[this.srcmap.length - 1] = r.opStart - this.codeBase;
        }
        if (this.dead) this.skip(op);
        else this.emit(op);
        this.vs.unpinAll();
      }
      v.finish(r);
      this.epilogue();
      this.emitTrapStubs();
      this.emitConstants();
      // Everything below the saved registers down to the deepest slot.
      const frame = -this.vs.minDisp - 8 * SAVED_REGS.length;
      b.patchU32(frameSizeAt, Math.ceil(frame / 16) * 16);
    } catch (e) {
      if ((e instanceof WasmError || e instanceof UnsupportedError) && e.funcIndex === undefined) e.funcIndex = funcIndex;
      this.calls.length = 0;
      this.trapSites.length = 0;
      this.srcmap.length = 0;
      throw e;
    }
    return {
      funcIndex,
      trampolineType: -1,
      code: b.finish(),
      calls: this.calls.take(),
      trapSites: this.trapSites.take(),
      srcmap: this.srcmap.take(),
      unwind: this.unwind,
    };
  }

  private prologue(numLocals: number): number {
    const b = this.b;
    emitFrameSetup(b, this.unwind, SAVED_REGS);
    const frameSizeAt = aluRI32(b, Alu.sub, 64, rsp, 0);
    // Stack exhaustion: rsp below the limit the runtime set. Nothing below rsp has been
    // touched yet, so the trap is raised before the frame can reach the guard page.
    movRM(b, 64, r11, mem(rdi), 0);
    aluRM(b, Alu.cmp, 64, rsp, mem(r11), 0);
    jcc(b, Cond.b, this.trapLabel(TRAP_STACK_EXHAUSTED));
    movRR(b, 64, VMCTX_REG, rdi);
    if (this.m.memories.length > 0) movRM(b, 64, MEMORY_BASE_REG, mem(rdi), memoryBaseOffset(this.layout, 0));
    const t = this.funcType;
    if (t.results.length > 1) movMR(b, 64, mem(rbp), RESULTS_PTR_DISP, rsi);
    const { locs } = this.signature(t);
    for (let i = 0; i < t.params.length; i++) {
      const loc = locs.locs[i]!;
      const disp = this.vs.localDisp(i);
      const p = t.params[i]!;
      if (loc >= LOC_STACK) {
        if (p === ValType.V128) {
          vecRM(b, Vec.movups, xmm15, mem(rbp), 16 + 8 * (loc - LOC_STACK));
          movupsMR(b, false, mem(rbp), disp, xmm15);
        } else {
          sseRM(b, Sse.movsd, xmm15, mem(rbp), 16 + 8 * (loc - LOC_STACK));
          movsdMR(b, mem(rbp), disp, xmm15);
        }
      } else if (loc >= LOC_XMM) {
        if (p === ValType.F32) movssMR(b, mem(rbp), disp, (loc - LOC_XMM) as Xmm);
        else if (p === ValType.V128) movupsMR(b, false, mem(rbp), disp, (loc - LOC_XMM) as Xmm);
        else movsdMR(b, mem(rbp), disp, (loc - LOC_XMM) as Xmm);
      } else {
        movMR(b, 64, mem(rbp), disp, INT_ARG_GPRS[loc]! as Gpr);
      }
    }
    // Declared locals start at zero (all 16 bytes of each, in a function with v128 locals).
    const first = t.params.length;
    const count = numLocals - first;
    const quads = this.vs.localSize / 8;
    if (count > 0 && count * quads <= 8) {
      for (let l = first; l < numLocals; l++) {
        for (let q = 0; q < quads; q++) movMI(b, 64, mem(rbp), this.vs.localDisp(l) + 8 * q, 0);
      }
    } else if (count * quads > 8) {
      // rep stosq fills rcx quadwords upward from rdi with rax.
      aluRR(b, Alu.xor, 32, rax, rax);
      lea(b, 64, rdi, mem(rbp), this.vs.localDisp(numLocals - 1));
      movImm64(b, rcx, count * quads, 0);
      b.ensure(3);
      b.u8(0xf3);
      b.u8(0x48);
      b.u8(0xab);
    }
    // The parameters that came in registers are still there: copies of their locals.
    for (let i = 0; i < t.params.length; i++) {
      const loc = locs.locs[i]!;
      if (loc >= LOC_STACK) continue;
      const code = loc >= LOC_XMM ? XMM_CODE + (loc - LOC_XMM) : INT_ARG_GPRS[loc]!;
      if (count * quads > 8 && code === rcx) continue;
      // System V leaves the upper half of an int32 argument undefined; an i32 in a
      // register is kept zero-extended (it may index memory as a 64-bit register).
      if (t.params[i] === ValType.I32) movRR(b, 32, code as Gpr, code as Gpr);
      this.vs.cacheLocal(i, code);
    }
    return frameSizeAt;
  }

  private epilogue(): void {
    this.b.bind(this.returnLabel);
    emitFrameTeardown(this.b, this.unwind, SAVED_REGS);
  }

  private emitTrapStubs(): void {
    const b = this.b;
    for (let code = 0; code < this.trapLabels.length; code++) {
      const l = this.trapLabels[code]!;
      if (l === -1) continue;
      b.bind(l as Label);
      this.trapSites.push(b.length, code);
      ud2(b);
    }
  }

  private emitConstants(): void {
    if (this.constants.length === 0) return;
    const b = this.b;
    b.align(16);
    for (const c of this.constants) {
      b.bind(c.label);
      for (const w of c.words) b.u32(w);
    }
  }

  /** An instruction that faults by design (memory access in bounds-check-free mode, ud2). */
  private site(code: TrapCode): void {
    this.trapSites.push(this.b.length, code);
  }

  // ---- control frames ---------------------------------------------------------------

  private pushCtl(kind: number, blockType: number, base: number): void {
    const d = this.ctlDepth;
    if (d === this.ctlKind.length) {
      const n = d * 2;
      const k = new Uint8Array(n);
      k.set(this.ctlKind);
      this.ctlKind = k;
      for (const f of ['ctlBase', 'ctlBlockType', 'ctlLabel', 'ctlElse'] as const) {
        const a = new Int32Array(n);
        a.set(this[f]);
        this[f] = a;
      }
    }
    this.ctlKind[d] = kind;
    this.ctlBlockType[d] = blockType;
    this.ctlBase[d] = base;
    this.ctlLabel[d] = this.b.newLabel();
    this.ctlElse[d] = kind === IF ? this.b.newLabel() : -1;
    this.ctlDepth = d + 1;
  }

  private params(d: number): Uint8Array {
    if (this.ctlKind[d] === FUNC) return this.funcType.params;
    return this.blockParams(this.ctlBlockType[d]!);
  }

  private results(d: number): Uint8Array {
    if (this.ctlKind[d] === FUNC) return this.funcType.results;
    const bt = this.ctlBlockType[d]!;
    if (bt === -64) return EMPTY_TYPES;
    if (bt < 0) return SINGLE_TYPES[bt + 0x80]!;
    return this.m.types[bt]!.results;
  }

  private blockParams(bt: number): Uint8Array {
    return bt < 0 ? EMPTY_TYPES : this.m.types[bt]!.params;
  }

  /** The values a branch to frame d carries. */
  private labelTypes(d: number): Uint8Array {
    return this.ctlKind[d] === LOOP ? this.params(d) : this.results(d);
  }

  /**
   * A block's parameters go to their slots even when constant: an `else` or a loop's back
   * edge finds them there. `above` entries (an if's condition) sit on top of them.
   */
  private paramsToSlots(n: number, above: number): void {
    const vs = this.vs;
    for (let i = vs.sp - above - n; i < vs.sp - above; i++) vs.spill(i);
  }

  /** Truncates the operand stack to frame d's base and pushes `types` as slot values. */
  private resetTo(d: number, types: Uint8Array): void {
    const vs = this.vs;
    const base = this.ctlBase[d]!;
    while (vs.sp > base) vs.drop();
    for (const t of types) vs.pushStack(t);
  }

  /** Whether a branch to frame d must move values (they are not all in their slots yet). */
  private needsMoves(d: number): boolean {
    const vs = this.vs;
    const n = this.labelTypes(d).length;
    const base = this.ctlBase[d]!;
    for (let i = 0; i < n; i++) {
      const s = vs.sp - n + i;
      if (s !== base + i || vs.kind[s] !== STACK) return true;
    }
    return false;
  }

  /**
   * Stores the values a branch to frame d carries into the slots of d's base height. The
   * operand stack model is left as it is (a conditional branch falls through with it).
   * Increasing order is safe: a destination slot is never above its source, so it cannot
   * be the source of a later move.
   */
  private moveToLabel(d: number): void {
    const vs = this.vs;
    const types = this.labelTypes(d);
    const n = types.length;
    const base = this.ctlBase[d]!;
    // The slots the label's values have at the label (those of the types below base, then
    // of the label's types), not those of whatever sits at base + i now.
    let to = vs.slotsBelow(base);
    for (let i = 0; i < n; i++) {
      to = slotAbove(to, types[i]!);
      const s = vs.sp - n + i;
      if (s === base + i && vs.kind[s] === STACK) continue;
      vs.storeTo(s, to);
    }
  }

  /** Puts the function's results where the caller expects them; the model is left as it is. */
  private placeResults(): void {
    const vs = this.vs;
    const b = this.b;
    const results = this.funcType.results;
    if (results.length === 0) return;
    if (results.length === 1) {
      const i = vs.sp - 1;
      if (inXmm(results[0]!)) vs.loadXmm(i, xmm0);
      else vs.loadGpr(i, rax);
      return;
    }
    const { offsets } = this.signature(this.funcType);
    movRM(b, 64, r11, mem(rbp), RESULTS_PTR_DISP);
    for (let j = 0; j < results.length; j++) {
      const i = vs.sp - results.length + j;
      const t = results[j]!;
      const at = offsets[j]!;
      const narrow = t === ValType.I32 || t === ValType.F32;
      if (t === ValType.V128) {
        // loadXmm reads constants RIP-relative: r11 survives.
        vs.loadXmm(i, xmm15);
        movupsMR(b, false, mem(r11), at, xmm15);
      } else if (vs.kind[i] === CONST) {
        // Immediates only: r11 holds the area's address.
        const lo = vs.lo[i]!;
        const hi = vs.hi[i]!;
        if (narrow) movMI(b, 32, mem(r11), at, lo);
        else if (hi === lo >> 31) movMI(b, 64, mem(r11), at, lo);
        else {
          movMI(b, 32, mem(r11), at, lo);
          movMI(b, 32, mem(r11), at + 4, hi);
        }
      } else {
        // Through xmm15 whatever the class.
        if (inXmm(t)) vs.loadXmm(i, xmm15);
        else this.loadAsBits(i, xmm15);
        if (narrow) movssMR(b, mem(r11), at, xmm15);
        else movsdMR(b, mem(r11), at, xmm15);
      }
    }
  }

  /** The 64 bits of an integer-class entry (not a constant) into an xmm register, without using r11. */
  private loadAsBits(i: number, x: Xmm): void {
    const vs = this.vs;
    const b = this.b;
    const k = vs.kind[i];
    if (k === STACK) {
      sseRM(b, Sse.movsd, x, mem(rbp), vs.slotDisp(i));
    } else if (k === LOCAL) {
      sseRM(b, Sse.movsd, x, mem(rbp), vs.localDisp(vs.lo[i]!));
    } else {
      // movq xmm, r64
      b.ensure(5);
      const g = vs.reg[i]!;
      b.u8(0x66);
      b.u8(0x48 | (g >> 3) | ((x >> 3) << 2));
      b.u8(0x0f);
      b.u8(0x6e);
      b.u8(0xc0 | ((x & 7) << 3) | (g & 7));
    }
  }

  /** A branch to relative depth `depth`, unconditional; the code after it is dead. */
  private branch(depth: number): void {
    const d = this.ctlDepth - 1 - depth;
    if (this.ctlKind[d] === FUNC) {
      this.placeResults();
      jmp(this.b, this.returnLabel);
    } else {
      this.moveToLabel(d);
      jmp(this.b, this.ctlLabel[d]! as Label);
    }
  }

  // ---- unreachable code ---------------------------------------------------------------

  private skip(op: number): void {
    if (op === Op.Block || op === Op.Loop || op === Op.If) this.deadDepth++;
    else if (op === Op.End) {
      if (this.deadDepth > 0) this.deadDepth--;
      else this.end();
    } else if (op === Op.Else && this.deadDepth === 0) this.else();
  }

  private else(): void {
    const d = this.ctlDepth - 1;
    if (!this.dead) {
      this.moveToLabel(d);
      jmp(this.b, this.ctlLabel[d]! as Label);
    }
    this.resetTo(d, this.params(d));
    this.vs.forgetAll();
    this.b.bind(this.ctlElse[d]! as Label);
    this.ctlKind[d] = ELSE;
    this.dead = false;
  }

  private end(): void {
    const d = this.ctlDepth - 1;
    const kind = this.ctlKind[d]!;
    if (kind === FUNC) {
      if (!this.dead) this.placeResults();
      this.ctlDepth--;
      return;
    }
    if (kind === LOOP) {
      // Nothing branches to a loop's end: its results stay where they are.
      if (this.dead) this.resetTo(d, this.results(d));
      this.ctlDepth--;
      return;
    }
    if (!this.dead) this.moveToLabel(d);
    this.resetTo(d, this.results(d));
    this.vs.forgetAll();
    if (kind === IF) this.b.bind(this.ctlElse[d]! as Label);
    this.b.bind(this.ctlLabel[d]! as Label);
    this.ctlDepth--;
    // Reachable when it falls through, when an if without else skips to it, or when a
    // branch targets it: the last case is assumed, as tracking it buys little.
    this.dead = false;
  }

  // ---- instructions -----------------------------------------------------------------

  private emit(op: number): void {
    const vs = this.vs;
    const r = this.r;
    const b = this.b;
    switch (op) {
      case Op.Nop:
        return;
      case Op.Unreachable:
        this.site(TRAP_UNREACHABLE);
        ud2(b);
        this.dead = true;
        return;
      case Op.Block:
      case Op.Loop: {
        const bt = r.blockType;
        const n = this.blockParams(bt).length;
        vs.spillBelow(vs.sp);
        this.paramsToSlots(n, 0);
        this.pushCtl(op === Op.Block ? BLOCK : LOOP, bt, vs.sp - n);
        if (op === Op.Loop) {
          vs.forgetAll();
          b.bind(this.ctlLabel[this.ctlDepth - 1]! as Label);
        }
        return;
      }
      case Op.If: {
        const bt = r.blockType;
        const n = this.blockParams(bt).length;
        vs.spillBelow(vs.sp - 1);
        this.paramsToSlots(n, 1);
        const whenFalse = this.condition(true);
        this.pushCtl(IF, bt, vs.sp - n);
        jumpIfFloatCond(this, whenFalse, this.ctlElse[this.ctlDepth - 1]! as Label);
        return;
      }
      case Op.Else:
        this.else();
        return;
      case Op.End:
        this.end();
        return;
      case Op.Br:
        this.branch(r.index);
        this.dead = true;
        return;
      case Op.BrIf:
        this.brIf(r.index);
        return;
      case Op.BrTable:
        this.brTable();
        this.dead = true;
        return;
      case Op.Return:
        this.placeResults();
        jmp(b, this.returnLabel);
        this.dead = true;
        return;
      case Op.Call:
        this.call(r.index);
        return;
      case Op.CallIndirect:
        this.callIndirect(r.index, r.index2);
        return;
      case Op.Drop:
        vs.drop();
        return;
      case Op.Select:
      case Op.SelectTyped:
        this.select();
        return;
      case Op.LocalGet:
        vs.pushLocal(this.v.localType(r.index), r.index);
        return;
      case Op.LocalSet: {
        const top = vs.sp - 1;
        vs.detachLocal(r.index);
        vs.forgetLocal(r.index);
        vs.storeTo(top, vs.localDisp(r.index));
        const cached = vs.kind[top] === REG ? vs.reg[top]! + (inXmm(vs.type[top]!) ? XMM_CODE : 0) : -1;
        vs.drop();
        if (cached !== -1) vs.cacheLocal(r.index, cached);
        return;
      }
      case Op.LocalTee: {
        // local.set then local.get: a value in a register leaves it as the local's copy
        // and the stack holds a read of the local, which takes that copy back when used.
        const top = vs.sp - 1;
        const t = vs.type[top]!;
        vs.detachLocal(r.index);
        vs.forgetLocal(r.index);
        vs.storeTo(top, vs.localDisp(r.index));
        if (vs.kind[top] === REG) {
          const cached = vs.reg[top]! + (inXmm(t) ? XMM_CODE : 0);
          vs.drop();
          vs.cacheLocal(r.index, cached);
          vs.pushLocal(t, r.index);
        }
        return;
      }
      case Op.GlobalGet:
        this.globalGet(r.index);
        return;
      case Op.GlobalSet:
        this.globalSet(r.index);
        return;
      case 0x41: // i32.const
        vs.pushConst(ValType.I32, r.i32, 0);
        return;
      case 0x42: // i64.const
        vs.pushConst(ValType.I64, r.lo, r.hi);
        return;
      case 0x43: // f32.const
        vs.pushConst(ValType.F32, r.i32, 0);
        return;
      case 0x44: // f64.const
        vs.pushConst(ValType.F64, r.lo, r.hi);
        return;
      case Op.RefNull:
        vs.pushConst(r.valType, 0, 0);
        return;
      case Op.RefIsNull: {
        const x = vs.popGpr();
        const dst = vs.allocGpr();
        testRR(b, 64, x, x);
        setcc(b, Cond.e, dst);
        movzxRR(b, 32, 8, dst, dst);
        vs.pushReg(ValType.I32, dst);
        return;
      }
      case Op.RefFunc: {
        const dst = vs.allocGpr();
        lea(b, 64, dst, mem(VMCTX_REG), funcRefOffset(this.layout, r.index));
        vs.pushReg(ValType.FuncRef, dst);
        return;
      }
      case Op.MemorySize: {
        const dst = vs.allocGpr();
        movRM(b, 64, dst, mem(VMCTX_REG), memoryPtrOffset(this.layout, 0));
        movRM(b, 64, dst, mem(dst), 8);
        shiftRI(b, Shift.shr, 64, dst, 16);
        vs.pushReg(ValType.I32, dst);
        return;
      }
      case Op.MemoryGrow:
        this.builtin('memory_grow', 0, -1, 1, ValType.I32);
        return;
      case Op.MemoryInit:
        this.builtin('memory_init', 0, r.index, 3, 0);
        return;
      case Op.DataDrop:
        this.builtin('data_drop', r.index, -1, 0, 0);
        return;
      case Op.MemoryCopy:
        this.builtin('memory_copy', 0, 0, 3, 0);
        return;
      case Op.MemoryFill:
        this.builtin('memory_fill', 0, -1, 3, 0);
        return;
      case Op.TableGet:
        this.builtin('table_get', r.index, -1, 1, this.m.tables[r.index]!.elemType);
        return;
      case Op.TableSet:
        this.builtin('table_set', r.index, -1, 2, 0);
        return;
      case Op.TableSize:
        this.builtin('table_size', r.index, -1, 0, ValType.I32);
        return;
      case Op.TableGrow:
        this.builtin('table_grow', r.index, -1, 2, ValType.I32);
        return;
      case Op.TableFill:
        this.builtin('table_fill', r.index, -1, 3, 0);
        return;
      case Op.TableCopy:
        this.builtin('table_copy', r.index, r.index2, 3, 0);
        return;
      case Op.TableInit:
        this.builtin('table_init', r.index2, r.index, 3, 0);
        return;
      case Op.ElemDrop:
        this.builtin('elem_drop', r.index, -1, 0, 0);
        return;
    }
    if (op >= 0x28 && op <= 0x35) return this.load(op);
    if (op >= 0x36 && op <= 0x3e) return this.store(op);
    if (isNumericOp(op)) {
      const next = r.pos < r.end ? r.bytes[r.pos] : -1;
      return emitNumeric(this, vs, op, next === Op.If || next === Op.BrIf);
    }
    if (op >= 0x200 && op < 0x300) {
      const sub = op - 0x200;
      if (simdClass[sub] === SimdClass.memory) return this.simdMemory(sub);
      if (simdClass[sub] !== SimdClass.none) {
        const next = r.pos < r.end ? r.bytes[r.pos] : -1;
        return emitSimd(this, vs, sub, r, next === Op.If || next === Op.BrIf);
      }
    }
    throw new UnsupportedError(r.opStart, `${opcodeName[op] ?? `opcode ${op}`} is not supported yet`, undefined);
  }

  private brIf(depth: number): void {
    const b = this.b;
    const d = this.ctlDepth - 1 - depth;
    const whenTrue = this.condition(false);
    if (this.ctlKind[d] !== FUNC && !this.needsMoves(d)) {
      jumpIfFloatCond(this, whenTrue, this.ctlLabel[d]! as Label);
      return;
    }
    const skip = b.newLabel();
    jumpIfFloatCond(this, invertFloatCond(whenTrue), skip);
    this.branch(depth);
    b.bind(skip);
  }

  /**
   * Pops an i32 condition and sets the flags from it; returns what holds in the flags
   * when it is non-zero, or zero when `negate` (a FloatCond: a float comparison left in
   * the flags may need the parity flag too; an integer one is a plain condition code).
   */
  private condition(negate: boolean): FloatCond {
    const vs = this.vs;
    let cond: FloatCond;
    if (vs.kind[vs.sp - 1] === COND) {
      cond = vs.lo[vs.sp - 1]! as FloatCond;
      vs.drop();
    } else {
      const c = vs.popGpr();
      testRR(this.b, 32, c, c);
      cond = Cond.ne as number as FloatCond;
    }
    return negate ? invertFloatCond(cond) : cond;
  }

  private brTable(): void {
    const vs = this.vs;
    const b = this.b;
    const r = this.r;
    const n = r.brTargetCount;
    const idx = vs.popGpr();
    // One destination per distinct depth: the label itself when no values move.
    const dest = new Map<number, Label>();
    const stubs: number[] = [];
    const destOf = (depth: number): Label => {
      let l = dest.get(depth);
      if (l === undefined) {
        const d = this.ctlDepth - 1 - depth;
        if (this.ctlKind[d] !== FUNC && !this.needsMoves(d)) l = this.ctlLabel[d]! as Label;
        else {
          l = b.newLabel();
          stubs.push(depth);
        }
        dest.set(depth, l);
      }
      return l;
    };
    const defaultDest = destOf(r.index);
    if (n > 0) {
      aluRI(b, Alu.cmp, 32, idx, n);
      jcc(b, Cond.ae, defaultDest);
      const table = b.newLabel();
      lea(b, 64, r11, ripLabel(table), 0);
      movsxdRM(b, idx, mem(r11, idx, 4), 0);
      aluRR(b, Alu.add, 64, idx, r11);
      jmpR(b, idx);
      b.align(4);
      b.bind(table);
      const start = b.length;
      for (let i = 0; i < n; i++) b.labelDelta32(destOf(r.brTargets[i]!), start);
    } else {
      jmp(b, defaultDest);
    }
    for (const depth of stubs) {
      b.bind(dest.get(depth)!);
      this.branch(depth);
    }
  }

  private select(): void {
    const vs = this.vs;
    const b = this.b;
    const c = vs.popGpr();
    const t = vs.type[vs.sp - 1]!;
    if (inXmm(t)) {
      const y = vs.popXmm();
      const x = vs.toXmm(vs.sp - 1);
      testRR(b, 32, c, c);
      const keep = b.newLabel();
      jcc(b, Cond.ne, keep);
      sseRR(b, Sse.movaps, x, y);
      b.bind(keep);
    } else {
      const y = vs.popGpr();
      const x = vs.toGpr(vs.sp - 1);
      testRR(b, 32, c, c);
      cmovRR(b, Cond.e, gprWidth(t), x, y);
    }
  }

  /**
   * Sets `opAddr`/`opDisp` to global g's cell: in vmctx, or behind the pointer vmctx holds
   * (through r11).
   */
  private globalCell(g: number): void {
    const loc = globalLocation(this.m, this.layout, g);
    if (!loc.indirect) {
      this.opAddr = mem(VMCTX_REG);
      this.opDisp = loc.offset;
      return;
    }
    movRM(this.b, 64, r11, mem(VMCTX_REG), loc.offset);
    this.opAddr = mem(r11);
    this.opDisp = 0;
  }

  private globalGet(g: number): void {
    const vs = this.vs;
    const b = this.b;
    const t = this.m.globals[g]!.valType;
    this.globalCell(g);
    const addr = this.opAddr;
    const disp = this.opDisp;
    if (inXmm(t)) {
      const x = vs.allocXmm();
      if (t === ValType.V128) vecRM(b, Vec.movups, x, addr, disp);
      else sseRM(b, t === ValType.F32 ? Sse.movss : Sse.movsd, x, addr, disp);
      vs.pushReg(t, x);
    } else {
      const x = vs.allocGpr();
      movRM(b, gprWidth(t), x, addr, disp);
      vs.pushReg(t, x);
    }
  }

  private globalSet(g: number): void {
    const vs = this.vs;
    const b = this.b;
    const t = this.m.globals[g]!.valType;
    // The value first: materializing it may use r11, which globalCell may return.
    if (inXmm(t)) {
      const x = vs.popXmm();
      this.globalCell(g);
      if (t === ValType.F32) movssMR(b, this.opAddr, this.opDisp, x);
      else if (t === ValType.V128) movupsMR(b, false, this.opAddr, this.opDisp, x);
      else movsdMR(b, this.opAddr, this.opDisp, x);
    } else {
      const x = vs.popGpr();
      this.globalCell(g);
      movMR(b, gprWidth(t), this.opAddr, this.opDisp, x);
    }
  }

  // ---- memory -------------------------------------------------------------------------

  /**
   * Pops the address operand and sets `opAddr`/`opDisp` to the operand of an access of
   * `size` bytes at static offset `offset`: `[r14 + disp]` for a constant address,
   * `[r14 + index + disp]` otherwise. With bounds checks, the access is checked against the
   * memory's size first.
   */
  private address(offset: number, size: number): void {
    const vs = this.vs;
    const b = this.b;
    const i = vs.sp - 1;
    if (!this.opts.boundsChecks && vs.kind[i] === CONST) {
      const ea = (vs.lo[i]! >>> 0) + offset;
      if (ea <= 0x7fffffff) {
        vs.drop();
        this.opAddr = mem(MEMORY_BASE_REG);
        this.opDisp = ea;
        return;
      }
    }
    const index = vs.popGpr();
    if (this.opts.boundsChecks) this.boundsCheck(index, offset, size);
    if (offset <= 0x7fffffff) {
      this.opAddr = mem(MEMORY_BASE_REG, index);
      this.opDisp = offset;
      return;
    }
    // A static offset beyond 2 GiB: index + offset stays below 8 GiB, inside the reservation.
    movImm64(b, r11, offset, 0);
    aluRR(b, Alu.add, 64, r11, index);
    this.opAddr = mem(MEMORY_BASE_REG, r11);
    this.opDisp = 0;
  }

  /** Traps unless index + offset + size <= the memory's current size (all 64-bit). */
  private boundsCheck(index: Gpr, offset: number, size: number): void {
    const b = this.b;
    const oob = this.trapLabel(TRAP_MEMORY_OUT_OF_BOUNDS);
    const end = offset + size;
    movRM(b, 64, r11, mem(VMCTX_REG), memoryPtrOffset(this.layout, 0));
    movRM(b, 64, r11, mem(r11), 8);
    if (end <= 0x7fffffff) {
      // r11 = size - end, borrowing when the access cannot fit at all.
      aluRI(b, Alu.sub, 64, r11, end);
    } else {
      const t = this.vs.allocGpr();
      movImm64(b, t, end, Math.floor(end / 2 ** 32));
      aluRR(b, Alu.sub, 64, r11, t);
    }
    jcc(b, Cond.b, oob);
    aluRR(b, Alu.cmp, 64, index, r11);
    jcc(b, Cond.a, oob);
  }

  private load(op: number): void {
    const vs = this.vs;
    const b = this.b;
    const size = LOAD_SIZE[op - 0x28]!;
    this.address(this.r.memOffset, size);
    const addr = this.opAddr;
    const disp = this.opDisp;
    const oob = TRAP_MEMORY_OUT_OF_BOUNDS;
    if (op === 0x2a || op === 0x2b) {
      const x = vs.allocXmm();
      this.site(oob);
      sseRM(b, op === 0x2a ? Sse.movss : Sse.movsd, x, addr, disp);
      vs.pushReg(op === 0x2a ? ValType.F32 : ValType.F64, x);
      return;
    }
    const x = vs.allocGpr();
    const t = op === 0x28 || (op >= 0x2c && op <= 0x2f) ? ValType.I32 : ValType.I64;
    this.site(oob);
    switch (op) {
      case 0x28: movRM(b, 32, x, addr, disp); break;
      case 0x29: movRM(b, 64, x, addr, disp); break;
      case 0x2c: movsxRM(b, 32, 8, x, addr, disp); break;
      case 0x2d: movzxRM(b, 32, 8, x, addr, disp); break;
      case 0x2e: movsxRM(b, 32, 16, x, addr, disp); break;
      case 0x2f: movzxRM(b, 32, 16, x, addr, disp); break;
      case 0x30: movsxRM(b, 64, 8, x, addr, disp); break;
      case 0x31: movzxRM(b, 32, 8, x, addr, disp); break;
      case 0x32: movsxRM(b, 64, 16, x, addr, disp); break;
      case 0x33: movzxRM(b, 32, 16, x, addr, disp); break;
      case 0x34: movsxdRM(b, x, addr, disp); break;
      case 0x35: movRM(b, 32, x, addr, disp); break;
    }
    vs.pushReg(t, x);
  }

  private store(op: number): void {
    const vs = this.vs;
    const b = this.b;
    const size = STORE_SIZE[op - 0x36]!;
    const oob = TRAP_MEMORY_OUT_OF_BOUNDS;
    const vi = vs.sp - 1;
    if (op === 0x38 || op === 0x39) {
      const x = vs.popXmm();
      this.address(this.r.memOffset, size);
      this.site(oob);
      if (op === 0x38) movssMR(b, this.opAddr, this.opDisp, x);
      else movsdMR(b, this.opAddr, this.opDisp, x);
      return;
    }
    if (vs.kind[vi] === CONST && (size < 8 || vs.hi[vi] === vs.lo[vi]! >> 31)) {
      const imm = vs.lo[vi]!;
      vs.drop();
      this.address(this.r.memOffset, size);
      this.site(oob);
      movMI(b, (size * 8) as 8 | 16 | 32 | 64, this.opAddr, this.opDisp, size === 1 ? imm & 0xff : size === 2 ? imm & 0xffff : imm);
      return;
    }
    const x = vs.popGpr();
    this.address(this.r.memOffset, size);
    this.site(oob);
    movMR(b, (size * 8) as 8 | 16 | 32 | 64, this.opAddr, this.opDisp, x);
  }

  /** SIMD loads and stores (simd-memory.ts emits the access). */
  private simdMemory(sub: number): void {
    const vs = this.vs;
    const r = this.r;
    const oob = TRAP_MEMORY_OUT_OF_BOUNDS;
    if (sub === 0x0b || (sub >= 0x58 && sub <= 0x5b)) {
      // Stores: the value first (address may use r11).
      const v = vs.popXmm();
      this.address(r.memOffset, sub === 0x0b ? 16 : laneAccessSize(sub));
      this.site(oob);
      emitSimdStore(this, sub, v, this.opAddr, this.opDisp, r.lane);
      return;
    }
    if (sub >= 0x54 && sub <= 0x57) {
      const v = vs.popXmm();
      this.address(r.memOffset, laneAccessSize(sub));
      this.site(oob);
      emitLoadLane(this, sub, v, this.opAddr, this.opDisp, r.lane);
      vs.pushReg(ValType.V128, v);
      return;
    }
    this.address(r.memOffset, SIMD_LOAD_SIZE[sub]!);
    const dst = vs.allocXmm();
    this.site(oob);
    emitSimdLoad(this, sub, dst, this.opAddr, this.opDisp);
    vs.pushReg(ValType.V128, dst);
  }

  // ---- calls --------------------------------------------------------------------------

  /** Where a type's parameters and results go, computed once per type (a call site is hot). */
  private signature(t: FuncType): Signature {
    let sig = this.signatures.get(t);
    if (sig === undefined) {
      const results = resultsLayout(t.results);
      sig = { locs: paramLocations(t), offsets: results.offsets, area: t.results.length > 1 ? results.size : 0 };
      this.signatures.set(t, sig);
    }
    return sig;
  }

  /**
   * Loads the top `type.params.length` operands (below `skipTop` more) into the argument
   * locations of `type`. Registers must have been spilled: the loads only read slots,
   * locals and constants. Returns the bytes reserved below rsp (stack arguments and the
   * results area), which the caller releases after the call.
   */
  private setupArgs(type: FuncType, skipTop: number): number {
    const vs = this.vs;
    const b = this.b;
    const { locs, area } = this.signature(type);
    const n = type.params.length;
    const multi = type.results.length > 1;
    const reserve = Math.ceil(((multi ? resultsAreaOffset(locs) : 8 * locs.stackSlots) + area) / 16) * 16;
    if (reserve > 0) aluRI(b, Alu.sub, 64, rsp, reserve);
    const first = vs.sp - skipTop - n;
    // Stack arguments first (they only read), then the arguments already in registers
    // as one parallel move, then the rest, which read slots, locals and constants only.
    const gprMoves = this.gprMoves;
    const xmmMoves = this.xmmMoves;
    gprMoves.length = 0;
    xmmMoves.length = 0;
    for (let i = 0; i < n; i++) {
      const loc = locs.locs[i]!;
      const e = first + i;
      if (loc >= LOC_STACK) vs.storeAt(e, mem(rsp), 8 * (loc - LOC_STACK));
      else if (vs.kind[e] === REG) {
        if (loc >= LOC_XMM) xmmMoves.push(vs.reg[e]!, loc - LOC_XMM);
        else gprMoves.push(vs.reg[e]!, INT_ARG_GPRS[loc]!);
      }
    }
    parallelMove(gprMoves, r11, (dst, src) => movRR(b, 64, dst as Gpr, src as Gpr));
    parallelMove(xmmMoves, xmm15, (dst, src) => sseRR(b, Sse.movaps, dst as Xmm, src as Xmm));
    for (let i = 0; i < n; i++) {
      const loc = locs.locs[i]!;
      const e = first + i;
      if (loc >= LOC_STACK || vs.kind[e] === REG) continue;
      if (loc >= LOC_XMM) vs.loadXmm(e, (loc - LOC_XMM) as Xmm);
      else vs.loadGpr(e, INT_ARG_GPRS[loc]! as Gpr);
    }
    if (multi) lea(b, 64, rsi, mem(rsp), resultsAreaOffset(locs));
    return reserve;
  }

  /** After a call: pops the arguments, pushes the results, releases the reserved bytes. */
  private finishCall(type: FuncType, reserve: number): void {
    const vs = this.vs;
    const b = this.b;
    for (let i = 0; i < type.params.length; i++) vs.drop();
    const results = type.results;
    if (results.length === 1) {
      const t = results[0]!;
      // The callee may be C (an import, a table element): zero-extend an int32 result.
      if (t === ValType.I32) movRR(b, 32, rax, rax);
      if (inXmm(t)) vs.pushReg(t, xmm0);
      else vs.pushReg(t, rax);
    } else if (results.length > 1) {
      // The results area sits above the stack arguments (see setupArgs).
      const { locs, offsets } = this.signature(type);
      const areaAt = resultsAreaOffset(locs);
      for (let j = 0; j < results.length; j++) {
        const t = results[j]!;
        vs.pushStack(t);
        if (t === ValType.V128) {
          vecRM(b, Vec.movups, xmm15, mem(rsp), areaAt + offsets[j]!);
          movupsMR(b, false, mem(rbp), vs.slotDisp(vs.sp - 1), xmm15);
          continue;
        }
        const narrow = t === ValType.I32 || t === ValType.F32;
        sseRM(b, narrow ? Sse.movss : Sse.movsd, xmm15, mem(rsp), areaAt + offsets[j]!);
        movsdMR(b, mem(rbp), vs.slotDisp(vs.sp - 1), xmm15);
      }
    }
    if (reserve > 0) aluRI(b, Alu.add, 64, rsp, reserve);
  }

  private call(f: number): void {
    const vs = this.vs;
    const b = this.b;
    const type = this.m.types[this.m.funcTypes[f]!]!;
    vs.spillRegistersBelow(vs.sp - type.params.length);
    const reserve = this.setupArgs(type, 0);
    if (f < this.m.numImportedFuncs) {
      const at = funcRefOffset(this.layout, f);
      movRM(b, 64, rdi, mem(VMCTX_REG), at + 8);
      callM(b, mem(VMCTX_REG), at);
    } else {
      movRR(b, 64, rdi, VMCTX_REG);
      this.calls.push(callRel32(b, 0), f);
    }
    this.finishCall(type, reserve);
  }

  private callIndirect(typeIndex: number, table: number): void {
    const vs = this.vs;
    const b = this.b;
    const type = this.m.types[typeIndex]!;
    // The callee index goes to a slot: the argument moves may reuse its register.
    vs.spillRegistersBelow(vs.sp - 1 - type.params.length);
    vs.spill(vs.sp - 1);
    const reserve = this.setupArgs(type, 1);
    // The callee index goes to r10, which no argument uses.
    vs.loadGpr(vs.sp - 1, r10);
    vs.drop();
    movRM(b, 64, r11, mem(VMCTX_REG), tablePtrOffset(this.layout, table));
    aluRM(b, Alu.cmp, 32, r10, mem(r11), 8);
    jcc(b, Cond.ae, this.trapLabel(TRAP_UNDEFINED_ELEMENT));
    movRM(b, 64, r11, mem(r11), 0);
    movRM(b, 64, r11, mem(r11, r10, 8), 0);
    testRR(b, 64, r11, r11);
    jcc(b, Cond.e, this.trapLabel(TRAP_INDIRECT_CALL_TO_NULL));
    movRM(b, 32, r10, mem(VMCTX_REG), typeIdOffset(this.layout, typeIndex));
    aluRM(b, Alu.cmp, 32, r10, mem(r11), 16);
    jcc(b, Cond.ne, this.trapLabel(TRAP_BAD_SIGNATURE));
    movRM(b, 64, rdi, mem(r11), 8);
    callM(b, mem(r11), 0);
    this.finishCall(type, reserve);
  }

  /**
   * Calls a runtime builtin: `fn(vmctx, imm1?, imm2?, operands...)` with the top `n`
   * operands (i32 or references) as the last arguments; `imm1`/`imm2` are skipped when -1.
   * Pushes an i32 or reference result when `result` is a type.
   */
  private builtin(name: BuiltinName, imm1: number, imm2: number, n: number, result: number): void {
    const vs = this.vs;
    const b = this.b;
    vs.spillRegisters();
    let k = 1;
    if (imm1 !== -1) movImm64(b, INT_ARG_GPRS[k++]! as Gpr, imm1, 0);
    if (imm2 !== -1) movImm64(b, INT_ARG_GPRS[k++]! as Gpr, imm2, 0);
    for (let i = vs.sp - n; i < vs.sp; i++) vs.loadGpr(i, INT_ARG_GPRS[k++]! as Gpr);
    movRR(b, 64, rdi, VMCTX_REG);
    callM(b, mem(VMCTX_REG), builtinOffset(name));
    for (let i = 0; i < n; i++) vs.drop();
    if (result === ValType.I32) movRR(b, 32, rax, rax);
    if (result !== 0) vs.pushReg(result, rax);
  }
}

const LOAD_SIZE = [4, 8, 4, 8, 1, 1, 2, 2, 1, 1, 2, 2, 4, 4];
/** Bytes read by the SIMD loads, by sub-opcode (0x00-0x0a, 0x5c, 0x5d). */
const SIMD_LOAD_SIZE = new Uint8Array(0x5e);
SIMD_LOAD_SIZE.set([16, 8, 8, 8, 8, 8, 8, 1, 2, 4, 8]);
SIMD_LOAD_SIZE[0x5c] = 4;
SIMD_LOAD_SIZE[0x5d] = 8;
const STORE_SIZE = [4, 8, 4, 8, 1, 2, 1, 2, 4];
