/*
 * trap.c: turning faults in compiled wasm code into trap codes.
 *
 * Design. Compiled code never tests for a trap and calls out: it faults. A `ud2` after an
 * explicit check raises SIGILL, an access to a memory's guard region SIGSEGV (or SIGBUS),
 * an `idiv` by zero or of INT_MIN by -1 SIGFPE. Each such instruction is in its module's
 * trap table. One handler, installed once for those four signals with
 * SA_SIGINFO | SA_ONSTACK, does:
 *
 *   1. take the faulting pc from the signal context;
 *   2. if the thread has a landing (an active w2o_call_guarded), the signal comes from the
 *      instruction itself (si_code > 0, not kill/raise) and the pc lies in a registered
 *      module's text: find the trap code by binary search in that module's trap table; a
 *      pc missing from the table is a guard-page access for SIGSEGV/SIGBUS and an internal
 *      error for anything else; find the function holding the pc, for its name, by binary
 *      search in the function table; record the trap in the landing and siglongjmp to it;
 *   3. otherwise behave as if the runtime were not there: call the handler that was
 *      installed before ours, or, if that was SIG_DFL or SIG_IGN, put it back and return,
 *      so the instruction faults again under the original disposition (a signal that was
 *      sent rather than raised by a fault is sent again).
 *
 * An unlisted SIGSEGV/SIGBUS whose address is next to the stack pointer is the stack
 * running into its guard page (wasm code called without a stack limit set): it is
 * reported as stack exhaustion, not as an out-of-bounds memory access.
 *
 * C code that wasm calls (the builtins, host functions) traps with w2o_raise_trap, which
 * fills the innermost landing as the handler would, naming the wasm function from the
 * return address into it, and siglongjmps: no signal is involved (signo 0). A host function
 * that ends the run on purpose (WASI's proc_exit) raises W2O_TRAP_HOST_EXIT the same way.
 *
 * Backtraces. Compiled functions and trampolines keep a frame pointer (push rbp; mov rbp,
 * rsp), so the wasm frames of a trap form a chain: [rbp] is the caller's rbp, [rbp + 8]
 * the return address into the caller. The walk starts from the trapping frame (the
 * signal's rbp and rsp, or for a raised trap the frame of w2o_raise_trap, climbing through
 * the C frames in between until a return address lands in registered code) and records
 * return addresses while they lie in registered code, up to W2O_MAX_BACKTRACE. A fault on
 * a function's first instruction (the push rbp of a stack overflow with no limit set) has
 * no frame of its own yet: its return address is at [rsp]. The walk never reads outside
 * [rsp, landing), the part of the thread's stack that the guarded call has used (its
 * landing lives in w2o_call_guarded's frame, above every frame the call made), and only
 * when that range lies in the thread's stack as pthread_getattr_np reported it; a frame
 * pointer outside it, misaligned or not above the previous one ends the walk, so a broken
 * chain shortens the backtrace but never faults.
 *
 * The handler runs on a per-thread alternate stack, so a trap is caught even when the
 * fault is a stack overflow. Its stack is set up by the first w2o_call_guarded of each
 * thread (a thread that never calls into wasm needs none) and freed when the thread exits.
 *
 * Async-signal safety. The handler calls nothing but sigaction, raise and siglongjmp, and
 * reads only:
 * - `regions`: a fixed array. A slot is published by storing its non-zero `start` last,
 *   with release order, after the other fields; the handler loads `start` with acquire
 *   order and only then reads the rest. Unregistering stores 0 first. Writers (register,
 *   unregister) take `registry_lock`; the handler takes no lock, so a fault can never
 *   deadlock against a registration in progress on the same thread.
 * - `current_landing`: thread-local, initial-exec TLS model, so reading it from the handler
 *   never allocates (a dynamic TLS access may call malloc on a thread's first use).
 * - `previous_actions`: written once, before the handlers are installed.
 * - `thread_stack_lo/hi`: thread-local (initial-exec), set by the thread's first guarded
 *   call, before any landing of the thread exists.
 *
 * Invariants between public calls:
 * - slots [0, region_count) are the only ones ever used; a used slot has start != 0 and
 *   [start, end) does not overlap any other used slot;
 * - `current_landing` is the innermost active w2o_call_guarded of the thread (NULL when
 *   none); each landing links to the one it hides, and w2o_call_guarded restores that one
 *   on both of its exits (return and trap), so nested calls unwind to the right landing;
 * - a thread has at most one signal stack from this file, set up once and reused by every
 *   call, so traps in a loop allocate nothing.
 */
#define _GNU_SOURCE

#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "internal.h"

_Static_assert(ATOMIC_POINTER_LOCK_FREE == 2, "the signal handler needs lock-free atomics");

/* ---- registered code -------------------------------------------------------------- */

struct code_region {
  _Atomic(uintptr_t) start; /* 0 while the slot is free */
  uintptr_t end;
  struct w2o_code_info code; /* as registered */
};

static struct code_region regions[W2O_MAX_CODE_REGIONS];
static _Atomic(size_t) region_count;
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;

static int install_handlers(void);

static bool valid_sites(size_t text_size, const struct w2o_trap_site *sites, size_t n_sites) {
  if (n_sites > 0 && sites == NULL) return false;
  for (size_t i = 0; i < n_sites; i++) {
    if (sites[i].text_offset >= text_size) return false;
    if (sites[i].code == W2O_TRAP_NONE || sites[i].code >= W2O_TRAP_CODE_COUNT) return false;
    if (i > 0 && sites[i - 1].text_offset >= sites[i].text_offset) return false;
  }
  return true;
}

/* Sorted, inside the text, not overlapping, and every name a string inside `names`. */
static bool valid_funcs(const struct w2o_code_info *c) {
  if (c->n_funcs > 0 && c->funcs == NULL) return false;
  if (c->names_size > 0 && (c->names == NULL || c->names[c->names_size - 1] != '\0')) return false;
  uint64_t end_of_previous = 0;
  for (size_t i = 0; i < c->n_funcs; i++) {
    const struct w2o_func_info *f = &c->funcs[i];
    uint64_t end = (uint64_t)f->text_offset + f->size;
    if (f->text_offset < end_of_previous || end > c->text_size) return false;
    if (f->name_offset != W2O_NO_NAME && f->name_offset >= c->names_size) return false;
    end_of_previous = end;
  }
  return true;
}

int w2o_register_code(const struct w2o_code_info *c) {
  if (c == NULL) {
    errno = EINVAL;
    return -1;
  }
  uintptr_t start = (uintptr_t)c->text_start;
  size_t text_size = c->text_size;
  if (start == 0 || text_size == 0 || start + text_size < start || !valid_sites(text_size, c->sites, c->n_sites) ||
      !valid_funcs(c)) {
    errno = EINVAL;
    return -1;
  }
  if (install_handlers() != 0) return -1;
  pthread_mutex_lock(&registry_lock);
  size_t count = atomic_load_explicit(&region_count, memory_order_relaxed);
  size_t free_slot = W2O_MAX_CODE_REGIONS;
  for (size_t i = 0; i < count; i++) {
    uintptr_t s = atomic_load_explicit(&regions[i].start, memory_order_relaxed);
    if (s == 0) {
      if (free_slot == W2O_MAX_CODE_REGIONS) free_slot = i;
    } else if (start < regions[i].end && s < start + text_size) {
      pthread_mutex_unlock(&registry_lock);
      errno = EINVAL;
      return -1;
    }
  }
  if (free_slot == W2O_MAX_CODE_REGIONS && count < W2O_MAX_CODE_REGIONS) free_slot = count;
  if (free_slot == W2O_MAX_CODE_REGIONS) {
    pthread_mutex_unlock(&registry_lock);
    errno = ENOSPC;
    return -1;
  }
  struct code_region *r = &regions[free_slot];
  r->end = start + text_size;
  r->code = *c;
  atomic_store_explicit(&r->start, start, memory_order_release);
  if (free_slot == count) atomic_store_explicit(&region_count, count + 1, memory_order_release);
  pthread_mutex_unlock(&registry_lock);
  return 0;
}

int w2o_unregister_code(const void *text_start) {
  uintptr_t start = (uintptr_t)text_start;
  int result = -1;
  pthread_mutex_lock(&registry_lock);
  size_t count = atomic_load_explicit(&region_count, memory_order_relaxed);
  for (size_t i = 0; i < count && start != 0; i++) {
    if (atomic_load_explicit(&regions[i].start, memory_order_relaxed) == start) {
      atomic_store_explicit(&regions[i].start, 0, memory_order_release);
      result = 0;
      break;
    }
  }
  pthread_mutex_unlock(&registry_lock);
  if (result != 0) errno = EINVAL;
  return result;
}

/* The published region holding pc, copied into *out; false when pc is in none. Signal-safe. */
static bool find_region(uintptr_t pc, struct code_region *out) {
  size_t count = atomic_load_explicit(&region_count, memory_order_acquire);
  for (size_t i = 0; i < count; i++) {
    uintptr_t s = atomic_load_explicit(&regions[i].start, memory_order_acquire);
    if (s != 0 && pc >= s && pc < regions[i].end) {
      atomic_init(&out->start, s);
      out->end = regions[i].end;
      out->code = regions[i].code;
      return true;
    }
  }
  return false;
}

/* Index of the site at `offset` in a sorted table, or n when there is none. Signal-safe. */
static size_t find_site(const struct w2o_trap_site *sites, size_t n, uint32_t offset) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (sites[mid].text_offset < offset) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo < n && sites[lo].text_offset == offset ? lo : n;
}

/* Index of the function holding `offset` in the region's function table, or n_funcs when
 * none does (a trampoline, padding). Signal-safe. */
static size_t find_func(const struct code_region *r, uint32_t offset) {
  const struct w2o_func_info *funcs = r->code.funcs;
  size_t lo = 0, hi = r->code.n_funcs;
  while (lo < hi) { /* first function starting after offset */
    size_t mid = lo + (hi - lo) / 2;
    if (funcs[mid].text_offset <= offset) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo == 0 || offset - funcs[lo - 1].text_offset >= funcs[lo - 1].size) return r->code.n_funcs;
  return lo - 1;
}

/* The name of the function holding `offset`, or NULL when none does or it has no name.
 * Signal-safe. */
static const char *find_func_name(const struct code_region *r, uint32_t offset) {
  size_t i = find_func(r, offset);
  if (i == r->code.n_funcs || r->code.funcs[i].name_offset == W2O_NO_NAME) return NULL;
  return r->code.names + r->code.funcs[i].name_offset;
}

/* Whether pc lies in a registered module's text. Signal-safe. */
static bool in_code(uintptr_t pc) {
  size_t count = atomic_load_explicit(&region_count, memory_order_acquire);
  for (size_t i = 0; i < count; i++) {
    uintptr_t s = atomic_load_explicit(&regions[i].start, memory_order_acquire);
    if (s != 0 && pc >= s && pc < regions[i].end) return true;
  }
  return false;
}

/* ---- landings --------------------------------------------------------------------- */

struct landing {
  sigjmp_buf env;
  struct landing *prev;
  struct w2o_trap_info info;
};

static _Thread_local struct landing *current_landing __attribute__((tls_model("initial-exec")));

bool w2o_guarded_call_active(void) {
  return current_landing != NULL;
}

/* The message of a code w2o_call_guarded may return. */
static const char *code_message(uint32_t code) {
  return code == W2O_TRAP_HOST_EXIT ? "host exit" : w2o_trap_code_message(code);
}

/* ---- the thread's stack and backtraces --------------------------------------------- */

static _Thread_local uintptr_t thread_stack_lo __attribute__((tls_model("initial-exec")));
static _Thread_local uintptr_t thread_stack_hi __attribute__((tls_model("initial-exec")));
static _Thread_local bool thread_stack_known;

bool w2o_thread_stack(uintptr_t *lo, uintptr_t *hi) {
  if (!thread_stack_known) {
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      void *addr;
      size_t size;
      if (pthread_attr_getstack(&attr, &addr, &size) == 0) {
        thread_stack_lo = (uintptr_t)addr;
        thread_stack_hi = thread_stack_lo + size;
      }
      pthread_attr_destroy(&attr);
    }
    thread_stack_known = true;
  }
  *lo = thread_stack_lo;
  *hi = thread_stack_hi;
  return thread_stack_hi != 0;
}

/* The stack a walk may read, [from, landing), when it lies in the thread's stack (see the
 * design above). Signal-safe: reads the bounds that the thread's first guarded call set. */
static bool walk_bounds(uintptr_t from, const struct landing *landing, uintptr_t *lo, uintptr_t *hi) {
  uintptr_t top = (uintptr_t)landing;
  if (thread_stack_hi == 0 || from < thread_stack_lo || from >= top || top > thread_stack_hi) return false;
  *lo = from;
  *hi = top;
  return true;
}

/* Follows the frame-pointer chain from `fp`, appending return addresses into registered
 * code to frames[n...]; returns the new count. Signal-safe; reads only [lo, hi). */
static uint32_t walk_chain(const void **frames, uint32_t n, uintptr_t fp, uintptr_t lo, uintptr_t hi) {
  while (n < W2O_MAX_BACKTRACE && fp % 8 == 0 && fp >= lo && hi - fp >= 16) {
    const uintptr_t *slot = (const uintptr_t *)fp;
    uintptr_t caller_fp = slot[0], ra = slot[1];
    if (!in_code(ra - 1)) break;
    frames[n++] = (const void *)ra;
    if (caller_fp <= fp) break;
    fp = caller_fp;
  }
  return n;
}

/* The backtrace of a fault at `offset` of `region`, from the signal's registers. */
static void backtrace_from_fault(struct w2o_trap_info *info, const struct code_region *region, uint32_t offset,
                                 const ucontext_t *uc, const struct landing *landing) {
  uintptr_t sp = (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
  uintptr_t fp = (uintptr_t)uc->uc_mcontext.gregs[REG_RBP];
  info->frames[0] = info->pc;
  info->n_frames = 1;
  uintptr_t lo, hi;
  if (!walk_bounds(sp, landing, &lo, &hi)) return;
  size_t f = find_func(region, offset);
  if (f < region->code.n_funcs && region->code.funcs[f].text_offset == offset) {
    /* On the first instruction: no frame yet, rbp is still the caller's. */
    if (sp % 8 != 0 || hi - sp < 8) return;
    uintptr_t ra = *(const uintptr_t *)sp;
    if (!in_code(ra - 1)) return;
    info->frames[info->n_frames++] = (const void *)ra;
  }
  info->n_frames = walk_chain(info->frames, info->n_frames, fp, lo, hi);
}

/* At most this many C frames between w2o_raise_trap and the wasm code it returns to. */
#define MAX_C_FRAMES 16

/* The backtrace of a trap raised by C code that wasm called, climbing from the frame `fp`
 * of w2o_raise_trap. The C function that wasm called may keep a frame pointer (its frame's
 * return address is then `return_address`) or not (rbp then still holds the wasm caller's
 * frame pointer when it is untouched): either way the first return address found in
 * registered code tells which frame is the wasm caller's. */
static void backtrace_from_c(struct w2o_trap_info *info, uintptr_t return_address, uintptr_t fp,
                             const struct landing *landing) {
  info->n_frames = 0;
  if (return_address == 0 || !in_code(return_address - 1)) return;
  info->frames[info->n_frames++] = (const void *)return_address;
  uintptr_t lo, hi;
  if (!walk_bounds(fp, landing, &lo, &hi)) return;
  for (int i = 0; i < MAX_C_FRAMES && fp % 8 == 0 && fp >= lo && hi - fp >= 16; i++) {
    const uintptr_t *slot = (const uintptr_t *)fp;
    uintptr_t caller_fp = slot[0], ra = slot[1];
    if (in_code(ra - 1)) {
      if (ra != return_address) info->frames[info->n_frames++] = (const void *)ra;
      if (caller_fp > fp) info->n_frames = walk_chain(info->frames, info->n_frames, caller_fp, lo, hi);
      return;
    }
    if (caller_fp <= fp) return;
    fp = caller_fp;
  }
}

int w2o_trap_frame(const struct w2o_trap_info *trap, uint32_t i, struct w2o_frame_info *out) {
  if (trap == NULL || out == NULL || i >= trap->n_frames || i >= W2O_MAX_BACKTRACE) return -1;
  uintptr_t pc = (uintptr_t)trap->frames[i];
  /* A return address follows its call: the call, at pc - 1 and before, names the function. */
  uintptr_t at = i > 0 || trap->signo == 0 ? pc - 1 : pc;
  struct code_region region;
  if (!find_region(at, &region)) return -1;
  uintptr_t start = atomic_load_explicit(&region.start, memory_order_relaxed);
  size_t f = find_func(&region, (uint32_t)(at - start));
  out->text_start = (const void *)start;
  out->text_offset = (uint32_t)(pc - start);
  out->func_index = f < region.code.n_funcs ? (uint32_t)f : W2O_NO_FUNC;
  out->func_name = find_func_name(&region, (uint32_t)(at - start));
  return 0;
}

/* ---- the handler ------------------------------------------------------------------ */

static const int trap_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE};
#define N_TRAP_SIGNALS (sizeof trap_signals / sizeof trap_signals[0])

static struct sigaction previous_actions[N_TRAP_SIGNALS];
static pthread_once_t install_once = PTHREAD_ONCE_INIT;
static int install_errno;

static const struct sigaction *previous_action(int signo) {
  for (size_t i = 0; i < N_TRAP_SIGNALS; i++) {
    if (trap_signals[i] == signo) return &previous_actions[i];
  }
  return NULL;
}

/* Step 3 of the design: what would have happened without the runtime. */
static void forward(int signo, siginfo_t *si, void *context) {
  const struct sigaction *prev = previous_action(signo);
  if (prev == NULL) return;
  if (prev->sa_handler != SIG_DFL && prev->sa_handler != SIG_IGN) {
    if (prev->sa_flags & SA_SIGINFO) {
      prev->sa_sigaction(signo, si, context);
    } else {
      prev->sa_handler(signo);
    }
  } else {
    int saved_errno = errno;
    sigaction(signo, prev, NULL);
    /* A fault repeats when the instruction runs again; a sent signal has to be sent again. */
    if (si->si_code <= 0) raise(signo);
    errno = saved_errno;
  }
}

/* Whether a fault address is next to the faulting thread's stack pointer: an unlisted
 * fault there is the stack running into its guard page (a push, a call, a spill), which
 * happens when no stack limit was set for the call (see w2o_invoke); a linear memory
 * access never lands there, its reservation being a mapping of its own. Signal-safe. */
static bool near_stack_pointer(const ucontext_t *uc, const void *addr) {
  uintptr_t sp = (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
  uintptr_t a = (uintptr_t)addr;
  const uintptr_t window = 64 * 1024;
  return a + window >= sp && a < sp + window;
}

static void on_fault(int signo, siginfo_t *si, void *context) {
  ucontext_t *uc = context;
  uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
  struct landing *landing = current_landing;
  struct code_region region;
  if (landing == NULL || si->si_code <= 0 || !find_region(pc, &region)) {
    forward(signo, si, context);
    return;
  }
  uint32_t offset = (uint32_t)(pc - atomic_load_explicit(&region.start, memory_order_relaxed));
  size_t i = find_site(region.code.sites, region.code.n_sites, offset);
  uint32_t code;
  if (i < region.code.n_sites) {
    code = region.code.sites[i].code;
  } else if (signo == SIGSEGV || signo == SIGBUS) {
    code = near_stack_pointer(uc, si->si_addr) ? W2O_TRAP_STACK_EXHAUSTED : W2O_TRAP_MEMORY_OUT_OF_BOUNDS;
  } else {
    code = W2O_TRAP_INTERNAL_ERROR;
  }
  struct w2o_trap_info *info = &landing->info;
  info->code = code;
  info->text_offset = offset;
  info->message = w2o_trap_code_message(code);
  info->func_name = find_func_name(&region, offset);
  info->pc = (const void *)pc;
  info->fault_address = signo == SIGSEGV || signo == SIGBUS ? si->si_addr : NULL;
  info->signo = signo;
  backtrace_from_fault(info, &region, offset, uc, landing);
  siglongjmp(landing->env, 1);
}

static void install_once_body(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  for (size_t i = 0; i < N_TRAP_SIGNALS; i++) sigaddset(&sa.sa_mask, trap_signals[i]);
  /* Read every previous action before installing any handler, so the handler never sees
   * a slot of previous_actions that is still being written. */
  for (size_t i = 0; i < N_TRAP_SIGNALS; i++) {
    if (sigaction(trap_signals[i], NULL, &previous_actions[i]) != 0) {
      install_errno = errno;
      return;
    }
  }
  for (size_t i = 0; i < N_TRAP_SIGNALS; i++) {
    if (sigaction(trap_signals[i], &sa, NULL) != 0) {
      install_errno = errno;
      return;
    }
  }
}

static void free_signal_stack(void *mapping);
static pthread_key_t signal_stack_key;

static void install_all(void) {
  install_errno = pthread_key_create(&signal_stack_key, free_signal_stack);
  if (install_errno == 0) install_once_body();
}

static int install_handlers(void) {
  pthread_once(&install_once, install_all);
  if (install_errno != 0) {
    errno = install_errno;
    return -1;
  }
  return 0;
}

/* ---- per-thread signal stacks ----------------------------------------------------- */

/* True once this thread has a signal stack: its own, or one mapped here (guard page below,
 * kept in signal_stack_key so that the key's destructor frees it at thread exit). */
static _Thread_local bool signal_stack_ready;

static size_t page_size(void) {
  return (size_t)sysconf(_SC_PAGESIZE);
}

static size_t signal_stack_size(void) {
  size_t size = 64 * 1024;
#ifdef _SC_SIGSTKSZ
  long min = sysconf(_SC_SIGSTKSZ);
  if (min > 0 && (size_t)min > size) size = (size_t)min;
#endif
  size_t page = page_size();
  return (size + page - 1) / page * page;
}

static void free_signal_stack(void *mapping) {
  size_t page = page_size();
  stack_t current;
  if (sigaltstack(NULL, &current) == 0 && current.ss_sp == (char *)mapping + page) {
    stack_t off = {.ss_sp = NULL, .ss_size = 0, .ss_flags = SS_DISABLE};
    sigaltstack(&off, NULL);
  }
  munmap(mapping, signal_stack_size() + page);
}

static int ensure_signal_stack(void) {
  if (signal_stack_ready) return 0;
  stack_t current;
  if (sigaltstack(NULL, &current) != 0) return -1;
  if (!(current.ss_flags & SS_DISABLE)) {
    /* The host gave this thread a signal stack: use it. */
    signal_stack_ready = true;
    return 0;
  }
  size_t page = page_size();
  size_t size = signal_stack_size();
  char *mapping = mmap(NULL, size + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  if (mapping == MAP_FAILED) return -1;
  stack_t ss = {.ss_sp = mapping + page, .ss_size = size, .ss_flags = 0};
  if (mprotect(mapping, page, PROT_NONE) != 0 || sigaltstack(&ss, NULL) != 0) {
    int saved = errno;
    munmap(mapping, size + page);
    errno = saved;
    return -1;
  }
  int err = pthread_setspecific(signal_stack_key, mapping);
  if (err != 0) {
    stack_t off = {.ss_sp = NULL, .ss_size = 0, .ss_flags = SS_DISABLE};
    sigaltstack(&off, NULL);
    munmap(mapping, size + page);
    errno = err;
    return -1;
  }
  signal_stack_ready = true;
  return 0;
}

/* ---- traps raised by C code -------------------------------------------------------- */

_Noreturn void w2o_raise_trap(uint32_t code, const void *return_address) {
  /* Taking the frame address gives this function a frame pointer to start the walk from. */
  uintptr_t fp = (uintptr_t)__builtin_frame_address(0);
  if (code != W2O_TRAP_HOST_EXIT && (code == W2O_TRAP_NONE || code >= W2O_TRAP_CODE_COUNT)) {
    code = W2O_TRAP_INTERNAL_ERROR;
  }
  struct landing *landing = current_landing;
  if (landing == NULL) {
    fprintf(stderr, "w2o: trap \"%s\" raised with no guarded call active\n", code_message(code));
    abort();
  }
  struct w2o_trap_info *info = &landing->info;
  info->code = code;
  info->text_offset = 0;
  info->message = code_message(code);
  info->func_name = NULL;
  info->pc = return_address;
  info->fault_address = NULL;
  info->signo = 0;
  struct code_region region;
  uintptr_t ra = (uintptr_t)return_address;
  /* The return address follows the call: the call itself is at ra - 1 and before, which
   * is what names the function (a call that ends a function returns past its end). */
  if (ra != 0 && find_region(ra - 1, &region)) {
    uint32_t offset = (uint32_t)(ra - atomic_load_explicit(&region.start, memory_order_relaxed));
    info->text_offset = offset;
    info->func_name = find_func_name(&region, offset - 1);
  }
  backtrace_from_c(info, ra, fp, landing);
  siglongjmp(landing->env, 1);
}

/* ---- guarded calls ---------------------------------------------------------------- */

int w2o_call_guarded(void (*fn)(void *), void *arg, struct w2o_trap_info *out) {
  if (install_handlers() != 0 || ensure_signal_stack() != 0) return -1;
  uintptr_t stack_lo, stack_hi;
  w2o_thread_stack(&stack_lo, &stack_hi); /* for backtraces; without it they stop at the first frame */
  struct landing landing;
  memset(&landing.info, 0, sizeof landing.info);
  landing.info.message = w2o_trap_code_message(W2O_TRAP_NONE);
  landing.prev = current_landing;
  /* `landing` is not written between here and a trap (the handler writes it through
   * current_landing), so it keeps its value across siglongjmp. The saved signal mask is
   * restored by the jump: the trapping signal is blocked while its handler runs. */
  if (sigsetjmp(landing.env, 1) == 0) {
    current_landing = &landing;
    fn(arg);
  }
  /* Both exits: make the handler's writes visible here, then uncover the outer landing. */
  atomic_signal_fence(memory_order_seq_cst);
  current_landing = landing.prev;
  if (out != NULL) *out = landing.info;
  return (int)landing.info.code;
}
