/*
 * The timed main of the wasm2c engine: the kernel translated by wabt 1.0.32's
 *   wasm2c KERNEL.wasm -o k_w2c.c -n bench
 * and compiled by gcc -O2 with wabt's runtime (wasm-rt-impl.c, guard-page memories).
 * wabt 1.0.32 names everything Z_<module>...: the instance type Z_bench_instance_t,
 * Z_bench_init_module() once, Z_bench_instantiate(&inst) (imports would be further
 * arguments: the kernels have none), and the export "bench_run" is Z_benchZ_bench_run.
 * Newer wabt releases renamed these (wasm2c_bench_instantiate, w2c_bench_bench_run).
 * Prints "CHECKSUM NANOSECONDS" (bench-clock.h); the time covers the call alone.
 */
#define _POSIX_C_SOURCE 200809L
#include "bench-clock.h"
#include "k_w2c.h"
#include "wasm-rt-impl.h"

int main(void) {
  wasm_rt_init();
  Z_bench_init_module();
  Z_bench_instance_t inst;
  Z_bench_instantiate(&inst);
  wasm_rt_trap_t code = wasm_rt_impl_try();
  if (code != WASM_RT_TRAP_NONE) {
    fprintf(stderr, "wasm2c: bench_run trapped: %s\n", wasm_rt_strerror(code));
    return 1;
  }
  int64_t t0 = bench_now_ns();
  uint64_t checksum = Z_benchZ_bench_run(&inst);
  int64_t t1 = bench_now_ns();
  bench_report(checksum, t1 - t0);
  Z_bench_free(&inst);
  wasm_rt_free();
  return 0;
}
