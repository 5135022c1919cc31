/*
 * w2o-wasi.h: WASI preview 1 (`wasi_snapshot_preview1`) for modules compiled by wasm2obj,
 * and the entry point of programs built from WASI commands.
 *
 * A context (struct w2o_wasi) holds what a WASI program sees: its arguments and
 * environment, and a table of descriptors: 0, 1 and 2 are duplicates of the host's
 * standard input, output and error (a closed one is a closed slot), then the preopened
 * directories from 3 on, in order, as wasi-libc finds them through fd_prestat_get. Every
 * preview1 function is provided (see the implementation's list for what each does and
 * what it leaves out); the module's imports are resolved through w2o_wasi_resolve.
 *
 * Capabilities. A file is reachable only through a preopened directory: paths are
 * resolved component by component, each opened without following symbolic links, which
 * are expanded by the runtime; an absolute path, an absolute link, or `..` that would
 * climb above the directory the resolution started from fails with ENOTCAPABLE (76), so
 * no path escapes a preopen. Each descriptor carries WASI rights, which only shrink.
 *
 * Embedding:
 *   struct w2o_wasi *w = w2o_wasi_new(&cfg, &err);
 *   struct w2o_instance *inst = w2o_instantiate(desc, text, w2o_wasi_resolve, w, &err);
 *   w2o_wasi_bind(w, inst, &err);            the instance's memory export "memory"
 *   w2o_invoke(inst, "_initialize", 14, NULL, &trap);    a reactor, once; then its exports
 *   ...
 *   w2o_instance_free(inst); w2o_wasi_free(w);           in this order
 * A call into the module that reaches proc_exit returns W2O_TRAP_HOST_EXIT (w2o.h) from
 * w2o_invoke; w2o_wasi_exit_code then tells the code. (With no guarded call active,
 * proc_exit ends the process with exit(code).)
 *
 * A context serves one instance on one thread at a time.
 */
#ifndef W2O_WASI_H
#define W2O_WASI_H

#include <stddef.h>
#include <stdint.h>

#include "w2o.h"

/* A host directory made reachable as `guest_path` (NULL: the host path). */
struct w2o_wasi_preopen {
  const char *host_path;
  const char *guest_path;
};

/* What the program sees. Everything is copied by w2o_wasi_new. */
struct w2o_wasi_config {
  int argc;
  char **argv; /* argc strings, argv[0] the program's name */
  char **envp; /* "KEY=VALUE" strings, NULL-terminated; NULL: none */
  const struct w2o_wasi_preopen *preopens;
  size_t n_preopens;
};

struct w2o_wasi;

/*
 * Makes a context: copies the arguments and the environment, duplicates the host's
 * standard descriptors and opens the preopened directories. Returns NULL with *err (may be
 * NULL) filled: W2O_ERR_RESOURCE, with the directory and the reason when one cannot be
 * opened.
 */
struct w2o_wasi *w2o_wasi_new(const struct w2o_wasi_config *cfg, struct w2o_error *err);

/*
 * A w2o_resolve_fn (ctx: the struct w2o_wasi *): resolves every function of module
 * "wasi_snapshot_preview1" with its preview1 signature, and nothing else. The function
 * references belong to the context.
 */
int w2o_wasi_resolve(void *wasi, const char *module, size_t module_len, const char *name, size_t name_len,
                     uint32_t kind, struct w2o_extern *out);

/*
 * Binds the context to the instance whose imports it resolved: guest pointers are
 * offsets into its memory export "memory". An instance without one may still run: every
 * call that passes a pointer then fails with EFAULT. Returns 0, or -1 with *err filled
 * (W2O_ERR_LINK) when "memory" is exported but is not a memory.
 */
int w2o_wasi_bind(struct w2o_wasi *w, struct w2o_instance *inst, struct w2o_error *err);

/* Whether the program called proc_exit: 1 with *code set (its argument), else 0. */
int w2o_wasi_exit_code(const struct w2o_wasi *w, uint32_t *code);

/*
 * Runs a bound instance as a program: its "_start" (a command) or, when it has none, its
 * "_initialize" (a reactor). Returns 0 when it ended (returned: *exit_code 0; or called
 * proc_exit: its code), the trap code with *trap (may be NULL) filled when it trapped,
 * or -1 when it exports neither function (as a function without parameters or results).
 */
int w2o_wasi_run(struct w2o_wasi *w, struct w2o_instance *inst, uint32_t *exit_code, struct w2o_trap_info *trap);

/* Closes every descriptor and frees the context. Free the instances it served first.
 * NULL is a no-op. */
void w2o_wasi_free(struct w2o_wasi *w);

/*
 * The program: instantiates the module (its descriptor and text, see w2o_instantiate)
 * with WASI, runs it (w2o_wasi_run) and returns the process exit status:
 *   the code given to proc_exit (its low 8 bits, as the system keeps it),
 *   0 when _start (or a reactor's _initialize) returns,
 *   W2O_WASI_STATUS_TRAP (134) when the module traps: "wasm trap: <message>" and the
 *     backtrace, one frame per line, innermost first, are printed on stderr:
 *        wasm backtrace:
 *          #0 text+0x1c4 main
 *          #1 text+0x2f0 __original_main
 *     (a function without a name is func[<index>]),
 *   W2O_WASI_STATUS_ERROR (1) when it cannot run: a bad descriptor, an unknown or
 *     incompatible import, a directory that cannot be opened, no _start or _initialize;
 *     "error: <reason>" is printed on stderr.
 * 134 is what a shell reports for a native program killed by SIGABRT, as C's abort()
 * becomes a trap in wasm.
 */
int w2o_wasi_main(const void *descriptor, const void *text, const struct w2o_wasi_config *cfg);

#define W2O_WASI_STATUS_TRAP 134
#define W2O_WASI_STATUS_ERROR 1

#endif /* W2O_WASI_H */
