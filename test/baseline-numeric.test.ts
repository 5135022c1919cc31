/**
 * The baseline tier's numeric emitters (src/codegen/baseline/numeric*.ts), run for real.
 *
 * Every numeric instruction, under several register assignments and every flavour of its
 * result (see fixtures-numeric/cases.ts), is assembled into a native function, linked
 * once with the C runtime (whose guarded calls turn `ud2` trap sites into trap codes) and
 * run on edge cases plus seeded random operands. Each result is compared bit for bit with
 * the spec's definition in fixtures-numeric/reference.ts (for a NaN, its class:
 * canonical or arithmetic), each trap by its code; and no register outside the result,
 * the scratch registers and the documented clobbers may change, operands included.
 *
 * The dispatch tables are checked against the opcode names, independently of them.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { trapCode } from '../src/abi/index.js';
import {
  IntDivRem,
  NumericClass,
  emitIntDivRem,
  numericClass,
  numericKind,
  numericSourceWidth,
  numericWidth,
} from '../src/codegen/baseline/numeric.js';
import { rax, rcx, rdx } from '../src/codegen/x64/index.js';
import { OPCODE_ROWS, opcodeName } from '../src/translate/opcodes.js';
import { makeTempDir } from './fixtures-elf/tools.js';
import { buildVariants } from './fixtures-numeric/cases.js';
import { TestContext, runVariants, type JobResult, type Variant } from './fixtures-numeric/harness.js';
import { EDGES, Rng, randomValue } from './fixtures-numeric/inputs.js';
import { isArithmeticNaN, isCanonicalNaN, reference, widthOf, type Expected, type ValType } from './fixtures-numeric/reference.js';

const RANDOM_FULL = 300;
const RANDOM_SAMPLE = 60;
const EDGE_PAIR_SAMPLE = 80;

let tmp: ReturnType<typeof makeTempDir>;
const variants = buildVariants();
/** Per variant, its jobs: [first, end) in the arrays below. */
const ranges: [number, number][] = [];
const jobA: bigint[] = [];
const jobB: bigint[] = [];
let results: JobResult[] = [];

/** Operand bits with garbage above a 32-bit value, which the emitters must ignore. */
function withGarbage(rng: Rng, t: ValType, v: bigint): bigint {
  return widthOf(t) === 32 ? v | ((rng.u64() >> 32n) << 32n) : v;
}

function makeJobs(): void {
  const rng = new Rng(0x5eed_2024n);
  variants.forEach((v) => {
    const start = jobA.length;
    const [ta, tb] = v.params as [ValType, ValType | undefined];
    const same = v.inputs.length === 2 && JSON.stringify(v.inputs[0]) === JSON.stringify(v.inputs[1]);
    const push = (a: bigint, b: bigint) => {
      jobA.push(withGarbage(rng, ta, a));
      jobB.push(same ? jobA[jobA.length - 1]! : tb === undefined || v.inputs.length < 2 ? 0n : withGarbage(rng, tb, b));
    };
    if (v.inputs.length === 2 && !same) {
      const ea = EDGES[ta];
      const eb = EDGES[tb!];
      if (v.full) for (const a of ea) for (const b of eb) push(a, b);
      else for (let i = 0; i < EDGE_PAIR_SAMPLE; i++) push(rng.pick(ea), rng.pick(eb));
      for (let i = 0; i < (v.full ? RANDOM_FULL : RANDOM_SAMPLE); i++) {
        // Half the random pairs keep an edge on one side.
        const a = i % 4 === 1 ? rng.pick(ea) : randomValue(rng, ta);
        const b = i % 4 === 3 ? rng.pick(eb) : randomValue(rng, tb!);
        push(a, b);
      }
    } else {
      for (const a of EDGES[ta]) push(a, 0n);
      for (let i = 0; i < (v.full ? RANDOM_FULL : RANDOM_SAMPLE); i++) push(randomValue(rng, ta), 0n);
    }
    ranges.push([start, jobA.length]);
  });
}

beforeAll(() => {
  tmp = makeTempDir('numeric');
  makeJobs();
  const func = new Uint32Array(jobA.length);
  ranges.forEach(([s, e], i) => func.fill(i, s, e));
  results = runVariants(tmp.dir, variants, { func, a: BigUint64Array.from(jobA), b: BigUint64Array.from(jobB) });
});
afterAll(() => tmp?.remove());

const hex = (v: bigint) => `0x${v.toString(16)}`;

function describeExpected(e: Expected): string {
  if ('trap' in e) return `trap ${e.trap}`;
  if ('nan' in e) return `a ${e.nan} NaN`;
  return hex(e.bits);
}

function describeResult(r: JobResult): string {
  return r.trap !== 0 ? `trap ${r.trap}` : hex(r.value);
}

/** The failures of one variant, as readable lines (at most a few). */
function check(v: Variant, [start, end]: [number, number]): string[] {
  const failures: string[] = [];
  for (let j = start; j < end && failures.length < 8; j++) {
    const args = v.imm !== undefined ? [jobA[j]!, v.imm] : v.params.length === 2 ? [jobA[j]!, jobB[j]!] : [jobA[j]!];
    const expected = reference(v.name, args, v.params);
    const got = results[j]!;
    const where = `${v.label} (${args.map(hex).join(', ')})`;
    if (got.gprChanged !== 0 || got.xmmChanged !== 0) {
      failures.push(`${where}: changed registers outside its result: gpr mask ${hex(BigInt(got.gprChanged))}, xmm mask ${hex(BigInt(got.xmmChanged))}`);
      continue;
    }
    let ok: boolean;
    if ('trap' in expected) ok = got.trap === trapCode(expected.trap);
    else if (got.trap !== 0) ok = false;
    else if ('bits' in expected) ok = got.value === expected.bits;
    else {
      const t = v.result as 'f32' | 'f64';
      const fits = widthOf(t) === 64 || got.value >> 32n === 0n;
      ok = fits && (expected.nan === 'canonical' ? isCanonicalNaN(t, got.value) : isArithmeticNaN(t, got.value));
    }
    if (!ok) failures.push(`${where}: expected ${describeExpected(expected)}, got ${describeResult(got)}`);
  }
  return failures;
}

const names = [...new Set(variants.map((v) => v.name))];

describe('each numeric instruction matches the spec', () => {
  test.each(names)('%s', (name) => {
    const failures = variants.flatMap((v, i) => (v.name === name ? check(v, ranges[i]!) : []));
    expect(failures).toEqual([]);
  });
});

test('the cases are many and every instruction traps where the spec says it may', () => {
  expect(results.length).toBeGreaterThan(100_000);
  const trapping = new Set(variants.flatMap((v, i) => (results.slice(...ranges[i]!).some((r) => r.trap !== 0) ? [v.name] : [])));
  const expectedTrapping = names.filter((n) => /\.(div|rem)_[su]$|\.trunc_f(32|64)_[su]$/.test(n));
  expect([...trapping].sort()).toEqual(expectedTrapping.sort());
});

describe('dispatch tables', () => {
  // Derived from the names alone: type.op, with the operation's position in the wasm order.
  const INT_BINARY = ['add', 'sub', 'mul', 'and', 'or', 'xor'];
  const SHIFTS = ['shl', 'shr_s', 'shr_u', 'rotl', 'rotr'];
  const DIV_REM = ['div_s', 'div_u', 'rem_s', 'rem_u'];
  const INT_COMPARE = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
  const INT_UNARY = ['clz', 'ctz', 'popcnt'];
  const EXTEND = ['wrap_i64', 'extend_i32_s', 'extend_i32_u', 'extend8_s', 'extend16_s', 'extend32_s'];
  const FLOAT_BINARY = ['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign'];
  const FLOAT_UNARY = ['abs', 'neg', 'ceil', 'floor', 'trunc', 'nearest', 'sqrt'];
  const FLOAT_COMPARE = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];
  const C = NumericClass;

  function expectedRow(name: string): [cls: number, kind: number, width: number, source: number] | undefined {
    const [type, op] = name.split('.') as [string, string];
    const w = type.endsWith('32') ? 32 : 64;
    const isInt = type.startsWith('i');
    let m: RegExpExecArray | null;
    if (type === 'v128' || /x\d+$/.test(type)) return undefined;
    if ((m = /^trunc(_sat)?_f(32|64)_([su])$/.exec(op))) return [m[1] ? C.truncSatToInt : C.truncToInt, m[3] === 's' ? 1 : 0, w, Number(m[2])];
    if ((m = /^convert_i(32|64)_([su])$/.exec(op))) return [C.convertToFloat, m[2] === 's' ? 1 : 0, w, Number(m[1])];
    if (op === 'demote_f64' || op === 'promote_f32') return [C.floatResize, 0, w, w === 32 ? 64 : 32];
    if (op.startsWith('reinterpret_')) return [isInt ? C.reinterpretToInt : C.reinterpretToFloat, 0, w, w];
    if (EXTEND.includes(op)) return [C.intExtend, EXTEND.indexOf(op), w, op === 'wrap_i64' ? 64 : op.includes('i32') ? 32 : w];
    if (isInt) {
      if (op === 'eqz') return [C.intEqz, 0, w, w];
      if (INT_BINARY.includes(op)) return [C.intBinary, INT_BINARY.indexOf(op), w, w];
      if (SHIFTS.includes(op)) return [C.intShift, SHIFTS.indexOf(op), w, w];
      if (DIV_REM.includes(op)) return [C.intDivRem, DIV_REM.indexOf(op), w, w];
      if (INT_COMPARE.includes(op)) return [C.intCompare, INT_COMPARE.indexOf(op), w, w];
      if (INT_UNARY.includes(op)) return [C.intUnary, INT_UNARY.indexOf(op), w, w];
    } else {
      if (FLOAT_BINARY.includes(op)) return [C.floatBinary, FLOAT_BINARY.indexOf(op), w, w];
      if (FLOAT_UNARY.includes(op)) return [C.floatUnary, FLOAT_UNARY.indexOf(op), w, w];
      if (FLOAT_COMPARE.includes(op)) return [C.floatCompare, FLOAT_COMPARE.indexOf(op), w, w];
    }
    return undefined;
  }

  test('every non-SIMD numeric instruction has a row, and nothing else does', () => {
    // Numeric: typed by a signature over i32/i64/f32/f64 alone, with no immediate.
    const numeric = OPCODE_ROWS.filter(([id, , imm, sig]) => id < 0x200 && imm === 0 && sig !== null && /^[ilfd]+>[ilfd]$/.test(sig));
    expect(numeric.length).toBe(136); // 0x45..0xc4 and the eight trunc_sat
    for (let id = 0; id < numericClass.length; id++) {
      const name = opcodeName[id];
      const isNumeric = numeric.some(([n]) => n === id);
      const row = [numericClass[id], numericKind[id], numericWidth[id], numericSourceWidth[id]];
      if (!isNumeric) {
        expect(numericClass[id], `${name ?? id.toString(16)}`).toBe(C.none);
        continue;
      }
      expect(row, name).toEqual(expectedRow(name!));
    }
  });
});

test('division refuses a divisor in rax or rdx', () => {
  const ctx = new TestContext();
  expect(() => emitIntDivRem(ctx, IntDivRem.div_s, 32, rax)).toThrow(/divisor/);
  expect(() => emitIntDivRem(ctx, IntDivRem.rem_u, 64, rdx)).toThrow(/divisor/);
  expect(() => emitIntDivRem(ctx, IntDivRem.rem_u, 64, rcx)).not.toThrow();
});
