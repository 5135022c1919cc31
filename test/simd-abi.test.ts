/**
 * v128 across the C boundary (contract 1): a v128 parameter or result is an `__m128i`, passed
 * as System V passes it (the next of xmm0-7, then the stack at a 16-aligned offset; a
 * single result in xmm0; several through the results struct, 16-aligned). A C program
 * calls the exports through the generated header's prototypes and through w2o_invoke
 * (the trampolines), and wasm calls wasm with v128 arguments in registers and on the
 * stack. Values pass through untouched, so every lane's bits are checked. Both CPU levels.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTempDir } from './fixtures-elf/tools.js';
import { REPO, RUNTIME_INCLUDE } from './fixtures-runtime/build.js';
import { wat2wasm } from './helpers/wabt.js';
import { resolveTargetCpu } from '../src/cli/target-cpu.js';

const CLI = join(REPO, 'dist/src/cli/main.js');
const LIBW2O = join(REPO, 'runtime/build/libw2o.a');

/**
 * `many` takes 10 v128s among scalars: xmm0-7 hold the first eight vector-class values
 * (v1 v2 f v3 v4 v5 v6 v7, with the f64 in between), the rest go to the stack: v8 at 0,
 * the i64 beyond the six integer registers... (the i32/i64s all fit registers), v9 at 16,
 * the f32 at 32, v10 at 48 (16-aligned, leaving a gap).
 */
const MANY = '(param $sel i32) (param $v1 v128) (param $f f64) (param $v2 v128) (param $v3 v128) (param $v4 v128) (param $v5 v128) (param $v6 v128) (param $v7 v128) (param $v8 v128) (param $l i64) (param $v9 v128) (param $g f32) (param $v10 v128)';
const V_PARAMS = ['$v1', '$v2', '$v3', '$v4', '$v5', '$v6', '$v7', '$v8', '$v9', '$v10'];

const WAT = `(module
  (type $many (func ${MANY} (result v128)))
  (global $g (mut v128) (v128.const i32x4 0x11111111 0x22222222 0x33333333 0x44444444))
  (func (export "id") (param v128) (result v128) (local.get 0))
  ${V_PARAMS.map((p, i) => `(func $p${i + 1} (export "p${i + 1}") (type $many) ${MANY} (result v128) (local.get ${p}))`).join('\n  ')}
  (func (export "f_of_many") ${MANY} (result f64) (local.get $f))
  (func (export "g_of_many") ${MANY} (result f32) (local.get $g))
  (func (export "l_of_many") ${MANY} (result i64) (local.get $l))
  ;; wasm to wasm, the last argument on the stack: forwards everything to $p10
  (func (export "call_p10") (type $many) ${MANY} (result v128)
    (call $p10 ${['$sel', '$v1', '$f', ...V_PARAMS.slice(1, 8), '$l', '$v9', '$g', '$v10'].map((p) => `(local.get ${p})`).join(' ')}))
  ;; several results: v128s 16-aligned in the results struct
  (func $swap (export "swap") (param v128 i32 v128 f32) (result f32 v128 i32 v128)
    (local.get 3) (local.get 2) (local.get 1) (local.get 0))
  (func (export "call_swap") (param v128 v128) (result v128 v128) (local $a v128) (local $b v128)
    (call $swap (local.get 0) (i32.const 7) (local.get 1) (f32.const 1.5))
    (local.set $b) (drop) (local.set $a) (drop) (local.get $a) (local.get $b))
  ;; globals, locals zeroed, blocks and select carrying v128s
  (func (export "global_swap") (param v128) (result v128) (global.get $g) (global.set $g (local.get 0)))
  (func (export "zero_local") (result v128) (local v128 v128 v128 i32 v128) (local.get 4))
  (func (export "pick") (param v128 v128 i32) (result v128)
    (block (result v128) (local.get 0) (local.get 2) (br_if 0) (drop) (local.get 1)))
  (func (export "select") (param v128 v128 i32) (result v128) (select (local.get 0) (local.get 1) (local.get 2)))
)`;

/** The C program: every call's result compared with what it must be, one line each. */
const DRIVER = `#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <emmintrin.h>
#include "abi.h"

static __m128i v(int k) { return _mm_set_epi32(0x1000 * k + 3, 0x1000 * k + 2, 0x1000 * k + 1, 0x1000 * k); }
static int same(__m128i a, __m128i b) { return memcmp(&a, &b, 16) == 0; }
static int resolve(void *ctx, const char *m, size_t ml, const char *n, size_t nl, uint32_t k, struct w2o_extern *out) {
  (void)ctx; (void)m; (void)ml; (void)n; (void)nl; (void)k; (void)out;
  return -1;
}
#define MANY(f) f(vm, 3, v(1), 2.5, v(2), v(3), v(4), v(5), v(6), v(7), v(8), INT64_C(0x123456789abcdef), v(9), 0.75f, v(10))
#define CHECK(what, ok) printf("%s %s\\n", what, (ok) ? "ok" : "WRONG")

int main(void) {
  struct w2o_error err;
  struct w2o_instance *inst = abi_instantiate(resolve, NULL, &err);
  if (inst == NULL) { printf("instantiate: %s\\n", err.message); return 1; }
  void *vm = w2o_instance_vmctx(inst);
  CHECK("id", same(abi_id(vm, v(42)), v(42)));
  CHECK("p1", same(MANY(abi_p1), v(1)));
  CHECK("p2", same(MANY(abi_p2), v(2)));
  CHECK("p3", same(MANY(abi_p3), v(3)));
  CHECK("p4", same(MANY(abi_p4), v(4)));
  CHECK("p5", same(MANY(abi_p5), v(5)));
  CHECK("p6", same(MANY(abi_p6), v(6)));
  CHECK("p7", same(MANY(abi_p7), v(7)));
  CHECK("p8", same(MANY(abi_p8), v(8)));
  CHECK("p9", same(MANY(abi_p9), v(9)));
  CHECK("p10", same(MANY(abi_p10), v(10)));
  CHECK("f", MANY(abi_f_of_many) == 2.5);
  CHECK("g", MANY(abi_g_of_many) == 0.75f);
  CHECK("l", MANY(abi_l_of_many) == INT64_C(0x123456789abcdef));
  CHECK("call_p10", same(MANY(abi_call_p10), v(10)));
  struct abi_swap_results s;
  abi_swap(vm, &s, v(1), 5, v(2), 1.25f);
  CHECK("swap", s.r0 == 1.25f && same(s.r1, v(2)) && s.r2 == 5 && same(s.r3, v(1)));
  struct abi_call_swap_results cs;
  abi_call_swap(vm, &cs, v(3), v(4));
  CHECK("call_swap", same(cs.r0, v(4)) && same(cs.r1, v(3)));
  CHECK("global_swap", same(abi_global_swap(vm, v(5)), _mm_set_epi32(0x44444444, 0x33333333, 0x22222222, 0x11111111)));
  CHECK("global_swap again", same(abi_global_swap(vm, v(6)), v(5)));
  CHECK("zero_local", same(abi_zero_local(vm), _mm_setzero_si128()));
  CHECK("pick 1", same(abi_pick(vm, v(1), v(2), 1), v(1)));
  CHECK("pick 0", same(abi_pick(vm, v(1), v(2), 0), v(2)));
  CHECK("select 1", same(abi_select(vm, v(1), v(2), 1), v(1)));
  CHECK("select 0", same(abi_select(vm, v(1), v(2), 0), v(2)));

  /* Through the trampolines: parameters and results in w2o_val slots. */
  w2o_val vals[14];
  memset(vals, 0, sizeof vals);
  vals[0].i32 = 3;
  for (int k = 1, i = 1; i < 14; i++) {
    if (i == 2) vals[i].f64 = 2.5;
    else if (i == 10) vals[i].i64 = INT64_C(0x123456789abcdef);
    else if (i == 12) vals[i].f32 = 0.75f;
    else { __m128i x = v(k++); memcpy(vals[i].v128, &x, 16); }
  }
  w2o_val copy[14];
  memcpy(copy, vals, sizeof vals);
  struct w2o_trap_info trap;
  int rc = w2o_invoke(inst, "p10", 3, copy, &trap);
  __m128i ten = v(10);
  CHECK("invoke p10", rc == 0 && memcmp(copy[0].v128, &ten, 16) == 0);
  memcpy(copy, vals, sizeof vals);
  rc = w2o_invoke(inst, "p9", 2, copy, &trap);
  __m128i nine = v(9);
  CHECK("invoke p9", rc == 0 && memcmp(copy[0].v128, &nine, 16) == 0);
  w2o_val sw[4];
  __m128i one = v(1), two = v(2);
  memcpy(sw[0].v128, &one, 16);
  sw[1].i32 = 5;
  memcpy(sw[2].v128, &two, 16);
  sw[3].f32 = 1.25f;
  rc = w2o_invoke(inst, "swap", 4, sw, &trap);
  CHECK("invoke swap", rc == 0 && sw[0].f32 == 1.25f && memcmp(sw[1].v128, &two, 16) == 0 && sw[2].i32 == 5 &&
                           memcmp(sw[3].v128, &one, 16) == 0);
  w2o_instance_free(inst);
  return 0;
}
`;

const CHECKS = [
  'id', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10', 'f', 'g', 'l', 'call_p10', 'swap', 'call_swap',
  'global_swap', 'global_swap again', 'zero_local', 'pick 1', 'pick 0', 'select 1', 'select 0',
  'invoke p10', 'invoke p9', 'invoke swap',
];

let tmp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  tmp = makeTempDir('simd-abi');
  writeFileSync(join(tmp.dir, 'abi.wasm'), wat2wasm(WAT));
  writeFileSync(join(tmp.dir, 'driver.c'), DRIVER);
});
afterAll(() => tmp?.remove());

const levels = resolveTargetCpu('native') >= 3 ? ['x86-64-v2', 'x86-64-v3'] : ['x86-64-v2'];

describe.each(levels)('compiled for %s', (level) => {
  test('C calls v128 exports as __m128i, directly and through w2o_invoke', () => {
    const dir = tmp.dir;
    const obj = join(dir, `abi-${level}.o`);
    const compiled = spawnSync(process.execPath, [CLI, join(dir, 'abi.wasm'), '-o', obj, '--header', join(dir, 'abi.h'), '--prefix', 'abi', '--target-cpu', level], {
      encoding: 'utf8',
    });
    expect(compiled.stderr).toBe('');
    const exe = join(dir, `abi-${level}`);
    const cc = spawnSync('cc', ['-std=c11', '-Wall', '-Wextra', '-Werror', '-O1', `-I${RUNTIME_INCLUDE}`, `-I${dir}`, join(dir, 'driver.c'), obj, LIBW2O, '-lpthread', '-o', exe], {
      encoding: 'utf8',
    });
    expect(cc.stderr).toBe('');
    const run = spawnSync(exe, [], { encoding: 'utf8' });
    expect(run.stdout).toBe(CHECKS.map((c) => `${c} ok\n`).join(''));
    expect(run.status).toBe(0);
  });
});
