/*
 * What the WASI test programs share. They are built twice, with clang for wasm32-wasi
 * (wasi-libc) and with gcc for the host (glibc), and their outputs are compared, so they
 * print errno as its name (the two libcs word strerror differently) and never print what
 * legitimately differs (addresses, descriptor numbers, times).
 */
#ifndef FIXTURES_WASI_COMMON_H
#define FIXTURES_WASI_COMMON_H

#include <errno.h>
#include <stdio.h>

static const char *errname(int e) {
  switch (e) {
    case 0: return "0";
    case ENOENT: return "ENOENT";
    case EEXIST: return "EEXIST";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case ENOTEMPTY: return "ENOTEMPTY";
    case ELOOP: return "ELOOP";
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case EBADF: return "EBADF";
    case EINVAL: return "EINVAL";
    case EXDEV: return "EXDEV";
    case ESPIPE: return "ESPIPE";
    case EFAULT: return "EFAULT";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case EBUSY: return "EBUSY";
    case ENOTSOCK: return "ENOTSOCK";
#ifdef ENOTCAPABLE
    case ENOTCAPABLE: return "ENOTCAPABLE";
#endif
    default: return "E?";
  }
}

/* Prints "<what>: ok" when the call succeeded (r >= 0), else "<what>: <ERRNO>". */
#define CHECK(what, call)                                                  \
  do {                                                                     \
    errno = 0;                                                             \
    long check_r_ = (long)(call);                                          \
    if (check_r_ >= 0) {                                                   \
      printf("%s: ok\n", what);                                            \
    } else {                                                               \
      printf("%s: %s\n", what, errname(errno));                            \
    }                                                                      \
  } while (0)

#endif
