/* nqueens: counts the solutions of the N-queens problem by recursive backtracking over
   bitmasks (columns and both diagonals): every board size 1..N, then size N + 1 with the
   first row's queen in its first EXTRA columns only (N = 13: 73712; N = 14: 365596).
   Checksum: every count. */
#include "common.h"

#define N 14
#define EXTRA 3

static uint64_t solve(uint32_t all, uint32_t cols, uint32_t d1, uint32_t d2) {
  if (cols == all) return 1;
  uint64_t n = 0;
  uint32_t free = all & ~(cols | d1 | d2);
  while (free) {
    uint32_t bit = free & (0u - free);
    free ^= bit;
    n += solve(all, cols | bit, ((d1 | bit) << 1) & all, (d2 | bit) >> 1);
  }
  return n;
}

uint64_t bench_run(void) {
  uint64_t h = 0;
  for (uint32_t n = 1; n <= N; n++) h = hash_add(h, solve((1u << n) - 1, 0, 0, 0));
  uint32_t all = (1u << (N + 1)) - 1;
  for (uint32_t c = 0; c < EXTRA; c++) {
    uint32_t bit = 1u << c;
    h = hash_add(h, solve(all, bit, (bit << 1) & all, bit >> 1));
  }
  return mix64(h);
}
