/**
 * Streaming validation of one function body: the spec's algorithm (appendix "Validation
 * Algorithm") with an operand stack and a control stack, driven one instruction at a time.
 *
 * A compiler drives it in its own single pass:
 *
 *     const r = new OperatorReader(bytes);
 *     const v = new FuncValidator(module);
 *     r.reset(module.bodyStart[i], module.bodyEnd[i]);
 *     v.begin(funcIndex, r);                 // reads the local declarations
 *     while (!v.done) { const op = r.read(); v.step(op, r); emit(op, r); }
 *     v.finish(r);                           // the body must end exactly at its last `end`
 *
 * One validator is reused for every function of a module: the stacks are typed arrays
 * that only grow, so the per-instruction path allocates nothing.
 *
 * Invariants between calls to step():
 *  - vals[0, valsHeight) are the operand types, ValType.Unknown marking values that come
 *    from unreachable code (the spec's "bottom");
 *  - ctl*[0, ctlDepth) describe the open blocks, outermost (the function) first;
 *    `frameHeight` caches ctlHeight[ctlDepth - 1].
 */
import { invalid, malformed } from './errors.js';
import {
  Imm,
  Op,
  hasSignature,
  opcodeExtra,
  opcodeImm,
  opcodeName,
  sigArity,
  sigParam0,
  sigParam1,
  sigParam2,
  sigResult,
  OPCODE_ID_COUNT,
} from './opcodes.js';
import { OperatorReader } from './operator-reader.js';
import { FuncIndex, ModuleInfo, ValType, isRefType, valTypeName } from './types.js';

/** Kinds of control frames (the opcode that opened them, or Function). */
const Frame = { Block: Op.Block, Loop: Op.Loop, If: Op.If, Else: Op.Else, Function: 0xff } as const;

/** Block type value for "no params, no results" (the s33 encoding of 0x40). */
const EMPTY_BLOCK = -64;

/** Locals are expanded into a flat array up to this many; the rest are found by run. */
const EXPANDED_LOCALS = 1 << 16;

/** The largest number of locals the spec allows (the count must fit in u32). */
const MAX_LOCALS = 0xffffffff;

const EMPTY_TYPES = new Uint8Array(0);
/** One-element type lists for block types written as a single value type. */
const SINGLE_TYPES: Uint8Array[] = [];
for (const t of Object.values(ValType)) SINGLE_TYPES[t] = Uint8Array.of(t);

/**
 * What the validator checks for each opcode: a dense numbering, so that `step` dispatches
 * through a jump table rather than a chain of comparisons over sparse opcode ids.
 */
const Check = {
  Signature: 0, MemoryAccess: 1, LocalGet: 2, LocalSet: 3, LocalTee: 4, GlobalGet: 5,
  GlobalSet: 6, Block: 7, If: 8, Else: 9, End: 10, Br: 11, BrIf: 12, BrTable: 13,
  Return: 14, Call: 15, CallIndirect: 16, Drop: 17, Select: 18, SelectTyped: 19,
  Unreachable: 20, Nop: 21, TableGet: 22, TableSet: 23, Memory: 24, MemoryInit: 25,
  DataDrop: 26, RefNull: 27, RefIsNull: 28, RefFunc: 29, TableInit: 30, ElemDrop: 31,
  TableCopy: 32, TableGrow: 33, TableSize: 34, TableFill: 35, Lane: 36, Shuffle: 37,
  MemoryLane: 38,
  /** Not an opcode (the reader rejects these first). */
  None: 39,
} as const;

const CHECK = new Uint8Array(OPCODE_ID_COUNT).fill(Check.None);
for (let op = 0; op < OPCODE_ID_COUNT; op++) {
  const imm = opcodeImm[op];
  if (imm === Imm.MemArg) CHECK[op] = Check.MemoryAccess;
  else if (imm === Imm.MemArgLane) CHECK[op] = Check.MemoryLane;
  else if (imm === Imm.Lane) CHECK[op] = Check.Lane;
  else if (imm === Imm.Shuffle) CHECK[op] = Check.Shuffle;
  else if (hasSignature[op]) CHECK[op] = Check.Signature;
}
const SPECIAL: [number, number][] = [
  [Op.Unreachable, Check.Unreachable], [Op.Nop, Check.Nop], [Op.Block, Check.Block],
  [Op.Loop, Check.Block], [Op.If, Check.If], [Op.Else, Check.Else], [Op.End, Check.End],
  [Op.Br, Check.Br], [Op.BrIf, Check.BrIf], [Op.BrTable, Check.BrTable],
  [Op.Return, Check.Return], [Op.Call, Check.Call], [Op.CallIndirect, Check.CallIndirect],
  [Op.Drop, Check.Drop], [Op.Select, Check.Select], [Op.SelectTyped, Check.SelectTyped],
  [Op.LocalGet, Check.LocalGet], [Op.LocalSet, Check.LocalSet], [Op.LocalTee, Check.LocalTee],
  [Op.GlobalGet, Check.GlobalGet], [Op.GlobalSet, Check.GlobalSet],
  [Op.TableGet, Check.TableGet], [Op.TableSet, Check.TableSet],
  [Op.MemorySize, Check.Memory], [Op.MemoryGrow, Check.Memory], [Op.MemoryFill, Check.Memory],
  [Op.MemoryCopy, Check.Memory], [Op.MemoryInit, Check.MemoryInit], [Op.DataDrop, Check.DataDrop],
  [Op.RefNull, Check.RefNull], [Op.RefIsNull, Check.RefIsNull], [Op.RefFunc, Check.RefFunc],
  [Op.TableInit, Check.TableInit], [Op.ElemDrop, Check.ElemDrop], [Op.TableCopy, Check.TableCopy],
  [Op.TableGrow, Check.TableGrow], [Op.TableSize, Check.TableSize], [Op.TableFill, Check.TableFill],
];
for (const [op, check] of SPECIAL) CHECK[op] = check;

/**
 * Everything `step` needs to know of an opcode in one word, so that the common case costs
 * one table load: bits 0–6 the result type, 7–13 and 14–20 the first two operand types,
 * 21–22 the number of operands, 23 and up the check kind. (Value types are 0x6f–0x7f.)
 */
const OP_INFO = new Uint32Array(OPCODE_ID_COUNT);
for (let op = 0; op < OPCODE_ID_COUNT; op++) {
  OP_INFO[op] = (sigResult[op]! | (sigParam0[op]! << 7) | (sigParam1[op]! << 14) | (Math.min(sigArity[op]!, 3) << 21) | (CHECK[op]! << 23)) >>> 0;
}

export class FuncValidator {
  readonly module: ModuleInfo;

  private vals: Uint8Array = new Uint8Array(256);
  private valsHeight = 0;

  private ctlKind: Uint8Array = new Uint8Array(32);
  private ctlBlockType = new Int32Array(32);
  private ctlHeight = new Uint32Array(32);
  private ctlUnreachable: Uint8Array = new Uint8Array(32);
  private ctlDepth = 0;
  private frameHeight = 0;

  /** Locals (params first): the first EXPANDED_LOCALS flat, then runs for the rest. */
  private localTypes: Uint8Array = new Uint8Array(256);
  private numExpandedLocals = 0;
  private localRunEnd = new Float64Array(8);
  private localRunType: Uint8Array = new Uint8Array(8);
  private numLocalRuns = 0;
  numLocals = 0;
  /** Whether a local (or parameter) of the current function is a v128. */
  hasV128Local = false;

  private scratch: Uint8Array = new Uint8Array(64);
  private funcTypeIndex = 0;
  /** The function whose body is being validated. */
  funcIndex = 0;
  /** True once the function's final `end` has been validated. */
  done = false;
  private readonly hasMemory: boolean;
  /** OP_INFO, held here: in the hot path a field load is cheaper than a module binding. */
  private readonly opInfo = OP_INFO;

  constructor(module: ModuleInfo) {
    this.module = module;
    this.hasMemory = module.memories.length > 0;
  }

  /**
   * Starts a function: `r` must be positioned at the body's first byte with `r.end` at
   * the body's end. Reads the local declarations and opens the function's frame.
   */
  begin(funcIndex: FuncIndex, r: OperatorReader): void {
    this.funcIndex = funcIndex;
    this.funcTypeIndex = this.module.funcTypes[funcIndex]!;
    this.valsHeight = 0;
    this.ctlDepth = 0;
    this.done = false;
    this.readLocals(r);
    this.pushCtl(Frame.Function, this.funcTypeIndex);
  }

  private readLocals(r: OperatorReader): void {
    const params = this.module.types[this.funcTypeIndex]!.params;
    this.numLocalRuns = 0;
    this.numExpandedLocals = 0;
    this.hasV128Local = false;
    for (let i = 0; i < params.length; i++) this.addLocals(1, params[i]!, i);
    this.numLocals = readLocalDeclarations(r, this, params.length);
  }

  addLocals(n: number, t: ValType, first: number): void {
    if (n === 0) return;
    if (t === ValType.V128) this.hasV128Local = true;
    const expand = Math.min(n, EXPANDED_LOCALS - first);
    if (expand > 0) {
      if (first + expand > this.localTypes.length) {
        this.localTypes = growBytes(this.localTypes, first + expand);
      }
      this.localTypes.fill(t, first, first + expand);
      this.numExpandedLocals = first + expand;
    }
    if (first + n > EXPANDED_LOCALS) {
      if (this.numLocalRuns === this.localRunEnd.length) {
        const ends = new Float64Array(this.numLocalRuns * 2);
        ends.set(this.localRunEnd);
        this.localRunEnd = ends;
        this.localRunType = growBytes(this.localRunType, this.numLocalRuns * 2);
      }
      this.localRunEnd[this.numLocalRuns] = first + n;
      this.localRunType[this.numLocalRuns] = t;
      this.numLocalRuns++;
    }
  }

  /** The type of local `i` (params first); `i` must be below numLocals. */
  localType(i: number): ValType {
    if (i < this.numExpandedLocals) return this.localTypes[i]!;
    let lo = 0;
    let hi = this.numLocalRuns - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.localRunEnd[mid]! > i) hi = mid;
      else lo = mid + 1;
    }
    return this.localRunType[lo]!;
  }

  /** Number of open control frames, the function's included. */
  get controlDepth(): number {
    return this.ctlDepth;
  }

  /** True when the code at the current point cannot be reached. */
  get unreachable(): boolean {
    return this.ctlUnreachable[this.ctlDepth - 1] === 1;
  }

  /**
   * Validates one instruction that `r` has just decoded. The most frequent kinds are
   * checked here, small enough to be inlined into the caller's loop; the rest out of line.
   */
  step(op: number, r: OperatorReader): void {
    const info = this.opInfo[op]!;
    const check = info >>> 23;
    // Each helper has a single call site here: the method and what it calls must stay
    // within the budget the JIT spends on inlining into the loop that drives it.
    let result: ValType;
    if (check <= Check.MemoryAccess) {
      if (check === Check.MemoryAccess && (!this.hasMemory || r.memAlign > opcodeExtra[op]!)) this.badMemoryAccess(op, r);
      // Up to two operands already of the right types are replaced by the result.
      const n = (info >>> 21) & 3;
      const h = this.valsHeight - n;
      const vals = this.vals;
      if (n === 3 || h < this.frameHeight || (n > 0 && vals[h] !== ((info >>> 7) & 0x7f)) || (n > 1 && vals[h + 1] !== ((info >>> 14) & 0x7f))) {
        return this.applySignature(op, r);
      }
      this.valsHeight = h;
      result = info & 0x7f;
      if (result === 0) return;
    } else if (check <= Check.LocalTee) {
      // local.get, local.set, local.tee
      result = this.local(r);
      if (check !== Check.LocalGet) {
        this.popExpect(result, op, r);
        if (check === Check.LocalSet) return;
      }
    } else {
      return this.stepOther(check, op, r);
    }
    this.push(result);
  }

  private stepOther(check: number, op: number, r: OperatorReader): void {
    const m = this.module;
    switch (check) {
      case Check.GlobalGet:
        return this.push(this.global(r).valType);
      case Check.GlobalSet: {
        const g = this.global(r);
        if (!g.mutable) throw invalid(r.opStart, `global is immutable: global.set of global ${r.index}`);
        this.popExpect(g.valType, op, r);
        return;
      }
      case Check.MemoryLane:
        this.checkMemory(op, r);
        this.checkAlignment(op, r);
        if (r.lane >= 16 >> opcodeExtra[op]!) this.badLane(op, r);
        return this.applySignature(op, r);
      case Check.Lane:
        if (r.lane >= opcodeExtra[op]!) this.badLane(op, r);
        return this.applySignature(op, r);
      case Check.Shuffle:
        for (let i = 0; i < 16; i++) if (r.bytes[r.v128Start + i]! >= 32) this.badLane(op, r);
        return this.applySignature(op, r);
      case Check.Unreachable:
        return this.setUnreachable();
      case Check.Nop:
        return;
      case Check.Block:
        this.checkBlockType(r);
        this.popValues(this.blockParams(r.blockType), op, r);
        return this.pushCtl(op, r.blockType);
      case Check.If:
        this.checkBlockType(r);
        this.popExpect(ValType.I32, op, r);
        this.popValues(this.blockParams(r.blockType), op, r);
        return this.pushCtl(op, r.blockType);
      case Check.Else: {
        if (this.ctlKind[this.ctlDepth - 1] !== Frame.If) throw malformed(r.opStart, 'else without a matching if');
        const bt = this.ctlBlockType[this.ctlDepth - 1]!;
        this.popCtl(op, r);
        return this.pushCtl(Frame.Else, bt);
      }
      case Check.End: {
        const kind = this.ctlKind[this.ctlDepth - 1]!;
        const bt = this.ctlBlockType[this.ctlDepth - 1]!;
        // An `if` without `else` must leave what it was given: params equal results.
        if (kind === Frame.If && !sameTypes(this.blockParams(bt), this.blockResults(bt))) {
          throw invalid(r.opStart, 'type mismatch: if without else must have the same parameter and result types');
        }
        this.popCtl(op, r);
        if (kind === Frame.Function) {
          this.done = true;
          return;
        }
        return this.pushValues(this.blockResults(bt));
      }
      case Check.Br: {
        const types = this.labelTypes(r.index, r);
        this.popValues(types, op, r);
        return this.setUnreachable();
      }
      case Check.BrIf: {
        const types = this.labelTypes(r.index, r);
        this.popExpect(ValType.I32, op, r);
        this.popValues(types, op, r);
        return this.pushValues(types);
      }
      case Check.BrTable:
        return this.brTable(r);
      case Check.Return:
        this.popValues(this.blockResults(this.funcTypeIndex), op, r);
        return this.setUnreachable();
      case Check.Call: {
        if (r.index >= m.funcTypes.length) throw invalid(r.opStart, `unknown function ${r.index}`);
        const type = m.types[m.funcTypes[r.index]!]!;
        this.popValues(type.params, op, r);
        return this.pushValues(type.results);
      }
      case Check.CallIndirect: {
        const table = this.table(r.index2, r);
        if (table.elemType !== ValType.FuncRef) throw invalid(r.opStart, `type mismatch: call_indirect on table ${r.index2} of ${valTypeName(table.elemType)}`);
        if (r.index >= m.types.length) throw invalid(r.opStart, `unknown type ${r.index}`);
        const type = m.types[r.index]!;
        this.popExpect(ValType.I32, op, r);
        this.popValues(type.params, op, r);
        return this.pushValues(type.results);
      }
      case Check.Drop:
        this.pop(op, r);
        return;
      case Check.Select: {
        this.popExpect(ValType.I32, op, r);
        const t1 = this.pop(op, r);
        const t2 = this.pop(op, r);
        if (isRefType(t1) || isRefType(t2)) {
          throw invalid(r.opStart, `type mismatch in select: reference operands need a typed select`);
        }
        if (t1 !== t2 && t1 !== ValType.Unknown && t2 !== ValType.Unknown) {
          throw invalid(r.opStart, `type mismatch in select: operands are ${valTypeName(t2)} and ${valTypeName(t1)}`);
        }
        return this.push(t1 === ValType.Unknown ? t2 : t1);
      }
      case Check.SelectTyped: {
        if (r.selectArity !== 1) throw invalid(r.opStart, 'invalid result arity: select must have exactly one type');
        this.popExpect(ValType.I32, op, r);
        this.popExpect(r.valType, op, r);
        this.popExpect(r.valType, op, r);
        return this.push(r.valType);
      }
      case Check.TableGet: {
        const table = this.table(r.index, r);
        this.popExpect(ValType.I32, op, r);
        return this.push(table.elemType);
      }
      case Check.TableSet: {
        const table = this.table(r.index, r);
        this.popExpect(table.elemType, op, r);
        this.popExpect(ValType.I32, op, r);
        return;
      }
      case Check.Memory:
        this.checkMemory(op, r);
        return this.applySignature(op, r);
      case Check.MemoryInit:
        this.checkMemory(op, r);
        this.checkDataIndex(r);
        return this.applySignature(op, r);
      case Check.DataDrop:
        return this.checkDataIndex(r);
      case Check.RefNull:
        return this.push(r.valType);
      case Check.RefIsNull: {
        const t = this.pop(op, r);
        if (t !== ValType.Unknown && !isRefType(t)) {
          throw invalid(r.opStart, `type mismatch in ref.is_null: expected a reference, found ${valTypeName(t)}`);
        }
        return this.push(ValType.I32);
      }
      case Check.RefFunc:
        if (r.index >= m.funcTypes.length) throw invalid(r.opStart, `unknown function ${r.index}`);
        if (m.declaredFuncRefs[r.index] !== 1) throw invalid(r.opStart, `undeclared function reference ${r.index}`);
        return this.push(ValType.FuncRef);
      case Check.TableInit: {
        const table = this.table(r.index2, r);
        const elem = this.elem(r);
        if (elem.elemType !== table.elemType) {
          throw invalid(r.opStart, `type mismatch in table.init: segment of ${valTypeName(elem.elemType)}, table of ${valTypeName(table.elemType)}`);
        }
        return this.applySignature(op, r);
      }
      case Check.ElemDrop:
        this.elem(r);
        return;
      case Check.TableCopy: {
        const dst = this.table(r.index, r);
        const src = this.table(r.index2, r);
        if (dst.elemType !== src.elemType) {
          throw invalid(r.opStart, `type mismatch in table.copy: from ${valTypeName(src.elemType)} to ${valTypeName(dst.elemType)}`);
        }
        return this.applySignature(op, r);
      }
      case Check.TableGrow: {
        const table = this.table(r.index, r);
        this.popExpect(ValType.I32, op, r);
        this.popExpect(table.elemType, op, r);
        return this.push(ValType.I32);
      }
      case Check.TableSize:
        this.table(r.index, r);
        return this.push(ValType.I32);
      case Check.TableFill: {
        const table = this.table(r.index, r);
        this.popExpect(ValType.I32, op, r);
        this.popExpect(table.elemType, op, r);
        this.popExpect(ValType.I32, op, r);
        return;
      }
    }
    throw new Error(`validator has no case for opcode id 0x${op.toString(16)}`);
  }

  /**
   * Ends the function: its final `end` must have been seen, exactly at the end of the body.
   */
  finish(r: OperatorReader): void {
    if (r.pos !== r.end || !this.done) this.badFunctionEnd(r);
  }

  private badFunctionEnd(r: OperatorReader): never {
    if (!this.done) throw malformed(r.pos, 'unexpected end of function body (END opcode expected)');
    throw malformed(r.pos, 'section size mismatch: bytes after the final END of the function body');
  }

  private applySignature(op: number, r: OperatorReader): void {
    const n = sigArity[op]!;
    if (n > 2) this.popExpect(sigParam2[op]!, op, r);
    if (n > 1) this.popExpect(sigParam1[op]!, op, r);
    if (n > 0) this.popExpect(sigParam0[op]!, op, r);
    const result = sigResult[op]!;
    if (result !== 0) this.push(result);
  }

  private brTable(r: OperatorReader): void {
    const op = Op.BrTable;
    this.popExpect(ValType.I32, op, r);
    const defaultTypes = this.labelTypes(r.index, r);
    const arity = defaultTypes.length;
    for (let i = 0; i < r.brTargetCount; i++) {
      const types = this.labelTypes(r.brTargets[i]!, r);
      if (types.length !== arity) {
        throw invalid(r.opStart, `type mismatch in br_table: label ${r.brTargets[i]} has ${types.length} values, the default label ${arity}`);
      }
      // Check the operands against this label's types without consuming them.
      this.popValuesToScratch(types, op, r);
      this.pushScratch(types.length);
    }
    this.popValues(defaultTypes, op, r);
    this.setUnreachable();
  }

  // ---- operand stack ----

  private push(t: ValType): void {
    const h = this.valsHeight;
    if (h === this.vals.length) this.growVals();
    this.vals[h] = t;
    this.valsHeight = h + 1;
  }

  private growVals(): void {
    this.vals = growBytes(this.vals, this.valsHeight + 1);
  }

  private pushValues(types: Uint8Array): void {
    for (let i = 0; i < types.length; i++) this.push(types[i]!);
  }

  private pop(op: number, r: OperatorReader): ValType {
    if (this.valsHeight === this.frameHeight) {
      if (this.ctlUnreachable[this.ctlDepth - 1] === 1) return ValType.Unknown;
      throw invalid(r.opStart, `type mismatch in ${opcodeName[op]}: expected a value, but the stack is empty`);
    }
    return this.vals[--this.valsHeight]!;
  }

  private popExpect(expected: ValType, op: number, r: OperatorReader): ValType {
    const h = this.valsHeight;
    if (h > this.frameHeight && this.vals[h - 1] === expected) {
      this.valsHeight = h - 1;
      return expected;
    }
    return this.popExpectSlow(expected, op, r);
  }

  private popExpectSlow(expected: ValType, op: number, r: OperatorReader): ValType {
    if (this.valsHeight === this.frameHeight) {
      if (this.ctlUnreachable[this.ctlDepth - 1] === 1) return ValType.Unknown;
      throw invalid(r.opStart, `type mismatch in ${opcodeName[op]}: expected ${valTypeName(expected)}, but the stack is empty`);
    }
    const actual = this.vals[--this.valsHeight]!;
    if (actual !== expected && actual !== ValType.Unknown && expected !== ValType.Unknown) {
      throw invalid(r.opStart, `type mismatch in ${opcodeName[op]}: expected ${valTypeName(expected)}, found ${valTypeName(actual)}`);
    }
    return actual;
  }

  private popValues(types: Uint8Array, op: number, r: OperatorReader): void {
    for (let i = types.length - 1; i >= 0; i--) this.popExpect(types[i]!, op, r);
  }

  private popValuesToScratch(types: Uint8Array, op: number, r: OperatorReader): void {
    if (types.length > this.scratch.length) this.scratch = growBytes(this.scratch, types.length);
    for (let i = types.length - 1; i >= 0; i--) this.scratch[i] = this.popExpect(types[i]!, op, r);
  }

  private pushScratch(n: number): void {
    for (let i = 0; i < n; i++) this.push(this.scratch[i]!);
  }

  // ---- control stack ----

  private pushCtl(kind: number, blockType: number): void {
    const d = this.ctlDepth;
    if (d === this.ctlKind.length) this.growCtl();
    this.ctlKind[d] = kind;
    this.ctlBlockType[d] = blockType;
    this.ctlHeight[d] = this.valsHeight;
    this.ctlUnreachable[d] = 0;
    this.ctlDepth = d + 1;
    this.frameHeight = this.valsHeight;
    if (kind !== Frame.Function) this.pushValues(this.blockParams(blockType));
  }

  /** Pops the innermost frame, checking that exactly its results are on the stack. */
  private popCtl(op: number, r: OperatorReader): void {
    const d = this.ctlDepth - 1;
    this.popValues(this.blockResults(this.ctlBlockType[d]!), op, r);
    if (this.valsHeight !== this.ctlHeight[d]) {
      const extra = this.valsHeight - this.ctlHeight[d]!;
      throw invalid(r.opStart, `type mismatch at ${opcodeName[op]}: ${extra} value${extra === 1 ? '' : 's'} left on the stack at the end of the block`);
    }
    this.ctlDepth = d;
    this.frameHeight = d > 0 ? this.ctlHeight[d - 1]! : 0;
  }

  private setUnreachable(): void {
    this.valsHeight = this.frameHeight;
    this.ctlUnreachable[this.ctlDepth - 1] = 1;
  }

  private growCtl(): void {
    const n = this.ctlKind.length * 2;
    this.ctlKind = growBytes(this.ctlKind, n);
    this.ctlUnreachable = growBytes(this.ctlUnreachable, n);
    const bt = new Int32Array(n);
    bt.set(this.ctlBlockType);
    this.ctlBlockType = bt;
    const h = new Uint32Array(n);
    h.set(this.ctlHeight);
    this.ctlHeight = h;
  }

  /** The types a branch to label `depth` carries: a loop's params, otherwise results. */
  private labelTypes(depth: number, r: OperatorReader): Uint8Array {
    if (depth >= this.ctlDepth) throw invalid(r.opStart, `unknown label ${depth}`);
    const d = this.ctlDepth - 1 - depth;
    const bt = this.ctlBlockType[d]!;
    return this.ctlKind[d] === Frame.Loop ? this.blockParams(bt) : this.blockResults(bt);
  }

  private blockParams(blockType: number): Uint8Array {
    return blockType >= 0 ? this.module.types[blockType]!.params : EMPTY_TYPES;
  }

  private blockResults(blockType: number): Uint8Array {
    if (blockType >= 0) return this.module.types[blockType]!.results;
    return blockType === EMPTY_BLOCK ? EMPTY_TYPES : SINGLE_TYPES[blockType + 0x80]!;
  }

  private checkBlockType(r: OperatorReader): void {
    if (r.blockType >= this.module.types.length) throw invalid(r.opStart, `unknown type ${r.blockType}`);
  }

  // ---- module-level lookups ----

  private local(r: OperatorReader): ValType {
    const i = r.index;
    return i < this.numExpandedLocals ? this.localTypes[i]! : this.localBeyondFlat(r);
  }

  private localBeyondFlat(r: OperatorReader): ValType {
    if (r.index >= this.numLocals) throw invalid(r.opStart, `unknown local ${r.index}`);
    return this.localType(r.index);
  }

  private global(r: OperatorReader) {
    const g = this.module.globals[r.index];
    if (g === undefined) throw invalid(r.opStart, `unknown global ${r.index}`);
    return g;
  }

  private table(index: number, r: OperatorReader) {
    const t = this.module.tables[index];
    if (t === undefined) throw invalid(r.opStart, `unknown table ${index}`);
    return t;
  }

  private elem(r: OperatorReader) {
    const e = this.module.elems[r.index];
    if (e === undefined) throw invalid(r.opStart, `unknown elem segment ${r.index}`);
    return e;
  }

  private checkMemory(op: number, r: OperatorReader): void {
    if (!this.hasMemory) throw invalid(r.opStart, `unknown memory 0 in ${opcodeName[op]}`);
  }

  private checkDataIndex(r: OperatorReader): void {
    if (dataCountRequired(this.module)) throw malformed(r.opStart, 'data count section required');
    if (r.index >= (this.module.dataCount ?? 0)) throw invalid(r.opStart, `unknown data segment ${r.index}`);
  }

  private checkAlignment(op: number, r: OperatorReader): void {
    if (r.memAlign > opcodeExtra[op]!) throw invalid(r.opStart, `alignment must not be larger than natural in ${opcodeName[op]}`);
  }

  /** Out of line: a plain load or store without a memory, or aligned beyond natural. */
  private badMemoryAccess(op: number, r: OperatorReader): never {
    this.checkMemory(op, r);
    this.checkAlignment(op, r);
    throw new Error(`badMemoryAccess called for a valid access in ${opcodeName[op]}`);
  }

  private badLane(op: number, r: OperatorReader): never {
    throw invalid(r.opStart, `invalid lane index in ${opcodeName[op]}`);
  }
}

/**
 * Reads a body's local declarations, passing each group to `sink` (if any); returns the
 * number of locals including the `first` parameters.
 */
export function readLocalDeclarations(
  r: OperatorReader,
  sink: { addLocals(n: number, t: ValType, first: number): void } | undefined,
  first = 0,
): number {
  let total = first;
  // Each declaration takes at least two bytes: a count and a type.
  const groups = r.count('local declaration', 2);
  for (let g = 0; g < groups; g++) {
    const at = r.pos;
    const n = r.u32('local count');
    const t = r.valTypeByte();
    if (total + n > MAX_LOCALS) throw malformed(at, 'too many locals');
    sink?.addLocals(n, t, total);
    total += n;
  }
  return total;
}

/**
 * memory.init and data.drop need the data count section when the module has data
 * segments: a single-pass validator meets the code before the data section. Without any
 * segment, a data index is simply unknown (invalid, not malformed).
 */
export function dataCountRequired(module: ModuleInfo): boolean {
  return module.dataCount === undefined && module.datas.length > 0;
}

function sameTypes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function growBytes(a: Uint8Array, atLeast: number): Uint8Array {
  let n = Math.max(a.length * 2, 8);
  while (n < atLeast) n *= 2;
  const b = new Uint8Array(n);
  b.set(a);
  return b;
}

