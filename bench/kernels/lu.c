/* lu: LU decomposition with partial pivoting (right-looking, in place) of an N x N matrix
   of doubles, then a solve of A x = b by forward and back substitution; REPS random
   matrices. Checksum: the bits of every entry of L\U, the pivots and x. */
#include "common.h"

#define N 512
#define REPS 16

static double A[N][N];
static double b[N], x[N];
static int piv[N];

static void lu_decompose(void) {
  for (int i = 0; i < N; i++) piv[i] = i;
  for (int k = 0; k < N; k++) {
    int p = k;
    double best = A[k][k] < 0 ? -A[k][k] : A[k][k];
    for (int i = k + 1; i < N; i++) {
      double v = A[i][k] < 0 ? -A[i][k] : A[i][k];
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (p != k) {
      for (int j = 0; j < N; j++) {
        double t = A[k][j];
        A[k][j] = A[p][j];
        A[p][j] = t;
      }
      int t = piv[k];
      piv[k] = piv[p];
      piv[p] = t;
    }
    double inv = 1.0 / A[k][k];
    for (int i = k + 1; i < N; i++) {
      double l = A[i][k] * inv;
      A[i][k] = l;
      for (int j = k + 1; j < N; j++) A[i][j] -= l * A[k][j];
    }
  }
}

static void lu_solve(void) {
  /* L y = P b (unit lower), then U x = y */
  for (int i = 0; i < N; i++) {
    double s = b[piv[i]];
    for (int j = 0; j < i; j++) s -= A[i][j] * x[j];
    x[i] = s;
  }
  for (int i = N - 1; i >= 0; i--) {
    double s = x[i];
    for (int j = i + 1; j < N; j++) s -= A[i][j] * x[j];
    x[i] = s / A[i][i];
  }
}

uint64_t bench_run(void) {
  rng_t r = {7};
  uint64_t h = 0;
  for (int rep = 0; rep < REPS; rep++) {
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) A[i][j] = rng_f64(&r) * 2.0 - 1.0;
      b[i] = rng_f64(&r);
    }
    lu_decompose();
    lu_solve();
    for (int i = 0; i < N; i++) {
      uint64_t row = (uint64_t)piv[i];
      for (int j = 0; j < N; j++) row = hash_add(row, f64_bits(A[i][j]));
      h = hash_add(h, row);
      h = hash_add(h, f64_bits(x[i]));
    }
  }
  return mix64(h);
}
