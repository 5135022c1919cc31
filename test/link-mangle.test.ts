/**
 * Export names as C identifiers (src/link/mangle.ts): plain identifiers unchanged, the
 * escapes worked out by hand, the reserved names, and the property that matters: every
 * output reads back to its input, so two different names never share an identifier.
 */
import { describe, expect, test } from 'vitest';
import {
  RESERVED_EXPORT_NAMES,
  demangle,
  isCIdentifier,
  mangleExportName,
  mangleIdentifier,
  prefixFromFileName,
} from '../src/link/index.js';

describe('export names', () => {
  test('C identifiers stay as they are', () => {
    for (const n of ['add', 'sum_table', '__heap_base', '_start', 'x', 'X9', 'a_b_c', '_x', '_x4', '_x41', '_x41a', '_x4g_']) {
      expect(mangleExportName(n)).toBe(n);
    }
  });

  test('other bytes become _xHH_, and an _ that would read as an escape is escaped itself', () => {
    expect(mangleExportName('a.b')).toBe('a_x2e_b');
    expect(mangleExportName('')).toBe('');
    expect(mangleExportName('-')).toBe('_x2d_');
    expect(mangleExportName('é')).toBe('_xc3__xa9_');
    expect(mangleExportName('a b')).toBe('a_x20_b');
    // Literally "_x2e_": written as is, it would read as ".".
    expect(mangleExportName('_x2e_')).toBe('_x5f_x2e_');
    expect(mangleExportName('_x2e.')).toBe('_x5f_x2e_x2e_');
    // An uppercase hex digit never starts an escape, nor does an escape-like run without its closing _.
    expect(mangleExportName('_x2E_')).toBe('_x2E_');
    expect(mangleExportName('_x2e')).toBe('_x2e');
    expect(mangleExportName('1st')).toBe('1st');
  });

  test('reserved names have their last byte escaped', () => {
    expect([...RESERVED_EXPORT_NAMES].map(mangleExportName)).toEqual(['modul_x65_', 'tex_x74_', 'instantiat_x65_']);
    expect(mangleExportName('modules')).toBe('modules');
    expect(mangleExportName('modul_x65_')).toBe('modul_x5f_x65_');
  });

  test('every identifier reads back to its name, so no two names collide', () => {
    // Enough to form escapes (_x2e_, _xae_), near-escapes and the bytes that need one.
    const alphabet = ['_', 'x', '2', 'e', 'a', 'Z', '.', 'é', '\0', 't'];
    // Every string of up to 5 characters of the alphabet (111,111), plus the reserved names.
    const seen = new Map<string, string>();
    const check = (name: string) => {
      const id = mangleExportName(name);
      if (!/^[A-Za-z0-9_]*$/.test(id)) throw new Error(`'${name}' gives '${id}', not an identifier's characters`);
      const other = seen.get(id);
      if (other !== undefined) throw new Error(`'${name}' and '${other}' both give '${id}'`);
      seen.set(id, name);
      if (demangle(id) !== name) throw new Error(`'${name}' gives '${id}', which reads back as '${demangle(id)}'`);
    };
    const grow = (prefix: string, depth: number) => {
      check(prefix);
      if (depth === 0) return;
      for (const c of alphabet) grow(prefix + c, depth - 1);
    };
    grow('', 5);
    for (const n of RESERVED_EXPORT_NAMES) if (seen.get(mangleExportName(n)) !== n) check(n);
    expect(seen.size).toBeGreaterThan(110_000);
  });
});

describe('prefixes', () => {
  test('from the file name: no directory, no .wasm, mangled, a leading digit escaped', () => {
    expect(prefixFromFileName('fixtures/hello.wasm')).toBe('hello');
    expect(prefixFromFileName('/a/b/sqlite3.wasm')).toBe('sqlite3');
    expect(prefixFromFileName('my-lib.WASM')).toBe('my_x2d_lib');
    expect(prefixFromFileName('2048.wasm')).toBe('_x32_048');
    expect(prefixFromFileName('noext')).toBe('noext');
    expect(prefixFromFileName('dir/.wasm')).toBeUndefined();
    expect(mangleIdentifier('9')).toBe('_x39_');
    expect(demangle(mangleIdentifier('2048'))).toBe('2048');
  });

  test('C identifiers', () => {
    for (const s of ['a', '_', 'hello_world', 'A9']) expect(isCIdentifier(s)).toBe(true);
    for (const s of ['', '9a', 'a-b', 'a.b', 'é']) expect(isCIdentifier(s)).toBe(false);
  });
});
