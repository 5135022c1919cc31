/**
 * Decodes the instructions of a function body one at a time.
 *
 * `read()` decodes one opcode and its immediates into the reader's own fields and returns
 * the opcode id (see opcodes.ts). Nothing is allocated per instruction: br_table targets
 * go into a reused buffer, v128 immediates are left in the input (`v128Start`), and 64-bit
 * immediates arrive as int32 halves `lo`/`hi`.
 *
 * Only the encoding is checked here (malformed input); whether the immediates make sense
 * for the module (indices, alignment, lanes) is the validator's business.
 */
import { WasmError, malformed } from './errors.js';
import { IMM_LAST_INDEX, Imm, PREFIX_FC, PREFIX_FD, opcodeImm } from './opcodes.js';
import { ByteReader } from './reader.js';
import { isValType, ValType } from './types.js';

export class OperatorReader extends ByteReader {
  /** Offset of the current instruction's first byte. */
  opStart = 0;
  /** Label depth, function, local, global, table, type, data or element index. */
  index = 0;
  /** call_indirect's table; table.init's table; table.copy's source table. */
  index2 = 0;
  /** Signed 33-bit block type: -64 (empty), a negative value-type code, or a type index. */
  blockType = 0;
  memAlign = 0;
  memOffset = 0;
  /** Lane index of lane instructions. */
  lane = 0;
  /** i32.const value; f32.const bits (unsigned). */
  i32 = 0;
  /** First of the 16 immediate bytes of v128.const and i8x16.shuffle. */
  v128Start = 0;
  /** ref.null's type, or typed select's type. */
  valType = 0;
  /** Number of types in a typed select (valid only when 1). */
  selectArity = 0;
  /** br_table: the targets (first brTargetCount entries); the default is in `index`. */
  brTargets = new Uint32Array(64);
  brTargetCount = 0;
  /** opcodeImm, held here: in the hot path a field load is cheaper than a module binding. */
  private readonly immOf = opcodeImm;

  constructor(bytes: Uint8Array, pos = 0, end = bytes.length) {
    super(bytes, pos, end);
  }

  reset(pos: number, end: number): void {
    this.pos = pos;
    this.end = end;
  }

  /**
   * Decodes the next instruction; returns its opcode id.
   *
   * Kept small on purpose (rare paths and error texts live in other methods) so that the
   * JIT inlines it into the loops that drive it.
   */
  read(): number {
    const start = this.pos;
    this.opStart = start;
    if (start >= this.end) throw this.endOfBody();
    const op = this.bytes[start]!;
    this.pos = start + 1;
    if (op >= PREFIX_FC) return this.readPrefixed(op);
    const imm = this.immOf[op]!;
    if (imm === Imm.None) return op;
    // The most frequent immediates, when their LEB128s take one byte, are decoded here
    // without a call; anything longer goes through readImmediates.
    const b = start + 1 < this.end ? this.bytes[start + 1]! : 0x80;
    if (b < 0x80) {
      if (imm <= IMM_LAST_INDEX) {
        this.index = b;
        this.pos = start + 2;
        return op;
      }
      if (imm === Imm.I32) {
        this.i32 = (b << 25) >> 25;
        this.pos = start + 2;
        return op;
      }
      if (imm === Imm.MemArg && start + 2 < this.end && this.bytes[start + 2]! < 0x80) {
        this.memAlign = b;
        this.memOffset = this.bytes[start + 2]!;
        this.pos = start + 3;
        return op;
      }
    }
    this.readImmediates(imm);
    return op;
  }

  /** An instruction of the 0xFC or 0xFD families: a u32 sub-opcode follows the prefix. */
  private readPrefixed(prefix: number): number {
    if (prefix !== PREFIX_FC && prefix !== PREFIX_FD) throw malformed(this.opStart, `illegal opcode 0x${prefix.toString(16)}`);
    const sub = this.u32('opcode');
    if (sub > 0xff) throw malformed(this.opStart, `illegal opcode 0x${prefix.toString(16)} ${sub}`);
    // Ids are below OPCODE_ID_COUNT by construction.
    const op = (prefix === PREFIX_FC ? 0x100 : 0x200) + sub;
    const imm = this.immOf[op]!;
    if (imm === Imm.None) return op;
    if (imm <= IMM_LAST_INDEX) this.index = this.u32();
    else this.readImmediates(imm);
    return op;
  }

  private endOfBody(): WasmError {
    return malformed(this.opStart, 'unexpected end of function body (END opcode expected)');
  }

  private readImmediates(imm: number): void {
    switch (imm) {
      case Imm.Label:
      case Imm.Func:
      case Imm.Local:
      case Imm.Global:
      case Imm.Table:
      case Imm.Data:
      case Imm.Elem:
        this.index = this.u32();
        return;
      case Imm.I32:
        this.i32 = this.s32('i32 constant');
        return;
      case Imm.BlockType: {
        const at = this.pos;
        const bt = this.s33('block type');
        // The empty type and value types are single bytes; a negative value written in
        // more bytes is neither those nor a type index.
        if (bt < 0 && (this.pos - at !== 1 || (bt !== -64 && !isValType(bt + 0x80)))) {
          throw malformed(at, 'malformed block type');
        }
        this.blockType = bt;
        return;
      }
      case Imm.CallIndirect:
        this.index = this.u32('type index');
        this.index2 = this.u32('table index');
        return;
      case Imm.TableInit:
        this.index = this.u32('element segment index');
        this.index2 = this.u32('table index');
        return;
      case Imm.TableCopy:
        this.index = this.u32('table index');
        this.index2 = this.u32('table index');
        return;
      case Imm.MemArg:
        this.memAlign = this.u32('alignment');
        this.memOffset = this.u32('offset');
        return;
      case Imm.I32:
        this.i32 = this.s32('i32 constant');
        return;
      case Imm.MemArg:
        this.memAlign = this.u32('alignment');
        this.memOffset = this.u32('offset');
        return;
      case Imm.MemArgLane:
        this.memAlign = this.u32('alignment');
        this.memOffset = this.u32('offset');
        this.lane = this.u8('lane index');
        return;
      case Imm.Lane:
        this.lane = this.u8('lane index');
        return;
      case Imm.ZeroByte:
        this.zeroByte();
        return;
      case Imm.MemoryInit:
        this.index = this.u32('data segment index');
        this.zeroByte();
        return;
      case Imm.MemoryCopy:
        this.zeroByte();
        this.zeroByte();
        return;
      case Imm.I64:
        this.s64('i64 constant');
        return;
      case Imm.F32:
        this.i32 = this.f32Bits('f32 constant');
        return;
      case Imm.F64:
        this.f64Bits('f64 constant');
        return;
      case Imm.V128:
      case Imm.Shuffle:
        this.v128Start = this.pos;
        this.skip(16, 'v128 immediate');
        return;
      case Imm.RefType: {
        const at = this.pos;
        const t = this.u8('reference type');
        if (t !== ValType.FuncRef && t !== ValType.ExternRef) throw malformed(at, 'malformed reference type');
        this.valType = t;
        return;
      }
      case Imm.SelectTypes: {
        const n = this.count('select type');
        this.selectArity = n;
        this.valType = ValType.Unknown;
        for (let i = 0; i < n; i++) {
          const t = this.valTypeByte();
          if (i === 0) this.valType = t;
        }
        return;
      }
      case Imm.BrTable:
        this.readBrTable();
        return;
      default:
        throw malformed(this.opStart, `illegal opcode ${this.describeOpcodeAt(this.opStart)}`);
    }
  }

  private readBrTable(): void {
    const n = this.count('br_table target');
    if (n > this.brTargets.length) {
      let size = this.brTargets.length * 2;
      while (size < n) size *= 2;
      this.brTargets = new Uint32Array(size);
    }
    const targets = this.brTargets;
    for (let i = 0; i < n; i++) targets[i] = this.u32('br_table target');
    this.brTargetCount = n;
    this.index = this.u32('br_table default target');
  }

  private zeroByte(): void {
    const at = this.pos;
    if (this.u8('reserved byte') !== 0) throw malformed(at, 'zero byte expected');
  }

  /** A value type byte (malformed if it is not one). */
  valTypeByte(): number {
    const at = this.pos;
    const t = this.u8('value type');
    if (!isValType(t)) throw malformed(at, `malformed value type 0x${t.toString(16)}`);
    return t;
  }

  private describeOpcodeAt(at: number): string {
    const b = this.bytes[at]!;
    if (b !== PREFIX_FC && b !== PREFIX_FD) return `0x${b.toString(16)}`;
    const r = new ByteReader(this.bytes, at + 1, this.end);
    return `0x${b.toString(16)} ${r.u32()}`;
  }
}
