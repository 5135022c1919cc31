/*
 * The host of test/bounds-checks.test.ts. The test module is linked twice into this
 * program: compiled with guard pages (prefix `guard`) and with --bounds-checks (prefix
 * `checked`); argv[1] picks one. Commands come one per line on stdin, each answered by one
 * line on stdout (numbers in hex):
 *
 *   call NAME ARG...     w2o_invoke: each ARG is the 64 bits put in the w2o_val
 *                        -> "ok" [RESULT as 16 hex digits of the w2o_val] |
 *                           "trap CODE SIGNO PC_IS_UD2 FAULT" where FAULT is the faulting
 *                           address minus the memory's base, or "-" when there is none
 *   direct NAME ADDR64   calls the export's C symbol through a pointer that passes the
 *                        index as a full 64-bit register (the upper half is the caller's
 *                        garbage under System V), inside w2o_call_guarded
 *                        -> "ok" RESULT (rax, 16 hex digits) | "trap ..." as above
 *   fill LO HI           writes pattern(i) to every byte i in [LO, HI) -> "ok"
 *   peek ADDR N          -> "ok" and the N bytes at ADDR, in hex
 *   size                 -> "ok" and the memory's size in bytes
 *
 * pattern(i) = ((uint32_t)i * 0x9e3779b1) >> 24, xor the low byte of i.
 */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checked.h"
#include "guard.h"

/* The direct-call table (bounds-direct.h, written by the test): name, then the guard and
 * checked symbols of that export, each (i32) -> i32 or (i32) -> i64. */
typedef uint64_t (*direct_fn)(void *vmctx, uint64_t index);
struct direct {
  const char *name;
  direct_fn guard;
  direct_fn checked;
};
#include "bounds-direct.h"

static struct w2o_instance *inst;
static struct w2o_memory *memory;
static int checked_mode;

static uint8_t pattern(uint64_t i) { return (uint8_t)((((uint32_t)i * 0x9e3779b1u) >> 24) ^ (uint8_t)i); }

static void print_trap(int code, const struct w2o_trap_info *t) {
  const uint8_t *pc = t->pc;
  int ud2 = pc != NULL && pc[0] == 0x0f && pc[1] == 0x0b;
  printf("trap %d %d %d ", code, t->signo, ud2);
  if (t->fault_address == NULL) printf("-\n");
  else printf("%" PRIx64 "\n", (uint64_t)((uintptr_t)t->fault_address - (uintptr_t)memory->base));
}

struct direct_call {
  direct_fn fn;
  uint64_t index;
  uint64_t result;
};

static void run_direct(void *arg) {
  struct direct_call *c = arg;
  c->result = c->fn(w2o_instance_vmctx(inst), c->index);
}

int main(int argc, char **argv) {
  if (argc != 2 || (strcmp(argv[1], "guard") != 0 && strcmp(argv[1], "checked") != 0)) {
    fprintf(stderr, "usage: %s guard|checked\n", argv[0]);
    return 2;
  }
  checked_mode = strcmp(argv[1], "checked") == 0;
  struct w2o_error err;
  inst = checked_mode ? checked_instantiate(NULL, NULL, &err) : guard_instantiate(NULL, NULL, &err);
  if (inst == NULL) {
    fprintf(stderr, "instantiate: %s\n", err.message);
    return 1;
  }
  struct w2o_extern mem;
  if (w2o_instance_export(inst, "mem", 3, &mem) != 0 || mem.kind != W2O_EXTERN_MEMORY) {
    fprintf(stderr, "no memory export\n");
    return 1;
  }
  memory = mem.u.memory;
  setvbuf(stdout, NULL, _IOLBF, 0);

  char *line = NULL;
  size_t cap = 0;
  while (getline(&line, &cap, stdin) > 0) {
    line[strcspn(line, "\n")] = '\0';
    char *save = NULL;
    const char *cmd = strtok_r(line, " ", &save);
    if (cmd == NULL) continue;
    if (strcmp(cmd, "call") == 0) {
      const char *name = strtok_r(NULL, " ", &save);
      w2o_val values[4];
      memset(values, 0, sizeof values);
      int n = 0;
      for (const char *a; n < 4 && (a = strtok_r(NULL, " ", &save)) != NULL; n++) values[n].i64 = (int64_t)strtoull(a, NULL, 16);
      const uint8_t *params, *results;
      size_t n_params, n_results;
      if (name == NULL || w2o_export_func_type(inst, name, strlen(name), &params, &n_params, &results, &n_results) != 0) {
        printf("error no export %s\n", name ? name : "");
        continue;
      }
      struct w2o_trap_info trap;
      int code = w2o_invoke(inst, name, strlen(name), values, &trap);
      if (code > 0) print_trap(code, &trap);
      else if (code < 0) printf("error invoke %s\n", name);
      else if (n_results == 0) printf("ok\n");
      else {
        uint64_t bits;
        memcpy(&bits, &values[0], 8);
        printf("ok %016" PRIx64 "\n", bits);
      }
    } else if (strcmp(cmd, "direct") == 0) {
      const char *name = strtok_r(NULL, " ", &save);
      const char *a = strtok_r(NULL, " ", &save);
      const struct direct *d = NULL;
      for (size_t i = 0; name != NULL && i < sizeof directs / sizeof directs[0]; i++) {
        if (strcmp(directs[i].name, name) == 0) d = &directs[i];
      }
      if (d == NULL || a == NULL) {
        printf("error no direct %s\n", name ? name : "");
        continue;
      }
      struct direct_call c = {0};
      c.fn = checked_mode ? d->checked : d->guard;
      c.index = strtoull(a, NULL, 16);
      struct w2o_trap_info trap;
      int code = w2o_call_guarded(run_direct, &c, &trap);
      if (code > 0) print_trap(code, &trap);
      else if (code < 0) printf("error guarded call\n");
      else printf("ok %016" PRIx64 "\n", c.result);
    } else if (strcmp(cmd, "fill") == 0) {
      uint64_t lo = strtoull(strtok_r(NULL, " ", &save), NULL, 16);
      uint64_t hi = strtoull(strtok_r(NULL, " ", &save), NULL, 16);
      if (hi > memory->size || lo > hi) {
        printf("error fill beyond the memory\n");
        continue;
      }
      for (uint64_t i = lo; i < hi; i++) memory->base[i] = pattern(i);
      printf("ok\n");
    } else if (strcmp(cmd, "peek") == 0) {
      uint64_t at = strtoull(strtok_r(NULL, " ", &save), NULL, 16);
      uint64_t n = strtoull(strtok_r(NULL, " ", &save), NULL, 16);
      if (at + n > memory->size) {
        printf("error peek beyond the memory\n");
        continue;
      }
      printf("ok ");
      for (uint64_t i = 0; i < n; i++) printf("%02x", memory->base[at + i]);
      printf("\n");
    } else if (strcmp(cmd, "size") == 0) {
      printf("ok %" PRIx64 "\n", memory->size);
    } else {
      printf("error unknown command %s\n", cmd);
    }
  }
  free(line);
  w2o_instance_free(inst);
  return 0;
}
