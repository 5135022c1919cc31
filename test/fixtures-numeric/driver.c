/*
 * The numeric tests' C driver: runs jobs against the test functions of the object that
 * test/fixtures-numeric/harness.ts writes (prefix `num`), each under w2o_call_guarded so
 * that a trap comes back as its code.
 *
 *   driver JOBS RESULTS
 *
 * JOBS is an array of struct job, RESULTS receives one struct result per job. Every test
 * function has the signature of test_fn: raw operand bits in, and in out[0] the result's
 * bits, in out[1] two masks of registers the emitted code changed but should not have
 * (GPRs in the low 32 bits, xmm registers in the high 32).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "w2o.h"

extern const unsigned char num_text_start[], num_text_end[];
extern const struct w2o_trap_site num_trap_sites[];
extern const uint32_t num_trap_site_count;
extern const uint32_t num_func_offsets[];
extern const uint32_t num_func_count;

typedef void test_fn(uint64_t a, uint64_t b, uint64_t *out);

struct job {
  uint32_t func, reserved;
  uint64_t a, b;
};

struct result {
  uint32_t trap, gpr_changed, xmm_changed, reserved;
  uint64_t value;
};

struct call {
  test_fn *fn;
  uint64_t a, b;
  uint64_t out[2];
};

static void run_call(void *p) {
  struct call *c = p;
  c->fn(c->a, c->b, c->out);
}

static void fail(const char *what) {
  fprintf(stderr, "numeric driver: %s\n", what);
  exit(2);
}

static void *read_all(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) fail("cannot open the jobs");
  if (fseek(f, 0, SEEK_END) != 0) fail("seek");
  long n = ftell(f);
  if (n < 0 || fseek(f, 0, SEEK_SET) != 0) fail("tell");
  void *data = malloc((size_t)n + 1);
  if (data == NULL || fread(data, 1, (size_t)n, f) != (size_t)n) fail("cannot read the jobs");
  fclose(f);
  *size = (size_t)n;
  return data;
}

int main(int argc, char **argv) {
  if (argc != 3) fail("usage: driver JOBS RESULTS");
  struct w2o_code_info code = {
      .text_start = num_text_start,
      .text_size = (size_t)(num_text_end - num_text_start),
      .sites = num_trap_sites,
      .n_sites = num_trap_site_count,
  };
  if (w2o_register_code(&code) != 0) fail("w2o_register_code");

  size_t size;
  struct job *jobs = read_all(argv[1], &size);
  size_t n = size / sizeof *jobs;
  struct result *results = calloc(n + 1, sizeof *results);
  if (results == NULL) fail("out of memory");

  for (size_t i = 0; i < n; i++) {
    if (jobs[i].func >= num_func_count) fail("no such function");
    const unsigned char *entry = num_text_start + num_func_offsets[jobs[i].func];
    struct call c = {.a = jobs[i].a, .b = jobs[i].b};
    memcpy(&c.fn, &entry, sizeof c.fn); /* ISO C has no cast from data to function pointers */
    struct w2o_trap_info info;
    int trap = w2o_call_guarded(run_call, &c, &info);
    if (trap < 0) fail("w2o_call_guarded");
    results[i].trap = (uint32_t)trap;
    results[i].gpr_changed = (uint32_t)c.out[1];
    results[i].xmm_changed = (uint32_t)(c.out[1] >> 32);
    results[i].value = c.out[0];
  }

  FILE *out = fopen(argv[2], "wb");
  if (out == NULL || fwrite(results, sizeof *results, n, out) != n || fclose(out) != 0) fail("cannot write the results");
  free(results);
  free(jobs);
  return 0;
}
