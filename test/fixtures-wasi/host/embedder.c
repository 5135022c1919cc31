/* Embeds the reactor (argv[1]: reactor.wasm compiled to an object) through the WASI API:
 * a context, its resolver, binding, _initialize, then exports called one by one. A
 * proc_exit and a trap return control here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "w2o-wasi.h"

#define NAME(s) s, strlen(s)

static void check(int ok, const char *what, const struct w2o_error *err) {
  if (!ok) {
    printf("embedder: %s failed: %s\n", what, err != NULL ? err->message : "");
    exit(2);
  }
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0); /* interleaves with the reactor's own writes */
  if (argc != 2) return 2;
  struct w2o_error err;
  struct w2o_object *obj = w2o_load(argv[1], &err);
  check(obj != NULL, "w2o_load", &err);
  char *guest_argv[] = {"reactor", NULL};
  char *guest_env[] = {"NAME=embedder", NULL};
  struct w2o_wasi_config cfg = {.argc = 1, .argv = guest_argv, .envp = guest_env};
  struct w2o_wasi *w = w2o_wasi_new(&cfg, &err);
  check(w != NULL, "w2o_wasi_new", &err);
  struct w2o_instance *inst =
      w2o_instantiate(w2o_object_descriptor(obj), w2o_object_text(obj), w2o_wasi_resolve, w, &err);
  check(inst != NULL, "w2o_instantiate", &err);
  check(w2o_wasi_bind(w, inst, &err) == 0, "w2o_wasi_bind", &err);
  struct w2o_extern e;
  printf("embedder: exports _start %d, _initialize %d\n", w2o_instance_export(inst, NAME("_start"), &e) == 0,
         w2o_instance_export(inst, NAME("_initialize"), &e) == 0);

  struct w2o_trap_info trap;
  printf("embedder: _initialize -> %d\n", w2o_invoke(inst, NAME("_initialize"), NULL, &trap));
  w2o_val v[2] = {{.i32 = 2}, {.i32 = 40}};
  int rc = w2o_invoke(inst, NAME("add"), v, &trap);
  printf("embedder: add -> %d, result %d\n", rc, v[0].i32);
  printf("embedder: greet -> %d\n", w2o_invoke(inst, NAME("greet"), NULL, &trap));

  uint32_t code = 0;
  printf("embedder: exited before quit %d\n", w2o_wasi_exit_code(w, &code));
  v[0].i32 = 7;
  rc = w2o_invoke(inst, NAME("quit"), v, &trap);
  int exited = w2o_wasi_exit_code(w, &code);
  printf("embedder: quit -> %s (%s), exited %d with %u\n", rc == (int)W2O_TRAP_HOST_EXIT ? "host exit" : "?",
         trap.message, exited, code);

  rc = w2o_invoke(inst, NAME("fail"), NULL, &trap);
  printf("embedder: fail -> %d \"%s\", frames:", rc, trap.message);
  for (uint32_t i = 0; i < trap.n_frames; i++) {
    struct w2o_frame_info f;
    if (w2o_trap_frame(&trap, i, &f) == 0 && f.func_name != NULL) printf(" %s", f.func_name);
  }
  printf("\n");

  w2o_instance_free(inst);
  w2o_wasi_free(w);
  w2o_object_free(obj);
  printf("embedder: done\n");
  return 0;
}
