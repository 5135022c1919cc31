/**
 * A compile worker (see compile-module.ts): receives the module once, then batches of
 * defined-function ranges, and posts back each batch's compiled functions or its error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { WasmError } from '../translate/errors.js';
import { UnsupportedError } from './errors.js';
import type { ModuleInfo } from '../translate/types.js';
import { packBatch } from './batch-wire.js';
import { compileRange } from './compile-module.js';
import type { CodegenOptions, CompiledFunction } from './types.js';

const { module, input, opts } = workerData as { module: ModuleInfo; input: Uint8Array; opts: CodegenOptions };

parentPort!.on('message', ({ batch, range }: { batch: number; range: [number, number] }) => {
  let funcs: CompiledFunction[];
  try {
    funcs = compileRange(module, input, opts, range[0], range[1]);
  } catch (e) {
    const error =
      e instanceof WasmError || e instanceof UnsupportedError
        ? { kind: e instanceof WasmError ? e.kind : ('unsupported' as const), offset: e.offset, reason: e.reason, funcIndex: e.funcIndex }
        : { message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    parentPort!.postMessage({ batch, error });
    return;
  }
  const packed = packBatch(funcs);
  parentPort!.postMessage({ batch, packed }, [packed.heads.buffer, packed.code.buffer, packed.pairs.buffer, packed.unwind.buffer]);
});
