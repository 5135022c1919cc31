/* crc32: table-driven CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) of a LEN-byte
   pseudo-random buffer, REPS times, one byte of the buffer changed between passes.
   Checksum: every pass's CRC. */
#include "common.h"

#define LEN (1 << 20)
#define REPS 200

static uint8_t buf[LEN];
static uint32_t table[256];

static uint32_t crc32(const uint8_t *p, uint32_t n) {
  uint32_t c = 0xffffffffu;
  for (uint32_t i = 0; i < n; i++) c = table[(c ^ p[i]) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffffu;
}

uint64_t bench_run(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  rng_t r = {32};
  for (uint32_t i = 0; i < LEN; i += 8) {
    uint64_t v = rng_next(&r);
    for (int j = 0; j < 8; j++) buf[i + j] = (uint8_t)(v >> (8 * j));
  }
  /* known answer: CRC-32("123456789") = 0xCBF43926 */
  uint64_t h = crc32((const uint8_t *)"123456789", 9) ^ 0xcbf43926u;
  for (int rep = 0; rep < REPS; rep++) {
    uint32_t c = crc32(buf, LEN);
    h = hash_add(h, c);
    buf[c & (LEN - 1)] ^= (uint8_t)(c >> 24);
  }
  return mix64(h);
}
