/**
 * The output buffer of the write phase: little-endian fields written front to back into
 * a buffer whose size the layout fixed in advance.
 *
 * Invariant: `pos` only grows and never passes `bytes.length`; bytes that are skipped
 * (alignment padding) stay zero. `expectAt` is how the writer proves that it wrote in the
 * order and at the offsets the layout reserved.
 */
export class ByteSink {
  readonly bytes: Uint8Array;
  pos = 0;
  private readonly view: DataView;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }

  /** Fails unless the next byte goes to `offset`. */
  expectAt(offset: number, what: string): void {
    if (this.pos !== offset) throw new Error(`obj-elf: ${what} would be written at ${this.pos}, reserved at ${offset}`);
  }

  /** Skips zero padding up to the next multiple of `align`. */
  align(align: number): void {
    const r = this.pos % align;
    if (r !== 0) this.skip(align - r);
  }

  u8(v: number): void {
    this.room(1);
    this.view.setUint8(this.pos, v);
    this.pos += 1;
  }

  u16(v: number): void {
    this.room(2);
    this.view.setUint16(this.pos, v, true);
    this.pos += 2;
  }

  u32(v: number): void {
    this.room(4);
    this.view.setUint32(this.pos, v, true);
    this.pos += 4;
  }

  /** A 64-bit field from a safe integer, negative ones in two's complement. */
  i64(v: number): void {
    if (!Number.isSafeInteger(v)) throw new Error(`obj-elf: ${v} is not a safe integer`);
    this.room(8);
    // ToUint32 takes the low word modulo 2^32; the floor division keeps the sign in the high word.
    this.view.setUint32(this.pos, v >>> 0, true);
    this.view.setInt32(this.pos + 4, Math.floor(v / 0x1_0000_0000), true);
    this.pos += 8;
  }

  /** An unsigned 64-bit field. */
  u64(v: number): void {
    if (v < 0) throw new Error(`obj-elf: ${v} is not an unsigned value`);
    this.i64(v);
  }

  write(data: Uint8Array): void {
    this.room(data.length);
    this.bytes.set(data, this.pos);
    this.pos += data.length;
  }

  skip(n: number): void {
    this.room(n);
    this.pos += n;
  }

  private room(n: number): void {
    if (this.pos + n > this.bytes.length) {
      throw new Error(`obj-elf: writing ${n} bytes at ${this.pos} passes the reserved end ${this.bytes.length}`);
    }
  }
}
