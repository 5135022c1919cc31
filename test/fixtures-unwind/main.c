/* Links with the unwind test object (test/fixtures-unwind/program.ts). Addresses are
   printed relative to main, so the test can name them from the program's symbols
   whatever address the program was loaded at.

   1. cfunc, called from the object's innermost function, records the stack with
      backtrace() (libgcc's unwinder).
   2. The object's functions are run again single-stepped: with the trap flag set, every
      instruction raises SIGTRAP, and the handler records the stack as seen from the
      interrupted instruction. So the unwinder starts once from every instruction of the
      generated code, prologues and epilogues included, as a profiler's would. */
#define _GNU_SOURCE
#include <execinfo.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

int w_outer(int (*cb)(void));
int w_mid(int (*cb)(void), int flag);

int main(void);

static void *frames[64];
static int frame_count;

int cfunc(void) {
  frame_count = backtrace(frames, 64);
  return 42;
}

int quiet(void) { return 42; }

#define MAX_STEPS 1024
#define MAX_DEPTH 24
static uintptr_t step_pc[MAX_STEPS];
static void *step_frames[MAX_STEPS][MAX_DEPTH];
static int step_depth[MAX_STEPS];
static int steps;

static void on_trap(int sig, siginfo_t *info, void *context) {
  (void)sig;
  (void)info;
  if (steps == MAX_STEPS) return;
  ucontext_t *uc = context;
  step_pc[steps] = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
  step_depth[steps] = backtrace(step_frames[steps], MAX_DEPTH);
  steps++;
}

static long rel(uintptr_t a) { return (long)(a - (uintptr_t)&main); }

/* Calls w_mid(quiet, flag) or w_outer(quiet) with the trap flag set, then prints a line
   per trap: the interrupted pc, then the stack backtrace() saw from the handler. */
static int stepped(int outer, int flag) {
  int r;
  steps = 0;
  __asm__ volatile("pushfq; orq $0x100, (%%rsp); popfq" ::: "memory", "cc");
  r = outer ? w_outer(quiet) : w_mid(quiet, flag);
  __asm__ volatile("pushfq; andq $~0x100, (%%rsp); popfq" ::: "memory", "cc");
  for (int i = 0; i < steps; i++) {
    printf("step %ld:", rel(step_pc[i]));
    for (int j = 0; j < step_depth[i]; j++) printf(" %ld", rel((uintptr_t)step_frames[i][j]));
    printf("\n");
  }
  return r;
}

int main(void) {
  printf("outer %d\n", w_outer(cfunc));
  for (int i = 0; i < frame_count; i++) printf("frame %ld\n", rel((uintptr_t)frames[i]));
  printf("mid0 %d\n", w_mid(cfunc, 0));

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_trap;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGTRAP, &sa, NULL);
  printf("stepping outer\n");
  printf("stepped outer %d\n", stepped(1, 0));
  printf("stepping mid0\n");
  printf("stepped mid0 %d\n", stepped(0, 0));
  return 0;
}
