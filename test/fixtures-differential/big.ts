/**
 * A generated module of big shapes for the baseline differential test: sizes past the
 * initial capacities of the baseline tier's typed arrays (64 operand stack entries, 64
 * locals, 32 control frames) and far past the argument registers, so that frame slots and
 * stack arguments sit at displacements that need 32-bit encodings:
 *
 * - `huge_params`: 120 parameters of all four types, most of them on the stack, called
 *   from the host (the trampoline), directly with computed arguments, and through a table;
 * - `huge_results`: 40 results of mixed types, returned through the results area, directly
 *   and passed through a caller;
 * - `deep_i64` / `deep_f64`: 160 values live on the operand stack before they are folded;
 * - `many_locals`: 300 locals of every type, read and written in a loop;
 * - `deep_control`: 100 nested blocks with results, a br_table reaching any of them.
 *
 * Floats are only moved in the integer-result functions (checksums of the bits), so every
 * bit counts there; `deep_f64` does arithmetic.
 */
const TYPES = ['i32', 'i64', 'f32', 'f64'] as const;
type T = (typeof TYPES)[number];

const K = '0x9e3779b97f4a7c15';
const bits64 = (t: T): string => ({ i32: 'i64.extend_i32_u', i64: '', f32: 'i32.reinterpret_f32 i64.extend_i32_u', f64: 'i64.reinterpret_f64' })[t];

/** acc = (rotl(acc, 5) ^ bits(x)) * K over the values `get(i)` of `types`. */
function checksum(types: readonly T[], get: (i: number) => string, seed: string): string {
  const out = [`i64.const ${seed}`];
  types.forEach((t, i) => out.push(`i64.const 5 i64.rotl ${get(i)} ${bits64(t)} i64.xor i64.const ${K} i64.mul`));
  return out.join('\n    ');
}

export function bigModule(): string {
  const P: T[] = Array.from({ length: 120 }, (_, i) => TYPES[(i * 7 + (i >> 3)) % 4]!);
  const R: T[] = Array.from({ length: 40 }, (_, i) => TYPES[(i * 3 + (i >> 2)) % 4]!);
  const sig = (ps: readonly T[], rs: readonly T[]) => `${ps.length ? ` (param ${ps.join(' ')})` : ''}${rs.length ? ` (result ${rs.join(' ')})` : ''}`;
  const f: string[] = [];
  f.push(`  (type $huge (func${sig(P, ['i64'])}))`);
  f.push('  (table 2 funcref) (elem (i32.const 0) $huge_params $huge_params2)');
  f.push(`  (func $huge_params (export "huge_params") (type $huge)\n    ${checksum(P, (i) => `local.get ${i}`, '0x1')})`);
  f.push(`  (func $huge_params2 (type $huge)\n    ${checksum([...P].reverse(), (i) => `local.get ${P.length - 1 - i}`, '0x2')})`);
  // Arguments computed from four parameters: locals, constants, registers (exact operations).
  const arg = (t: T, i: number): string => {
    switch (t) {
      case 'i32': return [`local.get $c`, `i32.const ${i * 1000003}`, `local.get $c i32.const ${i} i32.rotl`][i % 3]!;
      case 'i64': return [`local.get $a`, `i64.const ${i % 2 ? '0x' + (0x100000000 + i).toString(16) : -i}`, `local.get $a i64.const ${i} i64.rotl`][i % 3]!;
      case 'f32': return [`local.get $d`, `f32.const ${i % 2 ? 'nan:0x' + (i + 1).toString(16) : '-0'}`, `local.get $d f32.neg`][i % 3]!;
      case 'f64': return [`local.get $b`, `f64.const ${i % 2 ? '-nan:0x' + (i + 1).toString(16) : '0x1p-1074'}`, `local.get $b f64.abs`][i % 3]!;
    }
  };
  const args = P.map((t, i) => arg(t, i)).join('\n    ');
  f.push(`  (func (export "call_huge") (param $a i64) (param $b f64) (param $c i32) (param $d f32) (result i64)\n    ${args}\n    call $huge_params\n    ${args}\n    local.get $c i32.const 1 i32.and\n    call_indirect (type $huge)\n    i64.xor)`);
  // 40 results: parameters, computed values and constants.
  const res = (t: T, i: number): string => {
    switch (t) {
      case 'i32': return [`local.get $c`, `i32.const ${-i}`, `local.get $c i32.const ${i} i32.add`][i % 3]!;
      case 'i64': return [`i64.const 0x${(0x8000000000000000n + BigInt(i)).toString(16)}`, `local.get $a`, `local.get $a i64.const ${i} i64.xor`][i % 3]!;
      case 'f32': return [`local.get $d`, `local.get $d f32.neg`, `f32.const nan:0x${(i + 1).toString(16)}`][i % 3]!;
      case 'f64': return [`f64.const -0`, `local.get $b f64.neg`, `local.get $b`][i % 3]!;
    }
  };
  f.push(`  (func $huge_results (export "huge_results") (param $a i64) (param $b f64) (param $c i32) (param $d f32)${sig([], R)}\n    ${R.map((t, i) => res(t, i)).join('\n    ')})`);
  const locals = R.map((t, i) => `(local $r${i} ${t})`).join(' ');
  f.push(
    `  (func (export "call_huge_results") (param $a i64) (param $b f64) (param $c i32) (param $d f32) (result i64) ${locals}\n` +
      `    local.get $a local.get $b local.get $c local.get $d call $huge_results\n` +
      `    ${R.map((_, i) => `local.set $r${R.length - 1 - i}`).join(' ')}\n    ${checksum(R, (i) => `local.get $r${i}`, '0x3')})`,
  );
  f.push(`  (func (export "pass_huge_results") (param $a i64) (param $b f64) (param $c i32) (param $d f32)${sig([], R)}\n    local.get $a local.get $b local.get $c local.get $d call $huge_results)`);
  // 160 live values of one class, then folded.
  const N = 160;
  const deepI: string[] = [];
  for (let i = 0; i < N; i++) deepI.push(i % 3 === 0 ? `local.get $a i64.const ${i + 1} i64.mul` : i % 3 === 1 ? `local.get $b i64.const ${i} i64.rotl` : `local.get $a local.get $b i64.xor i64.const ${i} i64.sub`);
  for (let i = 1; i < N; i++) deepI.push(['i64.sub', 'i64.xor', 'i64.add', 'i64.rotl'][i % 4]!);
  f.push(`  (func (export "deep_i64") (param $a i64) (param $b i64) (result i64)\n    ${deepI.join('\n    ')})`);
  const deepF: string[] = [];
  for (let i = 0; i < N; i++) deepF.push(i % 2 === 0 ? `local.get $a f64.const ${i + 1} f64.mul` : `local.get $b f64.const ${i} f64.sub`);
  for (let i = 1; i < N; i++) deepF.push(['f64.sub', 'f64.div', 'f64.add', 'f64.min', 'f64.max'][i % 5]!);
  f.push(`  (func (export "deep_f64") (param $a f64) (param $b f64) (result f64)\n    ${deepF.join('\n    ')})`);
  // 300 locals.
  const L = 300;
  const lt = (i: number): T => TYPES[i % 4]!;
  const body: string[] = ['local.get $n i32.const 7 i32.and local.set $n', '(block $done (loop $l', 'local.get $n i32.eqz br_if $done'];
  for (let i = 0; i < L; i++) {
    const prev = i === 0 ? L - 1 : i - 1;
    // local i = f(local i, local prev), across types.
    const from = (t: T, j: number): string => {
      const s = lt(j);
      if (s === t) return `local.get ${4 + j}`;
      const conv: Record<string, string> = {
        'i32>i64': 'i64.extend_i32_u', 'i64>i32': 'i32.wrap_i64', 'f32>i32': 'i32.reinterpret_f32', 'i32>f32': 'f32.reinterpret_i32',
        'f64>i64': 'i64.reinterpret_f64', 'i64>f64': 'f64.reinterpret_i64', 'f32>f64': 'i32.reinterpret_f32 i64.extend_i32_u f64.reinterpret_i64',
        'f64>f32': 'i64.reinterpret_f64 i32.wrap_i64 f32.reinterpret_i32', 'i32>f64': 'i64.extend_i32_u f64.reinterpret_i64',
        'f64>i32': 'i64.reinterpret_f64 i32.wrap_i64', 'i64>f32': 'i32.wrap_i64 f32.reinterpret_i32', 'f32>i64': 'i32.reinterpret_f32 i64.extend_i32_u',
      };
      return `local.get ${4 + j} ${conv[`${s}>${t}`]}`;
    };
    const t = lt(i);
    const mix: Record<T, string> = {
      i32: `${from('i32', i)} ${from('i32', prev)} i32.const ${i} i32.add i32.xor`,
      i64: `${from('i64', i)} i64.const 3 i64.rotl ${from('i64', prev)} i64.add`,
      f32: `${from('f32', prev)} f32.neg`,
      f64: `${from('f64', i)} ${from('f64', prev)} f64.copysign f64.neg`,
    };
    body.push(`${mix[t]} local.set ${4 + i}`);
  }
  body.push('local.get $n i32.const 1 i32.sub local.set $n', 'br $l))');
  const sum = Array.from({ length: L }, (_, i) => `local.get ${4 + i} ${bits64(lt(i))} i64.xor i64.const 7 i64.rotl`).join('\n    ');
  const decl = Array.from({ length: L }, (_, i) => lt(i)).join(' ');
  f.push(
    `  (func (export "many_locals") (param $n i32) (param $a i64) (param $b f64) (param $c i32) (result i64) (local ${decl})\n` +
      `    local.get $a local.set 5 local.get $b local.set 7 local.get $c local.set 4 local.get $a local.set 9 local.get $b local.set 303\n` +
      `    ${body.join('\n    ')}\n    i64.const 0\n    ${sum})`,
  );
  // 100 nested blocks.
  const D = 100;
  const dc: string[] = [];
  for (let k = 0; k < D; k++) dc.push(`(block $o${k} (result i64)`);
  dc.push('local.get $a', `local.get $i i32.const 127 i32.and`, `br_table ${Array.from({ length: D }, (_, k) => `$o${(k * 37) % D}`).join(' ')} $o0`);
  for (let k = D - 1; k >= 0; k--) dc.push(`) i64.const ${k + 1} ${k % 2 ? 'i64.add' : 'i64.rotl'}`);
  f.push(`  (func (export "deep_control") (param $i i32) (param $a i64) (result i64)\n    ${dc.join('\n    ')})`);
  return `;; Big shapes (test/fixtures-differential/big.ts).\n(module\n${f.join('\n')}\n)\n`;
}
