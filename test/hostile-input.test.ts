/**
 * Hostile input: `validateModule` against mutated, truncated, oversized and deeply nested
 * modules.
 *
 * Properties checked for every input:
 *  - it returns (never throws), in bounded time;
 *  - a rejection is a WasmError with a kind, an integer offset within [0, input length]
 *    and a non-empty reason;
 *  - it agrees with V8's `WebAssembly.validate`, up to the narrow exclusions documented in
 *    helpers/differential.ts.
 * Targeted cases check that a huge claimed count is rejected fast without allocating for
 * it, that validation time stays linear on inputs built to make it quadratic, and that
 * nesting depth is limited by the input size only.
 *
 * Seeds: hand-written modules using every section kind, random well-typed modules, the
 * binary modules of a selection of spec test files (through wast2json), validation corner
 * cases (helpers/corner-cases.ts) and fixtures/*.wasm.
 * All mutation is seeded, so every failure names its (seed, mutation) and replays.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WasmError, validateModule } from '../src/translate/index.js';
import {
  Disagreement, Validator, disagreementKey, explain, minimize, v8Message, v8Validates,
} from './helpers/differential.js';
import { allTruncations, mulberry32, mutate, nestedBlocksModule, scanSections, type Nesting } from './helpers/mutate.js';
import { handWrittenSeeds, randomModule, type Seed } from './helpers/seed-modules.js';
import { CORNER_CASES, RAW_BODY_CASES, cornerCaseModule, rawBodyModule } from './helpers/corner-cases.js';
import { requireTool, specModules, wat2wasm } from './helpers/wabt.js';
import {
  EMPTY_BLOCK, FUNCREF, I32, Kind, ModuleBuilder, Op, SectionId, customSection, funcType, hex, i32Const, moduleBytes, name, rawSection,
  section, uleb, ulebPadded,
} from './helpers/wasm-builder.js';

const SPEC_DIR = join(import.meta.dirname, '../../shared/spec-testsuite');
const FIXTURES_DIR = join(import.meta.dirname, '../fixtures');

/** Spec files whose binary modules are used; together they cover every section and most opcodes. */
const SPEC_FILES = [
  'binary', 'binary-leb128', 'custom', 'names', 'br_table', 'block', 'loop', 'if', 'elem', 'data', 'global',
  'imports', 'exports', 'memory', 'table', 'func', 'call_indirect', 'start', 'bulk', 'ref_func', 'select',
  'table_init', 'memory_init', 'unreached-valid', 'unreached-invalid', 'br_if', 'local_tee', 'stack', 'type',
  'table_grow', 'utf8-import-field',
];
/** Spec commands whose module is valid (the others hold invalid or malformed ones). */
const VALID_COMMANDS = new Set(['module', 'assert_uninstantiable', 'assert_unlinkable', 'assert_trap', 'assert_return']);

const RANDOM_SEEDS = 120;
const MUTANTS_PER_SEED = { hand: 400, random: 40, spec: 20, fixtureSmall: 500, fixtureLarge: 20 };
/** A fixture larger than this gets few mutants: each one costs a full validation. */
const LARGE_FIXTURE = 256 * 1024;
const SLOW_MS = 200;

interface Case {
  origin: string;
  desc: string;
  bytes: Uint8Array;
}

/** Runs our validator; catches anything it throws (a bug) into the verdict. */
const ours: Validator = (bytes) => {
  try {
    const r = validateModule(bytes);
    if (r.ok) return { ok: true, detail: '', threw: false };
    const e = r.error;
    return { ok: false, detail: `${e.kind}@${e.offset}: ${e.reason}`, threw: false };
  } catch (e) {
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { ok: false, detail: `threw ${what}`, threw: true };
  }
};

/** What is wrong with a result's shape, or undefined. */
function shapeProblem(bytes: Uint8Array, r: ReturnType<typeof validateModule>): string | undefined {
  if (r.ok) return r.module === undefined ? 'ok without a module' : undefined;
  const e = r.error;
  if (!(e instanceof WasmError)) return `error is not a WasmError: ${String(e)}`;
  if (e.kind !== 'malformed' && e.kind !== 'invalid') return `bad kind ${String(e.kind)}`;
  if (!Number.isInteger(e.offset) || e.offset < 0 || e.offset > bytes.length) return `offset ${e.offset} outside [0, ${bytes.length}]`;
  if (typeof e.reason !== 'string' || e.reason.trim() === '') return 'empty reason';
  if (e.funcIndex !== undefined && (!Number.isInteger(e.funcIndex) || e.funcIndex < 0)) return `bad funcIndex ${e.funcIndex}`;
  return undefined;
}

function caseLine(c: Case, extra: string): string {
  return `${c.origin} | ${c.desc} | ${extra}\n    bytes: ${hex(c.bytes, 48)}`;
}

// ---------------------------------------------------------------------------
// Seeds.

/**
 * Seeds: `valid` ones (mutated), `rejects` (the spec's invalid and malformed binaries,
 * compared unmutated) and `corner` cases (valid or not; compared and mutated).
 */
function loadSeeds(): { valid: Seed[]; rejects: Seed[]; corner: Seed[] } {
  const valid: Seed[] = [...handWrittenSeeds().map((s) => ({ name: `hand: ${s.name}`, bytes: s.bytes }))];
  for (let i = 0; i < RANDOM_SEEDS; i++) valid.push({ name: `random #${i}`, bytes: randomModule(mulberry32(0x5eed0000 + i)) });
  const rejects: Seed[] = [];
  requireTool('wast2json');
  requireTool('wat2wasm');
  if (!existsSync(SPEC_DIR)) throw new Error(`the spec suite is missing: ${SPEC_DIR}`);
  {
    for (const f of SPEC_FILES) {
      const path = join(SPEC_DIR, `${f}.wast`);
      for (const m of specModules(path)) {
        (VALID_COMMANDS.has(m.command) ? valid : rejects).push({ name: `spec ${m.where} (${m.command})`, bytes: m.bytes });
      }
    }
  }
  if (existsSync(FIXTURES_DIR)) {
    for (const f of readdirSync(FIXTURES_DIR).filter((n) => n.endsWith('.wasm')).sort()) {
      valid.push({ name: `fixture ${f}`, bytes: new Uint8Array(readFileSync(join(FIXTURES_DIR, f))) });
    }
  }
  const corner: Seed[] = RAW_BODY_CASES.map((c) => ({ name: `corner (raw): ${c.name}`, bytes: rawBodyModule(c.code) }));
  // --no-check: invalid cases must assemble too. A case that does not assemble is a bug
  // in the list, so it fails loudly.
  for (const c of CORNER_CASES) corner.push({ name: `corner: ${c.name}`, bytes: wat2wasm(cornerCaseModule(c.wat), ['--no-check']) });
  return { valid, rejects, corner };
}

/** `W2O_HOSTILE_SCALE=k` multiplies the mutant counts, for a longer soak run by hand. */
const SCALE = Math.max(1, Number(process.env.W2O_HOSTILE_SCALE ?? 1) || 1);
/** Mutation seeds start here; a soak run may set `W2O_HOSTILE_SEED` to explore new ones. */
const SEED_BASE = Number(process.env.W2O_HOSTILE_SEED ?? 0) >>> 0;

function mutantsPerSeed(seed: Seed): number {
  const n = seed.name.startsWith('hand:') ? MUTANTS_PER_SEED.hand
    : seed.name.startsWith('random') ? MUTANTS_PER_SEED.random
    : seed.name.startsWith('fixture') ? (seed.bytes.length > LARGE_FIXTURE ? MUTANTS_PER_SEED.fixtureLarge : MUTANTS_PER_SEED.fixtureSmall)
    : MUTANTS_PER_SEED.spec;
  return n * SCALE;
}

/** A stable 32-bit seed from a string (FNV-1a). */
function hashSeed(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function* allCases(valid: readonly Seed[], rejects: readonly Seed[], corner: readonly Seed[]): Generator<Case> {
  for (const s of [...valid, ...rejects, ...corner]) yield { origin: s.name, desc: 'unmutated', bytes: s.bytes };
  for (const s of [...valid, ...corner]) {
    if (s.name.startsWith('hand:')) for (const m of allTruncations(s.bytes)) yield { origin: s.name, ...m };
    const base = (hashSeed(s.name) + SEED_BASE) >>> 0;
    const n = mutantsPerSeed(s);
    for (let k = 0; k < n; k++) {
      const seed = (base + k) >>> 0;
      const m = mutate(s.bytes, seed);
      yield { origin: s.name, desc: `seed ${seed}: ${m.desc}`, bytes: m.bytes };
    }
  }
}

// ---------------------------------------------------------------------------
// The mutant sweep.

interface SweepResult {
  cases: number;
  seeds: number;
  rejectSeeds: number;
  cornerSeeds: number;
  threw: string[];
  badShape: string[];
  slow: string[];
  disagreements: Disagreement[];
  ms: number;
}

function sweep(): SweepResult {
  const t0 = performance.now();
  const { valid, rejects, corner } = loadSeeds();
  const out: SweepResult = {
    cases: 0, seeds: valid.length, rejectSeeds: rejects.length, cornerSeeds: corner.length,
    threw: [], badShape: [], slow: [], disagreements: [], ms: 0,
  };
  for (const c of allCases(valid, rejects, corner)) {
    out.cases++;
    const start = performance.now();
    let r: ReturnType<typeof validateModule>;
    try {
      r = validateModule(c.bytes);
    } catch (e) {
      const what = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack?.split('\n').slice(1, 4).join('\n')}` : String(e);
      out.threw.push(caseLine(c, `threw ${what}`));
      continue;
    }
    const ms = performance.now() - start;
    // Large fixtures get time in proportion to their size (1 ms per 4 KiB).
    if (ms > SLOW_MS + c.bytes.length / 4096) out.slow.push(caseLine(c, `${ms.toFixed(0)} ms`));
    const problem = shapeProblem(c.bytes, r);
    if (problem !== undefined) out.badShape.push(caseLine(c, problem));

    const v8 = v8Validates(c.bytes);
    if (v8 === r.ok) continue;
    const direction = v8 ? 'v8-accepts' : 'v8-rejects';
    const v8Text = v8 ? '' : v8Message(c.bytes);
    const oursText = r.ok ? '' : `${r.error.kind}@${r.error.offset}: ${r.error.reason}`;
    out.disagreements.push({
      ...c,
      direction,
      ours: oursText,
      v8: v8Text,
      excluded: explain(c.bytes, direction, v8Text, r.ok ? undefined : r.error.offset),
    });
  }
  out.ms = performance.now() - t0;
  return out;
}

/** The disagreements that count, one block per cause, each with a shrunk reproducer. */
function reportDisagreements(list: readonly Disagreement[]): string {
  const groups = new Map<string, Disagreement[]>();
  for (const d of list) {
    const key = disagreementKey(d);
    const g = groups.get(key);
    if (g) g.push(d);
    else groups.set(key, [d]);
  }
  const blocks: string[] = [];
  for (const [key, g] of groups) {
    const first = g[0]!;
    const small = minimize(first.bytes, ours);
    blocks.push(
      `${key}  (${g.length} inputs)\n` +
        `  e.g. ${first.origin} | ${first.desc}\n` +
        `  ours: ${first.ours || 'valid'}\n  V8:   ${first.v8 || 'valid'}\n` +
        `  reproducer (${small.length} bytes): ${hex(small, 4096)}\n` +
        `  reproducer, ours: ${ours(small).detail || 'valid'}; V8: ${v8Message(small) || 'valid'}`,
    );
  }
  return blocks.join('\n\n');
}

describe('mutated modules', () => {
  let result: SweepResult;
  beforeAll(() => {
    result = sweep();
    const excluded = result.disagreements.filter((d) => d.excluded !== undefined);
    const reasons = new Map<string, number>();
    for (const d of excluded) reasons.set(d.excluded!, (reasons.get(d.excluded!) ?? 0) + 1);
    console.log(
      `hostile input: ${result.cases} inputs from ${result.seeds} valid seeds, ${result.rejectSeeds} spec rejects and ` +
        `${result.cornerSeeds} corner cases in ` +
        `${(result.ms / 1000).toFixed(1)} s; excluded disagreements: ${[...reasons].map(([r, n]) => `${n} × ${r}`).join(', ') || 'none'}`,
    );
  });

  it('uses enough seeds and mutants', () => {
    expect(result.seeds).toBeGreaterThan(100);
    expect(result.cases).toBeGreaterThan(3000);
  });

  it('never throws', () => {
    expect(result.threw, `validateModule threw on ${result.threw.length} inputs:\n${result.threw.slice(0, 20).join('\n')}`).toEqual([]);
  });

  it('rejects with a well-formed WasmError', () => {
    expect(result.badShape, result.badShape.slice(0, 20).join('\n')).toEqual([]);
  });

  it(`takes less than ${SLOW_MS} ms per input`, () => {
    expect(result.slow, result.slow.slice(0, 20).join('\n')).toEqual([]);
  });

  it('agrees with V8 (WebAssembly.validate)', () => {
    const counted = result.disagreements.filter((d) => d.excluded === undefined);
    if (counted.length > 0) {
      expect.fail(`${counted.length} inputs where V8 and validateModule disagree:\n\n${reportDisagreements(counted)}`);
    }
  });
});

// ---------------------------------------------------------------------------
// The test machinery itself: mutation replays, and the exclusions match what V8 really
// says and nothing more.

describe('test machinery', () => {
  const typeOnly = (params: number[], results: number[]): Uint8Array => moduleBytes(section(SectionId.Type, [1, ...funcType(params, results)]));
  const brTable = (n: number): Uint8Array => {
    const code = [0, Op.block, EMPTY_BLOCK, ...i32Const(0), Op.br_table, ...uleb(n)];
    for (let i = 0; i <= n; i++) code.push(0);
    return withBody([...code, Op.end, Op.end]);
  };

  it('excludes V8 implementation limits, and only those', () => {
    const limits: [string, Uint8Array][] = [
      ['50001 locals', withBody([1, ...uleb(50_001), I32, Op.end])],
      ['1001 params', typeOnly(Array<number>(1001).fill(I32), [])],
      ['1001 results', typeOnly([], Array<number>(1001).fill(I32))],
      ['br_table with 65521 targets', brTable(65_521)],
    ];
    for (const [what, bytes] of limits) {
      expect(ours(bytes).detail, what).toBe('');
      expect(v8Validates(bytes), what).toBe(false);
      expect(explain(bytes, 'v8-rejects', v8Message(bytes)), `${what}: ${v8Message(bytes)}`).toMatch(/implementation limit/);
    }
    // V8 words these spec rules as limits; they must not be excluded.
    const specRules: [string, Uint8Array][] = [
      ['memory of 65537 pages', moduleBytes(section(SectionId.Memory, [1, 0, ...uleb(65_537)]))],
      ['two memories', moduleBytes(section(SectionId.Memory, [2, 0, 1, 0, 1]))],
    ];
    for (const [what, bytes] of specRules) {
      expect(v8Validates(bytes), what).toBe(false);
      expect(explain(bytes, 'v8-rejects', v8Message(bytes)), what).toBeUndefined();
    }
  });

  it('excludes post-2.0 features V8 ships, and only those', () => {
    requireTool('wasm-validate');
    // A body with a legacy-exceptions `try` block: V8 in Node 20 accepts it, 2.0 does not.
    const withTry = withBody([0, 0x06, EMPTY_BLOCK, Op.end, Op.end]);
    expect(v8Validates(withTry)).toBe(true);
    expect(explain(withTry, 'v8-accepts', '')).toMatch(/post-2.0 feature/);
    // A body that no feature makes valid.
    const bad = withBody([0, Op.i32_add, Op.end]);
    expect(explain(bad, 'v8-accepts', '')).toBeUndefined();
  });

  it('mutates deterministically, and any input, even garbage', () => {
    const rng = mulberry32(7);
    const inputs = handWrittenSeeds().map((s) => s.bytes);
    for (let i = 0; i < 300; i++) {
      const garbage = Array.from({ length: rng.int(48) }, () => rng.int(256));
      inputs.push(Uint8Array.from(i % 2 ? garbage : [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...garbage]));
    }
    for (const input of inputs) {
      for (let k = 0; k < 30; k++) {
        const a = mutate(input, k);
        const b = mutate(input, k);
        expect(b.desc).toBe(a.desc);
        expect(hex(b.bytes, 1 << 20)).toBe(hex(a.bytes, 1 << 20));
      }
    }
  });

  it('shrinks a disagreement to a small reproducer', () => {
    // A stand-in validator that wrongly rejects every module with a data section.
    const picky: Validator = (bytes) => {
      const ok = v8Validates(bytes) && !scanSections(bytes).some((s) => s.id === SectionId.Data);
      return { ok, detail: ok ? '' : 'invalid@0: picky', threw: false };
    };
    const seed = handWrittenSeeds().find((s) => s.name === 'every section')!.bytes;
    expect(picky(seed).ok).toBe(false);
    const small = minimize(seed, picky);
    expect(small.length).toBeLessThan(seed.length / 3);
    expect(picky(small).ok).toBe(false);
    expect(v8Validates(small)).toBe(true);
  });
});

// ---------------------------------------------------------------------------
// Block types, where V8 is partly more lenient than the spec: the spec decides.

describe('block types are 0x40, a value type byte, or a non-negative s33', () => {
  // blocktype ::= 0x40 | valtype | x:s33 (if x >= 0). A padded encoding such as
  // 0xc0 0x7f reads as the s33 -64: not 0x40, not a value type byte, and negative, so
  // malformed. V8 and wabt read 0xc0 0x7f as the empty block type; V8 rejects 0xff 0x7f.
  const cases = [
    ['empty', [Op.block, 0xc0, 0x7f, Op.end]],
    ['i32', [Op.block, 0xff, 0x7f, ...i32Const(0), Op.end, Op.drop]],
  ] as const;
  for (const [what, code] of cases) {
    it(`rejects a block type ${what} encoded in two bytes`, () => {
      const r = ours(rawBodyModule(code));
      expect(r.threw, r.detail).toBe(false);
      expect(r.ok, 'accepted').toBe(false);
    });
  }
});

// ---------------------------------------------------------------------------
// Huge counts.

const MB = 1024 * 1024;

/** Huge counts, in their shortest encoding and in the widest one a u32 may have. */
const HUGE: readonly { name: string; value: number; bytes: number[] }[] = [
  { name: '0xffffffff', value: 0xffff_ffff, bytes: uleb(0xffff_ffff) },
  { name: '2^31', value: 0x8000_0000, bytes: uleb(0x8000_0000) },
  { name: '2^31-1', value: 0x7fff_ffff, bytes: uleb(0x7fff_ffff) },
  { name: '2^28', value: 0x1000_0000, bytes: uleb(0x1000_0000) },
  { name: '2^24', value: 0x0100_0000, bytes: uleb(0x0100_0000) },
  { name: '2^24 padded to 5 bytes', value: 0x0100_0000, bytes: ulebPadded(0x0100_0000) },
];

const typeVoid = section(SectionId.Type, [1, ...funcType([], [])]);
const oneFunc = section(SectionId.Function, [1, 0]);
const oneMemory = section(SectionId.Memory, [1, 0x00, 1]);
const oneTable = section(SectionId.Table, [1, FUNCREF, 0x00, 1]);
/** A module whose only function has the given body (local declarations included, size computed). */
const withBody = (body: number[]): Uint8Array => moduleBytes(typeVoid, oneFunc, section(SectionId.Code, [1, ...uleb(body.length), ...body]));

/** Tiny modules whose every byte after the huge count is a few bytes of filler at most. */
const hugeCountCases: { what: string; build: (n: number[]) => Uint8Array; mustReject: boolean | ((n: number) => boolean) }[] = [
  { what: 'types', build: (n) => moduleBytes(section(SectionId.Type, [...n, ...funcType([], [])])), mustReject: true },
  { what: 'type params', build: (n) => moduleBytes(section(SectionId.Type, [1, 0x60, ...n, I32, 0])), mustReject: true },
  { what: 'type results', build: (n) => moduleBytes(section(SectionId.Type, [1, 0x60, 0, ...n, I32])), mustReject: true },
  { what: 'imports', build: (n) => moduleBytes(typeVoid, section(SectionId.Import, [...n, ...name('m'), ...name('f'), 0, 0])), mustReject: true },
  { what: 'import module name length', build: (n) => moduleBytes(typeVoid, section(SectionId.Import, [1, ...n, 0x6d])), mustReject: true },
  { what: 'import field name length', build: (n) => moduleBytes(typeVoid, section(SectionId.Import, [1, ...name('m'), ...n, 0x66])), mustReject: true },
  { what: 'functions', build: (n) => moduleBytes(typeVoid, section(SectionId.Function, [...n, 0])), mustReject: true },
  { what: 'tables', build: (n) => moduleBytes(section(SectionId.Table, [...n, FUNCREF, 0, 1])), mustReject: true },
  { what: 'memories', build: (n) => moduleBytes(section(SectionId.Memory, [...n, 0, 1])), mustReject: true },
  { what: 'globals', build: (n) => moduleBytes(section(SectionId.Global, [...n, I32, 0, ...i32Const(0), Op.end])), mustReject: true },
  { what: 'exports', build: (n) => moduleBytes(oneMemory, section(SectionId.Export, [...n, ...name('m'), 2, 0])), mustReject: true },
  { what: 'export name length', build: (n) => moduleBytes(oneMemory, section(SectionId.Export, [1, ...n, 0x6d, 2, 0])), mustReject: true },
  { what: 'elems', build: (n) => moduleBytes(typeVoid, oneFunc, oneTable, section(SectionId.Element, [...n, 0, ...i32Const(0), Op.end, 0])), mustReject: true },
  { what: 'element items (function indices)', build: (n) => moduleBytes(typeVoid, oneFunc, oneTable, section(SectionId.Element, [1, 0, ...i32Const(0), Op.end, ...n, 0])), mustReject: true },
  { what: 'element items (expressions)', build: (n) => moduleBytes(oneTable, section(SectionId.Element, [1, 4, ...i32Const(0), Op.end, ...n, Op.ref_null, FUNCREF, Op.end])), mustReject: true },
  { what: 'datas', build: (n) => moduleBytes(oneMemory, section(SectionId.Data, [...n, 1, 0])), mustReject: true },
  { what: 'data segment length', build: (n) => moduleBytes(oneMemory, section(SectionId.Data, [1, 1, ...n, 0x61])), mustReject: true },
  { what: 'data count without data', build: (n) => moduleBytes(section(SectionId.DataCount, n)), mustReject: true },
  { what: 'code bodies', build: (n) => moduleBytes(typeVoid, oneFunc, section(SectionId.Code, [...n, 2, 0, Op.end])), mustReject: true },
  { what: 'code body size', build: (n) => moduleBytes(typeVoid, oneFunc, section(SectionId.Code, [1, ...n, 0, Op.end])), mustReject: true },
  { what: 'local declarations', build: (n) => withBody([...n, 1, I32, Op.end]), mustReject: true },
  // Each run of locals may be large; only a total of 2^32 or more is malformed ("too many locals").
  { what: 'two runs of locals', build: (n) => withBody([2, ...n, I32, ...n, I32, Op.end]), mustReject: (n) => 2 * n >= 2 ** 32 },
  { what: 'br_table targets', build: (n) => withBody([0, Op.block, EMPTY_BLOCK, ...i32Const(0), Op.br_table, ...n, 0, 0, Op.end, Op.end]), mustReject: true },
  { what: 'select types', build: (n) => withBody([0, ...i32Const(0), ...i32Const(0), ...i32Const(0), Op.select_t, ...n, I32, Op.drop, Op.end]), mustReject: true },
  { what: 'custom section name length', build: (n) => moduleBytes(rawSection(SectionId.Custom, [...n, 0x61])), mustReject: true },
  // Errors inside the name section do not make a module invalid (spec, appendix "Custom
  // Sections"); these only have to return fast.
  { what: 'function names', build: (n) => moduleBytes(typeVoid, oneFunc, section(SectionId.Code, [1, 2, 0, Op.end]), customSection('name', [1, n.length + 3, ...n, 0, 1, 0x61])), mustReject: false },
  { what: 'local names', build: (n) => moduleBytes(typeVoid, oneFunc, section(SectionId.Code, [1, 2, 0, Op.end]), customSection('name', [2, n.length + 2, 1, 0, ...n])), mustReject: false },
];

describe('huge counts are rejected fast, without allocating for them', () => {
  for (const c of hugeCountCases) {
    it(`${c.what}${c.mustReject === false ? ' (returns fast)' : ''}`, () => {
      const failures: string[] = [];
      for (const huge of HUGE) {
        const bytes = c.build(huge.bytes);
        const before = process.memoryUsage();
        const start = performance.now();
        let r: ReturnType<typeof validateModule> | undefined;
        let thrown: unknown;
        try {
          r = validateModule(bytes);
        } catch (e) {
          thrown = e;
        }
        const ms = performance.now() - start;
        const after = process.memoryUsage();
        const grown = (after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers) / MB;
        const where = `${huge.name}: ${hex(bytes)}`;
        if (thrown !== undefined) {
          failures.push(`${where}: threw ${thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown)}`);
          continue;
        }
        if (ms > SLOW_MS) failures.push(`${where}: took ${ms.toFixed(0)} ms`);
        if (grown > 64) failures.push(`${where}: memory grew by ${grown.toFixed(0)} MB`);
        const problem = shapeProblem(bytes, r!);
        if (problem !== undefined) failures.push(`${where}: ${problem}`);
        const mustReject = typeof c.mustReject === 'function' ? c.mustReject(huge.value) : c.mustReject;
        if (mustReject && r!.ok) failures.push(`${where}: accepted`);
      }
      expect(failures, failures.join('\n')).toEqual([]);
    });
  }

  it('accepts a single run of 2^32-1 locals, fast (spec-valid; over V8\'s limit)', () => {
    const bytes = withBody([1, ...uleb(0xffff_ffff), I32, Op.local_get, ...uleb(0xffff_fffe), Op.drop, Op.end]);
    const start = performance.now();
    const r = ours(bytes);
    expect(performance.now() - start).toBeLessThan(SLOW_MS);
    expect(r.detail).toBe('');
  });
});

// ---------------------------------------------------------------------------
// Inputs that make a careless validator quadratic: each is under 3 MB and valid, and must
// validate in well under a second.

describe('validation time is linear in the input', () => {
  const LINEAR_MS = 1500;
  const cases: { what: string; build: () => Uint8Array }[] = [
    {
      what: '50000 runs of locals, each local.get naming the last',
      build: () => {
        const code: number[] = [];
        for (let i = 0; i < 50_000; i++) code.push(Op.local_get, ...uleb(49_999), Op.drop);
        const b = new ModuleBuilder();
        b.addFunction(b.addType([], []), code, Array.from({ length: 50_000 }, () => [1, I32] as const));
        return b.toBytes();
      },
    },
    {
      what: '100000 exports with distinct names',
      build: () => {
        const b = new ModuleBuilder();
        const f = b.addFunction(b.addType([], []), []);
        for (let i = 0; i < 100_000; i++) b.addExport(`e${i}`, Kind.Func, f);
        return b.toBytes();
      },
    },
    {
      what: '20000 ref.func of declared functions',
      build: () => {
        const b = new ModuleBuilder();
        const t = b.addType([], []);
        const code: number[] = [];
        for (let i = 0; i < 20_000; i++) {
          b.addFunction(t, []);
          code.push(Op.ref_func, ...uleb(i), Op.drop);
        }
        b.addFunction(t, code);
        b.addElem({ mode: 'declarative', funcs: Array.from({ length: 20_000 }, (_, i) => i) });
        return b.toBytes();
      },
    },
    {
      what: '20 br_tables of 50000 targets inside 50000 blocks',
      build: () => {
        const depth = 50_000;
        const code: number[] = [];
        for (let i = 0; i < depth; i++) code.push(Op.block, EMPTY_BLOCK);
        for (let k = 0; k < 20; k++) {
          code.push(...i32Const(0), Op.br_table, ...uleb(depth));
          for (let i = 0; i < depth; i++) for (const byte of uleb(i)) code.push(byte);
          code.push(0);
        }
        for (let i = 0; i < depth; i++) code.push(Op.end);
        const b = new ModuleBuilder();
        b.addFunction(b.addType([], []), code);
        return b.toBytes();
      },
    },
    {
      what: '300000 values on the stack after unreachable',
      build: () => {
        const code: number[] = [Op.unreachable];
        for (let i = 0; i < 300_000; i++) code.push(...i32Const(0));
        for (let i = 0; i < 300_000; i++) code.push(Op.drop);
        const b = new ModuleBuilder();
        b.addFunction(b.addType([], []), code);
        return b.toBytes();
      },
    },
  ];
  for (const c of cases) {
    it(c.what, () => {
      const bytes = c.build();
      const start = performance.now();
      const r = ours(bytes);
      const ms = performance.now() - start;
      expect(r.detail).toBe('');
      expect(ms).toBeLessThan(LINEAR_MS);
    });
  }
});

// ---------------------------------------------------------------------------
// Deep nesting.

describe('nesting depth is limited only by the input size', () => {
  const shapes: { op: 'block' | 'loop' | 'if'; nesting: Nesting; withValues: boolean }[] = [];
  for (const op of ['block', 'loop', 'if'] as const) {
    for (const nesting of ['balanced', 'missing-ends', 'extra-ends'] as const) {
      for (const withValues of [false, true]) shapes.push({ op, nesting, withValues });
    }
  }
  for (const depth of [100_000, 1_000_000]) {
    for (const s of shapes) {
      const label = `${depth} nested ${s.op}s, ${s.nesting}${s.withValues ? ', with values' : ''}`;
      it(label, () => {
        const bytes = nestedBlocksModule(depth, s.op, s.nesting, s.withValues);
        const r = ours(bytes);
        expect(r.threw, r.detail).toBe(false);
        expect(r.ok, r.detail).toBe(s.nesting === 'balanced');
        // V8 is the reference for the smaller depth (the larger one only costs time there).
        if (depth === 100_000) expect(v8Validates(bytes)).toBe(s.nesting === 'balanced');
      });
    }
  }

  it('branches across 100000 labels', () => {
    const depth = 100_000;
    // `depth` nested blocks around `br target` and a br_table whose 60000 targets span the
    // depth (V8 caps br_table at 65520 targets). The labels in scope are the blocks and the
    // function body, so `depth` is the last valid label index.
    const branchy = (target: number): Uint8Array => {
      const code: number[] = [0];
      for (let i = 0; i < depth; i++) code.push(Op.block, EMPTY_BLOCK);
      code.push(Op.br, ...uleb(target), ...i32Const(0), Op.br_table, ...uleb(60_000));
      for (let i = 0; i < 60_000; i++) for (const b of uleb(i)) code.push(b);
      for (const b of uleb(depth - 1)) code.push(b);
      for (let i = 0; i < depth; i++) code.push(Op.end);
      code.push(Op.end);
      return withBody(code);
    };
    for (const [target, valid] of [[depth - 1, true], [depth, true], [depth + 1, false]] as const) {
      const bytes = branchy(target);
      const r = ours(bytes);
      expect(r.threw, r.detail).toBe(false);
      expect(r.ok, `br ${target}: ${r.detail}`).toBe(valid);
      expect(v8Validates(bytes)).toBe(valid);
    }
  });
});
