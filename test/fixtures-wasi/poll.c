/* poll_oneoff underneath: sleeping with usleep, nanosleep and clock_nanosleep (relative
 * and absolute, on two clocks), poll() on standard input (given data, then at its end)
 * and standard output, and poll() as a timer. */
#define _GNU_SOURCE
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static int64_t now(clockid_t c) {
  struct timespec t;
  clock_gettime(c, &t);
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void slept(const char *what, int r, int64_t start, int64_t at_least) {
  int64_t d = now(CLOCK_MONOTONIC) - start;
  printf("%s: %d, at least %lld ms: %d, under 2 s: %d\n", what, r, (long long)(at_least / 1000000), d >= at_least,
         d < 2000000000);
}

int main(void) {
  int64_t t = now(CLOCK_MONOTONIC);
  slept("usleep 20 ms", usleep(20000), t, 20000000);
  t = now(CLOCK_MONOTONIC);
  struct timespec rel = {.tv_sec = 0, .tv_nsec = 25000000};
  slept("clock_nanosleep monotonic relative 25 ms", clock_nanosleep(CLOCK_MONOTONIC, 0, &rel, NULL), t, 25000000);
  t = now(CLOCK_MONOTONIC);
  struct timespec abs;
  clock_gettime(CLOCK_MONOTONIC, &abs);
  abs.tv_nsec += 30000000;
  if (abs.tv_nsec >= 1000000000) abs.tv_sec++, abs.tv_nsec -= 1000000000;
  slept("clock_nanosleep monotonic absolute +30 ms", clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL), t,
        30000000);
  t = now(CLOCK_MONOTONIC);
  clock_gettime(CLOCK_REALTIME, &abs);
  abs.tv_nsec += 20000000;
  if (abs.tv_nsec >= 1000000000) abs.tv_sec++, abs.tv_nsec -= 1000000000;
  slept("clock_nanosleep realtime absolute +20 ms", clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &abs, NULL), t,
        19000000);
  t = now(CLOCK_MONOTONIC);
  clock_gettime(CLOCK_MONOTONIC, &abs);
  abs.tv_sec -= 1;
  slept("clock_nanosleep to a time passed", clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL), t, 0);

  t = now(CLOCK_MONOTONIC);
  slept("poll with no descriptors, 15 ms", poll(NULL, 0, 15), t, 15000000);

  /* The test gives "ready\n" on standard input and closes it. */
  struct pollfd in = {.fd = 0, .events = POLLIN};
  int r = poll(&in, 1, 1000);
  printf("poll stdin with data: %d, readable %d\n", r, (in.revents & POLLIN) != 0);
  char buf[16];
  ssize_t n = read(0, buf, sizeof buf);
  printf("read %zd\n", n);
  in.revents = 0;
  r = poll(&in, 1, 1000);
  printf("poll stdin at its end: %d, hung up or readable %d\n", r, (in.revents & (POLLIN | POLLHUP)) != 0);
  printf("read at the end: %zd\n", read(0, buf, sizeof buf));
  fflush(stdout);

  struct pollfd both[2] = {{.fd = 1, .events = POLLOUT}, {.fd = 2, .events = POLLOUT}};
  r = poll(both, 2, 1000);
  printf("poll stdout and stderr for writing: %d, writable %d %d\n", r, (both[0].revents & POLLOUT) != 0,
         (both[1].revents & POLLOUT) != 0);
  return 0;
}
