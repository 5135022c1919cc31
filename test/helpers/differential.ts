/**
 * Differential validation against V8 (`WebAssembly.validate` of the running Node).
 *
 * V8 implements WebAssembly 2.0 plus features that Node 20 ships on by default but 2.0
 * lacks (legacy exception handling, tail calls, threads: shared memories and
 * atomics), and it has implementation limits that the spec does not (locals per function, table size, br_table size, ...). A disagreement
 * explained by one of those is excluded, narrowly:
 *  - V8 accepts, we reject: excluded only if wabt rejects the bytes with its 2.0 feature
 *    set and accepts them once exceptions, tail calls and threads are enabled (wabt
 *    ignoring errors in custom sections both times, as the spec and V8 do);
 *  - V8 rejects, we accept: excluded only if V8's message names an implementation limit.
 *  - V8 accepts, we reject: excluded if our rejection is a `ref.null` heap type or an
 *    empty block type written as a padded LEB128, which V8 decodes as an s33 and 2.0 does
 *    not (see `paddedTypeByte`).
 * Everything else is reported, with a reproducer shrunk by delta debugging.
 */
import { codeBodies, replaceBody, scanSections } from './mutate.js';
import { requireTool, wabtValidates } from './wabt.js';

export interface Verdict {
  ok: boolean;
  /** Our error, `kind@offset: reason`, when rejected. */
  detail: string;
  threw: boolean;
}

export type Validator = (bytes: Uint8Array) => Verdict;

export function v8Validates(bytes: Uint8Array): boolean {
  return WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>);
}

/** V8's reason for rejecting, or '' when it accepts. */
export function v8Message(bytes: Uint8Array): string {
  try {
    new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
    return '';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * V8 messages that name one of its implementation limits rather than a spec rule. V8 words
 * some spec rules as limits too (at most 65536 memory pages, one memory): those are left
 * out on purpose.
 */
export const V8_LIMIT_MESSAGES: readonly RegExp[] = [
  /initial table size .* is larger than implementation limit/,
  /^(?!.*memory count).* count of \d+ exceeds internal limit of \d+/,
  /local count too large/,
  /invalid table count \(> max br_table size\)/,
  /size \d+ > maximum function size/,
];

const POST_2_0_FEATURES = ['--enable-exceptions', '--enable-tail-call', '--enable-threads'];

export interface Disagreement {
  origin: string;
  desc: string;
  bytes: Uint8Array;
  /** 'v8-accepts' when V8 accepts and we reject, 'v8-rejects' for the opposite. */
  direction: 'v8-accepts' | 'v8-rejects';
  ours: string;
  v8: string;
  /** Excluded as explained, with the reason; undefined when it counts. */
  excluded: string | undefined;
}

/**
 * True when our rejection at `offset` (or one byte on) is a padded LEB128 right after one
 * of `opcodes` whose signed value is one of `values`. V8 reads two single-byte type fields
 * of 2.0 as s33 LEB128s, so it accepts their padded forms:
 *  - the heap type of `ref.null` (the encoding of the later function-references
 *    proposal, even with that proposal off), e.g. `ref.null 0xf0 0x7f`;
 *  - the empty block type, e.g. `block 0xc0 0x7f` (it rejects padded value types).
 * WebAssembly 2.0 has a single byte in both places.
 */
function paddedTypeByte(bytes: Uint8Array, offset: number, opcodes: readonly number[], values: readonly number[]): boolean {
  for (const at of [offset, offset + 1]) {
    if (at < 1 || !opcodes.includes(bytes[at - 1]!) || (bytes[at]! & 0x80) === 0) continue;
    let value = 0;
    let shift = 0;
    let p = at;
    for (; p < bytes.length && p < at + 5; p++, shift += 7) {
      value += (bytes[p]! & 0x7f) * 2 ** shift;
      if ((bytes[p]! & 0x80) === 0) break;
    }
    if (p >= bytes.length || (bytes[p]! & 0x80) !== 0) continue;
    const signed = bytes[p]! & 0x40 ? value - 2 ** (shift + 7) : value;
    if (values.includes(signed)) return true;
  }
  return false;
}

const REF_NULL = [0xd0];
const BLOCK_LOOP_IF = [0x02, 0x03, 0x04];

/**
 * Classifies a disagreement (see the file comment); `oursOffset` is where we rejected,
 * when we did.
 */
export function explain(bytes: Uint8Array, direction: Disagreement['direction'], v8: string, oursOffset?: number): string | undefined {
  if (direction === 'v8-accepts' && oursOffset !== undefined) {
    if (paddedTypeByte(bytes, oursOffset, REF_NULL, [-0x10, -0x11])) return 'V8 reads the ref.null heap type as a padded s33 (2.0: one byte)';
    if (paddedTypeByte(bytes, oursOffset, BLOCK_LOOP_IF, [-0x40])) return 'V8 reads the empty block type as a padded s33 (2.0: the byte 0x40)';
  }
  if (direction === 'v8-rejects') {
    const limit = V8_LIMIT_MESSAGES.find((re) => re.test(v8));
    return limit ? `V8 implementation limit (${limit.source})` : undefined;
  }
  requireTool('wasm-validate');
  // Errors inside custom sections do not affect validity (V8 ignores them too).
  const lenient = ['--ignore-custom-section-errors'];
  if (!wabtValidates(bytes, lenient) && wabtValidates(bytes, [...lenient, ...POST_2_0_FEATURES])) return 'post-2.0 feature V8 ships (exceptions, tail calls or threads)';
  return undefined;
}

/** A key that groups disagreements of the same cause: direction and messages without numbers. */
export function disagreementKey(d: Pick<Disagreement, 'direction' | 'ours' | 'v8'>): string {
  const strip = (s: string): string => s.replace(/@\+\d+/g, '').replace(/0x[0-9a-f]+|\d+/gi, 'N');
  return d.direction === 'v8-accepts' ? `V8 accepts, ours rejects: ${strip(d.ours)}` : `V8 rejects, ours accepts: ${strip(d.v8)}`;
}

/**
 * Shrinks `bytes` while `ours` and V8 still disagree in the same way (same key). Tries, in
 * order: dropping whole sections, deleting chunks of each function body (sizes fixed up),
 * deleting chunks of raw bytes (ddmin-like, halving sizes), zeroing single bytes. Bounded
 * by `maxSteps` evaluations.
 */
export function minimize(bytes: Uint8Array, ours: Validator, maxSteps = 4000): Uint8Array {
  const keyOf = (b: Uint8Array): string | undefined => {
    const o = ours(b);
    if (o.threw) return undefined;
    const v = v8Validates(b);
    if (o.ok === v) return undefined;
    const direction = v ? 'v8-accepts' : 'v8-rejects';
    return disagreementKey({ direction, ours: o.detail, v8: v ? '' : v8Message(b) });
  };
  const target = keyOf(bytes);
  if (target === undefined) return bytes;
  let best = bytes;
  let steps = 0;
  const attempt = (cand: Uint8Array): boolean => {
    steps++;
    if (keyOf(cand) !== target) return false;
    best = cand;
    return true;
  };

  // Whole sections, until none can go. The function and code sections only go together.
  const without = (b: Uint8Array, drop: (id: number) => boolean): Uint8Array => {
    const all = scanSections(b);
    const kept = all.filter((s) => !drop(s.id) || s.payloadEnd > b.length);
    // Bytes after the last section that scans (if any) are kept as they are.
    const end = all.length > 0 ? all[all.length - 1]!.payloadEnd : 8;
    const parts = [b.subarray(0, 8), ...kept.map((s) => b.subarray(s.start, Math.min(s.payloadEnd, b.length))), b.subarray(Math.min(end, b.length))];
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let p = 0;
    for (const part of parts) {
      out.set(part, p);
      p += part.length;
    }
    return out;
  };
  for (let progress = true; progress && steps < maxSteps; ) {
    progress = false;
    for (const s of scanSections(best).reverse()) {
      if (steps >= maxSteps) break;
      const cand = without(best, (id) => id === s.id);
      if (cand.length < best.length && attempt(cand)) progress = true;
    }
    const cand = without(best, (id) => id === 3 || id === 10);
    if (cand.length < best.length && attempt(cand)) progress = true;
  }

  // Chunks of each body's bytes, with the body and section sizes rewritten.
  for (let bi = 0; steps < maxSteps; bi++) {
    const code = codeBodies(best);
    if (code === undefined || bi >= code.bodies.length) break;
    let len = code.bodies[bi]!.bodyEnd - code.bodies[bi]!.bodyStart;
    for (let chunk = Math.max(1, len >> 1); chunk >= 1 && steps < maxSteps; chunk >>= 1) {
      for (let at = 0; at < len && steps < maxSteps; ) {
        const c = codeBodies(best)!;
        const body = c.bodies[bi]!;
        const old = best.subarray(body.bodyStart, body.bodyEnd);
        const shorter = new Uint8Array(old.length - Math.min(chunk, old.length - at));
        shorter.set(old.subarray(0, at), 0);
        shorter.set(old.subarray(at + chunk), at);
        if (attempt(replaceBody(best, c.section, body, shorter))) len = shorter.length;
        else at += chunk;
      }
    }
  }

  for (let chunk = Math.max(1, best.length >> 1); chunk >= 1 && steps < maxSteps; chunk >>= 1) {
    for (let at = 0; at < best.length && steps < maxSteps; ) {
      const cand = new Uint8Array(best.length - Math.min(chunk, best.length - at));
      cand.set(best.subarray(0, at), 0);
      cand.set(best.subarray(at + chunk), at);
      if (!attempt(cand)) at += chunk;
    }
  }
  for (let at = 8; at < best.length && steps < maxSteps; at++) {
    if (best[at] === 0) continue;
    const cand = best.slice();
    cand[at] = 0;
    attempt(cand);
  }
  return best;
}
