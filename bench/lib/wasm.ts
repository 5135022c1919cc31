/**
 * Just enough of the binary format for the benchmark: the size of the code section, and
 * a larger module made from a smaller one (`replicateFunctions`) for measuring the
 * compiler's worker threads, which it starts only above 4 MiB of function bodies.
 */

interface Section {
  id: number;
  /** Offset of the payload, and its size. */
  start: number;
  size: number;
  /** Offset of the section's id byte. */
  headerStart: number;
}

function readU32(bytes: Uint8Array, pos: number): [value: number, next: number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[pos++];
    if (byte === undefined) throw new Error('wasm: truncated LEB128');
    result += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7;
    if (shift > 28) throw new Error('wasm: LEB128 too long');
  }
}

function writeU32(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

function sections(bytes: Uint8Array): Section[] {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new Error('wasm: not a WebAssembly module');
  }
  const out: Section[] = [];
  let pos = 8;
  while (pos < bytes.length) {
    const headerStart = pos;
    const id = bytes[pos++]!;
    const [size, start] = readU32(bytes, pos);
    if (start + size > bytes.length) throw new Error('wasm: section past the end');
    out.push({ id, start, size, headerStart });
    pos = start + size;
  }
  return out;
}

const CODE_SECTION = 10;
const FUNCTION_SECTION = 3;

/** Payload size of the code section: the function bodies with their counts and sizes. */
export function codeSectionSize(bytes: Uint8Array): number {
  return sections(bytes).find((s) => s.id === CODE_SECTION)?.size ?? 0;
}

/**
 * A module with every defined function `times` times: the function and code sections
 * repeat their entries, everything else is kept. The copies are valid where the originals
 * are: they call and reference the original functions, whose indices do not move (the
 * copies come after them), and their types are the same. They are neither exported nor
 * called, but every compiler compiles every body, so the module is `times` as much work.
 */
export function replicateFunctions(bytes: Uint8Array, times: number): Uint8Array {
  const out: number[] = Array.from(bytes.subarray(0, 8));
  for (const s of sections(bytes)) {
    if (s.id !== FUNCTION_SECTION && s.id !== CODE_SECTION) {
      for (let i = s.headerStart; i < s.start + s.size; i++) out.push(bytes[i]!);
      continue;
    }
    const [count, first] = readU32(bytes, s.start);
    const entries = bytes.subarray(first, s.start + s.size);
    const payload = [...writeU32(count * times)];
    for (let t = 0; t < times; t++) for (const b of entries) payload.push(b);
    out.push(s.id, ...writeU32(payload.length));
    for (const b of payload) out.push(b);
  }
  return Uint8Array.from(out);
}
