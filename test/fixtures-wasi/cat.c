/* cat: copies each file named on the command line (standard input when none) to standard
 * output; exits 1 when a file cannot be read. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "common.h"

static int copy(int fd) {
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) {
    if (write(1, buf, (size_t)n) != n) return -1;
  }
  return (int)n;
}

int main(int argc, char **argv) {
  if (argc == 1) return copy(0) == 0 ? 0 : 1;
  int status = 0;
  for (int i = 1; i < argc; i++) {
    int fd = open(argv[i], O_RDONLY);
    if (fd < 0 || copy(fd) != 0) {
      fprintf(stderr, "cat: %s: %s\n", argv[i], errname(errno));
      status = 1;
    }
    if (fd >= 0) close(fd);
  }
  return status;
}
