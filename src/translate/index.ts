/**
 * translate: decode and validate a WebAssembly 2.0 binary.
 *
 * `decodeModule` decodes every section and applies the module-level rules; function
 * bodies are left as byte ranges. `validateModule` also validates every body with the
 * streaming `FuncValidator`, exactly as a compiler does while it emits code.
 */
export { WasmError, formatWasmError, type WasmErrorKind } from './errors.js';
export * from './types.js';
export { decodeModule } from './module-decoder.js';
export { validateModule, type ValidationResult } from './validate.js';
export { FuncValidator } from './func-validator.js';
export { OperatorReader } from './operator-reader.js';
