/*
 * common.h: what the benchmark kernels share (bench/kernels/README.md).
 *
 * Header only, so that every kernel stays one translation unit. A kernel defines
 * bench_run(); bench-main.c calls it and makes the kernel a program, built natively with
 * `gcc -O2 <name>.c bench-main.c`, or for wasm32-wasi by build.sh. The kernels themselves
 * call nothing from libc.
 *
 *   rng_t, rng_next     splitmix64, the only source of "random" data
 *   mix64, hash_add     fold results into a 64-bit checksum
 *   f64_bits            the bit pattern of a double, to hash floating-point results exactly
 *   bsqrt               square root: f64.sqrt under wasm, sqrtsd natively (no libm)
 *   bsin, bcos          sine and cosine from + - * / only, identical on every target
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stddef.h>
#include <stdint.h>

/* Results must be bit-identical to the wasm build's, which has no fused multiply-add:
   keep the compiler from contracting a * b + c into an FMA natively (gcc does with
   -march=native or -mfma unless told otherwise; it ignores the STDC pragma). */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

/* The workload: the same fixed work on every call, returning a checksum of all of it. */
uint64_t bench_run(void);

/* ---- deterministic pseudo-random numbers (splitmix64) ---- */

typedef struct {
  uint64_t s;
} rng_t;

static inline uint64_t rng_next(rng_t *r) {
  uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static inline uint32_t rng_u32(rng_t *r) { return (uint32_t)(rng_next(r) >> 32); }

/* uniform in [0, 1), 53 random bits */
static inline double rng_f64(rng_t *r) { return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0); }

/* ---- checksums ---- */

static inline uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 33)) * 0xff51afd7ed558ccdull;
  z = (z ^ (z >> 33)) * 0xc4ceb9fe1a85ec53ull;
  return z ^ (z >> 33);
}

static inline uint64_t hash_add(uint64_t h, uint64_t v) { return (h ^ v) * 0x100000001b3ull + 0x9e3779b97f4a7c15ull; }

static inline uint64_t f64_bits(double d) {
  union {
    double d;
    uint64_t u;
  } u;
  u.d = d;
  return u.u;
}

/* ---- math without libm ---- */

static inline double bsqrt(double x) {
#if defined(__wasm__)
  return __builtin_sqrt(x); /* f64.sqrt */
#elif defined(__x86_64__)
  /* __builtin_sqrt would call libm's sqrt for negative inputs (errno), and the native
     build does not link -lm */
  double r;
  __asm__("sqrtsd %1, %0" : "=x"(r) : "x"(x));
  return r;
#else
  /* Newton's method, for other hosts; not bit-exact with the above */
  double r = x > 1.0 ? x : 1.0;
  if (x <= 0.0) return 0.0;
  for (int i = 0; i < 64; i++) r = 0.5 * (r + x / r);
  return r;
#endif
}

#define BENCH_PI 3.14159265358979323846

/* sin(x) for |x| <= pi/4 and cos(x) for |x| <= pi/4: Taylor series to x^17 */
static inline double bsin_kernel(double x) {
  double x2 = x * x, term = x, sum = x;
  for (int k = 1; k <= 8; k++) {
    term = -term * x2 / (double)((2 * k) * (2 * k + 1));
    sum += term;
  }
  return sum;
}

static inline double bcos_kernel(double x) {
  double x2 = x * x, term = 1.0, sum = 1.0;
  for (int k = 1; k <= 8; k++) {
    term = -term * x2 / (double)((2 * k - 1) * (2 * k));
    sum += term;
  }
  return sum;
}

/* sin(x) for moderate |x| (range reduction by a multiple of pi/2 in double) */
static inline double bsin(double x) {
  double qf = x * (2.0 / BENCH_PI);
  int64_t q = (int64_t)(qf >= 0 ? qf + 0.5 : qf - 0.5);
  double r = x - (double)q * (BENCH_PI / 2.0);
  switch (q & 3) {
  case 0: return bsin_kernel(r);
  case 1: return bcos_kernel(r);
  case 2: return -bsin_kernel(r);
  default: return -bcos_kernel(r);
  }
}

static inline double bcos(double x) { return bsin(x + BENCH_PI / 2.0); }

#endif
