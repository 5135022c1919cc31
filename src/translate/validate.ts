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
    const r = new OperatorReader(bytes);
    let error = decoded.firstInvalid;
    let next = 0;
    if (error === undefined) {
      const v = new FuncValidator(module);
      try {
        validateBodies(v, r);
        next = module.bodyStart.length;
      } catch (e) {
        if (!(e instanceof WasmError)) throw e;
        e.funcIndex = v.funcIndex;
        if (e.kind === 'malformed') throw e;
        error = e;
        // Go on decoding from the start of the body that was found invalid.
        next = v.funcIndex - module.numImportedFuncs;
      }
    }
    // After an invalid finding, only decode: a malformed encoding would still decide.
    for (let i = next; i < module.bodyStart.length; i++) {
      r.reset(module.bodyStart[i]!, module.bodyEnd[i]!);
      skipBody(module, r, funcIndexOfDefined(module, i as DefinedFuncIndex));
    }
    if (error !== undefined) return { ok: false, error: named(module, error) };
    return { ok: true, module };
  } catch (e) {
    if (e instanceof WasmError) return { ok: false, error: module ? named(module, e) : e };
    throw e;
  }
}

/**
 * Validates every body in order; the first error propagates with `v.funcIndex` naming
 * the function. The loop stays free of try/catch, so no call in it carries an exception
 * edge.
 */
function validateBodies(v: FuncValidator, r: OperatorReader): void {
  const m = v.module;
  for (let i = 0; i < m.bodyStart.length; i++) {
    r.reset(m.bodyStart[i]!, m.bodyEnd[i]!);
    // The instruction loop sits here, in the one function the JIT optimizes, so that its
    // inlining budget goes to read() and step() whichever way it gets compiled.
    v.begin(funcIndexOfDefined(m, i as DefinedFuncIndex), r);
    while (!v.done) v.step(r.read(), r);
    v.finish(r);
  }
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
