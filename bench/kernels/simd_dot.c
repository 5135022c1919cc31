/* simd_dot: f32 dot products, four lanes at a time with four vector accumulators (GCC
   vector extensions: wasm SIMD under clang -msimd128, SSE natively): each of ROWS rows of
   a matrix against a vector of LEN floats, REPS times, the vector nudged by the results in
   between. The summation order is the code's, so the sums are bit-identical everywhere.
   Checksum: the bits of every dot product. */
#include "common.h"

#define LEN 4096
#define ROWS 64
#define REPS 16000

typedef float f32x4 __attribute__((vector_size(16)));

static f32x4 mat[ROWS][LEN / 4];
static f32x4 vec[LEN / 4];

static float dot(const f32x4 *a, const f32x4 *b) {
  f32x4 s0 = {0, 0, 0, 0}, s1 = s0, s2 = s0, s3 = s0;
  for (int i = 0; i < LEN / 4; i += 4) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
    s2 += a[i + 2] * b[i + 2];
    s3 += a[i + 3] * b[i + 3];
  }
  f32x4 s = (s0 + s1) + (s2 + s3);
  return (s[0] + s[1]) + (s[2] + s[3]);
}

uint64_t bench_run(void) {
  rng_t r = {61};
  for (int i = 0; i < ROWS; i++)
    for (int j = 0; j < LEN / 4; j++)
      for (int k = 0; k < 4; k++) mat[i][j][k] = (float)(rng_f64(&r) * 2.0 - 1.0);
  for (int j = 0; j < LEN / 4; j++)
    for (int k = 0; k < 4; k++) vec[j][k] = (float)(rng_f64(&r) * 2.0 - 1.0);
  uint64_t h = 0;
  for (int rep = 0; rep < REPS; rep++) {
    float last = 0;
    for (int i = 0; i < ROWS; i++) {
      float d = dot(mat[i], vec);
      union { float f; uint32_t u; } bits = {d};
      h = hash_add(h, bits.u);
      last = d;
    }
    /* keep the vector bounded while it changes from pass to pass */
    int at = rep % (LEN / 4);
    vec[at] = vec[at] * 0.5f + (f32x4){last, -last, last * 0.25f, 0.125f} * 0.001f;
  }
  return mix64(h);
}
