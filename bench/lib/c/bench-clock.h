/*
 * bench-clock.h: what the benchmark's C mains share (bench/run.ts). Each main runs
 * bench_run() once and prints one line on standard output:
 *
 *   CHECKSUM NANOSECONDS
 *
 * the checksum in decimal (unsigned 64-bit) and the time spent in the call alone,
 * measured with CLOCK_MONOTONIC around it: instantiation, start-up and exit are left out,
 * as in the node runner (node-child.ts), so every engine is timed the same way.
 */
#ifndef BENCH_CLOCK_H
#define BENCH_CLOCK_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

static inline int64_t bench_now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static inline void bench_report(uint64_t checksum, int64_t ns) {
  printf("%" PRIu64 " %" PRId64 "\n", checksum, ns);
}

#endif
