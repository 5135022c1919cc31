/*
 * wasi-path.c: the path_* calls, and resolving guest paths without escaping a directory.
 *
 * The problem. A guest path is relative to a directory descriptor, and the guest may
 * reach only what lies beneath it: not through an absolute path, not through `..`, not
 * through a symbolic link that points elsewhere. The host kernel would follow all three.
 *
 * The algorithm (what cap-std does, in C). The path is walked one component at a time,
 * each directory opened with openat(O_PATH | O_DIRECTORY | O_NOFOLLOW) relative to the one
 * before, so no host path lookup ever crosses more than one component or follows a link.
 * The directories opened so far form a stack above the starting one (w->dir_stack):
 *   - `.` stays; `..` pops, and popping the starting directory is ENOTCAPABLE;
 *   - a component that is a symbolic link (openat says ENOTDIR or ELOOP and readlinkat
 *     succeeds) is replaced by the link's text, which then resolves from the same
 *     directory, as the kernel would: an absolute link is ENOTCAPABLE, a relative one is
 *     held to the same `..` rule, and 40 expansions make ELOOP;
 *   - the last component is not opened: the call does its own operation on it with the
 *     *at() function of its directory and AT_SYMLINK_NOFOLLOW / O_NOFOLLOW. When the call
 *     follows links (lookupflags symlink_follow, or a trailing slash), a last component
 *     that is a link is expanded first, the same way.
 * Since every step is relative to a descriptor already held, a concurrent rename cannot
 * make a resolution escape either. A trailing slash requires a directory (must_be_dir).
 *
 * Invariant: between calls, w->dir_stack is empty; during one, each resolution owns the
 * entries it pushed, released in the reverse order of the resolutions (rename and link
 * hold two).
 */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wasi-internal.h"

#define MAX_LINK_EXPANSIONS 40

/* Where a guest path leads. */
struct resolved {
  int dir;            /* the host directory holding the last component */
  const char *name;   /* the last component: no '/', "." for the directory itself */
  bool must_be_dir;   /* the path ended with '/' */
  size_t stack_base;  /* w->dir_stack[stack_base...] are this resolution's directories */
  char buf[PATH_MAX]; /* the path being resolved; `name` points into it */
};

static void release(struct w2o_wasi *w, struct resolved *r) {
  while (w->dir_stack_len > r->stack_base) close(w->dir_stack[--w->dir_stack_len]);
}

static uint16_t push_dir(struct w2o_wasi *w, int fd) {
  if (w->dir_stack_len == w->dir_stack_cap) {
    size_t cap = w->dir_stack_cap == 0 ? 16 : 2 * w->dir_stack_cap;
    int *grown = realloc(w->dir_stack, cap * sizeof *grown);
    if (grown == NULL) {
      close(fd);
      return WASI_ENOMEM;
    }
    w->dir_stack = grown;
    w->dir_stack_cap = cap;
  }
  w->dir_stack[w->dir_stack_len++] = fd;
  return 0;
}

/* Strips trailing slashes from buf (which does not start with one); true when there were. */
static bool strip_trailing_slashes(char *buf) {
  size_t len = strlen(buf);
  bool stripped = false;
  while (len > 1 && buf[len - 1] == '/') {
    buf[--len] = '\0';
    stripped = true;
  }
  return stripped;
}

/* Puts the link text `link` (n bytes) in place of the component that ends at `end`:
 * buf becomes link + buf[end...]. */
static uint16_t splice_link(struct resolved *r, const char *link, size_t n, size_t end) {
  if (n == 0) return WASI_ENOENT;
  if (link[0] == '/') return WASI_ENOTCAPABLE;
  size_t rest = strlen(r->buf + end);
  if (n + rest >= sizeof r->buf) return WASI_ENAMETOOLONG;
  memmove(r->buf + n, r->buf + end, rest + 1);
  memcpy(r->buf, link, n);
  if (strip_trailing_slashes(r->buf)) r->must_be_dir = true;
  return 0;
}

/* Reads the guest string [ptr, ptr + len) into out (NUL-terminated, `size` bytes). */
static uint16_t read_guest_path(const struct w2o_wasi *w, uint32_t ptr, uint32_t len, char *out, size_t size) {
  const uint8_t *p = guest_bytes(w, ptr, len);
  if (p == NULL) return WASI_EFAULT;
  if (len >= size) return WASI_ENAMETOOLONG;
  if (memchr(p, '\0', len) != NULL) return WASI_EINVAL;
  memcpy(out, p, len);
  out[len] = '\0';
  return 0;
}

/* Resolves the guest path [path, path + len) from descriptor `fd`, which must hold
 * `rights`, following a last component that is a link when `follow` is set. On success
 * the caller releases r once done with r->dir. */
static uint16_t resolve(struct w2o_wasi *w, uint32_t fd, uint64_t rights, uint32_t path, uint32_t len, bool follow,
                        struct resolved *r) {
  struct wasi_fd *f = NULL;
  uint16_t e = wasi_fd_get(w, fd, rights, &f);
  if (e == 0) e = read_guest_path(w, path, len, r->buf, sizeof r->buf);
  if (e != 0) return e;
  if (r->buf[0] == '\0') return WASI_ENOENT;
  if (r->buf[0] == '/') return WASI_ENOTCAPABLE;
  r->stack_base = w->dir_stack_len;
  r->must_be_dir = strip_trailing_slashes(r->buf);
  int cur = f->host;
  int expansions = 0;
  char link[PATH_MAX];
  size_t pos = 0;
  for (;;) {
    while (r->buf[pos] == '/') pos++;
    size_t end = pos;
    while (r->buf[end] != '\0' && r->buf[end] != '/') end++;
    size_t next = end;
    while (r->buf[next] == '/') next++;
    bool last = r->buf[next] == '\0';
    char *comp = r->buf + pos;
    char saved = r->buf[end];
    r->buf[end] = '\0';
    if (strcmp(comp, ".") == 0 || strcmp(comp, "..") == 0) {
      if (comp[1] == '.') {
        if (w->dir_stack_len == r->stack_base) {
          e = WASI_ENOTCAPABLE;
          break;
        }
        close(w->dir_stack[--w->dir_stack_len]);
        cur = w->dir_stack_len > r->stack_base ? w->dir_stack[w->dir_stack_len - 1] : f->host;
      }
      if (last) {
        r->dir = cur;
        r->name = ".";
        return 0;
      }
      pos = next;
      continue;
    }
    ssize_t n = -1;
    if (!last) {
      int sub = openat(cur, comp, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (sub >= 0) {
        e = push_dir(w, sub);
        if (e != 0) break;
        cur = sub;
        pos = next;
        continue;
      }
      int err = errno;
      if (err == ENOTDIR || err == ELOOP) n = readlinkat(cur, comp, link, sizeof link);
      if (n < 0) {
        e = err == ELOOP ? WASI_ENOTDIR : wasi_errno_of(err);
        break;
      }
    } else if (follow || r->must_be_dir) {
      n = readlinkat(cur, comp, link, sizeof link);
    }
    if (n < 0) { /* the last component, as it is */
      r->dir = cur;
      r->name = comp;
      return 0;
    }
    if (++expansions > MAX_LINK_EXPANSIONS) {
      e = WASI_ELOOP;
      break;
    }
    if ((size_t)n == sizeof link) {
      e = WASI_ENAMETOOLONG;
      break;
    }
    r->buf[end] = saved;
    e = splice_link(r, link, (size_t)n, end);
    if (e != 0) break;
    pos = 0;
  }
  release(w, r);
  return e;
}

/* Whether r's last component is a directory: 0 yes, else ENOTDIR or the host's error. */
static uint16_t require_dir(const struct resolved *r) {
  struct stat st;
  if (fstatat(r->dir, r->name, &st, AT_SYMLINK_NOFOLLOW) != 0) return wasi_errno_of(errno);
  return S_ISDIR(st.st_mode) ? 0 : WASI_ENOTDIR;
}

/* ---- opening -------------------------------------------------------------------------- */

static int32_t wasi_path_open(void *ctx, uint32_t fd, uint32_t dirflags, uint32_t path, uint32_t path_len,
                              uint32_t oflags, uint64_t base, uint64_t inheriting, uint32_t fdflags,
                              uint32_t opened) {
  struct w2o_wasi *w = ctx;
  uint64_t needed = WASI_RIGHT_PATH_OPEN | (oflags & WASI_OFLAG_CREAT ? WASI_RIGHT_PATH_CREATE_FILE : 0) |
                    (oflags & WASI_OFLAG_TRUNC ? WASI_RIGHT_PATH_FILESTAT_SET_SIZE : 0);
  /* What a descriptor opened through it may hold: the rights asked for, and those that
   * the synchronized-I/O flags imply. */
  uint64_t asked = base | inheriting | (fdflags & WASI_FDFLAG_DSYNC ? WASI_RIGHT_FD_DATASYNC : 0) |
                   (fdflags & (WASI_FDFLAG_RSYNC | WASI_FDFLAG_SYNC) ? WASI_RIGHT_FD_SYNC : 0);
  struct wasi_fd *dir = NULL;
  uint16_t e = wasi_fd_get(w, fd, needed, &dir);
  if (e == 0 && ((oflags & ~0xfu) != 0 || (fdflags & ~WASI_FDFLAGS_ALL) != 0)) e = WASI_EINVAL;
  if (e == 0 && (asked & ~dir->rights_inheriting) != 0) e = WASI_ENOTCAPABLE;
  if (e == 0 && guest_bytes(w, opened, 4) == NULL) e = WASI_EFAULT;
  if (e != 0) return e;
  /* O_CREAT | O_EXCL never follows a link, even a dangling one (POSIX). */
  bool exclusive = (oflags & WASI_OFLAG_CREAT) && (oflags & WASI_OFLAG_EXCL);
  struct resolved r;
  e = resolve(w, fd, needed, path, path_len, (dirflags & WASI_LOOKUP_SYMLINK_FOLLOW) && !exclusive, &r);
  if (e != 0) return e;
  bool read = base & (WASI_RIGHT_FD_READ | WASI_RIGHT_FD_READDIR);
  bool write = base & (WASI_RIGHT_FD_WRITE | WASI_RIGHT_FD_DATASYNC | WASI_RIGHT_FD_ALLOCATE |
                       WASI_RIGHT_FD_FILESTAT_SET_SIZE);
  int flags = O_CLOEXEC | O_NOFOLLOW | wasi_host_fdflags(fdflags) | (read && write ? O_RDWR : write ? O_WRONLY : O_RDONLY);
  if (oflags & WASI_OFLAG_CREAT) flags |= O_CREAT;
  if (oflags & WASI_OFLAG_EXCL) flags |= O_EXCL;
  if (oflags & WASI_OFLAG_TRUNC) flags |= O_TRUNC;
  if ((oflags & WASI_OFLAG_DIRECTORY) || r.must_be_dir) flags |= O_DIRECTORY;
  int host = openat(r.dir, r.name, flags, 0666);
  int err = errno;
  release(w, &r);
  if (host < 0) return wasi_errno_of(err);
  struct stat st;
  if (fstat(host, &st) != 0) {
    err = errno;
    close(host);
    return wasi_errno_of(err);
  }
  uint8_t type = wasi_filetype_of(st.st_mode, host);
  uint32_t n;
  e = wasi_fd_add(w, host, type, base & wasi_rights_of(type, host), inheriting, &n);
  return e != 0 ? e : store_u32(w, opened, n);
}

/* ---- attributes ----------------------------------------------------------------------- */

static int32_t wasi_path_filestat_get(void *ctx, uint32_t fd, uint32_t lookup, uint32_t path, uint32_t path_len,
                                      uint32_t buf) {
  struct w2o_wasi *w = ctx;
  uint8_t *out = guest_bytes(w, buf, 64);
  struct resolved r;
  uint16_t e = resolve(w, fd, WASI_RIGHT_PATH_FILESTAT_GET, path, path_len, lookup & WASI_LOOKUP_SYMLINK_FOLLOW, &r);
  if (e != 0) return e;
  struct stat st;
  if (fstatat(r.dir, r.name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
    e = wasi_errno_of(errno);
  } else if (r.must_be_dir && !S_ISDIR(st.st_mode)) {
    e = WASI_ENOTDIR;
  } else if (out == NULL) {
    e = WASI_EFAULT;
  } else {
    wasi_put_filestat(out, &st);
  }
  release(w, &r);
  return e;
}

static int32_t wasi_path_filestat_set_times(void *ctx, uint32_t fd, uint32_t lookup, uint32_t path,
                                            uint32_t path_len, uint64_t atim, uint64_t mtim, uint32_t flags) {
  struct w2o_wasi *w = ctx;
  struct timespec ts[2];
  uint16_t e = wasi_times(atim, mtim, flags, ts);
  struct resolved r;
  if (e == 0) {
    e = resolve(w, fd, WASI_RIGHT_PATH_FILESTAT_SET_TIMES, path, path_len, lookup & WASI_LOOKUP_SYMLINK_FOLLOW, &r);
  }
  if (e != 0) return e;
  e = r.must_be_dir ? require_dir(&r) : 0;
  if (e == 0 && utimensat(r.dir, r.name, ts, AT_SYMLINK_NOFOLLOW) != 0) e = wasi_errno_of(errno);
  release(w, &r);
  return e;
}

/* ---- making and removing -------------------------------------------------------------- */

static int32_t wasi_path_create_directory(void *ctx, uint32_t fd, uint32_t path, uint32_t path_len) {
  struct w2o_wasi *w = ctx;
  struct resolved r;
  uint16_t e = resolve(w, fd, WASI_RIGHT_PATH_CREATE_DIRECTORY, path, path_len, false, &r);
  if (e != 0) return e;
  if (mkdirat(r.dir, r.name, 0777) != 0) e = wasi_errno_of(errno);
  release(w, &r);
  return e;
}

static int32_t wasi_path_remove_directory(void *ctx, uint32_t fd, uint32_t path, uint32_t path_len) {
  struct w2o_wasi *w = ctx;
  struct resolved r;
  uint16_t e = resolve(w, fd, WASI_RIGHT_PATH_REMOVE_DIRECTORY, path, path_len, false, &r);
  if (e != 0) return e;
  if (unlinkat(r.dir, r.name, AT_REMOVEDIR) != 0) e = wasi_errno_of(errno);
  release(w, &r);
  return e;
}

static int32_t wasi_path_unlink_file(void *ctx, uint32_t fd, uint32_t path, uint32_t path_len) {
  struct w2o_wasi *w = ctx;
  struct resolved r;
  uint16_t e = resolve(w, fd, WASI_RIGHT_PATH_UNLINK_FILE, path, path_len, false, &r);
  if (e != 0) return e;
  if (r.must_be_dir) { /* "x/": a directory is EISDIR, anything else ENOTDIR */
    e = require_dir(&r);
    if (e == 0) e = WASI_EISDIR;
  } else if (unlinkat(r.dir, r.name, 0) != 0) {
    e = wasi_errno_of(errno);
  }
  release(w, &r);
  return e;
}

static int32_t wasi_path_rename(void *ctx, uint32_t fd, uint32_t old_path, uint32_t old_len, uint32_t new_fd,
                                uint32_t new_path, uint32_t new_len) {
  struct w2o_wasi *w = ctx;
  struct resolved from, to;
  uint16_t e = resolve(w, fd, WASI_RIGHT_PATH_RENAME_SOURCE, old_path, old_len, false, &from);
  if (e != 0) return e;
  e = resolve(w, new_fd, WASI_RIGHT_PATH_RENAME_TARGET, new_path, new_len, false, &to);
  if (e != 0) {
    release(w, &from);
    return e;
  }
  if (from.must_be_dir || to.must_be_dir) e = require_dir(&from);
  if (e == 0 && renameat(from.dir, from.name, to.dir, to.name) != 0) e = wasi_errno_of(errno);
  release(w, &to);
  release(w, &from);
  return e;
}

static int32_t wasi_path_link(void *ctx, uint32_t old_fd, uint32_t old_lookup, uint32_t old_path, uint32_t old_len,
                              uint32_t new_fd, uint32_t new_path, uint32_t new_len) {
  struct w2o_wasi *w = ctx;
  struct resolved from, to;
  uint16_t e = resolve(w, old_fd, WASI_RIGHT_PATH_LINK_SOURCE, old_path, old_len,
                       old_lookup & WASI_LOOKUP_SYMLINK_FOLLOW, &from);
  if (e != 0) return e;
  e = resolve(w, new_fd, WASI_RIGHT_PATH_LINK_TARGET, new_path, new_len, false, &to);
  if (e != 0) {
    release(w, &from);
    return e;
  }
  if (from.must_be_dir || to.must_be_dir) {
    e = require_dir(&from);
    if (e == 0) e = WASI_EPERM; /* hard links to directories: never */
  }
  if (e == 0 && linkat(from.dir, from.name, to.dir, to.name, 0) != 0) e = wasi_errno_of(errno);
  release(w, &to);
  release(w, &from);
  return e;
}

/* ---- symbolic links ------------------------------------------------------------------- */

/* A link's text is not resolved here; it is resolved, under the rules above, when a path
 * goes through it. */
static int32_t wasi_path_symlink(void *ctx, uint32_t old_path, uint32_t old_len, uint32_t fd, uint32_t new_path,
                                 uint32_t new_len) {
  struct w2o_wasi *w = ctx;
  char text[PATH_MAX];
  uint16_t e = read_guest_path(w, old_path, old_len, text, sizeof text);
  struct resolved r;
  if (e == 0) e = resolve(w, fd, WASI_RIGHT_PATH_SYMLINK, new_path, new_len, false, &r);
  if (e != 0) return e;
  if (symlinkat(text, r.dir, r.name) != 0) e = wasi_errno_of(errno);
  release(w, &r);
  return e;
}

static int32_t wasi_path_readlink(void *ctx, uint32_t fd, uint32_t path, uint32_t path_len, uint32_t buf,
                                  uint32_t buf_len, uint32_t bufused) {
  struct w2o_wasi *w = ctx;
  uint8_t *out = guest_bytes(w, buf, buf_len);
  if (out == NULL || guest_bytes(w, bufused, 4) == NULL) return WASI_EFAULT;
  struct resolved r;
  uint16_t e = resolve(w, fd, WASI_RIGHT_PATH_READLINK, path, path_len, false, &r);
  if (e != 0) return e;
  char text[PATH_MAX];
  ssize_t n = readlinkat(r.dir, r.name, text, sizeof text);
  e = n < 0 ? wasi_errno_of(errno) : 0;
  release(w, &r);
  if (e != 0) return e;
  size_t copied = (size_t)n < buf_len ? (size_t)n : buf_len; /* a short buffer gets the text's start */
  memcpy(out, text, copied);
  return store_u32(w, bufused, (uint32_t)copied);
}

const struct wasi_func wasi_path_funcs[] = {
    WASI_FUNC(path_create_directory, "iii"),
    WASI_FUNC(path_filestat_get, "iiiii"),
    WASI_FUNC(path_filestat_set_times, "iiiiIIi"),
    WASI_FUNC(path_link, "iiiiiii"),
    WASI_FUNC(path_open, "iiiiiIIii"),
    WASI_FUNC(path_readlink, "iiiiii"),
    WASI_FUNC(path_remove_directory, "iii"),
    WASI_FUNC(path_rename, "iiiiii"),
    WASI_FUNC(path_symlink, "iiiii"),
    WASI_FUNC(path_unlink_file, "iii"),
};
const size_t wasi_path_funcs_count = sizeof wasi_path_funcs / sizeof wasi_path_funcs[0];
