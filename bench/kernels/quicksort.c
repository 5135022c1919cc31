/* quicksort: sorts N pseudo-random uint32 values with quicksort (median of three, Hoare
   partition, recursion on the smaller side, insertion sort below 16 elements), REPS times
   on fresh data. Checksum: a position-weighted hash of every sorted array, and whether it
   is sorted. */
#include "common.h"

#define N (1 << 20)
#define REPS 7

static uint32_t a[N];

static void insertion_sort(uint32_t *v, int32_t n) {
  for (int32_t i = 1; i < n; i++) {
    uint32_t x = v[i];
    int32_t j = i - 1;
    while (j >= 0 && v[j] > x) {
      v[j + 1] = v[j];
      j--;
    }
    v[j + 1] = x;
  }
}

static inline void swap(uint32_t *x, uint32_t *y) {
  uint32_t t = *x;
  *x = *y;
  *y = t;
}

static void quicksort(uint32_t *v, int32_t n) {
  while (n > 16) {
    int32_t mid = n / 2;
    if (v[mid] < v[0]) swap(&v[mid], &v[0]);
    if (v[n - 1] < v[0]) swap(&v[n - 1], &v[0]);
    if (v[n - 1] < v[mid]) swap(&v[n - 1], &v[mid]);
    uint32_t pivot = v[mid];
    int32_t i = -1, j = n;
    for (;;) {
      do i++;
      while (v[i] < pivot);
      do j--;
      while (v[j] > pivot);
      if (i >= j) break;
      swap(&v[i], &v[j]);
    }
    /* [0, j] and [j + 1, n) */
    int32_t left = j + 1, right = n - left;
    if (left < right) {
      quicksort(v, left);
      v += left;
      n = right;
    } else {
      quicksort(v + left, right);
      n = left;
    }
  }
  insertion_sort(v, n);
}

uint64_t bench_run(void) {
  rng_t r = {5};
  uint64_t h = 0;
  for (int rep = 0; rep < REPS; rep++) {
    /* every other round has many duplicates */
    uint32_t mask = (rep & 1) ? 0xffffu : 0xffffffffu;
    for (int32_t i = 0; i < N; i++) a[i] = rng_u32(&r) & mask;
    quicksort(a, N);
    uint64_t s = 0;
    uint32_t sorted = 1;
    for (int32_t i = 0; i < N; i++) {
      s += (uint64_t)a[i] * (uint64_t)(i + 1);
      if (i > 0 && a[i - 1] > a[i]) sorted = 0;
    }
    h = hash_add(hash_add(h, s), sorted);
  }
  return mix64(h);
}
