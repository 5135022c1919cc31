/* fft: iterative radix-2 complex FFT of N = 2^LOGN points (doubles), forward then inverse,
   REPS round trips on the same data with a small perturbation between them. Twiddle
   factors come from common.h's bsin/bcos. Checksum: the bits of the spectrum's first
   bins each round and of the whole signal at the end. */
#include "common.h"

#define LOGN 16
#define N (1 << LOGN)
#define REPS 130

static double re[N], im[N];
static double wr[N / 2], wi[N / 2];

static void fft(int inverse) {
  /* bit reversal permutation */
  for (int i = 1, j = 0; i < N; i++) {
    int bit = N >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      double t = re[i];
      re[i] = re[j];
      re[j] = t;
      t = im[i];
      im[i] = im[j];
      im[j] = t;
    }
  }
  double sign = inverse ? -1.0 : 1.0;
  for (int len = 2; len <= N; len <<= 1) {
    int half = len >> 1, step = N / len;
    for (int i = 0; i < N; i += len) {
      for (int k = 0; k < half; k++) {
        double cr = wr[k * step], ci = sign * wi[k * step];
        int a = i + k, b = a + half;
        double tr = re[b] * cr - im[b] * ci;
        double ti = re[b] * ci + im[b] * cr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
      }
    }
  }
  if (inverse) {
    double s = 1.0 / N;
    for (int i = 0; i < N; i++) {
      re[i] *= s;
      im[i] *= s;
    }
  }
}

uint64_t bench_run(void) {
  for (int k = 0; k < N / 2; k++) {
    double a = -2.0 * BENCH_PI * k / N;
    wr[k] = bcos(a);
    wi[k] = bsin(a);
  }
  rng_t r = {2024};
  for (int i = 0; i < N; i++) {
    re[i] = rng_f64(&r) - 0.5;
    im[i] = rng_f64(&r) - 0.5;
  }
  uint64_t h = 0;
  for (int k = 0; k < N / 2; k += 997) h = hash_add(h, f64_bits(wr[k]) ^ f64_bits(wi[k]));
  for (int rep = 0; rep < REPS; rep++) {
    fft(0);
    for (int i = 0; i < N; i += 251) h = hash_add(h, f64_bits(re[i]) + f64_bits(im[i]));
    fft(1);
    re[rep] += 0.25;
  }
  for (int i = 0; i < N; i++) h = hash_add(h, f64_bits(re[i]) ^ (f64_bits(im[i]) << 1));
  return mix64(h);
}
