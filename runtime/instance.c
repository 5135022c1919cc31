/*
 * instance.c: instantiating a module from its descriptor, its exports, calls into it.
 *
 * Design. w2o_instantiate follows the WebAssembly 2.0 order: check the descriptor
 * (everything it is later trusted for, so that a corrupt descriptor is an error, not a
 * crash), resolve and type-check the imports, make the instance, register its code with
 * the trap handler, then run the active element segments, the active data segments and
 * the start function. The instance is one allocation, the struct then the vmctx, which is
 * filled per the offsets the descriptor carries (src/abi/vmctx.ts computed them):
 *
 *   stack limit cell pointer  -> the group's w2o_store (below)
 *   builtins                  -> w2o_builtin_table (builtins.c)
 *   memories                  base, struct w2o_memory * (imported: the host's; defined:
 *                             reserved here, inst->memories)
 *   tables                    struct w2o_table * (defined: inst->tables)
 *   type ids                  canonical ids (w2o_type_id)
 *   funcrefs                  imported: a copy of the resolved funcref; defined: text +
 *                             offset, this vmctx, the type's id
 *   imported globals          pointer to the resolved cell
 *   globals                   16-byte cells, initialized
 *
 * A funcref value is a pointer to a funcref in its instance's vmctx, so it is valid as
 * long as that instance lives. The runtime does not count references between instances:
 * the host frees an instance only after those that imported from it (w2o.h).
 *
 * Stack limits. Compiled code compares rsp with *vmctx[0] in every prologue. The limit
 * belongs to a thread's stack, the cell to a group of instances (a "store"): instances
 * linked by imports share one cell, so a call from one into another checks against the
 * limit the outermost call set. A new instance that imports from instances of several
 * groups merges them (their vmctx[0] are repointed). The limit is set by the outermost
 * guarded call into the group (depth 0 -> 1) from the calling thread's stack bounds and
 * reset to 0 (no check) when that call ends; a group runs on one thread at a time.
 *
 * Code registration. Every distinct text is registered once with the trap handler (its
 * trap and function tables are in the descriptor) and counted; the last instance of it to
 * be freed unregisters it.
 *
 * Locks: `lock` guards the live list, the stores' membership, and the code registrations.
 * Type ids have their own lock. Calls take no lock.
 */
#define _GNU_SOURCE

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define PAGE W2O_WASM_PAGE_SIZE
#define MAX_PAGES (W2O_MEMORY32_MAX_BYTES / W2O_WASM_PAGE_SIZE)

/* ---- errors --------------------------------------------------------------------------- */

void w2o_error_set(struct w2o_error *err, enum w2o_error_kind kind, const char *fmt, ...) {
  if (err == NULL) return;
  memset(err, 0, sizeof *err);
  err->kind = kind;
  err->trap.message = w2o_trap_code_message(W2O_TRAP_NONE);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->message, sizeof err->message, fmt, ap);
  va_end(ap);
}

static void fail_trap(struct w2o_error *err, const struct w2o_trap_info *trap) {
  if (err == NULL) return;
  memset(err, 0, sizeof *err);
  err->kind = W2O_ERR_TRAP;
  err->trap = *trap;
  snprintf(err->message, sizeof err->message, "%s", trap->message != NULL ? trap->message : "trap");
}

/* ---- canonical type ids --------------------------------------------------------------- */

struct signature {
  uint64_t hash;
  uint32_t n_params, n_results;
  uint8_t *types; /* params then results */
};

static pthread_mutex_t types_lock = PTHREAD_MUTEX_INITIALIZER;
static struct signature *signatures; /* id - 1 -> signature */
static size_t n_signatures, signatures_cap;
static uint32_t *slots; /* open addressing, a power of two of them: 0 empty, else an id */
static size_t n_slots;

static uint64_t signature_hash(const uint8_t *p, size_t np, const uint8_t *r, size_t nr) {
  uint64_t h = 0xcbf29ce484222325u;
#define MIX(b) (h = (h ^ (uint8_t)(b)) * 0x100000001b3u)
  MIX(np);
  MIX(np >> 8);
  for (size_t i = 0; i < np; i++) MIX(p[i]);
  MIX(0xff);
  MIX(nr);
  MIX(nr >> 8);
  for (size_t i = 0; i < nr; i++) MIX(r[i]);
#undef MIX
  return h;
}

static bool signature_is(const struct signature *s, uint64_t h, const uint8_t *p, size_t np, const uint8_t *r,
                         size_t nr) {
  return s->hash == h && s->n_params == np && s->n_results == nr && (np == 0 || memcmp(s->types, p, np) == 0) &&
         (nr == 0 || memcmp(s->types + np, r, nr) == 0);
}

static bool rehash(size_t new_n_slots) {
  uint32_t *fresh = calloc(new_n_slots, sizeof *fresh);
  if (fresh == NULL) return false;
  for (size_t id = 1; id <= n_signatures; id++) {
    size_t i = (size_t)signatures[id - 1].hash & (new_n_slots - 1);
    while (fresh[i] != 0) i = (i + 1) & (new_n_slots - 1);
    fresh[i] = (uint32_t)id;
  }
  free(slots);
  slots = fresh;
  n_slots = new_n_slots;
  return true;
}

uint32_t w2o_type_id(const uint8_t *params, size_t n_params, const uint8_t *results, size_t n_results) {
  if (n_params > UINT32_MAX || n_results > UINT32_MAX) return 0;
  uint64_t h = signature_hash(params, n_params, results, n_results);
  uint32_t id = 0;
  pthread_mutex_lock(&types_lock);
  size_t i = 0;
  if (n_slots > 0) {
    for (i = (size_t)h & (n_slots - 1); slots[i] != 0; i = (i + 1) & (n_slots - 1)) {
      if (signature_is(&signatures[slots[i] - 1], h, params, n_params, results, n_results)) {
        id = slots[i];
        goto out;
      }
    }
  }
  if (n_signatures >= UINT32_MAX - 1) goto out;
  if ((n_signatures + 1) * 2 > n_slots) {
    if (!rehash(n_slots == 0 ? 64 : n_slots * 2)) goto out;
    for (i = (size_t)h & (n_slots - 1); slots[i] != 0; i = (i + 1) & (n_slots - 1)) {
    }
  }
  if (n_signatures == signatures_cap) {
    size_t cap = signatures_cap == 0 ? 32 : signatures_cap * 2;
    struct signature *grown = realloc(signatures, cap * sizeof *grown);
    if (grown == NULL) goto out;
    signatures = grown;
    signatures_cap = cap;
  }
  uint8_t *types = malloc(n_params + n_results + 1);
  if (types == NULL) goto out;
  if (n_params > 0) memcpy(types, params, n_params);
  if (n_results > 0) memcpy(types + n_params, results, n_results);
  signatures[n_signatures] = (struct signature){.hash = h, .n_params = (uint32_t)n_params,
                                                .n_results = (uint32_t)n_results, .types = types};
  id = (uint32_t)++n_signatures;
  slots[i] = id;
out:
  pthread_mutex_unlock(&types_lock);
  return id;
}

struct w2o_funcref *w2o_host_func(void *code, void *host_vmctx, const uint8_t *params, size_t n_params,
                                  const uint8_t *results, size_t n_results) {
  uint32_t id = w2o_type_id(params, n_params, results, n_results);
  if (id == 0) return NULL;
  struct w2o_funcref *f = malloc(sizeof *f);
  if (f == NULL) return NULL;
  f->code = (uint64_t)(uintptr_t)code;
  f->vmctx = (uint64_t)(uintptr_t)host_vmctx;
  f->type_id = id;
  f->reserved = 0;
  return f;
}

void w2o_host_func_free(struct w2o_funcref *f) {
  free(f);
}

/* ---- checking a descriptor ------------------------------------------------------------ */

static bool is_val_type(uint32_t t) {
  return (t >= 0x7b && t <= 0x7f) || t == 0x70 || t == 0x6f;
}
static bool is_ref_type(uint32_t t) {
  return t == 0x70 || t == 0x6f;
}

#define BAD(...)                                  \
  do {                                            \
    w2o_error_set(err, W2O_ERR_BAD_MODULE, __VA_ARGS__);   \
    return false;                                 \
  } while (0)

/* A segment offset: an i32 constant or an imported i32 global. */
static bool offset_ok(const struct w2o_module_desc *h, const struct w2o_global_desc *globals, uint32_t init,
                      uint32_t value) {
  if (init == W2O_INIT_CONST) return true;
  return init == W2O_INIT_GLOBAL_GET && value < h->num_imported_globals && globals[value].type == 0x7f;
}

static bool check_descriptor(const uint8_t *d, const void *text, struct w2o_error *err) {
  const struct w2o_module_desc *h = (const struct w2o_module_desc *)d;
  if (d == NULL || (uintptr_t)d % 8 != 0) BAD("descriptor is NULL or not 8-aligned");
  if (h->magic != W2O_DESCRIPTOR_MAGIC) BAD("not a module descriptor (bad magic 0x%08x)", h->magic);
  if (h->version != W2O_DESCRIPTOR_VERSION) {
    BAD("descriptor version %u, this runtime reads version %u", h->version, W2O_DESCRIPTOR_VERSION);
  }
  if (h->num_builtins > W2O_BUILTIN_COUNT) {
    BAD("descriptor needs %u builtins, this runtime has %u", h->num_builtins, (unsigned)W2O_BUILTIN_COUNT);
  }
  if (h->size < sizeof *h) BAD("descriptor of %u bytes is shorter than its head", h->size);
  if ((h->flags & ~W2O_DESC_FLAG_BOUNDS_CHECKS) != 0) BAD("descriptor has unknown flags 0x%x", h->flags);
  if (h->cpu_level < W2O_CPU_LEVEL_MIN || h->cpu_level > W2O_CPU_LEVEL_MAX) {
    BAD("descriptor is compiled for x86-64-v%u, this runtime knows x86-64-v%u to x86-64-v%u", h->cpu_level,
        W2O_CPU_LEVEL_MIN, W2O_CPU_LEVEL_MAX);
  }
  if ((h->cpu_features & ~((1u << W2O_CPU_FEATURE_COUNT) - 1)) != 0) {
    BAD("descriptor needs CPU features this runtime does not know (0x%x)", h->cpu_features);
  }
  if (h->text_size > 0 && text == NULL) BAD("module has %u bytes of code but no text was given", h->text_size);

  /* Arrays and blobs inside the descriptor, arrays 8-aligned. */
  const struct {
    const char *name;
    uint32_t count, off;
    size_t size;
  } arrays[] = {
      {"types", h->types_count, h->types_off, sizeof(struct w2o_type_desc)},
      {"imports", h->imports_count, h->imports_off, sizeof(struct w2o_import_desc)},
      {"exports", h->exports_count, h->exports_off, sizeof(struct w2o_export_desc)},
      {"funcs", h->funcs_count, h->funcs_off, sizeof(struct w2o_func_desc)},
      {"memories", h->memories_count, h->memories_off, sizeof(struct w2o_memory_desc)},
      {"tables", h->tables_count, h->tables_off, sizeof(struct w2o_table_desc)},
      {"globals", h->globals_count, h->globals_off, sizeof(struct w2o_global_desc)},
      {"elems", h->elems_count, h->elems_off, sizeof(struct w2o_elem_desc)},
      {"datas", h->datas_count, h->datas_off, sizeof(struct w2o_data_desc)},
      {"trap_sites", h->trap_sites_count, h->trap_sites_off, sizeof(struct w2o_trap_site)},
      {"func_infos", h->func_infos_count, h->func_infos_off, sizeof(struct w2o_func_info)},
      {"names", h->names_size, h->names_off, 1},
      {"strings", h->strings_size, h->strings_off, 1},
      {"bytes", h->bytes_size, h->bytes_off, 1},
  };
  for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++) {
    if (arrays[i].off % 8 != 0 || (uint64_t)arrays[i].off + (uint64_t)arrays[i].count * arrays[i].size > h->size) {
      BAD("descriptor's %s array is misplaced", arrays[i].name);
    }
  }

  /* The vmctx: the regions in layout order, inside vmctx_size, each aligned. */
  uint64_t at = W2O_VMCTX_BUILTINS + 8 * (uint64_t)h->num_builtins;
  const struct {
    const char *name;
    uint32_t off;
    uint64_t size;
    uint32_t align;
  } regions[] = {
      {"memories", h->vmctx_memories, 16 * (uint64_t)h->memories_count, 8},
      {"tables", h->vmctx_tables, 8 * (uint64_t)h->tables_count, 8},
      {"type ids", h->vmctx_type_ids, 4 * (uint64_t)h->types_count, 4},
      {"funcrefs", h->vmctx_funcrefs, sizeof(struct w2o_funcref) * (uint64_t)h->funcs_count, 8},
      {"imported globals", h->vmctx_imported_globals, 8 * (uint64_t)h->num_imported_globals, 8},
      {"globals", h->vmctx_globals, 16 * ((uint64_t)h->globals_count - h->num_imported_globals), 16},
  };
  if (h->num_imported_globals > h->globals_count) BAD("descriptor imports more globals than it has");
  for (size_t i = 0; i < sizeof regions / sizeof regions[0]; i++) {
    if (regions[i].off < at || regions[i].off % regions[i].align != 0) BAD("vmctx %s misplaced", regions[i].name);
    at = regions[i].off + regions[i].size;
  }
  if (at > h->vmctx_size || h->vmctx_size % 16 != 0) BAD("vmctx size %u too small or unaligned", h->vmctx_size);

  const uint8_t *bytes = d + h->bytes_off;
  const struct w2o_type_desc *types = (const void *)(d + h->types_off);
  const struct w2o_import_desc *imports = (const void *)(d + h->imports_off);
  const struct w2o_export_desc *exports = (const void *)(d + h->exports_off);
  const struct w2o_func_desc *funcs = (const void *)(d + h->funcs_off);
  const struct w2o_memory_desc *memories = (const void *)(d + h->memories_off);
  const struct w2o_table_desc *tables = (const void *)(d + h->tables_off);
  const struct w2o_global_desc *globals = (const void *)(d + h->globals_off);
  const struct w2o_elem_desc *elems = (const void *)(d + h->elems_off);
  const struct w2o_data_desc *datas = (const void *)(d + h->datas_off);
#define IN_BLOB(blob, off, len) ((uint64_t)(off) + (uint64_t)(len) <= h->blob##_size)

  for (uint32_t i = 0; i < h->types_count; i++) {
    const struct w2o_type_desc *t = &types[i];
    if (!IN_BLOB(bytes, t->params_off, t->num_params) || !IN_BLOB(bytes, t->results_off, t->num_results)) {
      BAD("type %u is outside the descriptor", i);
    }
    for (uint32_t k = 0; k < t->num_params; k++) {
      if (!is_val_type(bytes[t->params_off + k])) BAD("type %u has a bad parameter type", i);
    }
    for (uint32_t k = 0; k < t->num_results; k++) {
      if (!is_val_type(bytes[t->results_off + k])) BAD("type %u has a bad result type", i);
    }
    if (t->trampoline != W2O_DESC_NONE && t->trampoline >= h->text_size) BAD("type %u's trampoline is outside the text", i);
  }

  if (h->num_imported_funcs > h->funcs_count || h->num_imported_tables > h->tables_count ||
      h->num_imported_memories > h->memories_count) {
    BAD("descriptor imports more than it has");
  }
  const uint32_t counts[4] = {h->funcs_count, h->tables_count, h->memories_count, h->globals_count};
  const uint32_t imported[4] = {h->num_imported_funcs, h->num_imported_tables, h->num_imported_memories,
                                h->num_imported_globals};
  uint32_t next[4] = {0, 0, 0, 0};
  for (uint32_t i = 0; i < h->imports_count; i++) {
    const struct w2o_import_desc *imp = &imports[i];
    if (!IN_BLOB(strings, imp->module_off, imp->module_len) || !IN_BLOB(strings, imp->name_off, imp->name_len)) {
      BAD("import %u's name is outside the descriptor", i);
    }
    if (imp->kind > W2O_EXTERN_GLOBAL || imp->index != next[imp->kind] || next[imp->kind] >= imported[imp->kind]) {
      BAD("import %u has a bad kind or index", i);
    }
    next[imp->kind]++;
  }
  for (int k = 0; k < 4; k++) {
    if (next[k] != imported[k]) BAD("descriptor's imports do not match its counts");
  }

  for (uint32_t i = 0; i < h->funcs_count; i++) {
    if (funcs[i].type >= h->types_count) BAD("function %u has an unknown type", i);
    bool is_imported = i < h->num_imported_funcs;
    if (is_imported ? funcs[i].text_offset != W2O_DESC_NONE : funcs[i].text_offset >= h->text_size) {
      BAD("function %u's code is outside the text", i);
    }
  }
  for (uint32_t i = 0; i < h->memories_count; i++) {
    const struct w2o_memory_desc *m = &memories[i];
    if (m->min_pages > MAX_PAGES || (m->max_pages != W2O_DESC_NONE && (m->max_pages > MAX_PAGES || m->min_pages > m->max_pages))) {
      BAD("memory %u has bad limits", i);
    }
  }
  for (uint32_t i = 0; i < h->tables_count; i++) {
    const struct w2o_table_desc *t = &tables[i];
    if (!is_ref_type(t->elem_type) || (t->max != W2O_DESC_NONE && t->min > t->max)) BAD("table %u has a bad type", i);
  }
  for (uint32_t i = 0; i < h->globals_count; i++) {
    const struct w2o_global_desc *g = &globals[i];
    if (!is_val_type(g->type) || g->mutable > 1) BAD("global %u has a bad type", i);
    bool ok;
    if (i < h->num_imported_globals) {
      ok = g->init == W2O_INIT_NONE;
    } else {
      switch (g->init) {
      case W2O_INIT_CONST:
        ok = !is_ref_type(g->type);
        break;
      case W2O_INIT_GLOBAL_GET:
        ok = g->index < h->num_imported_globals && globals[g->index].type == g->type;
        break;
      case W2O_INIT_REF_NULL:
        ok = is_ref_type(g->type);
        break;
      case W2O_INIT_REF_FUNC:
        ok = g->type == 0x70 && g->index < h->funcs_count;
        break;
      default:
        ok = false;
      }
    }
    if (!ok) BAD("global %u has a bad initializer", i);
  }
  for (uint32_t i = 0; i < h->exports_count; i++) {
    const struct w2o_export_desc *e = &exports[i];
    if (!IN_BLOB(strings, e->name_off, e->name_len)) BAD("export %u's name is outside the descriptor", i);
    if (e->kind > W2O_EXTERN_GLOBAL || e->index >= counts[e->kind]) BAD("export %u has a bad kind or index", i);
  }
  if (h->start_func != W2O_DESC_NONE) {
    if (h->start_func >= h->funcs_count) BAD("unknown start function %u", h->start_func);
    const struct w2o_type_desc *t = &types[funcs[h->start_func].type];
    if (t->num_params != 0 || t->num_results != 0) BAD("the start function has parameters or results");
  }
  for (uint32_t i = 0; i < h->elems_count; i++) {
    const struct w2o_elem_desc *e = &elems[i];
    if (e->mode > W2O_SEGMENT_DECLARATIVE || !is_ref_type(e->elem_type)) BAD("element segment %u has a bad mode or type", i);
    if (e->items_off % 8 != 0 || !IN_BLOB(bytes, e->items_off, (uint64_t)e->num_items * sizeof(struct w2o_elem_item))) {
      BAD("element segment %u's items are misplaced", i);
    }
    if (e->mode == W2O_SEGMENT_ACTIVE &&
        (e->table >= h->tables_count || tables[e->table].elem_type != e->elem_type ||
         !offset_ok(h, globals, e->offset_init, e->offset_value))) {
      BAD("element segment %u has a bad table or offset", i);
    }
    const struct w2o_elem_item *items = (const void *)(bytes + e->items_off);
    for (uint32_t k = 0; k < e->num_items; k++) {
      const struct w2o_elem_item *item = &items[k];
      bool ok = item->init == W2O_INIT_REF_NULL ||
                (item->init == W2O_INIT_REF_FUNC && item->index < h->funcs_count && e->elem_type == 0x70) ||
                (item->init == W2O_INIT_GLOBAL_GET && item->index < h->num_imported_globals &&
                 globals[item->index].type == e->elem_type);
      if (!ok) BAD("element segment %u has a bad item %u", i, k);
    }
  }
  for (uint32_t i = 0; i < h->datas_count; i++) {
    const struct w2o_data_desc *s = &datas[i];
    if (s->mode > W2O_SEGMENT_PASSIVE || !IN_BLOB(bytes, s->bytes_off, s->size)) BAD("data segment %u is misplaced", i);
    if (s->mode == W2O_SEGMENT_ACTIVE &&
        (s->memory >= h->memories_count || !offset_ok(h, globals, s->offset_init, s->offset_value))) {
      BAD("data segment %u has a bad memory or offset", i);
    }
  }
#undef IN_BLOB
  return true;
}

/* ---- registrations, the live list, stores ---------------------------------------------- */

struct code_ref {
  struct code_ref *next;
  const void *text;
  size_t refs;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct code_ref *code_refs;
static struct w2o_instance *live;

/* Registers the instance's text, or counts one more user of it. Under `lock`. */
static bool acquire_code(struct w2o_instance *inst, struct w2o_error *err) {
  const struct w2o_module_desc *h = inst->desc;
  if (h->text_size == 0) return true;
  for (struct code_ref *r = code_refs; r != NULL; r = r->next) {
    if (r->text == inst->text) {
      r->refs++;
      inst->code = r;
      return true;
    }
  }
  struct code_ref *r = malloc(sizeof *r);
  if (r == NULL) {
    w2o_error_set(err, W2O_ERR_RESOURCE, "out of memory");
    return false;
  }
  struct w2o_code_info c = {
      .text_start = inst->text,
      .text_size = h->text_size,
      .sites = (const struct w2o_trap_site *)(inst->d + h->trap_sites_off),
      .n_sites = h->trap_sites_count,
      .funcs = (const struct w2o_func_info *)(inst->d + h->func_infos_off),
      .n_funcs = h->func_infos_count,
      .names = (const char *)(inst->d + h->names_off),
      .names_size = h->names_size,
  };
  if (w2o_register_code(&c) != 0) {
    int e = errno;
    free(r);
    if (e == ENOSPC) {
      w2o_error_set(err, W2O_ERR_RESOURCE, "too many modules registered (%d)", W2O_MAX_CODE_REGIONS);
    } else {
      w2o_error_set(err, W2O_ERR_BAD_MODULE, "the trap handler refused the module's code: bad trap or function table, "
                                    "or text overlapping another module's");
    }
    return false;
  }
  r->text = inst->text;
  r->refs = 1;
  r->next = code_refs;
  code_refs = r;
  inst->code = r;
  return true;
}

/* Under `lock`. */
static void release_code(struct w2o_instance *inst) {
  struct code_ref *r = inst->code;
  if (r == NULL || --r->refs > 0) return;
  for (struct code_ref **p = &code_refs; *p != NULL; p = &(*p)->next) {
    if (*p == r) {
      *p = r->next;
      break;
    }
  }
  w2o_unregister_code(r->text);
  free(r);
}

/* The live instance that owns what an import resolved to, or NULL (a host's). Under `lock`. */
static struct w2o_instance *owner_of(const struct w2o_extern *e) {
  for (struct w2o_instance *i = live; i != NULL; i = i->next) {
    const struct w2o_module_desc *h = i->desc;
    uint8_t *vm = vmctx_of(i);
    switch (e->kind) {
    case W2O_EXTERN_FUNC:
      if (e->u.func->vmctx == (uint64_t)(uintptr_t)vm) return i;
      break;
    case W2O_EXTERN_TABLE:
      if (e->u.table.table >= i->tables && e->u.table.table < i->tables + (h->tables_count - h->num_imported_tables)) {
        return i;
      }
      break;
    case W2O_EXTERN_MEMORY:
      if (e->u.memory >= i->memories &&
          e->u.memory < i->memories + (h->memories_count - h->num_imported_memories)) {
        return i;
      }
      break;
    default: {
      const uint8_t *cell = (const uint8_t *)e->u.global.cell;
      const uint8_t *cells = vm + h->vmctx_globals;
      if (cell >= cells && cell < cells + W2O_GLOBAL_CELL_SIZE * (size_t)(h->globals_count - h->num_imported_globals)) {
        return i;
      }
    }
    }
  }
  return NULL;
}

static void point_at_store(struct w2o_instance *inst, struct w2o_store *s) {
  inst->store = s;
  *(uint64_t **)(vmctx_of(inst) + W2O_VMCTX_STACK_LIMIT_PTR) = &s->stack_limit;
}

/* Puts the instance in the live list and in the store of the instances it imports from,
 * merging theirs into one; a new store when it imports from none. Under `lock`. */
static bool join(struct w2o_instance *inst, const struct w2o_extern *resolved, uint32_t n, struct w2o_error *err) {
  struct w2o_store *target = NULL;
  for (uint32_t k = 0; k < n; k++) {
    struct w2o_instance *owner = owner_of(&resolved[k]);
    if (owner == NULL || owner->store == target) continue;
    if (target == NULL) {
      target = owner->store;
      continue;
    }
    struct w2o_store *old = owner->store;
    for (struct w2o_instance *i = live; i != NULL; i = i->next) {
      if (i->store == old) point_at_store(i, target);
    }
    target->members += old->members;
    target->depth += old->depth;
    if (old->depth > 0 && target->stack_limit == 0) target->stack_limit = old->stack_limit;
    free(old);
  }
  if (target == NULL) {
    target = calloc(1, sizeof *target);
    if (target == NULL) {
      w2o_error_set(err, W2O_ERR_RESOURCE, "out of memory");
      return false;
    }
  }
  target->members++;
  point_at_store(inst, target);
  inst->prev = NULL;
  inst->next = live;
  if (live != NULL) live->prev = inst;
  live = inst;
  return true;
}

/* Frees what an instance holds, however far its making went. */
static void destroy(struct w2o_instance *inst) {
  pthread_mutex_lock(&lock);
  if (inst->store != NULL) {
    if (inst->prev != NULL) inst->prev->next = inst->next; else live = inst->next;
    if (inst->next != NULL) inst->next->prev = inst->prev;
    if (--inst->store->members == 0) free(inst->store);
  }
  release_code(inst);
  pthread_mutex_unlock(&lock);
  for (uint32_t i = 0; i < inst->n_memories_reserved; i++) w2o_memory_release(&inst->memories[i]);
  for (uint32_t i = 0; i < inst->n_tables_made; i++) free((void *)(uintptr_t)inst->tables[i].elements);
  free(inst->memories);
  free(inst->tables);
  free(inst->elem_dropped);
  free(inst->data_dropped);
  free(inst);
}

/* ---- calls ---------------------------------------------------------------------------- */

/* Headroom left below the limit for the signal handler's frames (it runs on its own stack,
 * but C builtins and host functions run on this one) and whatever C code wasm calls. */
#define STACK_HEADROOM (256 * 1024)

/* The stack limit for wasm code on this thread, or 0 (no check) when the stack in use is
 * not the thread's own (a coroutine's, say) or cannot be found. */
static uint64_t thread_stack_limit(void) {
  uintptr_t stack_lo, stack_hi;
  if (!w2o_thread_stack(&stack_lo, &stack_hi)) return 0;
  uintptr_t here = (uintptr_t)&here;
  if (here <= stack_lo || here >= stack_hi) return 0;
  uintptr_t headroom = STACK_HEADROOM;
  if (stack_hi - stack_lo < 2 * headroom) headroom = (stack_hi - stack_lo) / 2;
  return stack_lo + headroom;
}

/* Runs fn(arg) guarded, as a call into the instance's group: the outermost such call sets
 * the group's stack limit and clears it when it ends. */
static int call_into(struct w2o_instance *inst, void (*fn)(void *), void *arg, struct w2o_trap_info *trap) {
  struct w2o_trap_info local;
  if (trap == NULL) trap = &local;
  struct w2o_store *s = inst->store;
  if (s->depth++ == 0) s->stack_limit = thread_stack_limit();
  int rc = w2o_call_guarded(fn, arg, trap);
  s = inst->store; /* a store may have been merged into another meanwhile */
  if (--s->depth == 0) s->stack_limit = 0;
  if (rc < 0) {
    memset(trap, 0, sizeof *trap);
    trap->code = W2O_TRAP_INTERNAL_ERROR;
    trap->message = w2o_trap_code_message(W2O_TRAP_INTERNAL_ERROR);
    rc = W2O_TRAP_INTERNAL_ERROR;
  }
  return rc;
}

typedef void (*trampoline_fn)(void *callee_vmctx, const void *callee_code, w2o_val *values);

struct trampoline_call {
  trampoline_fn trampoline;
  const struct w2o_funcref *callee;
  w2o_val *values;
};

static void run_trampoline(void *arg) {
  struct trampoline_call *c = arg;
  c->trampoline((void *)(uintptr_t)c->callee->vmctx, (const void *)(uintptr_t)c->callee->code, c->values);
}

static void run_start(void *arg) {
  const struct w2o_funcref *f = arg;
  W2O_CODE_PTR(void (*)(void *), f->code)((void *)(uintptr_t)f->vmctx);
}

/* ---- instantiation -------------------------------------------------------------------- */

static const char *const kind_names[] = {"function", "table", "memory", "global"};

/* Checks the import against what the module expects; fails with a link error. */
static bool import_matches(const struct w2o_instance *inst, const struct w2o_import_desc *imp,
                           const struct w2o_extern *e, struct w2o_error *err) {
  const char *strings = (const char *)inst->d + inst->desc->strings_off;
  bool ok = e->kind == imp->kind;
  if (ok) {
    switch (imp->kind) {
    case W2O_EXTERN_FUNC:
      ok = e->u.func != NULL && e->u.func->type_id == vm_type_id(inst, desc_func(inst, imp->index)->type);
      break;
    case W2O_EXTERN_TABLE: {
      const struct w2o_table_desc *want = desc_table(inst, imp->index);
      const struct w2o_table *t = e->u.table.table;
      ok = t != NULL && e->u.table.elem_type == want->elem_type && t->size >= want->min &&
           (want->max == W2O_DESC_NONE || (t->max != W2O_DESC_NONE && t->max <= want->max));
      break;
    }
    case W2O_EXTERN_MEMORY: {
      const struct w2o_memory_desc *want = &DESC_ARRAY(inst, w2o_memory_desc, memories)[imp->index];
      const struct w2o_memory *m = e->u.memory;
      ok = m != NULL && m->size / PAGE >= want->min_pages &&
           (want->max_pages == W2O_DESC_NONE || (m->has_max && m->max / PAGE <= want->max_pages));
      break;
    }
    default: {
      const struct w2o_global_desc *want = desc_global(inst, imp->index);
      ok = e->u.global.cell != NULL && e->u.global.type == want->type && e->u.global.mutable_ == want->mutable;
    }
    }
  }
  if (!ok) {
    w2o_error_set(err, W2O_ERR_LINK, "incompatible import type: \"%.*s\" \"%.*s\" is not the %s the module imports",
         (int)imp->module_len, strings + imp->module_off, (int)imp->name_len, strings + imp->name_off,
         kind_names[imp->kind]);
  }
  return ok;
}

/* The value of a segment offset. */
static uint32_t segment_offset(const struct w2o_instance *inst, uint32_t init, uint32_t value) {
  return init == W2O_INIT_CONST ? value : (uint32_t)vm_global(inst, value)->i32;
}

/* Active element segments, then active data segments: 0, or the trap code of the first
 * out of bounds (what came before it stays written). Drops what the spec drops. */
static uint32_t run_segments(struct w2o_instance *inst) {
  const struct w2o_module_desc *h = inst->desc;
  for (uint32_t i = 0; i < h->elems_count; i++) {
    const struct w2o_elem_desc *seg = desc_elem(inst, i);
    if (seg->mode == W2O_SEGMENT_ACTIVE) {
      struct w2o_table *t = vm_table(inst, seg->table);
      uint32_t dst = segment_offset(inst, seg->offset_init, seg->offset_value);
      if ((uint64_t)dst + seg->num_items > t->size) return W2O_TRAP_TABLE_OUT_OF_BOUNDS;
      const struct w2o_elem_item *items = (const struct w2o_elem_item *)desc_bytes(inst, seg->items_off);
      void **e = (void **)(uintptr_t)t->elements;
      for (uint32_t k = 0; k < seg->num_items; k++) e[dst + k] = elem_item_value(inst, &items[k]);
    }
    if (seg->mode != W2O_SEGMENT_PASSIVE) inst->elem_dropped[i] = 1;
  }
  for (uint32_t i = 0; i < h->datas_count; i++) {
    const struct w2o_data_desc *seg = desc_data(inst, i);
    if (seg->mode != W2O_SEGMENT_ACTIVE) continue;
    struct w2o_memory *m = vm_memory(inst, seg->memory);
    uint32_t dst = segment_offset(inst, seg->offset_init, seg->offset_value);
    if ((uint64_t)dst + seg->size > m->size) return W2O_TRAP_MEMORY_OUT_OF_BOUNDS;
    if (seg->size > 0) memcpy(m->base + dst, desc_bytes(inst, seg->bytes_off), seg->size);
    inst->data_dropped[i] = 1;
  }
  return W2O_TRAP_NONE;
}

/* Whether the instance's functions may have escaped to others by the time it traps. */
static bool may_be_referenced(const struct w2o_module_desc *h) {
  return h->num_imported_tables > 0 || h->num_imported_globals > 0 || h->num_imported_funcs > 0;
}

struct w2o_instance *w2o_instantiate(const void *descriptor, const void *text, w2o_resolve_fn resolve, void *ctx,
                                     struct w2o_error *err) {
  if (err != NULL) w2o_error_set(err, W2O_ERR_NONE, "%s", "");
  const uint8_t *d = descriptor;
  if (!check_descriptor(d, text, err)) return NULL;
  const struct w2o_module_desc *h = descriptor;
  char why[512];
  if (!w2o_cpu_check(h, why, sizeof why)) {
    w2o_error_set(err, W2O_ERR_BAD_MODULE, "%s", why);
    return NULL;
  }

  struct w2o_instance *inst = aligned_alloc(16, W2O_INSTANCE_VMCTX_AT + h->vmctx_size);
  if (inst == NULL) {
    w2o_error_set(err, W2O_ERR_RESOURCE, "out of memory");
    return NULL;
  }
  memset(inst, 0, W2O_INSTANCE_VMCTX_AT + h->vmctx_size);
  inst->desc = h;
  inst->d = d;
  inst->text = text;
  uint32_t n_memories = h->memories_count - h->num_imported_memories;
  uint32_t n_tables = h->tables_count - h->num_imported_tables;
  inst->memories = calloc(n_memories + 1, sizeof *inst->memories);
  inst->tables = calloc(n_tables + 1, sizeof *inst->tables);
  inst->elem_dropped = calloc(h->elems_count + 1, 1);
  inst->data_dropped = calloc(h->datas_count + 1, 1);
  struct w2o_extern *resolved = calloc(h->imports_count + 1, sizeof *resolved);
  if (inst->memories == NULL || inst->tables == NULL || inst->elem_dropped == NULL || inst->data_dropped == NULL ||
      resolved == NULL) {
    w2o_error_set(err, W2O_ERR_RESOURCE, "out of memory");
    goto fail;
  }
  uint8_t *vm = vmctx_of(inst);

  /* Type ids first: imports are checked against them. */
  for (uint32_t t = 0; t < h->types_count; t++) {
    const struct w2o_type_desc *ty = desc_type(inst, t);
    uint32_t id = w2o_type_id(desc_bytes(inst, ty->params_off), ty->num_params, desc_bytes(inst, ty->results_off),
                              ty->num_results);
    if (id == 0) {
      w2o_error_set(err, W2O_ERR_RESOURCE, "out of memory");
      goto fail;
    }
    *(uint32_t *)(vm + h->vmctx_type_ids + 4 * (size_t)t) = id;
  }

  /* Imports. */
  const char *strings = (const char *)d + h->strings_off;
  for (uint32_t k = 0; k < h->imports_count; k++) {
    const struct w2o_import_desc *imp = &DESC_ARRAY(inst, w2o_import_desc, imports)[k];
    memset(&resolved[k], 0, sizeof resolved[k]);
    if (resolve == NULL || resolve(ctx, strings + imp->module_off, imp->module_len, strings + imp->name_off,
                                   imp->name_len, imp->kind, &resolved[k]) != 0) {
      w2o_error_set(err, W2O_ERR_LINK, "unknown import: \"%.*s\" \"%.*s\" (%s)", (int)imp->module_len,
           strings + imp->module_off, (int)imp->name_len, strings + imp->name_off,
           kind_names[imp->kind]);
      goto fail;
    }
    if (!import_matches(inst, imp, &resolved[k], err)) goto fail;
  }

  /* Builtins. */
  for (uint32_t b = 0; b < h->num_builtins; b++) {
    ((uint64_t *)(vm + W2O_VMCTX_BUILTINS))[b] = (uint64_t)(uintptr_t)w2o_builtin_table[b];
  }

  /* Memories and tables: the imported ones as resolved, the defined ones made here. */
  for (uint32_t k = 0; k < h->imports_count; k++) {
    const struct w2o_import_desc *imp = &DESC_ARRAY(inst, w2o_import_desc, imports)[k];
    const struct w2o_extern *e = &resolved[k];
    if (imp->kind == W2O_EXTERN_MEMORY) {
      uint8_t *slot = vm + h->vmctx_memories + 16 * (size_t)imp->index;
      *(uint8_t **)slot = e->u.memory->base;
      *(struct w2o_memory **)(slot + 8) = e->u.memory;
    } else if (imp->kind == W2O_EXTERN_TABLE) {
      *(struct w2o_table **)(vm + h->vmctx_tables + 8 * (size_t)imp->index) = e->u.table.table;
    } else if (imp->kind == W2O_EXTERN_GLOBAL) {
      *(w2o_val **)(vm + h->vmctx_imported_globals + 8 * (size_t)imp->index) = e->u.global.cell;
    } else {
      struct w2o_funcref *f = vm_funcref(inst, imp->index);
      f->code = e->u.func->code;
      f->vmctx = e->u.func->vmctx;
      f->type_id = e->u.func->type_id;
    }
  }
  for (uint32_t j = 0; j < n_memories; j++) {
    uint32_t index = h->num_imported_memories + j;
    const struct w2o_memory_desc *md = &DESC_ARRAY(inst, w2o_memory_desc, memories)[index];
    uint64_t max = md->max_pages == W2O_DESC_NONE ? UINT64_MAX : (uint64_t)md->max_pages * PAGE;
    if (w2o_memory_reserve((uint64_t)md->min_pages * PAGE, max, &inst->memories[j]) != 0) {
      w2o_error_set(err, W2O_ERR_RESOURCE, "cannot reserve memory %u of %u pages: %s", index, md->min_pages, strerror(errno));
      goto fail;
    }
    inst->n_memories_reserved++;
    uint8_t *slot = vm + h->vmctx_memories + 16 * (size_t)index;
    *(uint8_t **)slot = inst->memories[j].base;
    *(struct w2o_memory **)(slot + 8) = &inst->memories[j];
  }
  for (uint32_t j = 0; j < n_tables; j++) {
    uint32_t index = h->num_imported_tables + j;
    const struct w2o_table_desc *td = desc_table(inst, index);
    if (w2o_table_alloc(&inst->tables[j], td->min, td->max) != 0) {
      w2o_error_set(err, W2O_ERR_RESOURCE, "cannot make table %u of %u elements (at most %u)", index, td->min,
           W2O_TABLE_MAX_ELEMENTS);
      goto fail;
    }
    inst->n_tables_made++;
    *(struct w2o_table **)(vm + h->vmctx_tables + 8 * (size_t)index) = &inst->tables[j];
  }

  /* Defined functions, then defined globals (which may refer to functions). */
  for (uint32_t f = h->num_imported_funcs; f < h->funcs_count; f++) {
    const struct w2o_func_desc *fd = desc_func(inst, f);
    struct w2o_funcref *r = vm_funcref(inst, f);
    r->code = (uint64_t)(uintptr_t)(inst->text + fd->text_offset);
    r->vmctx = (uint64_t)(uintptr_t)vm;
    r->type_id = vm_type_id(inst, fd->type);
  }
  for (uint32_t g = h->num_imported_globals; g < h->globals_count; g++) {
    const struct w2o_global_desc *gd = desc_global(inst, g);
    w2o_val *cell = vm_global(inst, g);
    switch (gd->init) {
    case W2O_INIT_CONST:
      memcpy(cell->v128, &gd->value_lo, 8);
      memcpy(cell->v128 + 8, &gd->value_hi, 8);
      break;
    case W2O_INIT_GLOBAL_GET:
      *cell = *vm_global(inst, gd->index);
      break;
    case W2O_INIT_REF_FUNC:
      cell->ref = vm_funcref(inst, gd->index);
      break;
    default: /* W2O_INIT_REF_NULL: the cell is zero */
      break;
    }
  }

  /* Live: in the list, in its group, its code registered. */
  pthread_mutex_lock(&lock);
  bool joined = join(inst, resolved, h->imports_count, err) && acquire_code(inst, err);
  pthread_mutex_unlock(&lock);
  free(resolved);
  resolved = NULL;
  if (!joined) goto fail;

  /* Segments, then the start function. */
  struct w2o_trap_info trap;
  memset(&trap, 0, sizeof trap);
  trap.code = run_segments(inst);
  if (trap.code != W2O_TRAP_NONE) {
    trap.message = w2o_trap_code_message(trap.code);
  } else if (h->start_func != W2O_DESC_NONE) {
    call_into(inst, run_start, vm_funcref(inst, h->start_func), &trap);
  }
  if (trap.code != W2O_TRAP_NONE) {
    fail_trap(err, &trap);
    if (!may_be_referenced(h)) destroy(inst);
    return NULL;
  }
  return inst;

fail:
  free(resolved);
  destroy(inst);
  return NULL;
}

void w2o_instance_free(struct w2o_instance *inst) {
  if (inst != NULL) destroy(inst);
}

void *w2o_instance_vmctx(const struct w2o_instance *inst) {
  return vmctx_of(inst);
}

/* ---- exports -------------------------------------------------------------------------- */

static const struct w2o_export_desc *find_export(const struct w2o_instance *inst, const char *name, size_t len) {
  const char *strings = (const char *)inst->d + inst->desc->strings_off;
  const struct w2o_export_desc *exports = DESC_ARRAY(inst, w2o_export_desc, exports);
  for (uint32_t i = 0; i < inst->desc->exports_count; i++) {
    if (exports[i].name_len == len && (len == 0 || memcmp(strings + exports[i].name_off, name, len) == 0)) {
      return &exports[i];
    }
  }
  return NULL;
}

int w2o_instance_export(const struct w2o_instance *inst, const char *name, size_t name_len, struct w2o_extern *out) {
  const struct w2o_export_desc *e = find_export(inst, name, name_len);
  if (e == NULL) return -1;
  memset(out, 0, sizeof *out);
  out->kind = e->kind;
  switch (e->kind) {
  case W2O_EXTERN_FUNC:
    out->u.func = vm_funcref(inst, e->index);
    break;
  case W2O_EXTERN_TABLE:
    out->u.table.table = vm_table(inst, e->index);
    out->u.table.elem_type = (uint8_t)desc_table(inst, e->index)->elem_type;
    break;
  case W2O_EXTERN_MEMORY:
    out->u.memory = vm_memory(inst, e->index);
    break;
  default: {
    const struct w2o_global_desc *g = desc_global(inst, e->index);
    out->u.global.cell = vm_global(inst, e->index);
    out->u.global.type = (uint8_t)g->type;
    out->u.global.mutable_ = (uint8_t)g->mutable;
  }
  }
  return 0;
}

int w2o_export_func_type(const struct w2o_instance *inst, const char *name, size_t name_len, const uint8_t **params,
                         size_t *n_params, const uint8_t **results, size_t *n_results) {
  const struct w2o_export_desc *e = find_export(inst, name, name_len);
  if (e == NULL || e->kind != W2O_EXTERN_FUNC) return -1;
  const struct w2o_type_desc *t = desc_type(inst, desc_func(inst, e->index)->type);
  *params = desc_bytes(inst, t->params_off);
  *n_params = t->num_params;
  *results = desc_bytes(inst, t->results_off);
  *n_results = t->num_results;
  return 0;
}

int w2o_invoke(struct w2o_instance *inst, const char *name, size_t name_len, w2o_val *values,
               struct w2o_trap_info *trap) {
  const struct w2o_export_desc *e = find_export(inst, name, name_len);
  if (e == NULL || e->kind != W2O_EXTERN_FUNC) return -1;
  uint32_t tramp = desc_type(inst, desc_func(inst, e->index)->type)->trampoline;
  if (tramp == W2O_DESC_NONE) return -1;
  struct trampoline_call c = {
      .trampoline = W2O_CODE_PTR(trampoline_fn, inst->text + tramp),
      .callee = vm_funcref(inst, e->index),
      .values = values,
  };
  return call_into(inst, run_trampoline, &c, trap);
}
