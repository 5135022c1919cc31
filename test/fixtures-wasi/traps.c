/* Traps (wasm only: a native build dies by a signal instead): argv[1] picks one. Output
 * before the trap is flushed by hand, since a trap ends the program on the spot. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

__attribute__((noinline)) static void crash_store(volatile int *p) {
  *p = 1;
}

__attribute__((noinline)) static int divide(volatile int a, volatile int b) {
  return a / b;
}

static volatile int depth;

/* Work after the call keeps it a real recursion (no loop, no tail call). */
__attribute__((noinline)) static int recurse(int n) {
  if (n == 0) return 0;
  int r = recurse(n + 1);
  depth = depth + 1;
  return r + depth;
}

__attribute__((noinline)) static void call_through(void (*volatile f)(void)) {
  f();
}

int main(int argc, char **argv) {
  const char *what = argc > 1 ? argv[1] : "";
  printf("about to trap: %s\n", what);
  fflush(stdout);
  if (strcmp(what, "unreachable") == 0) __builtin_trap();
  if (strcmp(what, "out-of-bounds") == 0) crash_store((volatile int *)(uintptr_t)0xfffffff0u);
  if (strcmp(what, "divide") == 0) return divide(1, 0);
  if (strcmp(what, "recurse") == 0) return recurse(1);
  if (strcmp(what, "null-call") == 0) call_through(NULL);
  printf("no trap\n");
  return 0;
}
