/*
 * Driver of the link test's object (test/fixtures-link/program.ts, prefix `lk`): calls the
 * exported functions through their global symbols, and the type-0 trampoline found from
 * the descriptor (the test's stand-in descriptor: u32 words `magic, text_size, then the
 * text offset of each defined function, then of the trampolines of types 0 and 1`).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

extern const unsigned char lk_module[];
extern const char lk_text[];

int32_t lk_outer(void *vmctx, int32_t x);
int32_t lk_leaf_x2e_fn(void *vmctx, int32_t x);
int32_t lk_modul_x65_(void *vmctx, int32_t x); /* export "module": func "mid" */

struct lk_pair_results {
  int32_t r0;
  int64_t r1;
};
void lk_pair(void *vmctx, struct lk_pair_results *results, int32_t a, int64_t b);

enum { NUM_DEFINED = 5, LEAF = 0 };

static uint32_t word(unsigned i) {
  uint32_t w;
  memcpy(&w, lk_module + 4 * i, sizeof w);
  return w;
}

typedef void trampoline_fn(void *vmctx, const void *code, uint64_t values[][2]);

int main(void) {
  printf("outer %d\n", lk_outer(NULL, 5));
  printf("leaf %d\n", lk_leaf_x2e_fn(NULL, 41));
  printf("mid %d\n", lk_modul_x65_(NULL, 1));

  struct lk_pair_results r = {0, 0};
  lk_pair(NULL, &r, -7, INT64_C(1234567890123));
  printf("pair %d %lld\n", r.r0, (long long)r.r1);

  if (word(0) != 0x42555453u) return 2;
  trampoline_fn *tramp = (trampoline_fn *)(uintptr_t)(lk_text + word(2 + NUM_DEFINED));
  uint64_t values[1][2] = {{99, 0}};
  tramp(NULL, lk_text + word(2 + LEAF), values);
  printf("trampoline %d\n", (int32_t)values[0][0]);
  return 0;
}
