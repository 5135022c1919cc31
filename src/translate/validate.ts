/**
 * Whole-module validation: the module-level rules, then every function body through the
 * streaming FuncValidator, in the order of the code section.
 *
 * As in module-decoder.ts, a malformed encoding anywhere wins over a validation failure
 * found earlier: after the first invalid body, the remaining bodies are only decoded.
 */
import { WasmError, malformed } from './errors.js';
import { FuncValidator, dataCountRequired, readLocalDeclarations } from './func-validator.js';
import { decodeModuleDeferred } from './module-decoder.js';
import { Op } from './opcodes.js';
import { OperatorReader } from './operator-reader.js';
import { DefinedFuncIndex, FuncIndex, ModuleInfo, funcIndexOfDefined } from './types.js';

export type ValidationResult = { ok: true; module: ModuleInfo } | { ok: false; error: WasmError };

/**
 * Decodes and validates a whole module. Returns the module, or the error that decides
 * its fate; never throws a WasmError (anything else thrown is a bug).
 */
export function validateModule(bytes: Uint8Array): ValidationResult {
  let module: ModuleInfo | undefined;
  try {
    const decoded = decodeModuleDeferred(bytes);
    module = decoded.module;
    let error = decoded.firstInvalid;
    const r = new OperatorReader(bytes);
    const v = new FuncValidator(module);
    for (let i = 0; i < module.bodyStart.length; i++) {
      const func = funcIndexOfDefined(module, i as DefinedFuncIndex);
      const start = module.bodyStart[i]!;
      const end = module.bodyEnd[i]!;
      try {
        r.reset(start, end);
        if (error === undefined) {
          validateBody(v, func, r);
        } else {
          skipBody(module, r);
        }
      } catch (e) {
        if (!(e instanceof WasmError)) throw e;
        e.funcIndex = func;
        if (e.kind === 'malformed') throw e;
        error = e;
        // Still look for a malformed encoding in the rest of this body.
        r.reset(start, end);
        skipBody(module, r, func);
      }
    }
    if (error !== undefined) return { ok: false, error: named(module, error) };
    return { ok: true, module };
  } catch (e) {
    if (e instanceof WasmError) return { ok: false, error: module ? named(module, e) : e };
    throw e;
  }
}

/**
 * Validates the body of one defined function of an already decoded module; throws the
 * WasmError that rejects it.
 */
export function validateFunction(module: ModuleInfo, bytes: Uint8Array, defined: DefinedFuncIndex): void {
  const func = funcIndexOfDefined(module, defined);
  const r = new OperatorReader(bytes, module.bodyStart[defined]!, module.bodyEnd[defined]!);
  try {
    validateBody(new FuncValidator(module), func, r);
  } catch (e) {
    if (e instanceof WasmError) {
      e.funcIndex = func;
      named(module, e);
    }
    throw e;
  }
}

function validateBody(v: FuncValidator, func: FuncIndex, r: OperatorReader): void {
  v.begin(func, r);
  while (!v.done) v.step(r.read(), r);
  v.finish(r);
}

/** Decodes a body without validating it, to find malformed encodings only. */
function skipBody(module: ModuleInfo, r: OperatorReader, func?: FuncIndex): void {
  try {
    readLocalDeclarations(r, undefined);
    let depth = 1;
    for (;;) {
      const op = r.read();
      if (op === Op.Block || op === Op.Loop || op === Op.If) depth++;
      else if (op === Op.End && --depth === 0) break;
      else if ((op === Op.MemoryInit || op === Op.DataDrop) && dataCountRequired(module)) {
        throw malformed(r.opStart, 'data count section required');
      }
    }
    if (r.pos !== r.end) throw malformed(r.pos, 'section size mismatch: bytes after the final END of the function body');
  } catch (e) {
    if (e instanceof WasmError && func !== undefined) e.funcIndex = func;
    throw e;
  }
}

function named(module: ModuleInfo, e: WasmError): WasmError {
  if (e.funcIndex !== undefined) e.funcName = module.names.functionNames.get(e.funcIndex);
  return e;
}
