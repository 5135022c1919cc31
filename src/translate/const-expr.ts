/**
 * Constant expressions (global initializers, segment offsets, element items).
 *
 * In WebAssembly 2.0 a constant expression is a sequence of constant instructions ending
 * in `end` that leaves exactly one value of the expected type. Constant instructions are
 * the four numeric consts, v128.const, ref.null, ref.func and global.get of an imported,
 * immutable global.
 */
import { WasmError, invalid } from './errors.js';
import { Op } from './opcodes.js';
import { OperatorReader } from './operator-reader.js';
import { ConstExpr, FuncIndex, GlobalIndex, GlobalType, ValType, valTypeName } from './types.js';

export interface ConstExprContext {
  /** The globals a constant expression may read: the imported ones. */
  readonly importedGlobals: readonly GlobalType[];
  readonly numFuncs: number;
  /** Called for each ref.func, whose function thereby becomes declared. */
  declareFunc(func: number): void;
}

/**
 * Reads one constant expression that must produce a value of type `expected`.
 * Malformed input throws; an invalid expression is returned as `error` (the caller
 * decides when to report it) along with a best-effort value.
 */
export function readConstExpr(
  r: OperatorReader,
  ctx: ConstExprContext,
  expected: ValType,
): { expr: ConstExpr; error: WasmError | undefined } {
  const start = r.pos;
  let expr: ConstExpr | undefined;
  let type: ValType = ValType.Unknown;
  let count = 0;
  let error: WasmError | undefined;
  for (;;) {
    const op = r.read();
    if (op === Op.End) break;
    count++;
    const at = r.opStart;
    switch (op) {
      case 0x41:
        expr = { op: 'i32.const', value: r.i32 };
        type = ValType.I32;
        break;
      case 0x42:
        expr = { op: 'i64.const', value: r.bigint64() };
        type = ValType.I64;
        break;
      case 0x43:
        expr = { op: 'f32.const', bits: r.i32 };
        type = ValType.F32;
        break;
      case 0x44:
        expr = { op: 'f64.const', bits: r.bigint64() };
        type = ValType.F64;
        break;
      case Op.V128Const:
        expr = { op: 'v128.const', bytes: r.bytes.slice(r.v128Start, r.v128Start + 16) };
        type = ValType.V128;
        break;
      case Op.RefNull:
        expr = { op: 'ref.null', type: r.valType };
        type = r.valType;
        break;
      case Op.RefFunc:
        if (r.index >= ctx.numFuncs) error ??= invalid(at, `unknown function ${r.index}`);
        else ctx.declareFunc(r.index);
        expr = { op: 'ref.func', func: r.index as FuncIndex };
        type = ValType.FuncRef;
        break;
      case Op.GlobalGet: {
        const g = ctx.importedGlobals[r.index];
        if (g === undefined) {
          error ??= invalid(at, `unknown global ${r.index}`);
          type = ValType.Unknown;
        } else {
          if (g.mutable) error ??= invalid(at, `constant expression required: global ${r.index} is mutable`);
          type = g.valType;
        }
        expr = { op: 'global.get', global: r.index as GlobalIndex };
        break;
      }
      default:
        error ??= invalid(at, 'constant expression required');
        type = ValType.Unknown;
    }
  }
  if (error === undefined) {
    if (count !== 1) {
      error = invalid(start, `type mismatch: constant expression must produce one ${valTypeName(expected)}, it produces ${count} values`);
    } else if (type !== expected && type !== ValType.Unknown) {
      error = invalid(start, `type mismatch: constant expression of ${valTypeName(type)}, expected ${valTypeName(expected)}`);
    }
  }
  return { expr: expr ?? { op: 'i32.const', value: 0 }, error };
}
