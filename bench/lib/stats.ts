/** Summaries of repeated measurements. */

export interface Stats {
  median: number;
  min: number;
  max: number;
  /** How many values. */
  n: number;
}

/** Median (mean of the middle two for an even count), min and max; needs one value at least. */
export function stats(values: readonly number[]): Stats {
  if (values.length === 0) throw new Error('stats of nothing');
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s[s.length - 1]!, n: s.length };
}

/** Geometric mean of positive numbers; undefined for none. */
export function geomean(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  return Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
}

/** The q-quantile (0 ≤ q ≤ 1) by linear interpolation between the closest ranks; needs one value at least. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new Error('quantile of nothing');
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}
