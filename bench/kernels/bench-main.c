/*
 * bench-main.c: the main of every kernel program, native and wasm32-wasi alike.
 *
 *   gcc -O2 -std=c11 bench/kernels/<name>.c bench/kernels/bench-main.c -o <name> && ./<name>
 *   bench/kernels/build.sh <name>        (clang --target=wasm32-wasi: <name>.wasm)
 *
 * Calls bench_run() once and prints one line on standard output:
 *
 *   CHECKSUM NANOSECONDS
 *
 * the checksum in unsigned decimal and the time of that call alone, from CLOCK_MONOTONIC
 * read just before and just after it (under WASI, wasi-libc's clock_gettime is the
 * clock_time_get import). Start-up, instantiation and exit are outside the time, so every
 * engine of bench/run.ts is timed the same way, by the program itself.
 */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

uint64_t bench_run(void);

static int64_t now_ns(void) {
  struct timespec t;
  if (clock_gettime(CLOCK_MONOTONIC, &t) != 0) return -1;
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

int main(void) {
  int64_t t0 = now_ns();
  uint64_t checksum = bench_run();
  int64_t t1 = now_ns();
  if (t0 < 0 || t1 < 0) {
    fprintf(stderr, "bench-main: no monotonic clock\n");
    return 1;
  }
  printf("%" PRIu64 " %" PRId64 "\n", checksum, t1 - t0);
  return 0;
}
