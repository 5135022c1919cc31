/* A reactor: no main, a constructor run by _initialize, and exports that an embedder
 * (host/embedder.c) calls. */
#include <stdio.h>
#include <stdlib.h>

static int initialized;

__attribute__((constructor)) static void init(void) {
  initialized = 42;
}

__attribute__((export_name("add"))) int add(int a, int b) {
  printf("reactor: add(%d, %d), initialized %d\n", a, b, initialized);
  fflush(stdout);
  return a + b;
}

__attribute__((export_name("greet"))) void greet(void) {
  const char *name = getenv("NAME");
  printf("reactor: hello, %s\n", name != NULL ? name : "(no NAME)");
  fflush(stdout);
}

__attribute__((export_name("quit"))) void quit(int code) {
  printf("reactor: quitting with %d\n", code);
  exit(code);
}

__attribute__((noinline)) static void fail_deeper(void) {
  __builtin_trap();
}

__attribute__((export_name("fail"))) void fail(void) {
  fail_deeper();
}
