/**
 * Deterministic mutators of WebAssembly binaries, for robustness tests.
 *
 * Everything is driven by a seeded PRNG, so a failure names (seed, mutator) and replays
 * exactly. Mutators are plain functions `(input, rng) => Mutant`; they never modify their
 * input, and each returns a description that says what it did and where.
 *
 * Structure-aware mutators (LEB128 counts and sizes, section sizes, section order) locate
 * their targets with `scanSections`/`lebSites` below, a best-effort reader written for the
 * tests only. It never throws: on anything it does not understand it stops and returns
 * what it found so far.
 */
import { EMPTY_BLOCK, I32, ModuleBuilder, Op, i32Const, ulebPadded, uleb } from './wasm-builder.js';

// ---------------------------------------------------------------------------
// PRNG.

export interface Rng {
  /** A uniformly distributed u32. */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  bool(): boolean;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: 32 bits of state, good enough to drive mutations, and tiny. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const int = (n: number): number => (n <= 0 ? 0 : Math.floor((next() / 2 ** 32) * n));
  return {
    next,
    int,
    bool: () => (next() & 1) === 1,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[int(items.length)]!;
    },
  };
}

// ---------------------------------------------------------------------------
// A best-effort structural scan.

export interface LebValue {
  value: number;
  /** Bytes the encoding occupies. */
  length: number;
}

/** Reads an unsigned LEB128 of at most 5 bytes at `pos`; undefined if there is none. */
export function readUleb(bytes: Uint8Array, pos: number, end = bytes.length): LebValue | undefined {
  let value = 0;
  for (let i = 0; i < 5; i++) {
    if (pos + i >= end) return undefined;
    const b = bytes[pos + i]!;
    value += (b & 0x7f) * 2 ** (7 * i);
    if ((b & 0x80) === 0) return { value, length: i + 1 };
  }
  return undefined;
}

export interface SectionSpan {
  id: number;
  /** Offset of the id byte. */
  start: number;
  sizeAt: number;
  sizeLength: number;
  payloadStart: number;
  /** Offset just past the payload, as far as the size field says (may exceed the input). */
  payloadEnd: number;
}

/** The sections of a module, until the first one whose header does not decode. */
export function scanSections(bytes: Uint8Array): SectionSpan[] {
  const out: SectionSpan[] = [];
  let pos = 8;
  while (pos < bytes.length) {
    const size = readUleb(bytes, pos + 1);
    if (size === undefined) break;
    const payloadStart = pos + 1 + size.length;
    const span = { id: bytes[pos]!, start: pos, sizeAt: pos + 1, sizeLength: size.length, payloadStart, payloadEnd: payloadStart + size.value };
    out.push(span);
    if (span.payloadEnd > bytes.length) break;
    pos = span.payloadEnd;
  }
  return out;
}

/** A LEB128 field that holds a count, a size or a length. */
export interface LebSite {
  at: number;
  length: number;
  what: string;
}

/** Skips a constant expression; returns the offset past its `end`, or undefined. */
function skipConstExpr(bytes: Uint8Array, pos: number, end: number): number | undefined {
  // Only the instructions WebAssembly 2.0 allows; the LEB128 widths need no decoding.
  const skipLeb = (p: number): number | undefined => {
    for (let i = p; i < end && i < p + 10; i++) if ((bytes[i]! & 0x80) === 0) return i + 1;
    return undefined;
  };
  if (pos >= end) return undefined;
  const op = bytes[pos]!;
  let p: number | undefined;
  if (op === Op.i32_const || op === Op.i64_const || op === Op.global_get || op === Op.ref_func) p = skipLeb(pos + 1);
  else if (op === Op.f32_const) p = pos + 5;
  else if (op === Op.f64_const) p = pos + 9;
  else if (op === Op.ref_null) p = pos + 2;
  else if (op === Op.prefix_simd) p = pos + 2 + 16; // v128.const: 0xfd 0x0c and 16 bytes
  else return undefined;
  return p !== undefined && p < end && bytes[p] === Op.end ? p + 1 : undefined;
}

/**
 * LEB128 fields that hold a count, size or length: section sizes, vector counts of every
 * section, function type arities, import/export name lengths, element item counts, data
 * lengths, code body sizes, local declaration counts, br_table target counts in simple
 * bodies, and the counts of a `name` section. Best effort: each section is scanned until
 * something unexpected appears.
 */
export function lebSites(bytes: Uint8Array): LebSite[] {
  const sites: LebSite[] = [];
  for (const s of scanSections(bytes)) {
    sites.push({ at: s.sizeAt, length: s.sizeLength, what: `size of section ${s.id} at ${s.start}` });
    const end = Math.min(s.payloadEnd, bytes.length);
    let pos = s.payloadStart;
    const leb = (what: string): number | undefined => {
      const v = readUleb(bytes, pos, end);
      if (v === undefined) return undefined;
      sites.push({ at: pos, length: v.length, what });
      pos += v.length;
      return v.value;
    };
    const skipName = (what: string): boolean => {
      const n = leb(`${what} length`);
      if (n === undefined || pos + n > end) return false;
      pos += n;
      return true;
    };
    if (s.id === 0) {
      if (!skipName('custom section name')) continue;
      const nameStart = s.payloadStart + (readUleb(bytes, s.payloadStart, end)?.length ?? 0);
      const sectionName = new TextDecoder().decode(bytes.subarray(nameStart, pos));
      if (sectionName === 'name') scanNameSection();
      continue;
    }
    if (s.id === 8 || s.id === 12) {
      leb(s.id === 8 ? 'start function index' : 'data count');
      continue;
    }
    const count = leb(`count of section ${s.id}`);
    if (count === undefined) continue;
    // At most one entry per payload byte: a scan never loops on a huge claimed count.
    for (let i = 0; i < count && pos < end; i++) {
      const before = pos;
      if (!scanEntry(s.id, i)) break;
      if (pos <= before) break;
    }

    // Scans one entry of section `id`; false when it cannot go on.
    function scanEntry(id: number, i: number): boolean {
      switch (id) {
        case 1: {
          if (bytes[pos] !== 0x60) return false;
          pos++;
          const np = leb(`param count of type ${i}`);
          if (np === undefined) return false;
          pos += np;
          const nr = leb(`result count of type ${i}`);
          if (nr === undefined) return false;
          pos += nr;
          return true;
        }
        case 2: {
          if (!skipName(`module name of import ${i}`) || !skipName(`field name of import ${i}`)) return false;
          const kind = bytes[pos++];
          if (kind === 0) return leb(`type of import ${i}`) !== undefined;
          if (kind === 1) pos++;
          if (kind === 1 || kind === 2) return skipLimits(`import ${i}`);
          if (kind === 3) {
            pos += 2;
            return true;
          }
          return false;
        }
        case 3:
          return leb(`type of function ${i}`) !== undefined;
        case 4:
          pos++;
          return skipLimits(`table ${i}`);
        case 5:
          return skipLimits(`memory ${i}`);
        case 6: {
          pos += 2;
          const p = skipConstExpr(bytes, pos, end);
          if (p === undefined) return false;
          pos = p;
          return true;
        }
        case 7:
          if (!skipName(`export ${i}`)) return false;
          pos++;
          return leb(`index of export ${i}`) !== undefined;
        case 9:
          return scanElem(i);
        case 10:
          return scanBody(i);
        case 11: {
          const flags = leb(`flags of data ${i}`);
          if (flags === 2 && leb(`memory of data ${i}`) === undefined) return false;
          if (flags === 0 || flags === 2) {
            const p = skipConstExpr(bytes, pos, end);
            if (p === undefined) return false;
            pos = p;
          } else if (flags !== 1) {
            return false;
          }
          const n = leb(`length of data ${i}`);
          if (n === undefined) return false;
          pos += n;
          return true;
        }
        default:
          return false;
      }
    }

    function skipLimits(what: string): boolean {
      const flag = bytes[pos++];
      if (flag !== 0 && flag !== 1) return false;
      if (leb(`min of ${what}`) === undefined) return false;
      return flag === 0 || leb(`max of ${what}`) !== undefined;
    }

    function scanElem(i: number): boolean {
      const flags = leb(`flags of elem ${i}`);
      if (flags === undefined || flags > 7) return false;
      if ((flags & 3) === 2 && leb(`table of elem ${i}`) === undefined) return false;
      if ((flags & 1) === 0) {
        const p = skipConstExpr(bytes, pos, end);
        if (p === undefined) return false;
        pos = p;
      }
      if (flags & 3) pos++; // elemkind or reference type
      const n = leb(`item count of elem ${i}`);
      if (n === undefined) return false;
      for (let k = 0; k < n && pos < end; k++) {
        if (flags & 4) {
          const p = skipConstExpr(bytes, pos, end);
          if (p === undefined) return false;
          pos = p;
        } else if (leb(`item ${k} of elem ${i}`) === undefined) {
          return false;
        }
      }
      return true;
    }

    function scanBody(i: number): boolean {
      const size = leb(`size of body ${i}`);
      if (size === undefined) return false;
      const bodyEnd = pos + size;
      const decls = leb(`local declaration count of body ${i}`);
      if (decls === undefined) return false;
      for (let k = 0; k < decls && pos < bodyEnd; k++) {
        if (leb(`local count ${k} of body ${i}`) === undefined) return false;
        pos++;
      }
      // br_table counts: found by pattern (0x0e then a LEB), which may also hit immediates
      // that happen to hold 0x0e; any LEB is a fine target for a count mutation.
      for (let p = pos; p < bodyEnd - 1 && p < end; p++) {
        if (bytes[p] === Op.br_table) {
          const v = readUleb(bytes, p + 1, bodyEnd);
          if (v !== undefined) sites.push({ at: p + 1, length: v.length, what: `br_table count? in body ${i}` });
        }
      }
      pos = bodyEnd;
      return true;
    }

    function scanNameSection(): void {
      while (pos < end) {
        const id = bytes[pos++]!;
        const size = leb(`size of name subsection ${id}`);
        if (size === undefined) return;
        const subEnd = pos + size;
        if (id === 1 || id === 2) {
          const n = leb(`count of name subsection ${id}`);
          if (n !== undefined && n > 0 && id === 1) {
            leb('first function index in names');
            leb('first function name length');
          } else if (n !== undefined && n > 0 && id === 2) {
            leb('first function index in local names');
            leb('count of first local name map');
          }
        }
        pos = subEnd;
      }
    }
  }
  return sites;
}

// ---------------------------------------------------------------------------
// Mutators.

export interface Mutant {
  bytes: Uint8Array;
  /** What was done and where, enough to replay by hand. */
  desc: string;
}

export type Mutator = (input: Uint8Array, rng: Rng) => Mutant;

/** `input` with `deleteCount` bytes at `at` replaced by `insert`; both clamped to the input. */
function splice(input: Uint8Array, at: number, deleteCount: number, insert: ArrayLike<number>): Uint8Array {
  at = Math.min(Math.max(0, at), input.length);
  deleteCount = Math.min(Math.max(0, deleteCount), input.length - at);
  const out = new Uint8Array(input.length - deleteCount + insert.length);
  out.set(input.subarray(0, at), 0);
  out.set(insert, at);
  out.set(input.subarray(at + deleteCount), at + insert.length);
  return out;
}

const randomBytes = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => rng.int(256));

export function truncateAt(input: Uint8Array, length: number): Mutant {
  return { bytes: input.slice(0, length), desc: `truncate to ${length} bytes` };
}

/** Every proper prefix of the input (lengths 0 .. length-1). */
export function* allTruncations(input: Uint8Array): Generator<Mutant> {
  for (let n = 0; n < input.length; n++) yield truncateAt(input, n);
}

export const truncateRandom: Mutator = (input, rng) => truncateAt(input, rng.int(input.length));

export const flipBit: Mutator = (input, rng) => {
  const out = input.slice();
  const at = rng.int(out.length);
  const bit = rng.int(8);
  out[at]! ^= 1 << bit;
  return { bytes: out, desc: `flip bit ${bit} at ${at}` };
};

export const flipBits: Mutator = (input, rng) => {
  const out = input.slice();
  const n = 2 + rng.int(7);
  const where: string[] = [];
  for (let i = 0; i < n; i++) {
    const at = rng.int(out.length);
    const bit = rng.int(8);
    out[at]! ^= 1 << bit;
    where.push(`${at}.${bit}`);
  }
  return { bytes: out, desc: `flip bits ${where.join(' ')}` };
};

export const overwriteBytes: Mutator = (input, rng) => {
  const out = input.slice();
  const n = 1 + rng.int(4);
  const where: string[] = [];
  for (let i = 0; i < n; i++) {
    const at = rng.int(out.length);
    // Favour values that mean something to a decoder.
    const v = rng.bool() ? rng.pick([0x00, 0x01, 0x0b, 0x40, 0x60, 0x7f, 0x80, 0xff, 0x02, 0x03, 0x04, 0x0e, 0xfc, 0xfd]) : rng.int(256);
    out[at] = v;
    where.push(`${at}=${v.toString(16)}`);
  }
  return { bytes: out, desc: `overwrite ${where.join(' ')}` };
};

export const insertBytes: Mutator = (input, rng) => {
  const at = rng.int(input.length + 1);
  const ins = randomBytes(rng, 1 + rng.int(8));
  return { bytes: splice(input, at, 0, ins), desc: `insert [${ins.map((b) => b.toString(16)).join(' ')}] at ${at}` };
};

export const deleteBytes: Mutator = (input, rng) => {
  const at = rng.int(input.length);
  const n = Math.min(1 + rng.int(8), input.length - at);
  return { bytes: splice(input, at, n, []), desc: `delete ${n} bytes at ${at}` };
};

/** Huge values a count or size may be replaced with, and malformed LEB128 encodings. */
export const HUGE_LEBS: readonly { bytes: readonly number[]; name: string }[] = [
  { bytes: uleb(0xffff_ffff), name: '0xffffffff' },
  { bytes: uleb(0x8000_0000), name: '2^31' },
  { bytes: uleb(0x7fff_ffff), name: '2^31-1' },
  { bytes: uleb(0x1000_0000), name: '2^28' },
  { bytes: uleb(0x0100_0000), name: '2^24' },
  { bytes: uleb(0x0010_0000), name: '2^20' },
  { bytes: ulebPadded(0xffff_ffff, 5), name: 'max 5-byte' },
  { bytes: [0xff, 0xff, 0xff, 0xff, 0x7f], name: '5-byte with unused bits set' },
  { bytes: [0x80, 0x80, 0x80, 0x80, 0x80, 0x00], name: '6-byte' },
  { bytes: [0x80, 0x80], name: 'unterminated 2-byte' },
];

/** Replaces a count, size or length field (see `lebSites`) with a huge or malformed value. */
export const hugeLeb: Mutator = (input, rng) => {
  const sites = lebSites(input);
  if (sites.length === 0) return overwriteBytes(input, rng);
  const site = rng.pick(sites);
  const huge = rng.pick(HUGE_LEBS);
  return { bytes: splice(input, site.at, site.length, huge.bytes), desc: `set ${site.what} (at ${site.at}) to ${huge.name}` };
};

/** Replaces whatever LEB128 starts at a random offset with a huge or malformed value. */
export const hugeLebAnywhere: Mutator = (input, rng) => {
  const at = input.length > 8 ? 8 + rng.int(input.length - 8) : rng.int(input.length + 1);
  const v = readUleb(input, at);
  const huge = rng.pick(HUGE_LEBS);
  return { bytes: splice(input, at, v?.length ?? 1, huge.bytes), desc: `replace LEB at ${at} with ${huge.name}` };
};

/** Makes a section's size field claim more bytes than there are (or a small excess). */
export const sectionSizePastEnd: Mutator = (input, rng) => {
  const sections = scanSections(input);
  if (sections.length === 0) return truncateRandom(input, rng);
  const s = rng.pick(sections);
  // With a 5-byte size field the remaining length after the field is known in advance.
  const rest = input.length - (s.sizeAt + 5);
  const size = rng.pick([rest + 1, rest + 1 + rng.int(16), 0xffff_ffff, 0x8000_0000, rest + 0x10000]);
  return {
    bytes: splice(input, s.sizeAt, s.sizeLength, ulebPadded(Math.max(0, Math.min(size, 0xffff_ffff)), 5)),
    desc: `size of section ${s.id} at ${s.start} set to ${size} (${rest} bytes follow)`,
  };
};

/** Changes a section's size by a small amount, so it ends inside its content or the next section. */
export const sectionSizeOffByFew: Mutator = (input, rng) => {
  const sections = scanSections(input);
  if (sections.length === 0) return truncateRandom(input, rng);
  const s = rng.pick(sections);
  const old = s.payloadEnd - s.payloadStart;
  const size = Math.min(0xffff_ffff, Math.max(0, old + rng.pick([-3, -2, -1, 1, 2, 3])));
  return { bytes: splice(input, s.sizeAt, s.sizeLength, uleb(size)), desc: `size of section ${s.id} at ${s.start}: ${old} -> ${size}` };
};

export const duplicateSection: Mutator = (input, rng) => {
  const sections = scanSections(input).filter((s) => s.payloadEnd <= input.length);
  if (sections.length === 0) return insertBytes(input, rng);
  const s = rng.pick(sections);
  const target = rng.pick(sections);
  const at = rng.bool() ? s.payloadEnd : target.start;
  return { bytes: splice(input, at, 0, input.subarray(s.start, s.payloadEnd)), desc: `copy section ${s.id} at ${s.start} to ${at}` };
};

export const swapSections: Mutator = (input, rng) => {
  const sections = scanSections(input).filter((s) => s.payloadEnd <= input.length);
  if (sections.length < 2) return duplicateSection(input, rng);
  const i = rng.int(sections.length - 1);
  const a = sections[i]!;
  const b = sections[i + 1]!;
  const out = input.slice();
  out.set(input.subarray(b.start, b.payloadEnd), a.start);
  out.set(input.subarray(a.start, a.payloadEnd), a.start + (b.payloadEnd - b.start));
  return { bytes: out, desc: `swap sections ${a.id} at ${a.start} and ${b.id} at ${b.start}` };
};

export const dropSection: Mutator = (input, rng) => {
  const sections = scanSections(input).filter((s) => s.payloadEnd <= input.length);
  if (sections.length === 0) return deleteBytes(input, rng);
  const s = rng.pick(sections);
  return { bytes: splice(input, s.start, s.payloadEnd - s.start, []), desc: `drop section ${s.id} at ${s.start}` };
};

// Body-level mutation: the result stays well framed (sizes fixed up), so that the
// function validator, not the section decoder, meets the change.

export interface BodySpan {
  /** The entry: size field, then the body. */
  entryStart: number;
  bodyStart: number;
  bodyEnd: number;
  /** First byte after the local declarations. */
  exprStart: number;
}

/** The function bodies of the code section that are framed within the input. */
export function codeBodies(bytes: Uint8Array): { section: SectionSpan; bodies: BodySpan[] } | undefined {
  const section = scanSections(bytes).find((s) => s.id === 10 && s.payloadEnd <= bytes.length);
  if (section === undefined) return undefined;
  const bodies: BodySpan[] = [];
  const count = readUleb(bytes, section.payloadStart, section.payloadEnd);
  if (count === undefined) return { section, bodies };
  let pos = section.payloadStart + count.length;
  for (let i = 0; i < count.value && pos < section.payloadEnd; i++) {
    const size = readUleb(bytes, pos, section.payloadEnd);
    if (size === undefined) break;
    const bodyStart = pos + size.length;
    const bodyEnd = bodyStart + size.value;
    if (bodyEnd > section.payloadEnd) break;
    // Skip the local declarations to find the expression.
    let p = bodyStart;
    const decls = readUleb(bytes, p, bodyEnd);
    if (decls === undefined) break;
    p += decls.length;
    for (let k = 0; k < decls.value && p < bodyEnd; k++) {
      const n = readUleb(bytes, p, bodyEnd);
      if (n === undefined) break;
      p += n.length + 1;
    }
    bodies.push({ entryStart: pos, bodyStart, bodyEnd, exprStart: Math.min(p, bodyEnd) });
    pos = bodyEnd;
  }
  return { section, bodies };
}

/** `bytes` with body `body` replaced by `newBody`; the body and section sizes are rewritten. */
export function replaceBody(bytes: Uint8Array, section: SectionSpan, body: BodySpan, newBody: ArrayLike<number>): Uint8Array {
  const entry = [...uleb(newBody.length), ...Array.from(newBody)];
  const payloadLength = section.payloadEnd - section.payloadStart - (body.bodyEnd - body.entryStart) + entry.length;
  const head = [section.id, ...uleb(payloadLength)];
  const out = new Uint8Array(bytes.length - (section.payloadEnd - section.start) + head.length + payloadLength);
  let p = 0;
  const put = (chunk: ArrayLike<number>): void => {
    out.set(chunk, p);
    p += chunk.length;
  };
  put(bytes.subarray(0, section.start));
  put(head);
  put(bytes.subarray(section.payloadStart, body.entryStart));
  put(entry);
  put(bytes.subarray(body.bodyEnd, section.payloadEnd));
  put(bytes.subarray(section.payloadEnd));
  return out;
}

/** Short instruction sequences, well encoded, that a body mutation inserts. */
const SNIPPETS: readonly (readonly number[])[] = [
  [Op.unreachable], [Op.nop], [Op.drop], [Op.select], [Op.return], [Op.end], [Op.else],
  [Op.block, EMPTY_BLOCK], [Op.loop, EMPTY_BLOCK], [Op.if, EMPTY_BLOCK], [Op.block, I32], [Op.if, I32], [Op.block, 0],
  [Op.br, 0], [Op.br, 1], [Op.br_if, 0], [Op.br_table, 1, 0, 0], [Op.br_table, 0, 2],
  [Op.i32_const, 0], [Op.i64_const, 0x7f], [Op.f32_const, 0, 0, 0x80, 0x3f], [Op.f64_const, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f],
  [Op.local_get, 0], [Op.local_get, 1], [Op.local_set, 0], [Op.local_tee, 1], [Op.global_get, 0], [Op.global_set, 0],
  [Op.i32_add], [Op.i64_add], [Op.f32_add], [Op.f64_mul], [Op.i32_eqz], [Op.i64_eqz], [Op.i32_wrap_i64],
  [Op.i64_extend_i32_s], [Op.f64_convert_i32_s], [Op.i32_extend8_s], [Op.i32_div_s],
  [Op.i32_load, 2, 0], [Op.i32_load, 3, 0], [Op.i64_store, 3, 8], [Op.i32_store8, 1, 0], [Op.memory_size, 0], [Op.memory_grow, 0],
  [Op.call, 0], [Op.call, 1], [Op.call_indirect, 0, 0], [Op.select_t, 1, I32],
  [Op.ref_null, 0x70], [Op.ref_null, 0x6f], [Op.ref_is_null], [Op.ref_func, 0], [Op.table_get, 0], [Op.table_set, 0],
  [Op.prefix_fc, 8, 0, 0], [Op.prefix_fc, 9, 0], [Op.prefix_fc, 11, 0], [Op.prefix_fc, 15, 0], [Op.prefix_fc, 16, 0],
  [Op.prefix_simd, 12, ...Array<number>(16).fill(0)], [Op.prefix_simd, 0xae, 0x01], [Op.prefix_simd, 0, 4, 0],
  [Op.prefix_simd, 27, 3], [Op.prefix_simd, 27, 4],
];

/** Inserts, deletes or replaces instructions inside one function body. */
export const mutateBody: Mutator = (input, rng) => {
  const code = codeBodies(input);
  if (code === undefined || code.bodies.length === 0) return overwriteBytes(input, rng);
  const bi = rng.int(code.bodies.length);
  const body = code.bodies[bi]!;
  const old = input.subarray(body.bodyStart, body.bodyEnd);
  const exprOffset = body.exprStart - body.bodyStart;
  // Positions inside the expression, before its final `end` most of the time.
  const at = exprOffset + rng.int(Math.max(1, old.length - exprOffset));
  const snippet = rng.pick(SNIPPETS);
  let newBody: Uint8Array;
  let what: string;
  switch (rng.int(3)) {
    case 0:
      newBody = splice(old, at, 0, snippet);
      what = `insert [${hexList(snippet)}]`;
      break;
    case 1: {
      const n = 1 + rng.int(3);
      newBody = splice(old, at, n, []);
      what = `delete ${n} bytes`;
      break;
    }
    default:
      newBody = splice(old, at, snippet.length, snippet);
      what = `overwrite with [${hexList(snippet)}]`;
  }
  return { bytes: replaceBody(input, code.section, body, newBody), desc: `body ${bi}: ${what} at body offset ${at}` };
};

const hexList = (b: readonly number[]): string => b.map((x) => x.toString(16)).join(' ');

/** The mutators `mutate` chooses from, by name. */
export const MUTATORS: Readonly<Record<string, Mutator>> = {
  truncateRandom,
  flipBit,
  flipBits,
  overwriteBytes,
  insertBytes,
  deleteBytes,
  hugeLeb,
  hugeLebAnywhere,
  sectionSizePastEnd,
  sectionSizeOffByFew,
  duplicateSection,
  swapSections,
  dropSection,
  mutateBody,
};

const MUTATOR_NAMES = Object.keys(MUTATORS);

/**
 * One mutant of `input` for `seed`: one mutator most of the time, sometimes two or three
 * applied in a row.
 */
export function mutate(input: Uint8Array, seed: number): Mutant {
  const rng = mulberry32(seed);
  const rounds = rng.int(4) === 0 ? 2 + rng.int(2) : 1;
  let bytes = input;
  const descs: string[] = [];
  for (let i = 0; i < rounds; i++) {
    // Body mutations get a third of the draws: they reach the function validator.
    const name = rng.int(3) === 0 ? 'mutateBody' : rng.pick(MUTATOR_NAMES);
    const m = bytes.length === 0 ? { bytes, desc: 'empty' } : MUTATORS[name]!(bytes, rng);
    bytes = m.bytes;
    descs.push(`${name}: ${m.desc}`);
  }
  return { bytes, desc: descs.join('; ') };
}

// ---------------------------------------------------------------------------
// Deep nesting.

export type Nesting = 'balanced' | 'missing-ends' | 'extra-ends';

/**
 * A module with one function `() -> ()` whose body nests `depth` blocks of kind `op`
 * (`block`, `loop` or `if`, each `if` with an `i32.const 0` condition). `balanced` closes
 * every block; `missing-ends` leaves half of them open; `extra-ends` closes more blocks
 * than were opened. With `withValues`, an i32 is pushed before each block opens and every
 * block yields an i32 that is added to it after the block, so the value stack grows with
 * the depth too.
 */
export function nestedBlocksModule(depth: number, op: 'block' | 'loop' | 'if', nesting: Nesting, withValues = false): Uint8Array {
  const open = [
    ...(withValues ? i32Const(7) : []),
    ...(op === 'if' ? [...i32Const(0), Op.if] : [op === 'block' ? Op.block : Op.loop]),
    withValues ? I32 : EMPTY_BLOCK,
  ];
  const innermost = withValues ? i32Const(1) : [];
  // if (result i32) needs an else arm that also yields an i32.
  const close = [...(withValues && op === 'if' ? [Op.else, ...i32Const(2)] : []), Op.end, ...(withValues ? [Op.i32_add] : [])];
  const tail = withValues ? [Op.drop] : [];
  const ends = nesting === 'balanced' ? depth : nesting === 'missing-ends' ? depth >> 1 : depth + 3;
  const code = new Uint8Array(depth * open.length + innermost.length + ends * close.length + tail.length);
  let p = 0;
  for (let i = 0; i < depth; i++, p += open.length) code.set(open, p);
  code.set(innermost, p);
  p += innermost.length;
  for (let i = 0; i < ends; i++, p += close.length) code.set(close, p);
  code.set(tail, p);
  const b = new ModuleBuilder();
  b.addFunction(b.addType([], []), []);
  return spliceBody(b.toBytes(), code);
}

/**
 * Replaces the body of the only function of `module` (built with an empty body) by
 * `code` followed by `end`, fixing up the body and section sizes.
 */
function spliceBody(module: Uint8Array, code: Uint8Array): Uint8Array {
  const sections = scanSections(module);
  const codeSec = sections.find((s) => s.id === 10)!;
  const body = new Uint8Array(1 + code.length + 1);
  body[0] = 0; // no local declarations
  body.set(code, 1);
  body[body.length - 1] = Op.end;
  const entry = [...uleb(1), ...uleb(body.length)];
  const payloadLen = entry.length + body.length;
  const header = [10, ...uleb(payloadLen), ...entry];
  const out = new Uint8Array(codeSec.start + header.length + body.length + (module.length - codeSec.payloadEnd));
  out.set(module.subarray(0, codeSec.start), 0);
  out.set(header, codeSec.start);
  out.set(body, codeSec.start + header.length);
  out.set(module.subarray(codeSec.payloadEnd), codeSec.start + header.length + body.length);
  return out;
}
