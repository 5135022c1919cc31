/* hashmap: an open-addressing hash table (linear probing, backward-shift deletion) from
   uint32 keys to uint32 values with 2^LOGCAP slots, driven by OPS random operations on keys
   drawn from KEYS distinct values: 50% lookups, 30% inserts or updates, 20% deletions.
   Checksum: the values found, the table's population after each phase and a final scan. */
#include "common.h"

#define LOGCAP 20
#define CAP (1u << LOGCAP)
#define KEYS 700000u
#define OPS 16000000u

static uint32_t keys[CAP]; /* 0 = empty */
static uint32_t vals[CAP];
static uint32_t count;

static inline uint32_t slot_of(uint32_t k) { return (k * 0x9e3779b1u) >> (32 - LOGCAP); }

static int lookup(uint32_t k, uint32_t *v) {
  for (uint32_t i = slot_of(k);; i = (i + 1) & (CAP - 1)) {
    if (keys[i] == k) {
      *v = vals[i];
      return 1;
    }
    if (keys[i] == 0) return 0;
  }
}

static void insert(uint32_t k, uint32_t v) {
  for (uint32_t i = slot_of(k);; i = (i + 1) & (CAP - 1)) {
    if (keys[i] == k) {
      vals[i] = v;
      return;
    }
    if (keys[i] == 0) {
      keys[i] = k;
      vals[i] = v;
      count++;
      return;
    }
  }
}

static int erase(uint32_t k) {
  uint32_t i = slot_of(k);
  for (;; i = (i + 1) & (CAP - 1)) {
    if (keys[i] == 0) return 0;
    if (keys[i] == k) break;
  }
  /* backward shift: move later entries of the cluster into the hole when allowed */
  uint32_t j = i;
  for (;;) {
    j = (j + 1) & (CAP - 1);
    if (keys[j] == 0) break;
    uint32_t home = slot_of(keys[j]);
    /* the entry at j may move to i unless its home lies cyclically in (i, j] */
    if (((j - home) & (CAP - 1)) >= ((j - i) & (CAP - 1))) {
      keys[i] = keys[j];
      vals[i] = vals[j];
      i = j;
    }
  }
  keys[i] = 0;
  count--;
  return 1;
}

uint64_t bench_run(void) {
  for (uint32_t i = 0; i < CAP; i++) keys[i] = vals[i] = 0;
  count = 0;
  rng_t r = {77};
  uint64_t h = 0, found = 0;
  for (uint32_t op = 0; op < OPS; op++) {
    uint64_t x = rng_next(&r);
    uint32_t k = 1 + (uint32_t)((x >> 32) % KEYS) * 2654435761u % 0xfffffffbu;
    uint32_t kind = (uint32_t)(x & 0xffff) % 10;
    if (kind < 5) {
      uint32_t v;
      if (lookup(k, &v)) {
        found++;
        h += v;
      }
    } else if (kind < 8) {
      insert(k, (uint32_t)(x >> 16));
    } else {
      found += (uint64_t)erase(k) << 32;
    }
    if ((op & 0xfffff) == 0) h = hash_add(h, count);
  }
  h = hash_add(h, found);
  uint64_t scan = 0;
  for (uint32_t i = 0; i < CAP; i++)
    if (keys[i]) scan += (uint64_t)keys[i] * vals[i];
  h = hash_add(h, scan);
  return mix64(hash_add(h, count));
}
