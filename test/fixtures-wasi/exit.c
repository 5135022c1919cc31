/* Exit codes: argv[1] says how to end, argv[2] with which code. Buffered output and
 * atexit handlers show which ways of ending run them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void at_exit(void) {
  printf("atexit handler\n");
}

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  int code = argc > 2 ? atoi(argv[2]) : 0;
  atexit(at_exit);
  printf("ending by %s %d\n", argv[1], code);
  fflush(stdout);
  /* From here stdout is fully buffered in both libcs (which differ on the first line). */
  printf("buffered\n");
  fprintf(stderr, "stderr is unbuffered\n");
  if (strcmp(argv[1], "return") == 0) return code;
  if (strcmp(argv[1], "exit") == 0) exit(code);
  if (strcmp(argv[1], "_exit") == 0) _exit(code);
  if (strcmp(argv[1], "abort") == 0) abort();
  return 99;
}
