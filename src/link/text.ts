/**
 * The module's one `.text`: every defined function in function index order, then the
 * trampolines in type index order, each at a multiple of `FUNCTION_ALIGN`, the gaps filled
 * with `int3` (a jump into padding stops at once instead of sliding into the next function).
 *
 * Every direct call between functions is resolved here (contract 2): a `calls` pair
 * (field, callee) of a function at `start` becomes `rel32 = callee start - (start + field
 * + 4)`, written little-endian into the field. Trap sites move from function-relative to
 * text-relative offsets. Nothing else in the code changes, so the offsets a tier recorded
 * (srcmap, unwind ops) stay valid relative to each function's start.
 *
 * The input is checked as it is placed, since a mistake here is a broken program rather
 * than a broken object: exactly one body per defined function, trampolines of existing
 * types without repeats, call fields and trap sites inside their function, callees that
 * are defined functions. Anything else throws (a compiler bug, never the input's fault).
 */
import type { TrapSite } from '../abi/trap-table.js';
import type { TrapCode } from '../abi/traps.js';
import type { CompiledFunction } from '../codegen/types.js';
import type { ModuleInfo } from '../translate/types.js';

/** Alignment of every function and trampoline in `.text` (and of `.text` itself). */
export const FUNCTION_ALIGN = 16;
/** The byte that fills the gaps: int3. */
export const PADDING_BYTE = 0xcc;

/** A placed piece of code: where it starts in `.text` and how long it is. */
export interface PlacedCode {
  readonly offset: number;
  readonly size: number;
  readonly compiled: CompiledFunction;
}

export interface TextLayout {
  readonly bytes: Uint8Array;
  /** Per defined function (defined index order). */
  readonly functions: readonly PlacedCode[];
  /** In type index order; `compiled.trampolineType` is the type. */
  readonly trampolines: readonly PlacedCode[];
  /** Every trap site, text-relative (unsorted: `encodeTrapTable` sorts). */
  readonly trapSites: readonly TrapSite[];
}

const alignUp = (n: number, a: number) => Math.ceil(n / a) * a;

export function layoutText(m: ModuleInfo, compiled: readonly CompiledFunction[]): TextLayout {
  const numDefined = m.funcTypes.length - m.numImportedFuncs;
  const bodies = new Array<CompiledFunction | undefined>(numDefined).fill(undefined);
  const trampolineList: CompiledFunction[] = [];
  for (const c of compiled) {
    if (c.funcIndex === -1) {
      if (!(Number.isInteger(c.trampolineType) && c.trampolineType >= 0 && c.trampolineType < m.types.length)) {
        throw new Error(`link: trampoline for type ${c.trampolineType}, which does not exist`);
      }
      trampolineList.push(c);
      continue;
    }
    const defined = c.funcIndex - m.numImportedFuncs;
    if (!(Number.isInteger(defined) && defined >= 0 && defined < numDefined)) {
      throw new Error(`link: compiled code for function ${c.funcIndex}, which is not a defined function`);
    }
    if (bodies[defined] !== undefined) throw new Error(`link: function ${c.funcIndex} compiled twice`);
    bodies[defined] = c;
  }
  const missing = bodies.indexOf(undefined);
  if (missing >= 0) throw new Error(`link: no code for function ${missing + m.numImportedFuncs}`);
  trampolineList.sort((a, b) => a.trampolineType - b.trampolineType);
  for (let i = 1; i < trampolineList.length; i++) {
    if (trampolineList[i]!.trampolineType === trampolineList[i - 1]!.trampolineType) {
      throw new Error(`link: two trampolines for type ${trampolineList[i]!.trampolineType}`);
    }
  }

  let at = 0;
  const place = (c: CompiledFunction): PlacedCode => {
    at = alignUp(at, FUNCTION_ALIGN);
    const placed = { offset: at, size: c.code.length, compiled: c };
    at += c.code.length;
    return placed;
  };
  const functions = (bodies as CompiledFunction[]).map(place);
  const trampolines = trampolineList.map(place);
  if (at > 0x7fffffff) throw new Error(`link: ${at} bytes of code do not fit rel32 calls`);

  const bytes = new Uint8Array(at).fill(PADDING_BYTE);
  const view = new DataView(bytes.buffer);
  const trapSites: TrapSite[] = [];
  for (const p of [...functions, ...trampolines]) {
    bytes.set(p.compiled.code, p.offset);
    patchCalls(m, p, functions, view);
    const sites = p.compiled.trapSites;
    for (let i = 0; i < sites.length; i += 2) {
      const offset = sites[i]!;
      if (offset >= p.size) throw new Error(`link: ${describe(p)}: trap site at +0x${offset.toString(16)} lies outside its ${p.size} bytes`);
      trapSites.push({ textOffset: p.offset + offset, code: sites[i + 1]! as TrapCode });
    }
  }
  return { bytes, functions, trampolines, trapSites };
}

function patchCalls(m: ModuleInfo, p: PlacedCode, functions: readonly PlacedCode[], view: DataView): void {
  const calls = p.compiled.calls;
  if (calls.length % 2 !== 0) throw new Error(`link: ${describe(p)}: calls is not a list of pairs`);
  for (let i = 0; i < calls.length; i += 2) {
    const field = calls[i]!;
    const callee = functions[calls[i + 1]! - m.numImportedFuncs];
    if (callee === undefined) throw new Error(`link: ${describe(p)}: direct call to function ${calls[i + 1]}, which is not defined here`);
    if (field + 4 > p.size) throw new Error(`link: ${describe(p)}: call field at +0x${field.toString(16)} lies outside its ${p.size} bytes`);
    const at = p.offset + field;
    view.setInt32(at, callee.offset - (at + 4), true);
  }
}

function describe(p: PlacedCode): string {
  return p.compiled.funcIndex === -1 ? `trampoline of type ${p.compiled.trampolineType}` : `function ${p.compiled.funcIndex}`;
}
