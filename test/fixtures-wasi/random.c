/* Random bytes: getentropy fills its buffer, twice with different bytes. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
  unsigned char a[300], b[256];
  memset(a, 0, sizeof a);
  memset(b, 0, sizeof b);
  int ra = getentropy(a, sizeof b), rb = getentropy(b, sizeof b);
  printf("getentropy: %d %d\n", ra, rb);
  printf("the two draws differ: %d\n", memcmp(a, b, sizeof b) != 0);
  int zeros = 0;
  for (size_t i = 0; i < sizeof b; i++) zeros += a[i] == 0;
  printf("fewer than 16 zero bytes in 256: %d\n", zeros < 16);
  printf("getentropy of 257 bytes (above its limit): %d\n", getentropy(a, 257));
  return 0;
}
