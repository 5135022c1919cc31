/**
 * abi: what the compiler and the C runtime must agree on, defined once in TypeScript:
 * trap codes and their messages, the layouts of shared structs, and the generator of the
 * C header (`runtime/include/w2o-abi.h`) that hands them to the runtime.
 */
export { TRAPS, trapCode, trapEnumerator, trapKind, type TrapCode, type TrapKind, type TrapName } from './traps.js';
export { FUNC_INFO, NO_NAME, STRUCT_LAYOUTS, TRAP_SITE, checkLayout, sizeOfCType, type CType, type FieldLayout, type StructLayout } from './layout.js';
export { decodeTrapTable, encodeTrapTable, type TrapSite } from './trap-table.js';
export { encodeFuncTable, type EncodedFuncTable, type FuncRange } from './func-table.js';
export { ABI_HEADER_PATH, generateAbiHeader } from './c-header.js';
export * from './vmctx.js';
export * from './descriptor.js';
export * from './cpu.js';
