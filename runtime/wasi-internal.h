/*
 * wasi-internal.h: what the WASI files (wasi.c, wasi-fd.c, wasi-path.c, wasi-process.c)
 * share: the context, the descriptor table, guest memory access, the errno mapping, and
 * the WASI preview1 constants (the values of wasi_snapshot_preview1.witx).
 *
 * Host functions. Each WASI function is a C function that compiled code calls as a wasm
 * function (w2o_host_func): the context first, then the wasm parameters, i32 as uint32_t
 * and i64 as uint64_t; all but proc_exit return an errno (0 on success) as i32. Each file
 * lists its functions in a table of struct wasi_func; wasi.c resolves imports from them.
 *
 * Guest memory. Every pointer a guest passes is an offset into the memory the context is
 * bound to; guest_bytes checks [ptr, ptr + len) against the memory's current size (which
 * grows, while the base never moves) and a function answers EFAULT when it is outside.
 * Nothing outside the memory is ever read or written for the guest. Guest values are
 * little-endian and unaligned: they are read and written with memcpy.
 */
#ifndef W2O_WASI_INTERNAL_H
#define W2O_WASI_INTERNAL_H

#include <dirent.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/uio.h>

#include "internal.h"
#include "w2o-wasi.h"

/* ---- errno (witx `errno`) ---- */

enum {
  WASI_ESUCCESS = 0, WASI_E2BIG = 1, WASI_EACCES = 2, WASI_EADDRINUSE = 3, WASI_EADDRNOTAVAIL = 4,
  WASI_EAFNOSUPPORT = 5, WASI_EAGAIN = 6, WASI_EALREADY = 7, WASI_EBADF = 8, WASI_EBADMSG = 9, WASI_EBUSY = 10,
  WASI_ECANCELED = 11, WASI_ECHILD = 12, WASI_ECONNABORTED = 13, WASI_ECONNREFUSED = 14, WASI_ECONNRESET = 15,
  WASI_EDEADLK = 16, WASI_EDESTADDRREQ = 17, WASI_EDOM = 18, WASI_EDQUOT = 19, WASI_EEXIST = 20, WASI_EFAULT = 21,
  WASI_EFBIG = 22, WASI_EHOSTUNREACH = 23, WASI_EIDRM = 24, WASI_EILSEQ = 25, WASI_EINPROGRESS = 26,
  WASI_EINTR = 27, WASI_EINVAL = 28, WASI_EIO = 29, WASI_EISCONN = 30, WASI_EISDIR = 31, WASI_ELOOP = 32,
  WASI_EMFILE = 33, WASI_EMLINK = 34, WASI_EMSGSIZE = 35, WASI_EMULTIHOP = 36, WASI_ENAMETOOLONG = 37,
  WASI_ENETDOWN = 38, WASI_ENETRESET = 39, WASI_ENETUNREACH = 40, WASI_ENFILE = 41, WASI_ENOBUFS = 42,
  WASI_ENODEV = 43, WASI_ENOENT = 44, WASI_ENOEXEC = 45, WASI_ENOLCK = 46, WASI_ENOLINK = 47, WASI_ENOMEM = 48,
  WASI_ENOMSG = 49, WASI_ENOPROTOOPT = 50, WASI_ENOSPC = 51, WASI_ENOSYS = 52, WASI_ENOTCONN = 53,
  WASI_ENOTDIR = 54, WASI_ENOTEMPTY = 55, WASI_ENOTRECOVERABLE = 56, WASI_ENOTSOCK = 57, WASI_ENOTSUP = 58,
  WASI_ENOTTY = 59, WASI_ENXIO = 60, WASI_EOVERFLOW = 61, WASI_EOWNERDEAD = 62, WASI_EPERM = 63, WASI_EPIPE = 64,
  WASI_EPROTO = 65, WASI_EPROTONOSUPPORT = 66, WASI_EPROTOTYPE = 67, WASI_ERANGE = 68, WASI_EROFS = 69,
  WASI_ESPIPE = 70, WASI_ESRCH = 71, WASI_ESTALE = 72, WASI_ETIMEDOUT = 73, WASI_ETXTBSY = 74, WASI_EXDEV = 75,
  WASI_ENOTCAPABLE = 76,
};

/* The WASI errno of a host errno (EIO for one WASI has no name for). */
uint16_t wasi_errno_of(int host_errno);

/* ---- rights (witx `rights`) ---- */

#define WASI_RIGHT(bit) (UINT64_C(1) << (bit))
#define WASI_RIGHT_FD_DATASYNC WASI_RIGHT(0)
#define WASI_RIGHT_FD_READ WASI_RIGHT(1)
#define WASI_RIGHT_FD_SEEK WASI_RIGHT(2)
#define WASI_RIGHT_FD_FDSTAT_SET_FLAGS WASI_RIGHT(3)
#define WASI_RIGHT_FD_SYNC WASI_RIGHT(4)
#define WASI_RIGHT_FD_TELL WASI_RIGHT(5)
#define WASI_RIGHT_FD_WRITE WASI_RIGHT(6)
#define WASI_RIGHT_FD_ADVISE WASI_RIGHT(7)
#define WASI_RIGHT_FD_ALLOCATE WASI_RIGHT(8)
#define WASI_RIGHT_PATH_CREATE_DIRECTORY WASI_RIGHT(9)
#define WASI_RIGHT_PATH_CREATE_FILE WASI_RIGHT(10)
#define WASI_RIGHT_PATH_LINK_SOURCE WASI_RIGHT(11)
#define WASI_RIGHT_PATH_LINK_TARGET WASI_RIGHT(12)
#define WASI_RIGHT_PATH_OPEN WASI_RIGHT(13)
#define WASI_RIGHT_FD_READDIR WASI_RIGHT(14)
#define WASI_RIGHT_PATH_READLINK WASI_RIGHT(15)
#define WASI_RIGHT_PATH_RENAME_SOURCE WASI_RIGHT(16)
#define WASI_RIGHT_PATH_RENAME_TARGET WASI_RIGHT(17)
#define WASI_RIGHT_PATH_FILESTAT_GET WASI_RIGHT(18)
#define WASI_RIGHT_PATH_FILESTAT_SET_SIZE WASI_RIGHT(19)
#define WASI_RIGHT_PATH_FILESTAT_SET_TIMES WASI_RIGHT(20)
#define WASI_RIGHT_FD_FILESTAT_GET WASI_RIGHT(21)
#define WASI_RIGHT_FD_FILESTAT_SET_SIZE WASI_RIGHT(22)
#define WASI_RIGHT_FD_FILESTAT_SET_TIMES WASI_RIGHT(23)
#define WASI_RIGHT_PATH_SYMLINK WASI_RIGHT(24)
#define WASI_RIGHT_PATH_REMOVE_DIRECTORY WASI_RIGHT(25)
#define WASI_RIGHT_PATH_UNLINK_FILE WASI_RIGHT(26)
#define WASI_RIGHT_POLL_FD_READWRITE WASI_RIGHT(27)
#define WASI_RIGHT_SOCK_SHUTDOWN WASI_RIGHT(28)
#define WASI_RIGHT_SOCK_ACCEPT WASI_RIGHT(29)

/* What applies to a descriptor of each kind; a path_open may ask for more and gets these. */
#define WASI_RIGHTS_FILE                                                                                          \
  (WASI_RIGHT_FD_DATASYNC | WASI_RIGHT_FD_READ | WASI_RIGHT_FD_SEEK | WASI_RIGHT_FD_FDSTAT_SET_FLAGS |            \
   WASI_RIGHT_FD_SYNC | WASI_RIGHT_FD_TELL | WASI_RIGHT_FD_WRITE | WASI_RIGHT_FD_ADVISE | WASI_RIGHT_FD_ALLOCATE | \
   WASI_RIGHT_FD_FILESTAT_GET | WASI_RIGHT_FD_FILESTAT_SET_SIZE | WASI_RIGHT_FD_FILESTAT_SET_TIMES |               \
   WASI_RIGHT_POLL_FD_READWRITE)
#define WASI_RIGHTS_DIRECTORY                                                                                    \
  (WASI_RIGHT_FD_DATASYNC | WASI_RIGHT_FD_FDSTAT_SET_FLAGS | WASI_RIGHT_FD_SYNC | WASI_RIGHT_FD_ADVISE |         \
   WASI_RIGHT_PATH_CREATE_DIRECTORY | WASI_RIGHT_PATH_CREATE_FILE | WASI_RIGHT_PATH_LINK_SOURCE |                \
   WASI_RIGHT_PATH_LINK_TARGET | WASI_RIGHT_PATH_OPEN | WASI_RIGHT_FD_READDIR | WASI_RIGHT_PATH_READLINK |        \
   WASI_RIGHT_PATH_RENAME_SOURCE | WASI_RIGHT_PATH_RENAME_TARGET | WASI_RIGHT_PATH_FILESTAT_GET |                \
   WASI_RIGHT_PATH_FILESTAT_SET_SIZE | WASI_RIGHT_PATH_FILESTAT_SET_TIMES | WASI_RIGHT_FD_FILESTAT_GET |         \
   WASI_RIGHT_FD_FILESTAT_SET_TIMES | WASI_RIGHT_PATH_SYMLINK | WASI_RIGHT_PATH_REMOVE_DIRECTORY |               \
   WASI_RIGHT_PATH_UNLINK_FILE)
#define WASI_RIGHTS_SOCKET (WASI_RIGHTS_FILE | WASI_RIGHT_SOCK_SHUTDOWN | WASI_RIGHT_SOCK_ACCEPT)
/* A terminal: no seek or tell (which is how wasi-libc's isatty recognizes one). */
#define WASI_RIGHTS_TTY (WASI_RIGHTS_FILE & ~(WASI_RIGHT_FD_SEEK | WASI_RIGHT_FD_TELL))

/* ---- other witx enums and flags ---- */

enum {
  WASI_FILETYPE_UNKNOWN = 0, WASI_FILETYPE_BLOCK_DEVICE = 1, WASI_FILETYPE_CHARACTER_DEVICE = 2,
  WASI_FILETYPE_DIRECTORY = 3, WASI_FILETYPE_REGULAR_FILE = 4, WASI_FILETYPE_SOCKET_DGRAM = 5,
  WASI_FILETYPE_SOCKET_STREAM = 6, WASI_FILETYPE_SYMBOLIC_LINK = 7,
};

#define WASI_FDFLAG_APPEND 0x1u
#define WASI_FDFLAG_DSYNC 0x2u
#define WASI_FDFLAG_NONBLOCK 0x4u
#define WASI_FDFLAG_RSYNC 0x8u
#define WASI_FDFLAG_SYNC 0x10u
#define WASI_FDFLAGS_ALL 0x1fu

#define WASI_OFLAG_CREAT 0x1u
#define WASI_OFLAG_DIRECTORY 0x2u
#define WASI_OFLAG_EXCL 0x4u
#define WASI_OFLAG_TRUNC 0x8u

#define WASI_LOOKUP_SYMLINK_FOLLOW 0x1u

#define WASI_FSTFLAG_ATIM 0x1u
#define WASI_FSTFLAG_ATIM_NOW 0x2u
#define WASI_FSTFLAG_MTIM 0x4u
#define WASI_FSTFLAG_MTIM_NOW 0x8u

enum { WASI_CLOCK_REALTIME = 0, WASI_CLOCK_MONOTONIC = 1, WASI_CLOCK_PROCESS_CPUTIME = 2, WASI_CLOCK_THREAD_CPUTIME = 3 };

/* ---- the context ---- */

/* One slot of the descriptor table; guest descriptor n is fds[n]. */
struct wasi_fd {
  int host;                   /* the host descriptor (owned); -1 when the slot is free */
  uint8_t filetype;           /* WASI_FILETYPE_* */
  uint64_t rights_base;       /* what this descriptor allows */
  uint64_t rights_inheriting; /* what descriptors opened through it may get */
  char *preopen;              /* a preopened directory's guest path, else NULL */
  DIR *dir;                   /* fd_readdir's stream (on a duplicate of host), once used */
  uint64_t dir_next;          /* the cookie of the entry `dir` yields next: entries are numbered */
};

/* The host functions, in one table per file: name, code, wasm parameter types ('i' i32,
 * 'I' i64), and whether it returns an errno (all but proc_exit). */
struct wasi_func {
  const char *name;
  void (*code)(void);
  const char *params;
  bool returns_errno;
};
#define WASI_FUNC(name, params) {#name, (void (*)(void))wasi_##name, params, true}

extern const struct wasi_func wasi_fd_funcs[];
extern const size_t wasi_fd_funcs_count;
extern const struct wasi_func wasi_path_funcs[];
extern const size_t wasi_path_funcs_count;
extern const struct wasi_func wasi_process_funcs[];
extern const size_t wasi_process_funcs_count;

/* All three tables, in order: the funcrefs handed out, made on first use. */
#define WASI_MAX_FUNCS 64

struct w2o_wasi {
  uint32_t argc, envc;
  char **argv, **envp;          /* copies, NULL-terminated */
  uint32_t argv_bytes, env_bytes; /* the strings' sizes, NULs included */
  struct wasi_fd *fds;
  uint32_t n_fds;               /* slots in fds; the free ones have host -1 */
  struct w2o_memory *memory;    /* the bound instance's "memory"; NULL: none (EFAULT) */
  bool exited;                  /* proc_exit was called, with exit_code */
  uint32_t exit_code;
  struct w2o_funcref *funcrefs[WASI_MAX_FUNCS];
  struct iovec iov[1024];       /* read/write scatter lists (IOV_MAX on Linux) */
  int *dir_stack;               /* directories open during a path resolution (wasi-path.c) */
  size_t dir_stack_len, dir_stack_cap;
  void *poll_scratch;           /* poll_oneoff's arrays (wasi-process.c), grown as needed */
  size_t poll_scratch_size;
};

/* ---- guest memory ---- */

/* The host address of guest bytes [ptr, ptr + len), or NULL when any is outside the memory. */
static inline uint8_t *guest_bytes(const struct w2o_wasi *w, uint32_t ptr, uint64_t len) {
  const struct w2o_memory *m = w->memory;
  if (m == NULL || (uint64_t)ptr + len > m->size) return NULL;
  return m->base + ptr;
}

static inline uint16_t get_u16(const uint8_t *p) {
  uint16_t v;
  memcpy(&v, p, 2);
  return v;
}
static inline uint32_t get_u32(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}
static inline uint64_t get_u64(const uint8_t *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}
static inline void put_u16(uint8_t *p, uint16_t v) {
  memcpy(p, &v, 2);
}
static inline void put_u32(uint8_t *p, uint32_t v) {
  memcpy(p, &v, 4);
}
static inline void put_u64(uint8_t *p, uint64_t v) {
  memcpy(p, &v, 8);
}

/* Stores a result through a guest pointer: 0, or EFAULT. */
static inline uint16_t store_u32(const struct w2o_wasi *w, uint32_t ptr, uint32_t v) {
  uint8_t *p = guest_bytes(w, ptr, 4);
  if (p == NULL) return WASI_EFAULT;
  put_u32(p, v);
  return 0;
}
static inline uint16_t store_u64(const struct w2o_wasi *w, uint32_t ptr, uint64_t v) {
  uint8_t *p = guest_bytes(w, ptr, 8);
  if (p == NULL) return WASI_EFAULT;
  put_u64(p, v);
  return 0;
}

/* ---- descriptors (wasi-fd.c) ---- */

/* The open descriptor `fd` holding every right in `rights`: 0 with *out set, EBADF when
 * fd is not open, ENOTCAPABLE when a right is missing. */
uint16_t wasi_fd_get(struct w2o_wasi *w, uint32_t fd, uint64_t rights, struct wasi_fd **out);

/* Takes the lowest free slot for host descriptor `host` (owned from then on): 0 with *fd
 * set, or ENOMEM (host is then closed). */
uint16_t wasi_fd_add(struct w2o_wasi *w, int host, uint8_t filetype, uint64_t base, uint64_t inheriting,
                     uint32_t *fd);

/* Closes what a slot holds and frees it. */
void wasi_fd_release(struct wasi_fd *f);

/* The WASI file type of a host mode (st_mode); sockets need the descriptor: host, or -1. */
uint8_t wasi_filetype_of(unsigned mode, int host);

/* The host status flags of WASI fdflags (for open and F_SETFL). */
int wasi_host_fdflags(uint32_t flags);

/* The rights that apply to a descriptor of a file type (`host` tells terminals apart). */
uint64_t wasi_rights_of(uint8_t filetype, int host);

/* Writes a WASI filestat (64 bytes) from a host stat. */
struct stat;
void wasi_put_filestat(uint8_t *out, const struct stat *st);

/* Fills w->iov from a guest iovec array: 0 with *n set, or EFAULT. */
uint16_t wasi_gather_iovecs(struct w2o_wasi *w, uint32_t iovs, uint32_t n_iovs, int *n);

/* The host timespec pair of a *_set_times call: 0, or EINVAL for contradictory flags. */
struct timespec;
uint16_t wasi_times(uint64_t atim, uint64_t mtim, uint32_t fst_flags, struct timespec ts[2]);

#endif /* W2O_WASI_INTERNAL_H */
