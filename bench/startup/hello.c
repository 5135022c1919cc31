/* hello.c: the program of `npm run bench:startup` (bench/README.md): as little work as a
   program can do, so that timing it times starting a process that runs it. */
#include <stdio.h>

int main(void) {
  printf("hello, world\n");
  return 0;
}
