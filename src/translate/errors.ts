/**
 * Errors of the translate stage.
 *
 * The spec distinguishes two ways a binary can be rejected, and the spec test suite checks
 * which one an implementation chose:
 *  - `malformed`: the bytes do not decode (bad LEB128, unknown opcode, section size
 *    mismatch, bad UTF-8, ...).
 *  - `invalid`: the bytes decode but break a validation rule (type mismatch, unknown index,
 *    bad alignment, ...).
 *
 * Every error carries the absolute byte offset in the input where the problem was found,
 * and, inside a code body, the function index (the name is attached later by whoever has
 * the name section at hand).
 */

export type WasmErrorKind = 'malformed' | 'invalid';

export class WasmError extends Error {
  readonly kind: WasmErrorKind;
  /** Absolute byte offset in the module where the problem was detected. */
  readonly offset: number;
  /** Reason without location, e.g. `type mismatch in i32.add: expected i32, found f64`. */
  readonly reason: string;
  /** Index (in the function index space) of the function whose body is at fault. */
  funcIndex: number | undefined;
  funcName: string | undefined;

  constructor(kind: WasmErrorKind, offset: number, reason: string, funcIndex?: number) {
    super(reason);
    this.name = 'WasmError';
    this.kind = kind;
    this.offset = offset;
    this.reason = reason;
    this.funcIndex = funcIndex;
    this.funcName = undefined;
  }
}

export function malformed(offset: number, reason: string): WasmError {
  return new WasmError('malformed', offset, reason);
}

export function invalid(offset: number, reason: string): WasmError {
  return new WasmError('invalid', offset, reason);
}

/** What a one-line diagnostic needs: a WasmError, or another error located in the input. */
export interface Diagnostic {
  readonly offset: number;
  readonly reason: string;
  readonly funcIndex?: number | undefined;
  readonly funcName?: string | undefined;
}

/**
 * The one-line diagnostic format of every wasm2obj command:
 * `in.wasm:0x1a3: error: type mismatch in i32.add: expected i32, found f64 (func 12 "parse")`
 */
export function formatWasmError(file: string, err: Diagnostic): string {
  let line = `${file}:0x${err.offset.toString(16)}: error: ${err.reason}`;
  if (err.funcIndex !== undefined) {
    line += ` (func ${err.funcIndex}`;
    if (err.funcName !== undefined) line += ` ${JSON.stringify(err.funcName)}`;
    line += ')';
  }
  return line;
}
