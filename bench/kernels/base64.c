/* base64: encodes a LEN-byte pseudo-random buffer to base64 (RFC 4648, with padding) and
   decodes it back, REPS times with the length and one byte varying between passes.
   Checksum: a hash of every encoded text and whether each round trip gave the input. */
#include "common.h"

#define LEN (1 << 20)
#define REPS 300

static uint8_t in[LEN], out[LEN];
static char text[(LEN + 2) / 3 * 4];

static const char alphabet[65] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static uint8_t rev[256];

static uint32_t encode(const uint8_t *src, uint32_t n, char *dst) {
  uint32_t i = 0, o = 0;
  for (; i + 3 <= n; i += 3) {
    uint32_t v = (uint32_t)src[i] << 16 | (uint32_t)src[i + 1] << 8 | src[i + 2];
    dst[o++] = alphabet[v >> 18];
    dst[o++] = alphabet[(v >> 12) & 63];
    dst[o++] = alphabet[(v >> 6) & 63];
    dst[o++] = alphabet[v & 63];
  }
  if (n - i == 1) {
    uint32_t v = (uint32_t)src[i] << 16;
    dst[o++] = alphabet[v >> 18];
    dst[o++] = alphabet[(v >> 12) & 63];
    dst[o++] = '=';
    dst[o++] = '=';
  } else if (n - i == 2) {
    uint32_t v = (uint32_t)src[i] << 16 | (uint32_t)src[i + 1] << 8;
    dst[o++] = alphabet[v >> 18];
    dst[o++] = alphabet[(v >> 12) & 63];
    dst[o++] = alphabet[(v >> 6) & 63];
    dst[o++] = '=';
  }
  return o;
}

/* returns the decoded length, or ~0 on an invalid character */
static uint32_t decode(const char *src, uint32_t n, uint8_t *dst) {
  uint32_t o = 0;
  for (uint32_t i = 0; i < n; i += 4) {
    uint32_t a = rev[(uint8_t)src[i]], b = rev[(uint8_t)src[i + 1]];
    uint32_t c = rev[(uint8_t)src[i + 2]], d = rev[(uint8_t)src[i + 3]];
    if ((a | b | c | d) & 0x80) return ~0u;
    uint32_t v = a << 18 | b << 12 | (c & 63) << 6 | (d & 63);
    dst[o++] = (uint8_t)(v >> 16);
    if (c != 64) dst[o++] = (uint8_t)(v >> 8);
    if (d != 64) dst[o++] = (uint8_t)v;
  }
  return o;
}

uint64_t bench_run(void) {
  for (int i = 0; i < 256; i++) rev[i] = 0xff;
  for (int i = 0; i < 64; i++) rev[(uint8_t)alphabet[i]] = (uint8_t)i;
  rev['='] = 64;
  rng_t r = {64};
  for (uint32_t i = 0; i < LEN; i += 8) {
    uint64_t v = rng_next(&r);
    for (int j = 0; j < 8; j++) in[i + j] = (uint8_t)(v >> (8 * j));
  }
  uint64_t h = 0;
  for (int rep = 0; rep < REPS; rep++) {
    uint32_t n = LEN - (uint32_t)rep;
    uint32_t tn = encode(in, n, text);
    uint64_t th = tn;
    for (uint32_t i = 0; i < tn; i += 61) th = th * 131 + (uint8_t)text[i];
    uint32_t m = decode(text, tn, out);
    uint32_t same = m == n;
    for (uint32_t i = 0; same && i < n; i++) same = in[i] == out[i];
    h = hash_add(hash_add(h, th), same);
    in[(uint32_t)(th % n)] ^= (uint8_t)(rep + 1);
  }
  return mix64(h);
}
