/** Register shuffles for call arguments, as one simultaneous move. */

/**
 * Emits register moves (`moves`: src, dst pairs, destinations distinct) as if they all
 * happened at once: a move waits while its destination is still the source of another;
 * a cycle is broken by parking one value in `scratch`.
 */
export function parallelMove(moves: number[], scratch: number, mov: (dst: number, src: number) => void): void {
  let pending = moves.length / 2;
  while (pending > 0) {
    let progress = false;
    for (let i = 0; i < moves.length; i += 2) {
      const src = moves[i]!;
      const dst = moves[i + 1]!;
      if (src === -1) continue;
      let blocked = false;
      for (let j = 0; j < moves.length; j += 2) if (j !== i && moves[j] === dst) blocked = true;
      if (blocked) continue;
      if (src !== dst) mov(dst, src);
      moves[i] = -1;
      pending--;
      progress = true;
    }
    if (!progress) {
      // Every destination is another move's source: a cycle. Free one destination.
      let i = 0;
      while (moves[i] === -1) i += 2;
      const dst = moves[i + 1]!;
      mov(scratch, dst);
      for (let j = 0; j < moves.length; j += 2) if (moves[j] === dst) moves[j] = scratch;
    }
  }
}
