/*
 * memory.c: linear memories of 32-bit index, reserved with their guard region.
 *
 * Design. Compiled code addresses a memory as base + zero-extended u32 index + u32 static
 * offset, with no bounds check. So each memory reserves W2O_MEMORY32_RESERVATION (8 GiB)
 * of address space, PROT_NONE and MAP_NORESERVE (no memory or swap is committed for it):
 * base + index + offset is at most base + 2^33 - 2, inside the reservation. The first
 * `size` bytes are read/write; an access that starts at or beyond `size`, or starts
 * below it and runs past it, touches a PROT_NONE page and faults, and the trap handler
 * (trap.c) reports the fault as an out-of-bounds access. Growing mprotects more of the
 * reservation: the base never moves, so compiled code may keep it in a register across
 * calls, and no pointer into the memory is ever invalidated. Fresh pages of an anonymous
 * private mapping read as zero, as wasm requires.
 *
 * Invariants of a reserved memory (between public calls):
 * - size and max are multiples of W2O_WASM_PAGE_SIZE and size <= max <= 4 GiB;
 * - [base, base + size) is read/write, [base + size, base + reserved) is PROT_NONE.
 * A memory is not synchronized: growing it from two threads at once is the caller's
 * business (wasm's memory.grow of a non-shared memory runs on one thread).
 */
#define _GNU_SOURCE

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "w2o.h"

_Static_assert(W2O_MEMORY32_RESERVATION >= 2 * W2O_MEMORY32_MAX_BYTES,
               "the reservation must hold any u32 index plus any u32 offset");

int w2o_memory_reserve(uint64_t min_bytes, uint64_t max_bytes, struct w2o_memory *m) {
  memset(m, 0, sizeof *m);
  int has_max = max_bytes != UINT64_MAX;
  if (!has_max) max_bytes = W2O_MEMORY32_MAX_BYTES;
  if (min_bytes % W2O_WASM_PAGE_SIZE != 0 || max_bytes % W2O_WASM_PAGE_SIZE != 0 || min_bytes > max_bytes ||
      max_bytes > W2O_MEMORY32_MAX_BYTES) {
    errno = EINVAL;
    return -1;
  }
  void *base = mmap(NULL, W2O_MEMORY32_RESERVATION, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (base == MAP_FAILED) return -1;
  if (min_bytes > 0 && mprotect(base, min_bytes, PROT_READ | PROT_WRITE) != 0) {
    int saved = errno;
    munmap(base, W2O_MEMORY32_RESERVATION);
    errno = saved;
    return -1;
  }
  m->base = base;
  m->size = min_bytes;
  m->max = max_bytes;
  m->reserved = W2O_MEMORY32_RESERVATION;
  m->has_max = has_max;
  return 0;
}

int64_t w2o_memory_grow(struct w2o_memory *m, uint64_t delta_bytes) {
  uint64_t old = m->size;
  if (delta_bytes % W2O_WASM_PAGE_SIZE != 0 || delta_bytes > m->max - old) {
    errno = EINVAL;
    return -1;
  }
  if (delta_bytes > 0 && mprotect(m->base + old, delta_bytes, PROT_READ | PROT_WRITE) != 0) return -1;
  m->size = old + delta_bytes;
  return (int64_t)old;
}

void w2o_memory_release(struct w2o_memory *m) {
  if (m->base != NULL) munmap(m->base, m->reserved);
  memset(m, 0, sizeof *m);
}
