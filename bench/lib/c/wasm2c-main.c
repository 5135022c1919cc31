/*
 * The main of the wasm2c engine, and the few WASI preview1 functions the kernels import.
 *
 * A kernel's .wasm is a WASI command (bench/kernels/build.sh): wasi-libc's _start runs
 * main, which times bench_run and prints "CHECKSUM NANOSECONDS" through fd_write. wabt
 * 1.0.32 translates it with
 *   wasm2c KERNEL.wasm -o k_w2c.c -n bench
 * into Z_bench_init_module(), Z_bench_instantiate(&inst, &wasi) and the export _start,
 * Z_benchZ__start(&inst); each import "wasi_snapshot_preview1" "NAME" becomes a call of
 * Z_wasi_snapshot_preview1Z_NAME(&wasi, ...), which this file defines. `wasi` is ours: it
 * holds the instance's memory, which the WASI functions read and write. (Newer wabt
 * releases renamed all of these: wasm2c_bench_instantiate, w2c_wasi__snapshot__preview1_...)
 *
 * Only what the kernels import is here, as build.sh checks: fd_write, fd_fdstat_get,
 * fd_seek, fd_close on the host's descriptors as they are (no preopens, no arguments,
 * no environment), clock_time_get, proc_exit. Built with gcc -O2 and wabt's runtime
 * (wasm-rt-impl.c, guard-page memories); a trap exits 134, as a wasm2obj build does.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "k_w2c.h"
#include "wasm-rt-impl.h"

struct Z_wasi_snapshot_preview1_instance_t {
  wasm_rt_memory_t *memory;
};

/* WASI errno values (wasi_snapshot_preview1's $errno). */
enum {
  WASI_ESUCCESS = 0,
  WASI_EAGAIN = 6,
  WASI_EBADF = 8,
  WASI_EFAULT = 21,
  WASI_EINTR = 27,
  WASI_EINVAL = 28,
  WASI_EIO = 29,
  WASI_ENOSPC = 51,
  WASI_EPIPE = 64,
  WASI_ESPIPE = 70,
};

static u32 wasi_errno(int e) {
  switch (e) {
  case EAGAIN: return WASI_EAGAIN;
  case EBADF: return WASI_EBADF;
  case EFAULT: return WASI_EFAULT;
  case EINTR: return WASI_EINTR;
  case EINVAL: return WASI_EINVAL;
  case ENOSPC: return WASI_ENOSPC;
  case EPIPE: return WASI_EPIPE;
  case ESPIPE: return WASI_ESPIPE;
  default: return WASI_EIO;
  }
}

/* The host address of [ptr, ptr + len) in the instance's memory, or NULL when any of it is outside. */
static u8 *at(struct Z_wasi_snapshot_preview1_instance_t *w, u32 ptr, u64 len) {
  return (u64)ptr + len <= w->memory->size ? w->memory->data + ptr : NULL;
}

/* wasm is little-endian, and so is x86-64: fields are copied as they are. */
static u32 load_u32(const u8 *p) {
  u32 v;
  memcpy(&v, p, 4);
  return v;
}

static void store_u32(u8 *p, u32 v) { memcpy(p, &v, 4); }
static void store_u64(u8 *p, u64 v) { memcpy(p, &v, 8); }

u32 Z_wasi_snapshot_preview1Z_fd_write(struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd, u32 iovs, u32 iovs_len, u32 nwritten) {
  u8 *out = at(w, nwritten, 4);
  u8 *vec = at(w, iovs, (u64)iovs_len * 8);
  if (out == NULL || vec == NULL) return WASI_EFAULT;
  u32 total = 0;
  for (u32 i = 0; i < iovs_len; i++) {
    u32 len = load_u32(vec + 8 * i + 4);
    const u8 *buf = at(w, load_u32(vec + 8 * i), len);
    if (buf == NULL) return WASI_EFAULT;
    while (len > 0) {
      ssize_t n = write((int)fd, buf, len);
      if (n < 0) {
        if (errno == EINTR) continue;
        if (total > 0) break; /* report what was written */
        return wasi_errno(errno);
      }
      buf += n;
      len -= (u32)n;
      total += (u32)n;
    }
  }
  store_u32(out, total);
  return WASI_ESUCCESS;
}

/* $fdstat: filetype u8 at 0, flags u16 at 2, rights_base u64 at 8, rights_inheriting u64 at 16. */
u32 Z_wasi_snapshot_preview1Z_fd_fdstat_get(struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd, u32 buf) {
  enum { CHARACTER_DEVICE = 2, BLOCK_DEVICE = 1, DIRECTORY = 3, REGULAR_FILE = 4, SOCKET_STREAM = 6 };
  enum { RIGHT_FD_READ = 1 << 1, RIGHT_FD_SEEK = 1 << 2, RIGHT_FD_TELL = 1 << 5, RIGHT_FD_WRITE = 1 << 6 };
  u8 *p = at(w, buf, 24);
  if (p == NULL) return WASI_EFAULT;
  struct stat st;
  if (fstat((int)fd, &st) != 0) return wasi_errno(errno);
  int flags = fcntl((int)fd, F_GETFL);
  u8 type = S_ISCHR(st.st_mode) ? CHARACTER_DEVICE
            : S_ISBLK(st.st_mode) ? BLOCK_DEVICE
            : S_ISDIR(st.st_mode) ? DIRECTORY
            : S_ISREG(st.st_mode) ? REGULAR_FILE
            : S_ISSOCK(st.st_mode) ? SOCKET_STREAM
                                   : 0; /* unknown: pipes */
  /* wasi-libc's isatty() is "a character device without seek and tell rights". */
  u64 rights = RIGHT_FD_READ | RIGHT_FD_WRITE | (type == REGULAR_FILE ? RIGHT_FD_SEEK | RIGHT_FD_TELL : 0);
  u16 fdflags = (u16)((flags >= 0 && (flags & O_APPEND) ? 1 : 0) | (flags >= 0 && (flags & O_NONBLOCK) ? 4 : 0));
  memset(p, 0, 24);
  p[0] = type;
  memcpy(p + 2, &fdflags, 2);
  store_u64(p + 8, rights);
  store_u64(p + 16, rights);
  return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_fd_seek(struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd, u64 offset, u32 whence, u32 newoffset) {
  u8 *out = at(w, newoffset, 8);
  if (out == NULL) return WASI_EFAULT;
  static const int how[3] = {SEEK_SET, SEEK_CUR, SEEK_END};
  if (whence > 2) return WASI_EINVAL;
  off_t r = lseek((int)fd, (off_t)offset, how[whence]);
  if (r < 0) return wasi_errno(errno);
  store_u64(out, (u64)r);
  return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_fd_close(struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd) {
  (void)w;
  return close((int)fd) == 0 ? WASI_ESUCCESS : wasi_errno(errno);
}

u32 Z_wasi_snapshot_preview1Z_clock_time_get(struct Z_wasi_snapshot_preview1_instance_t *w, u32 id, u64 precision, u32 time) {
  (void)precision;
  static const clockid_t clocks[4] = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID};
  u8 *out = at(w, time, 8);
  if (out == NULL) return WASI_EFAULT;
  if (id > 3) return WASI_EINVAL;
  struct timespec t;
  if (clock_gettime(clocks[id], &t) != 0) return wasi_errno(errno);
  store_u64(out, (u64)t.tv_sec * 1000000000u + (u64)t.tv_nsec);
  return WASI_ESUCCESS;
}

/* Nothing is buffered on our side (fd_write writes through), so exiting here loses nothing. */
void Z_wasi_snapshot_preview1Z_proc_exit(struct Z_wasi_snapshot_preview1_instance_t *w, u32 code) {
  (void)w;
  exit((int)code);
}

int main(void) {
  static struct Z_wasi_snapshot_preview1_instance_t wasi;
  static Z_bench_instance_t inst;
  wasm_rt_init();
  Z_bench_init_module();
  Z_bench_instantiate(&inst, &wasi);
  wasi.memory = Z_benchZ_memory(&inst);
  wasm_rt_trap_t code = wasm_rt_impl_try();
  if (code != WASM_RT_TRAP_NONE) {
    fprintf(stderr, "wasm2c: trapped: %s\n", wasm_rt_strerror(code));
    return 134;
  }
  Z_benchZ__start(&inst);
  Z_bench_free(&inst);
  wasm_rt_free();
  return 0;
}
