/**
 * parallelMove: every destination ends up with its source's value from before the moves,
 * whatever the permutation (chains, cycles, self-moves), checked by running the emitted
 * moves on a simulated register file.
 */
import { expect, test } from 'vitest';
import { parallelMove } from '../src/codegen/parallel-move.js';

const SCRATCH = 99;

function run(pairs: number[]): Map<number, number> {
  const regs = new Map<number, number>();
  for (let r = 0; r < 16; r++) regs.set(r, 1000 + r);
  parallelMove([...pairs], SCRATCH, (dst, src) => regs.set(dst, regs.get(src)!));
  return regs;
}

function check(pairs: number[]): void {
  const regs = run(pairs);
  for (let i = 0; i < pairs.length; i += 2) expect(regs.get(pairs[i + 1]!), `r${pairs[i]} -> r${pairs[i + 1]}`).toBe(1000 + pairs[i]!);
}

test('chains, swaps, rotations and self-moves', () => {
  check([1, 2, 2, 3, 3, 4]);
  check([1, 2, 2, 1]);
  check([1, 2, 2, 3, 3, 1, 5, 6]);
  check([4, 4, 1, 2]);
  check([]);
});

test('random permutations of 8 registers, with fan-out from one source', () => {
  let seed = 12345;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
  for (let k = 0; k < 2000; k++) {
    const dsts = [0, 1, 2, 3, 4, 5, 6, 7].sort(() => rand(3) - 1).slice(0, 1 + rand(8));
    const pairs: number[] = [];
    for (const d of dsts) pairs.push(rand(4) === 0 ? dsts[0]! : rand(8), d);
    check(pairs);
  }
});
