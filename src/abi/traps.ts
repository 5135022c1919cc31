/**
 * Trap codes: the one definition that the compiler (which writes them into trap tables)
 * and the C runtime (which reports them) share. The runtime's `enum w2o_trap_code` and its
 * message table are generated from `TRAPS` by `c-header.ts`, so the two sides cannot drift.
 *
 * Invariants, checked by the tests:
 * - codes are dense, `1..TRAPS.length`, in table order; 0 means "no trap" and is not a row;
 * - names are unique lower_snake_case (the C enumerator is `W2O_TRAP_` + upper case);
 * - a message is the text the WebAssembly spec test suite expects for that trap
 *   (`assert_trap` commands compare against it), except for `internal_error`, which the
 *   spec never produces: it reports a fault in compiled code that no trap site explains.
 *
 * Codes are part of the object format (trap tables carry them), so a row is never
 * renumbered or removed; new traps are appended.
 */

export interface TrapKind {
  /** lower_snake_case; the C enumerator is `W2O_TRAP_<NAME>`. */
  readonly name: string;
  /** 1..255; what a trap table entry stores. */
  readonly code: number;
  /** What the runtime reports, the spec test suite's text. */
  readonly message: string;
}

export const TRAPS = [
  { name: 'unreachable', code: 1, message: 'unreachable' },
  { name: 'memory_out_of_bounds', code: 2, message: 'out of bounds memory access' },
  { name: 'table_out_of_bounds', code: 3, message: 'out of bounds table access' },
  { name: 'indirect_call_to_null', code: 4, message: 'uninitialized element' },
  { name: 'bad_signature', code: 5, message: 'indirect call type mismatch' },
  { name: 'integer_divide_by_zero', code: 6, message: 'integer divide by zero' },
  { name: 'integer_overflow', code: 7, message: 'integer overflow' },
  { name: 'bad_conversion_to_integer', code: 8, message: 'invalid conversion to integer' },
  { name: 'stack_exhausted', code: 9, message: 'call stack exhausted' },
  { name: 'null_reference', code: 10, message: 'null reference' },
  { name: 'undefined_element', code: 11, message: 'undefined element' },
  { name: 'internal_error', code: 12, message: 'internal error: unexpected fault in wasm code' },
] as const satisfies readonly TrapKind[];

export type TrapName = (typeof TRAPS)[number]['name'];

/** A trap code as stored in a trap table entry; 0 is never one. */
export type TrapCode = number & { readonly __brand: 'TrapCode' };

const BY_NAME: ReadonlyMap<string, TrapCode> = new Map(TRAPS.map((t) => [t.name, t.code as TrapCode]));

/** The code of the trap called `name`. */
export function trapCode(name: TrapName): TrapCode {
  return BY_NAME.get(name)!;
}

/** The row of `code`, or undefined when no trap has that code. */
export function trapKind(code: number): TrapKind | undefined {
  return Number.isInteger(code) && code >= 1 && code <= TRAPS.length ? TRAPS[code - 1] : undefined;
}

/** The C enumerator of a trap: `W2O_TRAP_MEMORY_OUT_OF_BOUNDS`. */
export function trapEnumerator(t: TrapKind): string {
  return `W2O_TRAP_${t.name.toUpperCase()}`;
}
