/* simd_blur: a separable [1 2 1]/4 blur (rounded) of a W x H 8-bit grayscale image, PASSES
   times, eight pixels at a time in 16-bit lanes (GCC vector extensions: wasm SIMD under
   clang -msimd128, SSE natively): a horizontal pass into a second image, a vertical one
   back. Border pixels are copied. Checksum: the final image, and each pass's corner. */
#include "common.h"

#define W 1024
#define H 768
#define PASSES 1400

typedef uint8_t u8x8 __attribute__((vector_size(8)));
typedef uint16_t u16x8 __attribute__((vector_size(16)));

static uint8_t img[H][W], tmp[H][W];

static inline u16x8 load8(const uint8_t *p) {
  u8x8 v;
  __builtin_memcpy(&v, p, 8);
  return __builtin_convertvector(v, u16x8);
}

static inline void store8(uint8_t *p, u16x8 v) {
  u8x8 n = __builtin_convertvector(v, u8x8);
  __builtin_memcpy(p, &n, 8);
}

static inline u16x8 blend(u16x8 a, u16x8 b, u16x8 c) { return (a + (b << 1) + c + 2) >> 2; }

static void horizontal(uint8_t (*dst)[W], uint8_t (*src)[W]) {
  for (int y = 0; y < H; y++) {
    dst[y][0] = src[y][0];
    dst[y][W - 1] = src[y][W - 1];
    int x = 1;
    for (; x + 8 <= W - 1; x += 8) store8(&dst[y][x], blend(load8(&src[y][x - 1]), load8(&src[y][x]), load8(&src[y][x + 1])));
    for (; x < W - 1; x++) dst[y][x] = (uint8_t)((src[y][x - 1] + 2 * src[y][x] + src[y][x + 1] + 2) >> 2);
  }
}

static void vertical(uint8_t (*dst)[W], uint8_t (*src)[W]) {
  for (int x = 0; x < W; x++) {
    dst[0][x] = src[0][x];
    dst[H - 1][x] = src[H - 1][x];
  }
  for (int y = 1; y < H - 1; y++)
    for (int x = 0; x < W; x += 8) store8(&dst[y][x], blend(load8(&src[y - 1][x]), load8(&src[y][x]), load8(&src[y + 1][x])));
}

uint64_t bench_run(void) {
  rng_t r = {71};
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x += 8) {
      uint64_t v = rng_next(&r);
      for (int k = 0; k < 8; k++) img[y][x + k] = (uint8_t)(v >> (8 * k));
    }
  uint64_t h = 0;
  for (int pass = 0; pass < PASSES; pass++) {
    horizontal(tmp, img);
    vertical(img, tmp);
    h = hash_add(h, (uint64_t)img[H / 2][W / 2] << 8 | img[1][1]);
    /* new detail, so that the image does not settle */
    img[(pass * 7) % H][(pass * 13) % W] ^= 0xff;
  }
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x += 8) {
      uint64_t v;
      __builtin_memcpy(&v, &img[y][x], 8);
      h = hash_add(h, v);
    }
  return mix64(h);
}
