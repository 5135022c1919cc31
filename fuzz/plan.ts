/**
 * What the differential fuzzer does with a module, written once and followed twice: by
 * V8 (v8-run.ts) and by our runtime (runtime/tools/fuzz-host.c). Both print a transcript
 * in the same words (see fuzz-host.c for the format), compared by compare.ts.
 */
import { ExternKind, type ModuleInfo } from '../src/translate/index.js';

/** An argument or result as both sides print it: `i32:-1`, `i64:5`, `f32:3f800000` (bits), `f64:nan`. */
export type ValueText = string;

/** How compare.ts judges one result that holds the bits of a float (an i32/i64 made by reinterpret). */
export interface FloatResult {
  readonly type: 'f32' | 'f64';
  /** `exact`: the bits must be equal, NaN or not (neg, abs, copysign, reinterpret, loads, stores, consts). */
  readonly nan: 'exact' | 'canonical' | 'arithmetic';
}

export type PlanStep =
  | {
      readonly kind: 'call';
      readonly id: number;
      readonly name: string;
      readonly args: readonly ValueText[];
      /** Result types by name (`i32`, ...), for V8's side, which gets JavaScript values back. */
      readonly results: readonly string[];
      /** Per result: set when it carries float bits whose NaNs are judged by the spec's rules. */
      readonly floatResults?: readonly (FloatResult | undefined)[];
    }
  | { readonly kind: 'global'; readonly name: string; readonly type: string }
  | { readonly kind: 'memory'; readonly name: string };

export const TYPE_NAMES: Record<number, string> = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128', 0x70: 'funcref', 0x6f: 'externref' };

/** A name as fuzz-host.c reads it: `x` and two hex digits per UTF-8 byte. */
export function hexName(name: string): string {
  return 'x' + Buffer.from(name, 'utf8').toString('hex');
}

export function planText(steps: readonly PlanStep[]): string {
  let s = '';
  for (const p of steps) {
    if (p.kind === 'call') s += `call ${p.id} ${hexName(p.name)}${p.args.map((a) => ' ' + a).join('')}\n`;
    else s += `${p.kind} ${hexName(p.name)}\n`;
  }
  return s;
}

/** Fixed arguments by parameter position, for the second call of every export. */
const FIXED: Record<string, readonly ValueText[]> = {
  i32: ['i32:1', 'i32:-1', 'i32:2147483647', 'i32:-2147483648', 'i32:65536', 'i32:7'],
  i64: ['i64:1', 'i64:-1', 'i64:9223372036854775807', 'i64:-9223372036854775808', 'i64:4294967296', 'i64:7'],
  f32: ['f32:3f800000', 'f32:bf800000', 'f32:7f800000', 'f32:80000000', 'f32:00000001', 'f32:4f000000'],
  f64: ['f64:3ff0000000000000', 'f64:bff0000000000000', 'f64:fff0000000000000', 'f64:8000000000000000', 'f64:0000000000000001', 'f64:41e0000000000000'],
};
const ZERO: Record<string, ValueText> = { i32: 'i32:0', i64: 'i64:0', f32: 'f32:00000000', f64: 'f64:0000000000000000' };

/** The name binaryen's fuzzer gives the export that resets its loop and recursion budget. */
export const HANG_LIMIT_RESET = 'hangLimitInitializer';

/**
 * The plan for a module from `wasm-opt -ttf`: every function export whose signature both
 * sides can express is called twice (all zeros, then FIXED), each call preceded by a reset
 * of the hang limit when the module has one; then every exported global and memory is read.
 * Returns undefined for a module with nothing callable.
 */
export function planForModule(m: ModuleInfo): PlanStep[] | undefined {
  const steps: PlanStep[] = [];
  let id = 0;
  const hasReset = m.exports.some((e) => e.kind === ExternKind.Func && e.name === HANG_LIMIT_RESET);
  const callable = (t: { params: Uint8Array; results: Uint8Array }): boolean =>
    [...t.params, ...t.results].every((v) => v >= 0x7c && v <= 0x7f);
  for (const e of m.exports) {
    if (e.kind !== ExternKind.Func || e.name === HANG_LIMIT_RESET) continue;
    const type = m.types[m.funcTypes[e.index]!]!;
    if (!callable(type)) continue;
    const params = [...type.params].map((t) => TYPE_NAMES[t]!);
    const results = [...type.results].map((t) => TYPE_NAMES[t]!);
    for (const args of [params.map((t) => ZERO[t]!), params.map((t, i) => FIXED[t]![i % FIXED[t]!.length]!)]) {
      if (hasReset) steps.push({ kind: 'call', id: id++, name: HANG_LIMIT_RESET, args: [], results: [] });
      steps.push({ kind: 'call', id: id++, name: e.name, args, results });
    }
  }
  if (id === 0) return undefined;
  let memory = false;
  for (const e of m.exports) {
    if (e.kind === ExternKind.Global) {
      const t = TYPE_NAMES[m.globals[e.index]!.valType]!;
      if (['i32', 'i64', 'f32', 'f64'].includes(t)) steps.push({ kind: 'global', name: e.name, type: t });
    } else if (e.kind === ExternKind.Memory && !memory) {
      // One memory is compared (the host writes one file): the first exported.
      memory = true;
      steps.push({ kind: 'memory', name: e.name });
    }
  }
  return steps;
}
