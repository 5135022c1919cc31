/* spectral_norm: the Computer Language Benchmarks Game spectral norm: the largest singular
   value of the infinite matrix A(i, j) = 1 / ((i + j)(i + j + 1) / 2 + i + 1) truncated to
   N x N, by ITERS steps of the power method on A^T A. Checksum: the bits of u, v and the
   result. */
#include "common.h"

#define N 3200
#define ITERS 10

static double u[N], v[N], tmp[N];

static inline double a(int i, int j) { return 1.0 / (double)((i + j) * (i + j + 1) / 2 + i + 1); }

static void mul_av(const double *x, double *y) {
  for (int i = 0; i < N; i++) {
    double s = 0.0;
    for (int j = 0; j < N; j++) s += a(i, j) * x[j];
    y[i] = s;
  }
}

static void mul_atv(const double *x, double *y) {
  for (int i = 0; i < N; i++) {
    double s = 0.0;
    for (int j = 0; j < N; j++) s += a(j, i) * x[j];
    y[i] = s;
  }
}

static void mul_atav(const double *x, double *y) {
  mul_av(x, tmp);
  mul_atv(tmp, y);
}

uint64_t bench_run(void) {
  for (int i = 0; i < N; i++) u[i] = 1.0;
  for (int it = 0; it < ITERS; it++) {
    mul_atav(u, v);
    mul_atav(v, u);
  }
  double vbv = 0.0, vv = 0.0;
  uint64_t h = 0;
  for (int i = 0; i < N; i++) {
    vbv += u[i] * v[i];
    vv += v[i] * v[i];
    h = hash_add(h, f64_bits(u[i]) ^ f64_bits(v[i]));
  }
  double norm = bsqrt(vbv / vv); /* 1.274224... */
  return mix64(hash_add(h, f64_bits(norm)));
}
