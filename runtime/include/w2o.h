/*
 * w2o.h: the public API of the wasm2obj runtime.
 *
 * Two layers. The trap core, which every other part stands on: catching traps in compiled
 * wasm code and linear memories reserved with guard regions (trap.c, memory.c). On top of
 * it, instances (instance.c, builtins.c): a module's descriptor (w2o-abi.h, written by the
 * compiler as `<prefix>_module`) and its code are instantiated with imports resolved by
 * name, exports are looked up and called (w2o_invoke, under a guarded call), and the
 * builtins that compiled code calls through vmctx run; the mmap loader (loader.c) gets a
 * descriptor and code out of an object file without a linker.
 *
 * Traps. Compiled code traps by faulting: a `ud2` after an explicit check, a load or
 * store that lands in a memory's guard region, an `idiv` that divides by zero or
 * overflows. Each such instruction is listed in its module's trap table (offset from the
 * module's .text -> trap code, see w2o-abi.h). A module's code is registered with
 * w2o_register_code; w2o_call_guarded runs a function and, when wasm code it reaches
 * faults, returns the trap code instead of letting the process die. A fault anywhere
 * else (host C code, or wasm code with no w2o_call_guarded active on the thread) is left
 * to whatever would have happened without the runtime: the default action kills the
 * process with that signal, or a handler installed before the runtime's runs.
 *
 * Memories. A 32-bit linear memory is an 8 GiB reservation of address space: 4 GiB that
 * a u32 index can reach, then 4 GiB that a u32 static offset can add. Only the first
 * `size` bytes are readable and writable; every other byte of the reservation faults, so
 * compiled code needs no bounds check. The base never moves; growing makes more of the
 * reservation accessible.
 *
 * Threads: registration and guarded calls may be used from any thread; a trap returns to
 * the innermost w2o_call_guarded of the thread that trapped. One memory is not meant to be
 * grown from two threads at once.
 */
#ifndef W2O_H
#define W2O_H

#include <stddef.h>
#include <stdint.h>

#include "w2o-abi.h"

/* ---- code registration ------------------------------------------------------------ */

/* How many modules may be registered at once. */
#define W2O_MAX_CODE_REGIONS 256

/* A module's code as the trap handler needs to know it. Nothing in it is copied: all
 * of it must stay valid until w2o_unregister_code. */
struct w2o_code_info {
  const void *text_start;
  size_t text_size;
  /* The trap table: sorted by text_offset, offsets unique and inside the text. */
  const struct w2o_trap_site *sites;
  size_t n_sites;
  /* The function table (may be empty): sorted by text_offset, inside the text, not
   * overlapping; names are offsets into `names`, `names_size` bytes of NUL-terminated
   * strings (W2O_NO_NAME for none). */
  const struct w2o_func_info *funcs;
  size_t n_funcs;
  const char *names;
  size_t names_size;
};

/*
 * Makes the trap handler know a module's code. Returns 0, or -1 with errno EINVAL (bad
 * arguments, an unsorted or out-of-range table, a name outside the names, text
 * overlapping a registered module) or ENOSPC (W2O_MAX_CODE_REGIONS modules already
 * registered). Installs the runtime's signal handlers on first use.
 */
int w2o_register_code(const struct w2o_code_info *code);

/*
 * Forgets the module whose text starts at `text_start`. No code of it may be running on
 * any thread. Returns 0, or -1 with errno EINVAL when no such module is registered.
 */
int w2o_unregister_code(const void *text_start);

/* ---- guarded calls -------------------------------------------------------------------- */

/* The most frames a trap's backtrace records. */
#define W2O_MAX_BACKTRACE 32

/* Not a fault of wasm code: a host function that wasm called ended the run on purpose
 * (WASI's proc_exit) by raising this code with w2o_raise_trap. w2o_call_guarded and
 * w2o_invoke return it as they return a trap code, with the message "host exit"; what it
 * stands for (an exit status, say) is for the host that raised it to keep. */
#define W2O_TRAP_HOST_EXIT 0x100u

/* What w2o_call_guarded reports. */
struct w2o_trap_info {
  uint32_t code;              /* enum w2o_trap_code, or W2O_TRAP_HOST_EXIT; W2O_TRAP_NONE when fn returned */
  uint32_t text_offset;       /* of the faulting instruction, from its module's .text */
  const char *message;        /* w2o_trap_code_message(code) ("host exit" for W2O_TRAP_HOST_EXIT) */
  const char *func_name;      /* the function that trapped, from the function table, or NULL */
  const void *pc;             /* address of the faulting instruction */
  const void *fault_address;  /* the address accessed, for a memory fault; else NULL */
  int signo;                  /* the signal that reported the trap, 0 when none */
  /* The backtrace, innermost first: the wasm frames between the trap and the guarded call,
   * as far as the frame-pointer chain can be followed and at most W2O_MAX_BACKTRACE.
   * frames[0] is the faulting instruction when signo != 0, else (a trap raised by C code)
   * the return address into the wasm function that called it; every other entry is a
   * return address. Entry trampolines count as frames (w2o_trap_frame: no function). */
  uint32_t n_frames;
  const void *frames[W2O_MAX_BACKTRACE];
};

/* func_index of a frame in no function of the table (a trampoline). */
#define W2O_NO_FUNC 0xffffffffu

/* One frame of a backtrace, as the function table of its module names it. */
struct w2o_frame_info {
  const void *text_start; /* the .text of the module holding the frame */
  uint32_t text_offset;   /* of the frame's pc (frames[i]) from text_start */
  uint32_t func_index;    /* its entry in the module's function table, or W2O_NO_FUNC; for
                           * a compiled module, the defined function of that index (the
                           * wasm function num_imported_funcs + func_index) */
  const char *func_name;  /* its name, or NULL */
};

/*
 * Describes frame i of a trap's backtrace. Returns 0, or -1 when i >= n_frames or the
 * frame's module is no longer registered (its instances are gone: describe frames before
 * freeing them). The name stays valid while the module is registered.
 */
int w2o_trap_frame(const struct w2o_trap_info *trap, uint32_t i, struct w2o_frame_info *out);

/*
 * Runs fn(arg). Returns 0 when fn returns; when wasm code that fn reaches traps, unwinds
 * (siglongjmp) back here and returns the trap code. `out` (may be NULL) receives the
 * details either way. Calls nest: a trap returns to the innermost active call on the
 * thread, and the outer ones stay armed. The frames between the trap and here are
 * dropped without running anything: fn must not hold locks or resources it expects to
 * release after calling into wasm.
 * Sets up, once per thread, an alternate signal stack (unless the thread already has
 * one), so that a trap is caught even when the wasm stack is exhausted.
 * Returns -1 with errno set if the signal handlers or the signal stack cannot be set up;
 * fn is then not called.
 */
int w2o_call_guarded(void (*fn)(void *), void *arg, struct w2o_trap_info *out);

/* ---- linear memories ------------------------------------------------------------------ */

/* The size of a WebAssembly page; memory sizes are multiples of it. */
#define W2O_WASM_PAGE_SIZE 65536u
/* Bytes that a 32-bit index can address: 65,536 pages. */
#define W2O_MEMORY32_MAX_BYTES (UINT64_C(1) << 32)
/* Bytes reserved per memory: the addressable 4 GiB and a 4 GiB guard for static offsets. */
#define W2O_MEMORY32_RESERVATION (UINT64_C(2) << 32)

struct w2o_memory {
  uint8_t *base;     /* start of the reservation; never moves */
  uint64_t size;     /* bytes readable and writable from base */
  uint64_t max;      /* size never exceeds this */
  uint64_t reserved; /* bytes of address space reserved at base */
  int has_max;       /* 1 when a maximum was given, 0 for "no maximum" (max is then 4 GiB) */
};

/*
 * Reserves a memory and makes its first `min_bytes` readable and writable (zero-filled).
 * `max_bytes` caps w2o_memory_grow; UINT64_MAX means "no maximum", which for a 32-bit
 * memory is 4 GiB. Both must be multiples of W2O_WASM_PAGE_SIZE (UINT64_MAX aside), with
 * min <= max <= 4 GiB. Returns 0, or -1 with errno EINVAL or ENOMEM; `m` is then zeroed.
 */
int w2o_memory_reserve(uint64_t min_bytes, uint64_t max_bytes, struct w2o_memory *m);

/*
 * Makes `delta_bytes` more (a multiple of W2O_WASM_PAGE_SIZE) readable and writable, at
 * the same base. Returns the previous size in bytes, or -1 (memory unchanged) when the new
 * size would pass the maximum or the system refuses the pages. A delta of 0 returns the
 * size. This is memory.grow, counted in bytes.
 */
int64_t w2o_memory_grow(struct w2o_memory *m, uint64_t delta_bytes);

/* Returns the reservation to the system and zeroes `m`. Releasing a zeroed memory is a no-op. */
void w2o_memory_release(struct w2o_memory *m);

/* ---- raising a trap from C ------------------------------------------------------------ */

/*
 * Traps from C code that wasm code called (a builtin, a host function): unwinds to the
 * innermost w2o_call_guarded of the thread, which returns `code` (an enum w2o_trap_code
 * or W2O_TRAP_HOST_EXIT; anything else becomes W2O_TRAP_INTERNAL_ERROR). `return_address` is the caller's return
 * address into wasm code (__builtin_return_address(0) in the C function wasm called): the
 * trap then reports its text offset and the name of the wasm function that holds it; NULL
 * or an address outside registered code reports offset 0 and no function. The backtrace
 * starts there too. The C frames between here and the guarded call are dropped without
 * running anything. With no guarded
 * call active on the thread there is nowhere to return to: the message goes to stderr and
 * the process aborts.
 */
_Noreturn void w2o_raise_trap(uint32_t code, const void *return_address);

/* ---- values, externs, errors ---------------------------------------------------------- */

/* One value: an argument or result of w2o_invoke, a global's cell. The value sits in the
 * low bytes (i32/f32 in 4, i64/f64/references in 8, v128 in 16). */
typedef union w2o_val {
  int32_t i32;
  int64_t i64;
  float f32;
  double f64;
  void *ref; /* funcref: struct w2o_funcref *, externref: a host pointer; NULL is null */
  uint8_t v128[16];
} w2o_val;
_Static_assert(sizeof(w2o_val) == W2O_VALUE_SLOT_SIZE, "a w2o_val is one trampoline value slot");
_Static_assert(sizeof(w2o_val) == W2O_GLOBAL_CELL_SIZE, "a w2o_val is one global cell");

/* What an import is resolved to, and what an export is. */
struct w2o_extern {
  uint32_t kind; /* W2O_EXTERN_* */
  union {
    /* A function: its type_id is canonical (w2o_type_id), so equal signatures have equal
     * ids in every module. */
    struct w2o_funcref *func;
    struct {
      struct w2o_table *table;
      uint8_t elem_type; /* 0x70 funcref, 0x6f externref */
    } table;
    struct w2o_memory *memory;
    struct {
      w2o_val *cell; /* 16 bytes, 16-aligned */
      uint8_t type;  /* value type, binary encoding (0x7f i32, ...) */
      uint8_t mutable_;
    } global;
  } u;
};

/*
 * Resolves one import by name: fills *out and returns 0, or returns -1 when it knows no
 * such import. Names are UTF-8, not NUL-terminated. `kind` is what the module expects;
 * answering with another kind is an incompatible import, not an unknown one.
 */
typedef int (*w2o_resolve_fn)(void *ctx, const char *module, size_t module_len, const char *name, size_t name_len,
                              uint32_t kind, struct w2o_extern *out);

enum w2o_error_kind {
  W2O_ERR_NONE,       /* no error */
  W2O_ERR_BAD_MODULE, /* the descriptor or the object is not one this runtime can use */
  W2O_ERR_LINK,       /* an import is unknown or has an incompatible type */
  W2O_ERR_TRAP,       /* a segment was out of bounds or the start function trapped */
  W2O_ERR_RESOURCE,   /* out of memory, address space or registry slots */
};

struct w2o_error {
  enum w2o_error_kind kind;
  struct w2o_trap_info trap; /* W2O_ERR_TRAP: the trap; its message is the spec's text */
  /* What went wrong, NUL-terminated. Starts with the spec suite's text when there is one:
   * "unknown import", "incompatible import type", or the trap's message. */
  char message[256];
};

/* ---- function types ------------------------------------------------------------------- */

/*
 * The canonical id of a function type (value types in their binary encoding): equal
 * signatures give equal ids in the whole process, different ones different ids. Never 0.
 * Ids are never forgotten. Thread-safe. Returns 0 only when memory runs out.
 */
uint32_t w2o_type_id(const uint8_t *params, size_t n_params, const uint8_t *results, size_t n_results);

/*
 * A function reference to a C function, to resolve a function import with: `code` is called
 * as a wasm function of that type would be (System V, `host_vmctx` as first argument, then
 * the parameters; one result returned, several through a results area, see w2o-abi.h).
 * The funcref is malloc'd; free it with w2o_host_func_free once no instance uses it.
 * Returns NULL when memory runs out.
 */
struct w2o_funcref *w2o_host_func(void *code, void *host_vmctx, const uint8_t *params, size_t n_params,
                                  const uint8_t *results, size_t n_results);
void w2o_host_func_free(struct w2o_funcref *f);

/* ---- tables a host makes -------------------------------------------------------------- */

/* The most elements a table may have in this runtime (table.grow beyond fails). */
#define W2O_TABLE_MAX_ELEMENTS 10000000u

/*
 * Makes a table of `min` null elements and maximum `max` (0xffffffff: none), for a host to
 * export to modules. Its elements are malloc'd: table.grow reallocates them. Returns 0, or
 * -1 with errno EINVAL (min > max, min > W2O_TABLE_MAX_ELEMENTS) or ENOMEM.
 */
int w2o_table_alloc(struct w2o_table *t, uint32_t min, uint32_t max);
/* Frees the elements of a table made by w2o_table_alloc and zeroes it. */
void w2o_table_release(struct w2o_table *t);

/* ---- the CPU ---------------------------------------------------------------------------- */

/*
 * The x86-64 features of this CPU that compiled code may use, as W2O_CPU_FEATURE_* bits
 * (w2o-abi.h); ymm-state features only when the OS enables that state. Features named in
 * the environment variable W2O_CPU_DISABLE (comma-separated: `avx2,bmi2`) count as absent.
 * w2o_instantiate refuses a module whose descriptor needs a feature missing here.
 */
uint32_t w2o_cpu_features(void);

/* ---- instances ------------------------------------------------------------------------ */

/*
 * Instantiates a module (WebAssembly 2.0): `descriptor` is its w2o_module_desc (8-aligned)
 * and `text` the start of its code (may be NULL when the descriptor's text_size is 0); both
 * must stay valid and unchanged until every instance made from them is freed.
 *
 * In order: checks the descriptor, and that this CPU has the features its code was compiled
 * for (W2O_ERR_BAD_MODULE, naming the level and the missing features); resolves every import through
 * `resolve(ctx, ...)` and checks its type (W2O_ERR_LINK); makes the instance (its memories,
 * tables, globals, function references) and registers its code with the trap handler; then
 * runs the active element segments, then the active data segments, in order, and the start
 * function (W2O_ERR_TRAP: the first segment out of bounds, or a trap in the start
 * function; what was written before stays written).
 *
 * Returns the instance, or NULL with *err (may be NULL) filled.
 *
 * Lifetimes. What an instance imports must outlive it: free instances that import from
 * others before those. A funcref of an instance (in a table, a global, a host's hands) is
 * valid while that instance lives. An instantiation that traps after its segments or start
 * function could have handed its functions out (it imports a table, a global or a
 * function) keeps its instance alive, unreachable, until the process ends, since other
 * instances may still call into it (as the spec requires); otherwise it is freed.
 *
 * Threads. Instances linked by imports form a group that shares one stack limit: a group
 * runs on one thread at a time (calls may nest through host functions on that thread).
 * Separate groups may run on separate threads at once.
 */
struct w2o_instance *w2o_instantiate(const void *descriptor, const void *text, w2o_resolve_fn resolve, void *ctx,
                                     struct w2o_error *err);

/* The export named `name` (UTF-8, name_len bytes) into *out: 0, or -1 when there is none. */
int w2o_instance_export(const struct w2o_instance *inst, const char *name, size_t name_len, struct w2o_extern *out);

/* The type of the function export `name`: pointers into the descriptor. 0, or -1 when the
 * instance has no function export of that name. */
int w2o_export_func_type(const struct w2o_instance *inst, const char *name, size_t name_len, const uint8_t **params,
                         size_t *n_params, const uint8_t **results, size_t *n_results);

/*
 * Calls the function export `name` with values[i] as parameter i, under w2o_call_guarded,
 * after setting the group's stack limit (from this thread's stack, 256 KiB of headroom
 * left for the signal handler and C builtins; a nested call keeps the outermost one).
 * On return values[i] holds result i: `values` needs max(params, results) entries.
 * Returns 0, or the trap code (> 0) with *trap (may be NULL) filled, or -1 when there is
 * no function export of that name or its type has no trampoline in the object. When the
 * trap handler cannot be set up, returns W2O_TRAP_INTERNAL_ERROR with signo 0.
 */
int w2o_invoke(struct w2o_instance *inst, const char *name, size_t name_len, w2o_val *values,
               struct w2o_trap_info *trap);

/* The instance's vmctx (what its compiled functions take as first argument). */
void *w2o_instance_vmctx(const struct w2o_instance *inst);

/* Frees an instance: its defined memories and tables, its registration of the code (the
 * last instance of a text unregisters it). No code of it may be running. NULL is a no-op. */
void w2o_instance_free(struct w2o_instance *inst);

/* ---- the mmap loader ------------------------------------------------------------------ */

/*
 * Loads an object written by wasm2obj without a linker: finds its `.text` and its module
 * descriptor (the global STT_OBJECT symbol `<prefix>_module`), copies the code into fresh
 * pages made read+exec and the descriptor into 8-aligned memory. Applies no relocation:
 * the code and the descriptor hold no absolute address (contract 2), and an object whose
 * `.text` or descriptor section has relocations is refused. Returns NULL with *err (may
 * be NULL) filled, kind W2O_ERR_BAD_MODULE (or W2O_ERR_RESOURCE), on anything unexpected.
 */
struct w2o_object *w2o_load(const char *path, struct w2o_error *err);
const void *w2o_object_descriptor(const struct w2o_object *o);
const void *w2o_object_text(const struct w2o_object *o);
/* Unmaps the code and frees the descriptor: no instance of it may be left. NULL is a no-op. */
void w2o_object_free(struct w2o_object *o);

#endif /* W2O_H */
