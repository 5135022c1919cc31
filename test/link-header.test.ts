/**
 * The C header of a module (src/link/c-header.ts): prototypes per the calling convention
 * for every value type, the results struct of multi-value exports pinned to
 * `resultsLayout` by static assertions that the C compiler checks (and that fail when the
 * layout is wrong), parameter names, mangled export names, and compilation under
 * `gcc -std=c11 -Wall -Wextra -Werror -pedantic` with the runtime's w2o.h.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTempDir, tool } from './fixtures-elf/tools.js';
import { RUNTIME_INCLUDE } from './fixtures-runtime/build.js';
import { requireTools } from './fixtures-unwind/tools.js';
import { EXTERNREF, F32, F64, FUNCREF, I32, I64, Kind, ModuleBuilder, Op, V128, nameSectionPayload } from './helpers/wasm-builder.js';
import { resultsLayout } from '../src/abi/index.js';
import { generateModuleHeader } from '../src/link/index.js';
import { decodeModule, type ModuleInfo } from '../src/translate/index.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  requireTools('gcc');
  tmp = makeTempDir('link-header');
});
afterAll(() => tmp?.remove());

const C_FLAGS = ['-std=c11', '-Wall', '-Wextra', '-Werror', '-pedantic', `-I${RUNTIME_INCLUDE}`];

/** Compiles `header` (as `name.h`) and a C file that includes it twice; returns gcc's result. */
function compileHeader(name: string, header: string, body = ''): { status: number | null; stderr: string } {
  writeFileSync(join(tmp.dir, `${name}.h`), header);
  const c = join(tmp.dir, `${name}.c`);
  writeFileSync(c, `#include "${name}.h"\n#include "${name}.h"\n${body}\nint main(void) { return 0; }\n`);
  const r = tool('gcc', [...C_FLAGS, `-I${tmp.dir}`, '-c', c, '-o', join(tmp.dir, `${name}.o`)]);
  return { status: r.status, stderr: r.stderr };
}

/** Every kind of signature, and names that need care. */
function typesModule(): ModuleInfo {
  const b = new ModuleBuilder();
  const tImp = b.addType([I32], []);
  b.addImport('env', 'imp', { kind: 'func', type: tImp });
  const sigs: [string, number[], number[]][] = [
    ['none', [], []],
    ['scalars', [I32, I64, F32, F64], [F64]],
    ['multi', [I32], [I32, F64, I64, F32, I32]],
    ['refs', [FUNCREF, EXTERNREF], [FUNCREF]],
    ['extern_result', [], [EXTERNREF]],
    ['vec', [V128, I32], [V128]],
    ['vec_multi', [], [I32, V128, F32]],
    ['named', [I32, I64, F32], [I64]],
    ['keyword_names', [I32, I32], []],
    ['dup_names', [I32, I32], []],
  ];
  const funcs = sigs.map(([name, params, results]) => {
    const f = b.addFunction(b.addType(params, results), [Op.unreachable]);
    b.addExport(name, Kind.Func, f);
    return f;
  });
  b.addExport('a.b', Kind.Func, funcs[0]!);
  b.addExport('module', Kind.Func, funcs[0]!);
  b.addExport('imp', Kind.Func, 0);
  b.addMemory({ min: 0 });
  b.addExport('memory', Kind.Memory, 0);
  const at = (n: string) => funcs[sigs.findIndex((s) => s[0] === n)]!;
  b.addCustom(
    'name',
    nameSectionPayload({
      locals: [
        [at('named'), [[0, 'count'], [1, 'total_bytes'], [2, 'Ratio']]],
        [at('keyword_names'), [[0, 'int'], [1, 'linux']]],
        [at('dup_names'), [[0, 'x'], [1, 'x']]],
      ],
    }),
  );
  return decodeModule(b.toBytes());
}

describe('generateModuleHeader', () => {
  const m = typesModule();
  const header = generateModuleHeader(m, 'tm');

  test('declares the descriptor, the text and the instantiate helper', () => {
    expect(header).toContain('#include "w2o.h"');
    expect(header).toContain('extern const unsigned char tm_module[];\nextern const char tm_text[];\n');
    expect(header).toContain(
      'static inline struct w2o_instance *tm_instantiate(w2o_resolve_fn resolve, void *ctx, struct w2o_error *err) {\n' +
        '  return w2o_instantiate(tm_module, tm_text, resolve, ctx, err);\n}',
    );
  });

  test('prototypes follow the calling convention', () => {
    const protos = header.split('\n').filter((l) => /^[a-z_].*\);$/.test(l) && !l.startsWith('_Static_assert'));
    expect(protos).toEqual([
      'void tm_none(void *vmctx);',
      'double tm_scalars(void *vmctx, int32_t p0, int64_t p1, float p2, double p3);',
      'void tm_multi(void *vmctx, struct tm_multi_results *results, int32_t p0);',
      'struct w2o_funcref *tm_refs(void *vmctx, struct w2o_funcref *p0, void *p1);',
      'void *tm_extern_result(void *vmctx);',
      '__m128i tm_vec(void *vmctx, __m128i p0, int32_t p1);',
      'void tm_vec_multi(void *vmctx, struct tm_vec_multi_results *results);',
      // Lowercase identifiers from the name section; "Ratio" is not one.
      'int64_t tm_named(void *vmctx, int32_t count, int64_t total_bytes, float p2);',
      'void tm_keyword_names(void *vmctx, int32_t p0, int32_t p1);',
      'void tm_dup_names(void *vmctx, int32_t p0, int32_t p1);',
      'void tm_a_x2e_b(void *vmctx);',
      'void tm_modul_x65_(void *vmctx);',
    ]);
    // The re-exported import has no code in the object, hence no prototype.
    expect(header).not.toMatch(/tm_imp\b/);
  });

  test('a results struct per multi-value export, its offsets asserted from resultsLayout', () => {
    const multi = resultsLayout(Uint8Array.of(I32, F64, I64, F32, I32));
    expect(multi).toEqual({ offsets: [0, 8, 16, 24, 28], size: 32 });
    expect(header).toContain(
      [
        'struct tm_multi_results {',
        '  int32_t r0;',
        '  double r1;',
        '  int64_t r2;',
        '  float r3;',
        '  int32_t r4;',
        '};',
        ...multi.offsets.map((o, i) => `_Static_assert(offsetof(struct tm_multi_results, r${i}) == ${o}, "results area of tm_multi: r${i}");`),
        '_Static_assert(sizeof(struct tm_multi_results) == 32, "results area of tm_multi: size");',
      ].join('\n'),
    );
    expect(header).toContain('_Static_assert(offsetof(struct tm_vec_multi_results, r1) == 16,');
    expect(header).toContain('_Static_assert(sizeof(struct tm_vec_multi_results) == 48,');
  });

  test('compiles without a warning under -std=c11 -Wall -Wextra -Werror -pedantic, and calls type-check', () => {
    const r = compileHeader(
      'tm',
      header,
      [
        'double use(void *vm) {',
        '  struct tm_multi_results r;',
        '  tm_multi(vm, &r, 1);',
        '  return tm_scalars(vm, r.r0, r.r2, r.r3, r.r1) + (double)tm_named(vm, 1, 2, 3.0f);',
        '}',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test('the static assertions fail when the C layout differs from resultsLayout', () => {
    const broken = header.replace('offsetof(struct tm_multi_results, r2) == 16', 'offsetof(struct tm_multi_results, r2) == 12');
    expect(broken).not.toBe(header);
    const r = compileHeader('broken', broken);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('results area of tm_multi: r2');
  });

  test('<emmintrin.h> only when a v128 is in an export', () => {
    expect(header).toContain('#include <emmintrin.h>');
    const b = new ModuleBuilder();
    b.addExport('f', Kind.Func, b.addFunction(b.addType([I32], [I32]), [Op.local_get, 0]));
    const plain = generateModuleHeader(decodeModule(b.toBytes()), 'plain');
    expect(plain).not.toContain('emmintrin');
    expect(plain).toContain('int32_t plain_f(void *vmctx, int32_t p0);');
    expect(compileHeader('plain', plain).stderr).toBe('');
  });

  test('deterministic, and refuses a prefix that is not a C identifier', () => {
    expect(generateModuleHeader(typesModule(), 'tm')).toBe(header);
    expect(() => generateModuleHeader(m, '1x')).toThrow(/not a C identifier/);
  });
});
