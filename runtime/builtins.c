/*
 * builtins.c: the runtime functions compiled code calls through vmctx (w2o-abi.h,
 * enum w2o_builtin): memory.grow and the bulk memory and table instructions, with the
 * WebAssembly 2.0 semantics.
 *
 * Every builtin gets the vmctx of the instance whose code calls it, finds the instance
 * from it (instance_of), and the memory or table through the vmctx, so an imported one is
 * reached exactly as compiled code reaches it. Bounds are checked in 64 bits, before
 * anything is written: an access out of bounds writes nothing and traps through
 * w2o_raise_trap, with the builtin's return address naming the wasm function that called
 * it. A length of 0 is in bounds exactly when the offset is at most the size. A dropped
 * segment behaves as one of length 0. Copies handle overlap (memmove).
 *
 * Tables hold `void *` elements (a funcref table: `struct w2o_funcref *`, NULL for null)
 * in a malloc'd array that table.grow reallocates: compiled code reads `elements` from the
 * table each time, never keeps it. Growth is capped at W2O_TABLE_MAX_ELEMENTS, beyond
 * which table.grow fails (-1) as it does past the table's maximum.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define RETURN_ADDRESS() __builtin_return_address(0)

static inline void **elements_of(const struct w2o_table *t) {
  return (void **)(uintptr_t)t->elements;
}

/* ---- memories ------------------------------------------------------------------------- */

int32_t w2o_builtin_memory_grow(void *vmctx, uint32_t memory, uint32_t delta_pages) {
  struct w2o_memory *m = vm_memory(instance_of(vmctx), memory);
  if (delta_pages > W2O_MEMORY32_MAX_BYTES / W2O_WASM_PAGE_SIZE) return -1;
  int64_t old = w2o_memory_grow(m, (uint64_t)delta_pages * W2O_WASM_PAGE_SIZE);
  return old < 0 ? -1 : (int32_t)(old / W2O_WASM_PAGE_SIZE);
}

void w2o_builtin_memory_fill(void *vmctx, uint32_t memory, uint32_t dst, uint32_t value, uint32_t len) {
  const void *ra = RETURN_ADDRESS();
  struct w2o_memory *m = vm_memory(instance_of(vmctx), memory);
  if ((uint64_t)dst + len > m->size) w2o_raise_trap(W2O_TRAP_MEMORY_OUT_OF_BOUNDS, ra);
  memset(m->base + dst, (int)(value & 0xff), len);
}

void w2o_builtin_memory_copy(void *vmctx, uint32_t dst_memory, uint32_t src_memory, uint32_t dst, uint32_t src,
                             uint32_t len) {
  const void *ra = RETURN_ADDRESS();
  struct w2o_instance *inst = instance_of(vmctx);
  struct w2o_memory *d = vm_memory(inst, dst_memory);
  struct w2o_memory *s = vm_memory(inst, src_memory);
  if ((uint64_t)dst + len > d->size || (uint64_t)src + len > s->size) {
    w2o_raise_trap(W2O_TRAP_MEMORY_OUT_OF_BOUNDS, ra);
  }
  memmove(d->base + dst, s->base + src, len);
}

void w2o_builtin_memory_init(void *vmctx, uint32_t memory, uint32_t data, uint32_t dst, uint32_t src, uint32_t len) {
  const void *ra = RETURN_ADDRESS();
  struct w2o_instance *inst = instance_of(vmctx);
  struct w2o_memory *m = vm_memory(inst, memory);
  const struct w2o_data_desc *seg = desc_data(inst, data);
  uint64_t seg_size = inst->data_dropped[data] ? 0 : seg->size;
  if ((uint64_t)src + len > seg_size || (uint64_t)dst + len > m->size) {
    w2o_raise_trap(W2O_TRAP_MEMORY_OUT_OF_BOUNDS, ra);
  }
  if (len > 0) memcpy(m->base + dst, desc_bytes(inst, seg->bytes_off) + src, len);
}

void w2o_builtin_data_drop(void *vmctx, uint32_t data) {
  instance_of(vmctx)->data_dropped[data] = 1;
}

/* ---- tables --------------------------------------------------------------------------- */

void *w2o_builtin_table_get(void *vmctx, uint32_t table, uint32_t index) {
  const void *ra = RETURN_ADDRESS();
  struct w2o_table *t = vm_table(instance_of(vmctx), table);
  if (index >= t->size) w2o_raise_trap(W2O_TRAP_TABLE_OUT_OF_BOUNDS, ra);
  return elements_of(t)[index];
}

void w2o_builtin_table_set(void *vmctx, uint32_t table, uint32_t index, void *value) {
  const void *ra = RETURN_ADDRESS();
  struct w2o_table *t = vm_table(instance_of(vmctx), table);
  if (index >= t->size) w2o_raise_trap(W2O_TRAP_TABLE_OUT_OF_BOUNDS, ra);
  elements_of(t)[index] = value;
}

uint32_t w2o_builtin_table_size(void *vmctx, uint32_t table) {
  return vm_table(instance_of(vmctx), table)->size;
}

int32_t w2o_table_grow_impl(struct w2o_table *t, void *init, uint32_t delta) {
  uint32_t old = t->size;
  uint64_t size = (uint64_t)old + delta;
  if (size > t->max || size > W2O_TABLE_MAX_ELEMENTS) return -1; /* max 0xffffffff: none */
  if (delta == 0) return (int32_t)old;
  void **e = realloc(elements_of(t), (size_t)size * sizeof *e);
  if (e == NULL) return -1;
  for (uint64_t i = old; i < size; i++) e[i] = init;
  t->elements = (uint64_t)(uintptr_t)e;
  t->size = (uint32_t)size;
  return (int32_t)old;
}

int32_t w2o_builtin_table_grow(void *vmctx, uint32_t table, void *init, uint32_t delta) {
  return w2o_table_grow_impl(vm_table(instance_of(vmctx), table), init, delta);
}

void w2o_builtin_table_fill(void *vmctx, uint32_t table, uint32_t dst, void *value, uint32_t len) {
  const void *ra = RETURN_ADDRESS();
  struct w2o_table *t = vm_table(instance_of(vmctx), table);
  if ((uint64_t)dst + len > t->size) w2o_raise_trap(W2O_TRAP_TABLE_OUT_OF_BOUNDS, ra);
  void **e = elements_of(t);
  for (uint32_t i = 0; i < len; i++) e[dst + i] = value;
}

void w2o_builtin_table_copy(void *vmctx, uint32_t dst_table, uint32_t src_table, uint32_t dst, uint32_t src,
                            uint32_t len) {
  const void *ra = RETURN_ADDRESS();
  struct w2o_instance *inst = instance_of(vmctx);
  struct w2o_table *d = vm_table(inst, dst_table);
  struct w2o_table *s = vm_table(inst, src_table);
  if ((uint64_t)dst + len > d->size || (uint64_t)src + len > s->size) {
    w2o_raise_trap(W2O_TRAP_TABLE_OUT_OF_BOUNDS, ra);
  }
  if (len > 0) memmove(elements_of(d) + dst, elements_of(s) + src, (size_t)len * sizeof(void *));
}

void w2o_builtin_table_init(void *vmctx, uint32_t table, uint32_t elem, uint32_t dst, uint32_t src, uint32_t len) {
  const void *ra = RETURN_ADDRESS();
  struct w2o_instance *inst = instance_of(vmctx);
  struct w2o_table *t = vm_table(inst, table);
  const struct w2o_elem_desc *seg = desc_elem(inst, elem);
  uint64_t n = inst->elem_dropped[elem] ? 0 : seg->num_items;
  if ((uint64_t)src + len > n || (uint64_t)dst + len > t->size) w2o_raise_trap(W2O_TRAP_TABLE_OUT_OF_BOUNDS, ra);
  const struct w2o_elem_item *items = (const struct w2o_elem_item *)desc_bytes(inst, seg->items_off);
  void **e = elements_of(t);
  for (uint32_t i = 0; i < len; i++) e[dst + i] = elem_item_value(inst, &items[src + i]);
}

void w2o_builtin_elem_drop(void *vmctx, uint32_t elem) {
  instance_of(vmctx)->elem_dropped[elem] = 1;
}

/* ---- the table of builtins ------------------------------------------------------------ */

const w2o_any_fn w2o_builtin_table[W2O_BUILTIN_COUNT] = {
    [W2O_BUILTIN_MEMORY_GROW] = (w2o_any_fn)w2o_builtin_memory_grow,
    [W2O_BUILTIN_MEMORY_FILL] = (w2o_any_fn)w2o_builtin_memory_fill,
    [W2O_BUILTIN_MEMORY_COPY] = (w2o_any_fn)w2o_builtin_memory_copy,
    [W2O_BUILTIN_MEMORY_INIT] = (w2o_any_fn)w2o_builtin_memory_init,
    [W2O_BUILTIN_DATA_DROP] = (w2o_any_fn)w2o_builtin_data_drop,
    [W2O_BUILTIN_TABLE_GET] = (w2o_any_fn)w2o_builtin_table_get,
    [W2O_BUILTIN_TABLE_SET] = (w2o_any_fn)w2o_builtin_table_set,
    [W2O_BUILTIN_TABLE_SIZE] = (w2o_any_fn)w2o_builtin_table_size,
    [W2O_BUILTIN_TABLE_GROW] = (w2o_any_fn)w2o_builtin_table_grow,
    [W2O_BUILTIN_TABLE_FILL] = (w2o_any_fn)w2o_builtin_table_fill,
    [W2O_BUILTIN_TABLE_COPY] = (w2o_any_fn)w2o_builtin_table_copy,
    [W2O_BUILTIN_TABLE_INIT] = (w2o_any_fn)w2o_builtin_table_init,
    [W2O_BUILTIN_ELEM_DROP] = (w2o_any_fn)w2o_builtin_elem_drop,
};
_Static_assert(W2O_BUILTIN_COUNT == 13, "a builtin was added to src/abi/vmctx.ts: implement it here");

/* ---- host tables ---------------------------------------------------------------------- */

int w2o_table_alloc(struct w2o_table *t, uint32_t min, uint32_t max) {
  memset(t, 0, sizeof *t);
  if (min > max || min > W2O_TABLE_MAX_ELEMENTS) {
    errno = EINVAL;
    return -1;
  }
  void **e = calloc(min > 0 ? min : 1, sizeof *e);
  if (e == NULL) return -1;
  t->elements = (uint64_t)(uintptr_t)e;
  t->size = min;
  t->max = max;
  return 0;
}

void w2o_table_release(struct w2o_table *t) {
  free(elements_of(t));
  memset(t, 0, sizeof *t);
}
