/**
 * A valid module the compiler cannot compile yet (SIMD instructions): reported like a
 * WasmError, at the instruction's offset, with `formatWasmError`.
 */
export class UnsupportedError extends Error {
  override name = 'UnsupportedError';
  funcName: string | undefined;
  constructor(
    readonly offset: number,
    readonly reason: string,
    public funcIndex: number | undefined,
  ) {
    super(reason);
  }
}
