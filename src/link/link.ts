/**
 * link: the compiled functions of one module and its descriptor, as one relocatable ELF
 * object (see object.ts for what the object holds and text.ts for how `.text` is laid
 * out). Deterministic: the same module, code and options give the same bytes, whatever the
 * order in which the functions were compiled.
 */
import type { CompiledFunction } from '../codegen/types.js';
import type { ModuleInfo } from '../translate/types.js';
import { encodeDescriptor } from './descriptor.js';
import { buildObject, type LinkOptions } from './object.js';

/**
 * The ELF bytes of the object for module `m` (decoded from `input`), given every defined
 * function's code and the trampolines, as `compileModule` returns them.
 */
export function linkObject(m: ModuleInfo, input: Uint8Array, compiled: readonly CompiledFunction[], opts: LinkOptions): Uint8Array {
  return buildObject(m, input, compiled, opts, encodeDescriptor);
}
