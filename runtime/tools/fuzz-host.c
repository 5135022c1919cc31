/*
 * fuzz-host.c: runs one compiled module the way the differential fuzzer (fuzz/) runs it
 * in V8, and prints what happened in the same words, so the two transcripts compare line
 * by line.
 *
 *   w2o-fuzz-host OBJECT PLAN MEMORY-OUT
 *
 * Loads OBJECT with the mmap loader and instantiates it with the imports of binaryen's
 * fuzzer (module "fuzzing-support": log-i32, log-i64, log-f32, log-f64, log-v128), each of which
 * prints its argument. Then follows PLAN, one request per line:
 *
 *   call ID xNAME VALUE...   invoke the function export NAME with the given arguments
 *   global xNAME             print the value of the global export NAME
 *   memory xNAME             write the bytes of the memory export NAME to MEMORY-OUT
 *
 * Names are hex-encoded (`x` and two digits per byte), values are `TYPE:TEXT` with
 * i32/i64 in decimal and f32/f64 as their bits in hex. Output, on standard output:
 *
 *   instantiate-error KIND MESSAGE    instantiation failed (nothing else follows)
 *   call ID                           before each call, then what the call logged:
 *   log VALUE                         one line per call of a log import
 *   return VALUE...                   its results, or
 *   trap CODE                         the trap code (enum w2o_trap_code) that ended it
 *   global xNAME VALUE
 *   memory xNAME SIZE
 *
 * A float value prints as `f32:nan` / `f64:nan` when it is a NaN of any payload: V8 hands
 * floats to JavaScript as numbers, which do not keep payloads. Exit status 0, or 1 on a
 * usage error or a plan line that cannot be followed.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <emmintrin.h>

#include "w2o.h"

static _Noreturn void fail(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("w2o-fuzz-host: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(1);
}

static void print_value(const w2o_val *v, uint8_t type) {
  switch (type) {
    case 0x7f: printf("i32:%" PRId32, v->i32); break;
    case 0x7e: printf("i64:%" PRId64, v->i64); break;
    case 0x7d: {
      uint32_t bits;
      memcpy(&bits, &v->f32, 4);
      if (isnan(v->f32)) printf("f32:nan");
      else printf("f32:0x%08" PRIx32, bits);
      break;
    }
    case 0x7c: {
      uint64_t bits;
      memcpy(&bits, &v->f64, 8);
      if (isnan(v->f64)) printf("f64:nan");
      else printf("f64:0x%016" PRIx64, bits);
      break;
    }
    default: printf("ref:%s", v->ref == NULL ? "null" : "nonnull"); break;
  }
}

/* ---- the fuzzing-support imports ------------------------------------------------------ */

static void log_i32(void *ctx, int32_t x) {
  (void)ctx;
  w2o_val v = {.i32 = x};
  fputs("log ", stdout);
  print_value(&v, 0x7f);
  putchar('\n');
}
static void log_i64(void *ctx, int64_t x) {
  (void)ctx;
  w2o_val v = {.i64 = x};
  fputs("log ", stdout);
  print_value(&v, 0x7e);
  putchar('\n');
}
static void log_f32(void *ctx, float x) {
  (void)ctx;
  w2o_val v = {.f32 = x};
  fputs("log ", stdout);
  print_value(&v, 0x7d);
  putchar('\n');
}
static void log_f64(void *ctx, double x) {
  (void)ctx;
  w2o_val v = {.f64 = x};
  fputs("log ", stdout);
  print_value(&v, 0x7c);
  putchar('\n');
}

/* A v128 prints as its four 32-bit lanes in hex, lane 0 first: its bits, whatever the shape. */
static void log_v128(void *ctx, __m128i x) {
  (void)ctx;
  uint32_t lanes[4];
  memcpy(lanes, &x, sizeof lanes);
  printf("log v128:%08" PRIx32 "_%08" PRIx32 "_%08" PRIx32 "_%08" PRIx32 "\n", lanes[0], lanes[1], lanes[2], lanes[3]);
}

/* A C function's address as the data pointer w2o_host_func takes. */
#define CODE_PTR(f) (*(void **)&(void (*[1])(void)){(void (*)(void))(f)})

struct log_import {
  const char *name;
  void *code;
  uint8_t type;
  struct w2o_funcref *ref;
};
#define N_LOG_IMPORTS 5
static struct log_import log_imports[N_LOG_IMPORTS];

static int resolve(void *ctx, const char *module, size_t module_len, const char *name, size_t name_len, uint32_t kind,
                   struct w2o_extern *out) {
  (void)ctx;
  static const char support[] = "fuzzing-support";
  if (kind != W2O_EXTERN_FUNC || module_len != sizeof support - 1 || memcmp(module, support, module_len) != 0) return -1;
  for (size_t i = 0; i < N_LOG_IMPORTS; i++) {
    struct log_import *l = &log_imports[i];
    if (strlen(l->name) != name_len || memcmp(l->name, name, name_len) != 0) continue;
    if (l->ref == NULL) l->ref = w2o_host_func(l->code, NULL, &l->type, 1, NULL, 0);
    if (l->ref == NULL) fail("out of memory");
    out->kind = W2O_EXTERN_FUNC;
    out->u.func = l->ref;
    return 0;
  }
  return -1;
}

/* ---- the plan ------------------------------------------------------------------------- */

/* Decodes `x` + hex pairs into buf (NUL-terminated); returns the length, or -1. */
static long decode_name(const char *tok, char *buf, size_t cap) {
  if (tok[0] != 'x') return -1;
  size_t n = strlen(tok + 1);
  if (n % 2 != 0 || n / 2 + 1 > cap) return -1;
  for (size_t i = 0; i < n / 2; i++) {
    unsigned byte;
    if (sscanf(tok + 1 + 2 * i, "%2x", &byte) != 1) return -1;
    buf[i] = (char)byte;
  }
  buf[n / 2] = '\0';
  return (long)(n / 2);
}

static int parse_value(const char *tok, uint8_t type, w2o_val *v) {
  memset(v, 0, sizeof *v);
  char *end;
  errno = 0;
  switch (type) {
    case 0x7f:
      if (strncmp(tok, "i32:", 4) != 0) return -1;
      v->i32 = (int32_t)strtol(tok + 4, &end, 10);
      break;
    case 0x7e:
      if (strncmp(tok, "i64:", 4) != 0) return -1;
      v->i64 = (int64_t)strtoll(tok + 4, &end, 10);
      break;
    case 0x7d: {
      if (strncmp(tok, "f32:", 4) != 0) return -1;
      uint32_t bits = (uint32_t)strtoul(tok + 4, &end, 16);
      memcpy(&v->f32, &bits, 4);
      break;
    }
    case 0x7c: {
      if (strncmp(tok, "f64:", 4) != 0) return -1;
      uint64_t bits = (uint64_t)strtoull(tok + 4, &end, 16);
      memcpy(&v->f64, &bits, 8);
      break;
    }
    default: return -1;
  }
  return errno == 0 && *end == '\0' ? 0 : -1;
}

#define MAX_TOKENS 1024

static void do_call(struct w2o_instance *inst, char **tok, size_t n) {
  char name[4096];
  long len = n >= 3 ? decode_name(tok[2], name, sizeof name) : -1;
  if (len < 0) fail("bad call line");
  const uint8_t *params, *results;
  size_t n_params, n_results;
  if (w2o_export_func_type(inst, name, (size_t)len, &params, &n_params, &results, &n_results) != 0)
    fail("no function export \"%s\"", name);
  if (n - 3 != n_params) fail("\"%s\" takes %zu arguments", name, n_params);
  w2o_val values[MAX_TOKENS];
  if (n_results > MAX_TOKENS) fail("too many results");
  for (size_t i = 0; i < n_params; i++)
    if (parse_value(tok[3 + i], params[i], &values[i]) != 0) fail("bad argument %s", tok[3 + i]);
  printf("call %s\n", tok[1]);
  struct w2o_trap_info trap;
  int rc = w2o_invoke(inst, name, (size_t)len, values, &trap);
  if (rc < 0) fail("w2o_invoke refused \"%s\"", name);
  if (rc > 0) {
    printf("trap %d\n", rc);
    return;
  }
  fputs("return", stdout);
  for (size_t i = 0; i < n_results; i++) {
    putchar(' ');
    print_value(&values[i], results[i]);
  }
  putchar('\n');
}

static void do_global(struct w2o_instance *inst, char **tok, size_t n) {
  char name[4096];
  long len = n == 2 ? decode_name(tok[1], name, sizeof name) : -1;
  struct w2o_extern e;
  if (len < 0 || w2o_instance_export(inst, name, (size_t)len, &e) != 0 || e.kind != W2O_EXTERN_GLOBAL)
    fail("bad global line");
  printf("global %s ", tok[1]);
  print_value(e.u.global.cell, e.u.global.type);
  putchar('\n');
}

static void do_memory(struct w2o_instance *inst, char **tok, size_t n, const char *out_path) {
  char name[4096];
  long len = n == 2 ? decode_name(tok[1], name, sizeof name) : -1;
  struct w2o_extern e;
  if (len < 0 || w2o_instance_export(inst, name, (size_t)len, &e) != 0 || e.kind != W2O_EXTERN_MEMORY)
    fail("bad memory line");
  FILE *f = fopen(out_path, "wb");
  if (f == NULL || fwrite(e.u.memory->base, 1, e.u.memory->size, f) != e.u.memory->size || fclose(f) != 0)
    fail("cannot write %s: %s", out_path, strerror(errno));
  printf("memory %s %" PRIu64 "\n", tok[1], e.u.memory->size);
}

int main(int argc, char **argv) {
  if (argc != 4) fail("usage: w2o-fuzz-host OBJECT PLAN MEMORY-OUT");
  log_imports[0] = (struct log_import){"log-i32", CODE_PTR(log_i32), 0x7f, NULL};
  log_imports[1] = (struct log_import){"log-i64", CODE_PTR(log_i64), 0x7e, NULL};
  log_imports[2] = (struct log_import){"log-f32", CODE_PTR(log_f32), 0x7d, NULL};
  log_imports[3] = (struct log_import){"log-f64", CODE_PTR(log_f64), 0x7c, NULL};
  log_imports[4] = (struct log_import){"log-v128", CODE_PTR(log_v128), 0x7b, NULL};

  FILE *plan = fopen(argv[2], "r");
  if (plan == NULL) fail("cannot read %s: %s", argv[2], strerror(errno));
  struct w2o_error err;
  memset(&err, 0, sizeof err);
  struct w2o_object *obj = w2o_load(argv[1], &err);
  if (obj == NULL) fail("cannot load %s: %s", argv[1], err.message);
  memset(&err, 0, sizeof err);
  struct w2o_instance *inst = w2o_instantiate(w2o_object_descriptor(obj), w2o_object_text(obj), resolve, NULL, &err);
  if (inst == NULL) {
    if (err.kind == W2O_ERR_TRAP) printf("instantiate-error trap %" PRIu32 "\n", err.trap.code);
    else printf("instantiate-error %s\n", err.kind == W2O_ERR_LINK ? "link" : "other");
    return 0;
  }

  static char line[1 << 16];
  while (fgets(line, sizeof line, plan) != NULL) {
    char *tok[MAX_TOKENS];
    size_t n = 0;
    for (char *t = strtok(line, " \n"); t != NULL && n < MAX_TOKENS; t = strtok(NULL, " \n")) tok[n++] = t;
    if (n == 0) continue;
    if (strcmp(tok[0], "call") == 0) do_call(inst, tok, n);
    else if (strcmp(tok[0], "global") == 0) do_global(inst, tok, n);
    else if (strcmp(tok[0], "memory") == 0) do_memory(inst, tok, n, argv[3]);
    else fail("unknown request %s", tok[0]);
    fflush(stdout);
  }
  fclose(plan);
  return 0;
}
