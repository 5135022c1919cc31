/**
 * The C header of one compiled module (`wasm2obj in.wasm -o out.o --header out.h`): what a
 * C program needs to instantiate the module and call its exported functions directly.
 *
 *   #include "w2o.h"                                       the runtime's API
 *   extern const unsigned char <prefix>_module[];          the descriptor (.rodata)
 *   extern const char <prefix>_text[];                     the start of the module's .text
 *   int32_t <prefix>_add(void *vmctx, int32_t a, int32_t b);   one prototype per export
 *   static inline struct w2o_instance *<prefix>_instantiate(resolve, ctx, err);
 *
 * Prototypes follow the calling convention of src/abi/vmctx.ts (contract 1): vmctx first;
 * i32/i64 → int32_t/int64_t, f32/f64 → float/double, v128 → __m128i (then, and only then,
 * <emmintrin.h> is included), funcref → `struct w2o_funcref *`, externref → `void *`; no
 * result → void, one → the return value; two or more → the function returns void and takes,
 * second, a pointer to `struct <prefix>_<export>_results`, whose fields r0, r1, ... are the
 * results in order. `_Static_assert`s pin every field offset and the size to
 * `resultsLayout`, so a C compiler that lays the struct out otherwise stops the build.
 * Parameters are named after the function's local names (name section) when those are
 * plain lowercase identifiers, else p0, p1, ...
 *
 * The exports are the object's global symbols: calling one runs wasm code outside any
 * guarded call, so a trap in it is not caught unless the caller is inside
 * `w2o_call_guarded`. Exported functions that the module imports have no code in the object
 * and no prototype here.
 *
 * What the header expects of w2o.h (the runtime's instantiation API):
 *   typedef ... w2o_resolve_fn;  struct w2o_error;  struct w2o_instance;
 *   struct w2o_instance *w2o_instantiate(const void *descriptor, const void *text,
 *                                        w2o_resolve_fn resolve, void *ctx, struct w2o_error *err);
 * `<prefix>_instantiate` only forwards to it, with this module's descriptor and text.
 *
 * The text depends on the module and the prefix alone (no date, path or version), and is
 * C11 that compiles under `-std=c11 -Wall -Wextra -Werror -pedantic`.
 */
import { resultsLayout } from '../abi/vmctx.js';
import { ExternKind, ValType, valTypeName, type FuncType, type ModuleInfo } from '../translate/types.js';
import { isCIdentifier, mangleExportName } from './mangle.js';

/**
 * Never used as parameter names: C11 keywords, GNU keywords and predefined macros, the
 * lowercase object-like macros of the standard headers a program may include before this
 * one, and the names the prototypes use themselves.
 */
const UNUSABLE_NAMES: ReadonlySet<string> = new Set(
  (
    'auto break case char const continue default do double else enum extern float for goto if inline int long ' +
    'register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while ' +
    'asm typeof linux unix i386 ' +
    'bool true false errno stdin stdout stderr complex imaginary alignas alignof noreturn static_assert thread_local ' +
    'vmctx results'
  ).split(' '),
);

function cType(t: number): string {
  switch (t) {
    case ValType.I32: return 'int32_t';
    case ValType.I64: return 'int64_t';
    case ValType.F32: return 'float';
    case ValType.F64: return 'double';
    case ValType.V128: return '__m128i';
    case ValType.FuncRef: return 'struct w2o_funcref *';
    case ValType.ExternRef: return 'void *';
    default: throw new Error(`link: no C type for value type 0x${t.toString(16)}`);
  }
}

/** `type name`, without a space after a pointer's `*`. */
const declare = (t: number, name: string) => {
  const c = cType(t);
  return c.endsWith('*') ? `${c}${name}` : `${c} ${name}`;
};

const signature = (t: FuncType) =>
  `(${Array.from(t.params, valTypeName).join(', ')}) -> (${Array.from(t.results, valTypeName).join(', ')})`;

/** Parameter names from the name section when they are all usable and distinct, else p0, p1, ... */
function paramNames(m: ModuleInfo, funcIndex: number, count: number): string[] {
  const locals = m.names.localNames.get(funcIndex);
  const fallback = Array.from({ length: count }, (_, i) => `p${i}`);
  if (locals === undefined) return fallback;
  const names = fallback.map((p, i) => {
    const n = locals.get(i);
    return n !== undefined && /^[a-z][a-z0-9_]*$/.test(n) && !UNUSABLE_NAMES.has(n) && !/^p\d+$/.test(n) ? n : p;
  });
  return new Set(names).size === names.length ? names : fallback;
}

/** A wasm name as a JSON string that cannot end or open a C comment. */
const commentSafe = (s: string) => JSON.stringify(s).replace(/\*\//g, '*\\/').replace(/\/\*/g, '/\\*');

export function generateModuleHeader(m: ModuleInfo, prefix: string): string {
  if (!isCIdentifier(prefix)) throw new Error(`link: prefix '${prefix}' is not a C identifier`);
  const exports = m.exports.filter((e) => e.kind === ExternKind.Func && e.index >= m.numImportedFuncs);
  const usesV128 = exports.some((e) => {
    const t = m.types[m.funcTypes[e.index]!]!;
    return t.params.includes(ValType.V128) || t.results.includes(ValType.V128);
  });
  const guard = `W2O_MODULE_${prefix}_H`;
  const out: string[] = [
    '/*',
    ` * The wasm2obj module \`${prefix}\`: its descriptor, its exported functions, and a helper`,
    ' * that instantiates it. Generated by wasm2obj: do not edit.',
    ' *',
    ` * struct w2o_instance *inst = ${prefix}_instantiate(resolve, ctx, &err);`,
    ' * then call an export with the instance\'s vmctx as first argument. Exports run outside',
    ' * any guarded call: wrap calls in w2o_call_guarded to catch traps.',
    ' */',
    `#ifndef ${guard}`,
    `#define ${guard}`,
    '',
    '#include <stddef.h>',
    '#include <stdint.h>',
  ];
  if (usesV128) out.push('#include <emmintrin.h>');
  out.push(
    '',
    '#include "w2o.h"',
    '',
    '/* The module descriptor and the start of the module\'s code, for w2o_instantiate. */',
    `extern const unsigned char ${prefix}_module[];`,
    `extern const char ${prefix}_text[];`,
    '',
  );
  for (const e of exports) {
    const type = m.types[m.funcTypes[e.index]!]!;
    const fn = `${prefix}_${mangleExportName(e.name)}`;
    const args = ['void *vmctx'];
    let ret = 'void ';
    out.push(`/* export ${commentSafe(e.name)}: ${signature(type)} */`);
    if (type.results.length === 1) {
      ret = declare(type.results[0]!, '');
    } else if (type.results.length > 1) {
      const tag = `${fn}_results`;
      const layout = resultsLayout(type.results);
      out.push(`struct ${tag} {`);
      type.results.forEach((t, i) => out.push(`  ${declare(t, `r${i}`)};`));
      out.push('};');
      type.results.forEach((_, i) =>
        out.push(`_Static_assert(offsetof(struct ${tag}, r${i}) == ${layout.offsets[i]}, "results area of ${fn}: r${i}");`),
      );
      out.push(`_Static_assert(sizeof(struct ${tag}) == ${layout.size}, "results area of ${fn}: size");`);
      args.push(`struct ${tag} *results`);
    }
    const names = paramNames(m, e.index, type.params.length);
    type.params.forEach((t, i) => args.push(declare(t, names[i]!)));
    out.push(`${ret}${fn}(${args.join(', ')});`, '');
  }
  out.push(
    '/* Instantiates the module: imports are resolved through `resolve`; NULL and `err` filled in on failure. */',
    `static inline struct w2o_instance *${prefix}_instantiate(w2o_resolve_fn resolve, void *ctx, struct w2o_error *err) {`,
    `  return w2o_instantiate(${prefix}_module, ${prefix}_text, resolve, ctx, err);`,
    '}',
    '',
    `#endif /* ${guard} */`,
    '',
  );
  return out.join('\n');
}
