/*
 * internal.h: what the runtime's own files share and the public API does not show: the
 * instance as the runtime keeps it, and typed access to its vmctx and its descriptor.
 *
 * An instance is one allocation: this struct, then (at W2O_INSTANCE_VMCTX_AT, 16-aligned)
 * the vmctx that compiled code receives. A builtin, which only gets the vmctx, finds its
 * instance by subtracting that constant (instance_of).
 */
#ifndef W2O_INTERNAL_H
#define W2O_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "w2o.h"

/* Fills *err (when not NULL): the kind, and the message printf-style. Shared by the parts of
 * the runtime that report a w2o_error (instance.c, wasi.c). */
__attribute__((format(printf, 3, 4))) void w2o_error_set(struct w2o_error *err, enum w2o_error_kind kind,
                                                         const char *fmt, ...);

/* The stack limit cell of a group of linked instances (see w2o_instantiate in w2o.h). */
struct w2o_store {
  uint64_t stack_limit; /* what vmctx[W2O_VMCTX_STACK_LIMIT_PTR] points to; 0: no check */
  uint32_t depth;       /* guarded calls into the group in progress */
  size_t members;       /* live instances pointing at it */
};

/* One registration of a text with the trap handler, shared by its instances. */
struct code_ref;

struct w2o_instance {
  const struct w2o_module_desc *desc;
  const uint8_t *d; /* the descriptor as bytes */
  const uint8_t *text;
  struct w2o_store *store;
  struct code_ref *code;           /* NULL when the module has no text */
  struct w2o_instance *prev, *next; /* the live list (instance.c) */
  struct w2o_memory *memories;     /* the defined memories */
  struct w2o_table *tables;        /* the defined tables */
  uint8_t *elem_dropped;           /* per element segment */
  uint8_t *data_dropped;           /* per data segment */
  uint32_t n_memories_reserved;    /* defined memories reserved so far */
  uint32_t n_tables_made;          /* defined tables allocated so far */
};

#define W2O_INSTANCE_VMCTX_AT ((sizeof(struct w2o_instance) + 15) / 16 * 16)

static inline uint8_t *vmctx_of(const struct w2o_instance *inst) {
  return (uint8_t *)inst + W2O_INSTANCE_VMCTX_AT;
}

static inline struct w2o_instance *instance_of(void *vmctx) {
  return (struct w2o_instance *)((uint8_t *)vmctx - W2O_INSTANCE_VMCTX_AT);
}

/* ---- the descriptor's arrays (checked once by instantiate, then trusted) ---- */

#define DESC_ARRAY(inst, type, name) ((const struct type *)((inst)->d + (inst)->desc->name##_off))

static inline const struct w2o_type_desc *desc_type(const struct w2o_instance *i, uint32_t t) {
  return &DESC_ARRAY(i, w2o_type_desc, types)[t];
}
static inline const struct w2o_func_desc *desc_func(const struct w2o_instance *i, uint32_t f) {
  return &DESC_ARRAY(i, w2o_func_desc, funcs)[f];
}
static inline const struct w2o_table_desc *desc_table(const struct w2o_instance *i, uint32_t t) {
  return &DESC_ARRAY(i, w2o_table_desc, tables)[t];
}
static inline const struct w2o_global_desc *desc_global(const struct w2o_instance *i, uint32_t g) {
  return &DESC_ARRAY(i, w2o_global_desc, globals)[g];
}
static inline const struct w2o_elem_desc *desc_elem(const struct w2o_instance *i, uint32_t e) {
  return &DESC_ARRAY(i, w2o_elem_desc, elems)[e];
}
static inline const struct w2o_data_desc *desc_data(const struct w2o_instance *i, uint32_t s) {
  return &DESC_ARRAY(i, w2o_data_desc, datas)[s];
}
static inline const uint8_t *desc_bytes(const struct w2o_instance *i, uint32_t off) {
  return i->d + i->desc->bytes_off + off;
}

/* ---- the vmctx ---- */

static inline struct w2o_memory *vm_memory(const struct w2o_instance *i, uint32_t m) {
  return *(struct w2o_memory **)(vmctx_of(i) + i->desc->vmctx_memories + 16 * (size_t)m + 8);
}
static inline struct w2o_table *vm_table(const struct w2o_instance *i, uint32_t t) {
  return *(struct w2o_table **)(vmctx_of(i) + i->desc->vmctx_tables + 8 * (size_t)t);
}
static inline struct w2o_funcref *vm_funcref(const struct w2o_instance *i, uint32_t f) {
  return (struct w2o_funcref *)(vmctx_of(i) + i->desc->vmctx_funcrefs + sizeof(struct w2o_funcref) * (size_t)f);
}
static inline uint32_t vm_type_id(const struct w2o_instance *i, uint32_t t) {
  return *(uint32_t *)(vmctx_of(i) + i->desc->vmctx_type_ids + 4 * (size_t)t);
}
/* The cell of global g, imported (through its pointer) or defined. */
static inline w2o_val *vm_global(const struct w2o_instance *i, uint32_t g) {
  uint32_t n = i->desc->num_imported_globals;
  if (g < n) return *(w2o_val **)(vmctx_of(i) + i->desc->vmctx_imported_globals + 8 * (size_t)g);
  return (w2o_val *)(vmctx_of(i) + i->desc->vmctx_globals + W2O_GLOBAL_CELL_SIZE * (size_t)(g - n));
}

/* The value of an element item (or of a ref.func/ref.null/global.get initializer). */
static inline void *elem_item_value(const struct w2o_instance *i, const struct w2o_elem_item *item) {
  switch (item->init) {
  case W2O_INIT_REF_FUNC:
    return vm_funcref(i, item->index);
  case W2O_INIT_GLOBAL_GET:
    return vm_global(i, item->index)->ref;
  default:
    return NULL;
  }
}

/* The builtins, in W2O_BUILTIN_* order (builtins.c), as one function pointer type. */
typedef void (*w2o_any_fn)(void);
extern const w2o_any_fn w2o_builtin_table[W2O_BUILTIN_COUNT];

/* Grows a table by delta elements set to init: the old size, or -1 (builtins.c). */
int32_t w2o_table_grow_impl(struct w2o_table *t, void *init, uint32_t delta);

/* This thread's stack, [*lo, *hi), as pthread_getattr_np reports it, asked once per thread;
 * false (both 0) when it cannot be known (trap.c). */
bool w2o_thread_stack(uintptr_t *lo, uintptr_t *hi);

/* Whether this thread is inside a w2o_call_guarded, so that w2o_raise_trap has somewhere
 * to return to (trap.c). */
bool w2o_guarded_call_active(void);

/* Whether this CPU has every feature the module's code needs; if not, says so in msg (cpu.c). */
bool w2o_cpu_check(const struct w2o_module_desc *h, char *msg, size_t size);

/* Turns a text address into a function pointer without an object-to-function cast. */
#define W2O_CODE_PTR(type, addr) ((type)(uintptr_t)(addr))

#endif /* W2O_INTERNAL_H */
