/**
 * A valid module the compiler cannot compile (an instruction without an emitter; every
 * WebAssembly 2.0 instruction has one now): reported like a WasmError, at the
 * instruction's offset, with `formatWasmError`.
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
