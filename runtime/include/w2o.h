/*
 * w2o.h: the public API of the wasm2obj runtime.
 *
 * This part covers what every other part stands on: catching traps in compiled wasm code
 * and linear memories reserved with guard regions.
 *
 * Traps. Compiled code traps by faulting: a `ud2` after an explicit check, a load or
 * store that lands in a memory's guard region, an `idiv` that divides by zero or
 * overflows. Each such instruction is listed in its module's trap table (offset from the
 * module's .text -> trap code, see w2o-abi.h). A module's code is registered with
 * w2o_register_code; w2o_call_guarded runs a function and, when wasm code it reaches
 * faults, returns the trap code instead of letting the process die. A fault anywhere
 * else (host C code, or wasm code with no w2o_call_guarded active on the thread) is left
 * to whatever would have happened without the runtime: the default action kills the
 * process with that signal, or a handler installed before the runtime's runs.
 *
 * Memories. A 32-bit linear memory is an 8 GiB reservation of address space: 4 GiB that
 * a u32 index can reach, then 4 GiB that a u32 static offset can add. Only the first
 * `size` bytes are readable and writable; every other byte of the reservation faults, so
 * compiled code needs no bounds check. The base never moves; growing makes more of the
 * reservation accessible.
 *
 * Threads: registration and guarded calls may be used from any thread; a trap returns to
 * the innermost w2o_call_guarded of the thread that trapped. One memory is not meant to be
 * grown from two threads at once.
 */
#ifndef W2O_H
#define W2O_H

#include <stddef.h>
#include <stdint.h>

#include "w2o-abi.h"

/* ---- code registration ------------------------------------------------------------ */

/* How many modules may be registered at once. */
#define W2O_MAX_CODE_REGIONS 256

/* A module's code as the trap handler needs to know it. Nothing in it is copied: all
 * of it must stay valid until w2o_unregister_code. */
struct w2o_code_info {
  const void *text_start;
  size_t text_size;
  /* The trap table: sorted by text_offset, offsets unique and inside the text. */
  const struct w2o_trap_site *sites;
  size_t n_sites;
  /* The function table (may be empty): sorted by text_offset, inside the text, not
   * overlapping; names are offsets into `names`, `names_size` bytes of NUL-terminated
   * strings (W2O_NO_NAME for none). */
  const struct w2o_func_info *funcs;
  size_t n_funcs;
  const char *names;
  size_t names_size;
};

/*
 * Makes the trap handler know a module's code. Returns 0, or -1 with errno EINVAL (bad
 * arguments, an unsorted or out-of-range table, a name outside the names, text
 * overlapping a registered module) or ENOSPC (W2O_MAX_CODE_REGIONS modules already
 * registered). Installs the runtime's signal handlers on first use.
 */
int w2o_register_code(const struct w2o_code_info *code);

/*
 * Forgets the module whose text starts at `text_start`. No code of it may be running on
 * any thread. Returns 0, or -1 with errno EINVAL when no such module is registered.
 */
int w2o_unregister_code(const void *text_start);

/* ---- guarded calls -------------------------------------------------------------------- */

/* What w2o_call_guarded reports. */
struct w2o_trap_info {
  uint32_t code;              /* enum w2o_trap_code; W2O_TRAP_NONE when fn returned */
  uint32_t text_offset;       /* of the faulting instruction, from its module's .text */
  const char *message;        /* w2o_trap_code_message(code) */
  const char *func_name;      /* the function that trapped, from the function table, or NULL */
  const void *pc;             /* address of the faulting instruction */
  const void *fault_address;  /* the address accessed, for a memory fault; else NULL */
  int signo;                  /* the signal that reported the trap, 0 when none */
};

/*
 * Runs fn(arg). Returns 0 when fn returns; when wasm code that fn reaches traps, unwinds
 * (siglongjmp) back here and returns the trap code. `out` (may be NULL) receives the
 * details either way. Calls nest: a trap returns to the innermost active call on the
 * thread, and the outer ones stay armed. The frames between the trap and here are
 * dropped without running anything: fn must not hold locks or resources it expects to
 * release after calling into wasm.
 * Sets up, once per thread, an alternate signal stack (unless the thread already has
 * one), so that a trap is caught even when the wasm stack is exhausted.
 * Returns -1 with errno set if the signal handlers or the signal stack cannot be set up;
 * fn is then not called.
 */
int w2o_call_guarded(void (*fn)(void *), void *arg, struct w2o_trap_info *out);

/* ---- linear memories ------------------------------------------------------------------ */

/* The size of a WebAssembly page; memory sizes are multiples of it. */
#define W2O_WASM_PAGE_SIZE 65536u
/* Bytes that a 32-bit index can address: 65,536 pages. */
#define W2O_MEMORY32_MAX_BYTES (UINT64_C(1) << 32)
/* Bytes reserved per memory: the addressable 4 GiB and a 4 GiB guard for static offsets. */
#define W2O_MEMORY32_RESERVATION (UINT64_C(2) << 32)

struct w2o_memory {
  uint8_t *base;     /* start of the reservation; never moves */
  uint64_t size;     /* bytes readable and writable from base */
  uint64_t max;      /* size never exceeds this */
  uint64_t reserved; /* bytes of address space reserved at base */
};

/*
 * Reserves a memory and makes its first `min_bytes` readable and writable (zero-filled).
 * `max_bytes` caps w2o_memory_grow; UINT64_MAX means "no maximum", which for a 32-bit
 * memory is 4 GiB. Both must be multiples of W2O_WASM_PAGE_SIZE (UINT64_MAX aside), with
 * min <= max <= 4 GiB. Returns 0, or -1 with errno EINVAL or ENOMEM; `m` is then zeroed.
 */
int w2o_memory_reserve(uint64_t min_bytes, uint64_t max_bytes, struct w2o_memory *m);

/*
 * Makes `delta_bytes` more (a multiple of W2O_WASM_PAGE_SIZE) readable and writable, at
 * the same base. Returns the previous size in bytes, or -1 (memory unchanged) when the new
 * size would pass the maximum or the system refuses the pages. A delta of 0 returns the
 * size. This is memory.grow, counted in bytes.
 */
int64_t w2o_memory_grow(struct w2o_memory *m, uint64_t delta_bytes);

/* Returns the reservation to the system and zeroes `m`. Releasing a zeroed memory is a no-op. */
void w2o_memory_release(struct w2o_memory *m);

#endif /* W2O_H */
