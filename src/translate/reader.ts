/**
 * A cursor over the input bytes, with the primitive decoders of the binary format.
 *
 * Invariant between calls: `start <= pos <= end <= bytes.length`; nothing is ever read at
 * or past `end`, which is the end of the enclosing section or function body, so a claimed
 * size can never make the decoder read outside what encloses it.
 *
 * LEB128 reads have a one-byte fast path inline and a slow path out of line. Every error
 * is a `malformed` WasmError at the offset where the bad encoding starts; `what` names the
 * thing being read and becomes part of the message.
 *
 * 64-bit integers are returned as two int32 halves in `lo`/`hi` (no bigint on the hot
 * path); `bigint64()` converts at the edges.
 */
import { WasmError, malformed } from './errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const ASCII_SCRATCH = new Uint16Array(64);

export class ByteReader {
  bytes: Uint8Array;
  pos: number;
  end: number;
  /** Halves of the last 64-bit value read by s64() or f64Bits(). */
  lo = 0;
  hi = 0;

  constructor(bytes: Uint8Array, pos = 0, end = bytes.length) {
    this.bytes = bytes;
    this.pos = pos;
    this.end = end;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  eof(what?: string): WasmError {
    return malformed(this.pos, what === undefined ? 'unexpected end' : `unexpected end while reading ${what}`);
  }

  u8(what?: string): number {
    if (this.pos >= this.end) throw this.eof(what);
    return this.bytes[this.pos++]!;
  }

  u32(what?: string): number {
    const p = this.pos;
    if (p < this.end) {
      const b = this.bytes[p]!;
      if (b < 0x80) {
        this.pos = p + 1;
        return b;
      }
    }
    return this.leb32Slow(false, what);
  }

  /** Multi-byte LEB128 of 32 bits, signed or not: at most five bytes, no stray bits. */
  private leb32Slow(signed: boolean, what?: string): number {
    const start = this.pos;
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      if (this.pos >= this.end) throw this.eof(what);
      const b = this.bytes[this.pos++]!;
      if (shift === 28) {
        if (b & 0x80) throw malformed(start, 'integer representation too long');
        // Bits 32..34 of the fifth byte must be zero, or for a signed value repeat bit 31.
        const top = b & (signed ? 0x78 : 0x70);
        if (top !== 0 && !(signed && top === 0x78)) throw malformed(start, 'integer too large');
        result |= b << 28;
        return signed ? result : result >>> 0;
      }
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) {
        if (!signed) return result >>> 0;
        // Sign-extend from the last byte's bit 6.
        const unused = 25 - shift;
        return unused > 0 ? (result << unused) >> unused : result;
      }
    }
  }

  s32(what?: string): number {
    const p = this.pos;
    if (p < this.end) {
      const b = this.bytes[p]!;
      if (b < 0x80) {
        this.pos = p + 1;
        return (b << 25) >> 25;
      }
    }
    return this.leb32Slow(true, what);
  }

  /**
   * The signed 33-bit integer of a block type. Returns it as a JS number (exact): negative
   * values are the one-byte type codes, non-negative ones a type index.
   */
  s33(what?: string): number {
    const p = this.pos;
    if (p < this.end) {
      const b = this.bytes[p]!;
      if (b < 0x80) {
        this.pos = p + 1;
        return b & 0x40 ? b - 0x80 : b;
      }
    }
    const start = this.pos;
    let result = 0;
    let mul = 1;
    for (let shift = 0; ; shift += 7) {
      if (this.pos >= this.end) throw this.eof(what);
      const b = this.bytes[this.pos++]!;
      if (shift === 28) {
        if (b & 0x80) throw malformed(start, 'integer representation too long');
        // Bits 33 and 34 must repeat the sign bit 32 (bit 4 of this byte).
        const top = b & 0x70;
        if (top !== 0 && top !== 0x70) throw malformed(start, 'integer too large');
        result += (b & 0x1f) * mul;
        return b & 0x10 ? result - 2 ** 33 : result;
      }
      result += (b & 0x7f) * mul;
      mul *= 128;
      if ((b & 0x80) === 0) return b & 0x40 ? result - mul : result;
    }
  }

  /** Reads a signed 64-bit LEB128 into `lo`/`hi`. */
  s64(what?: string): void {
    const p = this.pos;
    if (p < this.end) {
      const b = this.bytes[p]!;
      if (b < 0x80) {
        this.pos = p + 1;
        this.lo = (b << 25) >> 25;
        this.hi = this.lo >> 31;
        return;
      }
    }
    this.s64Slow(what);
  }

  private s64Slow(what?: string): void {
    const start = this.pos;
    let lo = 0;
    let hi = 0;
    for (let shift = 0; ; shift += 7) {
      if (this.pos >= this.end) throw this.eof(what);
      const b = this.bytes[this.pos++]!;
      if (shift === 63) {
        if (b & 0x80) throw malformed(start, 'integer representation too long');
        // Only bit 0 carries data (bit 63); bits 64..69 must repeat it.
        const top = b & 0x7f;
        if (top !== 0 && top !== 0x7f) throw malformed(start, 'integer too large');
        hi |= b << 31;
        this.lo = lo;
        this.hi = hi;
        return;
      }
      const bits = b & 0x7f;
      if (shift < 32) {
        lo |= bits << shift;
        if (shift > 25) hi |= bits >>> (32 - shift);
      } else {
        hi |= bits << (shift - 32);
      }
      if ((b & 0x80) === 0) {
        if (b & 0x40) {
          // Sign-extend from bit shift+6.
          const n = shift + 7;
          if (n < 32) {
            lo |= -1 << n;
            hi = -1;
          } else if (n < 64) {
            hi |= -1 << (n - 32);
          }
        }
        this.lo = lo | 0;
        this.hi = hi | 0;
        return;
      }
    }
  }

  /** The raw bits of an f32 as an unsigned 32-bit number. */
  f32Bits(what?: string): number {
    return this.fixedU32(what);
  }

  /** A little-endian unsigned 32-bit number in four bytes. */
  fixedU32(what?: string): number {
    const p = this.pos;
    if (this.end - p < 4) throw this.eof(what);
    const b = this.bytes;
    this.pos = p + 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  }

  /** Reads the raw bits of an f64 into `lo`/`hi`. */
  f64Bits(what?: string): void {
    this.lo = this.f32Bits(what) | 0;
    this.hi = this.f32Bits(what) | 0;
  }

  bigint64(): bigint {
    return (BigInt(this.hi) << 32n) | BigInt(this.lo >>> 0);
  }

  skip(n: number, what?: string): void {
    if (n > this.end - this.pos) throw this.eof(what);
    this.pos += n;
  }

  /**
   * Reads a vector length. Every element takes at least `minElementSize` bytes, so a count
   * that cannot fit in what is left is rejected here, before anyone allocates for it.
   */
  count(what: string, minElementSize = 1): number {
    const at = this.pos;
    const n = this.u32(what);
    if (n * minElementSize > this.end - this.pos) {
      throw malformed(at, `${what} count ${n} is larger than the remaining ${this.end - this.pos} bytes`);
    }
    return n;
  }

  /** A UTF-8 name: length-prefixed, validated. */
  name(what = 'name'): string {
    const at = this.pos;
    const n = this.u32(what);
    if (n > this.end - this.pos) throw malformed(at, `length out of bounds: ${what} of ${n} bytes`);
    const start = this.pos;
    this.pos += n;
    // Short ASCII names are by far the common case. Collect the codes, then make one flat
    // string (appending char by char would leave a chain of intermediate strings).
    if (n <= ASCII_SCRATCH.length) {
      let i = 0;
      for (; i < n; i++) {
        const c = this.bytes[start + i]!;
        if (c >= 0x80) break;
        ASCII_SCRATCH[i] = c;
      }
      if (i === n) return String.fromCharCode.apply(null, ASCII_SCRATCH.subarray(0, n) as unknown as number[]);
    }
    try {
      return utf8.decode(this.bytes.subarray(start, start + n));
    } catch {
      throw malformed(start, `malformed UTF-8 encoding in ${what}`);
    }
  }
}
