/*
 * w2o-run: runs a WASI command compiled by wasm2obj, straight from its object file.
 *
 *   w2o-run [--dir HOST[::GUEST]]... [--env KEY=VALUE]... [--argv0 NAME] [--] OBJECT.o [ARG...]
 *
 * The object is loaded by the runtime's mmap loader (w2o_load: no linker) and run by
 * w2o_wasi_main: the program's arguments are NAME (by default OBJECT's file name without
 * its .o) then ARG...; its environment holds only the --env pairs; each --dir makes the
 * host directory HOST reachable as GUEST (by default HOST itself); standard input, output
 * and error are this process's. The first argument that is not an option is the object:
 * everything after it goes to the program.
 *
 * Exit status: the program's (see w2o_wasi_main in w2o-wasi.h: its exit code, 134 after a
 * trap, 1 when it cannot run), or 1 for a usage error or an object that cannot be loaded,
 * reported as "w2o-run: error: ...".
 */
#define _POSIX_C_SOURCE 200809L
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "w2o-wasi.h"
#include "w2o.h"

static const char usage[] =
    "usage: w2o-run [--dir HOST[::GUEST]]... [--env KEY=VALUE]... [--argv0 NAME] [--] OBJECT.o [ARG...]\n"
    "\n"
    "Runs a WASI command compiled by wasm2obj from its object file, without a linker.\n"
    "\n"
    "  --dir HOST[::GUEST]  make the host directory HOST reachable as GUEST (default: HOST)\n"
    "  --env KEY=VALUE      add KEY to the program's environment (which is otherwise empty)\n"
    "  --argv0 NAME         the program's argv[0] (default: OBJECT's name without .o)\n"
    "  -h, --help           show this help\n"
    "\n"
    "Exit status: the program's exit code; 134 when it traps (the trap and a backtrace are\n"
    "printed on stderr); 1 when it cannot be loaded or run, or on a usage error.\n";

static int usage_error(const char *fmt, const char *arg) {
  fprintf(stderr, "w2o-run: error: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\n(w2o-run --help for usage)\n");
  return 1;
}

/* OBJECT's file name without directories or a final ".o". */
static char *default_argv0(const char *path) {
  const char *slash = strrchr(path, '/');
  const char *name = slash != NULL ? slash + 1 : path;
  size_t len = strlen(name);
  if (len > 2 && strcmp(name + len - 2, ".o") == 0) len -= 2;
  char *out = malloc(len + 1);
  if (out == NULL) return NULL;
  memcpy(out, name, len);
  out[len] = '\0';
  return out;
}

int main(int argc, char **argv) {
  struct w2o_wasi_preopen *preopens = calloc((size_t)argc, sizeof *preopens);
  char **env = calloc((size_t)argc + 1, sizeof *env);
  char **guest_argv = calloc((size_t)argc + 1, sizeof *guest_argv);
  if (preopens == NULL || env == NULL || guest_argv == NULL) {
    fprintf(stderr, "w2o-run: error: out of memory\n");
    return 1;
  }
  size_t n_preopens = 0, n_env = 0;
  const char *argv0 = NULL;
  int i = 1;
  for (; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(usage, stdout);
      return 0;
    }
    if (strcmp(a, "--") == 0) {
      i++;
      break;
    }
    if (a[0] != '-' || a[1] == '\0') break;
    bool takes_value = strcmp(a, "--dir") == 0 || strcmp(a, "--env") == 0 || strcmp(a, "--argv0") == 0;
    if (!takes_value) return usage_error("unknown option '%s'", a);
    if (i + 1 >= argc) return usage_error("%s needs a value", a);
    char *value = argv[++i];
    if (strcmp(a, "--dir") == 0) {
      char *sep = strstr(value, "::");
      if (sep != NULL) *sep = '\0';
      if (value[0] == '\0' || (sep != NULL && sep[2] == '\0')) return usage_error("bad --dir '%s': HOST[::GUEST]", value);
      preopens[n_preopens].host_path = value;
      preopens[n_preopens].guest_path = sep != NULL ? sep + 2 : value;
      n_preopens++;
    } else if (strcmp(a, "--env") == 0) {
      if (strchr(value, '=') == NULL || value[0] == '=') return usage_error("bad --env '%s': KEY=VALUE", value);
      env[n_env++] = value;
    } else {
      argv0 = value;
    }
  }
  if (i >= argc) return usage_error("%s", "no object file given");
  const char *object = argv[i++];
  char *name = argv0 != NULL ? NULL : default_argv0(object);
  guest_argv[0] = argv0 != NULL ? (char *)argv0 : name;
  int guest_argc = 1;
  for (; i < argc; i++) guest_argv[guest_argc++] = argv[i];

  struct w2o_error err;
  struct w2o_object *obj = w2o_load(object, &err);
  if (obj == NULL) {
    fprintf(stderr, "w2o-run: error: cannot load %s: %s\n", object, err.message);
    return 1;
  }
  struct w2o_wasi_config cfg = {
      .argc = guest_argc, .argv = guest_argv, .envp = env, .preopens = preopens, .n_preopens = n_preopens};
  int status = w2o_wasi_main(w2o_object_descriptor(obj), w2o_object_text(obj), &cfg);
  w2o_object_free(obj);
  free(name);
  free(preopens);
  free(env);
  free(guest_argv);
  return status;
}
