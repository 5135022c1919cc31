/*
 * The timed main of the wasm2obj engine: the kernel compiled by
 *   wasm2obj KERNEL.wasm -o k.o --header k.h --prefix k
 * instantiated through the header, bench_run called through w2o_invoke (a guarded call
 * that also sets the stack limit, so a trap is reported instead of killing the process).
 * Prints "CHECKSUM NANOSECONDS" (bench-clock.h); the time covers w2o_invoke alone.
 */
#define _POSIX_C_SOURCE 200809L
#include "bench-clock.h"
#include "k.h"

int main(void) {
  struct w2o_error err;
  struct w2o_instance *inst = k_instantiate(NULL, NULL, &err);
  if (inst == NULL) {
    fprintf(stderr, "wasm2obj: cannot instantiate: %s\n", err.message);
    return 1;
  }
  w2o_val values[1] = {{.i64 = 0}};
  struct w2o_trap_info trap;
  int64_t t0 = bench_now_ns();
  int rc = w2o_invoke(inst, "bench_run", 9, values, &trap);
  int64_t t1 = bench_now_ns();
  if (rc != 0) {
    if (rc > 0) fprintf(stderr, "wasm2obj: bench_run trapped: %s (in %s)\n", trap.message, trap.func_name ? trap.func_name : "?");
    else fprintf(stderr, "wasm2obj: no export bench_run of type () -> i64\n");
    return 1;
  }
  bench_report((uint64_t)values[0].i64, t1 - t0);
  w2o_instance_free(inst);
  return 0;
}
