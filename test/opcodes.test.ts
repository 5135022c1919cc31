/**
 * The opcode table, checked against an independent engine: for every instruction whose
 * typing is a fixed signature, a module using it exactly as the table says must be
 * accepted by V8 and by us, and the same module with an operand, the result or the
 * alignment made wrong must be rejected by both. That pins every opcode number,
 * immediate form and signature of the table to what V8 implements.
 */
import { describe, expect, test } from 'vitest';
import { Imm, OPCODE_ROWS, opcodeImm, opcodeExtra, sigArity, sigParam0, sigParam1, sigParam2, sigResult, hasSignature, PREFIX_FC, PREFIX_FD } from '../src/translate/opcodes.js';
import { validateModule } from '../src/translate/index.js';
import { F32, F64, FUNCREF, I32, I64, ModuleBuilder, V128, hex, uleb } from './helpers/wasm-builder.js';

function encodeOpcode(id: number): number[] {
  if (id < 0x100) return [id];
  return [id < 0x200 ? PREFIX_FC : PREFIX_FD, ...uleb(id & 0xff)];
}

/** Immediates that make the instruction valid in the module built below. */
function immediates(id: number, alignDelta = 0): number[] {
  switch (opcodeImm[id]) {
    case Imm.None: return [];
    case Imm.MemArg: return [...uleb(opcodeExtra[id]! + alignDelta), 0];
    case Imm.MemArgLane: return [...uleb(opcodeExtra[id]! + alignDelta), 0, 0];
    case Imm.Lane: return [0];
    case Imm.V128: case Imm.Shuffle: return new Array(16).fill(0);
    case Imm.I32: case Imm.I64: return [0];
    case Imm.F32: return [0, 0, 0, 0];
    case Imm.F64: return [0, 0, 0, 0, 0, 0, 0, 0];
    case Imm.ZeroByte: return [0];
    case Imm.MemoryInit: return [0, 0];
    case Imm.MemoryCopy: return [0, 0];
    case Imm.TableInit: case Imm.TableCopy: return [0, 0];
    case Imm.Table: return [0];
    default: throw new Error(`no immediates for opcode id 0x${id.toString(16)}`);
  }
}

/**
 * A function (params) -> (result) whose body is `local.get` of each param then the
 * instruction, in a module that has a memory, a table, a passive element segment and a
 * passive data segment with a data count, so that every instruction has what it refers to.
 */
function moduleFor(id: number, params: number[], result: number, alignDelta = 0): Uint8Array<ArrayBuffer> {
  const b = new ModuleBuilder();
  const type = b.addType(params, result === 0 ? [] : [result]);
  b.addMemory({ min: 1 });
  b.addTable(FUNCREF, { min: 1 });
  b.addElem({ mode: 'passive', funcs: [] });
  b.addData({ mode: 'passive', bytes: [1] });
  b.dataCount = true;
  const code = [...params.flatMap((_, i) => [0x20, ...uleb(i)]), ...encodeOpcode(id), ...immediates(id, alignDelta)];
  b.addFunction(type, code);
  return b.toBytes();
}

function paramsOf(id: number): number[] {
  return [sigParam0[id]!, sigParam1[id]!, sigParam2[id]!].slice(0, sigArity[id]!);
}

/** A different value type, to make an operand or result wrong. */
const other = (t: number) => (t === I32 ? I64 : I32);

const signatureRows = OPCODE_ROWS.filter(([id]) => hasSignature[id] === 1);

describe('opcode table', () => {
  test('ids are sorted and unique, names unique except the two forms of select', () => {
    const ids = OPCODE_ROWS.map(([id]) => id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    const names = OPCODE_ROWS.map(([, name]) => name).filter((n) => n !== 'select');
    expect(new Set(names).size).toBe(names.length);
  });

  test('covers every 0xFC opcode of 2.0 and the 236 SIMD opcodes', () => {
    expect(OPCODE_ROWS.filter(([id]) => id >= 0x100 && id < 0x200).length).toBe(18);
    expect(OPCODE_ROWS.filter(([id]) => id >= 0x200).length).toBe(236);
  });

  test.each(signatureRows.map(([id, name]) => [name, id] as const))('%s: accepted as the table types it, by V8 and by us', (_, id) => {
    const bytes = moduleFor(id, paramsOf(id), sigResult[id]!);
    expect(WebAssembly.validate(bytes), `V8 rejects ${hex(bytes, 200)}`).toBe(true);
    const ours = validateModule(bytes);
    expect(ours.ok ? 'ok' : ours.error.reason).toBe('ok');
  });

  test.each(signatureRows.filter(([id]) => sigArity[id]! > 0).map(([id, name]) => [name, id] as const))(
    '%s: a wrong first operand is rejected by both',
    (_, id) => {
      const params = paramsOf(id);
      params[0] = other(params[0]!);
      const bytes = moduleFor(id, params, sigResult[id]!);
      expect(WebAssembly.validate(bytes)).toBe(false);
      const ours = validateModule(bytes);
      expect(ours.ok ? 'ok' : ours.error.kind).toBe('invalid');
    },
  );

  test.each(signatureRows.filter(([id]) => sigResult[id] !== 0).map(([id, name]) => [name, id] as const))(
    '%s: a wrong result type is rejected by both',
    (_, id) => {
      const bytes = moduleFor(id, paramsOf(id), other(sigResult[id]!));
      expect(WebAssembly.validate(bytes)).toBe(false);
      const ours = validateModule(bytes);
      expect(ours.ok ? 'ok' : ours.error.kind).toBe('invalid');
    },
  );

  const memoryRows = signatureRows.filter(([id]) => opcodeImm[id] === Imm.MemArg || opcodeImm[id] === Imm.MemArgLane);
  test.each(memoryRows.map(([id, name]) => [name, id] as const))('%s: alignment beyond natural is rejected by both', (_, id) => {
    const bytes = moduleFor(id, paramsOf(id), sigResult[id]!, 1);
    expect(WebAssembly.validate(bytes)).toBe(false);
    const ours = validateModule(bytes);
    expect(ours.ok ? 'ok' : ours.error.reason).toMatch(/^alignment must not be larger than natural/);
  });

  test('bytes that are not opcodes are malformed, whatever later proposals made of them', () => {
    const known = new Set(OPCODE_ROWS.map(([id]) => id));
    for (let id = 0; id < 0x300; id++) {
      if (known.has(id) || id === PREFIX_FC || id === PREFIX_FD) continue;
      const b = new ModuleBuilder();
      b.addFunction(b.addType([], []), encodeOpcode(id));
      const ours = validateModule(b.toBytes());
      expect(ours.ok ? 'ok' : `${ours.error.kind}: ${ours.error.reason}`).toMatch(/^malformed: illegal opcode/);
    }
  });

  test('the signature letters map to the right types', () => {
    const byName = new Map(OPCODE_ROWS.map(([id, name]) => [name, id]));
    const convert = byName.get('f64.convert_i64_u')!;
    expect([sigParam0[convert], sigResult[convert]]).toEqual([I64, F64]);
    const demote = byName.get('f32.demote_f64')!;
    expect([sigParam0[demote], sigResult[demote]]).toEqual([F64, F32]);
    const splat = byName.get('i64x2.splat')!;
    expect([sigParam0[splat], sigResult[splat]]).toEqual([I64, V128]);
  });
});
