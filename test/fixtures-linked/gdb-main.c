/*
 * The host of test/debug-gdb.test.ts: instantiates both wasm modules through their
 * generated headers and calls their exports directly, so that gdb, stopped in the
 * innermost wasm function, sees wasm frames all the way down to this main.
 * dbg: run(4) = outer(4) + 5 = (middle(8) - 1) + 5 = ((leaf(9) + 2) - 1) + 5 = 28 + 6 = 34.
 * chain: entry(4) = (4 + 1) * 2 + 3 = 13.
 */
#include <stdio.h>

#include "chain.h"
#include "dbg.h"

int main(void) {
  struct w2o_error err;
  struct w2o_instance *dbg = dbg_instantiate(NULL, NULL, &err);
  if (dbg == NULL) {
    printf("dbg: %s\n", err.message);
    return 1;
  }
  struct w2o_instance *chain = chain_instantiate(NULL, NULL, &err);
  if (chain == NULL) {
    printf("chain: %s\n", err.message);
    return 1;
  }
  printf("run(4) = %d\n", dbg_run(w2o_instance_vmctx(dbg), 4));
  printf("entry(4) = %d\n", chain_entry(w2o_instance_vmctx(chain), 4));
  w2o_instance_free(chain);
  w2o_instance_free(dbg);
  return 0;
}
