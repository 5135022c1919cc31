/* Arguments and environment: what the program was given, and changes to its environment. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int by_text(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
  printf("argc %d\n", argc);
  for (int i = 0; i < argc; i++) printf("argv[%d] = '%s' (%zu bytes)\n", i, argv[i], strlen(argv[i]));
  printf("argv[argc] is NULL: %d\n", argv[argc] == NULL);

  size_t n = 0;
  while (environ[n] != NULL) n++;
  char **sorted = malloc((n + 1) * sizeof *sorted);
  memcpy(sorted, environ, n * sizeof *sorted);
  qsort(sorted, n, sizeof *sorted, by_text);
  printf("%zu variables\n", n);
  for (size_t i = 0; i < n; i++) printf("  %s\n", sorted[i]);
  free(sorted);

  const char *home = getenv("HOME");
  printf("HOME %s\n", home != NULL ? home : "(unset)");
  const char *greeting = getenv("GREETING");
  printf("GREETING %s\n", greeting != NULL ? greeting : "(unset)");
  printf("setenv: %d\n", setenv("ADDED", "yes", 0));
  printf("setenv without overwrite: %d\n", setenv("GREETING", "replaced", 0));
  printf("unsetenv EMPTY: %d\n", unsetenv("EMPTY"));
  printf("ADDED %s, GREETING %s, EMPTY %s\n", getenv("ADDED"), getenv("GREETING"),
         getenv("EMPTY") != NULL ? "set" : "(unset)");
  return argc > 3 ? 3 : 0;
}
