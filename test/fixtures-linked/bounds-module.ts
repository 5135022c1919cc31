/**
 * The module of test/bounds-checks.test.ts and what it must do: one exported function per
 * memory access (every load and store of WebAssembly 2.0) and static offset, taking the
 * address (and the value to store) as parameters; functions whose address, offset and value
 * are constants in the code; memory.grow. And a model of the linear memory that says, for
 * each call, whether the access is in bounds and what it reads or leaves behind.
 */

export type ResultType = 'i32' | 'i64' | 'f32' | 'f64';

export interface Access {
  /** The instruction, e.g. `i64.load16_s`. */
  readonly op: string;
  readonly kind: 'load' | 'store';
  /** Bytes accessed. */
  readonly width: 1 | 2 | 4 | 8;
  /** The type loaded, or the type of the value stored. */
  readonly type: ResultType;
  /** Loads narrower than their type: sign-extended or not. */
  readonly signed: boolean;
}

const load = (op: string, width: Access['width'], type: ResultType, signed = false): Access => ({ op, kind: 'load', width, type, signed });
const store = (op: string, width: Access['width'], type: ResultType): Access => ({ op, kind: 'store', width, type, signed: false });

export const ACCESSES: readonly Access[] = [
  load('i32.load', 4, 'i32'), load('i64.load', 8, 'i64'), load('f32.load', 4, 'f32'), load('f64.load', 8, 'f64'),
  load('i32.load8_s', 1, 'i32', true), load('i32.load8_u', 1, 'i32'), load('i32.load16_s', 2, 'i32', true), load('i32.load16_u', 2, 'i32'),
  load('i64.load8_s', 1, 'i64', true), load('i64.load8_u', 1, 'i64'), load('i64.load16_s', 2, 'i64', true), load('i64.load16_u', 2, 'i64'),
  load('i64.load32_s', 4, 'i64', true), load('i64.load32_u', 4, 'i64'),
  store('i32.store', 4, 'i32'), store('i64.store', 8, 'i64'), store('f32.store', 4, 'f32'), store('f64.store', 8, 'f64'),
  store('i32.store8', 1, 'i32'), store('i32.store16', 2, 'i32'), store('i64.store8', 1, 'i64'), store('i64.store16', 2, 'i64'),
  store('i64.store32', 4, 'i64'),
];

/** Static offsets: none, small, a page, both sides of 2 GiB (where codegen changes form), near and at the u32 maximum. */
export const OFFSETS: readonly number[] = [0, 3, 0x10000, 0x7fffffff, 0x80000000, 0xfffffff0, 0xffffffff];

const hex = (n: number | bigint) => n.toString(16);

/** The export of an access at a static offset: `i64_load16_s_o7fffffff`. */
export const exportName = (a: Access, offset: number) => `${a.op.replace('.', '_')}_o${hex(offset)}`;

/** An access whose address, offset and (for a store) value are constants in the code. */
export interface ConstAccess {
  readonly name: string;
  readonly access: Access;
  readonly address: number;
  readonly offset: number;
  readonly value?: bigint;
}

const byOp = (op: string) => ACCESSES.find((a) => a.op === op)!;

/**
 * Constant addresses take other paths in the code generator: one folded into the
 * displacement (address + offset <= 0x7fffffff), one not; constant stored values are
 * immediates when they fit in 32 bits sign-extended.
 */
export const CONST_ACCESSES: readonly ConstAccess[] = (() => {
  const out: ConstAccess[] = [];
  const places: [number, number][] = [
    [0xfffc, 0], [0xfffd, 0], [0xffff, 0], [0x1fffc, 0], [0x1fffd, 0], [0x7ffffffc, 0], [0x7ffffffd, 0],
    [0x10, 0x7ffffff0], [0x7ffffff8, 0x7ffffff8], [0xffffffff, 0], [0, 0xffffffff], [0xffffffff, 0xffffffff],
  ];
  const values: Record<string, bigint[]> = {
    'i32.store': [0x12345678n], 'i32.store8': [0xabn], 'i64.store': [0xfffffffffffffffen, 0x1122334455667788n], 'f64.store': [0x7ff4000000000001n],
  };
  for (const [address, offset] of places) {
    for (const op of ['i32.load', 'i64.load', 'i32.load8_u', 'f64.load']) {
      out.push({ name: `const_${op.replace('.', '_')}_a${hex(address)}_o${hex(offset)}`, access: byOp(op), address, offset });
    }
    for (const [op, vs] of Object.entries(values)) {
      vs.forEach((value, k) => out.push({ name: `const_${op.replace('.', '_')}_a${hex(address)}_o${hex(offset)}_v${k}`, access: byOp(op), address, offset, value }));
    }
  }
  return out;
})();

/** Exports whose index the test also passes as a full 64-bit register, straight to the C symbol. */
export const DIRECT_EXPORTS: readonly { readonly name: string; readonly access: Access; readonly offset: number }[] = (
  [['i32.load', 0], ['i32.load', 3], ['i64.load', 0], ['i64.load', 0x80000000], ['i32.load8_u', 0xffffffff]] as const
).map(([op, offset]) => ({ name: exportName(byOp(op), offset), access: byOp(op), offset }));

const constExpr = (t: ResultType, bits: bigint) => {
  switch (t) {
    case 'i32': return `(i32.const ${BigInt.asIntN(32, bits)})`;
    case 'i64': return `(i64.const ${BigInt.asIntN(64, bits)})`;
    case 'f32': return `(f32.reinterpret_i32 (i32.const ${BigInt.asIntN(32, bits)}))`;
    case 'f64': return `(f64.const nan:0x${hex(bits & 0xfffffffffffffn)})`;
  }
};

/** The module: memory 0 of no pages and no maximum (so 4 GiB), exported as "mem". */
export function moduleWat(): string {
  const out = ['(module', '  (memory (export "mem") 0)'];
  for (const a of ACCESSES) {
    for (const o of OFFSETS) {
      const name = exportName(a, o);
      if (a.kind === 'load') {
        out.push(`  (func (export "${name}") (param i32) (result ${a.type}) (${a.op} offset=${o} (local.get 0)))`);
      } else {
        out.push(`  (func (export "${name}") (param i32 ${a.type}) (${a.op} offset=${o} (local.get 0) (local.get 1)))`);
      }
    }
  }
  for (const c of CONST_ACCESSES) {
    if (c.access.kind === 'load') {
      out.push(`  (func (export "${c.name}") (result ${c.access.type}) (${c.access.op} offset=${c.offset} (i32.const ${c.address | 0})))`);
    } else {
      if (c.access.type === 'f64' && (c.value! >> 52n) !== 0x7ffn) throw new Error('constant f64 values here are NaNs');
      out.push(`  (func (export "${c.name}") (${c.access.op} offset=${c.offset} (i32.const ${c.address | 0}) ${constExpr(c.access.type, c.value!)}))`);
    }
  }
  // An address computed in 32 bits: p + 0x20 wraps before it is used.
  out.push('  (func (export "load_wrapped") (param i32) (result i32) (i32.load (i32.add (local.get 0) (i32.const 0x20))))');
  out.push('  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))');
  out.push('  (func (export "pages") (result i32) (memory.size))');
  out.push(')');
  return out.join('\n') + '\n';
}

/**
 * The direct-call table the driver includes (bounds-direct.h). The prototypes take an
 * int32_t; the table calls them as taking a uint64_t, which System V passes in the same
 * register, so the index arrives with whatever upper half the test chose (the cast through
 * `void (*)(void)` is how C says "I mean it").
 */
export function directTable(): string {
  const rows = DIRECT_EXPORTS.map(({ name: n }) => `  {"${n}", (direct_fn)(void (*)(void))guard_${n}, (direct_fn)(void (*)(void))checked_${n}},`);
  return `/* Generated by test/bounds-checks.test.ts. */\nstatic const struct direct directs[] = {\n${rows.join('\n')}\n};\n`;
}

/** The byte the driver's `fill` writes at i. */
export function pattern(i: number): number {
  return ((Math.imul(i >>> 0, 0x9e3779b1) >>> 24) ^ (i & 0xff)) & 0xff;
}

/** The linear memory as the spec says it must be: filled ranges, stores, zeros elsewhere. */
export class MemoryModel {
  size = 0;
  private readonly filled: [number, number][] = [];
  private readonly writes = new Map<number, number>();

  byte(i: number): number {
    const w = this.writes.get(i);
    if (w !== undefined) return w;
    return this.filled.some(([lo, hi]) => i >= lo && i < hi) ? pattern(i) : 0;
  }

  fill(lo: number, hi: number): void {
    this.filled.push([lo, hi]);
    for (const i of [...this.writes.keys()]) if (i >= lo && i < hi) this.writes.delete(i);
  }

  /** `width` bytes at `at`, little-endian, as an unsigned number. */
  read(at: number, width: number): bigint {
    let v = 0n;
    for (let k = width - 1; k >= 0; k--) v = (v << 8n) | BigInt(this.byte(at + k));
    return v;
  }

  write(at: number, width: number, value: bigint): void {
    for (let k = 0; k < width; k++) this.writes.set(at + k, Number((value >> BigInt(8 * k)) & 0xffn));
  }

  bytes(at: number, n: number): string {
    let s = '';
    for (let k = 0; k < n; k++) s += this.byte(at + k).toString(16).padStart(2, '0');
    return s;
  }
}

/** What a load of `a` returns, from the `width` bytes read: the bits of its result type. */
export function loadResult(a: Access, raw: bigint): bigint {
  const bits = a.type === 'i32' || a.type === 'f32' ? 32 : 64;
  return BigInt.asUintN(bits, a.signed ? BigInt.asIntN(8 * a.width, raw) : raw);
}

/** Bits of a result type: the w2o_val's low 4 or 8 bytes. */
export const resultBits = (t: ResultType) => (t === 'i32' || t === 'f32' ? 32 : 64);
