/* matmul: C = A * B for N x N matrices of doubles (i-k-j loop order), REPS times with
   C fed back into A (scaled), checksum of every element's bits. */
#include "common.h"

#define N 512
#define REPS 20

static double A[N][N], B[N][N], C[N][N];

uint64_t bench_run(void) {
  rng_t r = {42};
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      A[i][j] = rng_f64(&r) - 0.5;
      B[i][j] = rng_f64(&r) - 0.5;
    }
  uint64_t h = 0;
  for (int rep = 0; rep < REPS; rep++) {
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) C[i][j] = 0.0;
      for (int k = 0; k < N; k++) {
        double a = A[i][k];
        for (int j = 0; j < N; j++) C[i][j] += a * B[k][j];
      }
    }
    /* next A = C / 8, keeps the values bounded; hash C row by row */
    for (int i = 0; i < N; i++) {
      uint64_t row = 0;
      for (int j = 0; j < N; j++) {
        row = hash_add(row, f64_bits(C[i][j]));
        A[i][j] = C[i][j] * 0.125;
      }
      h = hash_add(h, row);
    }
  }
  return mix64(h);
}
