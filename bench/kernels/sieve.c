/* sieve: sieve of Eratosthenes (one byte per number) below LIMIT, REPS times with a
   different upper bound each time. Checksum: the prime count, the sum of the primes and a
   hash of every 1000th prime, per pass. */
#include "common.h"

#define LIMIT (1 << 23)
#define REPS 30

static uint8_t composite[LIMIT];

uint64_t bench_run(void) {
  uint64_t h = 0;
  for (int rep = 0; rep < REPS; rep++) {
    uint32_t n = LIMIT - (uint32_t)rep * 4099;
    for (uint32_t i = 0; i < n; i++) composite[i] = 0;
    composite[0] = composite[1] = 1;
    for (uint32_t i = 2; (uint64_t)i * i < n; i++)
      if (!composite[i])
        for (uint32_t j = i * i; j < n; j += i) composite[j] = 1;
    uint64_t count = 0, sum = 0, sample = 0;
    for (uint32_t i = 0; i < n; i++)
      if (!composite[i]) {
        count++;
        sum += i;
        if (count % 1000 == 0) sample = hash_add(sample, i);
      }
    h = hash_add(h, count);
    h = hash_add(h, sum);
    h = hash_add(h, sample);
  }
  return mix64(h);
}
