/*
 * exec-timer: runs a command and reports what it cost, for bench/run.ts.
 *
 *   exec-timer STATS_FILE COMMAND [ARG...]
 *
 * Runs COMMAND with the same standard streams, waits for it, and writes one line to
 * STATS_FILE:
 *
 *   WALL_NS USER_US SYS_US MAXRSS_KB STATUS
 *
 * WALL_NS is CLOCK_MONOTONIC from just before the fork to just after the wait, USER_US and
 * SYS_US the CPU time of the command (all its threads), MAXRSS_KB its peak resident set
 * size (wait4's rusage, Linux counts kilobytes), STATUS its exit status, or 128 + the signal
 * that ended it. Exits 0 once the line is written, whatever the command did; 127 when
 * the command cannot be started, 125 on a usage or system error.
 *
 * Compiled by the harness with the system C compiler, so that the benchmark needs neither
 * GNU time nor anything else outside gcc, node and wabt. A SIGTERM or SIGINT sent to the
 * timer (a time limit of the harness) is passed on to the command as SIGKILL.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* wait4 is BSD/GNU, not POSIX: declared here to keep -std=c11 with _POSIX_C_SOURCE. */
pid_t wait4(pid_t pid, int *status, int options, struct rusage *rusage);

static int64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static volatile pid_t child = 0;

static void forward(int signo) {
  (void)signo;
  if (child > 0) kill(child, SIGKILL);
}

static int64_t us(struct timeval t) { return (int64_t)t.tv_sec * 1000000 + t.tv_usec; }

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: exec-timer STATS_FILE COMMAND [ARG...]\n");
    return 125;
  }
  int64_t t0 = now_ns();
  pid_t pid = fork();
  if (pid < 0) {
    perror("exec-timer: fork");
    return 125;
  }
  if (pid == 0) {
    execvp(argv[2], argv + 2);
    fprintf(stderr, "exec-timer: cannot run %s: %s\n", argv[2], strerror(errno));
    _exit(127);
  }
  child = pid;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = forward;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  int status = 0;
  struct rusage ru;
  while (wait4(pid, &status, 0, &ru) < 0) {
    if (errno != EINTR) {
      perror("exec-timer: wait4");
      return 125;
    }
  }
  int64_t wall = now_ns() - t0;
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 125;
  FILE *out = fopen(argv[1], "w");
  if (out == NULL) {
    perror("exec-timer: cannot write the stats file");
    return 125;
  }
  fprintf(out, "%lld %lld %lld %ld %d\n", (long long)wall, (long long)us(ru.ru_utime), (long long)us(ru.ru_stime),
          ru.ru_maxrss, code);
  return fclose(out) == 0 ? 0 : 125;
}
