/*
 * wasi-fd.c: the descriptor table and the calls on descriptors (fd_*, sock_*).
 *
 * A guest descriptor is an index into w->fds; each slot owns a host descriptor and the
 * WASI rights the guest holds on it. Every call checks, in order: that the descriptor is
 * open (EBADF), for the socket calls that it is a socket (ENOTSOCK), that it holds the
 * rights the call needs (ENOTCAPABLE), that guest pointers lie in memory (EFAULT); then
 * does the host call and maps its errno. Rights follow witx: fd_seek needs fd_seek, or
 * only fd_tell for a seek by 0 from the current offset; fd_pread and fd_pwrite need
 * fd_seek as well as fd_read / fd_write; fd_fdstat_set_rights can only remove rights.
 *
 * Directory streams: fd_readdir numbers the entries of a directory 0, 1, 2... in the
 * order the host lists them, and a cookie is the number of the next entry, so the cookie
 * of an entry's successor (d_next) is its number + 1. The stream (a DIR on a duplicate of
 * the descriptor) remembers the number of the entry it yields next: reading on from there
 * costs nothing, and an entry cut short at the end of a buffer is stepped back over
 * (seekdir), since the guest asks for it again; another cookie rewinds and skips.
 */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "wasi-internal.h"

/* ---- the table ------------------------------------------------------------------------ */

uint16_t wasi_fd_get(struct w2o_wasi *w, uint32_t fd, uint64_t rights, struct wasi_fd **out) {
  if (fd >= w->n_fds || w->fds[fd].host < 0) return WASI_EBADF;
  struct wasi_fd *f = &w->fds[fd];
  if ((f->rights_base & rights) != rights) return WASI_ENOTCAPABLE;
  *out = f;
  return 0;
}

uint16_t wasi_fd_add(struct w2o_wasi *w, int host, uint8_t filetype, uint64_t base, uint64_t inheriting,
                     uint32_t *fd) {
  uint32_t i = 0;
  while (i < w->n_fds && w->fds[i].host >= 0) i++;
  if (i == w->n_fds) {
    uint32_t n = w->n_fds < 8 ? 16 : w->n_fds * 2;
    struct wasi_fd *grown = n > (UINT32_MAX >> 1) ? NULL : realloc(w->fds, n * sizeof *grown);
    if (grown == NULL) {
      close(host);
      return WASI_ENOMEM;
    }
    memset(grown + w->n_fds, 0, (n - w->n_fds) * sizeof *grown);
    for (uint32_t k = w->n_fds; k < n; k++) grown[k].host = -1;
    w->fds = grown;
    w->n_fds = n;
  }
  struct wasi_fd *f = &w->fds[i];
  memset(f, 0, sizeof *f);
  f->host = host;
  f->filetype = filetype;
  f->rights_base = base;
  f->rights_inheriting = inheriting;
  *fd = i;
  return 0;
}

void wasi_fd_release(struct wasi_fd *f) {
  if (f->dir != NULL) closedir(f->dir);
  if (f->host >= 0) close(f->host);
  free(f->preopen);
  memset(f, 0, sizeof *f);
  f->host = -1;
}

uint8_t wasi_filetype_of(unsigned mode, int host) {
  if (S_ISREG(mode)) return WASI_FILETYPE_REGULAR_FILE;
  if (S_ISDIR(mode)) return WASI_FILETYPE_DIRECTORY;
  if (S_ISLNK(mode)) return WASI_FILETYPE_SYMBOLIC_LINK;
  if (S_ISCHR(mode)) return WASI_FILETYPE_CHARACTER_DEVICE;
  if (S_ISBLK(mode)) return WASI_FILETYPE_BLOCK_DEVICE;
  if (S_ISSOCK(mode)) {
    int type;
    socklen_t len = sizeof type;
    if (host >= 0 && getsockopt(host, SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_DGRAM) {
      return WASI_FILETYPE_SOCKET_DGRAM;
    }
    return WASI_FILETYPE_SOCKET_STREAM;
  }
  return WASI_FILETYPE_UNKNOWN; /* a FIFO: WASI has no name for it */
}

uint64_t wasi_rights_of(uint8_t filetype, int host) {
  switch (filetype) {
    case WASI_FILETYPE_DIRECTORY: return WASI_RIGHTS_DIRECTORY;
    case WASI_FILETYPE_SOCKET_STREAM:
    case WASI_FILETYPE_SOCKET_DGRAM: return WASI_RIGHTS_SOCKET;
    case WASI_FILETYPE_CHARACTER_DEVICE: return isatty(host) ? WASI_RIGHTS_TTY : WASI_RIGHTS_FILE;
    default: return WASI_RIGHTS_FILE;
  }
}

static uint64_t timestamp_of(struct timespec t) {
  if (t.tv_sec < 0) return 0;
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

void wasi_put_filestat(uint8_t *out, const struct stat *st) {
  memset(out, 0, 64);
  put_u64(out + 0, (uint64_t)st->st_dev);
  put_u64(out + 8, (uint64_t)st->st_ino);
  out[16] = wasi_filetype_of(st->st_mode, -1);
  put_u64(out + 24, (uint64_t)st->st_nlink);
  put_u64(out + 32, (uint64_t)st->st_size);
  put_u64(out + 40, timestamp_of(st->st_atim));
  put_u64(out + 48, timestamp_of(st->st_mtim));
  put_u64(out + 56, timestamp_of(st->st_ctim));
}

uint16_t wasi_times(uint64_t atim, uint64_t mtim, uint32_t flags, struct timespec ts[2]) {
  if ((flags & ~0xfu) != 0 || ((flags & WASI_FSTFLAG_ATIM) && (flags & WASI_FSTFLAG_ATIM_NOW)) ||
      ((flags & WASI_FSTFLAG_MTIM) && (flags & WASI_FSTFLAG_MTIM_NOW))) {
    return WASI_EINVAL;
  }
  const uint64_t values[2] = {atim, mtim};
  const uint32_t set[2] = {WASI_FSTFLAG_ATIM, WASI_FSTFLAG_MTIM}, now[2] = {WASI_FSTFLAG_ATIM_NOW, WASI_FSTFLAG_MTIM_NOW};
  for (int i = 0; i < 2; i++) {
    ts[i].tv_sec = 0;
    if (flags & set[i]) {
      ts[i].tv_sec = (time_t)(values[i] / 1000000000u);
      ts[i].tv_nsec = (long)(values[i] % 1000000000u);
    } else {
      ts[i].tv_nsec = flags & now[i] ? UTIME_NOW : UTIME_OMIT;
    }
  }
  return 0;
}

uint16_t wasi_gather_iovecs(struct w2o_wasi *w, uint32_t iovs, uint32_t n_iovs, int *n) {
  const uint8_t *list = guest_bytes(w, iovs, (uint64_t)n_iovs * 8);
  if (list == NULL) return WASI_EFAULT;
  /* A call moves at most what its u32 result can count, through at most IOV_MAX buffers:
   * fewer bytes than asked, which reads and writes may always do. */
  const size_t max_iov = sizeof w->iov / sizeof w->iov[0];
  uint64_t total = 0;
  int count = 0;
  for (uint32_t i = 0; i < n_iovs && (size_t)count < max_iov && total < UINT32_MAX; i++) {
    uint32_t ptr = get_u32(list + 8 * (size_t)i), len = get_u32(list + 8 * (size_t)i + 4);
    uint8_t *buf = guest_bytes(w, ptr, len);
    if (buf == NULL) return WASI_EFAULT;
    if (total + len > UINT32_MAX) len = (uint32_t)(UINT32_MAX - total);
    w->iov[count].iov_base = buf;
    w->iov[count].iov_len = len;
    total += len;
    count++;
  }
  *n = count;
  return 0;
}

/* ---- reading and writing -------------------------------------------------------------- */

static int32_t wasi_fd_read(void *ctx, uint32_t fd, uint32_t iovs, uint32_t n_iovs, uint32_t nread) {
  struct w2o_wasi *w = ctx;
  struct wasi_fd *f = NULL;
  int n;
  uint16_t e = wasi_fd_get(w, fd, WASI_RIGHT_FD_READ, &f);
  if (e == 0) e = guest_bytes(w, nread, 4) == NULL ? WASI_EFAULT : wasi_gather_iovecs(w, iovs, n_iovs, &n);
  if (e != 0) return e;
  ssize_t r = readv(f->host, w->iov, n);
  return r < 0 ? wasi_errno_of(errno) : store_u32(w, nread, (uint32_t)r);
}

static int32_t wasi_fd_write(void *ctx, uint32_t fd, uint32_t iovs, uint32_t n_iovs, uint32_t nwritten) {
  struct w2o_wasi *w = ctx;
  struct wasi_fd *f = NULL;
  int n;
  uint16_t e = wasi_fd_get(w, fd, WASI_RIGHT_FD_WRITE, &f);
  if (e == 0) e = guest_bytes(w, nwritten, 4) == NULL ? WASI_EFAULT : wasi_gather_iovecs(w, iovs, n_iovs, &n);
  if (e != 0) return e;
  ssize_t r = writev(f->host, w->iov, n);
  return r < 0 ? wasi_errno_of(errno) : store_u32(w, nwritten, (uint32_t)r);
}

static int32_t wasi_fd_pread(void *ctx, uint32_t fd, uint32_t iovs, uint32_t n_iovs, uint64_t offset,
                             uint32_t nread) {
  struct w2o_wasi *w = ctx;
  struct wasi_fd *f = NULL;
  int n;
  uint16_t e = wasi_fd_get(w, fd, WASI_RIGHT_FD_READ | WASI_RIGHT_FD_SEEK, &f);
  if (e == 0) e = guest_bytes(w, nread, 4) == NULL ? WASI_EFAULT : wasi_gather_iovecs(w, iovs, n_iovs, &n);
  if (e == 0 && offset > INT64_MAX) e = WASI_EINVAL;
  if (e != 0) return e;
  ssize_t r = preadv(f->host, w->iov, n, (off_t)offset);
  return r < 0 ? wasi_errno_of(errno) : store_u32(w, nread, (uint32_t)r);
}

static int32_t wasi_fd_pwrite(void *ctx, uint32_t fd, uint32_t iovs, uint32_t n_iovs, uint64_t offset,
                              uint32_t nwritten) {
  struct w2o_wasi *w = ctx;
  struct wasi_fd *f = NULL;
  int n;
  uint16_t e = wasi_fd_get(w, fd, WASI_RIGHT_FD_WRITE | WASI_RIGHT_FD_SEEK, &f);
  if (e == 0) e = guest_bytes(w, nwritten, 4) == NULL ? WASI_EFAULT : wasi_gather_iovecs(w, iovs, n_iovs, &n);
  if (e == 0 && offset > INT64_MAX) e = WASI_EINVAL;
  if (e != 0) return e;
  ssize_t r = pwritev(f->host, w->iov, n, (off_t)offset);
  return r < 0 ? wasi_errno_of(errno) : store_u32(w, nwritten, (uint32_t)r);
}

/* fd_seek implies fd_tell (witx). */
static bool can_tell(const struct wasi_fd *f) {
  return (f->rights_base & (WASI_RIGHT_FD_TELL | WASI_RIGHT_FD_SEEK)) != 0;
}

static int32_t wasi_fd_seek(void *ctx, uint32_t fd, uint64_t offset, uint32_t whence, uint32_t newoffset) {
  struct w2o_wasi *w = ctx;
  static const int whences[3] = {SEEK_SET, SEEK_CUR, SEEK_END};
  bool tell_only = whence == 1 && offset == 0;
  struct wasi_fd *f = NULL;
  uint16_t e = wasi_fd_get(w, fd, tell_only ? 0 : WASI_RIGHT_FD_SEEK, &f);
  if (e == 0 && tell_only && !can_tell(f)) e = WASI_ENOTCAPABLE;
  if (e == 0 && whence > 2) e = WASI_EINVAL;
  if (e == 0 && guest_bytes(w, newoffset, 8) == NULL) e = WASI_EFAULT;
  if (e != 0) return e;
  off_t r = lseek(f->host, (off_t)offset, whences[whence]);
  return r < 0 ? wasi_errno_of(errno) : store_u64(w, newoffset, (uint64_t)r);
}

static int32_t wasi_fd_tell(void *ctx, uint32_t fd, uint32_t offset) {
  struct w2o_wasi *w = ctx;
  struct wasi_fd *f = NULL;
  uint16_t e = wasi_fd_get(w, fd, 0, &f);
  if (e == 0 && !can_tell(f)) e = WASI_ENOTCAPABLE;
  if (e == 0 && guest_bytes(w, offset, 8) == NULL) e = WASI_EFAULT;
  if (e != 0) return e;
  off_t r = lseek(f->host, 0, SEEK_CUR);
  return r < 0 ? wasi_errno_of(errno) : store_u64(w, offset, (uint64_t)r);
}

/* ---- descriptors ---------------------------------------------------------------------- */

static int32_t wasi_fd_close(void *ctx, uint32_t fd) {
  struct w2o_wasi *w = ctx;
  struct wasi_fd *f = NULL;
  uint16_t e = wasi_fd_get(w, fd, 0, &f);
  if (e != 0) return e;
  int host = f->host;
  f->host = -1; /* released below without closing it twice */
  wasi_fd_release(f);
  return close(host) != 0 && errno != EINTR ? wasi_errno_of(errno) : 0;
}

static int32_t wasi_fd_renumber(void *ctx, uint32_t from, uint32_t to) {
  struct w2o_wasi *w = ctx;
  struct wasi_fd *f = NULL, *t = NULL;
  uint16_t e = wasi_fd_get(w, from, 0, &f);
  if (e == 0) e = wasi_fd_get(w, to, 0, &t);
  if (e != 0 || from == to) return e;
  wasi_fd_release(t);
  *t = *f;
  memset(f, 0, sizeof *f);
  f->host = -1;
  return 0;
}

static int32_t wasi_fd_sync(void *ctx, uint32_t fd) {
  struct wasi_fd *f = NULL;
  uint16_t e = wasi_fd_get(ctx, fd, WASI_RIGHT_FD_SYNC, &f);
  if (e != 0) return e;
  return fsync(f->host) != 0 ? wasi_errno_of(errno) : 0;
}

static int32_t wasi_fd_datasync(void *ctx, uint32_t fd) {
  struct wasi_fd *f = NULL;
  uint16_t e = wasi_fd_get(ctx, fd, WASI_RIGHT_FD_DATASYNC, &f);
  if (e != 0) return e;
  return fdatasync(f->host) != 0 ? wasi_errno_of(errno) : 0;
}

static int32_t wasi_fd_advise(void *ctx, uint32_t fd, uint64_t offset, uint64_t len, uint32_t advice) {
  static const int advices[6] = {POSIX_FADV_NORMAL,   POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM,
                                 POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED,   POSIX_FADV_NOREUSE};
  struct wasi_fd *f = NULL;
  uint16_t e = wasi_fd_get(ctx, fd, WASI_RIGHT_FD_ADVISE, &f);
  if (e == 0 && (advice > 5 || offset > INT64_MAX || len > INT64_MAX)) e = WASI_EINVAL;
  if (e != 0) return e;
  return wasi_errno_of(posix_fadvise(f->host, (off_t)offset, (off_t)len, advices[advice]));
}

static int32_t wasi_fd_allocate(void *ctx, uint32_t fd, uint64_t offset, uint64_t len) {
  struct wasi_fd *f = NULL;
  uint16_t e = wasi_fd_get(ctx, fd, WASI_RIGHT_FD_ALLOCATE, &f);
  if (e == 0 && (offset > INT64_MAX || len > INT64_MAX)) e = WASI_EINVAL;
  if (e == 0 && offset + len > INT64_MAX) e = WASI_EFBIG;
  if (e != 0) return e;
  return wasi_errno_of(posix_fallocate(f->host, (off_t)offset, (off_t)len));
}

/* The WASI flags of a host descriptor's status flags (F_GETFL). */
static uint16_t fdflags_of(int fl) {
  uint16_t flags = 0;
  if (fl & O_APPEND) flags |= WASI_FDFLAG_APPEND;
  if (fl & O_NONBLOCK) flags |= WASI_FDFLAG_NONBLOCK;
  if ((fl & O_SYNC) == O_SYNC) {
    flags |= WASI_FDFLAG_SYNC; /* Linux cannot tell O_RSYNC from O_SYNC */
  } else if (fl & O_DSYNC) {
    flags |= WASI_FDFLAG_DSYNC;
  }
  return flags;
}

int wasi_host_fdflags(uint32_t flags) {
  int fl = 0;
  if (flags & WASI_FDFLAG_APPEND) fl |= O_APPEND;
  if (flags & WASI_FDFLAG_DSYNC) fl |= O_DSYNC;
  if (flags & WASI_FDFLAG_NONBLOCK) fl |= O_NONBLOCK;
  if (flags & WASI_FDFLAG_RSYNC) fl |= O_RSYNC;
  if (flags & WASI_FDFLAG_SYNC) fl |= O_SYNC;
  return fl;
}

static int32_t wasi_fd_fdstat_get(void *ctx, uint32_t fd, uint32_t buf) {
  struct w2o_wasi *w = ctx;
  struct wasi_fd *f = NULL;
  uint16_t e = wasi_fd_get(w, fd, 0, &f);
  uint8_t *out = guest_bytes(w, buf, 24);
  if (e == 0 && out == NULL) e = WASI_EFAULT;
  if (e != 0) return e;
  int fl = fcntl(f->host, F_GETFL);
  if (fl < 0) return wasi_errno_of(errno);
  memset(out, 0, 24);
  out[0] = f->filetype;
  put_u16(out + 2, fdflags_of(fl));
  put_u64(out + 8, f->rights_base);
  put_u64(out + 16, f->rights_inheriting);
  return 0;
}

/* Sets APPEND and NONBLOCK; the synchronized-I/O flags are fixed once a file is open on
 * Linux (F_SETFL ignores them), so asking to change them is ENOTSUP. */
static int32_t wasi_fd_fdstat_set_flags(void *ctx, uint32_t fd, uint32_t flags) {
  struct wasi_fd *f = NULL;
  uint16_t e = wasi_fd_get(ctx, fd, WASI_RIGHT_FD_FDSTAT_SET_FLAGS, &f);
  if (e == 0 && (flags & ~WASI_FDFLAGS_ALL) != 0) e = WASI_EINVAL;
  if (e != 0) return e;
  int fl = fcntl(f->host, F_GETFL);
  if (fl < 0) return wasi_errno_of(errno);
  const int sync_bits = O_SYNC | O_DSYNC | O_RSYNC;
  int want = wasi_host_fdflags(flags);
  if ((want & sync_bits) != (fl & sync_bits)) return WASI_ENOTSUP;
  fl = (fl & ~(O_APPEND | O_NONBLOCK)) | (want & (O_APPEND | O_NONBLOCK));
  return fcntl(f->host, F_SETFL, fl) != 0 ? wasi_errno_of(errno) : 0;
}

static int32_t wasi_fd_fdstat_set_rights(void *ctx, uint32_t fd, uint64_t base, uint64_t inheriting) {
  struct wasi_fd *f = NULL;
  uint16_t e = wasi_fd_get(ctx, fd, 0, &f);
  if (e != 0) return e;
  if ((base & ~f->rights_base) != 0 || (inheriting & ~f->rights_inheriting) != 0) return WASI_ENOTCAPABLE;
  f->rights_base = base;
  f->rights_inheriting = inheriting;
  return 0;
}

static int32_t wasi_fd_filestat_get(void *ctx, uint32_t fd, uint32_t buf) {
  struct w2o_wasi *w = ctx;
  struct wasi_fd *f = NULL;
  uint16_t e = wasi_fd_get(w, fd, WASI_RIGHT_FD_FILESTAT_GET, &f);
  uint8_t *out = guest_bytes(w, buf, 64);
  if (e == 0 && out == NULL) e = WASI_EFAULT;
  if (e != 0) return e;
  struct stat st;
  if (fstat(f->host, &st) != 0) return wasi_errno_of(errno);
  wasi_put_filestat(out, &st);
  out[16] = f->filetype; /* what the descriptor is, sockets told apart */
  return 0;
}

static int32_t wasi_fd_filestat_set_size(void *ctx, uint32_t fd, uint64_t size) {
  struct wasi_fd *f = NULL;
  uint16_t e = wasi_fd_get(ctx, fd, WASI_RIGHT_FD_FILESTAT_SET_SIZE, &f);
  if (e == 0 && size > INT64_MAX) e = WASI_EINVAL;
  if (e != 0) return e;
  return ftruncate(f->host, (off_t)size) != 0 ? wasi_errno_of(errno) : 0;
}

static int32_t wasi_fd_filestat_set_times(void *ctx, uint32_t fd, uint64_t atim, uint64_t mtim, uint32_t flags) {
  struct wasi_fd *f = NULL;
  struct timespec ts[2];
  uint16_t e = wasi_fd_get(ctx, fd, WASI_RIGHT_FD_FILESTAT_SET_TIMES, &f);
  if (e == 0) e = wasi_times(atim, mtim, flags, ts);
  if (e != 0) return e;
  return futimens(f->host, ts) != 0 ? wasi_errno_of(errno) : 0;
}

/* ---- preopened directories ------------------------------------------------------------ */

static int32_t wasi_fd_prestat_get(void *ctx, uint32_t fd, uint32_t buf) {
  struct w2o_wasi *w = ctx;
  struct wasi_fd *f = NULL;
  uint16_t e = wasi_fd_get(w, fd, 0, &f);
  if (e == 0 && f->preopen == NULL) e = WASI_EBADF;
  uint8_t *out = guest_bytes(w, buf, 8);
  if (e == 0 && out == NULL) e = WASI_EFAULT;
  if (e != 0) return e;
  memset(out, 0, 8); /* tag 0: a directory */
  put_u32(out + 4, (uint32_t)strlen(f->preopen));
  return 0;
}

static int32_t wasi_fd_prestat_dir_name(void *ctx, uint32_t fd, uint32_t path, uint32_t path_len) {
  struct w2o_wasi *w = ctx;
  struct wasi_fd *f = NULL;
  uint16_t e = wasi_fd_get(w, fd, 0, &f);
  if (e == 0 && f->preopen == NULL) e = WASI_EBADF;
  if (e != 0) return e;
  size_t len = strlen(f->preopen);
  if (path_len < len) return WASI_ENAMETOOLONG;
  uint8_t *out = guest_bytes(w, path, len);
  if (out == NULL) return WASI_EFAULT;
  memcpy(out, f->preopen, len);
  return 0;
}

/* ---- directories ---------------------------------------------------------------------- */

/* The WASI type of a directory entry, asking the host when the entry does not say. */
static uint8_t dirent_type(DIR *d, const struct dirent *e) {
  switch (e->d_type) {
    case DT_REG: return WASI_FILETYPE_REGULAR_FILE;
    case DT_DIR: return WASI_FILETYPE_DIRECTORY;
    case DT_LNK: return WASI_FILETYPE_SYMBOLIC_LINK;
    case DT_CHR: return WASI_FILETYPE_CHARACTER_DEVICE;
    case DT_BLK: return WASI_FILETYPE_BLOCK_DEVICE;
    case DT_SOCK: return WASI_FILETYPE_SOCKET_STREAM;
    case DT_FIFO: return WASI_FILETYPE_UNKNOWN;
    default: {
      struct stat st;
      if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) return WASI_FILETYPE_UNKNOWN;
      return wasi_filetype_of(st.st_mode, -1);
    }
  }
}

/* The directory stream of a descriptor, positioned at entry `cookie`: 0, or an errno. */
static uint16_t seek_dir(struct wasi_fd *f, uint64_t cookie) {
  if (f->dir == NULL) {
    int dup = fcntl(f->host, F_DUPFD_CLOEXEC, 0);
    if (dup < 0) return wasi_errno_of(errno);
    f->dir = fdopendir(dup);
    if (f->dir == NULL) {
      int err = errno;
      close(dup);
      return wasi_errno_of(err);
    }
    rewinddir(f->dir); /* the duplicate shares the offset, wherever it was */
    f->dir_next = 0;
  }
  if (cookie < f->dir_next) {
    rewinddir(f->dir);
    f->dir_next = 0;
  }
  while (f->dir_next < cookie) {
    errno = 0;
    if (readdir(f->dir) == NULL) return errno != 0 ? wasi_errno_of(errno) : 0; /* past the end: nothing more */
    f->dir_next++;
  }
  return 0;
}

/* Fills the buffer with entries (a 24-byte dirent then the name, each), the last one cut
 * where the buffer ends; fewer bytes than the buffer holds means the end was reached. */
static int32_t wasi_fd_readdir(void *ctx, uint32_t fd, uint32_t buf, uint32_t buf_len, uint64_t cookie,
                               uint32_t bufused) {
  struct w2o_wasi *w = ctx;
  struct wasi_fd *f = NULL;
  uint16_t e = wasi_fd_get(w, fd, WASI_RIGHT_FD_READDIR, &f);
  uint8_t *out = guest_bytes(w, buf, buf_len);
  if (e == 0 && (out == NULL || guest_bytes(w, bufused, 4) == NULL)) e = WASI_EFAULT;
  if (e == 0) e = seek_dir(f, cookie);
  if (e != 0) return e;
  uint32_t used = 0;
  while (used < buf_len) {
    long at = telldir(f->dir);
    errno = 0;
    struct dirent *d = readdir(f->dir);
    if (d == NULL) {
      if (errno != 0) return wasi_errno_of(errno);
      break;
    }
    f->dir_next++;
    uint8_t head[24] = {0};
    size_t name_len = strlen(d->d_name);
    put_u64(head, f->dir_next);
    put_u64(head + 8, (uint64_t)d->d_ino);
    put_u32(head + 16, (uint32_t)name_len);
    head[20] = dirent_type(f->dir, d);
    uint32_t n = buf_len - used < sizeof head ? buf_len - used : (uint32_t)sizeof head;
    memcpy(out + used, head, n);
    used += n;
    n = buf_len - used < name_len ? buf_len - used : (uint32_t)name_len;
    memcpy(out + used, d->d_name, n);
    used += n;
    if (n < name_len) {
      /* Cut short: the guest asks for this entry again next, from here. */
      seekdir(f->dir, at);
      f->dir_next--;
    }
  }
  return store_u32(w, bufused, used);
}

/* ---- sockets -------------------------------------------------------------------------- */

static bool is_socket(const struct wasi_fd *f) {
  return f->filetype == WASI_FILETYPE_SOCKET_STREAM || f->filetype == WASI_FILETYPE_SOCKET_DGRAM;
}

/* The socket `fd` holding `rights`: EBADF, ENOTSOCK, ENOTCAPABLE, or 0. */
static uint16_t socket_get(struct w2o_wasi *w, uint32_t fd, uint64_t rights, struct wasi_fd **out) {
  uint16_t e = wasi_fd_get(w, fd, 0, out);
  if (e == 0 && !is_socket(*out)) e = WASI_ENOTSOCK;
  if (e == 0 && ((*out)->rights_base & rights) != rights) e = WASI_ENOTCAPABLE;
  return e;
}

static int32_t wasi_sock_accept(void *ctx, uint32_t fd, uint32_t flags, uint32_t newfd) {
  struct w2o_wasi *w = ctx;
  struct wasi_fd *f = NULL;
  uint16_t e = socket_get(w, fd, WASI_RIGHT_SOCK_ACCEPT, &f);
  if (e == 0 && (flags & ~WASI_FDFLAG_NONBLOCK) != 0) e = WASI_EINVAL;
  if (e == 0 && guest_bytes(w, newfd, 4) == NULL) e = WASI_EFAULT;
  if (e != 0) return e;
  int host = accept4(f->host, NULL, NULL, SOCK_CLOEXEC | (flags & WASI_FDFLAG_NONBLOCK ? SOCK_NONBLOCK : 0));
  if (host < 0) return wasi_errno_of(errno);
  uint8_t type = wasi_filetype_of(S_IFSOCK, host);
  uint32_t n;
  e = wasi_fd_add(w, host, type, WASI_RIGHTS_SOCKET, 0, &n);
  return e != 0 ? e : store_u32(w, newfd, n);
}

static int32_t wasi_sock_recv(void *ctx, uint32_t fd, uint32_t iovs, uint32_t n_iovs, uint32_t ri_flags,
                              uint32_t nread, uint32_t ro_flags) {
  struct w2o_wasi *w = ctx;
  struct wasi_fd *f = NULL;
  int n;
  uint16_t e = socket_get(w, fd, WASI_RIGHT_FD_READ, &f);
  if (e == 0 && (ri_flags & ~3u) != 0) e = WASI_EINVAL;
  if (e == 0 && (guest_bytes(w, nread, 4) == NULL || guest_bytes(w, ro_flags, 2) == NULL)) e = WASI_EFAULT;
  if (e == 0) e = wasi_gather_iovecs(w, iovs, n_iovs, &n);
  if (e != 0) return e;
  struct msghdr msg = {.msg_iov = w->iov, .msg_iovlen = (size_t)n};
  int flags = (ri_flags & 1 ? MSG_PEEK : 0) | (ri_flags & 2 ? MSG_WAITALL : 0);
  ssize_t r = recvmsg(f->host, &msg, flags);
  if (r < 0) return wasi_errno_of(errno);
  put_u16(guest_bytes(w, ro_flags, 2), msg.msg_flags & MSG_TRUNC ? 1 : 0); /* data truncated */
  return store_u32(w, nread, (uint32_t)r);
}

static int32_t wasi_sock_send(void *ctx, uint32_t fd, uint32_t iovs, uint32_t n_iovs, uint32_t si_flags,
                              uint32_t nwritten) {
  struct w2o_wasi *w = ctx;
  struct wasi_fd *f = NULL;
  int n;
  uint16_t e = socket_get(w, fd, WASI_RIGHT_FD_WRITE, &f);
  if (e == 0 && si_flags != 0) e = WASI_EINVAL; /* witx defines no flags */
  if (e == 0) e = guest_bytes(w, nwritten, 4) == NULL ? WASI_EFAULT : wasi_gather_iovecs(w, iovs, n_iovs, &n);
  if (e != 0) return e;
  struct msghdr msg = {.msg_iov = w->iov, .msg_iovlen = (size_t)n};
  ssize_t r = sendmsg(f->host, &msg, 0);
  return r < 0 ? wasi_errno_of(errno) : store_u32(w, nwritten, (uint32_t)r);
}

static int32_t wasi_sock_shutdown(void *ctx, uint32_t fd, uint32_t how) {
  static const int hows[4] = {0, SHUT_RD, SHUT_WR, SHUT_RDWR};
  struct wasi_fd *f = NULL;
  uint16_t e = socket_get(ctx, fd, WASI_RIGHT_SOCK_SHUTDOWN, &f);
  if (e == 0 && (how == 0 || how > 3)) e = WASI_EINVAL;
  if (e != 0) return e;
  return shutdown(f->host, hows[how]) != 0 ? wasi_errno_of(errno) : 0;
}

const struct wasi_func wasi_fd_funcs[] = {
    WASI_FUNC(fd_advise, "iIIi"),
    WASI_FUNC(fd_allocate, "iII"),
    WASI_FUNC(fd_close, "i"),
    WASI_FUNC(fd_datasync, "i"),
    WASI_FUNC(fd_fdstat_get, "ii"),
    WASI_FUNC(fd_fdstat_set_flags, "ii"),
    WASI_FUNC(fd_fdstat_set_rights, "iII"),
    WASI_FUNC(fd_filestat_get, "ii"),
    WASI_FUNC(fd_filestat_set_size, "iI"),
    WASI_FUNC(fd_filestat_set_times, "iIIi"),
    WASI_FUNC(fd_pread, "iiiIi"),
    WASI_FUNC(fd_prestat_get, "ii"),
    WASI_FUNC(fd_prestat_dir_name, "iii"),
    WASI_FUNC(fd_pwrite, "iiiIi"),
    WASI_FUNC(fd_read, "iiii"),
    WASI_FUNC(fd_readdir, "iiiIi"),
    WASI_FUNC(fd_renumber, "ii"),
    WASI_FUNC(fd_seek, "iIii"),
    WASI_FUNC(fd_sync, "i"),
    WASI_FUNC(fd_tell, "ii"),
    WASI_FUNC(fd_write, "iiii"),
    WASI_FUNC(sock_accept, "iii"),
    WASI_FUNC(sock_recv, "iiiiii"),
    WASI_FUNC(sock_send, "iiiii"),
    WASI_FUNC(sock_shutdown, "ii"),
};
const size_t wasi_fd_funcs_count = sizeof wasi_fd_funcs / sizeof wasi_fd_funcs[0];
