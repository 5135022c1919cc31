/* simd_search: substring counting in a LEN-byte text over a small alphabet (as in DNA or
   log scanning), the way SIMD memmem implementations do it: sixteen positions at a time,
   the first and the last byte of the needle compared against splats of them (two loads),
   the matches' bitmask walked for the candidates, each verified bytewise. NEEDLES needles
   of 4 to 11 bytes, REPS times. Vectors: GCC vector extensions, the bitmask from
   wasm_simd128.h under wasm and emmintrin.h natively. Checksum: every count and the
   position of each needle's last match. */
#include "common.h"
#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#else
#include <emmintrin.h>
#endif

#define LEN (1 << 20)
#define NEEDLES 24
#define REPS 64

typedef uint8_t u8x16 __attribute__((vector_size(16)));

static uint8_t text[LEN + 32];

static inline unsigned bitmask(u8x16 m) {
#if defined(__wasm_simd128__)
  return wasm_i8x16_bitmask((v128_t)m);
#else
  return (unsigned)_mm_movemask_epi8((__m128i)m);
#endif
}

static inline u8x16 load16(const uint8_t *p) {
  u8x16 v;
  __builtin_memcpy(&v, p, 16);
  return v;
}

/* Occurrences of needle[0..n) in text[0..len); *last: the position of the last one. */
static uint32_t count(const uint8_t *needle, uint32_t n, uint32_t len, uint32_t *last) {
  u8x16 first = (u8x16){0} + needle[0], final = (u8x16){0} + needle[n - 1];
  uint32_t hits = 0;
  for (uint32_t i = 0; i + n + 15 <= len; i += 16) {
    u8x16 m = (u8x16)(load16(&text[i]) == first) & (u8x16)(load16(&text[i + n - 1]) == final);
    for (unsigned bits = bitmask(m); bits != 0; bits &= bits - 1) {
      uint32_t at = i + (uint32_t)__builtin_ctz(bits);
      uint32_t k = 1;
      while (k < n - 1 && text[at + k] == needle[k]) k++;
      if (k >= n - 1) {
        hits++;
        *last = at;
      }
    }
  }
  return hits;
}

uint64_t bench_run(void) {
  rng_t r = {81};
  static const uint8_t alphabet[] = "ACGTacgt";
  for (uint32_t i = 0; i < LEN; i += 16) {
    uint64_t v = rng_next(&r), w = rng_next(&r);
    for (int k = 0; k < 16; k++) text[i + k] = alphabet[((k < 8 ? v : w) >> (8 * (k & 7))) & 7];
  }
  uint8_t needles[NEEDLES][12];
  uint32_t lens[NEEDLES];
  for (int j = 0; j < NEEDLES; j++) {
    /* a needle taken from the text, so that it occurs at least once */
    lens[j] = 4 + (uint32_t)j % 8;
    uint32_t at = rng_u32(&r) % (LEN - 16);
    for (uint32_t k = 0; k < lens[j]; k++) needles[j][k] = text[at + k];
  }
  uint64_t h = 0;
  for (int rep = 0; rep < REPS; rep++) {
    for (int j = 0; j < NEEDLES; j++) {
      uint32_t last = 0;
      uint32_t c = count(needles[j], lens[j], LEN, &last);
      h = hash_add(h, (uint64_t)c << 32 | last);
    }
    /* change the text a little between rounds */
    text[rng_u32(&r) % LEN] = alphabet[rep & 7];
  }
  return mix64(h);
}
