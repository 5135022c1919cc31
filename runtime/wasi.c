/*
 * wasi.c: the WASI context, import resolution, and running a WASI program.
 *
 * The host functions live in three files, each with its table (wasi-internal.h):
 * wasi-fd.c (descriptors: fd_* and sock_*), wasi-path.c (path_* and the capability-safe
 * path resolution), wasi-process.c (args, environ, clocks, random, poll_oneoff,
 * proc_exit, sched_yield). This file makes and frees contexts, resolves imports from the
 * tables (a funcref per function and context, made on first use), binds a context to its
 * instance's memory, and runs programs: w2o_wasi_run (for embedders) and w2o_wasi_main
 * (what a program built from a WASI command calls), which prints traps with their
 * backtrace.
 *
 * Invariants between public calls: fds[0, n_fds) are the slots, a free one has host -1;
 * the standard descriptors are the context's own duplicates, so a guest closing fd 1
 * closes the duplicate, never the host's stdout.
 */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wasi-internal.h"

#define MODULE_NAME "wasi_snapshot_preview1"

/* ---- errors --------------------------------------------------------------------------- */

uint16_t wasi_errno_of(int e) {
  switch (e) {
    case 0: return WASI_ESUCCESS;
    case E2BIG: return WASI_E2BIG;
    case EACCES: return WASI_EACCES;
    case EADDRINUSE: return WASI_EADDRINUSE;
    case EADDRNOTAVAIL: return WASI_EADDRNOTAVAIL;
    case EAFNOSUPPORT: return WASI_EAFNOSUPPORT;
    case EAGAIN: return WASI_EAGAIN; /* EWOULDBLOCK too */
    case EALREADY: return WASI_EALREADY;
    case EBADF: return WASI_EBADF;
    case EBADMSG: return WASI_EBADMSG;
    case EBUSY: return WASI_EBUSY;
    case ECANCELED: return WASI_ECANCELED;
    case ECHILD: return WASI_ECHILD;
    case ECONNABORTED: return WASI_ECONNABORTED;
    case ECONNREFUSED: return WASI_ECONNREFUSED;
    case ECONNRESET: return WASI_ECONNRESET;
    case EDEADLK: return WASI_EDEADLK;
    case EDESTADDRREQ: return WASI_EDESTADDRREQ;
    case EDOM: return WASI_EDOM;
    case EDQUOT: return WASI_EDQUOT;
    case EEXIST: return WASI_EEXIST;
    case EFAULT: return WASI_EFAULT;
    case EFBIG: return WASI_EFBIG;
    case EHOSTUNREACH: return WASI_EHOSTUNREACH;
    case EIDRM: return WASI_EIDRM;
    case EILSEQ: return WASI_EILSEQ;
    case EINPROGRESS: return WASI_EINPROGRESS;
    case EINTR: return WASI_EINTR;
    case EINVAL: return WASI_EINVAL;
    case EIO: return WASI_EIO;
    case EISCONN: return WASI_EISCONN;
    case EISDIR: return WASI_EISDIR;
    case ELOOP: return WASI_ELOOP;
    case EMFILE: return WASI_EMFILE;
    case EMLINK: return WASI_EMLINK;
    case EMSGSIZE: return WASI_EMSGSIZE;
    case EMULTIHOP: return WASI_EMULTIHOP;
    case ENAMETOOLONG: return WASI_ENAMETOOLONG;
    case ENETDOWN: return WASI_ENETDOWN;
    case ENETRESET: return WASI_ENETRESET;
    case ENETUNREACH: return WASI_ENETUNREACH;
    case ENFILE: return WASI_ENFILE;
    case ENOBUFS: return WASI_ENOBUFS;
    case ENODEV: return WASI_ENODEV;
    case ENOENT: return WASI_ENOENT;
    case ENOEXEC: return WASI_ENOEXEC;
    case ENOLCK: return WASI_ENOLCK;
    case ENOLINK: return WASI_ENOLINK;
    case ENOMEM: return WASI_ENOMEM;
    case ENOMSG: return WASI_ENOMSG;
    case ENOPROTOOPT: return WASI_ENOPROTOOPT;
    case ENOSPC: return WASI_ENOSPC;
    case ENOSYS: return WASI_ENOSYS;
    case ENOTCONN: return WASI_ENOTCONN;
    case ENOTDIR: return WASI_ENOTDIR;
    case ENOTEMPTY: return WASI_ENOTEMPTY;
    case ENOTRECOVERABLE: return WASI_ENOTRECOVERABLE;
    case ENOTSOCK: return WASI_ENOTSOCK;
    case ENOTSUP: return WASI_ENOTSUP; /* EOPNOTSUPP too */
    case ENOTTY: return WASI_ENOTTY;
    case ENXIO: return WASI_ENXIO;
    case EOVERFLOW: return WASI_EOVERFLOW;
    case EOWNERDEAD: return WASI_EOWNERDEAD;
    case EPERM: return WASI_EPERM;
    case EPIPE: return WASI_EPIPE;
    case EPROTO: return WASI_EPROTO;
    case EPROTONOSUPPORT: return WASI_EPROTONOSUPPORT;
    case EPROTOTYPE: return WASI_EPROTOTYPE;
    case ERANGE: return WASI_ERANGE;
    case EROFS: return WASI_EROFS;
    case ESPIPE: return WASI_ESPIPE;
    case ESRCH: return WASI_ESRCH;
    case ESTALE: return WASI_ESTALE;
    case ETIMEDOUT: return WASI_ETIMEDOUT;
    case ETXTBSY: return WASI_ETXTBSY;
    case EXDEV: return WASI_EXDEV;
    default: return WASI_EIO;
  }
}

/* ---- contexts ------------------------------------------------------------------------- */

/* Copies n strings into one NULL-terminated array; *bytes gets their total size with NULs. */
static char **copy_strings(char *const *src, size_t n, uint32_t *bytes) {
  char **out = calloc(n + 1, sizeof *out);
  if (out == NULL) return NULL;
  uint64_t total = 0;
  for (size_t i = 0; i < n; i++) {
    out[i] = strdup(src[i]);
    if (out[i] == NULL) {
      for (size_t k = 0; k < i; k++) free(out[k]);
      free(out);
      return NULL;
    }
    total += strlen(src[i]) + 1;
  }
  if (total > UINT32_MAX) total = UINT32_MAX; /* args_sizes_get then fails with E2BIG */
  *bytes = (uint32_t)total;
  return out;
}

static void free_strings(char **s) {
  if (s == NULL) return;
  for (char **p = s; *p != NULL; p++) free(*p);
  free(s);
}

/* The context's own duplicate of a host standard descriptor, as guest descriptor `fd`. */
static uint16_t add_stdio(struct w2o_wasi *w, int host_fd) {
  int dup = fcntl(host_fd, F_DUPFD_CLOEXEC, 3);
  if (dup < 0) return errno == EBADF ? 0 : wasi_errno_of(errno); /* closed on the host: closed here */
  struct stat st;
  if (fstat(dup, &st) != 0) {
    int e = errno;
    close(dup);
    return wasi_errno_of(e);
  }
  uint8_t type = wasi_filetype_of(st.st_mode, dup);
  struct wasi_fd *f = &w->fds[host_fd];
  f->host = dup;
  f->filetype = type;
  f->rights_base = wasi_rights_of(type, dup);
  f->rights_inheriting = 0;
  return 0;
}

struct w2o_wasi *w2o_wasi_new(const struct w2o_wasi_config *cfg, struct w2o_error *err) {
  if (err != NULL) w2o_error_set(err, W2O_ERR_NONE, "%s", "");
  if (cfg == NULL || cfg->argc < 0 || (cfg->argc > 0 && cfg->argv == NULL) ||
      (cfg->n_preopens > 0 && cfg->preopens == NULL) || cfg->n_preopens > 1u << 20) {
    w2o_error_set(err, W2O_ERR_RESOURCE, "bad WASI configuration");
    return NULL;
  }
  struct w2o_wasi *w = calloc(1, sizeof *w);
  if (w == NULL) goto oom;
  size_t envc = 0;
  while (cfg->envp != NULL && cfg->envp[envc] != NULL) envc++;
  w->argc = (uint32_t)cfg->argc;
  w->envc = (uint32_t)envc;
  w->argv = copy_strings(cfg->argv, (size_t)cfg->argc, &w->argv_bytes);
  w->envp = copy_strings(cfg->envp, envc, &w->env_bytes);
  w->n_fds = (uint32_t)(3 + cfg->n_preopens);
  w->fds = calloc(w->n_fds, sizeof *w->fds);
  if (w->argv == NULL || w->envp == NULL || w->fds == NULL) goto oom;
  for (uint32_t i = 0; i < w->n_fds; i++) w->fds[i].host = -1;
  for (int i = 0; i < 3; i++) {
    uint16_t e = add_stdio(w, i);
    if (e != 0) {
      w2o_error_set(err, W2O_ERR_RESOURCE, "cannot duplicate standard descriptor %d: WASI errno %u", i, (unsigned)e);
      goto out;
    }
  }
  for (size_t i = 0; i < cfg->n_preopens; i++) {
    const struct w2o_wasi_preopen *p = &cfg->preopens[i];
    const char *guest = p->guest_path != NULL ? p->guest_path : p->host_path;
    if (p->host_path == NULL) {
      w2o_error_set(err, W2O_ERR_RESOURCE, "preopen %zu has no host path", i);
      goto out;
    }
    int host = open(p->host_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (host < 0) {
      w2o_error_set(err, W2O_ERR_RESOURCE, "cannot open directory '%s': %s", p->host_path, strerror(errno));
      goto out;
    }
    struct wasi_fd *f = &w->fds[3 + i];
    f->host = host;
    f->filetype = WASI_FILETYPE_DIRECTORY;
    f->rights_base = WASI_RIGHTS_DIRECTORY;
    f->rights_inheriting = WASI_RIGHTS_DIRECTORY | WASI_RIGHTS_SOCKET;
    f->preopen = strdup(guest);
    if (f->preopen == NULL) goto oom;
  }
  return w;
oom:
  w2o_error_set(err, W2O_ERR_RESOURCE, "out of memory");
out:
  w2o_wasi_free(w);
  return NULL;
}

void w2o_wasi_free(struct w2o_wasi *w) {
  if (w == NULL) return;
  for (uint32_t i = 0; i < w->n_fds; i++) wasi_fd_release(&w->fds[i]);
  free(w->fds);
  free_strings(w->argv);
  free_strings(w->envp);
  for (size_t i = 0; i < WASI_MAX_FUNCS; i++) w2o_host_func_free(w->funcrefs[i]);
  free(w->dir_stack);
  free(w->poll_scratch);
  free(w);
}

/* ---- imports -------------------------------------------------------------------------- */

/* A C function's address as the data pointer w2o_host_func takes. */
static void *code_address(void (*fn)(void)) {
  void *p;
  _Static_assert(sizeof p == sizeof fn, "function and data pointers differ in size");
  memcpy(&p, &fn, sizeof p);
  return p;
}

/* The function of that name across the three tables: its index, or -1. */
static int find_func(const char *name, size_t len, const struct wasi_func **out) {
  const struct {
    const struct wasi_func *funcs;
    size_t count;
  } tables[] = {
      {wasi_fd_funcs, wasi_fd_funcs_count},
      {wasi_path_funcs, wasi_path_funcs_count},
      {wasi_process_funcs, wasi_process_funcs_count},
  };
  int index = 0;
  for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
    for (size_t i = 0; i < tables[t].count; i++, index++) {
      const struct wasi_func *f = &tables[t].funcs[i];
      if (strlen(f->name) == len && memcmp(f->name, name, len) == 0) {
        *out = f;
        return index;
      }
    }
  }
  return -1;
}

int w2o_wasi_resolve(void *ctx, const char *module, size_t module_len, const char *name, size_t name_len,
                     uint32_t kind, struct w2o_extern *out) {
  (void)kind; /* a function is answered whatever was asked: a wrong kind is a link error */
  struct w2o_wasi *w = ctx;
  if (module_len != strlen(MODULE_NAME) || memcmp(module, MODULE_NAME, module_len) != 0) return -1;
  const struct wasi_func *f = NULL;
  int index = find_func(name, name_len, &f);
  if (index < 0 || index >= WASI_MAX_FUNCS) return -1;
  if (w->funcrefs[index] == NULL) {
    uint8_t params[16];
    size_t n = strlen(f->params);
    for (size_t i = 0; i < n; i++) params[i] = f->params[i] == 'I' ? 0x7e : 0x7f;
    static const uint8_t i32_result[1] = {0x7f};
    w->funcrefs[index] = w2o_host_func(code_address(f->code), w, params, n, i32_result, f->returns_errno ? 1 : 0);
    if (w->funcrefs[index] == NULL) return -1;
  }
  memset(out, 0, sizeof *out);
  out->kind = W2O_EXTERN_FUNC;
  out->u.func = w->funcrefs[index];
  return 0;
}

int w2o_wasi_bind(struct w2o_wasi *w, struct w2o_instance *inst, struct w2o_error *err) {
  struct w2o_extern e;
  w->memory = NULL;
  if (w2o_instance_export(inst, "memory", 6, &e) != 0) return 0;
  if (e.kind != W2O_EXTERN_MEMORY) {
    w2o_error_set(err, W2O_ERR_LINK, "the export \"memory\" is not a memory");
    return -1;
  }
  w->memory = e.u.memory;
  return 0;
}

int w2o_wasi_exit_code(const struct w2o_wasi *w, uint32_t *code) {
  if (!w->exited) return 0;
  *code = w->exit_code;
  return 1;
}

/* ---- running programs ----------------------------------------------------------------- */

/* Whether the instance exports `name` as a function without parameters or results. */
static bool has_entry(const struct w2o_instance *inst, const char *name) {
  const uint8_t *params, *results;
  size_t n_params, n_results;
  return w2o_export_func_type(inst, name, strlen(name), &params, &n_params, &results, &n_results) == 0 &&
         n_params == 0 && n_results == 0;
}

int w2o_wasi_run(struct w2o_wasi *w, struct w2o_instance *inst, uint32_t *exit_code, struct w2o_trap_info *trap) {
  const char *entry = has_entry(inst, "_start") ? "_start" : has_entry(inst, "_initialize") ? "_initialize" : NULL;
  if (entry == NULL) return -1;
  struct w2o_trap_info local;
  if (trap == NULL) trap = &local;
  int rc = w2o_invoke(inst, entry, strlen(entry), NULL, trap);
  if (rc < 0) return -1; /* no trampoline for the type: cannot be called */
  if (rc == (int)W2O_TRAP_HOST_EXIT && w->exited) {
    *exit_code = w->exit_code;
    return 0;
  }
  if (rc == 0) *exit_code = 0;
  return rc;
}

/* "wasm trap: <message>" and the backtrace, on stderr. `desc` names unnamed functions of
 * the module by their index. */
static void print_trap(const struct w2o_trap_info *trap, const struct w2o_module_desc *desc, const void *text) {
  fprintf(stderr, "wasm trap: %s\n", trap->message != NULL ? trap->message : "unknown trap");
  bool header = false;
  for (uint32_t i = 0; i < trap->n_frames; i++) {
    struct w2o_frame_info f;
    if (w2o_trap_frame(trap, i, &f) != 0 || f.func_index == W2O_NO_FUNC) continue; /* gone, or a trampoline */
    if (!header) fprintf(stderr, "wasm backtrace:\n");
    header = true;
    if (f.func_name != NULL) {
      fprintf(stderr, "  #%u text+0x%x %s\n", i, f.text_offset, f.func_name);
    } else if (f.text_start == text) {
      fprintf(stderr, "  #%u text+0x%x func[%u]\n", i, f.text_offset, desc->num_imported_funcs + f.func_index);
    } else {
      fprintf(stderr, "  #%u text+0x%x ?\n", i, f.text_offset);
    }
  }
  if (trap->n_frames == W2O_MAX_BACKTRACE) fprintf(stderr, "  ... (no more than %d frames are kept)\n", W2O_MAX_BACKTRACE);
}

int w2o_wasi_main(const void *descriptor, const void *text, const struct w2o_wasi_config *cfg) {
  struct w2o_error err;
  struct w2o_wasi *w = w2o_wasi_new(cfg, &err);
  if (w == NULL) {
    fprintf(stderr, "error: %s\n", err.message);
    return W2O_WASI_STATUS_ERROR;
  }
  int status = W2O_WASI_STATUS_ERROR;
  uint32_t code = 0;
  struct w2o_instance *inst = w2o_instantiate(descriptor, text, w2o_wasi_resolve, w, &err);
  if (inst == NULL) {
    if (err.kind != W2O_ERR_TRAP) {
      fprintf(stderr, "error: %s\n", err.message);
    } else if (err.trap.code == W2O_TRAP_HOST_EXIT && w2o_wasi_exit_code(w, &code)) {
      status = (int)(code & 0xff); /* the start function called proc_exit */
    } else {
      print_trap(&err.trap, descriptor, text);
      status = W2O_WASI_STATUS_TRAP;
    }
    w2o_wasi_free(w);
    return status;
  }
  struct w2o_trap_info trap;
  if (w2o_wasi_bind(w, inst, &err) != 0) {
    fprintf(stderr, "error: %s\n", err.message);
  } else {
    int rc = w2o_wasi_run(w, inst, &code, &trap);
    if (rc == 0) {
      status = (int)(code & 0xff);
    } else if (rc < 0) {
      fprintf(stderr, "error: the module exports neither _start nor _initialize (as functions without "
                      "parameters or results)\n");
    } else {
      print_trap(&trap, descriptor, text);
      status = W2O_WASI_STATUS_TRAP;
    }
  }
  w2o_instance_free(inst);
  w2o_wasi_free(w);
  return status;
}
