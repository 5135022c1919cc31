/* Files: create, write, read, seek, tell, pread, pwrite, truncate, stat, utimens, fsync,
 * append mode, exclusive creation; run in an empty directory that is the program's
 * current directory (natively) or its preopen "." (wasm). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

static void show_stat(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) {
    printf("stat %s: %s\n", path, errname(errno));
    return;
  }
  printf("stat %s: size %lld, regular %d, directory %d, links %lu\n", path, (long long)st.st_size,
         S_ISREG(st.st_mode), S_ISDIR(st.st_mode), (unsigned long)st.st_nlink);
}

static void show_file(const char *path) {
  int fd = open(path, O_RDONLY);
  char buf[256];
  ssize_t n = read(fd, buf, sizeof buf);
  printf("%s holds %zd bytes: ", path, n);
  for (ssize_t i = 0; i < n; i++) putchar(buf[i] == 0 ? '0' : buf[i]);
  putchar('\n');
  close(fd);
}

int main(void) {
  int fd = open("data.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
  printf("open new: %s\n", fd >= 0 ? "ok" : errname(errno));
  printf("write: %zd\n", write(fd, "hello, world\n", 13));
  printf("tell after write: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  printf("seek set 7: %lld\n", (long long)lseek(fd, 7, SEEK_SET));
  char buf[64] = {0};
  printf("read 5: %zd '%.5s'\n", read(fd, buf, 5), buf);
  printf("seek cur -3: %lld\n", (long long)lseek(fd, -3, SEEK_CUR));
  printf("seek end -1: %lld\n", (long long)lseek(fd, -1, SEEK_END));
  CHECK("seek before start", lseek(fd, -100, SEEK_SET));
  printf("seek past end: %lld\n", (long long)lseek(fd, 20, SEEK_SET));
  printf("read past end: %zd\n", read(fd, buf, sizeof buf));
  memset(buf, 0, sizeof buf);
  printf("pread 5 at 0: %zd '%s'\n", pread(fd, buf, 5, 0), buf);
  printf("pwrite at 0: %zd\n", pwrite(fd, "HELLO", 5, 0));
  printf("offset unchanged by pread/pwrite: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  printf("fsync: %d, fdatasync: %d\n", fsync(fd), fdatasync(fd));
  show_file("data.txt");

  /* Writing past the end leaves a hole of zeros. */
  printf("pwrite at 16: %zd\n", pwrite(fd, "!", 1, 16));
  show_file("data.txt");
  printf("ftruncate 5: %d\n", ftruncate(fd, 5));
  show_stat("data.txt");
  printf("ftruncate 8: %d\n", ftruncate(fd, 8));
  show_file("data.txt");
  struct stat st;
  int r = fstat(fd, &st);
  printf("fstat: %d size %lld\n", r, (long long)st.st_size);
  close(fd);

  /* Times: set both, then only the modification time to now. */
  struct timespec times[2] = {{.tv_sec = 1000000000, .tv_nsec = 0}, {.tv_sec = 1234567890, .tv_nsec = 500}};
  printf("utimensat: %d\n", utimensat(AT_FDCWD, "data.txt", times, 0));
  r = stat("data.txt", &st);
  printf("stat: %d\n", r);
  printf("atime %lld mtime %lld.%09ld\n", (long long)st.st_atim.tv_sec, (long long)st.st_mtim.tv_sec,
         (long)st.st_mtim.tv_nsec);
  /* (Debian's wasi-libc of 2022 defines UTIME_NOW and UTIME_OMIT differently in two
   * headers, so only explicit times are compared.) */
  fd = open("data.txt", O_RDONLY);
  struct timespec later[2] = {{.tv_sec = 2000000000, .tv_nsec = 0}, {.tv_sec = 1500000000, .tv_nsec = 7}};
  printf("futimens on a read-only descriptor: %d\n", futimens(fd, later));
  r = fstat(fd, &st);
  printf("fstat: %d atime %lld mtime %lld.%09ld\n", r, (long long)st.st_atim.tv_sec, (long long)st.st_mtim.tv_sec,
         (long)st.st_mtim.tv_nsec);
  CHECK("write to a read-only descriptor", write(fd, "x", 1));
  close(fd);
  CHECK("read from a closed descriptor", read(fd, buf, 1));

  /* Append mode: every write lands at the end, whatever the offset. */
  fd = open("log.txt", O_CREAT | O_WRONLY | O_APPEND, 0644);
  printf("append write: %zd\n", write(fd, "one\n", 4));
  lseek(fd, 0, SEEK_SET);
  printf("append write after seek 0: %zd\n", write(fd, "two\n", 4));
  printf("O_APPEND in flags: %d\n", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
  close(fd);
  show_file("log.txt");

  /* Exclusive creation, and opening what is not there. */
  CHECK("O_EXCL on an existing file", open("log.txt", O_CREAT | O_EXCL | O_WRONLY, 0644));
  CHECK("open a missing file", open("missing.txt", O_RDONLY));
  CHECK("open a file as a directory", open("log.txt", O_RDONLY | O_DIRECTORY));
  CHECK("open under a file", open("log.txt/x", O_RDONLY));

  /* stdio on files. */
  FILE *f = fopen("lines.txt", "w+");
  for (int i = 1; i <= 3; i++) fprintf(f, "line %d\n", i);
  rewind(f);
  char line[32];
  while (fgets(line, sizeof line, f) != NULL) printf("got %s", line);
  printf("ftell at end: %ld\n", ftell(f));
  fclose(f);
  show_stat("lines.txt");
  return 0;
}
