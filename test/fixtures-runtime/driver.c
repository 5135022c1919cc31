/*
 * The runtime tests' C driver: linked with the runtime (trap.c, memory.c) and with two
 * objects written by test/fixtures-runtime/module.ts (prefixes `a` and `b`, the same
 * functions twice, so that two modules are registered at once). argv[1] picks a scenario;
 * each prints what it saw, one fact per line, and the test compares the text exactly.
 * Scenarios named die-* must end by a signal, which the test checks from outside.
 *
 * Design: every call into the module goes through w2o_call_guarded with a `struct job`
 * that names the function and its arguments; `run` prints the outcome in one format:
 *   <label>: returned <value>
 *   <label>: trap <code> "<message>" at <module>+0x<offset> in <function> (<signal>)
 */
#define _GNU_SOURCE

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "w2o.h"

#define DECLARE_MODULE(P)                                                     \
  extern const unsigned char P##_text_start[], P##_text_end[];                \
  extern const struct w2o_trap_site P##_trap_sites[];                         \
  extern const uint32_t P##_trap_site_count;                                  \
  extern const struct w2o_func_info P##_funcs[];                              \
  extern const uint32_t P##_func_count, P##_names_size;                       \
  extern const char P##_names[];                                              \
  void P##_unreachable(void);                                                 \
  uint32_t P##_load(uint8_t *base, uint32_t index);                           \
  void P##_store(uint8_t *base, uint32_t index, uint32_t value);              \
  uint32_t P##_load_far(uint8_t *base, uint32_t index);                       \
  int32_t P##_div_s(int32_t a, int32_t b);                                    \
  int32_t P##_add_one(int32_t x);                                             \
  void P##_stray_ud2(void);                                                   \
  uint32_t P##_stray_load(uint8_t *base, uint32_t index);                     \
  uint64_t P##_call_host(void (*f)(void *), void *arg);                       \
  void P##_recurse(void);                                                     \
  void P##_frames_b(void);                                                    \
  void P##_frames_c(void);                                                    \
  uint64_t P##_host_via(void (*f)(void *), void *arg);

DECLARE_MODULE(a)
DECLARE_MODULE(b)

static void check(int ok, const char *what) {
  if (!ok) {
    fprintf(stderr, "driver: check failed: %s (errno %d)\n", what, errno);
    exit(2);
  }
}

#define CODE_INFO(P)                                                          \
  ((struct w2o_code_info){.text_start = P##_text_start,                       \
                          .text_size = (size_t)(P##_text_end - P##_text_start), \
                          .sites = P##_trap_sites,                            \
                          .n_sites = P##_trap_site_count,                     \
                          .funcs = P##_funcs,                                 \
                          .n_funcs = P##_func_count,                          \
                          .names = P##_names,                                 \
                          .names_size = P##_names_size})

static void register_modules(void) {
  struct w2o_code_info a = CODE_INFO(a), b = CODE_INFO(b);
  check(w2o_register_code(&a) == 0, "register a");
  check(w2o_register_code(&b) == 0, "register b");
}

/* ---- jobs ------------------------------------------------------------------------- */

enum op { UNREACHABLE, LOAD, STORE, LOAD_FAR, DIV_S, ADD_ONE, STRAY_UD2, STRAY_LOAD, CALL_HOST, RECURSE, FRAMES_B, FRAMES_C, HOST_VIA };

struct job {
  char module; /* 'a' or 'b' */
  enum op op;
  uint8_t *base;
  uint32_t x, y;
  void (*host)(void *);
  void *host_arg;
  int64_t result;
};

static void run_job(void *p) {
  struct job *j = p;
  int a = j->module == 'a';
  switch (j->op) {
    case UNREACHABLE: (a ? a_unreachable : b_unreachable)(); break;
    case LOAD: j->result = (a ? a_load : b_load)(j->base, j->x); break;
    case STORE: (a ? a_store : b_store)(j->base, j->x, j->y); break;
    case LOAD_FAR: j->result = (a ? a_load_far : b_load_far)(j->base, j->x); break;
    case DIV_S: j->result = (a ? a_div_s : b_div_s)((int32_t)j->x, (int32_t)j->y); break;
    case ADD_ONE: j->result = (a ? a_add_one : b_add_one)((int32_t)j->x); break;
    case STRAY_UD2: (a ? a_stray_ud2 : b_stray_ud2)(); break;
    case STRAY_LOAD: j->result = (a ? a_stray_load : b_stray_load)(j->base, j->x); break;
    case CALL_HOST: j->result = (int64_t)(a ? a_call_host : b_call_host)(j->host, j->host_arg); break;
    case RECURSE: (a ? a_recurse : b_recurse)(); break;
    case FRAMES_B: (a ? a_frames_b : b_frames_b)(); break;
    case FRAMES_C: (a ? a_frames_c : b_frames_c)(); break;
    case HOST_VIA: j->result = (int64_t)(a ? a_host_via : b_host_via)(j->host, j->host_arg); break;
  }
}

static const char *signal_name(int signo) {
  switch (signo) {
    case SIGILL: return "SIGILL";
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    default: return "no signal";
  }
}

static const char *module_of(const void *pc) {
  const unsigned char *p = pc;
  if (p >= a_text_start && p < a_text_end) return "a";
  if (p >= b_text_start && p < b_text_end) return "b";
  return "?";
}

static void print_outcome(const char *label, int code, const struct w2o_trap_info *info, int64_t result) {
  if (code == 0) {
    check(info->code == 0 && info->signo == 0 && info->func_name == NULL, "clean info after a return");
    printf("%s: returned %lld\n", label, (long long)result);
  } else {
    check((uint32_t)code == info->code, "code returned == info.code");
    check(info->message == w2o_trap_code_message(info->code), "message from the table");
    printf("%s: trap %d \"%s\" at %s+0x%x in %s (%s)\n", label, code, info->message, module_of(info->pc),
           info->text_offset, info->func_name ? info->func_name : "?", signal_name(info->signo));
  }
}

static int run(const char *label, struct job j) {
  struct w2o_trap_info info;
  int code = w2o_call_guarded(run_job, &j, &info);
  check(code >= 0, "w2o_call_guarded");
  if (label != NULL) print_outcome(label, code, &info, j.result);
  return code;
}

static struct job job(enum op op) {
  struct job j;
  memset(&j, 0, sizeof j);
  j.module = 'a';
  j.op = op;
  return j;
}

static struct job job_mem(enum op op, uint8_t *base, uint32_t x) {
  struct job j = job(op);
  j.base = base;
  j.x = x;
  return j;
}

static struct job job_div(int32_t a, int32_t b) {
  struct job j = job(DIV_S);
  j.x = (uint32_t)a;
  j.y = (uint32_t)b;
  return j;
}

/* ---- scenarios -------------------------------------------------------------------- */

static struct w2o_memory one_page(void) {
  struct w2o_memory m;
  check(w2o_memory_reserve(W2O_WASM_PAGE_SIZE, W2O_WASM_PAGE_SIZE, &m) == 0, "reserve");
  return m;
}

static void scenario_traps(void) {
  struct w2o_memory m = one_page();
  run("unreachable", job(UNREACHABLE));
  run("load in bounds", job_mem(LOAD, m.base, 8));
  run("load at the end", job_mem(LOAD, m.base, W2O_WASM_PAGE_SIZE));
  run("load in the guard region", job_mem(LOAD, m.base, 0x80000000u));
  run("store in the guard region", job_mem(STORE, m.base, 0xfffffffcu));
  run("load at the reservation's end", job_mem(LOAD_FAR, m.base, 0xffffffffu));
  run("div_s 7 / 2", job_div(7, 2));
  run("div_s 1 / 0", job_div(1, 0));
  run("div_s INT_MIN / -1", job_div(INT32_MIN, -1));
  run("div_s 5 / -1", job_div(5, -1));
  struct job j = job(ADD_ONE);
  j.x = 41;
  run("add_one 41", j);
  run("stray ud2", job(STRAY_UD2));
  run("stray load", job_mem(STRAY_LOAD, m.base, 0x10000000u));
  j = job(UNREACHABLE);
  j.module = 'b';
  run("module b unreachable", j);
  j = job_div(3, 0);
  j.module = 'b';
  run("module b div_s 3 / 0", j);
  run("recurse", job(RECURSE));
  w2o_memory_release(&m);
}

static int count_mappings(void) {
  FILE *f = fopen("/proc/self/maps", "r");
  check(f != NULL, "open /proc/self/maps");
  int lines = 0;
  for (int c; (c = fgetc(f)) != EOF;) lines += c == '\n';
  fclose(f);
  return lines;
}

/* Many traps in a row: none may leak a signal stack, a landing or a mapping. */
static void scenario_loop(long n) {
  struct w2o_memory m = one_page();
  struct job jobs[] = {job(UNREACHABLE), job_mem(LOAD, m.base, 0x12345678u), job_div(9, 0), job_div(INT32_MIN, -1),
                       job(STRAY_UD2)};
  int expect[] = {W2O_TRAP_UNREACHABLE, W2O_TRAP_MEMORY_OUT_OF_BOUNDS, W2O_TRAP_INTEGER_DIVIDE_BY_ZERO,
                  W2O_TRAP_INTEGER_OVERFLOW, W2O_TRAP_INTERNAL_ERROR};
  size_t kinds = sizeof jobs / sizeof jobs[0];
  run(NULL, jobs[0]); /* the thread's signal stack is made here, before counting */
  stack_t before, after;
  check(sigaltstack(NULL, &before) == 0, "sigaltstack");
  int maps_before = count_mappings();
  long traps = 0;
  for (long i = 0; i < n; i++) {
    size_t k = (size_t)i % kinds;
    if (run(NULL, jobs[k]) == expect[k]) traps++;
  }
  check(sigaltstack(NULL, &after) == 0, "sigaltstack");
  printf("traps %ld of %ld\n", traps, n);
  printf("same signal stack %s\n", before.ss_sp == after.ss_sp && before.ss_size == after.ss_size ? "yes" : "no");
  printf("mappings unchanged %s\n", count_mappings() == maps_before ? "yes" : "no");
  struct job ok = job(ADD_ONE);
  ok.x = 1;
  run("then add_one 1", ok);
  w2o_memory_release(&m);
}

static void probe(struct w2o_memory *m, const char *what, uint32_t index) {
  char label[96];
  snprintf(label, sizeof label, "%s load [%u]", what, index);
  run(label, job_mem(LOAD, m->base, index));
}

static void scenario_memory(void) {
  struct w2o_memory m;
  check(w2o_memory_reserve(W2O_WASM_PAGE_SIZE, 3 * W2O_WASM_PAGE_SIZE, &m) == 0, "reserve");
  printf("reserved %llu GiB, size %llu, max %llu\n", (unsigned long long)(m.reserved >> 30),
         (unsigned long long)m.size, (unsigned long long)m.max);
  uint8_t *base = m.base;
  struct job st = job_mem(STORE, m.base, 65532);
  st.y = 0xabcd1234u;
  run("1 page: store [65532]", st);
  probe(&m, "1 page:", 65532);
  probe(&m, "1 page:", 65533);
  probe(&m, "1 page:", 65536);
  printf("grow by 2 pages: %lld\n", (long long)w2o_memory_grow(&m, 2 * W2O_WASM_PAGE_SIZE));
  printf("base unchanged %s, size %llu\n", m.base == base ? "yes" : "no", (unsigned long long)m.size);
  probe(&m, "3 pages:", 65532);
  probe(&m, "3 pages:", 65536);
  st.x = 196604;
  st.y = 77;
  run("3 pages: store [196604]", st);
  probe(&m, "3 pages:", 196604);
  probe(&m, "3 pages:", 196605);
  probe(&m, "3 pages:", 196608);
  printf("grow by 1 page past the maximum: %lld\n", (long long)w2o_memory_grow(&m, W2O_WASM_PAGE_SIZE));
  printf("grow by 0: %lld\n", (long long)w2o_memory_grow(&m, 0));
  probe(&m, "3 pages:", 0xffffffffu);
  w2o_memory_release(&m);
  printf("released %s\n", m.base == NULL && m.size == 0 ? "yes" : "no");

  errno = 0;
  int r = w2o_memory_reserve(2 * W2O_WASM_PAGE_SIZE, W2O_WASM_PAGE_SIZE, &m);
  printf("reserve min > max: %d errno EINVAL %s\n", r, errno == EINVAL ? "yes" : "no");
  printf("reserve a partial page: %d\n", w2o_memory_reserve(100, W2O_WASM_PAGE_SIZE, &m));
  printf("reserve a max of 4 GiB + 1 page: %d\n",
         w2o_memory_reserve(0, W2O_MEMORY32_MAX_BYTES + W2O_WASM_PAGE_SIZE, &m));
  check(w2o_memory_reserve(0, UINT64_MAX, &m) == 0, "reserve without maximum");
  printf("no maximum: max %llu GiB, size %llu\n", (unsigned long long)(m.max >> 30), (unsigned long long)m.size);
  probe(&m, "0 pages:", 0);
  printf("grow to 65536 pages: %lld\n", (long long)w2o_memory_grow(&m, W2O_MEMORY32_MAX_BYTES));
  probe(&m, "65536 pages:", 0xfffffffcu);
  probe(&m, "65536 pages:", 0xfffffffdu);
  run("65536 pages: load [0xffffffff + 0xffffffff]", job_mem(LOAD_FAR, m.base, 0xffffffffu));
  w2o_memory_release(&m);
}

/* Nesting: each host callback below runs inside a guarded call and makes its own. */
static void inner_then_divide(void *unused) {
  (void)unused;
  run("  inner: unreachable", job(UNREACHABLE));
  printf("  outer continues after the inner trap\n");
  a_div_s(1, 0);
  printf("  not reached\n");
}

static void inner_load_from_wasm(void *m) {
  run("  inner (called from wasm): load", job_mem(LOAD, ((struct w2o_memory *)m)->base, 0x40000000u));
}

static void unguarded_trap_from_wasm(void *unused) {
  (void)unused;
  printf("  host code traps without a guard of its own\n");
  a_unreachable();
  printf("  not reached\n");
}

static void third_level(void *unused) {
  (void)unused;
  run("    level 3: div_s 4 / 0", job_div(4, 0));
  a_stray_ud2();
}

static void second_level(void *unused) {
  (void)unused;
  struct job j = job(CALL_HOST);
  j.host = third_level;
  run("  level 2: call_host(level 3)", j);
  a_unreachable();
}

static void scenario_nested(void) {
  struct w2o_memory m = one_page();
  struct job j = job(CALL_HOST);
  j.host = inner_then_divide;
  run("outer: call_host(inner, then div_s 1 / 0)", j);
  j.host = inner_load_from_wasm;
  j.host_arg = &m;
  run("outer: call_host(inner load)", j);
  j.host = unguarded_trap_from_wasm;
  run("outer: call_host(unguarded unreachable)", j);
  j.host = second_level;
  run("level 1: call_host(level 2)", j);
  run("after nesting: unreachable", job(UNREACHABLE));
  w2o_memory_release(&m);
}

static void *thread_main(void *arg) {
  long n = (long)(intptr_t)arg, traps = 0;
  for (long i = 0; i < n; i++) {
    int code = run(NULL, i % 2 ? job_div((int32_t)i, 0) : job(UNREACHABLE));
    traps += code == (i % 2 ? W2O_TRAP_INTEGER_DIVIDE_BY_ZERO : W2O_TRAP_UNREACHABLE);
  }
  return (void *)(intptr_t)traps;
}

static void scenario_threads(int threads, long n) {
  pthread_t t[16];
  check(threads <= 16, "at most 16 threads");
  for (int i = 0; i < threads; i++) check(pthread_create(&t[i], NULL, thread_main, (void *)(intptr_t)n) == 0, "create");
  long total = 0;
  for (int i = 0; i < threads; i++) {
    void *r;
    check(pthread_join(t[i], &r) == 0, "join");
    total += (long)(intptr_t)r;
  }
  printf("threads %d, traps %ld of %ld\n", threads, total, threads * n);
}

static void scenario_registry(void) {
  static const struct w2o_trap_site unsorted[] = {{8, W2O_TRAP_UNREACHABLE}, {4, W2O_TRAP_UNREACHABLE}};
  static const struct w2o_trap_site bad_code[] = {{4, 0}};
  static const struct w2o_trap_site outside[] = {{16, W2O_TRAP_UNREACHABLE}};
  static unsigned char fake[W2O_MAX_CODE_REGIONS + 1];
#define TRY(what, call)                                                                      \
  do {                                                                                       \
    errno = 0;                                                                               \
    int r_ = (call);                                                                         \
    printf("%s: %d%s\n", what, r_, r_ ? (errno == EINVAL ? " EINVAL" : errno == ENOSPC ? " ENOSPC" : " ?") : ""); \
  } while (0)
#define CODE(start, size, sites_, n)                                                         \
  (&(struct w2o_code_info){.text_start = (start), .text_size = (size), .sites = (sites_), .n_sites = (n)})
  TRY("unsorted table", w2o_register_code(CODE(fake, 16, unsorted, 2)));
  TRY("code 0 in the table", w2o_register_code(CODE(fake, 16, bad_code, 1)));
  TRY("site outside the text", w2o_register_code(CODE(fake, 16, outside, 1)));
  TRY("empty text", w2o_register_code(CODE(fake, 0, NULL, 0)));
  TRY("overlapping module a", w2o_register_code(CODE(a_text_start + 16, 16, NULL, 0)));
  static const struct w2o_func_info unsorted_funcs[] = {{8, 4, W2O_NO_NAME, 0}, {0, 4, W2O_NO_NAME, 0}};
  static const struct w2o_func_info overlapping_funcs[] = {{0, 8, W2O_NO_NAME, 0}, {4, 4, W2O_NO_NAME, 0}};
  static const struct w2o_func_info func_outside[] = {{12, 8, W2O_NO_NAME, 0}};
  static const struct w2o_func_info named[] = {{0, 4, 2, 0}};
  static const char names[] = {'f', 0};
  static const char unterminated[] = {'f', 'g'};
  struct w2o_code_info c = {.text_start = fake, .text_size = 16};
  c.funcs = unsorted_funcs, c.n_funcs = 2;
  TRY("unsorted functions", w2o_register_code(&c));
  c.funcs = overlapping_funcs, c.n_funcs = 2;
  TRY("overlapping functions", w2o_register_code(&c));
  c.funcs = func_outside, c.n_funcs = 1;
  TRY("function outside the text", w2o_register_code(&c));
  c.funcs = named, c.n_funcs = 1, c.names = names, c.names_size = sizeof names;
  TRY("name outside the names", w2o_register_code(&c));
  c.funcs = NULL, c.n_funcs = 0, c.names = unterminated, c.names_size = sizeof unterminated;
  TRY("names without a final NUL", w2o_register_code(&c));
  TRY("unregister an unknown text", w2o_unregister_code(fake));
  int registered = 0;
  for (size_t i = 0; i <= W2O_MAX_CODE_REGIONS; i++) {
    if (w2o_register_code(CODE(fake + i, 1, NULL, 0)) != 0) break;
    registered++;
  }
  printf("registered %d more before ENOSPC %s\n", registered, errno == ENOSPC ? "yes" : "no");
  for (int i = 0; i < registered; i++) check(w2o_unregister_code(fake + i) == 0, "unregister fake");
  TRY("unregister b", w2o_unregister_code(b_text_start));
  struct w2o_code_info b = CODE_INFO(b);
  TRY("register b again", w2o_register_code(&b));
#undef CODE
  struct job j = job(UNREACHABLE);
  j.module = 'b';
  run("module b unreachable", j);
#undef TRY
}

/* Backtraces: every frame of a trap, as w2o_trap_frame describes it, one per line:
 *   #<i> <module>+0x<offset> <function>
 * The callbacks below raise traps from C code that wasm called, one keeping a frame
 * pointer, one (at -O2) not. */
static void print_backtrace(const char *label, const struct w2o_trap_info *info) {
  printf("%s: trap %u \"%s\" (%s), %u frames\n", label, info->code, info->message, signal_name(info->signo),
         info->n_frames);
  for (uint32_t i = 0; i < info->n_frames; i++) {
    struct w2o_frame_info f;
    check(w2o_trap_frame(info, i, &f) == 0, "w2o_trap_frame");
    check((const unsigned char *)f.text_start + f.text_offset == info->frames[i], "frame offset");
    check(f.func_name == NULL || f.func_index != W2O_NO_FUNC, "a named frame is in a function");
    printf("  #%u %s+0x%x %s\n", i, module_of(info->frames[i]), f.text_offset, f.func_name ? f.func_name : "?");
  }
  struct w2o_frame_info beyond;
  check(w2o_trap_frame(info, info->n_frames, &beyond) == -1, "no frame past n_frames");
}

static void trace(const char *label, struct job j) {
  struct w2o_trap_info info;
  int code = w2o_call_guarded(run_job, &j, &info);
  check(code > 0 && (uint32_t)code == info.code, "a trap");
  print_backtrace(label, &info);
}

static void raise_keeping_frame_pointer(void *code) {
  volatile uintptr_t fp = (uintptr_t)__builtin_frame_address(0); /* forces a frame pointer */
  (void)fp;
  w2o_raise_trap(*(uint32_t *)code, __builtin_return_address(0));
}

static void raise_plain(void *code) {
  w2o_raise_trap(*(uint32_t *)code, __builtin_return_address(0));
}

static void scenario_backtrace(void) {
  trace("frames_b", job(FRAMES_B));
  trace("frames_c", job(FRAMES_C));
  uint32_t overflow = W2O_TRAP_INTEGER_OVERFLOW, host_exit = W2O_TRAP_HOST_EXIT;
  struct job j = job(HOST_VIA);
  j.host = raise_keeping_frame_pointer;
  j.host_arg = &overflow;
  trace("raised by C with a frame pointer", j);
  j.host = raise_plain;
  trace("raised by C without one", j);
  j.host_arg = &host_exit;
  trace("host exit", j);
  trace("recurse", job(RECURSE));
  j = job(FRAMES_B);
  j.module = 'b';
  trace("module b frames_b", j);
}

/* A handler the host installed before the runtime. */
static void host_segv_handler(int signo) {
  static const char msg[] = "host handler\n";
  ssize_t w = write(1, msg, sizeof msg - 1);
  (void)w;
  _exit(signo == SIGSEGV ? 3 : 4);
}

static void null_deref(void *p) {
  volatile int *volatile null = p;
  printf("host code reads NULL inside a guarded call\n");
  fflush(stdout);
  printf("%d\n", *null);
}

static void raise_segv(void *unused) {
  (void)unused;
  printf("host code raises SIGSEGV inside a guarded call\n");
  fflush(stdout);
  raise(SIGSEGV);
}

int main(int argc, char **argv) {
  const char *s = argc > 1 ? argv[1] : "";
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (strcmp(s, "chain") == 0) {
    /* Before the runtime installs its handlers. */
    signal(SIGSEGV, host_segv_handler);
  }
  register_modules();
  if (strcmp(s, "traps") == 0) {
    scenario_traps();
  } else if (strcmp(s, "loop") == 0 && argc > 2) {
    scenario_loop(atol(argv[2]));
  } else if (strcmp(s, "memory") == 0) {
    scenario_memory();
  } else if (strcmp(s, "nested") == 0) {
    scenario_nested();
  } else if (strcmp(s, "threads") == 0 && argc > 3) {
    scenario_threads(atoi(argv[2]), atol(argv[3]));
  } else if (strcmp(s, "registry") == 0) {
    scenario_registry();
  } else if (strcmp(s, "backtrace") == 0) {
    scenario_backtrace();
  } else if (strcmp(s, "chain") == 0) {
    struct w2o_memory m = one_page();
    run("unreachable", job(UNREACHABLE));
    run("load in the guard region", job_mem(LOAD, m.base, 0x80000000u));
    w2o_call_guarded(null_deref, NULL, NULL);
  } else if (strcmp(s, "die-host-null") == 0) {
    run("unreachable", job(UNREACHABLE));
    w2o_call_guarded(null_deref, NULL, NULL);
  } else if (strcmp(s, "die-host-raise") == 0) {
    w2o_call_guarded(raise_segv, NULL, NULL);
  } else if (strcmp(s, "die-unguarded") == 0) {
    scenario_nested();
    printf("wasm traps with no guarded call active\n");
    a_unreachable();
  } else if (strcmp(s, "die-unregistered") == 0) {
    check(w2o_unregister_code(a_text_start) == 0, "unregister a");
    printf("wasm traps in a module no longer registered\n");
    run("unreachable", job(UNREACHABLE));
  } else {
    fprintf(stderr, "driver: unknown scenario '%s'\n", s);
    return 2;
  }
  printf("exit\n");
  return 0;
}
