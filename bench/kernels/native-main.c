/* native-main.c: runs one benchmark kernel natively and prints its checksum.
   gcc -O2 bench/kernels/<name>.c bench/kernels/native-main.c -o <name> */
#include <stdint.h>
#include <stdio.h>

uint64_t bench_run(void);

int main(void) {
  printf("%llu\n", (unsigned long long)bench_run());
  return 0;
}
