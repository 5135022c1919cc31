/**
 * The machinery of the baseline differential test (../baseline-differential.test.ts): runs
 * a fixture's modules in Node's own V8 to get the expected outcome of every invocation,
 * then writes a .wast script that asks our pipeline for the same outcomes.
 *
 * V8 is reached through a generated "driver" module per fixture module: each export
 * `f (param f32 i64 ...) (result f64 ...)` gets a twin that takes and returns floats as
 * their integer bits (`f32.reinterpret_i32` ... `call` ... `i64.reinterpret_f64`), so that
 * no value crosses the JavaScript boundary as a Number and NaN payloads (signalling ones
 * included) reach the function and come back bit for bit, as they do through the spec
 * host's wire form.
 *
 * A v128 crosses as two i64s (lane 0, lane 1 of an i64x2) the driver puts together
 * (`i64x2.splat`, `i64x2.replace_lane`) or takes apart (`i64x2.extract_lane`).
 *
 * A fixture says, per export, whether its float results are moved values ('exact': every
 * bit must match, NaN payload included) or may come out of arithmetic ('arith': a quiet
 * NaN from V8 becomes `nan:arithmetic`, which is all the spec promises; a signalling NaN can
 * only have been moved, so it stays exact). A v128 result is compared as i64x2, bit for
 * bit, unless the export names its float lanes (`lanes`): then per lane, with the NaN rule.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeModule, ValType, type FuncType } from '../../src/translate/index.js';
import { wat2wasm } from '../helpers/wabt.js';
import { literal, nanKind, randomValue, Rng, u32, u64, v128FloatLiteral, type TypeName } from './inputs.js';

export const FIXTURE_DIR = new URL('.', import.meta.url).pathname;

export type NanMode = 'exact' | 'arith';

/** The spec's texts for the two traps V8 reports with one message. */
export type IndirectTrap = 'uninitialized element' | 'indirect call type mismatch';
export type ConversionTrap = 'invalid conversion to integer' | 'integer overflow';

export interface ExportConfig {
  /** Invocations of this export in the default plan (the fixture's `vectors` otherwise). */
  readonly vectors?: number;
  /** Arguments of the i-th invocation (random values of the parameter types otherwise). */
  readonly args?: (rng: Rng, i: number) => bigint[];
  readonly nan?: NanMode;
  /** What V8's "null function or function signature mismatch" means for these arguments. */
  readonly indirect?: (args: readonly bigint[]) => IndirectTrap;
  /** What V8's "float unrepresentable in integer range" means: a NaN, or out of range. */
  readonly conversion?: (args: readonly bigint[]) => ConversionTrap;
  /** Left out of the default plan (an explicit plan may still invoke it). */
  readonly skip?: boolean;
  /** The float lanes of a v128 result, compared lane by lane (i64x2 bits otherwise). */
  readonly lanes?: 'f32' | 'f64';
}

export interface ModuleSource {
  /** `$name` in the script. */
  readonly name: string;
  /** A .wat file in this folder, or WAT text. */
  readonly file?: string;
  readonly text?: string;
  /** Registered under this name for the modules after it to import. */
  readonly register?: string;
}

export interface Invocation {
  readonly module: string;
  readonly field: string;
  readonly args: readonly bigint[];
}

export interface Fixture {
  readonly name: string;
  /** In instantiation order. */
  readonly modules: readonly ModuleSource[];
  readonly seed: number;
  readonly vectors: number;
  readonly nan: NanMode;
  /** A random argument of type t (inputs.ts's randomValue otherwise). */
  readonly argValue?: (rng: Rng, t: TypeName) => bigint;
  /** Keyed by export name (unique across the fixture's modules). */
  readonly exports?: Readonly<Record<string, ExportConfig>>;
  /**
   * The invocations in order; by default every export of every module, in export order,
   * `vectors` times each. `defaults` is that default list, for plans that extend it.
   */
  readonly plan?: (rng: Rng, defaults: () => Invocation[]) => Invocation[];
}

interface FuncExport {
  readonly field: string;
  readonly type: FuncType;
}

interface BuiltModule {
  readonly src: ModuleSource;
  readonly bytes: Uint8Array;
  readonly funcs: Map<string, FuncExport>;
}

export type Outcome =
  | { readonly kind: 'values'; readonly types: readonly TypeName[]; readonly bits: readonly bigint[] }
  | { readonly kind: 'trap'; readonly text: string; readonly exhaustion: boolean };

export interface Expectation {
  readonly inv: Invocation;
  readonly paramTypes: readonly TypeName[];
  readonly outcome: Outcome;
  readonly nan: NanMode;
  readonly lanes: 'f32' | 'f64' | undefined;
}

export interface BuiltFixture {
  readonly fixture: Fixture;
  readonly modules: readonly BuiltModule[];
  readonly expectations: readonly Expectation[];
  /** The .wast text, one command per line. */
  readonly script: string;
  /** Per line of the script (1-based), what the command checks: for failure reports. */
  readonly lineInfo: ReadonlyMap<number, string>;
}

const TYPE_NAMES: Record<number, TypeName> = {
  [ValType.I32]: 'i32',
  [ValType.I64]: 'i64',
  [ValType.F32]: 'f32',
  [ValType.F64]: 'f64',
  [ValType.V128]: 'v128',
};

function typeName(t: number): TypeName {
  const n = TYPE_NAMES[t];
  if (n === undefined) throw new Error(`the differential harness handles numeric types and v128 only, not 0x${t.toString(16)}`);
  return n;
}

function moduleText(src: ModuleSource): string {
  if (src.text !== undefined) return src.text;
  return readFileSync(join(FIXTURE_DIR, src.file!), 'utf8');
}

function buildModule(src: ModuleSource): BuiltModule {
  const bytes = wat2wasm(moduleText(src));
  // The export signatures only tell the harness how to call; a wrong one would make V8
  // refuse to link the driver, so the test cannot be fooled by the decoder under test.
  const info = decodeModule(bytes);
  const funcs = new Map<string, FuncExport>();
  for (const e of info.exports) {
    if (e.kind !== 0) continue;
    funcs.set(e.name, { field: e.name, type: info.types[info.funcTypes[e.index]!]! });
  }
  return { src, bytes, funcs };
}

const bitsType = (t: TypeName): 'i32' | 'i64' => (t === 'i32' || t === 'f32' ? 'i32' : 'i64');
/** How a value crosses the JavaScript boundary: a v128 as two i64s. */
const wireTypes = (t: TypeName): ('i32' | 'i64')[] => (t === 'v128' ? ['i64', 'i64'] : [bitsType(t)]);

/** The driver module of `m`: one export per function export, floats as bits, v128s as i64 pairs. */
function driverText(m: BuiltModule): string {
  const out: string[] = ['(module'];
  let n = 0;
  for (const f of m.funcs.values()) {
    const ps = [...f.type.params].map(typeName);
    const rs = [...f.type.results].map(typeName);
    const sig = `${ps.length ? ` (param ${ps.join(' ')})` : ''}${rs.length ? ` (result ${rs.join(' ')})` : ''}`;
    out.push(`  (import "m" ${JSON.stringify(f.field)} (func $f${n}${sig}))`);
    n++;
  }
  n = 0;
  for (const f of m.funcs.values()) {
    const ps = [...f.type.params].map(typeName);
    const rs = [...f.type.results].map(typeName);
    const body: string[] = [];
    let at = 0;
    ps.forEach((t) => {
      if (t === 'v128') {
        body.push(`local.get ${at} i64x2.splat local.get ${at + 1} i64x2.replace_lane 1`);
        at += 2;
        return;
      }
      body.push(`local.get ${at++}`);
      if (t === 'f32') body.push('f32.reinterpret_i32');
      if (t === 'f64') body.push('f64.reinterpret_i64');
    });
    body.push(`call $f${n}`);
    // Results into locals (typed as returned), then back out as bits.
    const first = at;
    for (let j = rs.length - 1; j >= 0; j--) body.push(`local.set ${first + j}`);
    rs.forEach((t, j) => {
      body.push(`local.get ${first + j}`);
      if (t === 'f32') body.push('i32.reinterpret_f32');
      if (t === 'f64') body.push('i64.reinterpret_f64');
      if (t === 'v128') body.push(`i64x2.extract_lane 0 local.get ${first + j} i64x2.extract_lane 1`);
    });
    const params = ps.length ? ` (param ${ps.flatMap(wireTypes).join(' ')})` : '';
    const results = rs.length ? ` (result ${rs.flatMap(wireTypes).join(' ')})` : '';
    const locals = rs.length ? ` (local ${rs.join(' ')})` : '';
    out.push(`  (func (export ${JSON.stringify(f.field)})${params}${results}${locals}\n    ${body.join(' ')})`);
    n++;
  }
  out.push(')');
  return out.join('\n');
}

/**
 * V8's trap messages as the spec's texts. Two are ambiguous, and the fixture must say what
 * they mean: the call_indirect one (null entry or wrong type), and the trapping float to
 * integer conversions' (a NaN, or a value out of range).
 */
const V8_TRAPS: readonly [RegExp, string][] = [
  [/^(divide|remainder) by zero$/, 'integer divide by zero'],
  [/^divide result unrepresentable$/, 'integer overflow'],
  [/^memory access out of bounds$/, 'out of bounds memory access'],
  [/^unreachable$/, 'unreachable'],
  [/^table index is out of bounds$/, 'undefined element'],
];

export function buildFixture(fixture: Fixture): BuiltFixture {
  const modules = fixture.modules.map(buildModule);
  const byName = new Map(modules.map((m) => [m.src.name, m]));
  const exportConfig = (field: string): ExportConfig => fixture.exports?.[field] ?? {};

  // Instantiate in V8, in order, with the registered modules as imports.
  const registered: Record<string, WebAssembly.Exports> = {};
  const drivers = new Map<string, WebAssembly.Exports>();
  for (const m of modules) {
    const inst = new WebAssembly.Instance(new WebAssembly.Module(m.bytes as Uint8Array<ArrayBuffer>), registered as WebAssembly.Imports);
    if (m.src.register !== undefined) registered[m.src.register] = inst.exports;
    const driver = wat2wasm(driverText(m));
    drivers.set(m.src.name, new WebAssembly.Instance(new WebAssembly.Module(driver as Uint8Array<ArrayBuffer>), { m: inst.exports }).exports);
  }

  const rng = new Rng(fixture.seed);
  const defaults = (): Invocation[] => {
    const list: Invocation[] = [];
    for (const m of modules) {
      for (const f of m.funcs.values()) {
        const cfg = exportConfig(f.field);
        if (cfg.skip === true) continue;
        const n = cfg.vectors ?? fixture.vectors;
        for (let i = 0; i < n; i++) {
          const value = fixture.argValue ?? randomValue;
          const args = cfg.args?.(rng, i) ?? [...f.type.params].map((t) => value(rng, typeName(t)));
          list.push({ module: m.src.name, field: f.field, args });
        }
      }
    }
    return list;
  };
  const plan = fixture.plan !== undefined ? fixture.plan(rng, defaults) : defaults();

  const expectations: Expectation[] = [];
  for (const inv of plan) {
    const m = byName.get(inv.module);
    const f = m?.funcs.get(inv.field);
    if (m === undefined || f === undefined) throw new Error(`${fixture.name}: no export ${inv.module} ${inv.field}`);
    const ps = [...f.type.params].map(typeName);
    const rs = [...f.type.results].map(typeName);
    if (inv.args.length !== ps.length) throw new Error(`${fixture.name}: ${inv.field} takes ${ps.length} arguments, given ${inv.args.length}`);
    const cfg = exportConfig(inv.field);
    const jsArgs = inv.args.flatMap((a, i) =>
      ps[i] === 'v128'
        ? [BigInt.asIntN(64, a), BigInt.asIntN(64, a >> 64n)]
        : [bitsType(ps[i]!) === 'i32' ? Number(BigInt.asIntN(32, a)) : BigInt.asIntN(64, a)],
    );
    let outcome: Outcome;
    try {
      const fn = drivers.get(inv.module)![inv.field] as (...a: unknown[]) => unknown;
      const ret = fn(...jsArgs);
      const wires = rs.flatMap(wireTypes);
      const list = wires.length === 0 ? [] : wires.length === 1 ? [ret] : (ret as unknown[]);
      const wireBits = list.map((v, j) => (wires[j] === 'i32' ? u32(v as number) : u64(v as bigint)));
      const bits: bigint[] = [];
      for (const t of rs) {
        const lo = wireBits.shift()!;
        bits.push(t === 'v128' ? lo | (wireBits.shift()! << 64n) : lo);
      }
      outcome = { kind: 'values', types: rs, bits };
    } catch (e) {
      if (e instanceof RangeError && /call stack/i.test(e.message)) {
        outcome = { kind: 'trap', text: 'call stack exhausted', exhaustion: true };
      } else if (e instanceof WebAssembly.RuntimeError) {
        let text = V8_TRAPS.find(([re]) => re.test(e.message))?.[1];
        if (text === undefined && /null function or function signature mismatch/.test(e.message)) {
          if (cfg.indirect === undefined) throw new Error(`${fixture.name}: ${inv.field}: V8's "${e.message}" is ambiguous; the fixture must say which trap it is`);
          text = cfg.indirect(inv.args);
        }
        if (text === undefined && /float unrepresentable in integer range/.test(e.message)) {
          if (cfg.conversion === undefined) throw new Error(`${fixture.name}: ${inv.field}: V8's "${e.message}" is ambiguous; the fixture must say which trap it is`);
          text = cfg.conversion(inv.args);
        }
        if (text === undefined) throw new Error(`${fixture.name}: ${inv.field}: V8 trap message not mapped: ${e.message}`);
        outcome = { kind: 'trap', text, exhaustion: false };
      } else {
        throw e;
      }
    }
    expectations.push({ inv, paramTypes: ps, outcome, nan: cfg.nan ?? fixture.nan, lanes: cfg.lanes });
  }

  const { script, lineInfo } = writeScript(fixture, modules, expectations);
  return { fixture, modules, expectations, script, lineInfo };
}

function escapeBytes(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 64) {
    let s = '';
    for (const b of bytes.subarray(i, i + 64)) s += `\\${b.toString(16).padStart(2, '0')}`;
    parts.push(`"${s}"`);
  }
  return parts.join(' ');
}

function expectedValue(t: TypeName, bits: bigint, mode: NanMode, lanes: 'f32' | 'f64' | undefined): string {
  if (t === 'v128' && lanes !== undefined) return `(v128.const ${v128FloatLiteral(lanes, bits, mode === 'arith')})`;
  if (mode === 'arith' && nanKind(t, bits) === 'quiet') return `(${t}.const nan:arithmetic)`;
  return `(${t}.const ${literal(t, bits)})`;
}

/**
 * wabt's wast2json (1.0.32) writes the `expected` list of an assert_trap on a function with
 * several results without commas between the elements, which is not JSON. Such traps are
 * checked through a wrapper module instead: it imports the function (the module under
 * test registered under a private name), calls it and drops the results, so the trap
 * still happens in the compiled function, reached by a cross-instance call.
 */
function trapWrappers(modules: readonly BuiltModule[], expectations: readonly Expectation[]): Map<string, { register: string; wrapper: string; bytes: Uint8Array }> {
  const out = new Map<string, { register: string; wrapper: string; bytes: Uint8Array }>();
  modules.forEach((m, i) => {
    const fields = new Set<string>();
    for (const x of expectations) {
      if (x.inv.module === m.src.name && x.outcome.kind === 'trap' && m.funcs.get(x.inv.field)!.type.results.length > 1) fields.add(x.inv.field);
    }
    if (fields.size === 0) return;
    const register = `__traps_of_${i}`;
    const imports: string[] = [];
    const funcs: string[] = [];
    let n = 0;
    for (const field of fields) {
      const f = m.funcs.get(field)!;
      const ps = [...f.type.params].map(typeName);
      const rs = [...f.type.results].map(typeName);
      imports.push(`  (import ${JSON.stringify(register)} ${JSON.stringify(field)} (func $f${n} (param ${ps.join(' ')}) (result ${rs.join(' ')})))`);
      funcs.push(`  (func (export ${JSON.stringify(field)}) (param ${ps.join(' ')}) ${ps.map((_, k) => `local.get ${k}`).join(' ')} call $f${n} ${rs.map(() => 'drop').join(' ')})`);
      n++;
    }
    const text = ['(module', ...imports, ...funcs, ')'].join('\n');
    out.set(m.src.name, { register, wrapper: `${m.src.name}__traps`, bytes: wat2wasm(text) });
  });
  return out;
}

function writeScript(fixture: Fixture, modules: readonly BuiltModule[], expectations: readonly Expectation[]) {
  const lines: string[] = [`;; ${fixture.name}: generated by test/baseline-differential.test.ts from V8's results`];
  const lineInfo = new Map<number, string>();
  const wrappers = trapWrappers(modules, expectations);
  for (const m of modules) {
    lines.push(`(module ${m.src.name} binary ${escapeBytes(m.bytes)})`);
    lineInfo.set(lines.length, `module ${m.src.name}`);
    if (m.src.register !== undefined) {
      lines.push(`(register ${JSON.stringify(m.src.register)} ${m.src.name})`);
      lineInfo.set(lines.length, `register ${m.src.name}`);
    }
    const w = wrappers.get(m.src.name);
    if (w !== undefined) {
      lines.push(`(register ${JSON.stringify(w.register)} ${m.src.name})`);
      lineInfo.set(lines.length, `register ${m.src.name} for its trap wrapper`);
      lines.push(`(module ${w.wrapper} binary ${escapeBytes(w.bytes)})`);
      lineInfo.set(lines.length, `module ${w.wrapper}`);
    }
  }
  for (const x of expectations) {
    const args = x.inv.args.map((a, i) => `(${x.paramTypes[i]}.const ${literal(x.paramTypes[i]!, a)})`).join(' ');
    const w = x.outcome.kind === 'trap' ? wrappers.get(x.inv.module) : undefined;
    const target = w !== undefined && modules.find((m) => m.src.name === x.inv.module)!.funcs.get(x.inv.field)!.type.results.length > 1 ? w.wrapper : x.inv.module;
    const invoke = `(invoke ${target} ${JSON.stringify(x.inv.field)}${args ? ` ${args}` : ''})`;
    const o = x.outcome;
    if (o.kind === 'values') {
      lines.push(`(assert_return ${invoke}${o.bits.map((b, j) => ` ${expectedValue(o.types[j]!, b, x.nan, x.lanes)}`).join('')})`);
    } else {
      lines.push(`(${o.exhaustion ? 'assert_exhaustion' : 'assert_trap'} ${invoke} ${JSON.stringify(o.text)})`);
    }
    lineInfo.set(lines.length, lines[lines.length - 1]!);
  }
  return { script: `${lines.join('\n')}\n`, lineInfo };
}
