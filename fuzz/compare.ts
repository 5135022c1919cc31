/**
 * Judges our transcript against V8's. Lines must be equal once our trap codes are named
 * like V8's traps; where the spec lets engines differ, the rule is the spec's:
 *  - a float handed to JavaScript (a log argument, a float result, a global) prints as
 *    `nan` whatever its payload, on both sides;
 *  - a result that carries float bits (boundary modules reinterpret float results) is
 *    judged by its FloatResult: exact bits, or, when ours is a NaN, V8's must be one too and
 *    ours must be canonical / arithmetic as the spec requires;
 *  - memory bytes may differ only inside a 4- or 8-byte window that holds a NaN on both
 *    sides (a float store of a NaN whose payload the spec leaves open).
 */
import type { FloatResult, PlanStep } from './plan.js';
import type { Transcript } from './v8-run.js';

/** Our trap codes (enum w2o_trap_code) by V8's categories (v8-run.ts). */
const TRAP_CATEGORY: Record<number, string> = {
  1: 'unreachable',
  2: 'memory',
  3: 'table',
  4: 'indirect-call',
  5: 'indirect-call',
  6: 'divide-by-zero',
  7: 'integer-overflow',
  8: 'conversion',
  9: 'stack',
  10: 'null-reference',
  11: 'table',
};

/*
 * V8 says "float unrepresentable in integer range" both for a NaN and for an out-of-range
 * truncation, where the spec (and we) say "invalid conversion to integer" and "integer
 * overflow": our integer-overflow matches V8's conversion (compareTranscripts).
 */
export function normalizeOurLine(line: string): string {
  const m = /^(trap|instantiate-error trap) (\d+)$/.exec(line);
  if (m === null) return line;
  return `${m[1]} ${TRAP_CATEGORY[Number(m[2])] ?? `code ${m[2]}`}`;
}

/** The first difference that is not allowed, described; undefined when they agree. */
export function compareTranscripts(ours: Transcript, v8: Transcript, steps: readonly PlanStep[]): string | undefined {
  const a = ours.lines.map(normalizeOurLine);
  const b = v8.lines;
  const byId = new Map<number, PlanStep & { kind: 'call' }>();
  for (const s of steps) if (s.kind === 'call') byId.set(s.id, s);
  let call: (PlanStep & { kind: 'call' }) | undefined;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined) {
      return `line ${i + 1}: ${x === undefined ? 'ours ended' : `ours: ${x}`}; ${y === undefined ? 'V8 ended' : `V8: ${y}`}`;
    }
    const c = /^call (\d+)$/.exec(y);
    if (c !== null) call = byId.get(Number(c[1]));
    if (x === y || (x === 'trap integer-overflow' && y === 'trap conversion')) continue;
    if (call?.floatResults !== undefined && x.startsWith('return ') && y.startsWith('return ')) {
      const why = compareFloatResults(x.split(' ').slice(1), y.split(' ').slice(1), call.floatResults);
      if (why === undefined) continue;
      return `line ${i + 1} (call ${call.id} ${call.name} ${call.args.join(' ')}): ours: ${x}; V8: ${y}: ${why}`;
    }
    return `line ${i + 1}${call !== undefined ? ` (call ${call.id} ${call.name} ${call.args.join(' ')})` : ''}: ours: ${x}; V8: ${y}`;
  }
  if ((ours.memory === undefined) !== (v8.memory === undefined)) return 'memory: read on one side only';
  if (ours.memory !== undefined && v8.memory !== undefined) return compareMemory(ours.memory, v8.memory);
  return undefined;
}

function compareFloatResults(ours: string[], v8: string[], kinds: readonly (FloatResult | undefined)[]): string | undefined {
  if (ours.length !== v8.length) return 'result count';
  for (let i = 0; i < ours.length; i++) {
    if (ours[i] === v8[i]) continue;
    const k = kinds[i];
    if (k === undefined || k.nan === 'exact') return `result ${i} differs`;
    const x = floatBits(ours[i]!, k.type);
    const y = floatBits(v8[i]!, k.type);
    if (x === undefined || y === undefined || !isNaNBits(x, k.type)) return `result ${i} differs`;
    if (!isNaNBits(y, k.type)) return `result ${i}: ours is a NaN, V8's is not`;
    if (k.nan === 'canonical' && !isCanonicalNaN(x, k.type)) return `result ${i}: the spec requires a canonical NaN`;
    if (k.nan === 'arithmetic' && !isArithmeticNaN(x, k.type)) return `result ${i}: the spec requires an arithmetic NaN`;
  }
  return undefined;
}

/** `i32:-4194304` holding f32 bits, or `i64:...` holding f64 bits, as an unsigned bigint. */
function floatBits(text: string, type: 'f32' | 'f64'): bigint | undefined {
  const m = /^i(32|64):(-?\d+)$/.exec(text);
  if (m === null) return undefined;
  return BigInt.asUintN(type === 'f32' ? 32 : 64, BigInt(m[2]!));
}

const EXP = { f32: 0x7f800000n, f64: 0x7ff0000000000000n };
const QUIET = { f32: 0x00400000n, f64: 0x0008000000000000n };
const MANT = { f32: 0x007fffffn, f64: 0x000fffffffffffffn };

export function isNaNBits(bits: bigint, t: 'f32' | 'f64'): boolean {
  return (bits & EXP[t]) === EXP[t] && (bits & MANT[t]) !== 0n;
}
function isCanonicalNaN(bits: bigint, t: 'f32' | 'f64'): boolean {
  return isNaNBits(bits, t) && (bits & MANT[t]) === QUIET[t];
}
function isArithmeticNaN(bits: bigint, t: 'f32' | 'f64'): boolean {
  return isNaNBits(bits, t) && (bits & QUIET[t]) !== 0n;
}

function compareMemory(ours: Uint8Array, v8: Uint8Array): string | undefined {
  if (ours.length !== v8.length) return `memory size: ours ${ours.length}, V8 ${v8.length}`;
  const dv = (u: Uint8Array) => new DataView(u.buffer, u.byteOffset, u.byteLength);
  const a = dv(ours);
  const b = dv(v8);
  const nanAt = (d: DataView, at: number, width: 4 | 8): boolean =>
    at >= 0 && at + width <= d.byteLength && (width === 4 ? Number.isNaN(d.getFloat32(at, true)) : Number.isNaN(d.getFloat64(at, true)));
  for (let i = 0; i < ours.length; i++) {
    if (ours[i] === v8[i]) continue;
    let excused = false;
    for (const w of [4, 8] as const) {
      for (let at = i - w + 1; at <= i && !excused; at++) excused = nanAt(a, at, w) && nanAt(b, at, w);
    }
    if (!excused) return `memory byte 0x${i.toString(16)}: ours 0x${ours[i]!.toString(16)}, V8 0x${v8[i]!.toString(16)}`;
  }
  return undefined;
}
