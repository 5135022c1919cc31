/*
 * w2o-spec-host: runs the modules of one WebAssembly spec script for `wasm2obj wast`
 * (src/wast/), which compiles each module to an object file and drives this program
 * through a line protocol on stdin/stdout, one request line in, one answer line out.
 *
 * Strings travel as `x` followed by the hex of their bytes (`x` alone is the empty
 * string), so names may hold any byte. Values are `TYPE:BITS`, the bits in lower-case hex
 * of fixed width: `i32:0000002a`, `i64:...` (16 digits), `f32:3f800000`, `f64:...`,
 * `v128:...` (32 digits: the 16 bytes in memory order, lane 0's first); and
 * `funcref:null`, `funcref:pHEX` (a non-null function reference, as a result only),
 * `externref:null`, `externref:N` (the host reference `ref.extern N`, decimal), and, as a
 * result only, `externref:?HEX` for a non-null reference this host never made.
 *
 *   (on start)                 ready w2o-spec-host 1
 *   module ID xPATH            ok | error KIND CODE xMESSAGE
 *                              loads the object at PATH (w2o_load) and instantiates it as
 *                              instance ID; KIND is bad_module, link, trap or resource;
 *                              CODE is the trap code for a trap, else 0
 *   register xNAME ID          ok | error other 0 xMESSAGE
 *                              instance ID's exports become importable as module NAME
 *   invoke ID xNAME VALUE...   ok VALUE... | trap CODE xMESSAGE xFUNCTION | error other 0 xMESSAGE
 *   get ID xNAME               ok VALUE | error other 0 xMESSAGE      (a global export)
 *   free ID                    ok | error other 0 xMESSAGE
 *                              frees instance ID and its object; the client knows that
 *                              nothing can reach it (it imports nothing, is not registered)
 *
 * End of input ends the program. The `spectest` module is built in: print, print_i32,
 * print_i64, print_f32, print_f64, print_i32_f32, print_f64_f64 (silent, unless
 * W2O_SPEC_HOST_PRINT is set: then they print to stderr), global_i32 = 666,
 * global_i64 = 666, global_f32 = 666.6, global_f64 = 666.6 (immutable), table (10..20
 * funcref) and memory (1..2 pages). `ref.extern N` is a distinct non-null pointer per N,
 * mapped back to N in results.
 *
 * A request that breaks the protocol is answered `error other 0 ...`. A crash of this
 * program is a bug (of the runtime or the compiled code); the runner restarts it.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "w2o.h"

#define PROTOCOL_GREETING "ready w2o-spec-host 1"

/* ---- small utilities ------------------------------------------------------------------ */

static void die(const char *what) {
  fprintf(stderr, "w2o-spec-host: %s: %s\n", what, strerror(errno));
  exit(2);
}

static void *xmalloc(size_t n) {
  void *p = malloc(n == 0 ? 1 : n);
  if (p == NULL) die("out of memory");
  return p;
}

static void *xrealloc(void *p, size_t n) {
  p = realloc(p, n == 0 ? 1 : n);
  if (p == NULL) die("out of memory");
  return p;
}

/* A byte string decoded from `xHEX`; data is NUL-terminated as well. */
struct bytes {
  char *data;
  size_t len;
};

static int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Decodes `xHEX`; 0, or -1 when the token is not one. */
static int decode_string(const char *tok, struct bytes *out) {
  if (tok == NULL || tok[0] != 'x') return -1;
  size_t n = strlen(tok + 1);
  if (n % 2 != 0) return -1;
  out->len = n / 2;
  out->data = xmalloc(out->len + 1);
  for (size_t i = 0; i < out->len; i++) {
    int hi = hex_digit(tok[1 + 2 * i]), lo = hex_digit(tok[2 + 2 * i]);
    if (hi < 0 || lo < 0) {
      free(out->data);
      return -1;
    }
    out->data[i] = (char)(hi << 4 | lo);
  }
  out->data[out->len] = '\0';
  return 0;
}

/* ---- the answer being written --------------------------------------------------------- */

static char *answer;
static size_t answer_len, answer_cap;

static void put(const char *fmt, ...) {
  for (;;) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(answer + answer_len, answer_cap - answer_len, fmt, ap);
    va_end(ap);
    if (n < 0) die("vsnprintf");
    if ((size_t)n < answer_cap - answer_len) {
      answer_len += (size_t)n;
      return;
    }
    answer_cap = 2 * answer_cap + (size_t)n + 64;
    answer = xrealloc(answer, answer_cap);
  }
}

static void put_string(const char *s, size_t len) {
  put(" x");
  for (size_t i = 0; i < len; i++) put("%02x", (unsigned)(unsigned char)s[i]);
}

static void send_answer(void) {
  put("\n");
  if (fwrite(answer, 1, answer_len, stdout) != answer_len || fflush(stdout) != 0) exit(3);
  answer_len = 0;
  answer[0] = '\0';
}

static void reply_error(const char *kind, uint32_t code, const char *msg) {
  put("error %s %u", kind, (unsigned)code);
  put_string(msg, strlen(msg));
}

static void reply_errorf(const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  reply_error("other", 0, msg);
}

/* ---- host references ------------------------------------------------------------------ */

/* `ref.extern N` is the address of a byte allocated for N. */
struct extern_ref {
  uint64_t n;
  void *ptr;
};
static struct extern_ref *externs;
static size_t n_externs;

static void *extern_ref_of(uint64_t n) {
  for (size_t i = 0; i < n_externs; i++)
    if (externs[i].n == n) return externs[i].ptr;
  externs = xrealloc(externs, (n_externs + 1) * sizeof *externs);
  externs[n_externs].n = n;
  externs[n_externs].ptr = xmalloc(1);
  return externs[n_externs++].ptr;
}

/* 0 with *n set, or -1 for a pointer no ref.extern made. */
static int extern_number(const void *p, uint64_t *n) {
  for (size_t i = 0; i < n_externs; i++)
    if (externs[i].ptr == p) {
      *n = externs[i].n;
      return 0;
    }
  return -1;
}

/* ---- values --------------------------------------------------------------------------- */

enum { T_I32 = 0x7f, T_I64 = 0x7e, T_F32 = 0x7d, T_F64 = 0x7c, T_V128 = 0x7b, T_FUNCREF = 0x70, T_EXTERNREF = 0x6f };

static const char *type_name(uint8_t t) {
  switch (t) {
    case T_I32: return "i32";
    case T_I64: return "i64";
    case T_F32: return "f32";
    case T_F64: return "f64";
    case T_V128: return "v128";
    case T_FUNCREF: return "funcref";
    case T_EXTERNREF: return "externref";
    default: return "?";
  }
}

/* Parses a value token of type `t` into *v: 0, or -1 with a message in `why`. */
static int parse_value(const char *tok, uint8_t t, w2o_val *v, char *why, size_t why_size) {
  const char *name = type_name(t);
  size_t nl = strlen(name);
  if (strncmp(tok, name, nl) != 0 || tok[nl] != ':') {
    snprintf(why, why_size, "argument %s is not of type %s", tok, name);
    return -1;
  }
  const char *s = tok + nl + 1;
  memset(v, 0, sizeof *v);
  char *end;
  errno = 0;
  switch (t) {
    case T_I32:
    case T_F32: {
      unsigned long long bits = strtoull(s, &end, 16);
      if (*s == '\0' || *end != '\0' || errno != 0 || bits > UINT32_MAX) break;
      uint32_t b = (uint32_t)bits;
      memcpy(v, &b, 4);
      return 0;
    }
    case T_I64:
    case T_F64: {
      unsigned long long bits = strtoull(s, &end, 16);
      if (*s == '\0' || *end != '\0' || errno != 0) break;
      uint64_t b = bits;
      memcpy(v, &b, 8);
      return 0;
    }
    case T_V128: {
      if (strlen(s) != 32) break;
      int bad = 0;
      for (size_t i = 0; i < 16; i++) {
        int hi = hex_digit(s[2 * i]), lo = hex_digit(s[2 * i + 1]);
        bad |= hi < 0 || lo < 0;
        v->v128[i] = (uint8_t)(hi << 4 | lo);
      }
      if (bad) break;
      return 0;
    }
    case T_FUNCREF:
      if (strcmp(s, "null") == 0) return 0; /* only the null function reference can be passed */
      break;
    case T_EXTERNREF: {
      if (strcmp(s, "null") == 0) return 0;
      unsigned long long n = strtoull(s, &end, 10);
      if (*s == '\0' || *end != '\0' || errno != 0) break;
      v->ref = extern_ref_of(n);
      return 0;
    }
    default:
      snprintf(why, why_size, "values of type %s are not supported", name);
      return -1;
  }
  snprintf(why, why_size, "bad %s value %s", name, tok);
  return -1;
}

static void put_value(const w2o_val *v, uint8_t t) {
  uint32_t b32;
  uint64_t b64;
  switch (t) {
    case T_I32:
    case T_F32:
      memcpy(&b32, v, 4);
      put(" %s:%08x", type_name(t), (unsigned)b32);
      return;
    case T_I64:
    case T_F64:
      memcpy(&b64, v, 8);
      put(" %s:%016llx", type_name(t), (unsigned long long)b64);
      return;
    case T_V128:
      put(" v128:");
      for (size_t i = 0; i < 16; i++) put("%02x", (unsigned)v->v128[i]);
      return;
    case T_FUNCREF:
      if (v->ref == NULL) put(" funcref:null");
      else put(" funcref:p%llx", (unsigned long long)(uintptr_t)v->ref);
      return;
    case T_EXTERNREF: {
      uint64_t n;
      if (v->ref == NULL) put(" externref:null");
      else if (extern_number(v->ref, &n) == 0) put(" externref:%llu", (unsigned long long)n);
      else put(" externref:?%llx", (unsigned long long)(uintptr_t)v->ref);
      return;
    }
    default:
      put(" %s:unsupported", type_name(t));
      return;
  }
}

/* ---- spectest ------------------------------------------------------------------------- */

static int print_calls;

static void print_(void *vmctx) {
  (void)vmctx;
  if (print_calls) fprintf(stderr, "spectest print\n");
}
static void print_i32(void *vmctx, int32_t a) {
  (void)vmctx;
  if (print_calls) fprintf(stderr, "%d : i32\n", a);
}
static void print_i64(void *vmctx, int64_t a) {
  (void)vmctx;
  if (print_calls) fprintf(stderr, "%lld : i64\n", (long long)a);
}
static void print_f32(void *vmctx, float a) {
  (void)vmctx;
  if (print_calls) fprintf(stderr, "%g : f32\n", (double)a);
}
static void print_f64(void *vmctx, double a) {
  (void)vmctx;
  if (print_calls) fprintf(stderr, "%g : f64\n", a);
}
static void print_i32_f32(void *vmctx, int32_t a, float b) {
  (void)vmctx;
  if (print_calls) fprintf(stderr, "%d : i32\n%g : f32\n", a, (double)b);
}
static void print_f64_f64(void *vmctx, double a, double b) {
  (void)vmctx;
  if (print_calls) fprintf(stderr, "%g : f64\n%g : f64\n", a, b);
}

/* A C function's address as the data pointer w2o_host_func takes. */
#define CODE_OF(fn) code_address((void (*)(void))(fn))
static void *code_address(void (*fn)(void)) {
  void *p;
  _Static_assert(sizeof p == sizeof fn, "function and data pointers differ in size");
  memcpy(&p, &fn, sizeof p);
  return p;
}

struct spectest_func {
  const char *name;
  void *code;
  uint8_t params[2];
  size_t n_params;
  struct w2o_funcref *ref;
};
static struct spectest_func spectest_funcs[7];

static _Alignas(16) w2o_val global_i32, global_i64, global_f32, global_f64;
static struct w2o_table spectest_table;
static struct w2o_memory spectest_memory;

static void spectest_init(void) {
  const struct spectest_func funcs[7] = {
    {"print", CODE_OF(print_), {0, 0}, 0, NULL},
    {"print_i32", CODE_OF(print_i32), {T_I32, 0}, 1, NULL},
    {"print_i64", CODE_OF(print_i64), {T_I64, 0}, 1, NULL},
    {"print_f32", CODE_OF(print_f32), {T_F32, 0}, 1, NULL},
    {"print_f64", CODE_OF(print_f64), {T_F64, 0}, 1, NULL},
    {"print_i32_f32", CODE_OF(print_i32_f32), {T_I32, T_F32}, 2, NULL},
    {"print_f64_f64", CODE_OF(print_f64_f64), {T_F64, T_F64}, 2, NULL},
  };
  for (size_t i = 0; i < 7; i++) {
    spectest_funcs[i] = funcs[i];
    spectest_funcs[i].ref = w2o_host_func(funcs[i].code, NULL, funcs[i].params, funcs[i].n_params, NULL, 0);
    if (spectest_funcs[i].ref == NULL) die("w2o_host_func");
  }
  global_i32.i32 = 666;
  global_i64.i64 = 666;
  global_f32.f32 = 666.6f;
  global_f64.f64 = 666.6;
  if (w2o_table_alloc(&spectest_table, 10, 20) != 0) die("w2o_table_alloc");
  if (w2o_memory_reserve(1 * (uint64_t)W2O_WASM_PAGE_SIZE, 2 * (uint64_t)W2O_WASM_PAGE_SIZE, &spectest_memory) != 0)
    die("w2o_memory_reserve");
}

static int name_is(const char *name, size_t len, const char *s) {
  return strlen(s) == len && memcmp(name, s, len) == 0;
}

static int spectest_resolve(const char *name, size_t len, struct w2o_extern *out) {
  memset(out, 0, sizeof *out);
  for (size_t i = 0; i < 7; i++) {
    if (name_is(name, len, spectest_funcs[i].name)) {
      out->kind = W2O_EXTERN_FUNC;
      out->u.func = spectest_funcs[i].ref;
      return 0;
    }
  }
  static const struct {
    const char *name;
    w2o_val *cell;
    uint8_t type;
  } globals[4] = {
    {"global_i32", &global_i32, T_I32},
    {"global_i64", &global_i64, T_I64},
    {"global_f32", &global_f32, T_F32},
    {"global_f64", &global_f64, T_F64},
  };
  for (size_t i = 0; i < 4; i++) {
    if (name_is(name, len, globals[i].name)) {
      out->kind = W2O_EXTERN_GLOBAL;
      out->u.global.cell = globals[i].cell;
      out->u.global.type = globals[i].type;
      out->u.global.mutable_ = 0;
      return 0;
    }
  }
  if (name_is(name, len, "table")) {
    out->kind = W2O_EXTERN_TABLE;
    out->u.table.table = &spectest_table;
    out->u.table.elem_type = T_FUNCREF;
    return 0;
  }
  if (name_is(name, len, "memory")) {
    out->kind = W2O_EXTERN_MEMORY;
    out->u.memory = &spectest_memory;
    return 0;
  }
  return -1;
}

/* ---- instances and registrations ------------------------------------------------------ */

struct slot {
  unsigned long id;
  struct w2o_instance *inst;
  struct w2o_object *obj;
};
static struct slot *slots;
static size_t n_slots;

struct registration {
  struct bytes name;
  struct w2o_instance *inst;
};
static struct registration *registrations;
static size_t n_registrations;

static struct slot *slot_of(const char *tok) {
  char *end;
  errno = 0;
  unsigned long id = strtoul(tok, &end, 10);
  if (*tok == '\0' || *end != '\0' || errno != 0) return NULL;
  for (size_t i = 0; i < n_slots; i++)
    if (slots[i].id == id) return &slots[i];
  return NULL;
}

static struct w2o_instance *instance_of(const char *tok) {
  struct slot *s = slot_of(tok);
  return s != NULL ? s->inst : NULL;
}

static int resolve(void *ctx, const char *module, size_t module_len, const char *name, size_t name_len, uint32_t kind,
                   struct w2o_extern *out) {
  (void)ctx;
  (void)kind; /* the runtime checks the kind and type of what is found */
  if (name_is(module, module_len, "spectest")) return spectest_resolve(name, name_len, out);
  /* The latest registration of a name wins. */
  for (size_t i = n_registrations; i-- > 0;) {
    struct registration *r = &registrations[i];
    if (r->name.len == module_len && memcmp(r->name.data, module, module_len) == 0)
      return w2o_instance_export(r->inst, name, name_len, out) == 0 ? 0 : -1;
  }
  return -1;
}

static const char *error_kind_name(enum w2o_error_kind k) {
  switch (k) {
    case W2O_ERR_BAD_MODULE: return "bad_module";
    case W2O_ERR_LINK: return "link";
    case W2O_ERR_TRAP: return "trap";
    case W2O_ERR_RESOURCE: return "resource";
    default: return "other";
  }
}

/* ---- requests ------------------------------------------------------------------------- */

#define MAX_WORDS 1024

static void do_module(char **w, size_t n) {
  struct bytes path;
  if (n != 3 || decode_string(w[2], &path) != 0) {
    reply_errorf("usage: module ID xPATH");
    return;
  }
  char *end;
  errno = 0;
  unsigned long id = strtoul(w[1], &end, 10);
  if (*w[1] == '\0' || *end != '\0' || errno != 0 || instance_of(w[1]) != NULL) {
    reply_errorf("bad or reused instance id %s", w[1]);
    free(path.data);
    return;
  }
  struct w2o_error err;
  memset(&err, 0, sizeof err);
  struct w2o_object *obj = w2o_load(path.data, &err);
  free(path.data);
  if (obj == NULL) {
    reply_error(error_kind_name(err.kind == W2O_ERR_NONE ? W2O_ERR_BAD_MODULE : err.kind), 0, err.message);
    return;
  }
  memset(&err, 0, sizeof err);
  struct w2o_instance *inst = w2o_instantiate(w2o_object_descriptor(obj), w2o_object_text(obj), resolve, NULL, &err);
  if (inst == NULL) {
    /* The object stays loaded: an instantiation that trapped may leave its functions in
     * tables that other instances share. */
    if (err.kind == W2O_ERR_TRAP && err.trap.message != NULL)
      reply_error("trap", err.trap.code, err.trap.message);
    else
      reply_error(error_kind_name(err.kind), 0, err.message);
    return;
  }
  slots = xrealloc(slots, (n_slots + 1) * sizeof *slots);
  slots[n_slots].id = id;
  slots[n_slots].inst = inst;
  slots[n_slots++].obj = obj;
  put("ok");
}

static void do_register(char **w, size_t n) {
  struct bytes name;
  if (n != 3 || decode_string(w[1], &name) != 0) {
    reply_errorf("usage: register xNAME ID");
    return;
  }
  struct w2o_instance *inst = instance_of(w[2]);
  if (inst == NULL) {
    reply_errorf("no instance %s", w[2]);
    free(name.data);
    return;
  }
  registrations = xrealloc(registrations, (n_registrations + 1) * sizeof *registrations);
  registrations[n_registrations].name = name;
  registrations[n_registrations++].inst = inst;
  put("ok");
}

static void do_invoke(char **w, size_t n) {
  struct bytes name;
  if (n < 3 || decode_string(w[2], &name) != 0) {
    reply_errorf("usage: invoke ID xNAME VALUE...");
    return;
  }
  struct w2o_instance *inst = instance_of(w[1]);
  const uint8_t *params, *results;
  size_t n_params, n_results;
  if (inst == NULL) {
    reply_errorf("no instance %s", w[1]);
  } else if (w2o_export_func_type(inst, name.data, name.len, &params, &n_params, &results, &n_results) != 0) {
    reply_errorf("no function export \"%s\"", name.data);
  } else if (n - 3 != n_params) {
    reply_errorf("\"%s\" takes %zu argument(s), given %zu", name.data, n_params, n - 3);
  } else {
    size_t n_values = n_params > n_results ? n_params : n_results;
    w2o_val *values = xmalloc((n_values == 0 ? 1 : n_values) * sizeof *values);
    char why[256];
    for (size_t i = 0; i < n_params; i++) {
      if (parse_value(w[3 + i], params[i], &values[i], why, sizeof why) != 0) {
        reply_errorf("%s", why);
        free(values);
        free(name.data);
        return;
      }
    }
    struct w2o_trap_info trap;
    memset(&trap, 0, sizeof trap);
    int rc = w2o_invoke(inst, name.data, name.len, values, &trap);
    if (rc == 0) {
      put("ok");
      for (size_t i = 0; i < n_results; i++) put_value(&values[i], results[i]);
    } else if (rc > 0) {
      const char *msg = trap.message != NULL ? trap.message : "";
      const char *func = trap.func_name != NULL ? trap.func_name : "";
      put("trap %d", rc);
      put_string(msg, strlen(msg));
      put_string(func, strlen(func));
    } else {
      reply_errorf("w2o_invoke refused \"%s\" (no trampoline for its type?)", name.data);
    }
    free(values);
  }
  free(name.data);
}

static void do_get(char **w, size_t n) {
  struct bytes name;
  if (n != 3 || decode_string(w[2], &name) != 0) {
    reply_errorf("usage: get ID xNAME");
    return;
  }
  struct w2o_instance *inst = instance_of(w[1]);
  struct w2o_extern ext;
  if (inst == NULL) {
    reply_errorf("no instance %s", w[1]);
  } else if (w2o_instance_export(inst, name.data, name.len, &ext) != 0) {
    reply_errorf("no export \"%s\"", name.data);
  } else if (ext.kind != W2O_EXTERN_GLOBAL) {
    reply_errorf("export \"%s\" is not a global", name.data);
  } else {
    put("ok");
    put_value(ext.u.global.cell, ext.u.global.type);
  }
  free(name.data);
}

static void do_free(char **w, size_t n) {
  struct slot *s = n == 2 ? slot_of(w[1]) : NULL;
  if (s == NULL) {
    reply_errorf("usage: free ID (of an instance)");
    return;
  }
  for (size_t i = 0; i < n_registrations; i++) {
    if (registrations[i].inst == s->inst) {
      reply_errorf("instance %s is registered", w[1]);
      return;
    }
  }
  w2o_instance_free(s->inst);
  w2o_object_free(s->obj);
  *s = slots[--n_slots];
  put("ok");
}

int main(void) {
  print_calls = getenv("W2O_SPEC_HOST_PRINT") != NULL;
  answer_cap = 256;
  answer = xmalloc(answer_cap);
  answer[0] = '\0';
  spectest_init();
  put(PROTOCOL_GREETING);
  send_answer();

  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  char *w[MAX_WORDS];
  while ((len = getline(&line, &cap, stdin)) >= 0) {
    if (len > 0 && line[len - 1] == '\n') line[--len] = '\0';
    size_t n = 0;
    for (char *save = NULL, *tok = strtok_r(line, " ", &save); tok != NULL; tok = strtok_r(NULL, " ", &save)) {
      if (n == MAX_WORDS) break;
      w[n++] = tok;
    }
    if (n == 0) reply_errorf("empty request");
    else if (n == MAX_WORDS) reply_errorf("too many words");
    else if (strcmp(w[0], "module") == 0) do_module(w, n);
    else if (strcmp(w[0], "register") == 0) do_register(w, n);
    else if (strcmp(w[0], "invoke") == 0) do_invoke(w, n);
    else if (strcmp(w[0], "get") == 0) do_get(w, n);
    else if (strcmp(w[0], "free") == 0) do_free(w, n);
    else reply_errorf("unknown request %s", w[0]);
    send_answer();
  }
  free(line);
  return 0;
}
