/**
 * Seeded random expression trees for the baseline differential test: a module of
 * functions `(param i32 i32 i64 i64 f32 f32 f64 f64) (result ...)` whose results (one to
 * six, of mixed types) are random typed expressions. The generator aims at the baseline
 * tier's machinery rather than at instruction semantics:
 *
 * - deep right spines, so that many computed values are live at once (more than the 8
 *   GPRs and 15 XMMs), and later results are computed while the earlier ones are live;
 * - `local.tee` into locals that older `local.get`s of the same expression still read;
 * - selects, ifs and blocks with br_if, two-value blocks, br_table over nested blocks, and
 *   loops with a parameter, all in the middle of expressions (joins spill what is live);
 * - calls with ten mixed arguments (some on the stack), a call_indirect, and a call with
 *   four results, made while other values are live;
 * - divisions (rax/rdx) and shifts by computed counts (rcx) anywhere in the trees;
 * - comparisons feeding if/br_if (fused) and select (not);
 * - loads of every width, integer stores and global.get/set in the middle of expressions;
 *   the memory and the globals carry over from one invocation to the next.
 *
 * Floats go through arithmetic, so a NaN result only has to be an arithmetic NaN: nothing
 * turns a float's bits into an integer (no reinterpret to int, no float stores, copysign
 * takes its sign from a constant only), so integer results never depend on a NaN's payload
 * or sign.
 */
import { Rng, type ScalarName as TypeName } from './inputs.js';

const T: readonly TypeName[] = ['i32', 'i64', 'f32', 'f64'];
const PARAMS: readonly TypeName[] = ['i32', 'i32', 'i64', 'i64', 'f32', 'f32', 'f64', 'f64'];
/** Scratch locals: two per type after the parameters, then loop counters. */
const SCRATCH: Record<TypeName, readonly number[]> = { i32: [8, 9], i64: [10, 11], f32: [12, 13], f64: [14, 15] };
/** Locals the multi-result call spills its results into. */
const SPILL: Record<TypeName, number> = { i32: 16, i64: 17, f32: 18, f64: 19 };
const COUNTER0 = 20;
const MAX_LOOP_DEPTH = 3;

/** The first five of each type are the common ones. */
const CONSTS: Record<TypeName, readonly string[]> = {
  i32: ['0', '1', '-1', '7', '0x80000000', '31', '32', '0x7fffffff', '0xffff', '0x12345678', '100', '-100'],
  i64: ['0', '1', '-1', '0x100000000', '-0x80000000', '63', '64', '0x7fffffff', '0x80000000', '0xffffffff', '0x8000000000000000', '0x123456789abcdef', '-5'],
  f32: ['0', '-0', '1', '-1.5', '3e9', '0.5', 'inf', '-inf', 'nan', 'nan:0x200000', '0x1p-149', '-2147483648', '1e-3'],
  f64: ['0', '-0', '1', '-2.5', '1e19', '0.1', 'inf', '-inf', 'nan', '-nan:0x4000000000001', '0x1p-1074', '-9.3e18', '65536'],
};

const INT_BIN = ['add', 'sub', 'mul', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr'];
const INT_DIV = ['div_s', 'div_u', 'rem_s', 'rem_u'];
const INT_CMP = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const FLOAT_BIN = ['add', 'sub', 'mul', 'div', 'min', 'max'];
const FLOAT_UN = ['abs', 'neg', 'sqrt', 'ceil', 'floor', 'trunc', 'nearest'];
const FLOAT_CMP = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];

/** A unary operation per type that changes every value (after a block level, say). */
function mark(rng: Rng, t: TypeName): string {
  switch (t) {
    case 'i32':
      return `i32.const ${rng.range(1, 1000)} i32.xor`;
    case 'i64':
      return `i64.const ${rng.range(1, 1000)} i64.add`;
    case 'f32':
      return 'f32.neg';
    case 'f64':
      return 'f64.const 0.5 f64.mul';
  }
}

class Gen {
  private loopDepth = 0;
  constructor(private readonly rng: Rng) {}

  private leaf(t: TypeName): string[] {
    const rng = this.rng;
    // NaNs and infinities are rare: once in, they take over every float result.
    if (rng.chance(0.3)) return [`${t}.const ${rng.pick(rng.chance(0.85) ? CONSTS[t].slice(0, 5) : CONSTS[t])}`];
    const locals: number[] = [];
    PARAMS.forEach((p, i) => p === t && locals.push(i));
    locals.push(...SCRATCH[t]);
    return [`local.get ${rng.pick(locals)}`];
  }

  /** An expression of type t of about `budget` nodes. `spine`: lean right, keep the left small. */
  expr(t: TypeName, budget: number, spine = false): string[] {
    const rng = this.rng;
    if (budget <= 1 || (budget < 4 && rng.chance(0.5))) return this.leaf(t);
    const split = (): [number, number] => {
      const rest = budget - 1;
      if (spine) {
        const left = Math.min(rest - 1, rng.range(2, 3));
        return [left, rest - left];
      }
      const left = rng.range(1, Math.max(1, rest - 1));
      return [left, rest - left];
    };
    const int = t === 'i32' || t === 'i64';
    const r = rng.below(100);
    // Binary operations dominate; control and calls are sprinkled in.
    if (r < 40 || (spine && r < 80)) {
      const [l, rr] = split();
      // On a spine the left operand is computed (in a register), not a symbolic leaf.
      const a = spine ? [...this.leaf(t), ...this.leaf(t), int ? `${t}.${rng.pick(['add', 'sub', 'xor', 'mul', 'rotl'])}` : `${t}.${rng.pick(FLOAT_BIN)}`] : this.expr(t, l);
      const b = this.expr(t, rr, spine);
      if (int) {
        if (rng.chance(0.12)) {
          const op = rng.pick(INT_DIV);
          // Mostly a divisor that is not zero (INT_MIN / -1 can still trap).
          return rng.chance(0.8) ? [...a, ...b, `${t}.const 1`, `${t}.or`, `${t}.${op}`] : [...a, ...b, `${t}.${op}`];
        }
        return [...a, ...b, `${t}.${rng.pick(INT_BIN)}`];
      }
      return [...a, ...b, `${t}.${rng.pick(FLOAT_BIN)}`];
    }
    const sub = budget - 1;
    const pick = rng.below(19);
    if (pick >= 16) return this.state(t, sub, spine);
    switch (int ? pick : pick % 14) {
      case 0:
      case 1: {
        // Unary operations and conversions into t.
        if (t === 'i32') {
          const k = rng.below(8);
          if (k < 3) return [...this.expr('i32', sub), `i32.${['clz', 'ctz', 'popcnt'][k]}`];
          if (k === 3) return [...this.expr('i32', sub), rng.pick(['i32.eqz', 'i32.extend8_s', 'i32.extend16_s'])];
          if (k === 4) return [...this.expr('i64', sub), rng.pick(['i32.wrap_i64', 'i64.eqz'])];
          if (k === 5) return [...this.expr('f32', sub), rng.pick(['i32.trunc_sat_f32_s', 'i32.trunc_sat_f32_u'])];
          return [...this.expr('f64', sub), rng.pick(['i32.trunc_sat_f64_s', 'i32.trunc_sat_f64_u'])];
        }
        if (t === 'i64') {
          const k = rng.below(6);
          if (k < 2) return [...this.expr('i64', sub), `i64.${rng.pick(['clz', 'ctz', 'popcnt', 'extend8_s', 'extend16_s', 'extend32_s'])}`];
          if (k === 2) return [...this.expr('i32', sub), rng.pick(['i64.extend_i32_s', 'i64.extend_i32_u'])];
          if (k === 3) return [...this.expr('f32', sub), rng.pick(['i64.trunc_sat_f32_s', 'i64.trunc_sat_f32_u'])];
          return [...this.expr('f64', sub), rng.pick(['i64.trunc_sat_f64_s', 'i64.trunc_sat_f64_u'])];
        }
        const k = rng.below(6);
        if (k < 2) return [...this.expr(t, sub), `${t}.${rng.pick(FLOAT_UN)}`];
        if (k === 2) return [...this.expr('i32', sub), `${t}.${rng.pick(['convert_i32_s', 'convert_i32_u'])}`];
        if (k === 3) return [...this.expr('i64', sub), `${t}.${rng.pick(['convert_i64_s', 'convert_i64_u'])}`];
        if (k === 4) return t === 'f32' ? [...this.expr('f64', sub), 'f32.demote_f64'] : [...this.expr('f32', sub), 'f64.promote_f32'];
        // copysign takes its sign from a constant only (see the file comment).
        return rng.chance(0.5) ? [...this.expr(t, sub), `${t}.const ${rng.pick(CONSTS[t])}`, `${t}.copysign`] : [...this.expr(t === 'f32' ? 'i32' : 'i64', sub), `${t}.reinterpret_${t === 'f32' ? 'i32' : 'i64'}`];
      }
      case 2: {
        // select, typed or not, on a comparison or any i32.
        const [l, rr] = [Math.ceil(sub / 3), Math.floor(sub / 3)];
        return [...this.expr(t, l), ...this.expr(t, rr, spine), ...this.cond(Math.max(1, sub - l - rr)), rng.chance(0.5) ? 'select' : `select (result ${t})`];
      }
      case 3: {
        const third = Math.max(1, Math.floor(sub / 3));
        return [...this.cond(third), `if (result ${t})`, ...this.expr(t, third), 'else', ...this.expr(t, third), 'end'];
      }
      case 4: {
        // A block left by br_if with its value, or falling through with another.
        const third = Math.max(1, Math.floor(sub / 3));
        return [`block (result ${t})`, ...this.expr(t, third), ...this.cond(third), 'br_if 0', 'drop', ...this.expr(t, third), 'end'];
      }
      case 5: {
        // Two values out of one block, or one if.
        const half = Math.max(1, Math.floor(sub / 2));
        const op = int ? `${t}.${rng.pick(['sub', 'xor', 'rotl'])}` : `${t}.${rng.pick(FLOAT_BIN)}`;
        if (rng.chance(0.5)) return [`block (result ${t} ${t})`, ...this.expr(t, half), ...this.expr(t, half), 'end', op];
        return [...this.cond(2), `if (result ${t} ${t})`, ...this.expr(t, half), ...this.expr(t, 2), 'else', ...this.expr(t, 2), ...this.expr(t, half), 'end', op];
      }
      case 6: {
        // local.tee into a local that other reads in the tree may still hold.
        return [...this.expr(t, sub), `local.tee ${rng.pick(SCRATCH[t].concat(PARAMS.flatMap((p, i) => (p === t ? [i] : []))))}`];
      }
      case 7: {
        // br_table over three nested blocks, each marking the value on its way out.
        const targets = Array.from({ length: rng.range(1, 6) }, () => rng.below(3));
        return [
          `block (result ${t})`, `block (result ${t})`, `block (result ${t})`,
          ...this.expr(t, sub - 2), ...this.expr('i32', 2), 'i32.const 3', 'i32.and',
          `br_table ${targets.join(' ')} ${rng.below(3)}`,
          'end', mark(rng, t), 'end', mark(rng, t), 'end',
        ];
      }
      case 8: {
        if (this.loopDepth >= MAX_LOOP_DEPTH) return this.expr(t, budget, spine);
        // A loop with a parameter, run 1 to 4 times.
        const c = COUNTER0 + this.loopDepth;
        this.loopDepth++;
        const init = this.expr(t, Math.max(1, Math.floor(sub / 2)));
        const step = this.expr(t, Math.max(1, Math.floor(sub / 2)));
        this.loopDepth--;
        const op = int ? `${t}.${rng.pick(['add', 'xor', 'sub', 'mul'])}` : `${t}.${rng.pick(['add', 'mul', 'sub', 'max'])}`;
        return [
          `i32.const ${rng.range(1, 4)}`, `local.set ${c}`, ...init,
          `loop (param ${t}) (result ${t})`, ...step, op,
          `local.get ${c}`, 'i32.const 1', 'i32.sub', `local.tee ${c}`, 'i32.const 0', 'i32.gt_s', 'br_if 0', 'end',
        ];
      }
      case 9: {
        // A call with ten mixed arguments (floats past the eighth and integers past the
        // fifth go on the stack), directly or through the table.
        const args = (['i32', 'i64', 'f32', 'f64', 'i32', 'i64', 'f32', 'f64', 'i32', 'i64'] as TypeName[]).flatMap((a) => this.expr(a, Math.max(1, Math.floor(sub / 10))));
        const call = rng.chance(0.7) ? ['call $hi'] : [...this.expr('i32', 1), 'i32.const 1', 'i32.and', 'call_indirect (type $hsig)'];
        const tail = t === 'i64' ? [] : t === 'i32' ? ['i32.wrap_i64'] : [`${t}.convert_i64_s`];
        return [...args, ...call, ...tail];
      }
      case 10: {
        // A call with four results, spilled to locals; one of them is the value.
        const args = [...this.expr('i32', Math.max(1, sub >> 2)), ...this.expr('f64', Math.max(1, sub >> 2)), ...this.expr('i64', Math.max(1, sub >> 2)), ...this.expr('f32', Math.max(1, sub >> 2))];
        return [...args, 'call $hm', `local.set ${SPILL.i64}`, `local.set ${SPILL.f32}`, `local.set ${SPILL.i32}`, `local.set ${SPILL.f64}`, `local.get ${SPILL[t]}`];
      }
      case 11:
        if (t === 'f64') {
          const args = (['f64', 'f32', 'i32', 'f64', 'f64', 'f32', 'f64', 'f64', 'f64', 'f64'] as TypeName[]).flatMap((a) => this.expr(a, Math.max(1, Math.floor(sub / 10))));
          return [...args, 'call $hf'];
        }
        return this.expr(t, budget, spine);
      case 12:
      case 13:
        return this.expr(t, budget, true);
      default: {
        // Integers only: a comparison result as a value (not fused: the next instruction
        // is not an if or br_if), or a shift by a computed count.
        if (rng.chance(0.5)) {
          const v = t === 'i32' ? this.cond(sub) : [...this.cond(sub), 'i64.extend_i32_u'];
          return v;
        }
        const half = Math.max(1, Math.floor(sub / 2));
        return [...this.expr(t, half), ...this.expr(t, half), `${t}.${rng.pick(['shl', 'shr_s', 'shr_u', 'rotl', 'rotr'])}`];
      }
    }
  }

  /**
   * Memory and globals: a load of t (integer loads of every width; float loads read bits
   * that only integer stores wrote), an integer store or a global.set before an expression
   * of t, or a global.get. Addresses stay in the one page but for a rare huge offset.
   */
  private state(t: TypeName, sub: number, spine: boolean): string[] {
    const rng = this.rng;
    const addr = (): string[] => [...this.expr('i32', Math.max(1, sub >> 2)), 'i32.const 0xfff0', 'i32.and'];
    const offset = (): string => (rng.chance(0.03) ? `offset=${rng.pick(['0x7ffffff0', '0x80000000', '0xfffffff8'])}` : `offset=${rng.below(16)}`);
    switch (rng.below(4)) {
      case 0: {
        const op = { i32: ['load', 'load8_s', 'load8_u', 'load16_s', 'load16_u'], i64: ['load', 'load8_s', 'load8_u', 'load16_s', 'load16_u', 'load32_s', 'load32_u'], f32: ['load'], f64: ['load'] }[t];
        return [...addr(), `${t}.${rng.pick(op)} ${offset()}`];
      }
      case 1: {
        const vt = rng.pick(['i32', 'i64'] as const);
        const op = { i32: ['store', 'store8', 'store16'], i64: ['store', 'store8', 'store16', 'store32'] }[vt];
        return [...addr(), ...this.expr(vt, Math.max(1, sub >> 2)), `${vt}.${rng.pick(op)} ${offset()}`, ...this.expr(t, Math.max(1, sub >> 1), spine)];
      }
      case 2: {
        const gt = rng.pick(T);
        return [...this.expr(gt, Math.max(1, sub >> 1)), `global.set $g_${gt}`, ...this.expr(t, Math.max(1, sub >> 1), spine)];
      }
      default:
        return [`global.get $g_${t}`];
    }
  }

  /** An i32 condition: mostly a comparison (fused when an if or br_if consumes it). */
  cond(budget: number): string[] {
    const rng = this.rng;
    if (budget <= 1) return rng.chance(0.5) ? this.leaf('i32') : [...this.leaf('i32'), 'i32.eqz'];
    const t = rng.pick(T);
    const half = Math.max(1, Math.floor((budget - 1) / 2));
    if (t === 'i32' || t === 'i64') {
      if (rng.chance(0.15)) return [...this.expr(t, budget - 1), `${t}.eqz`];
      return [...this.expr(t, half), ...this.expr(t, half), `${t}.${rng.pick(INT_CMP)}`];
    }
    return [...this.expr(t, half), ...this.expr(t, half), `${t}.${rng.pick(FLOAT_CMP)}`];
  }
}

const HELPERS = `
  (memory 1)
  (data (i32.const 0) "\\00\\01\\80\\ff\\7f\\fe\\00\\80\\c0\\7f\\ff\\ff\\ff\\7f\\00\\00\\80\\3f")
  (global $g_i32 (mut i32) (i32.const 0x12345678))
  (global $g_i64 (mut i64) (i64.const 0x8000000000000001))
  (global $g_f32 (mut f32) (f32.const -1.5))
  (global $g_f64 (mut f64) (f64.const 0x1p-1074))
  (type $hsig (func (param i32 i64 f32 f64 i32 i64 f32 f64 i32 i64) (result i64)))
  (table 2 funcref)
  (elem (i32.const 0) $hi $hi2)
  ;; Integers mixed exactly; floats through trunc_sat, which gives 0 for any NaN.
  (func $hi (type $hsig)
    local.get 0 i64.extend_i32_u local.get 1 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    local.get 2 i64.trunc_sat_f32_s i64.add i64.const 13 i64.rotl
    local.get 3 i64.trunc_sat_f64_s i64.xor
    local.get 4 i64.extend_i32_s i64.sub i64.const 0x100000001b3 i64.mul
    local.get 5 i64.add local.get 6 i64.trunc_sat_f32_u i64.xor
    local.get 7 i64.trunc_sat_f64_u i64.sub
    local.get 8 i64.extend_i32_u i64.const 32 i64.shl i64.xor
    local.get 9 i64.const 7 i64.rotr i64.add)
  (func $hi2 (type $hsig)
    local.get 9 local.get 8 i64.extend_i32_s i64.sub
    local.get 7 i64.trunc_sat_f64_s i64.xor local.get 6 i64.trunc_sat_f32_s i64.add
    local.get 5 i64.const 5 i64.rotl i64.xor local.get 4 i64.extend_i32_u i64.mul
    local.get 3 i64.trunc_sat_f64_u i64.sub local.get 2 i64.trunc_sat_f32_u i64.xor
    local.get 1 i64.add local.get 0 i64.extend_i32_u i64.const 0xff51afd7ed558ccd i64.mul i64.xor)
  (func $hf (param f64 f32 i32 f64 f64 f32 f64 f64 f64 f64) (result f64)
    local.get 0 local.get 1 f64.promote_f32 f64.add local.get 2 f64.convert_i32_s f64.mul
    local.get 3 f64.sub local.get 4 f64.div local.get 5 f64.promote_f32 f64.add
    local.get 6 f64.min local.get 7 f64.max local.get 8 f64.add local.get 9 f64.sub)
  (func $hm (param i32 f64 i64 f32) (result f64 i32 f32 i64)
    local.get 1 f64.const 2 f64.mul
    local.get 0 i32.const 0x5bd1e995 i32.mul
    local.get 3 f32.neg
    local.get 2 local.get 0 i64.extend_i32_u i64.rotl)`;

/** The WAT text of a module of `count` random functions, exported as f0, f1, ... */
export function randomTreesModule(seed: number, count: number): string {
  const rng = new Rng(seed);
  const gen = new Gen(rng);
  const funcs: string[] = [];
  for (let f = 0; f < count; f++) {
    const results = Array.from({ length: rng.chance(0.4) ? 1 : rng.range(2, 6) }, () => rng.pick(T));
    // Some functions are one deep spine; the others mix shapes.
    const spine = f % 4 === 0;
    const budget = spine ? rng.range(40, 70) : rng.range(15, 45);
    const body = results.flatMap((t) => gen.expr(t, budget, spine));
    const locals = '(local i32 i32 i64 i64 f32 f32 f64 f64 i32 i64 f32 f64 i32 i32 i32)';
    funcs.push(`  (func (export "f${f}") (param i32 i32 i64 i64 f32 f32 f64 f64) (result ${results.join(' ')}) ${locals}\n    ${body.join('\n    ')})`);
  }
  return `;; Random expression trees (test/fixtures-differential/random-trees.ts, seed ${seed}).\n(module${HELPERS}\n${funcs.join('\n')}\n)\n`;
}
