/*
 * wasi-process.c: what a WASI program asks of its process: arguments and environment,
 * clocks, random bytes, poll_oneoff, proc_exit, sched_yield (and proc_raise, which
 * preview1 keeps in its witx but which no runtime supports: ENOSYS).
 *
 * poll_oneoff. Every subscription is looked at once: a clock one becomes a time left
 * (an absolute timeout minus the clock's current value, or a relative one as it is); a
 * descriptor one either gets its event at once (an error, or a regular file, which is
 * always ready) or a pollfd. Then one ppoll waits for the pollfds, at most the shortest
 * time left (not at all when some event is already there), and every descriptor that is
 * ready and every clock whose time has passed (measured on the monotonic clock from the
 * start of the call) gets its event. A timeout always reports at least its own clock.
 * Relative timeouts of the CPU-time clocks count as elapsed real time.
 */
#define _GNU_SOURCE

#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "wasi-internal.h"

/* ---- arguments and environment -------------------------------------------------------- */

/* Writes n strings: their guest addresses at `ptrs`, the strings themselves at `buf`. */
static uint16_t put_strings(struct w2o_wasi *w, char **strings, uint32_t n, uint32_t bytes, uint32_t ptrs,
                            uint32_t buf) {
  uint8_t *list = guest_bytes(w, ptrs, (uint64_t)n * 4);
  uint8_t *out = guest_bytes(w, buf, bytes);
  if (list == NULL || out == NULL) return WASI_EFAULT;
  uint32_t at = 0;
  for (uint32_t i = 0; i < n; i++) {
    size_t len = strlen(strings[i]) + 1;
    put_u32(list + 4 * (size_t)i, buf + at);
    memcpy(out + at, strings[i], len);
    at += (uint32_t)len;
  }
  return 0;
}

static uint16_t put_sizes(struct w2o_wasi *w, uint32_t count, uint32_t bytes, uint32_t count_ptr,
                          uint32_t bytes_ptr) {
  if (bytes == UINT32_MAX) return WASI_E2BIG; /* does not fit a guest's memory */
  uint16_t e = store_u32(w, count_ptr, count);
  return e != 0 ? e : store_u32(w, bytes_ptr, bytes);
}

static int32_t wasi_args_sizes_get(void *ctx, uint32_t argc, uint32_t argv_buf_size) {
  struct w2o_wasi *w = ctx;
  return put_sizes(w, w->argc, w->argv_bytes, argc, argv_buf_size);
}

static int32_t wasi_args_get(void *ctx, uint32_t argv, uint32_t argv_buf) {
  struct w2o_wasi *w = ctx;
  return put_strings(w, w->argv, w->argc, w->argv_bytes, argv, argv_buf);
}

static int32_t wasi_environ_sizes_get(void *ctx, uint32_t count, uint32_t buf_size) {
  struct w2o_wasi *w = ctx;
  return put_sizes(w, w->envc, w->env_bytes, count, buf_size);
}

static int32_t wasi_environ_get(void *ctx, uint32_t environ, uint32_t environ_buf) {
  struct w2o_wasi *w = ctx;
  return put_strings(w, w->envp, w->envc, w->env_bytes, environ, environ_buf);
}

/* ---- clocks --------------------------------------------------------------------------- */

/* The host clock of a WASI clock id: 0, or EINVAL for an unknown id. */
static uint16_t host_clock(uint32_t id, clockid_t *out) {
  switch (id) {
    case WASI_CLOCK_REALTIME: *out = CLOCK_REALTIME; return 0;
    case WASI_CLOCK_MONOTONIC: *out = CLOCK_MONOTONIC; return 0;
    case WASI_CLOCK_PROCESS_CPUTIME: *out = CLOCK_PROCESS_CPUTIME_ID; return 0;
    case WASI_CLOCK_THREAD_CPUTIME: *out = CLOCK_THREAD_CPUTIME_ID; return 0;
    default: return WASI_EINVAL;
  }
}

static uint64_t ns_of(struct timespec t) {
  return t.tv_sec < 0 ? 0 : (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* The time of a host clock in nanoseconds: 0, or an errno. */
static uint16_t clock_now(clockid_t c, uint64_t *now) {
  struct timespec t;
  if (clock_gettime(c, &t) != 0) {
    *now = 0;
    return wasi_errno_of(errno);
  }
  *now = ns_of(t);
  return 0;
}

static int32_t wasi_clock_res_get(void *ctx, uint32_t id, uint32_t resolution) {
  clockid_t c;
  struct timespec t;
  uint16_t e = host_clock(id, &c);
  if (e != 0) return e;
  if (clock_getres(c, &t) != 0) return wasi_errno_of(errno);
  uint64_t ns = ns_of(t);
  return store_u64(ctx, resolution, ns == 0 ? 1 : ns);
}

static int32_t wasi_clock_time_get(void *ctx, uint32_t id, uint64_t precision, uint32_t time) {
  (void)precision; /* the host's best is always given */
  clockid_t c;
  uint64_t now;
  uint16_t e = host_clock(id, &c);
  if (e == 0) e = clock_now(c, &now);
  return e != 0 ? e : store_u64(ctx, time, now);
}

/* ---- random --------------------------------------------------------------------------- */

static int32_t wasi_random_get(void *ctx, uint32_t buf, uint32_t len) {
  uint8_t *out = guest_bytes(ctx, buf, len);
  if (out == NULL) return WASI_EFAULT;
  for (size_t done = 0; done < len;) {
    ssize_t n = getrandom(out + done, len - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return wasi_errno_of(errno);
    }
    done += (size_t)n;
  }
  return 0;
}

/* ---- poll_oneoff ---------------------------------------------------------------------- */

enum { SUBSCRIPTION_SIZE = 48, EVENT_SIZE = 32 };
enum { EVENT_CLOCK = 0, EVENT_FD_READ = 1, EVENT_FD_WRITE = 2 };
#define SUBCLOCK_ABSTIME 0x1u
#define EVENTRW_HANGUP 0x1u
#define NO_TIMEOUT UINT64_MAX

/* Per subscription: its pollfd (or -1), or its clock's time left. */
struct pending {
  int32_t pollfd;
  uint64_t time_left;
};

static uint8_t *put_event(uint8_t *events, uint32_t *n, const uint8_t *sub, uint16_t error, uint8_t type) {
  uint8_t *ev = events + (size_t)EVENT_SIZE * (*n)++;
  memset(ev, 0, EVENT_SIZE);
  memcpy(ev, sub, 8); /* userdata */
  put_u16(ev + 8, error);
  ev[10] = type;
  return ev;
}

/* Scratch arrays for n subscriptions, kept between calls. */
static bool poll_scratch(struct w2o_wasi *w, uint32_t n, struct pending **pending, struct pollfd **pfds) {
  size_t need = (size_t)n * (sizeof(struct pending) + sizeof(struct pollfd));
  if (need > w->poll_scratch_size) {
    void *grown = realloc(w->poll_scratch, need);
    if (grown == NULL) return false;
    w->poll_scratch = grown;
    w->poll_scratch_size = need;
  }
  *pending = w->poll_scratch;
  *pfds = (struct pollfd *)(*pending + n);
  return true;
}

static int32_t wasi_poll_oneoff(void *ctx, uint32_t in, uint32_t out, uint32_t nsubscriptions, uint32_t nevents) {
  struct w2o_wasi *w = ctx;
  if (nsubscriptions == 0) return WASI_EINVAL;
  const uint8_t *subs = guest_bytes(w, in, (uint64_t)nsubscriptions * SUBSCRIPTION_SIZE);
  uint8_t *events = guest_bytes(w, out, (uint64_t)nsubscriptions * EVENT_SIZE);
  if (subs == NULL || events == NULL || guest_bytes(w, nevents, 4) == NULL) return WASI_EFAULT;
  struct pending *pending;
  struct pollfd *pfds;
  if (!poll_scratch(w, nsubscriptions, &pending, &pfds)) return WASI_ENOMEM;

  uint64_t start;
  uint16_t e = clock_now(CLOCK_MONOTONIC, &start);
  if (e != 0) return e;
  uint32_t n = 0, n_pfds = 0;
  uint64_t wait = NO_TIMEOUT;
  for (uint32_t i = 0; i < nsubscriptions; i++) {
    const uint8_t *sub = subs + (size_t)SUBSCRIPTION_SIZE * i;
    uint8_t tag = sub[8];
    pending[i].pollfd = -1;
    pending[i].time_left = NO_TIMEOUT;
    if (tag == EVENT_CLOCK) {
      clockid_t c;
      uint64_t timeout = get_u64(sub + 24), now = 0;
      e = host_clock(get_u32(sub + 16), &c);
      if (e == 0 && (get_u16(sub + 40) & SUBCLOCK_ABSTIME)) e = clock_now(c, &now);
      if (e != 0) {
        put_event(events, &n, sub, e, EVENT_CLOCK);
        continue;
      }
      pending[i].time_left = timeout > now ? timeout - now : 0;
      if (pending[i].time_left < wait) wait = pending[i].time_left;
    } else if (tag == EVENT_FD_READ || tag == EVENT_FD_WRITE) {
      struct wasi_fd *f = NULL;
      uint64_t right = tag == EVENT_FD_READ ? WASI_RIGHT_FD_READ : WASI_RIGHT_FD_WRITE;
      e = wasi_fd_get(w, get_u32(sub + 16), right | WASI_RIGHT_POLL_FD_READWRITE, &f);
      if (e != 0) {
        put_event(events, &n, sub, e, tag);
      } else if (f->filetype == WASI_FILETYPE_REGULAR_FILE) {
        put_event(events, &n, sub, 0, tag); /* always ready; nbytes left 0 */
      } else {
        pfds[n_pfds] = (struct pollfd){.fd = f->host, .events = tag == EVENT_FD_READ ? POLLIN : POLLOUT};
        pending[i].pollfd = (int32_t)n_pfds++;
      }
    } else {
      return WASI_EINVAL;
    }
  }

  bool timed_out = false;
  if (n_pfds > 0 || wait != NO_TIMEOUT) {
    for (;;) {
      uint64_t now;
      if ((e = clock_now(CLOCK_MONOTONIC, &now)) != 0) return e;
      uint64_t elapsed = now - start;
      uint64_t left = n > 0 ? 0 : wait == NO_TIMEOUT ? NO_TIMEOUT : wait > elapsed ? wait - elapsed : 0;
      struct timespec ts = {.tv_sec = (time_t)(left / 1000000000u), .tv_nsec = (long)(left % 1000000000u)};
      int r = ppoll(pfds, n_pfds, left == NO_TIMEOUT ? NULL : &ts, NULL);
      if (r >= 0) {
        timed_out = r == 0 && n == 0;
        break;
      }
      if (errno != EINTR) return wasi_errno_of(errno);
    }
  }

  uint64_t now;
  if ((e = clock_now(CLOCK_MONOTONIC, &now)) != 0) return e;
  uint64_t elapsed = now - start;
  for (uint32_t i = 0; i < nsubscriptions; i++) {
    const uint8_t *sub = subs + (size_t)SUBSCRIPTION_SIZE * i;
    if (pending[i].pollfd >= 0) {
      const struct pollfd *p = &pfds[pending[i].pollfd];
      if (p->revents == 0) continue;
      uint16_t error = p->revents & POLLNVAL ? WASI_EBADF : 0;
      uint8_t *ev = put_event(events, &n, sub, error, sub[8]);
      int avail = 0;
      if (sub[8] == EVENT_FD_READ && ioctl(p->fd, FIONREAD, &avail) == 0 && avail > 0) put_u64(ev + 16, (uint64_t)avail);
      if (p->revents & POLLHUP) put_u16(ev + 24, EVENTRW_HANGUP);
    } else if (pending[i].time_left != NO_TIMEOUT &&
               (pending[i].time_left <= elapsed || (timed_out && pending[i].time_left == wait))) {
      put_event(events, &n, sub, 0, EVENT_CLOCK);
    }
  }
  return store_u32(w, nevents, n);
}

/* ---- the process ---------------------------------------------------------------------- */

/* Ends the run: back to the guarded call that entered wasm (w2o_wasi_run reports the
 * code), or, with none active, out of the process. */
static void wasi_proc_exit(void *ctx, uint32_t code) {
  struct w2o_wasi *w = ctx;
  w->exited = true;
  w->exit_code = code;
  if (w2o_guarded_call_active()) w2o_raise_trap(W2O_TRAP_HOST_EXIT, __builtin_return_address(0));
  fflush(NULL);
  exit((int)code);
}

static int32_t wasi_proc_raise(void *ctx, uint32_t signal) {
  (void)ctx;
  (void)signal;
  return WASI_ENOSYS;
}

static int32_t wasi_sched_yield(void *ctx) {
  (void)ctx;
  sched_yield();
  return 0;
}

const struct wasi_func wasi_process_funcs[] = {
    WASI_FUNC(args_get, "ii"),
    WASI_FUNC(args_sizes_get, "ii"),
    WASI_FUNC(environ_get, "ii"),
    WASI_FUNC(environ_sizes_get, "ii"),
    WASI_FUNC(clock_res_get, "ii"),
    WASI_FUNC(clock_time_get, "iIi"),
    WASI_FUNC(random_get, "ii"),
    WASI_FUNC(poll_oneoff, "iiii"),
    {"proc_exit", (void (*)(void))wasi_proc_exit, "i", false},
    WASI_FUNC(proc_raise, "i"),
    WASI_FUNC(sched_yield, ""),
};
const size_t wasi_process_funcs_count = sizeof wasi_process_funcs / sizeof wasi_process_funcs[0];
