/**
 * The bytes of `.eh_frame` as they are written: little-endian fixed-width fields, LEB128
 * for the operands of call frame instructions, and 32-bit fields patched once a record's
 * length is known. The storage grows by doubling; `length` is the end of what was written.
 */
export class ByteWriter {
  private bytes = new Uint8Array(256);
  length = 0;

  u8(v: number): void {
    if (this.length === this.bytes.length) this.grow();
    this.bytes[this.length++] = v;
  }

  u16(v: number): void {
    this.u8(v & 0xff);
    this.u8((v >>> 8) & 0xff);
  }

  /** Little-endian 32 bits; `v` may be given signed or unsigned. */
  u32(v: number): void {
    for (let i = 0; i < 4; i++) this.u8((v >>> (8 * i)) & 0xff);
  }

  patchU32(at: number, v: number): void {
    if (!(at >= 0 && at + 4 <= this.length)) throw new Error(`unwind: patch at ${at} lies outside the ${this.length} bytes written`);
    for (let i = 0; i < 4; i++) this.bytes[at + i] = (v >>> (8 * i)) & 0xff;
  }

  /** Unsigned LEB128: 7 bits a byte, low group first, bit 7 set on all but the last. */
  uleb128(v: number): void {
    if (!Number.isSafeInteger(v) || v < 0) throw new Error(`unwind: ULEB128 of ${v}`);
    for (;;) {
      const low = v % 128;
      v = (v - low) / 128;
      if (v === 0) {
        this.u8(low);
        return;
      }
      this.u8(low | 0x80);
    }
  }

  /**
   * Signed LEB128: as unsigned, but it stops once the rest is all sign (0 or -1) and the
   * sign bit of the last group (bit 6) agrees with it.
   */
  sleb128(v: number): void {
    if (!Number.isSafeInteger(v)) throw new Error(`unwind: SLEB128 of ${v}`);
    for (;;) {
      const low = ((v % 128) + 128) % 128;
      v = (v - low) / 128;
      const signBit = (low & 0x40) !== 0;
      if ((v === 0 && !signBit) || (v === -1 && signBit)) {
        this.u8(low);
        return;
      }
      this.u8(low | 0x80);
    }
  }

  /** A copy of the bytes written. */
  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }

  private grow(): void {
    const next = new Uint8Array(this.bytes.length * 2);
    next.set(this.bytes);
    this.bytes = next;
  }
}
