/* Capabilities: nothing outside the preopened directory is reachable, through `..`, an
 * absolute path, or a symbolic link, whichever call tries. argv[1] is the host path of a
 * directory beside the preopen holding secret.txt. The directory holds sub/inner.txt.
 * wasm only: a native build would reach everything, so the test compares with expected
 * lines written by hand. The end calls WASI directly with bad arguments. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

#include "common.h"

static void try_open(const char *path, int flags) {
  int fd = open(path, flags, 0644);
  if (fd < 0) {
    printf("open %s: %s\n", path, errname(errno));
    return;
  }
  char buf[64] = {0};
  ssize_t n = read(fd, buf, sizeof buf - 1);
  printf("open %s: ok, read %zd '%s'\n", path, n, n > 0 ? buf : "");
  close(fd);
}

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  char abs_secret[512];
  snprintf(abs_secret, sizeof abs_secret, "%s/secret.txt", argv[1]);

  /* Links the program makes itself: making them is allowed, going through them is not. */
  CHECK("symlink rel -> ../outside", symlink("../outside", "rel"));
  CHECK("symlink abs -> the outside directory", symlink(argv[1], "abs"));
  CHECK("symlink leak -> the secret", symlink(abs_secret, "leak"));
  CHECK("symlink up -> sub/../..", symlink("sub/../..", "up"));
  CHECK("symlink here -> sub/..", symlink("sub/..", "here"));
  CHECK("symlink inner -> sub/inner.txt", symlink("sub/inner.txt", "inner"));

  printf("-- inside\n");
  try_open("sub/inner.txt", O_RDONLY);
  try_open("sub/../sub/./inner.txt", O_RDONLY);
  try_open("inner", O_RDONLY);
  try_open("here/sub/inner.txt", O_RDONLY);
  try_open("here/here/inner", O_RDONLY);

  printf("-- escapes\n");
  try_open("../outside/secret.txt", O_RDONLY);
  try_open("sub/../../outside/secret.txt", O_RDONLY);
  try_open("rel/secret.txt", O_RDONLY);
  try_open("abs/secret.txt", O_RDONLY);
  try_open("leak", O_RDONLY);
  try_open("up/outside/secret.txt", O_RDONLY);
  try_open("here/../outside/secret.txt", O_RDONLY);
  try_open("abs/created.txt", O_CREAT | O_WRONLY);
  try_open("rel/created.txt", O_CREAT | O_WRONLY);
  struct stat st;
  CHECK("stat rel", stat("rel", &st));
  CHECK("lstat rel", lstat("rel", &st));
  char text[64] = {0};
  CHECK("readlink rel", readlink("rel", text, sizeof text - 1));
  printf("rel reads '%s'\n", text);
  DIR *d = opendir("rel");
  printf("opendir rel: %s\n", d != NULL ? "ok" : errname(errno));
  CHECK("mkdir rel/new", mkdir("rel/new", 0755));
  CHECK("mkdir ../new", mkdir("../new", 0755));
  CHECK("unlink rel/secret.txt", unlink("rel/secret.txt"));
  CHECK("rename into rel", rename("sub/inner.txt", "rel/stolen.txt"));
  CHECK("rename out of rel", rename("rel/secret.txt", "stolen.txt"));
  CHECK("link to abs/secret.txt", link("abs/secret.txt", "stolen.txt"));
  CHECK("symlink inside rel", symlink("x", "rel/planted"));

  printf("-- absolute paths name the preopen's own tree\n");
  try_open("/etc/passwd", O_RDONLY);
  try_open(abs_secret, O_RDONLY);
  try_open("/sub/inner.txt", O_RDONLY);

  printf("-- WASI called directly\n");
  __wasi_fd_t fd;
  printf("path_open /etc/passwd: %d\n", __wasi_path_open(3, 0, "/etc/passwd", 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd));
  printf("path_open ../outside: %d\n", __wasi_path_open(3, 0, "../outside", 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd));
  printf("path_open rel/secret.txt: %d\n",
         __wasi_path_open(3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "rel/secret.txt", 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd));
  printf("path_open rel, not following: %d\n", __wasi_path_open(3, 0, "rel", 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd));
  printf("path_open asking for an unknown right: %d\n",
         __wasi_path_open(3, 0, "sub/inner.txt", 0, (__wasi_rights_t)1 << 40, 0, 0, &fd));
  printf("path_filestat_get following rel: %d\n",
         __wasi_path_filestat_get(3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "rel", (__wasi_filestat_t *)text));

  /* Rights only shrink. */
  int out = open("log.txt", O_CREAT | O_WRONLY, 0644);
  __wasi_fdstat_t stat;
  __wasi_errno_t e = __wasi_fd_fdstat_get(out, &stat);
  printf("fdstat_get: %d, can write %d\n", e, (stat.fs_rights_base & __WASI_RIGHTS_FD_WRITE) != 0);
  printf("drop fd_write: %d\n",
         __wasi_fd_fdstat_set_rights(out, stat.fs_rights_base & ~__WASI_RIGHTS_FD_WRITE, stat.fs_rights_inheriting));
  __wasi_ciovec_t iov = {.buf = (const uint8_t *)"x", .buf_len = 1};
  __wasi_size_t n;
  printf("fd_write without the right: %d\n", __wasi_fd_write(out, &iov, 1, &n));
  printf("take fd_write back: %d\n",
         __wasi_fd_fdstat_set_rights(out, stat.fs_rights_base, stat.fs_rights_inheriting));
  printf("dir: drop path_open: %d\n", __wasi_fd_fdstat_set_rights(3, __WASI_RIGHTS_FD_READDIR, 0));
  printf("path_open without the right: %d\n", __wasi_path_open(3, 0, "sub", 0, 0, 0, 0, &fd));

  /* Pointers outside the memory. */
  const __wasi_ciovec_t *far = (const __wasi_ciovec_t *)0xfffffff0u;
  printf("fd_write, iovecs outside memory: %d\n", __wasi_fd_write(1, far, 1, &n));
  __wasi_ciovec_t big = {.buf = (const uint8_t *)"x", .buf_len = 0x7fffffffu};
  printf("fd_write, a buffer past the end: %d\n", __wasi_fd_write(1, &big, 1, &n));
  printf("args_sizes_get, result outside memory: %d\n",
         __wasi_args_sizes_get((__wasi_size_t *)0xfffffffcu, (__wasi_size_t *)0xfffffffcu));
  printf("random_get, buffer past the end: %d\n", __wasi_random_get((uint8_t *)0xffff0000u, 0x10000));
  printf("clock_time_get, result outside memory: %d\n", __wasi_clock_time_get(0, 1, (__wasi_timestamp_t *)0xfffffff9u));

  /* Descriptors that are not, and calls that do not apply. */
  printf("fd_close 999: %d\n", __wasi_fd_close(999));
  printf("fd_prestat_get 0: %d\n", __wasi_fd_prestat_get(0, (__wasi_prestat_t *)text));
  printf("sock_shutdown on a file: %d\n", __wasi_sock_shutdown(out, __WASI_SDFLAGS_WR));
  printf("sock_accept on a directory: %d\n", __wasi_sock_accept(3, 0, &fd));
  printf("sock_send on 999: %d\n", __wasi_sock_send(999, &iov, 1, 0, &n));
  printf("clock_res_get of clock 9: %d\n", __wasi_clock_res_get(9, (__wasi_timestamp_t *)text));
  printf("poll_oneoff with no subscriptions: %d\n",
         __wasi_poll_oneoff((const __wasi_subscription_t *)text, (__wasi_event_t *)text, 0, &n));
  printf("fd_renumber onto a closed descriptor: %d\n", __wasi_fd_renumber(out, 999));
  printf("fd_seek with whence 7: %d\n", __wasi_fd_seek(out, 0, 7, (__wasi_filesize_t *)text));
  return 0;
}
