/*
 * cpu.c: the x86-64 features of the CPU this runs on, as the bits of a descriptor's
 * cpu_features (the table of where cpuid reports each is generated from src/abi/cpu.ts
 * into w2o-abi.h), and the check that refuses a module compiled for more than this CPU
 * has, before any of its code runs.
 *
 * A feature that uses the ymm state (AVX, AVX2, FMA, F16C) counts only when the operating
 * system saves that state on context switches: OSXSAVE set and XCR0 bits 1 and 2 (SSE and
 * AVX state) enabled.
 *
 * W2O_CPU_DISABLE (comma-separated feature names, e.g. `avx2,bmi2`) makes the runtime
 * treat those features as absent: to see the refusal on a machine that has everything,
 * and to check that an object needs no more than a lower level.
 */
#define _POSIX_C_SOURCE 200809L
#include <cpuid.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static uint32_t features;
static pthread_once_t features_once = PTHREAD_ONCE_INIT;

static uint64_t xcr0(void) {
  uint32_t lo, hi;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  return (uint64_t)hi << 32 | lo;
}

static uint32_t disabled_features(void) {
  const char *env = getenv("W2O_CPU_DISABLE");
  uint32_t mask = 0;
  if (env == NULL) return 0;
  for (const char *p = env; *p != '\0';) {
    size_t n = strcspn(p, ",");
    for (uint32_t i = 0; i < W2O_CPU_FEATURE_COUNT; i++) {
      if (strlen(w2o_cpu_feature_table[i].name) == n && memcmp(w2o_cpu_feature_table[i].name, p, n) == 0) mask |= 1u << i;
    }
    p += n;
    if (*p == ',') p++;
  }
  return mask;
}

static void detect(void) {
  unsigned max_leaf = __get_cpuid_max(0, NULL), max_ext = __get_cpuid_max(0x80000000u, NULL);
  unsigned a, b, c, d;
  bool ymm = false;
  if (max_leaf >= 1 && __get_cpuid(1, &a, &b, &c, &d) && (c & bit_OSXSAVE) != 0) ymm = (xcr0() & 6) == 6;
  for (uint32_t i = 0; i < W2O_CPU_FEATURE_COUNT; i++) {
    const struct w2o_cpu_feature *f = &w2o_cpu_feature_table[i];
    unsigned top = f->leaf >= 0x80000000u ? max_ext : max_leaf;
    if (f->leaf > top) continue;
    unsigned regs[4];
    __cpuid_count(f->leaf, f->subleaf, regs[0], regs[1], regs[2], regs[3]);
    if ((regs[f->reg] >> f->bit & 1) != 0 && (!f->ymm || ymm)) features |= 1u << i;
  }
  features &= ~disabled_features();
}

uint32_t w2o_cpu_features(void) {
  pthread_once(&features_once, detect);
  return features;
}

/* Appends the names of the features in `mask` to buf, comma-separated. */
static void feature_names(uint32_t mask, char *buf, size_t size) {
  size_t at = strlen(buf);
  for (uint32_t i = 0; i < W2O_CPU_FEATURE_COUNT && at < size; i++) {
    if ((mask >> i & 1) == 0) continue;
    int n = snprintf(buf + at, size - at, "%s%s", at > 0 && buf[at - 1] != '(' && buf[at - 1] != ' ' ? ", " : "",
                     w2o_cpu_feature_table[i].name);
    if (n < 0) break;
    at += (size_t)n;
  }
}

bool w2o_cpu_check(const struct w2o_module_desc *h, char *msg, size_t size) {
  uint32_t lacks = h->cpu_features & ~w2o_cpu_features();
  if (lacks == 0) return true;
  /* "needs x86-64-v3 (x86-64-v2 and avx, avx2, ...)": the level's own features. */
  char needs[256] = "";
  uint32_t below = h->cpu_level > W2O_CPU_LEVEL_MIN ? w2o_cpu_level_features[h->cpu_level - 1] : 0;
  if (below != 0) snprintf(needs, sizeof needs, "x86-64-v%u and ", h->cpu_level - 1);
  feature_names(h->cpu_features & ~below, needs, sizeof needs);
  char missing[256] = "";
  feature_names(lacks, missing, sizeof missing);
  snprintf(msg, size, "this object needs x86-64-v%u (%s); this CPU lacks %s", h->cpu_level, needs, missing);
  return false;
}
