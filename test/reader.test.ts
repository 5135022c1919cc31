/**
 * The primitive decoders: LEB128 in all its widths, fixed-width numbers and names.
 * Expected values are worked out from the encoding rules by hand, or produced by an
 * independent BigInt encoder in this file, never by the reader itself.
 */
import { describe, expect, test } from 'vitest';
import { ByteReader } from '../src/translate/reader.js';
import { WasmError } from '../src/translate/errors.js';

const reader = (bytes: number[]) => new ByteReader(Uint8Array.from(bytes));

function rejects(f: () => unknown): WasmError {
  try {
    f();
  } catch (e) {
    if (e instanceof WasmError) return e;
    throw e;
  }
  throw new Error('expected a WasmError');
}

/** Minimal signed LEB128 encoding of a bigint: the reference for round trips. */
function slebBig(v: bigint): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    const done = (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

describe('u32', () => {
  test.each([
    [[0x00], 0],
    [[0x7f], 127],
    [[0x80, 0x01], 128],
    [[0xe5, 0x8e, 0x26], 624485],
    [[0x80, 0x80, 0x80, 0x80, 0x00], 0],
    [[0xff, 0xff, 0xff, 0xff, 0x0f], 0xffffffff],
    [[0x80, 0x00], 0],
  ])('%j decodes to %d', (bytes, value) => {
    const r = reader(bytes);
    expect(r.u32()).toBe(value);
    expect(r.pos).toBe(bytes.length);
  });

  test('unused bits of the fifth byte must be zero', () => {
    const e = rejects(() => reader([0xff, 0xff, 0xff, 0xff, 0x1f]).u32());
    expect(e.kind).toBe('malformed');
    expect(e.reason).toBe('integer too large');
    expect(e.offset).toBe(0);
  });

  test('at most five bytes', () => {
    const e = rejects(() => reader([0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).u32());
    expect(e.reason).toBe('integer representation too long');
  });

  test('truncated encoding is an unexpected end, labelled with what was read', () => {
    const e = rejects(() => reader([0x80, 0x80]).u32('type index'));
    expect(e.kind).toBe('malformed');
    expect(e.reason).toBe('unexpected end while reading type index');
    expect(e.offset).toBe(2);
  });

  test('never reads past the end of the enclosing range', () => {
    const r = new ByteReader(Uint8Array.from([0x80, 0x01]), 0, 1);
    expect(rejects(() => r.u32()).reason).toBe('unexpected end');
  });
});

describe('s32', () => {
  test.each([
    [[0x00], 0],
    [[0x7f], -1],
    [[0x3f], 63],
    [[0x40], -64],
    [[0x80, 0x7f], -128],
    [[0xff, 0xff, 0xff, 0xff, 0x07], 0x7fffffff],
    [[0x80, 0x80, 0x80, 0x80, 0x78], -0x80000000],
    [[0xff, 0x7f], -1],
  ])('%j decodes to %d', (bytes, value) => {
    expect(reader(bytes).s32()).toBe(value);
  });

  test('the fifth byte must sign-extend bit 31', () => {
    expect(rejects(() => reader([0xff, 0xff, 0xff, 0xff, 0x0f]).s32()).reason).toBe('integer too large');
    expect(rejects(() => reader([0x80, 0x80, 0x80, 0x80, 0x70]).s32()).reason).toBe('integer too large');
  });

  test('round trips every power-of-two boundary', () => {
    for (let bit = 0; bit < 32; bit++) {
      for (const v of [2 ** bit - 1, -(2 ** bit), 2 ** bit]) {
        const i = v | 0;
        expect(reader(slebBig(BigInt(i))).s32()).toBe(i);
      }
    }
  });
});

describe('s33 (block types)', () => {
  test('one-byte codes are negative, the empty block is -64', () => {
    expect(reader([0x40]).s33()).toBe(-64);
    expect(reader([0x7f]).s33()).toBe(-1);
    expect(reader([0x6f]).s33()).toBe(-17);
  });

  test('type indices are non-negative and may take five bytes', () => {
    expect(reader([0x05]).s33()).toBe(5);
    expect(reader([0x80, 0x01]).s33()).toBe(128);
    expect(reader([0xff, 0xff, 0xff, 0xff, 0x0f]).s33()).toBe(0xffffffff);
    expect(reader([0x80, 0x80, 0x80, 0x80, 0x70]).s33()).toBe(-(2 ** 32));
  });

  test('bits 33 and 34 must repeat the sign bit', () => {
    expect(rejects(() => reader([0x80, 0x80, 0x80, 0x80, 0x20]).s33()).reason).toBe('integer too large');
  });
});

describe('s64', () => {
  const cases = [0n, 1n, -1n, 63n, -64n, 64n, 2n ** 31n, -(2n ** 31n), 2n ** 32n - 1n, 2n ** 32n, 2n ** 63n - 1n, -(2n ** 63n), 0x123456789abcdefn, -0x123456789abcdefn];
  test.each(cases.map((v) => [v.toString(), v]))('round trips %s', (_, v) => {
    const r = reader(slebBig(v as bigint));
    r.s64();
    expect(r.bigint64()).toBe(v);
  });

  test('round trips every bit position, both signs', () => {
    for (let bit = 0n; bit < 63n; bit++) {
      for (const v of [2n ** bit, 2n ** bit - 1n, -(2n ** bit), -(2n ** bit) - 1n]) {
        if (v < -(2n ** 63n)) continue;
        const r = reader(slebBig(v));
        r.s64();
        expect(r.bigint64()).toBe(v);
      }
    }
  });

  test('the tenth byte carries only bit 63', () => {
    const max = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00];
    const r = reader(max);
    r.s64();
    expect(r.bigint64()).toBe(2n ** 63n - 1n);
    expect(rejects(() => reader([...max.slice(0, 9), 0x01]).s64()).reason).toBe('integer too large');
    expect(rejects(() => reader([...max.slice(0, 9), 0x80, 0x00]).s64()).reason).toBe('integer representation too long');
  });
});

describe('fixed width and names', () => {
  test('f32 bits and f64 halves are little-endian', () => {
    expect(reader([0x00, 0x00, 0xc0, 0x7f]).f32Bits()).toBe(0x7fc00000);
    const r = reader([0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf8, 0x7f]);
    r.f64Bits();
    expect(r.bigint64()).toBe(0x7ff8000000000001n);
  });

  test('names decode UTF-8 and keep a byte order mark', () => {
    expect(reader([3, 0x61, 0x62, 0x63]).name()).toBe('abc');
    expect(reader([4, 0xf0, 0x9f, 0x98, 0x80]).name()).toBe('\u{1F600}');
    expect(reader([3, 0xef, 0xbb, 0xbf]).name()).toBe('\uFEFF');
  });

  test.each([
    ['overlong encoding', [2, 0xc0, 0x80]],
    ['surrogate half', [3, 0xed, 0xa0, 0x80]],
    ['beyond U+10FFFF', [4, 0xf4, 0x90, 0x80, 0x80]],
    ['lone continuation byte', [1, 0x80]],
    ['truncated sequence', [2, 0xe2, 0x82]],
  ])('rejects %s as malformed UTF-8', (_, bytes) => {
    const e = rejects(() => reader(bytes).name());
    expect(e.kind).toBe('malformed');
    expect(e.reason).toMatch(/^malformed UTF-8 encoding/);
  });

  test('a name longer than what is left is rejected before reading it', () => {
    const e = rejects(() => reader([0xff, 0xff, 0xff, 0xff, 0x0f, 0x61]).name());
    expect(e.reason).toMatch(/^length out of bounds/);
  });

  test('a vector count that cannot fit in the remaining bytes is rejected at the count', () => {
    const r = reader([0x00, 0x85, 0x80, 0x80, 0x80, 0x01, 0x00]);
    r.u8();
    const e = rejects(() => r.count('function', 1));
    expect(e.offset).toBe(1);
    expect(e.reason).toBe('function count 268435461 is larger than the remaining 1 bytes');
  });
});
