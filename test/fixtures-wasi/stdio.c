/* Standard streams: stdin read to the end in pieces of several sizes, numbered and
 * upper-cased to stdout, a summary and warnings to stderr, large output in one write. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void) {
  printf("stdin, stdout, stderr are terminals: %d %d %d\n", isatty(0), isatty(1), isatty(2));
  char line[4096];
  long lines = 0, bytes = 0, letters = 0;
  /* The first lines through fgets, the rest through fread, then getchar. */
  while (lines < 3 && fgets(line, sizeof line, stdin) != NULL) {
    lines++;
    bytes += (long)strlen(line);
    for (char *p = line; *p; p++) {
      if (isalpha((unsigned char)*p)) letters++;
      *p = (char)toupper((unsigned char)*p);
    }
    printf("%3ld: %s", lines, line);
  }
  char block[1000];
  size_t n;
  uint32_t sum = 0; /* the same width in wasm32 and natively */
  while ((n = fread(block, 1, sizeof block, stdin)) > 0) {
    bytes += (long)n;
    for (size_t i = 0; i < n; i++) {
      sum = sum * 31 + (unsigned char)block[i];
      if (block[i] == '\n') lines++;
    }
  }
  printf("then %ld lines in all, %ld bytes, checksum %lu\n", lines, bytes, (unsigned long)sum);
  printf("at end of input: getchar %d, feof %d\n", getchar(), feof(stdin));
  fprintf(stderr, "warning: %ld letters in the first lines\n", letters);

  /* 300 KB in one write: a pipe takes it in several. */
  size_t big = 300 * 1000;
  char *out = malloc(big);
  for (size_t i = 0; i < big; i++) out[i] = (char)('a' + i % 26);
  out[big - 1] = '\n';
  fflush(stdout);
  size_t done = 0;
  while (done < big) {
    ssize_t w = write(1, out + done, big - done);
    if (w <= 0) return 1;
    done += (size_t)w;
  }
  free(out);
  fputs("done\n", stderr);
  return 0;
}
