/**
 * A batch of compiled functions as a handful of flat typed arrays, for posting from a
 * worker: one structured clone of thousands of small objects and buffers costs more than
 * compiling them. The receiver gets views into the arrays, nothing is copied twice.
 */
import type { Gpr } from './x64/index.js';
import type { UnwindOp } from '../unwind/types.js';
import type { CompiledFunction } from './types.js';

export interface PackedBatch {
  /** Per function: funcIndex, trampolineType, then end offsets of code, calls, trapSites, srcmap, unwind. */
  readonly heads: Int32Array<ArrayBuffer>;
  readonly code: Uint8Array<ArrayBuffer>;
  /** calls, trapSites and srcmap of every function, one after the other. */
  readonly pairs: Uint32Array<ArrayBuffer>;
  /** Unwind ops as (kind, at, reg, cfaOffset) quadruples. */
  readonly unwind: Int32Array<ArrayBuffer>;
}

const HEAD = 7;
const KINDS: readonly UnwindOp['kind'][] = ['pushFramePointer', 'setFramePointer', 'saveRegister', 'rememberState', 'restoreRegister', 'popFramePointer', 'restoreState'];

export function packBatch(funcs: readonly CompiledFunction[]): PackedBatch {
  let codeBytes = 0;
  let pairWords = 0;
  let unwindOps = 0;
  for (const f of funcs) {
    codeBytes += f.code.length;
    pairWords += f.calls.length + f.trapSites.length + f.srcmap.length;
    unwindOps += f.unwind.length;
  }
  const heads = new Int32Array(funcs.length * HEAD);
  const code = new Uint8Array(codeBytes);
  const pairs = new Uint32Array(pairWords);
  const unwind = new Int32Array(unwindOps * 4);
  let c = 0;
  let p = 0;
  let u = 0;
  funcs.forEach((f, i) => {
    code.set(f.code, c);
    c += f.code.length;
    const h = i * HEAD;
    heads[h] = f.funcIndex;
    heads[h + 1] = f.trampolineType;
    heads[h + 2] = c;
    for (const [k, list] of [f.calls, f.trapSites, f.srcmap].entries()) {
      pairs.set(list, p);
      p += list.length;
      heads[h + 3 + k] = p;
    }
    for (const op of f.unwind) {
      unwind[u] = KINDS.indexOf(op.kind);
      unwind[u + 1] = op.at;
      unwind[u + 2] = 'reg' in op ? op.reg : 0;
      unwind[u + 3] = 'cfaOffset' in op ? op.cfaOffset : 0;
      u += 4;
    }
    heads[h + 6] = u;
  });
  return { heads, code, pairs, unwind };
}

export function unpackBatch(b: PackedBatch): CompiledFunction[] {
  const out: CompiledFunction[] = [];
  let c = 0;
  let p = 0;
  let u = 0;
  for (let h = 0; h < b.heads.length; h += HEAD) {
    const codeEnd = b.heads[h + 2]!;
    const callsEnd = b.heads[h + 3]!;
    const sitesEnd = b.heads[h + 4]!;
    const mapEnd = b.heads[h + 5]!;
    const unwindEnd = b.heads[h + 6]!;
    const unwind: UnwindOp[] = [];
    for (; u < unwindEnd; u += 4) {
      const kind = KINDS[b.unwind[u]!]!;
      const at = b.unwind[u + 1]!;
      if (kind === 'saveRegister') unwind.push({ kind, at, reg: b.unwind[u + 2]! as Gpr, cfaOffset: b.unwind[u + 3]! });
      else if (kind === 'restoreRegister') unwind.push({ kind, at, reg: b.unwind[u + 2]! as Gpr });
      else unwind.push({ kind, at });
    }
    out.push({
      funcIndex: b.heads[h]!,
      trampolineType: b.heads[h + 1]!,
      code: b.code.subarray(c, codeEnd),
      calls: b.pairs.subarray(p, callsEnd),
      trapSites: b.pairs.subarray(callsEnd, sitesEnd),
      srcmap: b.pairs.subarray(sitesEnd, mapEnd),
      unwind,
    });
    c = codeEnd;
    p = mapEnd;
  }
  return out;
}
