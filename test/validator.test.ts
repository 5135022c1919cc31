/**
 * Diagnostics and the rules the spec suite exercises least: error text and offsets,
 * which of two problems decides the verdict, locals beyond the flat table, names in
 * errors, and the byte ranges translate hands to later stages.
 */
import { describe, expect, test } from 'vitest';
import { debugSections, formatWasmError, validateModule, ValidationResult } from '../src/translate/index.js';
import {
  F64, FUNCREF, I32, I64, ModuleBuilder, Op, customSection, nameSectionPayload, uleb, AT_END, SectionId,
} from './helpers/wasm-builder.js';

function verdict(r: ValidationResult): string {
  return r.ok ? 'ok' : `${r.error.kind} at 0x${r.error.offset.toString(16)}: ${r.error.reason}`;
}

/** Offset of the first occurrence of `needle` in `bytes` after `from`. */
function indexOf(bytes: Uint8Array, needle: number[], from = 8): number {
  outer: for (let i = from; i <= bytes.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  throw new Error('needle not found');
}

describe('function body diagnostics', () => {
  test('a type mismatch names the instruction, both types, the function and its offset', () => {
    const b = new ModuleBuilder();
    const t = b.addType([], [I32]);
    b.addFunction(t, [Op.i32_const, 1, Op.f64_const, 0, 0, 0, 0, 0, 0, 0, 0, Op.i32_add]);
    b.addCustom('name', nameSectionPayload({ functions: [[0, 'parse']] }));
    const bytes = b.toBytes();
    const r = validateModule(bytes);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const addAt = indexOf(bytes, [Op.i32_add, Op.end]);
    expect(r.error.offset).toBe(addAt);
    expect(formatWasmError('in.wasm', r.error)).toBe(
      `in.wasm:0x${addAt.toString(16)}: error: type mismatch in i32.add: expected i32, found f64 (func 0 "parse")`,
    );
  });

  test('function indices in errors count imported functions first', () => {
    const b = new ModuleBuilder();
    const t = b.addType([], []);
    b.addImport('env', 'f', { kind: 'func', type: t });
    b.addFunction(t, []);
    b.addFunction(t, [Op.drop]);
    const r = validateModule(b.toBytes());
    expect(r.ok ? -1 : r.error.funcIndex).toBe(2);
    expect(verdict(r)).toMatch(/type mismatch in drop: expected a value, but the stack is empty$/);
  });

  test('values left over at the end of a block', () => {
    const b = new ModuleBuilder();
    b.addFunction(b.addType([], []), [Op.block, 0x40, Op.i32_const, 0, Op.end]);
    expect(verdict(validateModule(b.toBytes()))).toMatch(/type mismatch at end: 1 value left on the stack at the end of the block$/);
  });

  test('a body without its final end is malformed at the body end', () => {
    const b = new ModuleBuilder();
    b.addFunction(b.addType([], []), [Op.block, 0x40]);
    const bytes = b.toBytes();
    expect(verdict(validateModule(bytes))).toBe(`malformed at 0x${bytes.length.toString(16)}: unexpected end of function body (END opcode expected)`);
  });

  test('unreachable code is typed with the bottom type', () => {
    const b = new ModuleBuilder();
    // unreachable; i32.add; drop; select leaves an unknown value that br_table accepts.
    b.addFunction(b.addType([], [I64]), [
      Op.unreachable, Op.i32_add, Op.drop, Op.select, Op.i64_const, 0, Op.i64_add,
    ]);
    expect(verdict(validateModule(b.toBytes()))).toBe('ok');
  });

  test('multi-value blocks take their params from the stack', () => {
    const b = new ModuleBuilder();
    const pair = b.addType([I32, I64], [I64, I32]);
    const f = b.addType([], [I64, I32]);
    // (i32.const 1) (i64.const 2) (block (type pair) ... swap via locals is overkill: just
    // drop both and push the results in the declared order.
    b.addFunction(f, [
      Op.i32_const, 1, Op.i64_const, 2,
      Op.block, ...uleb(pair), Op.drop, Op.drop, Op.i64_const, 3, Op.i32_const, 4, Op.end,
    ]);
    expect(verdict(validateModule(b.toBytes()))).toBe('ok');
  });
});

describe('which problem decides', () => {
  test('a malformed body after an invalid one makes the module malformed', () => {
    const b = new ModuleBuilder();
    const t = b.addType([], []);
    b.addFunction(t, [Op.i32_const, 0]); // invalid: a value left over
    b.addFunction(t, [0xff]); // malformed: not an opcode
    expect(verdict(validateModule(b.toBytes()))).toMatch(/^malformed at 0x[0-9a-f]+: illegal opcode 0xff$/);
  });

  test('a malformed data section after an invalid export makes the module malformed', () => {
    const b = new ModuleBuilder();
    b.addExport('f', 0, 7); // invalid: no function 7
    b.addMemory({ min: 1 });
    b.addData({ mode: 'passive', bytes: [] });
    const bytes = [...b.toBytes()];
    bytes[bytes.length - 2] = 9; // data segment flags 9 do not exist
    expect(verdict(validateModule(Uint8Array.from(bytes)))).toMatch(/^malformed .*malformed data segment kind 9$/);
  });

  test('otherwise the first invalid finding is reported', () => {
    const b = new ModuleBuilder();
    const t = b.addType([], []);
    b.addFunction(t, [Op.i32_const, 0]);
    b.addFunction(t, [Op.drop]);
    const r = validateModule(b.toBytes());
    expect(r.ok ? -1 : r.error.funcIndex).toBe(0);
  });
});

describe('locals', () => {
  test('locals past the flat table are typed from their declaration runs', () => {
    const b = new ModuleBuilder();
    const t = b.addType([I32], [F64]);
    // 1 param + 100000 i32 + 1 f64 + 5 i64: local 100001 is the f64.
    b.addFunction(t, [Op.local_get, ...uleb(100001)], [[100000, I32], [1, F64], [5, I64]]);
    expect(verdict(validateModule(b.toBytes()))).toBe('ok');
    const wrong = new ModuleBuilder();
    wrong.addFunction(wrong.addType([I32], [F64]), [Op.local_get, ...uleb(100002)], [[100000, I32], [1, F64], [5, I64]]);
    expect(verdict(validateModule(wrong.toBytes()))).toMatch(/type mismatch in end: expected f64, found i64$/);
  });

  test('a local index past the last local is unknown', () => {
    const b = new ModuleBuilder();
    b.addFunction(b.addType([I32], []), [Op.local_get, 2, Op.drop], [[1, I32]]);
    expect(verdict(validateModule(b.toBytes()))).toMatch(/invalid .*unknown local 2$/);
  });

  test('more than 2^32-1 locals are malformed, and cost no memory', () => {
    const b = new ModuleBuilder();
    b.addFunction(b.addType([], []), [], [[0xffffffff, I32], [1, I32]]);
    expect(verdict(validateModule(b.toBytes()))).toMatch(/^malformed .*too many locals$/);
  });

  test('2^32-1 locals are valid without being expanded', () => {
    const b = new ModuleBuilder();
    b.addFunction(b.addType([], [I64]), [Op.local_get, ...uleb(0xfffffffe)], [[0xfffffffe, I32], [1, I64]]);
    expect(verdict(validateModule(b.toBytes()))).toBe('ok');
  });
});

describe('module-level rules', () => {
  test('ref.func needs a declaration outside function bodies', () => {
    const b = new ModuleBuilder();
    const t = b.addType([], [FUNCREF]);
    b.addFunction(t, [Op.ref_func, 0]);
    expect(verdict(validateModule(b.toBytes()))).toMatch(/invalid .*undeclared function reference 0$/);
    b.addElem({ mode: 'declarative', funcs: [0] });
    expect(verdict(validateModule(b.toBytes()))).toBe('ok');
  });

  test('constant expressions may read only imported immutable globals', () => {
    const b = new ModuleBuilder();
    b.addImport('env', 'g', { kind: 'global', valType: I32, mutable: true });
    b.addGlobal(I32, false, [Op.global_get, 0]);
    expect(verdict(validateModule(b.toBytes()))).toMatch(/invalid .*constant expression required: global 0 is mutable$/);
  });

  test('duplicate export names', () => {
    const b = new ModuleBuilder();
    b.addMemory({ min: 1 });
    b.addExport('m', 2, 0);
    b.addExport('m', 2, 0);
    expect(verdict(validateModule(b.toBytes()))).toMatch(/invalid .*duplicate export name "m"$/);
  });
});

describe('what translate hands on', () => {
  test('bodies are byte ranges of the input, custom sections are kept', () => {
    const b = new ModuleBuilder();
    const t = b.addType([], []);
    b.addFunction(t, [Op.nop]);
    b.addFunction(t, [Op.nop, Op.nop]);
    b.addRawSection(customSection('.debug_info', [1, 2, 3]), AT_END);
    b.addRawSection(customSection('producers', [0]), SectionId.Type);
    const bytes = b.toBytes();
    const r = validateModule(bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const m = r.module;
    // Body = local declaration count (0), the nops, end.
    expect([...bytes.subarray(m.bodyStart[0], m.bodyEnd[0])]).toEqual([0, Op.nop, Op.end]);
    expect([...bytes.subarray(m.bodyStart[1], m.bodyEnd[1])]).toEqual([0, Op.nop, Op.nop, Op.end]);
    expect(m.codeSection!.start).toBeLessThan(m.bodyStart[0]!);
    expect(m.customSections.map((s) => s.name)).toEqual(['producers', '.debug_info']);
    const [debugInfo] = debugSections(m);
    expect([...bytes.subarray(debugInfo!.start, debugInfo!.end)]).toEqual([1, 2, 3]);
  });

  test('a broken name section is ignored, not an error', () => {
    const b = new ModuleBuilder();
    b.addFunction(b.addType([], []), []);
    b.addCustom('name', [1, 5, 1, 0, 9, 0x61]); // function names claim a 9-byte name
    const r = validateModule(b.toBytes());
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.module.names.functionNames.size).toBe(0);
  });
});
