/*
 * loader.c: running an object written by wasm2obj without a linker (w2o_load).
 *
 * Design. Contract 2 makes this a copy, not a link: `.text` holds no relocation (calls
 * inside it were resolved by wasm2obj, everything per instance goes through vmctx), and
 * the descriptor holds offsets, never addresses. So the loader
 *
 *   1. maps the file read-only and checks it is what our ELF writer produces: a 64-bit
 *      little-endian x86-64 relocatable object (ET_REL), section headers inside the file,
 *      names inside their string tables;
 *   2. finds `.text` (PROGBITS, alloc + exec) and, in `.symtab`, the descriptor: the
 *      global STT_OBJECT symbol whose name ends in `_module` (when several do, the one
 *      whose bytes start with the descriptor magic; two such is an error);
 *   3. refuses relocations that patch `.text` or the descriptor's bytes (other sections,
 *      such as `.eh_frame` and the DWARF, may have theirs: nothing here reads them);
 *   4. copies `.text` into fresh anonymous pages, then makes them read+exec (never
 *      writable and executable at once), and the descriptor into 8-aligned heap memory;
 *   5. unmaps the file.
 *
 * Every size and offset read from the file is checked against the file before use, in
 * 64 bits, so a truncated or corrupt object gets an error, never a crash.
 */
#define _GNU_SOURCE

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

struct w2o_object {
  void *text;           /* read+exec pages, NULL when .text is empty */
  size_t text_mapping;  /* bytes mapped at text */
  void *descriptor;     /* 8-aligned copy */
};

struct file {
  const char *path;
  const uint8_t *bytes;
  uint64_t size;
  const Elf64_Shdr *sections;
  uint16_t n_sections;
  const Elf64_Shdr *shstrtab;
};

__attribute__((format(printf, 4, 5))) static void fail(struct w2o_error *err, enum w2o_error_kind kind,
                                                       const char *path, const char *fmt, ...) {
  if (err == NULL) return;
  memset(err, 0, sizeof *err);
  err->kind = kind;
  err->trap.message = w2o_trap_code_message(W2O_TRAP_NONE);
  int n = snprintf(err->message, sizeof err->message, "%s: ", path);
  if (n < 0 || (size_t)n >= sizeof err->message) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->message + n, sizeof err->message - (size_t)n, fmt, ap);
  va_end(ap);
}

#define BAD(...)                                          \
  do {                                                    \
    fail(err, W2O_ERR_BAD_MODULE, f->path, __VA_ARGS__);  \
    return false;                                         \
  } while (0)

/* A NUL-terminated string at `off` of a string table section, or NULL. */
static const char *string_at(const struct file *f, const Elf64_Shdr *table, uint64_t off) {
  if (table->sh_type != SHT_STRTAB || off >= table->sh_size) return NULL;
  const char *s = (const char *)f->bytes + table->sh_offset + off;
  return memchr(s, '\0', table->sh_size - off) != NULL ? s : NULL;
}

static bool check_headers(struct file *f, struct w2o_error *err) {
  if (f->size < sizeof(Elf64_Ehdr)) BAD("not an ELF object (too short)");
  const Elf64_Ehdr *eh = (const Elf64_Ehdr *)f->bytes;
  if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0) BAD("not an ELF object");
  if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB ||
      eh->e_ident[EI_VERSION] != EV_CURRENT) {
    BAD("not a 64-bit little-endian ELF object");
  }
  if (eh->e_type != ET_REL) BAD("not a relocatable object (ELF type %u)", eh->e_type);
  if (eh->e_machine != EM_X86_64) BAD("not an x86-64 object (machine %u)", eh->e_machine);
  if (eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shnum == 0 || eh->e_shstrndx == SHN_UNDEF ||
      eh->e_shstrndx >= eh->e_shnum) {
    BAD("unexpected section header table");
  }
  if (eh->e_shoff % 8 != 0 || eh->e_shoff > f->size || (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr) > f->size - eh->e_shoff) {
    BAD("section header table outside the file");
  }
  f->sections = (const Elf64_Shdr *)(f->bytes + eh->e_shoff);
  f->n_sections = eh->e_shnum;
  for (uint16_t i = 0; i < f->n_sections; i++) {
    const Elf64_Shdr *s = &f->sections[i];
    if (s->sh_type != SHT_NOBITS && s->sh_type != SHT_NULL &&
        (s->sh_offset > f->size || s->sh_size > f->size - s->sh_offset)) {
      BAD("section %u outside the file", i);
    }
  }
  f->shstrtab = &f->sections[eh->e_shstrndx];
  if (f->shstrtab->sh_type != SHT_STRTAB) BAD("section names are not a string table");
  return true;
}

static bool find_sections(const struct file *f, uint16_t *text, uint16_t *symtab, struct w2o_error *err) {
  *text = 0;
  *symtab = 0;
  for (uint16_t i = 1; i < f->n_sections; i++) {
    const Elf64_Shdr *s = &f->sections[i];
    const char *name = string_at(f, f->shstrtab, s->sh_name);
    if (name == NULL) BAD("section %u has no name", i);
    if (strcmp(name, ".text") == 0) {
      if (*text != 0) BAD("two .text sections");
      if (s->sh_type != SHT_PROGBITS || (s->sh_flags & (SHF_ALLOC | SHF_EXECINSTR)) != (SHF_ALLOC | SHF_EXECINSTR)) {
        BAD(".text is not code");
      }
      if (s->sh_addralign > (uint64_t)sysconf(_SC_PAGESIZE)) BAD(".text wants a %lu-byte alignment", (unsigned long)s->sh_addralign);
      *text = i;
    }
    if (s->sh_type == SHT_SYMTAB) {
      if (*symtab != 0) BAD("two symbol tables");
      if (s->sh_entsize != sizeof(Elf64_Sym) || s->sh_size % sizeof(Elf64_Sym) != 0 || s->sh_offset % 8 != 0 ||
          s->sh_link == 0 || s->sh_link >= f->n_sections) {
        BAD("unexpected symbol table");
      }
      *symtab = i;
    }
  }
  if (*text == 0) BAD("no .text section");
  if (*symtab == 0) BAD("no symbol table");
  return true;
}

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n > m && memcmp(s + n - m, suffix, m) == 0;
}

/* The descriptor's symbol: the one global STT_OBJECT `*_module` (see the design). */
static bool find_descriptor(const struct file *f, uint16_t symtab, const Elf64_Sym **out, struct w2o_error *err) {
  const Elf64_Shdr *st = &f->sections[symtab];
  const Elf64_Shdr *strtab = &f->sections[st->sh_link];
  const Elf64_Sym *syms = (const Elf64_Sym *)(f->bytes + st->sh_offset);
  size_t n = st->sh_size / sizeof(Elf64_Sym);
  const Elf64_Sym *found = NULL, *with_magic = NULL;
  size_t n_found = 0, n_with_magic = 0;
  for (size_t i = 1; i < n; i++) {
    const Elf64_Sym *s = &syms[i];
    if (ELF64_ST_BIND(s->st_info) != STB_GLOBAL || ELF64_ST_TYPE(s->st_info) != STT_OBJECT) continue;
    const char *name = string_at(f, strtab, s->st_name);
    if (name == NULL) BAD("symbol %zu has no name", i);
    if (!ends_with(name, "_module")) continue;
    if (s->st_shndx == SHN_UNDEF || s->st_shndx >= f->n_sections) BAD("%s is not defined in a section", name);
    const Elf64_Shdr *sec = &f->sections[s->st_shndx];
    if (sec->sh_type != SHT_PROGBITS || s->st_value > sec->sh_size || s->st_size > sec->sh_size - s->st_value) {
      BAD("%s is not inside a section with contents", name);
    }
    found = s;
    n_found++;
    uint32_t magic;
    if (s->st_size >= sizeof magic) {
      memcpy(&magic, f->bytes + sec->sh_offset + s->st_value, sizeof magic);
      if (magic == W2O_DESCRIPTOR_MAGIC) {
        with_magic = s;
        n_with_magic++;
      }
    }
  }
  if (n_found == 0) BAD("no module descriptor (a global data symbol <prefix>_module)");
  if (n_found > 1) {
    if (n_with_magic != 1) BAD("%zu module descriptors: one object, one module", n_with_magic);
    found = with_magic;
  }
  *out = found;
  return true;
}

/* No relocation may patch .text, nor the descriptor's bytes. */
static bool check_relocations(const struct file *f, uint16_t text, const Elf64_Sym *desc, struct w2o_error *err) {
  for (uint16_t i = 1; i < f->n_sections; i++) {
    const Elf64_Shdr *s = &f->sections[i];
    if (s->sh_type != SHT_RELA && s->sh_type != SHT_REL) continue;
    if (s->sh_info == text && s->sh_size > 0) BAD(".text has relocations: not an object the loader can run");
    if (s->sh_info != desc->st_shndx) continue;
    size_t entsize = s->sh_type == SHT_RELA ? sizeof(Elf64_Rela) : sizeof(Elf64_Rel);
    if (s->sh_entsize != entsize || s->sh_size % entsize != 0) BAD("unexpected relocation section %u", i);
    for (uint64_t at = 0; at < s->sh_size; at += entsize) {
      Elf64_Rel r; /* r_offset comes first in both forms */
      memcpy(&r, f->bytes + s->sh_offset + at, sizeof r);
      if (r.r_offset + 8 > desc->st_value && r.r_offset < desc->st_value + desc->st_size) {
        BAD("the module descriptor has relocations");
      }
    }
  }
  return true;
}

static bool load(struct file *f, struct w2o_object *o, struct w2o_error *err) {
  uint16_t text, symtab;
  const Elf64_Sym *sym;
  if (!check_headers(f, err) || !find_sections(f, &text, &symtab, err) || !find_descriptor(f, symtab, &sym, err) ||
      !check_relocations(f, text, sym, err)) {
    return false;
  }
  const Elf64_Shdr *ts = &f->sections[text];
  const uint8_t *desc_bytes = f->bytes + f->sections[sym->st_shndx].sh_offset + sym->st_value;
  struct w2o_module_desc head;
  if (sym->st_size < sizeof head) BAD("the module descriptor is %lu bytes, shorter than its head", (unsigned long)sym->st_size);
  memcpy(&head, desc_bytes, sizeof head);
  if (head.magic != W2O_DESCRIPTOR_MAGIC) BAD("the module descriptor has a bad magic");
  if (head.size > sym->st_size) BAD("the module descriptor claims %u bytes, its symbol has %lu", head.size, (unsigned long)sym->st_size);
  if (head.text_size != ts->sh_size) BAD("the descriptor's code is %u bytes, .text has %lu", head.text_size, (unsigned long)ts->sh_size);

  size_t desc_alloc = ((size_t)sym->st_size + 7) / 8 * 8;
  o->descriptor = aligned_alloc(8, desc_alloc);
  if (o->descriptor == NULL) {
    fail(err, W2O_ERR_RESOURCE, f->path, "out of memory");
    return false;
  }
  memset(o->descriptor, 0, desc_alloc);
  memcpy(o->descriptor, desc_bytes, sym->st_size);

  if (ts->sh_size > 0) {
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t mapping = ((size_t)ts->sh_size + page - 1) / page * page;
    void *p = mmap(NULL, mapping, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
      fail(err, W2O_ERR_RESOURCE, f->path, "cannot map %lu bytes of code: %s", (unsigned long)ts->sh_size, strerror(errno));
      return false;
    }
    memcpy(p, f->bytes + ts->sh_offset, ts->sh_size);
    if (mprotect(p, mapping, PROT_READ | PROT_EXEC) != 0) {
      fail(err, W2O_ERR_RESOURCE, f->path, "cannot make the code executable: %s", strerror(errno));
      munmap(p, mapping);
      return false;
    }
    o->text = p;
    o->text_mapping = mapping;
  }
  return true;
}

struct w2o_object *w2o_load(const char *path, struct w2o_error *err) {
  struct file f = {.path = path};
  struct w2o_object *o = calloc(1, sizeof *o);
  if (o == NULL) {
    fail(err, W2O_ERR_RESOURCE, path, "out of memory");
    return NULL;
  }
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) {
    fail(err, W2O_ERR_BAD_MODULE, path, "cannot open: %s", strerror(errno));
    if (fd >= 0) close(fd);
    free(o);
    return NULL;
  }
  if (!S_ISREG(st.st_mode) || st.st_size <= 0) {
    fail(err, W2O_ERR_BAD_MODULE, path, "not an ELF object (not a regular file, or empty)");
    close(fd);
    free(o);
    return NULL;
  }
  f.size = (uint64_t)st.st_size;
  void *bytes = mmap(NULL, (size_t)f.size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (bytes == MAP_FAILED) {
    fail(err, W2O_ERR_RESOURCE, path, "cannot map: %s", strerror(errno));
    free(o);
    return NULL;
  }
  f.bytes = bytes;
  bool ok = load(&f, o, err);
  munmap(bytes, (size_t)f.size);
  if (!ok) {
    w2o_object_free(o);
    return NULL;
  }
  if (err != NULL) memset(err, 0, sizeof *err);
  return o;
}

const void *w2o_object_descriptor(const struct w2o_object *o) {
  return o->descriptor;
}

const void *w2o_object_text(const struct w2o_object *o) {
  return o->text;
}

void w2o_object_free(struct w2o_object *o) {
  if (o == NULL) return;
  if (o->text != NULL) munmap(o->text, o->text_mapping);
  free(o->descriptor);
  free(o);
}
