/*
 * The timed main of the native engine: linked with one kernel compiled by gcc -O2.
 * Prints "CHECKSUM NANOSECONDS" (bench-clock.h). The kernels' own native-main.c, which
 * prints the checksum alone, gives the reference checksum.
 */
#define _POSIX_C_SOURCE 200809L
#include "bench-clock.h"

uint64_t bench_run(void);

int main(void) {
  int64_t t0 = bench_now_ns();
  uint64_t checksum = bench_run();
  int64_t t1 = bench_now_ns();
  bench_report(checksum, t1 - t0);
  return 0;
}
