/**
 * Single-instruction modules over boundary values: for every numeric opcode with a fixed
 * signature (no memory access, no immediates), one module whose functions apply it to
 *  - parameters (every combination of the type's boundary values),
 *  - one parameter and one constant, either side (the baseline tier folds constants into
 *    instructions, a different code path from registers),
 *  - constants only, including NaNs with payloads (JavaScript cannot pass those),
 *  - and for comparisons, the result feeding an `if` and a `br_if` (fused compare-and-branch).
 * A float result is returned as its bits (reinterpret) so that NaN payloads reach the
 * comparison, which applies the spec's NaN rules (compare.ts).
 */
import { ValType } from '../src/translate/index.js';
import { OPCODE_ID_COUNT, hasSignature, opcodeImm, opcodeName, sigArity, sigParam0, sigParam1, sigResult, Imm } from '../src/translate/opcodes.js';
import { ModuleBuilder, sleb32, sleb64, uleb } from '../test/helpers/wasm-builder.js';
import { TYPE_NAMES, type FloatResult, type PlanStep, type ValueText } from './plan.js';

/** Values passed as arguments. Float NaNs only the one JavaScript produces (positive canonical). */
const ARGS: Record<number, readonly bigint[]> = {
  [ValType.I32]: [0n, 1n, -1n, 2n, -2n, 31n, 32n, 33n, 0x7fffffffn, -0x80000000n, 0x55555555n, -0x10000n],
  [ValType.I64]: [0n, 1n, -1n, 2n, 63n, 64n, 0x7fffffffn, -0x80000000n, 0xffffffffn, 0x100000000n, 0x7fffffffffffffffn, -0x8000000000000000n],
  [ValType.F32]: [
    0x00000000n, 0x80000000n, 0x3f800000n, 0xbf800000n, 0x3f000000n, 0xbfc00000n, 0x40200000n, 0x7f800000n, 0xff800000n,
    0x00000001n, 0x807fffffn, 0x00800000n, 0x7f7fffffn, 0x4effffffn, 0x4f000000n, 0xcf000000n, 0x4f800000n, 0x5f000000n,
    0xdf000000n, 0x5f800000n, 0x7fc00000n,
  ],
  [ValType.F64]: [
    0x0000000000000000n, 0x8000000000000000n, 0x3ff0000000000000n, 0xbff0000000000000n, 0x3fe0000000000000n,
    0xbff8000000000000n, 0x4004000000000000n, 0x7ff0000000000000n, 0xfff0000000000000n, 0x0000000000000001n,
    0x800fffffffffffffn, 0x0010000000000000n, 0x7fefffffffffffffn, 0x41dfffffffc00000n, 0x41e0000000000000n,
    0xc1e0000000200000n, 0x41efffffffe00000n, 0x43e0000000000000n, 0xc3e0000000000000n, 0x43f0000000000000n,
    0x36a0000000000000n, 0x7ff8000000000000n,
  ],
};
/** Constants add NaNs JavaScript cannot pass: negative, signalling, with payload. */
const NAN_CONSTS: Record<number, readonly bigint[]> = {
  [ValType.I32]: [],
  [ValType.I64]: [],
  [ValType.F32]: [0xffc00000n, 0x7fa00000n, 0x7fc00001n],
  [ValType.F64]: [0xfff8000000000000n, 0x7ff4000000000000n, 0x7ff8000000000001n],
};
const CONSTS = (t: number): bigint[] => [...ARGS[t]!, ...NAN_CONSTS[t]!];

/** Instructions whose result is its input's bits, NaN or not. */
const EXACT_NAN = new Set(['f32.neg', 'f32.abs', 'f32.copysign', 'f64.neg', 'f64.abs', 'f64.copysign', 'f32.reinterpret_i32', 'f64.reinterpret_i64']);

const OP = { localGet: 0x20, i32c: 0x41, i64c: 0x42, f32c: 0x43, f64c: 0x44, if: 0x04, else: 0x05, end: 0x0b, block: 0x02, brIf: 0x0d, drop: 0x1a, i32ReinterpF32: 0xbc, i64ReinterpF64: 0xbd };

function constInstr(type: number, bits: bigint): number[] {
  switch (type) {
    case ValType.I32: return [OP.i32c, ...sleb32(Number(BigInt.asIntN(32, bits)))];
    case ValType.I64: return [OP.i64c, ...sleb64(BigInt.asIntN(64, bits))];
    case ValType.F32: return [OP.f32c, ...le(bits, 4)];
    default: return [OP.f64c, ...le(bits, 8)];
  }
}
function le(bits: bigint, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Number((BigInt.asUintN(64, bits) >> BigInt(8 * i)) & 0xffn));
  return out;
}
function opcodeBytes(id: number): number[] {
  return id < 0x100 ? [id] : [0xfc, ...uleb(id - 0x100)];
}

function argText(type: number, bits: bigint): ValueText {
  const name = TYPE_NAMES[type]!;
  if (type === ValType.I32) return `i32:${BigInt.asIntN(32, bits)}`;
  if (type === ValType.I64) return `i64:${BigInt.asIntN(64, bits)}`;
  return `${name}:${BigInt.asUintN(type === ValType.F32 ? 32 : 64, bits).toString(16).padStart(type === ValType.F32 ? 8 : 16, '0')}`;
}

function isNaNInput(type: number, bits: bigint): 'no' | 'canonical' | 'other' {
  if (type === ValType.F32) {
    const b = BigInt.asUintN(32, bits);
    if ((b & 0x7f800000n) !== 0x7f800000n || (b & 0x7fffffn) === 0n) return 'no';
    return (b & 0x7fffffn) === 0x400000n ? 'canonical' : 'other';
  }
  if (type === ValType.F64) {
    const b = BigInt.asUintN(64, bits);
    if ((b & 0x7ff0000000000000n) !== 0x7ff0000000000000n || (b & 0xfffffffffffffn) === 0n) return 'no';
    return (b & 0xfffffffffffffn) === 0x8000000000000n ? 'canonical' : 'other';
  }
  return 'no';
}

export interface BoundaryModule {
  readonly opcode: string;
  readonly bytes: Uint8Array;
  readonly steps: PlanStep[];
}

/** The opcodes the boundary modules cover: numeric, fixed signature, one or two operands, a result. */
export function boundaryOpcodes(): number[] {
  const ids: number[] = [];
  for (let id = 0; id < 0x200 && id < OPCODE_ID_COUNT; id++) {
    if (!hasSignature[id] || opcodeImm[id] !== Imm.None || sigResult[id] === 0) continue;
    if (sigArity[id] !== 1 && sigArity[id] !== 2) continue;
    const types = [sigParam0[id]!, sigParam1[id]!, sigResult[id]!].filter((t) => t !== 0);
    if (types.every((t) => t >= ValType.F64 && t <= ValType.I32)) ids.push(id);
  }
  return ids;
}

export function boundaryModule(id: number): BoundaryModule {
  const name = opcodeName[id]!;
  const params = sigArity[id] === 1 ? [sigParam0[id]!] : [sigParam0[id]!, sigParam1[id]!];
  const result = sigResult[id]!;
  const isFloatResult = result === ValType.F32 || result === ValType.F64;
  const wasmResult = result === ValType.F32 ? ValType.I32 : result === ValType.F64 ? ValType.I64 : result;
  const tail = [...opcodeBytes(id), ...(result === ValType.F32 ? [OP.i32ReinterpF32] : result === ValType.F64 ? [OP.i64ReinterpF64] : [])];
  const isCompare = result === ValType.I32 && /\.(eqz?|ne|[lg][te](_[su])?)$/.test(name);

  const b = new ModuleBuilder();
  const steps: PlanStep[] = [];
  let id_ = 0;
  const typeCache = new Map<string, number>();
  const typeOf = (ps: number[]): number => {
    const key = ps.join(',');
    let t = typeCache.get(key);
    if (t === undefined) typeCache.set(key, (t = b.addType(ps, [wasmResult])));
    return t;
  };
  const floatResult = (inputs: [number, bigint][]): FloatResult[] | undefined => {
    if (!isFloatResult) return undefined;
    const type = result === ValType.F32 ? 'f32' : 'f64';
    if (EXACT_NAN.has(name)) return [{ type, nan: 'exact' }];
    const other = inputs.some(([t, v]) => isNaNInput(t, v) === 'other');
    return [{ type, nan: other ? 'arithmetic' : 'canonical' }];
  };
  const resultNames = [TYPE_NAMES[wasmResult]!];
  const addFunc = (fname: string, ps: number[], code: number[], calls: bigint[][], fixed: [number, bigint][]): void => {
    const f = b.addFunction(typeOf(ps), code); // the builder closes the body
    b.addExport(fname, 0, f);
    for (const args of calls) {
      const inputs: [number, bigint][] = [...fixed, ...args.map((v, i): [number, bigint] => [ps[i]!, v])];
      const fr = floatResult(inputs);
      steps.push({
        kind: 'call', id: id_++, name: fname, args: args.map((v, i) => argText(ps[i]!, v)), results: resultNames,
        ...(fr !== undefined ? { floatResults: fr } : {}),
      });
    }
  };
  const product = (lists: readonly (readonly bigint[])[]): bigint[][] =>
    lists.reduce<bigint[][]>((acc, l) => acc.flatMap((a) => l.map((v) => [...a, v])), [[]]);

  const gets = params.flatMap((_, i) => [OP.localGet, i]);
  addFunc('params', params, [...gets, ...tail], product(params.map((t) => ARGS[t]!)), []);
  if (params.length === 2) {
    CONSTS(params[1]!).forEach((c, k) =>
      addFunc(`rhs${k}`, [params[0]!], [OP.localGet, 0, ...constInstr(params[1]!, c), ...tail], ARGS[params[0]!]!.map((v) => [v]), [[params[1]!, c]]),
    );
    CONSTS(params[0]!).forEach((c, k) =>
      addFunc(`lhs${k}`, [params[1]!], [...constInstr(params[0]!, c), OP.localGet, 0, ...tail], ARGS[params[1]!]!.map((v) => [v]), [[params[0]!, c]]),
    );
    CONSTS(params[0]!).forEach((c0, k0) =>
      CONSTS(params[1]!).forEach((c1, k1) =>
        addFunc(`const${k0}_${k1}`, [], [...constInstr(params[0]!, c0), ...constInstr(params[1]!, c1), ...tail], [[]], [[params[0]!, c0], [params[1]!, c1]]),
      ),
    );
  } else {
    CONSTS(params[0]!).forEach((c, k) => addFunc(`const${k}`, [], [...constInstr(params[0]!, c), ...tail], [[]], [[params[0]!, c]]));
  }
  if (isCompare) {
    const all = product(params.map((t) => ARGS[t]!));
    // if (op) 1 else 0, and a br_if that carries 7 out when the comparison holds, else 9.
    addFunc('if', params, [...gets, ...opcodeBytes(id), OP.if, ValType.I32, ...constInstr(ValType.I32, 1n), OP.else, ...constInstr(ValType.I32, 0n), OP.end], all, []);
    addFunc('br_if', params, [OP.block, ValType.I32, ...constInstr(ValType.I32, 7n), ...gets, ...opcodeBytes(id), OP.brIf, 0, OP.drop, ...constInstr(ValType.I32, 9n), OP.end], all, []);
  }
  return { opcode: name, bytes: b.toBytes(), steps };
}
