/**
 * An ELF string table (`.strtab`, `.shstrtab`): NUL-terminated UTF-8 strings addressed by
 * byte offset, where offset 0 is the empty string.
 *
 * Two phases: `add` every string, then `finish` once, which fixes the bytes and every
 * offset. Before `finish` only `add` is allowed; after it only `offset` and `bytes`.
 *
 * Tail merging: a string that ends another one (`.text` ends `.rela.text`) takes no room
 * of its own and points into the longer one. Sorted by their bytes read backwards, in
 * descending order, the strings that end with a given string form a run that the string
 * itself closes; so comparing each string with the one before it finds every merge. The
 * bytes depend only on the set of strings added, never on the order of the calls.
 */
export type StringId = number & { readonly __brand: 'ElfStringId' };

const utf8 = new TextEncoder();

export class StringTable {
  private readonly ids = new Map<string, StringId>();
  private readonly encoded: Uint8Array[] = [];
  private offsets: number[] | null = null;
  private table: Uint8Array | null = null;

  /** Adds a string (once however often it is added) and returns its id. */
  add(s: string): StringId {
    if (this.table !== null) throw new Error('obj-elf: string table already finished');
    if (s.includes('\0')) throw new Error('obj-elf: a table string cannot contain NUL');
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.encoded.length as StringId;
      this.ids.set(s, id);
      this.encoded.push(utf8.encode(s));
    }
    return id;
  }

  /** Lays the strings out; returns the table's bytes. */
  finish(): Uint8Array {
    if (this.table !== null) return this.table;
    const strings = this.encoded;
    const order = strings.map((_, i) => i);
    // Array.prototype.sort is stable, so even equal encodings keep a fixed order.
    order.sort((a, b) => compareBackwards(strings[b]!, strings[a]!));
    const offsets = new Array<number>(strings.length).fill(0);
    let size = 1; // the empty string at offset 0
    let prev = -1;
    for (const i of order) {
      const s = strings[i]!;
      if (s.length === 0) continue;
      if (prev >= 0 && endsWith(strings[prev]!, s)) {
        offsets[i] = offsets[prev]! + strings[prev]!.length - s.length;
      } else {
        offsets[i] = size;
        size += s.length + 1;
      }
      prev = i;
    }
    if (size > 0xffffffff) throw new Error('obj-elf: string table larger than 4 GiB');
    const table = new Uint8Array(size);
    for (let i = 0; i < strings.length; i++) table.set(strings[i]!, offsets[i]!);
    this.offsets = offsets;
    this.table = table;
    return table;
  }

  offset(id: StringId): number {
    if (this.offsets === null) throw new Error('obj-elf: string offsets are known only after finish()');
    const off = this.offsets[id];
    if (off === undefined) throw new Error(`obj-elf: no string with id ${id}`);
    return off;
  }

  get bytes(): Uint8Array {
    if (this.table === null) throw new Error('obj-elf: string table bytes are known only after finish()');
    return this.table;
  }
}

/** Orders byte strings by their bytes from last to first; a string sorts before any it ends. */
export function compareBackwards(a: Uint8Array, b: Uint8Array): number {
  for (let i = a.length - 1, j = b.length - 1; i >= 0 && j >= 0; i--, j--) {
    if (a[i] !== b[j]) return a[i]! - b[j]!;
  }
  return a.length - b.length;
}

function endsWith(long: Uint8Array, tail: Uint8Array): boolean {
  if (tail.length > long.length) return false;
  const d = long.length - tail.length;
  for (let i = 0; i < tail.length; i++) if (long[d + i] !== tail[i]) return false;
  return true;
}
