/* Directories and links: mkdir, rmdir, readdir (sorted), rename, unlink, symlink,
 * readlink, link, in an empty current directory (the preopen "." for wasm). */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static char type_letter(unsigned char t) {
  switch (t) {
    case DT_REG: return 'f';
    case DT_DIR: return 'd';
    case DT_LNK: return 'l';
    default: return '?';
  }
}

/* The entries of a directory, sorted, each with its type letter. */
static void list(const char *path) {
  DIR *d = opendir(path);
  if (d == NULL) {
    printf("opendir %s: %s\n", path, errname(errno));
    return;
  }
  char *names[64];
  int n = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL && n < 64;) {
    char *s = malloc(strlen(e->d_name) + 3);
    sprintf(s, "%s:%c", e->d_name, type_letter(e->d_type));
    names[n++] = s;
  }
  closedir(d);
  qsort(names, (size_t)n, sizeof names[0], by_name);
  printf("%s:", path);
  for (int i = 0; i < n; i++) {
    printf(" %s", names[i]);
    free(names[i]);
  }
  printf("\n");
}

static void write_file(const char *path, const char *text) {
  int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  if (fd < 0 || write(fd, text, strlen(text)) < 0) printf("write %s: %s\n", path, errname(errno));
  close(fd);
}

static void show_link(const char *path) {
  char buf[64];
  ssize_t n = readlink(path, buf, sizeof buf - 1);
  if (n < 0) {
    printf("readlink %s: %s\n", path, errname(errno));
    return;
  }
  buf[n] = '\0';
  printf("readlink %s: '%s'\n", path, buf);
}

static void show_kind(const char *path) {
  struct stat st, lst;
  int s = stat(path, &st), l = lstat(path, &lst);
  printf("%s: stat %s%s, lstat %s%s\n", path, s == 0 ? "ok" : errname(errno),
         s == 0 ? (S_ISDIR(st.st_mode) ? " dir" : S_ISREG(st.st_mode) ? " file" : " other") : "",
         l == 0 ? "ok" : "failed", l == 0 ? (S_ISLNK(lst.st_mode) ? " link" : S_ISDIR(lst.st_mode) ? " dir" : " file") : "");
}

int main(void) {
  CHECK("mkdir a", mkdir("a", 0755));
  CHECK("mkdir a/b", mkdir("a/b", 0755));
  CHECK("mkdir a again", mkdir("a", 0755));
  CHECK("mkdir x/y (no x)", mkdir("x/y", 0755));
  CHECK("mkdir with a trailing slash", mkdir("c/", 0755));
  write_file("a/one.txt", "1");
  write_file("a/b/two.txt", "22");
  write_file("top.txt", "top");
  list(".");
  list("a");
  list("a/b");
  list("./a/b/../b/");
  list("missing");

  CHECK("rmdir a (not empty)", rmdir("a"));
  CHECK("rmdir a file", rmdir("top.txt"));
  CHECK("unlink a directory", unlink("a/b"));
  CHECK("unlink a file with a trailing slash", unlink("top.txt/"));
  CHECK("rename a/one.txt -> a/b/uno.txt", rename("a/one.txt", "a/b/uno.txt"));
  CHECK("rename a missing file", rename("a/none", "a/other"));
  CHECK("rename a directory over a file", rename("c", "top.txt"));
  write_file("c/inside", "x");
  CHECK("rename a file over a non-empty directory", rename("top.txt", "c"));
  CHECK("rename a directory", rename("c", "d"));
  list(".");
  list("a/b");

  /* Symbolic links. */
  CHECK("symlink to a file", symlink("a/b/two.txt", "to-two"));
  CHECK("symlink to a directory", symlink("a/b", "to-b"));
  CHECK("dangling symlink", symlink("nowhere", "dangling"));
  CHECK("symlink loop 1", symlink("loop2", "loop1"));
  CHECK("symlink loop 2", symlink("loop1", "loop2"));
  CHECK("symlink over an existing name", symlink("x", "top.txt"));
  show_link("to-two");
  show_link("to-b");
  show_link("top.txt");
  show_kind("to-two");
  show_kind("to-b");
  show_kind("dangling");
  show_kind("to-b/uno.txt");
  CHECK("open through a loop", open("loop1", O_RDONLY));
  CHECK("open a link with O_NOFOLLOW", open("to-two", O_RDONLY | O_NOFOLLOW));
  int fd = open("to-b/two.txt", O_RDONLY);
  char buf[8] = {0};
  printf("read through a linked directory: %zd '%s'\n", read(fd, buf, sizeof buf - 1), buf);
  close(fd);
  CHECK("create through a dangling link", open("dangling", O_CREAT | O_WRONLY, 0644));
  show_kind("nowhere");
  CHECK("O_EXCL on a dangling link", open("loop1", O_CREAT | O_EXCL | O_WRONLY, 0644));
  list(".");

  /* Hard links. */
  CHECK("link a file", link("a/b/two.txt", "two-again"));
  struct stat st;
  int r = stat("two-again", &st);
  printf("stat two-again: %d links %lu size %lld\n", r, (unsigned long)st.st_nlink, (long long)st.st_size);
  CHECK("link over an existing name", link("top.txt", "two-again"));
  CHECK("link a directory", link("a", "a2"));
  CHECK("unlink the link", unlink("two-again"));
  r = stat("a/b/two.txt", &st);
  printf("stat a/b/two.txt: %d links %lu\n", r, (unsigned long)st.st_nlink);

  /* A directory larger than one fd_readdir buffer: entries come in several calls, the
   * last of each cut short and asked for again. */
  CHECK("mkdir many", mkdir("many", 0755));
  char name[128];
  for (int i = 0; i < 400; i++) {
    snprintf(name, sizeof name, "many/a-rather-long-file-name-to-fill-buffers-quickly-%03d", i);
    close(open(name, O_CREAT | O_WRONLY, 0644));
  }
  DIR *d = opendir("many");
  int count = 0;
  unsigned sum = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    count++;
    for (const char *p = e->d_name; *p; p++) sum += (unsigned char)*p;
  }
  printf("many: %d entries, name bytes sum %u\n", count, sum);
  rewinddir(d);
  int again = 0;
  while (readdir(d) != NULL) again++;
  printf("many after rewinddir: %d entries\n", again);
  closedir(d);
  for (int i = 0; i < 400; i++) {
    snprintf(name, sizeof name, "many/a-rather-long-file-name-to-fill-buffers-quickly-%03d", i);
    if (unlink(name) != 0) printf("unlink %s: %s\n", name, errname(errno));
  }
  CHECK("rmdir many", rmdir("many"));

  /* Clean up everything: the directory ends empty. */
  const char *files[] = {"to-two", "to-b", "dangling", "nowhere", "loop1", "loop2", "a/b/two.txt", "a/b/uno.txt",
                         "d/inside", "top.txt"};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) CHECK(files[i], unlink(files[i]));
  CHECK("rmdir a/b/", rmdir("a/b/"));
  CHECK("rmdir a", rmdir("a"));
  CHECK("rmdir d", rmdir("d"));
  CHECK("rmdir .", rmdir("."));
  list(".");
  return 0;
}
