/**
 * Decodes a module's sections into a ModuleInfo and applies the module-level validation
 * rules (limits, indices, constant expressions, export names, start function, segments).
 * Function bodies are only delimited here; `validate.ts` validates them.
 *
 * The spec decodes the whole binary before it validates anything, so a malformed module
 * is reported as malformed even if an earlier part of it is also invalid. This decoder
 * keeps that order in one pass: a malformed encoding throws at once, while the first
 * validation failure is recorded (`firstInvalid`) and decoding goes on to the end.
 */
import { readConstExpr, ConstExprContext } from './const-expr.js';
import { WasmError, invalid, malformed } from './errors.js';
import { decodeNameSection } from './names.js';
import { OperatorReader } from './operator-reader.js';
import {
  ConstExpr,
  CustomSection,
  DataSegment,
  ElemSegment,
  Export,
  ExternKind,
  FuncIndex,
  FuncType,
  GlobalType,
  Import,
  Limits,
  MemoryIndex,
  MemoryType,
  ModuleInfo,
  NameSection,
  TableIndex,
  TableType,
  TypeIndex,
  ValType,
  isRefType,
  valTypeName,
} from './types.js';

const MAX_MEMORY_PAGES = 65536;

/** Section ids, and their required order (the data count section sits before code). */
const SectionId = {
  Custom: 0, Type: 1, Import: 2, Function: 3, Table: 4, Memory: 5, Global: 6,
  Export: 7, Start: 8, Element: 9, Code: 10, Data: 11, DataCount: 12,
} as const;
const SECTION_RANK = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10];
const EXTERN_KIND_NAME = ['function', 'table', 'memory', 'global'];
const SECTION_NAME = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'data count'];

export interface DecodedModule {
  module: ModuleInfo;
  /** The first module-level validation failure, if any (the module is then invalid). */
  firstInvalid: WasmError | undefined;
}

/** Decodes and validates everything but the function bodies; throws the first error. */
export function decodeModule(bytes: Uint8Array): ModuleInfo {
  const { module, firstInvalid } = decodeModuleDeferred(bytes);
  if (firstInvalid) throw firstInvalid;
  return module;
}

/** Like decodeModule, but returns the first validation failure instead of throwing it. */
export function decodeModuleDeferred(bytes: Uint8Array): DecodedModule {
  return new ModuleDecoder(bytes).decode();
}

class ModuleDecoder implements ConstExprContext {
  private readonly r: OperatorReader;
  private firstInvalid: WasmError | undefined;

  private types: FuncType[] = [];
  private imports: Import[] = [];
  private funcTypes: number[] = [];
  private numImportedFuncs = 0;
  private tables: TableType[] = [];
  private numImportedTables = 0;
  private memories: MemoryType[] = [];
  private numImportedMemories = 0;
  private globals: GlobalType[] = [];
  importedGlobals: GlobalType[] = [];
  private globalInits: ConstExpr[] = [];
  private exports: Export[] = [];
  private start: FuncIndex | undefined;
  private elems: ElemSegment[] = [];
  private datas: DataSegment[] = [];
  private dataCount: number | undefined;
  private declared = new Set<number>();
  private codeSection: { start: number; end: number } | undefined;
  private bodyStart = new Uint32Array(0);
  private bodyEnd = new Uint32Array(0);
  private names: NameSection = { moduleName: undefined, functionNames: new Map(), localNames: new Map() };
  private customSections: CustomSection[] = [];

  constructor(bytes: Uint8Array) {
    this.r = new OperatorReader(bytes);
  }

  get numFuncs(): number {
    return this.funcTypes.length;
  }

  declareFunc(func: number): void {
    this.declared.add(func);
  }

  /** Records a validation failure; only the first one is reported. */
  private fail(err: WasmError): void {
    this.firstInvalid ??= err;
  }

  decode(): DecodedModule {
    const r = this.r;
    if (r.remaining < 4 || r.fixedU32() !== 0x6d736100) throw malformed(0, 'magic header not detected');
    if (r.remaining < 4) throw malformed(4, 'unexpected end: no binary version');
    if (r.fixedU32() !== 1) throw malformed(4, 'unknown binary version');

    let lastRank = 0;
    while (!r.atEnd()) {
      const idAt = r.pos;
      const id = r.u8('section id');
      if (id > SectionId.DataCount) throw malformed(idAt, `malformed section id ${id}`);
      const size = r.u32('section size');
      if (size > r.remaining) throw malformed(idAt, `length out of bounds: ${SECTION_NAME[id]} section of ${size} bytes, ${r.remaining} left`);
      const sectionEnd = r.pos + size;
      if (id !== SectionId.Custom) {
        const rank = SECTION_RANK[id]!;
        if (rank <= lastRank) throw malformed(idAt, `unexpected content after last section: ${SECTION_NAME[id]} section out of order or repeated`);
        lastRank = rank;
      }
      const outerEnd = r.end;
      r.end = sectionEnd;
      this.decodeSection(id);
      if (r.pos !== sectionEnd) throw malformed(r.pos, `section size mismatch in the ${SECTION_NAME[id]} section`);
      r.end = outerEnd;
    }

    const numDefined = this.funcTypes.length - this.numImportedFuncs;
    if (this.bodyStart.length !== numDefined) {
      throw malformed(r.pos, `function and code section have inconsistent lengths: ${numDefined} functions, ${this.bodyStart.length} bodies`);
    }
    if (this.dataCount !== undefined && this.dataCount !== this.datas.length) {
      throw malformed(r.pos, `data count and data section have inconsistent lengths: ${this.dataCount} and ${this.datas.length}`);
    }
    return { module: this.finishModule(), firstInvalid: this.firstInvalid };
  }

  private finishModule(): ModuleInfo {
    const funcTypes = Uint32Array.from(this.funcTypes);
    const declaredFuncRefs = new Uint8Array(funcTypes.length);
    for (const f of this.declared) if (f < funcTypes.length) declaredFuncRefs[f] = 1;
    return {
      types: this.types,
      imports: this.imports,
      funcTypes,
      numImportedFuncs: this.numImportedFuncs,
      tables: this.tables,
      numImportedTables: this.numImportedTables,
      memories: this.memories,
      numImportedMemories: this.numImportedMemories,
      globals: this.globals,
      numImportedGlobals: this.importedGlobals.length,
      globalInits: this.globalInits,
      exports: this.exports,
      start: this.start,
      elems: this.elems,
      datas: this.datas,
      dataCount: this.dataCount,
      declaredFuncRefs,
      codeSection: this.codeSection,
      bodyStart: this.bodyStart,
      bodyEnd: this.bodyEnd,
      names: this.names,
      customSections: this.customSections,
    };
  }

  private decodeSection(id: number): void {
    switch (id) {
      case SectionId.Custom: return this.customSection();
      case SectionId.Type: return this.typeSection();
      case SectionId.Import: return this.importSection();
      case SectionId.Function: return this.functionSection();
      case SectionId.Table: return this.tableSection();
      case SectionId.Memory: return this.memorySection();
      case SectionId.Global: return this.globalSection();
      case SectionId.Export: return this.exportSection();
      case SectionId.Start: return this.startSection();
      case SectionId.Element: return this.elementSection();
      case SectionId.Code: return this.codeSectionBodies();
      case SectionId.Data: return this.dataSection();
      case SectionId.DataCount:
        this.dataCount = this.r.u32('data count');
        return;
    }
  }

  private customSection(): void {
    const r = this.r;
    const name = r.name('custom section name');
    const section = { name, start: r.pos, end: r.end };
    this.customSections.push(section);
    // The name section is advisory: a broken one is ignored, never an error.
    if (name === 'name') this.names = decodeNameSection(r.bytes, section.start, section.end) ?? this.names;
    r.pos = r.end;
  }

  private typeSection(): void {
    const r = this.r;
    const n = r.count('type', 3);
    for (let i = 0; i < n; i++) {
      const at = r.pos;
      const form = r.u8('function type');
      if (form !== 0x60) throw malformed(at, `malformed function type: form 0x${form.toString(16)}, expected 0x60`);
      const params = this.valTypes('parameter');
      const results = this.valTypes('result');
      this.types.push({ params, results });
    }
  }

  private valTypes(what: string): Uint8Array {
    const n = this.r.count(what);
    const types = new Uint8Array(n);
    for (let i = 0; i < n; i++) types[i] = this.r.valTypeByte();
    return types;
  }

  private importSection(): void {
    const r = this.r;
    const n = r.count('import', 4);
    for (let i = 0; i < n; i++) {
      const module = r.name('import module name');
      const name = r.name('import name');
      const kindAt = r.pos;
      const kind = r.u8('import kind');
      switch (kind) {
        case ExternKind.Func: {
          const typeAt = r.pos;
          const type = r.u32('type index');
          if (type >= this.types.length) this.fail(invalid(typeAt, `unknown type ${type}`));
          this.funcTypes.push(type);
          this.numImportedFuncs++;
          this.imports.push({ module, name, desc: { kind, type: type as TypeIndex } });
          break;
        }
        case ExternKind.Table: {
          const table = this.tableType();
          this.tables.push(table);
          this.numImportedTables++;
          this.imports.push({ module, name, desc: { kind, table } });
          break;
        }
        case ExternKind.Memory: {
          const memory = this.memoryType();
          this.memories.push(memory);
          this.numImportedMemories++;
          this.imports.push({ module, name, desc: { kind, memory } });
          break;
        }
        case ExternKind.Global: {
          const global = this.globalType();
          this.globals.push(global);
          this.importedGlobals.push(global);
          this.imports.push({ module, name, desc: { kind, global } });
          break;
        }
        default:
          throw malformed(kindAt, `malformed import kind ${kind}`);
      }
    }
    this.checkMemoryCount(r.pos);
  }

  private functionSection(): void {
    const r = this.r;
    const n = r.count('function');
    for (let i = 0; i < n; i++) {
      const at = r.pos;
      const type = r.u32('type index');
      if (type >= this.types.length) this.fail(invalid(at, `unknown type ${type}`));
      this.funcTypes.push(type);
    }
  }

  private tableSection(): void {
    const n = this.r.count('table', 3);
    for (let i = 0; i < n; i++) this.tables.push(this.tableType());
  }

  private memorySection(): void {
    const n = this.r.count('memory', 2);
    for (let i = 0; i < n; i++) this.memories.push(this.memoryType());
    this.checkMemoryCount(this.r.pos);
  }

  private checkMemoryCount(at: number): void {
    if (this.memories.length > 1) this.fail(invalid(at, 'multiple memories'));
  }

  private globalSection(): void {
    const r = this.r;
    const n = r.count('global', 3);
    for (let i = 0; i < n; i++) {
      const type = this.globalType();
      const { expr, error } = readConstExpr(r, this, type.valType);
      if (error) this.fail(error);
      this.globals.push(type);
      this.globalInits.push(expr);
    }
  }

  private exportSection(): void {
    const r = this.r;
    const n = r.count('export', 3);
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) {
      const nameAt = r.pos;
      const name = r.name('export name');
      const kindAt = r.pos;
      const kind = r.u8('export kind');
      const indexAt = r.pos;
      const index = r.u32('export index');
      if (kind > ExternKind.Global) throw malformed(kindAt, `malformed export kind ${kind}`);
      if (seen.has(name)) this.fail(invalid(nameAt, `duplicate export name ${JSON.stringify(name)}`));
      seen.add(name);
      if (index >= this.indexSpaceSize(kind)) {
        this.fail(invalid(indexAt, `unknown ${EXTERN_KIND_NAME[kind]} ${index} in export ${JSON.stringify(name)}`));
      }
      if (kind === ExternKind.Func) this.declareFunc(index);
      this.exports.push({ name, kind: kind as ExternKind, index });
    }
  }

  private indexSpaceSize(kind: number): number {
    switch (kind) {
      case ExternKind.Func: return this.funcTypes.length;
      case ExternKind.Table: return this.tables.length;
      case ExternKind.Memory: return this.memories.length;
      default: return this.globals.length;
    }
  }

  private startSection(): void {
    const at = this.r.pos;
    const func = this.r.u32('start function');
    this.start = func as FuncIndex;
    if (func >= this.funcTypes.length) return this.fail(invalid(at, `unknown function ${func}`));
    const type = this.types[this.funcTypes[func]!];
    if (type && (type.params.length !== 0 || type.results.length !== 0)) {
      this.fail(invalid(at, `start function ${func} must take no parameters and return nothing`));
    }
  }

  private elementSection(): void {
    const r = this.r;
    const n = r.count('element segment', 2);
    for (let i = 0; i < n; i++) {
      const at = r.pos;
      const flags = r.u32('element segment flags');
      if (flags > 7) throw malformed(at, `malformed elements segment kind ${flags}`);
      // Bit 0: passive or declarative; bit 1: explicit table index (active) or
      // declarative (otherwise); bit 2: items are expressions.
      const mode = flags & 1 ? (flags & 2 ? 'declarative' : 'passive') : 'active';
      const explicitTable = (flags & 3) === 2;
      const usesExprs = (flags & 4) !== 0;
      const tableAt = r.pos;
      const table = explicitTable ? r.u32('table index') : 0;
      let offset: ConstExpr | undefined;
      if (mode === 'active') offset = this.constExpr(ValType.I32);
      let elemType: ValType = ValType.FuncRef;
      if (flags & 3) {
        const typeAt = r.pos;
        const b = r.u8(usesExprs ? 'reference type' : 'element kind');
        if (usesExprs) {
          if (!isRefType(b)) throw malformed(typeAt, 'malformed reference type');
          elemType = b;
        } else if (b !== 0) {
          throw malformed(typeAt, `malformed element kind ${b}`);
        }
      }
      let items: ElemSegment['items'];
      if (usesExprs) {
        const count = r.count('element expression');
        const exprs: ConstExpr[] = [];
        for (let j = 0; j < count; j++) exprs.push(this.constExpr(elemType));
        items = { kind: 'exprs', exprs };
      } else {
        const count = r.count('element function index');
        const funcs = new Uint32Array(count);
        for (let j = 0; j < count; j++) {
          const fAt = r.pos;
          const f = r.u32('function index');
          if (f >= this.funcTypes.length) this.fail(invalid(fAt, `unknown function ${f}`));
          this.declareFunc(f);
          funcs[j] = f;
        }
        items = { kind: 'funcs', funcs };
      }
      if (mode === 'active') {
        const t = this.tables[table];
        if (t === undefined) this.fail(invalid(tableAt, `unknown table ${table}`));
        else if (t.elemType !== elemType) {
          this.fail(invalid(at, `type mismatch: segment of ${valTypeName(elemType)} for a table of ${valTypeName(t.elemType)}`));
        }
      }
      this.elems.push({ mode, elemType, table: table as TableIndex, offset, items });
    }
  }

  private codeSectionBodies(): void {
    const r = this.r;
    this.codeSection = { start: r.pos, end: r.end };
    const n = r.count('function body');
    const numDefined = this.funcTypes.length - this.numImportedFuncs;
    if (n !== numDefined) {
      throw malformed(this.codeSection.start, `function and code section have inconsistent lengths: ${numDefined} functions, ${n} bodies`);
    }
    this.bodyStart = new Uint32Array(n);
    this.bodyEnd = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const at = r.pos;
      const size = r.u32('function body size');
      if (size > r.remaining) throw malformed(at, `unexpected end of section or function: body of ${size} bytes, ${r.remaining} left`);
      this.bodyStart[i] = r.pos;
      r.pos += size;
      this.bodyEnd[i] = r.pos;
    }
  }

  private dataSection(): void {
    const r = this.r;
    const n = r.count('data segment');
    if (this.dataCount !== undefined && n !== this.dataCount) {
      throw malformed(r.pos, `data count and data section have inconsistent lengths: ${this.dataCount} and ${n}`);
    }
    for (let i = 0; i < n; i++) {
      const at = r.pos;
      const flags = r.u32('data segment flags');
      if (flags > 2) throw malformed(at, `malformed data segment kind ${flags}`);
      const memAt = r.pos;
      const memory = flags === 2 ? r.u32('memory index') : 0;
      let offset: ConstExpr | undefined;
      if (flags !== 1) {
        offset = this.constExpr(ValType.I32);
        if (memory >= this.memories.length) this.fail(invalid(memAt, `unknown memory ${memory}`));
      }
      const lenAt = r.pos;
      const len = r.u32('data segment size');
      if (len > r.remaining) throw malformed(lenAt, `unexpected end of section or function: data segment of ${len} bytes, ${r.remaining} left`);
      const dataStart = r.pos;
      r.pos += len;
      this.datas.push({ mode: flags === 1 ? 'passive' : 'active', memory: memory as MemoryIndex, offset, dataStart, dataEnd: r.pos });
    }
  }

  private constExpr(expected: ValType): ConstExpr {
    const { expr, error } = readConstExpr(this.r, this, expected);
    if (error) this.fail(error);
    return expr;
  }

  private limits(what: string): Limits {
    const r = this.r;
    const at = r.pos;
    const flags = r.u8('limits flags');
    if (flags > 1) throw malformed(at, `integer too large: malformed ${what} limits flags 0x${flags.toString(16)}`);
    const min = r.u32(`${what} minimum`);
    const max = flags === 1 ? r.u32(`${what} maximum`) : undefined;
    if (max !== undefined && min > max) this.fail(invalid(at, `size minimum must not be greater than maximum in ${what} limits`));
    return { min, max };
  }

  private tableType(): TableType {
    const at = this.r.pos;
    const elemType = this.r.u8('table element type');
    if (!isRefType(elemType)) throw malformed(at, 'malformed reference type');
    return { elemType, limits: this.limits('table') };
  }

  private memoryType(): MemoryType {
    const at = this.r.pos;
    const limits = this.limits('memory');
    if (limits.min > MAX_MEMORY_PAGES || (limits.max !== undefined && limits.max > MAX_MEMORY_PAGES)) {
      this.fail(invalid(at, 'memory size must be at most 65536 pages (4GiB)'));
    }
    return { limits };
  }

  private globalType(): GlobalType {
    const r = this.r;
    const valType = r.valTypeByte();
    const at = r.pos;
    const mut = r.u8('global mutability');
    if (mut > 1) throw malformed(at, `malformed mutability 0x${mut.toString(16)}`);
    return { valType, mutable: mut === 1 };
  }
}
