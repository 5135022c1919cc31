/**
 * The `name` custom section: module name, function names and local names.
 *
 * The section is advisory. The spec lets an implementation ignore it when it is broken,
 * and so do we: any decoding problem makes `decodeNameSection` return undefined and the
 * module is used without names. Subsections other than 0, 1 and 2 are skipped.
 */
import { WasmError } from './errors.js';
import { ByteReader } from './reader.js';
import { NameSection } from './types.js';

const Subsection = { Module: 0, Function: 1, Local: 2 } as const;

export function decodeNameSection(bytes: Uint8Array, start: number, end: number): NameSection | undefined {
  const r = new ByteReader(bytes, start, end);
  let moduleName: string | undefined;
  const functionNames = new Map<number, string>();
  const localNames = new Map<number, Map<number, string>>();
  try {
    let lastId = -1;
    while (!r.atEnd()) {
      const id = r.u8('name subsection id');
      const size = r.u32('name subsection size');
      if (size > r.remaining || id <= lastId) return undefined;
      lastId = id;
      const subEnd = r.pos + size;
      const sub = new ByteReader(bytes, r.pos, subEnd);
      switch (id) {
        case Subsection.Module:
          moduleName = sub.name('module name');
          break;
        case Subsection.Function:
          readNameMap(sub, functionNames);
          break;
        case Subsection.Local: {
          const n = sub.count('local name map');
          for (let i = 0; i < n; i++) {
            const func = sub.u32('function index');
            const names = new Map<number, string>();
            readNameMap(sub, names);
            localNames.set(func, names);
          }
          break;
        }
        default:
          sub.pos = subEnd;
      }
      if (sub.pos !== subEnd) return undefined;
      r.pos = subEnd;
    }
  } catch (e) {
    if (e instanceof WasmError) return undefined;
    throw e;
  }
  return { moduleName, functionNames, localNames };
}

function readNameMap(r: ByteReader, into: Map<number, string>): void {
  const n = r.count('name map', 2);
  for (let i = 0; i < n; i++) {
    const index = r.u32('index');
    into.set(index, r.name());
  }
}
