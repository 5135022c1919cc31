/**
 * The code buffer: machine code being emitted, labels, and the PC-relative fields that
 * refer to labels (fixups).
 *
 * Problem. A branch is often emitted before its target is known (a forward branch, a
 * constant placed after the body), and some fields are known only after the code that
 * depends on them (a frame size known at the end of a function). The buffer lets code
 * name a position before it exists and fills the fields in once everything is known.
 *
 * Algorithm. A label is an index into `labelPos`; `bind` records the current offset. Every
 * use of a label records a fixup: where its field is, its width (1 or 4 bytes), the offset
 * its value is relative to (for a branch, the end of the instruction) and an addend. The
 * field's value is `labelPos[label] + addend - base`. `finish` resolves every fixup in one
 * pass; an unbound label or a rel8 that does not reach is an error (a compiler bug, so it
 * throws). Code never moves once written: there is no branch relaxation, so offsets handed
 * out (label positions, trap sites, patch sites) stay valid. Callers choose the branch
 * size: a backward branch, whose distance is known, takes the short form when it fits
 * (see control.ts); a forward branch is near (rel32) unless the caller knows it is short.
 *
 * Invariants between public calls:
 * - `bytes[0, length)` is the code; `length <= bytes.length`.
 * - `labelPos[l]` is -1 while `l` is unbound, else an offset in `[0, length]` set once.
 * - every fixup field lies inside `[0, length)`.
 *
 * Storage is typed arrays that only grow and survive `reset`, so one buffer serves every
 * function a worker compiles without allocating per instruction, label or fixup.
 */

export type Label = number & { readonly __brand: 'Label' };

/** Width in bytes of a PC-relative field. */
export type FixupKind = 1 | 4;
export const REL8: FixupKind = 1;
export const REL32: FixupKind = 4;

export class AssemblerError extends Error {
  override name = 'AssemblerError';
}

/**
 * Recommended multi-byte NOPs (Intel SDM vol. 2B, NOP), indexed by length - 1:
 * 0F 1F /0 with growing addressing forms, and 66 to lengthen by one.
 */
const NOPS: readonly (readonly number[])[] = [
  [0x90],
  [0x66, 0x90],
  [0x0f, 0x1f, 0x00],
  [0x0f, 0x1f, 0x40, 0x00],
  [0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00],
  [0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
];
const MAX_NOP = NOPS.length;

const hex = (n: number) => `0x${n.toString(16)}`;

export class CodeBuffer {
  bytes: Uint8Array;
  length = 0;

  private labelPos: Int32Array;
  private labelCount = 0;

  private fixAt: Int32Array;
  private fixBase: Int32Array;
  private fixAddend: Int32Array;
  private fixLabel: Int32Array;
  private fixKind: Uint8Array;
  private fixCount = 0;

  constructor(capacity = 4096) {
    this.bytes = new Uint8Array(Math.max(capacity, 16));
    this.labelPos = new Int32Array(64);
    this.fixAt = new Int32Array(64);
    this.fixBase = new Int32Array(64);
    this.fixAddend = new Int32Array(64);
    this.fixLabel = new Int32Array(64);
    this.fixKind = new Uint8Array(64);
  }

  /** Empty the buffer for the next function, keeping its storage. */
  reset(): void {
    this.length = 0;
    this.labelCount = 0;
    this.fixCount = 0;
  }

  // ---- bytes -------------------------------------------------------------------------

  /**
   * Make room for `n` more bytes. Encoders call it once per instruction (no instruction is
   * longer than 15 bytes) and then write `bytes` directly.
   */
  ensure(n: number): void {
    if (this.length + n > this.bytes.length) this.grow(this.length + n);
  }

  private grow(needed: number): void {
    let cap = this.bytes.length * 2;
    while (cap < needed) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }

  u8(v: number): void {
    this.ensure(1);
    this.bytes[this.length++] = v;
  }

  u16(v: number): void {
    this.ensure(2);
    const b = this.bytes;
    const p = this.length;
    b[p] = v;
    b[p + 1] = v >>> 8;
    this.length = p + 2;
  }

  /** Little-endian 32 bits; `v` may be given signed or unsigned. */
  u32(v: number): void {
    this.ensure(4);
    writeU32(this.bytes, this.length, v);
    this.length += 4;
  }

  /** Little-endian 64 bits from two 32-bit halves. */
  u64(lo: number, hi: number): void {
    this.ensure(8);
    writeU32(this.bytes, this.length, lo);
    writeU32(this.bytes, this.length + 4, hi);
    this.length += 8;
  }

  /** Overwrite one byte already emitted (a late-known field). */
  patchU8(at: number, v: number): void {
    this.checkField(at, 1);
    this.bytes[at] = v;
  }

  /** Overwrite 32 bits already emitted, e.g. the frame size of a prologue's `sub rsp, imm32`. */
  patchU32(at: number, v: number): void {
    this.checkField(at, 4);
    writeU32(this.bytes, at, v);
  }

  readI32(at: number): number {
    this.checkField(at, 4);
    const b = this.bytes;
    return b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24);
  }

  private checkField(at: number, size: number): void {
    if (!(at >= 0 && at + size <= this.length)) {
      throw new AssemblerError(`field at ${hex(at)} of ${size} bytes is outside the ${this.length} bytes emitted`);
    }
  }

  /** `n` bytes of NOP instructions, as few as possible. */
  nops(n: number): void {
    this.ensure(n);
    while (n > 0) {
      const k = n > MAX_NOP ? MAX_NOP : n;
      this.bytes.set(NOPS[k - 1]!, this.length);
      this.length += k;
      n -= k;
    }
  }

  /** Pad with NOPs up to the next multiple of `alignment` (a power of two). */
  align(alignment: number): void {
    if (alignment <= 0 || (alignment & (alignment - 1)) !== 0) {
      throw new AssemblerError(`alignment ${alignment} is not a power of two`);
    }
    this.nops(-this.length & (alignment - 1));
  }

  // ---- labels and fixups -------------------------------------------------------------

  newLabel(): Label {
    if (this.labelCount === this.labelPos.length) this.labelPos = growI32(this.labelPos);
    this.labelPos[this.labelCount] = -1;
    return this.labelCount++ as Label;
  }

  /** Bind `label` to the current offset. A label is bound once. */
  bind(label: Label): void {
    this.checkLabel(label);
    if (this.labelPos[label]! >= 0) {
      throw new AssemblerError(`label ${label} is already bound at ${hex(this.labelPos[label]!)}`);
    }
    this.labelPos[label] = this.length;
  }

  /** The offset a label is bound to, or -1 while it is unbound. */
  labelOffset(label: Label): number {
    this.checkLabel(label);
    return this.labelPos[label]!;
  }

  private checkLabel(label: Label): void {
    if (!(label >= 0 && label < this.labelCount)) throw new AssemblerError(`label ${label} does not exist`);
  }

  /**
   * Record that the `kind`-byte field at `at` (already emitted) receives
   * `offset(label) + addend - base` when the buffer is finished. For a branch, `base` is
   * the end of the instruction.
   */
  useLabel(label: Label, kind: FixupKind, at: number, base: number, addend = 0): void {
    this.checkLabel(label);
    this.checkField(at, kind);
    const i = this.fixCount;
    if (i === this.fixAt.length) {
      this.fixAt = growI32(this.fixAt);
      this.fixBase = growI32(this.fixBase);
      this.fixAddend = growI32(this.fixAddend);
      this.fixLabel = growI32(this.fixLabel);
      const kinds = new Uint8Array(this.fixKind.length * 2);
      kinds.set(this.fixKind);
      this.fixKind = kinds;
    }
    this.fixAt[i] = at;
    this.fixBase[i] = base;
    this.fixAddend[i] = addend;
    this.fixLabel[i] = label;
    this.fixKind[i] = kind;
    this.fixCount = i + 1;
  }

  /**
   * A 32-bit data word holding `offset(label) - base`, e.g. an entry of a jump table
   * relative to the table's start.
   */
  labelDelta32(label: Label, base: number): void {
    this.u32(0);
    this.useLabel(label, REL32, this.length - 4, base);
  }

  /** Number of fixups recorded since the last reset. */
  get fixupCount(): number {
    return this.fixCount;
  }

  /**
   * Resolve every fixup and return a copy of the code. Throws if a label in use was never
   * bound or a rel8 field cannot reach its label. The buffer stays usable (and may be
   * finished again after more code is added).
   */
  finish(): Uint8Array {
    const b = this.bytes;
    for (let i = 0; i < this.fixCount; i++) {
      const at = this.fixAt[i]!;
      const label = this.fixLabel[i]!;
      const target = this.labelPos[label]!;
      if (target < 0) {
        throw new AssemblerError(`the fixup at ${hex(at)} refers to label ${label}, which was never bound`);
      }
      const value = target + this.fixAddend[i]! - this.fixBase[i]!;
      if (this.fixKind[i] === REL8) {
        if (value < -128 || value > 127) {
          throw new AssemblerError(
            `the rel8 fixup at ${hex(at)} cannot reach label ${label} at ${hex(target)} (distance ${value})`,
          );
        }
        b[at] = value;
      } else {
        if (value !== (value | 0)) {
          throw new AssemblerError(`the rel32 fixup at ${hex(at)} cannot reach label ${label} (distance ${value})`);
        }
        writeU32(b, at, value);
      }
    }
    return b.slice(0, this.length);
  }
}

function writeU32(b: Uint8Array, at: number, v: number): void {
  b[at] = v;
  b[at + 1] = v >>> 8;
  b[at + 2] = v >>> 16;
  b[at + 3] = v >>> 24;
}

function growI32(a: Int32Array): Int32Array {
  const next = new Int32Array(a.length * 2);
  next.set(a);
  return next;
}
