/* floyd_warshall: all-pairs shortest paths (Floyd-Warshall) on a random directed graph of
   N vertices (each edge present with probability 1/8, int32 weights 1..1000, unreachable
   = INF). Checksum: every distance, row by row. */
#include "common.h"

#define N 1000
#define INF 0x3fffffff

static int32_t d[N][N];

uint64_t bench_run(void) {
  rng_t r = {99};
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      uint32_t x = rng_u32(&r);
      d[i][j] = i == j ? 0 : (x & 7) == 0 ? (int32_t)(1 + (x >> 8) % 1000) : INF;
    }
  for (int k = 0; k < N; k++) {
    const int32_t *dk = d[k];
    for (int i = 0; i < N; i++) {
      int32_t dik = d[i][k];
      if (dik == INF) continue;
      int32_t *di = d[i];
      for (int j = 0; j < N; j++) {
        int32_t t = dik + dk[j];
        if (t < di[j]) di[j] = t;
      }
    }
  }
  uint64_t h = 0;
  for (int i = 0; i < N; i++) {
    uint64_t row = 0;
    for (int j = 0; j < N; j++) row = row * 1000003u + (uint32_t)d[i][j];
    h = hash_add(h, row);
  }
  return mix64(h);
}
