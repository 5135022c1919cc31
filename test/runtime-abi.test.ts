/**
 * The definitions the compiler and the runtime share (src/abi) and the C header generated
 * from them: the trap codes and their messages (checked against the spec test suite's
 * texts), the trap site layout and its encoding, the committed header being current, and
 * the header's static assertions holding under the C compiler, and failing when the C
 * layout and the TypeScript one differ.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ABI_HEADER_PATH,
  TRAPS,
  TRAP_SITE,
  checkLayout,
  decodeTrapTable,
  encodeFuncTable,
  encodeTrapTable,
  generateAbiHeader,
  trapCode,
  trapEnumerator,
  trapKind,
  type StructLayout,
  type TrapCode,
} from '../src/abi/index.js';
import { makeTempDir, quietTool, tool } from './fixtures-elf/tools.js';
import { C_FLAGS, REPO, runtimeSources } from './fixtures-runtime/build.js';

const SPEC_SUITE = join(REPO, '..', 'shared', 'spec-testsuite');

let tmp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  tmp = makeTempDir('runtime-abi');
});
afterAll(() => tmp?.remove());

describe('trap codes', () => {
  test('are the spec texts, numbered 1..N in table order', () => {
    expect(TRAPS.map((t) => [t.code, t.name, t.message])).toEqual([
      [1, 'unreachable', 'unreachable'],
      [2, 'memory_out_of_bounds', 'out of bounds memory access'],
      [3, 'table_out_of_bounds', 'out of bounds table access'],
      [4, 'indirect_call_to_null', 'uninitialized element'],
      [5, 'bad_signature', 'indirect call type mismatch'],
      [6, 'integer_divide_by_zero', 'integer divide by zero'],
      [7, 'integer_overflow', 'integer overflow'],
      [8, 'bad_conversion_to_integer', 'invalid conversion to integer'],
      [9, 'stack_exhausted', 'call stack exhausted'],
      [10, 'null_reference', 'null reference'],
      [11, 'undefined_element', 'undefined element'],
      [12, 'internal_error', 'internal error: unexpected fault in wasm code'],
    ]);
    expect(new Set(TRAPS.map((t) => t.name)).size).toBe(TRAPS.length);
    for (const t of TRAPS) expect(t.name).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  test('lookups', () => {
    expect(trapCode('integer_overflow')).toBe(7);
    expect(trapKind(9)?.message).toBe('call stack exhausted');
    expect(trapKind(0)).toBeUndefined();
    expect(trapKind(TRAPS.length + 1)).toBeUndefined();
    expect(trapKind(1.5)).toBeUndefined();
    expect(trapEnumerator(TRAPS[1])).toBe('W2O_TRAP_MEMORY_OUT_OF_BOUNDS');
  });

  test("each message is one that the spec suite's assertions expect", () => {
    const wast = readdirSync(SPEC_SUITE)
      .filter((f) => f.endsWith('.wast'))
      .map((f) => readFileSync(join(SPEC_SUITE, f), 'utf8'))
      .join('\n');
    // null reference belongs to the function-references tests, which this suite predates;
    // the internal error is ours.
    for (const t of TRAPS.filter((t) => t.name !== 'null_reference' && t.name !== 'internal_error')) {
      expect(wast.includes(`"${t.message}")`), t.message).toBe(true);
    }
  });
});

describe('trap table', () => {
  test('the entry layout: two u32, 8 bytes', () => {
    expect(TRAP_SITE.fields.map((f) => [f.name, f.type, f.offset])).toEqual([
      ['text_offset', 'uint32_t', 0],
      ['code', 'uint32_t', 4],
    ]);
    expect([TRAP_SITE.size, TRAP_SITE.align]).toEqual([8, 4]);
    expect(() => checkLayout(TRAP_SITE)).not.toThrow();
  });

  test('layouts with gaps, misaligned fields or a wrong size are refused', () => {
    const bad = (change: Partial<StructLayout>) => () => checkLayout({ ...TRAP_SITE, ...change });
    expect(bad({ size: 12 })).toThrow(/size 12/);
    expect(bad({ align: 8 })).toThrow(/alignment 8/);
    expect(
      bad({
        fields: [
          { name: 'a', type: 'uint8_t', offset: 0, doc: '' },
          { name: 'b', type: 'uint32_t', offset: 1, doc: '' },
        ],
      }),
    ).toThrow(/b at 1/);
  });

  test('is encoded sorted, little-endian, and decodes back', () => {
    const c = (n: number) => n as TrapCode;
    const bytes = encodeTrapTable([
      { textOffset: 0x1234, code: c(6) },
      { textOffset: 5, code: c(1) },
      { textOffset: 0xfffffffe, code: c(2) },
    ]);
    expect(Buffer.from(bytes).toString('hex')).toBe(
      ['05000000', '01000000', '34120000', '06000000', 'feffffff', '02000000'].join(''),
    );
    expect(decodeTrapTable(bytes)).toEqual([
      { textOffset: 5, code: 1 },
      { textOffset: 0x1234, code: 6 },
      { textOffset: 0xfffffffe, code: 2 },
    ]);
    expect(encodeTrapTable([])).toEqual(new Uint8Array(0));
  });

  test('duplicate offsets, unknown codes and offsets beyond u32 are compiler bugs', () => {
    const c = (n: number) => n as TrapCode;
    expect(() => encodeTrapTable([{ textOffset: 8, code: c(1) }, { textOffset: 8, code: c(2) }])).toThrow(/two trap sites at .text\+0x8/);
    expect(() => encodeTrapTable([{ textOffset: 8, code: c(0) }])).toThrow(/unknown code 0/);
    expect(() => encodeTrapTable([{ textOffset: 8, code: c(TRAPS.length + 1) }])).toThrow(/unknown code/);
    expect(() => encodeTrapTable([{ textOffset: 2 ** 32, code: c(1) }])).toThrow(/not a u32/);
    expect(() => decodeTrapTable(new Uint8Array(12))).toThrow(/not whole entries/);
  });
});

describe('function table', () => {
  test('is sorted by offset, names shared in one NUL-terminated blob, unnamed ones marked', () => {
    const { table, names } = encodeFuncTable([
      { textOffset: 0x20, size: 0x10, name: 'g' },
      { textOffset: 0x00, size: 0x10, name: 'f' },
      { textOffset: 0x40, size: 0x08, name: undefined },
      { textOffset: 0x50, size: 0x08, name: 'f' },
    ]);
    // text_offset, size, name_offset, reserved: little-endian u32 each, 16 bytes a row.
    const u32s = Array.from(new Uint32Array(table.buffer, table.byteOffset, table.length / 4));
    expect(u32s).toEqual([0x00, 0x10, 0, 0, 0x20, 0x10, 2, 0, 0x40, 0x08, 0xffffffff, 0, 0x50, 0x08, 0, 0]);
    expect([...names]).toEqual([0x66, 0, 0x67, 0]);
  });

  test('overlapping functions are a compiler bug', () => {
    expect(() => encodeFuncTable([{ textOffset: 0, size: 8, name: undefined }, { textOffset: 4, size: 8, name: undefined }])).toThrow(/overlap/);
  });
});

describe('the generated C header', () => {
  test(`the committed ${ABI_HEADER_PATH} is what the generator gives now (npm run gen:abi)`, () => {
    expect(readFileSync(join(REPO, ABI_HEADER_PATH), 'utf8')).toBe(generateAbiHeader());
  });

  test('declares every code, message and layout', () => {
    const h = generateAbiHeader();
    expect(h).toContain('do not edit');
    for (const t of TRAPS) {
      expect(h).toMatch(new RegExp(`\\b${trapEnumerator(t)} += ${t.code},`));
      expect(h).toContain(`"${t.message}"`);
    }
    expect(h).toContain('_Static_assert(offsetof(struct w2o_trap_site, code) == 4,');
    expect(h).toContain('_Static_assert(sizeof(struct w2o_trap_site) == 8,');
  });

  test('compiles as strict C11, and C sees the codes, messages and layout TypeScript defines', () => {
    const c = join(tmp.dir, 'abi.c');
    writeFileSync(
      c,
      [
        '#include <stdio.h>',
        '#include "w2o-abi.h"',
        'int main(void) {',
        '  for (uint32_t i = 0; i <= W2O_TRAP_CODE_COUNT; i++) printf("%u %s\\n", i, w2o_trap_code_message(i) ? w2o_trap_code_message(i) : "(null)");',
        '  printf("site %zu %zu %zu\\n", sizeof(struct w2o_trap_site), offsetof(struct w2o_trap_site, text_offset), offsetof(struct w2o_trap_site, code));',
        '  return 0;',
        '}',
        '',
      ].join('\n'),
    );
    const exe = join(tmp.dir, 'abi');
    quietTool('cc', [...C_FLAGS, c, '-o', exe]);
    const lines = ['0 no trap', ...TRAPS.map((t) => `${t.code} ${t.message}`), `${TRAPS.length + 1} (null)`, 'site 8 0 4'];
    expect(quietTool(exe, [])).toBe(lines.join('\n') + '\n');
  });

  test('a C layout that differs from the TypeScript one stops the build', () => {
    const h = generateAbiHeader().replace('offsetof(struct w2o_trap_site, code) == 4', 'offsetof(struct w2o_trap_site, code) == 2');
    writeFileSync(join(tmp.dir, 'w2o-abi.h'), h);
    const c = join(tmp.dir, 'drift.c');
    writeFileSync(c, '#include "w2o-abi.h"\nint main(void) { return 0; }\n');
    const r = tool('cc', [...C_FLAGS.filter((f) => !f.startsWith('-I')), `-I${tmp.dir}`, '-c', c, '-o', join(tmp.dir, 'drift.o')]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('struct w2o_trap_site: offset of code differs from src/abi/layout.ts');
  });

  test('the runtime compiles cleanly at -O0 and -O2', () => {
    for (const opt of ['-O0', '-O2']) {
      for (const src of runtimeSources()) {
        quietTool('cc', [...C_FLAGS.filter((f) => !f.startsWith('-O')), opt, '-c', src, '-o', join(tmp.dir, 'x.o')]);
      }
    }
  });
});
