/* A program as `wasm2obj build` makes one: the object of a WASI command (prefix `prog`)
 * linked with this and the runtime, run by w2o_wasi_main with the process's arguments and
 * environment, the current directory preopened as ".". */
#include "w2o-wasi.h"

extern const unsigned char prog_module[], prog_text[];
extern char **environ;

int main(int argc, char **argv) {
  const struct w2o_wasi_preopen here = {.host_path = ".", .guest_path = "."};
  const struct w2o_wasi_config cfg = {.argc = argc, .argv = argv, .envp = environ, .preopens = &here, .n_preopens = 1};
  return w2o_wasi_main(prog_module, prog_text, &cfg);
}
