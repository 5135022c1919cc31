/* Clocks: resolutions, the monotonic clock never going back, the real-time clock in a
 * sane range and agreeing with time() and gettimeofday(), CPU time advancing with work,
 * sleeping for at least what was asked. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

static int64_t ns(struct timespec t) {
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static int64_t now(clockid_t c) {
  struct timespec t;
  clock_gettime(c, &t);
  return ns(t);
}

static volatile uint64_t sink;

static void burn(void) {
  for (uint64_t i = 0; i < 20000000; i++) sink += i * i;
}

int main(void) {
  const struct {
    const char *name;
    clockid_t id;
  } clocks[] = {{"realtime", CLOCK_REALTIME},
                {"monotonic", CLOCK_MONOTONIC},
                {"process cputime", CLOCK_PROCESS_CPUTIME_ID},
                {"thread cputime", CLOCK_THREAD_CPUTIME_ID}};
  for (size_t i = 0; i < 4; i++) {
    struct timespec res;
    int r = clock_getres(clocks[i].id, &res);
    printf("%s: getres %d, resolution above 0 and at most 1 ms: %d\n", clocks[i].name, r,
           ns(res) > 0 && ns(res) <= 1000000);
  }

  int64_t previous = now(CLOCK_MONOTONIC), backwards = 0;
  for (int i = 0; i < 100000; i++) {
    int64_t t = now(CLOCK_MONOTONIC);
    if (t < previous) backwards++;
    previous = t;
  }
  printf("monotonic went back %lld times in 100000 reads\n", (long long)backwards);

  int64_t real = now(CLOCK_REALTIME);
  printf("realtime after 2020 and before 2100: %d\n", real > INT64_C(1577836800) * 1000000000 &&
                                                          real < INT64_C(4102444800) * 1000000000);
  time_t t = time(NULL);
  printf("time() within 2 s of realtime: %d\n", t - real / 1000000000 <= 2 && real / 1000000000 - t <= 2);
  struct timeval tv;
  gettimeofday(&tv, NULL);
  printf("gettimeofday within 2 s of realtime: %d\n", tv.tv_sec - real / 1000000000 <= 2);

  int64_t cpu0 = now(CLOCK_PROCESS_CPUTIME_ID), thread0 = now(CLOCK_THREAD_CPUTIME_ID), mono0 = now(CLOCK_MONOTONIC);
  burn();
  int64_t cpu = now(CLOCK_PROCESS_CPUTIME_ID) - cpu0, thread = now(CLOCK_THREAD_CPUTIME_ID) - thread0;
  int64_t mono = now(CLOCK_MONOTONIC) - mono0;
  printf("work: process cputime advanced %d, thread cputime advanced %d\n", cpu > 0, thread > 0);
  printf("cputime at most elapsed time (+1 ms): %d\n", cpu <= mono + 1000000);

  struct timespec sleep = {.tv_sec = 0, .tv_nsec = 30000000};
  mono0 = now(CLOCK_MONOTONIC);
  int r = nanosleep(&sleep, NULL);
  mono = now(CLOCK_MONOTONIC) - mono0;
  printf("nanosleep 30 ms: %d, slept at least 30 ms: %d, less than 2 s: %d\n", r, mono >= 30000000,
         mono < 2000000000);
  return 0;
}
