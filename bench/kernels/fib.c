/* fib: the naive doubly recursive Fibonacci function, fib(N) and fib(N - 5) on 64-bit
   integers (about 2 * fib(N) calls). Checksum: both results. */
#include "common.h"

#define N 43

static uint64_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

/* keeps the argument out of the optimizer's reach */
static volatile uint32_t arg = N;

uint64_t bench_run(void) {
  uint32_t n = arg;
  uint64_t a = fib(n), b = fib(n - 5);
  return mix64(hash_add(a, b));
}
