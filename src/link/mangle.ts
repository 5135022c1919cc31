/**
 * Names from a wasm module turned into C identifiers, without two names ever giving the
 * same identifier (contract 5: exports are the global symbols `<prefix>_<export>`).
 *
 * The rule, on the name's UTF-8 bytes:
 *
 *   - `A`-`Z`, `a`-`z`, `0`-`9` stand for themselves;
 *   - every other byte b becomes the escape `_xHH_`, HH the two lowercase hex digits of b;
 *   - `_` stands for itself too, except where what follows it would read as an escape (an
 *     `x`, two of `0-9a-f`, then a byte that is written with a leading `_`: an `_` or any
 *     byte of the previous rule); it is then written `_x5f_`.
 *
 * Reading back is unambiguous: an `_` that starts `_x` + two lowercase hex digits + `_` is
 * an escape, any other character is itself. Since every output reads back to its input,
 * two different names never share an identifier. Names that are plain C identifiers
 * (`add`, `sum_table`, `__heap_base`) are unchanged; `a.b` is `a_x2e_b`.
 *
 * On top of that, an export's mangled name is the identifier after `<prefix>_`, and the
 * object defines `<prefix>_module` and `<prefix>_text`, and its header
 * `<prefix>_instantiate`: an export whose mangled name is one of `RESERVED_EXPORT_NAMES` has
 * its last byte escaped (`module` becomes `modul_x65_`), which still reads back to itself
 * (the last rather than the first, so that no `__` appears after the prefix: gdb reads a
 * `__` in a symbol as Ada's `.`).
 * A standalone identifier (a prefix) cannot start with a digit, which is escaped the same
 * way (`2048` becomes `_x32_048`).
 */

/** Identifiers after `<prefix>_` that the object or its header already use. */
export const RESERVED_EXPORT_NAMES: ReadonlySet<string> = new Set(['module', 'text', 'instantiate']);

const utf8 = new TextEncoder();
/** Decodes the runs of ASCII bytes kept as they are. */
const ascii = new TextDecoder();

const isAlnum = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
const isLowerHex = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66);
const UNDERSCORE = 0x5f;
const LOWER_X = 0x78;

const escape = (b: number) => `_x${b.toString(16).padStart(2, '0')}_`;

/** Whether the `_` at `i` would be read as the start of an escape if written as itself. */
function underscoreNeedsEscape(bytes: Uint8Array, i: number): boolean {
  return (
    i + 4 < bytes.length &&
    bytes[i + 1] === LOWER_X &&
    isLowerHex(bytes[i + 2]!) &&
    isLowerHex(bytes[i + 3]!) &&
    !isAlnum(bytes[i + 4]!)
  );
}

/** The bytes of `bytes[from..]` as the rule writes them. */
function mangleBytes(bytes: Uint8Array, from: number): string {
  let out = '';
  let run = from; // start of the pending run of bytes written as themselves
  for (let i = from; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (isAlnum(b) || (b === UNDERSCORE && !underscoreNeedsEscape(bytes, i))) continue;
    out += ascii.decode(bytes.subarray(run, i)) + escape(b);
    run = i + 1;
  }
  return out + ascii.decode(bytes.subarray(run));
}

/** The C identifier that stands for `name` after `<prefix>_` (see the rule above). */
export function mangleExportName(name: string): string {
  const bytes = utf8.encode(name);
  const plain = mangleBytes(bytes, 0);
  if (!RESERVED_EXPORT_NAMES.has(plain)) return plain;
  return mangleBytes(bytes.subarray(0, bytes.length - 1), 0) + escape(bytes[bytes.length - 1]!);
}

/**
 * `name` as a C identifier of its own (a symbol prefix): the same rule, with a leading
 * digit escaped. Empty in, empty out: the caller decides what an empty name means.
 */
export function mangleIdentifier(name: string): string {
  const bytes = utf8.encode(name);
  if (bytes.length > 0 && bytes[0]! >= 0x30 && bytes[0]! <= 0x39) return escape(bytes[0]!) + mangleBytes(bytes, 1);
  return mangleBytes(bytes, 0);
}

/** The inverse of the rule: the name a mangled identifier stands for. */
export function demangle(id: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (
      c === UNDERSCORE &&
      id.charCodeAt(i + 1) === LOWER_X &&
      isLowerHex(id.charCodeAt(i + 2)) &&
      isLowerHex(id.charCodeAt(i + 3)) &&
      id.charCodeAt(i + 4) === UNDERSCORE
    ) {
      bytes.push(parseInt(id.slice(i + 2, i + 4), 16));
      i += 4;
    } else {
      bytes.push(c);
    }
  }
  return new TextDecoder().decode(Uint8Array.from(bytes));
}

const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether `s` has the shape of a C identifier (keywords are not checked). */
export function isCIdentifier(s: string): boolean {
  return C_IDENTIFIER.test(s);
}

/**
 * The default prefix of a module read from `path`: its file name without the directory
 * and a `.wasm` extension, as `mangleIdentifier` writes it; undefined when nothing is left.
 */
export function prefixFromFileName(path: string): string | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.wasm$/i, '');
  const id = mangleIdentifier(base);
  return id === '' ? undefined : id;
}
