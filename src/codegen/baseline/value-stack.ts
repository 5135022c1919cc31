/**
 * The baseline tier's model of the wasm operand stack and of the registers that cache it.
 *
 * Every stack position `i` owns a fixed spill slot in the frame (`slotDisp(i)`), so
 * "where a value lives" is one of:
 *   STACK  in its slot
 *   REG    in a register it owns (a GPR for integers and references, an XMM for floats
 *          and v128)
 *   CONST  a constant not yet materialized (`lo`/`hi` halves; f32/f64 as their bits; a
 *          v128 as the four words `lo`, `hi`, `w2`, `w3`, lane 0 first)
 *   LOCAL  the current value of a local not yet loaded (`lo` is the local's index)
 *
 * Slots are 8 bytes, 16 (and 16-aligned) for a v128. A slot's place depends on the types
 * below it, which validation fixes for every stack height at every program point, and a
 * control-flow join sees the same types below its label from every edge: so the slot of
 * height i is still the same wherever control comes from. `disp[i]` is computed when
 * position i is pushed; a branch computes the slots its label's values go to from the
 * label's types (`slotAbove`). Locals are 8 bytes each, or 16 in a function with a v128
 * local.
 *
 * A register is owned by at most one stack position. Registers an instruction has popped
 * are "pinned" until the instruction is done, so that allocating its result cannot hand
 * out a register still holding one of its operands. When no register is free, the owner
 * of one (chosen round robin) is spilled to its slot.
 *
 * All state lives in typed arrays that grow and are reused across functions.
 */
import {
  CodeBuffer,
  movImm64,
  movMI,
  movMR,
  movRM,
  movRR,
  movssMR,
  movsdMR,
  movupsMR,
  mem,
  rbp,
  sseRM,
  sseRR,
  Sse,
  Vec,
  vecRM,
  vecRR,
  xmm15,
  ripLabel,
  type Addr,
  type Gpr,
  type Label,
  type Xmm,
} from '../x64/index.js';
import { ValType } from '../../translate/types.js';

export const STACK = 0;
export const REG = 1;
export const CONST = 2;
export const LOCAL = 3;
/**
 * COND: an i32 boolean still in the flags (`lo` is the condition code), pushed by a
 * comparison only when the next instruction is `if` or `br_if`, which consumes it before
 * anything can change the flags.
 */
export const COND = 4;

/** Registers values may be cached in: every caller-saved GPR but r11 (the scratch). */
export const ALLOCATABLE_GPRS: readonly Gpr[] = [0, 1, 2, 6, 7, 8, 9, 10] as Gpr[];
/** xmm15 is the scratch. */
export const ALLOCATABLE_XMMS: readonly Xmm[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14] as Xmm[];

/** Register codes of the local cache: GPRs are 0-15, xmm registers XMM_CODE + 0-15. */
export const XMM_CODE = 16;

export const isFloat = (t: number) => t === ValType.F32 || t === ValType.F64;
/** Whether values of type t live in xmm registers: floats and v128. */
export const inXmm = (t: number) => t === ValType.F32 || t === ValType.F64 || t === ValType.V128;

/** The slot of a value of type `t` pushed on top of a slot at displacement `below`. */
export function slotAbove(below: number, t: number): number {
  return t === ValType.V128 ? (below - 16) & ~15 : below - 8;
}
/** Width in bits of an integer-class value in a GPR. */
export const gprWidth = (t: number): 32 | 64 => (t === ValType.I32 ? 32 : 64);

export class ValueStack {
  kind = new Uint8Array(64);
  type = new Uint8Array(64);
  reg = new Uint8Array(64);
  lo = new Int32Array(64);
  hi = new Int32Array(64);
  /** The upper words of v128 constants. */
  w2 = new Int32Array(64);
  w3 = new Int32Array(64);
  /** Frame displacement (from rbp) of each position's slot. */
  disp = new Int32Array(64);
  sp = 0;
  /** The lowest slot displacement used: sizes the frame. */
  minDisp = 0;

  /** Stack position owning each register, -1 when free. */
  readonly gprOwner = new Int32Array(16).fill(-1);
  readonly xmmOwner = new Int32Array(16).fill(-1);
  /** Bit r set: register r holds an operand of the current instruction. */
  pinnedGprs = 0;
  pinnedXmms = 0;
  private nextGprVictim = 0;
  private nextXmmVictim = 0;

  /** Per local: how many LOCAL entries refer to it. */
  localRefs = new Int32Array(64);

  /**
   * A free register may still hold a copy of a local, left by `local.set`: `localCache[l]`
   * is that register (a GPR number, or XMM_CODE + an xmm number), -1 for none, and
   * `regCache` the reverse. A copy is dropped as soon as its register is handed out or
   * clobbered, the local is written, or control flow joins (the compiler calls
   * `forgetAll` at every label it binds). Locals always live in their slots too: a copy
   * only saves a load.
   */
  localCache = new Int8Array(64);
  private readonly regCache = new Int32Array(32).fill(-1);

  /**
   * Every entry below `clean` is STACK or CONST: what a control-flow join needs. Kept so
   * that spilling at each block entry costs only what changed since the last one.
   */
  clean = 0;

  /** Frame displacement (from rbp) of the first local and of the first stack slot. */
  localsDisp = 0;
  slotsDisp = 0;
  /** Bytes per local: 8, or 16 when a local is a v128. */
  localSize = 8;

  /**
   * @param pool the label of a 16-byte constant in the function's pool (constants are
   *             loaded from there, RIP-relative, rather than built through r11)
   */
  constructor(
    private readonly b: CodeBuffer,
    private readonly pool: (w0: number, w1: number, w2: number, w3: number) => Label,
  ) {}

  reset(numLocals: number, localsDisp: number, localSize: 8 | 16): void {
    this.sp = 0;
    this.clean = 0;
    this.gprOwner.fill(-1);
    this.xmmOwner.fill(-1);
    this.pinnedGprs = 0;
    this.pinnedXmms = 0;
    if (this.localRefs.length < numLocals) {
      this.localRefs = new Int32Array(Math.max(numLocals, this.localRefs.length * 2));
      this.localCache = new Int8Array(this.localRefs.length);
    } else this.localRefs.fill(0, 0, numLocals);
    this.localCache.fill(-1, 0, numLocals);
    this.regCache.fill(-1);
    this.localsDisp = localsDisp;
    this.localSize = localSize;
    this.slotsDisp = localsDisp - localSize * numLocals;
    this.minDisp = this.slotsDisp;
  }

  slotDisp(i: number): number {
    return this.disp[i]!;
  }

  /** The displacement below which the slots of positions from i on go. */
  slotsBelow(i: number): number {
    return i === 0 ? this.slotsDisp : this.disp[i - 1]!;
  }

  localDisp(l: number): number {
    return this.localsDisp - this.localSize * (l + 1);
  }

  // ---- pushing ----------------------------------------------------------------------

  private grow(): void {
    const n = this.kind.length * 2;
    const g8 = (a: Uint8Array) => {
      const x = new Uint8Array(n);
      x.set(a);
      return x;
    };
    const g32 = (a: Int32Array) => {
      const x = new Int32Array(n);
      x.set(a);
      return x;
    };
    this.kind = g8(this.kind);
    this.type = g8(this.type);
    this.reg = g8(this.reg);
    this.lo = g32(this.lo);
    this.hi = g32(this.hi);
    this.w2 = g32(this.w2);
    this.w3 = g32(this.w3);
    this.disp = g32(this.disp);
  }

  private push(kind: number, type: number): number {
    const i = this.sp;
    if (i === this.kind.length) this.grow();
    this.kind[i] = kind;
    this.type[i] = type;
    const d = slotAbove(i === 0 ? this.slotsDisp : this.disp[i - 1]!, type);
    this.disp[i] = d;
    if (d < this.minDisp) this.minDisp = d;
    this.sp = i + 1;
    return i;
  }

  pushReg(type: number, r: number): void {
    const i = this.push(REG, type);
    this.reg[i] = r;
    if (inXmm(type)) {
      this.forgetReg(XMM_CODE + r);
      this.xmmOwner[r] = i;
    } else {
      this.forgetReg(r);
      this.gprOwner[r] = i;
    }
  }

  pushConst(type: number, lo: number, hi: number): void {
    const i = this.push(CONST, type);
    this.lo[i] = lo;
    this.hi[i] = hi;
  }

  /** A v128 constant, lane 0 in the low bits of w0. */
  pushConst128(w0: number, w1: number, w2: number, w3: number): void {
    const i = this.push(CONST, ValType.V128);
    this.lo[i] = w0;
    this.hi[i] = w1;
    this.w2[i] = w2;
    this.w3[i] = w3;
  }

  pushLocal(type: number, local: number): void {
    const i = this.push(LOCAL, type);
    this.lo[i] = local;
    this.localRefs[local]!++;
  }

  /** `cond`: a FloatCond (a plain condition code for integer comparisons). */
  pushCond(cond: number): void {
    const i = this.push(COND, ValType.I32);
    this.lo[i] = cond;
  }

  /** A value already in its slot (a block's params and results after a merge). */
  pushStack(type: number): void {
    this.push(STACK, type);
  }

  // ---- popping ----------------------------------------------------------------------

  /** Pops the top entry, forgetting it (drop). */
  drop(): void {
    const i = --this.sp;
    if (this.clean > i) this.clean = i;
    const k = this.kind[i];
    if (k === REG) this.freeReg(i);
    else if (k === LOCAL) this.localRefs[this.lo[i]!]!--;
  }

  private freeReg(i: number): void {
    if (inXmm(this.type[i]!)) this.xmmOwner[this.reg[i]!] = -1;
    else this.gprOwner[this.reg[i]!] = -1;
  }

  /** Pops the top entry into a GPR, pinned until `unpinAll`. */
  popGpr(): Gpr {
    const r = this.toGpr(this.sp - 1);
    this.gprOwner[r] = -1;
    this.pinnedGprs |= 1 << r;
    if (this.clean > --this.sp) this.clean = this.sp;
    return r;
  }

  popXmm(): Xmm {
    const r = this.toXmm(this.sp - 1);
    this.xmmOwner[r] = -1;
    this.pinnedXmms |= 1 << r;
    if (this.clean > --this.sp) this.clean = this.sp;
    return r;
  }

  unpinAll(): void {
    this.pinnedGprs = 0;
    this.pinnedXmms = 0;
  }

  // ---- cached copies of locals ---------------------------------------------------------

  /** Register `code` (GPR number, or XMM_CODE + xmm number) is about to change. */
  forgetReg(code: number): void {
    const l = this.regCache[code]!;
    if (l !== -1) {
      this.localCache[l] = -1;
      this.regCache[code] = -1;
    }
  }

  forgetLocal(l: number): void {
    const code = this.localCache[l]!;
    if (code !== -1) {
      this.regCache[code] = -1;
      this.localCache[l] = -1;
    }
  }

  /** Control flow joins, or a call clobbers every register: no copy survives. */
  forgetAll(): void {
    for (let code = 0; code < 32; code++) {
      const l = this.regCache[code]!;
      if (l !== -1) {
        this.localCache[l] = -1;
        this.regCache[code] = -1;
      }
    }
  }

  /** After `local.set l` from a register that is now free: it holds l's value. */
  cacheLocal(l: number, code: number): void {
    this.forgetLocal(l);
    this.forgetReg(code);
    this.localCache[l] = code;
    this.regCache[code] = l;
  }

  // ---- registers --------------------------------------------------------------------

  /** A free GPR (spilling an owner if none is), pinned. */
  allocGpr(): Gpr {
    for (const r of ALLOCATABLE_GPRS) {
      if (this.gprOwner[r] === -1 && (this.pinnedGprs & (1 << r)) === 0 && this.regCache[r] === -1) {
        this.pinnedGprs |= 1 << r;
        return r;
      }
    }
    for (const r of ALLOCATABLE_GPRS) {
      if (this.gprOwner[r] === -1 && (this.pinnedGprs & (1 << r)) === 0) {
        this.forgetReg(r);
        this.pinnedGprs |= 1 << r;
        return r;
      }
    }
    for (let n = 0; n < ALLOCATABLE_GPRS.length; n++) {
      const r = ALLOCATABLE_GPRS[this.nextGprVictim]!;
      this.nextGprVictim = (this.nextGprVictim + 1) % ALLOCATABLE_GPRS.length;
      if ((this.pinnedGprs & (1 << r)) === 0) {
        this.spill(this.gprOwner[r]!);
        this.pinnedGprs |= 1 << r;
        return r;
      }
    }
    throw new Error('baseline: every register is pinned');
  }

  allocXmm(): Xmm {
    for (const r of ALLOCATABLE_XMMS) {
      if (this.xmmOwner[r] === -1 && (this.pinnedXmms & (1 << r)) === 0 && this.regCache[XMM_CODE + r] === -1) {
        this.pinnedXmms |= 1 << r;
        return r;
      }
    }
    for (const r of ALLOCATABLE_XMMS) {
      if (this.xmmOwner[r] === -1 && (this.pinnedXmms & (1 << r)) === 0) {
        this.forgetReg(XMM_CODE + r);
        this.pinnedXmms |= 1 << r;
        return r;
      }
    }
    for (let n = 0; n < ALLOCATABLE_XMMS.length; n++) {
      const r = ALLOCATABLE_XMMS[this.nextXmmVictim]!;
      this.nextXmmVictim = (this.nextXmmVictim + 1) % ALLOCATABLE_XMMS.length;
      if ((this.pinnedXmms & (1 << r)) === 0) {
        this.spill(this.xmmOwner[r]!);
        this.pinnedXmms |= 1 << r;
        return r;
      }
    }
    throw new Error('baseline: every register is pinned');
  }

  /**
   * Makes GPR `r` free and pins it: its owner moves to another register. For instructions
   * with fixed registers (division, shifts, calls).
   */
  claimGpr(r: Gpr): void {
    this.forgetReg(r);
    const owner = this.gprOwner[r]!;
    this.pinnedGprs |= 1 << r;
    if (owner === -1) return;
    const to = this.allocGpr();
    movRR(this.b, 64, to, r);
    this.gprOwner[r] = -1;
    this.gprOwner[to] = owner;
    this.reg[owner] = to;
    this.pinnedGprs &= ~(1 << to);
  }

  // ---- materializing ----------------------------------------------------------------

  /** Entry i into a GPR it owns (not pinned); returns the register. */
  toGpr(i: number): Gpr {
    const k = this.kind[i]!;
    if (k === REG) return this.reg[i]! as Gpr;
    if (k === LOCAL) {
      // A free register holding the local's value becomes the entry's.
      const code = this.localCache[this.lo[i]!]!;
      if (code !== -1 && this.gprOwner[code] === -1 && (this.pinnedGprs & (1 << code)) === 0) {
        this.forgetReg(code);
        this.localRefs[this.lo[i]!]!--;
        if (i < this.clean) this.clean = i;
        this.kind[i] = REG;
        this.reg[i] = code;
        this.gprOwner[code] = i;
        return code as Gpr;
      }
    }
    const r = this.allocGpr();
    this.pinnedGprs &= ~(1 << r);
    this.loadGpr(i, r);
    if (k === LOCAL) this.localRefs[this.lo[i]!]!--;
    if (i < this.clean) this.clean = i;
    this.kind[i] = REG;
    this.reg[i] = r;
    this.gprOwner[r] = i;
    return r;
  }

  toXmm(i: number): Xmm {
    const k = this.kind[i]!;
    if (k === REG) return this.reg[i]! as Xmm;
    if (k === LOCAL) {
      const code = this.localCache[this.lo[i]!]!;
      const x = code - XMM_CODE;
      if (code !== -1 && this.xmmOwner[x] === -1 && (this.pinnedXmms & (1 << x)) === 0) {
        this.forgetReg(code);
        this.localRefs[this.lo[i]!]!--;
        if (i < this.clean) this.clean = i;
        this.kind[i] = REG;
        this.reg[i] = x;
        this.xmmOwner[x] = i;
        return x as Xmm;
      }
    }
    const r = this.allocXmm();
    this.pinnedXmms &= ~(1 << r);
    this.loadXmm(i, r);
    if (k === LOCAL) this.localRefs[this.lo[i]!]!--;
    if (i < this.clean) this.clean = i;
    this.kind[i] = REG;
    this.reg[i] = r;
    this.xmmOwner[r] = i;
    return r;
  }

  /** Copies entry i's value into GPR r; the entry itself is left as it is. */
  loadGpr(i: number, r: Gpr): void {
    const k = this.kind[i]!;
    if (k === COND) throw new Error('baseline: a condition in the flags was not consumed at once');
    if (k !== LOCAL || this.localCache[this.lo[i]!] !== r) this.forgetReg(r);
    const t = this.type[i]!;
    const b = this.b;
    if (k === CONST) {
      if (t === ValType.I32) movImm64(b, r, this.lo[i]!, 0);
      else movImm64(b, r, this.lo[i]!, this.hi[i]!);
    } else if (k === LOCAL) {
      const code = this.localCache[this.lo[i]!]!;
      if (code === r) {
        // Already there.
      } else if (code !== -1) movRR(b, 64, r, code as Gpr);
      else movRM(b, gprWidth(t), r, mem(rbp), this.localDisp(this.lo[i]!));
    } else if (k === STACK) {
      movRM(b, gprWidth(t), r, mem(rbp), this.slotDisp(i));
    } else if (this.reg[i] !== r) {
      movRR(b, 64, r, this.reg[i]! as Gpr);
    }
  }

  loadXmm(i: number, r: Xmm): void {
    const k = this.kind[i]!;
    const t = this.type[i]!;
    if (k !== LOCAL || this.localCache[this.lo[i]!] !== XMM_CODE + r) this.forgetReg(XMM_CODE + r);
    const b = this.b;
    if (t === ValType.V128) {
      this.loadV128(i, r);
      return;
    }
    const load = t === ValType.F32 ? Sse.movss : Sse.movsd;
    if (k === CONST) {
      const lo = this.lo[i]!;
      const hi = t === ValType.F32 ? 0 : this.hi[i]!;
      if (lo === 0 && hi === 0) sseRR(b, Sse.xorps, r, r);
      else sseRM(b, load, r, ripLabel(this.pool(lo, hi, 0, 0)), 0);
    } else if (k === LOCAL) {
      const code = this.localCache[this.lo[i]!]!;
      if (code === XMM_CODE + r) {
        // Already there.
      } else if (code !== -1) sseRR(b, Sse.movaps, r, (code - XMM_CODE) as Xmm);
      else sseRM(b, load, r, mem(rbp), this.localDisp(this.lo[i]!));
    } else if (k === STACK) {
      sseRM(b, load, r, mem(rbp), this.slotDisp(i));
    } else if (this.reg[i] !== r) {
      sseRR(b, Sse.movaps, r, this.reg[i]! as Xmm);
    }
  }

  /** loadXmm of a v128: all 16 bytes (slots and locals of v128s are 16-aligned). */
  private loadV128(i: number, r: Xmm): void {
    const k = this.kind[i]!;
    const b = this.b;
    if (k === CONST) {
      const w0 = this.lo[i]!;
      const w1 = this.hi[i]!;
      const w2 = this.w2[i]!;
      const w3 = this.w3[i]!;
      if ((w0 | w1 | w2 | w3) === 0) sseRR(b, Sse.xorps, r, r);
      else if ((w0 & w1 & w2 & w3) === -1) vecRR(b, Vec.pcmpeqd, r, r);
      else sseRM(b, Sse.movaps, r, ripLabel(this.pool(w0, w1, w2, w3)), 0);
    } else if (k === LOCAL) {
      const code = this.localCache[this.lo[i]!]!;
      if (code === XMM_CODE + r) {
        // Already there.
      } else if (code !== -1) sseRR(b, Sse.movaps, r, (code - XMM_CODE) as Xmm);
      else vecRM(b, Vec.movups, r, mem(rbp), this.localDisp(this.lo[i]!));
    } else if (k === STACK) {
      vecRM(b, Vec.movups, r, mem(rbp), this.slotDisp(i));
    } else if (this.reg[i] !== r) {
      sseRR(b, Sse.movaps, r, this.reg[i]! as Xmm);
    }
  }

  /** Stores entry i's value (8 bytes) at [rbp + disp] (a slot or a local), whatever its kind. */
  storeTo(i: number, disp: number): void {
    this.storeAt(i, mem(rbp), disp);
  }

  /**
   * Stores entry i's value as 8 bytes (16 for a v128) at [addr + disp]; the entry is left
   * as it is.
   */
  storeAt(i: number, addr: Addr, disp: number): void {
    const k = this.kind[i]!;
    const t = this.type[i]!;
    const b = this.b;
    if (t === ValType.V128) {
      // Through xmm15 unless in a register already (r11 may be the base of `addr`).
      let from = xmm15;
      if (k === REG) from = this.reg[i]! as Xmm;
      else if (k === LOCAL && this.localCache[this.lo[i]!] !== -1) from = (this.localCache[this.lo[i]!]! - XMM_CODE) as Xmm;
      else {
        if (k !== CONST && addr === mem(rbp) && disp === (k === LOCAL ? this.localDisp(this.lo[i]!) : this.slotDisp(i))) return;
        this.loadV128(i, xmm15);
      }
      movupsMR(b, false, addr, disp, from);
      return;
    }
    const float = isFloat(t);
    if (k === REG) {
      if (!float) movMR(b, 64, addr, disp, this.reg[i]! as Gpr);
      else if (t === ValType.F32) movssMR(b, addr, disp, this.reg[i]! as Xmm);
      else movsdMR(b, addr, disp, this.reg[i]! as Xmm);
    } else if (k === CONST) {
      const lo = this.lo[i]!;
      const hi = t === ValType.I32 || t === ValType.F32 ? 0 : this.hi[i]!;
      if (hi === lo >> 31) movMI(b, 64, addr, disp, lo);
      else {
        // Two halves: the scratch register may be the base of `addr`.
        movMI(b, 32, addr, disp, lo);
        movMI(b, 32, addr, disp + 4, hi);
      }
    } else {
      // LOCAL or STACK: through the scratch register.
      if (k === LOCAL && this.localCache[this.lo[i]!] !== -1) {
        const code = this.localCache[this.lo[i]!]!;
        // A float's copy holds its bits in the low lane: 8 bytes cover f32 and f64 alike.
        if (code < XMM_CODE) movMR(b, 64, addr, disp, code as Gpr);
        else movsdMR(b, addr, disp, (code - XMM_CODE) as Xmm);
        return;
      }
      // LOCAL or STACK: 8 bytes through xmm15 (r11 may be the base of `addr`).
      const from = k === LOCAL ? this.localDisp(this.lo[i]!) : this.slotDisp(i);
      if (from === disp && addr === mem(rbp)) return;
      sseRM(b, Sse.movsd, xmm15, mem(rbp), from);
      movsdMR(b, addr, disp, xmm15);
    }
  }

  /** Moves entry i into its own slot: it becomes STACK. */
  spill(i: number): void {
    const k = this.kind[i]!;
    if (k === STACK) return;
    this.storeTo(i, this.slotDisp(i));
    if (k === REG) this.freeReg(i);
    else if (k === LOCAL) this.localRefs[this.lo[i]!]!--;
    this.kind[i] = STACK;
  }

  /**
   * Spills every REG and LOCAL entry below `end` (constants stay as they are): the state
   * every control-flow join expects.
   */
  spillBelow(end: number): void {
    for (let i = this.clean; i < end; i++) {
      const k = this.kind[i];
      if (k === REG || k === LOCAL) this.spill(i);
    }
    if (end > this.clean) this.clean = end;
  }

  /** Spills only the entries held in registers (before a call clobbers them). */
  spillRegisters(): void {
    this.forgetAll();
    for (const r of ALLOCATABLE_GPRS) if (this.gprOwner[r] !== -1) this.spill(this.gprOwner[r]!);
    for (const r of ALLOCATABLE_XMMS) if (this.xmmOwner[r] !== -1) this.spill(this.xmmOwner[r]!);
  }

  /**
   * Before a call with its arguments on top from `end` on: copies of locals are dropped
   * (the call clobbers their registers) and the entries below `end` held in registers are
   * spilled; the arguments stay where they are.
   */
  spillRegistersBelow(end: number): void {
    this.forgetAll();
    for (const r of ALLOCATABLE_GPRS) if (this.gprOwner[r] !== -1 && this.gprOwner[r]! < end) this.spill(this.gprOwner[r]!);
    for (const r of ALLOCATABLE_XMMS) if (this.xmmOwner[r] !== -1 && this.xmmOwner[r]! < end) this.spill(this.xmmOwner[r]!);
  }

  /** Before `local.set l`: entries that still read local l load it now. */
  detachLocal(l: number): void {
    if (this.localRefs[l] === 0) return;
    for (let i = this.sp - 1; i >= 0 && this.localRefs[l]! > 0; i--) {
      if (this.kind[i] === LOCAL && this.lo[i] === l) {
        if (inXmm(this.type[i]!)) this.toXmm(i);
        else this.toGpr(i);
      }
    }
  }
}
