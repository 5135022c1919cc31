/**
 * The pieces of test/spec-linked.test.ts that are plain data work: spec scripts turned
 * into a plan (which modules to compile, which calls to make, in script order), the
 * prototypes read back from the generated headers, the C driver that makes those calls
 * directly through the headers, and its output read back as wire values (values.ts).
 */
import { decodeModule } from '../../src/translate/index.js';
import { UnsupportedValue, parseValue, type Actual, type Expected } from '../../src/wast/values.js';
import type { WastFile, WastValue } from '../../src/wast/wast-json.js';

/** The value types a call through a header prototype can carry here (no v128). */
export type CType = 'i32' | 'i64' | 'f32' | 'f64' | 'funcref' | 'externref';
const C_TYPES: ReadonlySet<string> = new Set<CType>(['i32', 'i64', 'f32', 'f64', 'funcref', 'externref']);

export interface PlannedModule {
  /** 1, 2, ...: the prefix is `m<id>`, the files `m<id>.wasm`, `.o`, `.h`. */
  readonly id: number;
  readonly prefix: string;
  /** `script.wast:line` of the module command. */
  readonly loc: string;
  readonly bytes: Uint8Array;
}

export interface PlannedCall {
  /** Index of the call in the whole plan; the driver prints it first on its line. */
  readonly id: number;
  readonly loc: string;
  readonly script: string;
  readonly module: PlannedModule;
  readonly field: string;
  readonly args: readonly WastValue[];
  /** The results assert_return expects; undefined for an `action` (run for its effects only). */
  readonly expected?: readonly Expected[];
}

export type Step = { readonly kind: 'module'; readonly module: PlannedModule } | { readonly kind: 'call'; readonly call: PlannedCall };

export interface Plan {
  readonly modules: PlannedModule[];
  /** Per script, in script order. */
  readonly steps: Map<string, Step[]>;
  readonly calls: PlannedCall[];
  /** Commands left out, with why: reason -> locations. */
  readonly skipped: Map<string, string[]>;
}

/**
 * Walks the scripts: every binary `module` that imports nothing becomes a module to compile;
 * every `assert_return` and `action` that invokes an export of such a module with values of
 * the types above becomes a call. Everything else is left out: a command that traps or
 * exhausts the stack cannot be made without a guarded call, a `get` reads a global rather
 * than calling, and a module with imports needs a resolver. `assert_return`s that are left
 * out are counted by reason.
 */
export function planScripts(files: readonly WastFile[]): Plan {
  const modules: PlannedModule[] = [];
  const steps = new Map<string, Step[]>();
  const calls: PlannedCall[] = [];
  const skipped = new Map<string, string[]>();
  const skip = (why: string, loc: string) => {
    const list = skipped.get(why) ?? [];
    list.push(loc);
    skipped.set(why, list);
  };
  for (const file of files) {
    if (file.conversionError !== undefined) throw new Error(`${file.name}: ${file.conversionError}`);
    const list: Step[] = [];
    steps.set(file.name, list);
    type Current = PlannedModule | { readonly lost: string };
    let current: Current | undefined;
    const byName = new Map<string, Current>();
    for (const cmd of file.commands) {
      if (cmd.type === 'module') {
        let rec: Current;
        if (cmd.module_type === 'text' || cmd.bytes === undefined) {
          rec = { lost: 'a text-format module' };
        } else if (decodeModule(cmd.bytes).imports.length > 0) {
          rec = { lost: 'its module has imports' };
        } else {
          const id = modules.length + 1;
          const m: PlannedModule = { id, prefix: `m${id}`, loc: cmd.loc, bytes: cmd.bytes };
          modules.push(m);
          list.push({ kind: 'module', module: m });
          rec = m;
        }
        current = rec;
        if (cmd.name !== undefined) byName.set(cmd.name, rec);
        continue;
      }
      if (cmd.type !== 'assert_return' && cmd.type !== 'action') continue;
      const action = cmd.action!;
      const target = action.module !== undefined ? byName.get(action.module) : current;
      const why =
        target === undefined ? 'no module'
        : 'lost' in target ? target.lost
        : action.type !== 'invoke' ? 'a get (reads a global, calls nothing)'
        : [...action.args, ...(cmd.expected ?? [])].some((v) => !C_TYPES.has(v.type)) ? 'a value of a type other than i32, i64, f32, f64, funcref, externref'
        : undefined;
      if (why !== undefined || target === undefined || 'lost' in target) {
        if (cmd.type === 'assert_return') skip(why ?? 'no module', cmd.loc);
        continue;
      }
      let expected: Expected[] | undefined;
      if (cmd.type === 'assert_return') {
        try {
          expected = cmd.expected!.map(parseValue);
        } catch (e) {
          if (!(e instanceof UnsupportedValue)) throw e;
          skip(e.message, cmd.loc);
          continue;
        }
      }
      const call: PlannedCall = { id: calls.length, loc: cmd.loc, script: file.name, module: target, field: action.field, args: action.args, ...(expected !== undefined ? { expected } : {}) };
      calls.push(call);
      list.push({ kind: 'call', call });
    }
  }
  return { modules, steps, calls, skipped };
}

/** An exported function as the generated header declares it. */
export interface Prototype {
  readonly exportName: string;
  readonly cName: string;
  readonly params: readonly string[];
  readonly results: readonly string[];
}

/**
 * The exports of a header: each `/* export "NAME": (PARAMS) -> (RESULTS) *\/` comment and
 * the prototype that follows it (after the results struct, for several results).
 */
export function parseHeader(text: string, prefix: string): Map<string, Prototype> {
  const lines = text.split('\n');
  const out = new Map<string, Prototype>();
  const comment = /^\/\* export (".*"): \(([^)]*)\) -> \(([^)]*)\) \*\/$/;
  const proto = new RegExp(`^[^(]*\\b(${prefix}_[A-Za-z0-9_]+)\\(void \\*vmctx[,)]`);
  for (let i = 0; i < lines.length; i++) {
    const m = comment.exec(lines[i]!);
    if (!m) continue;
    // The header writes `/*` inside a name as `/\*`, which JSON does not know.
    const exportName = JSON.parse(m[1]!.replace(/\/\\\*/g, '/*')) as string;
    const split = (s: string) => (s === '' ? [] : s.split(', '));
    let j = i + 1;
    while (j < lines.length && !proto.test(lines[j]!)) j++;
    const p = proto.exec(lines[j] ?? '');
    if (!p) throw new Error(`header of ${prefix}: no prototype after the comment of export ${JSON.stringify(exportName)}`);
    out.set(exportName, { exportName, cName: p[1]!, params: split(m[2]!), results: split(m[3]!) });
  }
  return out;
}

/** A C expression for an argument, from wast2json's decimal bit pattern. */
function argExpr(v: WastValue, type: string): string {
  if (v.type !== type) throw new Error(`argument of type ${v.type} for a parameter of type ${type}`);
  const value = v.value;
  if (typeof value !== 'string') throw new Error(`argument of type ${type} without a value`);
  switch (type) {
    case 'i32': return `a_i32(UINT32_C(0x${BigInt(value).toString(16)}))`;
    case 'f32': return `a_f32(UINT32_C(0x${BigInt(value).toString(16)}))`;
    case 'i64': return `a_i64(UINT64_C(0x${BigInt(value).toString(16)}))`;
    case 'f64': return `a_f64(UINT64_C(0x${BigInt(value).toString(16)}))`;
    case 'externref': return value === 'null' ? 'NULL' : `a_ext(UINT64_C(${BigInt(value).toString()}))`;
    case 'funcref':
      if (value !== 'null') throw new Error(`funcref argument ${value}`);
      return '(struct w2o_funcref *)NULL';
    default: throw new Error(`no C argument of type ${type}`);
  }
}

const PRINTER: Record<string, string> = { i32: 'p_i32', i64: 'p_i64', f32: 'p_f32', f64: 'p_f64', externref: 'p_ext', funcref: 'p_fun' };
const C_RESULT: Record<string, string> = { i32: 'int32_t', i64: 'int64_t', f32: 'float', f64: 'double', externref: 'void *', funcref: 'struct w2o_funcref *' };

const DRIVER_HEAD = `/* Generated by test/spec-linked.test.ts: calls the exports of the sampled spec modules
 * directly, through the prototypes of their headers, and prints each result as its bits:
 * "<call id> <type>:<hex> ..." per call, "done" at the end. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
`;

const DRIVER_HELPERS = `
static int32_t a_i32(uint32_t b) { int32_t v; memcpy(&v, &b, 4); return v; }
static int64_t a_i64(uint64_t b) { int64_t v; memcpy(&v, &b, 8); return v; }
static float a_f32(uint32_t b) { float v; memcpy(&v, &b, 4); return v; }
static double a_f64(uint64_t b) { double v; memcpy(&v, &b, 8); return v; }
/* ref.extern N is the host pointer N + 1 (so that N = 0 is not NULL). */
static void *a_ext(uint64_t n) { return (void *)(uintptr_t)(n + 1); }

static void head(int id) { printf("%d", id); }
static void end(void) { putchar('\\n'); }
static void p_i32(int32_t v) { uint32_t b; memcpy(&b, &v, 4); printf(" i32:%08" PRIx32, b); }
static void p_i64(int64_t v) { uint64_t b; memcpy(&b, &v, 8); printf(" i64:%016" PRIx64, b); }
static void p_f32(float v) { uint32_t b; memcpy(&b, &v, 4); printf(" f32:%08" PRIx32, b); }
static void p_f64(double v) { uint64_t b; memcpy(&b, &v, 8); printf(" f64:%016" PRIx64, b); }
static void p_ext(void *v) {
  if (v == NULL) printf(" externref:null");
  else printf(" externref:%" PRIuPTR, (uintptr_t)v - 1);
}
static void p_fun(struct w2o_funcref *v) {
  if (v == NULL) printf(" funcref:null");
  else printf(" funcref:p%" PRIxPTR, (uintptr_t)v);
}
`;

/** The C driver: one function per script, making its steps in order; main runs them all. */
export function driverSource(plan: Plan, headers: ReadonlyMap<number, Map<string, Prototype>>): string {
  const out: string[] = [DRIVER_HEAD];
  for (const m of plan.modules) out.push(`#include "${m.prefix}.h"`);
  out.push(DRIVER_HELPERS);
  out.push(`static struct w2o_instance *inst[${plan.modules.length + 1}];`, `static void *vm[${plan.modules.length + 1}];`, '');
  const fnNames: string[] = [];
  for (const [script, steps] of plan.steps) {
    const fn = `run_${script.replace(/\.wast$/, '').replace(/[^A-Za-z0-9]/g, '_')}`;
    fnNames.push(fn);
    out.push(`/* ${script} */`, `static int ${fn}(void) {`, '  struct w2o_error err;', '  (void)err;');
    for (const step of steps) {
      if (step.kind === 'module') {
        const { id, prefix, loc } = step.module;
        out.push(
          `  /* ${loc} */`,
          `  inst[${id}] = ${prefix}_instantiate(NULL, NULL, &err);`,
          `  if (inst[${id}] == NULL) { printf("instantiate ${prefix} (${loc}): %s\\n", err.message); return 1; }`,
          `  vm[${id}] = w2o_instance_vmctx(inst[${id}]);`,
        );
        continue;
      }
      const c = step.call;
      const proto = headers.get(c.module.id)?.get(c.field);
      if (proto === undefined) throw new Error(`${c.loc}: the header of ${c.module.prefix} declares no export ${JSON.stringify(c.field)}`);
      if (proto.params.length !== c.args.length) throw new Error(`${c.loc}: ${c.args.length} arguments for ${proto.cName}, which takes ${proto.params.length}`);
      if (c.expected !== undefined && c.expected.length !== proto.results.length) {
        throw new Error(`${c.loc}: ${c.expected.length} expected results for ${proto.cName}, which returns ${proto.results.length}`);
      }
      const args = [`vm[${c.module.id}]`];
      const multi = proto.results.length > 1;
      if (multi) args.push('&r');
      args.push(...c.args.map((a, i) => argExpr(a, proto.params[i]!)));
      const call = `${proto.cName}(${args.join(', ')})`;
      const tag = `/* ${c.loc} */`;
      if (proto.results.length === 0) {
        out.push(`  { ${tag} ${call}; head(${c.id}); end(); }`);
      } else if (!multi) {
        const t = proto.results[0]!;
        out.push(`  { ${tag} ${C_RESULT[t]} r = ${call}; head(${c.id}); ${PRINTER[t]}(r); end(); }`);
      } else {
        const prints = proto.results.map((t, i) => `${PRINTER[t]}(r.r${i});`).join(' ');
        out.push(`  { ${tag} struct ${proto.cName}_results r; ${call}; head(${c.id}); ${prints} end(); }`);
      }
    }
    out.push('  return 0;', '}', '');
  }
  out.push(
    'int main(void) {',
    '  setvbuf(stdout, NULL, _IOLBF, 0); /* a crash leaves every line before it */',
    ...fnNames.map((f) => `  if (${f}() != 0) return 1;`),
    `  for (int i = ${plan.modules.length}; i >= 1; i--) w2o_instance_free(inst[i]);`,
    '  printf("done\\n");',
    '  return 0;',
    '}',
    '',
  );
  return out.join('\n');
}

/** Whether two results are the same value: the same bits, the same reference (funcrefs: both null or both not). */
export function sameActual(a: Actual, b: Actual): boolean {
  if (a.type !== b.type) return false;
  if ('bits' in a && 'bits' in b) return a.bits === b.bits;
  if ('ref' in a && 'ref' in b) {
    if (a.ref === 'null' || b.ref === 'null') return a.ref === b.ref;
    return a.type === 'funcref' || (a.ref === b.ref && a.foreign === b.foreign);
  }
  return false;
}
