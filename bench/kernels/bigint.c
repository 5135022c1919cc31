/* bigint: schoolbook multiplication of LIMBS-limb (32-bit limbs, 64-bit products)
   unsigned integers, REPS times, each product's low and high halves becoming the next
   factors. Checksum: every product's limbs. */
#include "common.h"

#define LIMBS 1024
#define REPS 800

static uint32_t x[LIMBS], y[LIMBS], z[2 * LIMBS];

static void mul(void) {
  for (int i = 0; i < 2 * LIMBS; i++) z[i] = 0;
  for (int i = 0; i < LIMBS; i++) {
    uint64_t carry = 0, xi = x[i];
    for (int j = 0; j < LIMBS; j++) {
      uint64_t t = xi * y[j] + z[i + j] + carry;
      z[i + j] = (uint32_t)t;
      carry = t >> 32;
    }
    z[i + LIMBS] = (uint32_t)carry;
  }
}

uint64_t bench_run(void) {
  rng_t r = {1 << 20};
  for (int i = 0; i < LIMBS; i++) {
    x[i] = rng_u32(&r);
    y[i] = rng_u32(&r);
  }
  uint64_t h = 0;
  for (int rep = 0; rep < REPS; rep++) {
    mul();
    uint64_t s = 0;
    for (int i = 0; i < 2 * LIMBS; i++) s = s * 0x9e3779b97f4a7c15ull + z[i];
    h = hash_add(h, s);
    /* next factors: the halves of the product, kept odd and full-length */
    for (int i = 0; i < LIMBS; i++) {
      x[i] = z[i];
      y[i] = z[i + LIMBS] ^ (uint32_t)rep * 0x5bd1e995u;
    }
    x[0] |= 1;
    y[LIMBS - 1] |= 0x80000000u;
  }
  return mix64(h);
}
