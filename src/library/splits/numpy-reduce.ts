/**
 * Float reductions done the way numpy 1.24 does them, so that greedy choices made on floats
 * (sklearn's StratifiedGroupKFold compares standard deviations) tie and break exactly as in sklearn.
 * The summation itself is src/library/metrics' numpy-faithful pairwise sum (one copy for the project).
 */
import { pairwiseSum } from '../metrics/index';

export { pairwiseSum };

/** `np.std(a)` of a 1-D array (population std; a reduction along a contiguous axis is pairwise). */
export function std1d(a: ArrayLike<number>): number {
  const n = a.length;
  const mean = pairwiseSum(a) / n;
  const sq = Array.from(a, (x) => (x - mean) * (x - mean));
  return Math.sqrt(pairwiseSum(sq) / n);
}

/**
 * `np.std(m, axis=0)` of a row-major matrix: a reduction along the outer axis adds rows one after
 * another (no pairwise summation).
 */
export function stdAxis0(m: number[][]): number[] {
  const rows = m.length;
  const cols = m[0]!.length;
  const out = new Array<number>(cols);
  for (let c = 0; c < cols; c++) {
    let sum = 0;
    for (let r = 0; r < rows; r++) sum += m[r]![c]!;
    const mean = sum / rows;
    let sq = 0;
    for (let r = 0; r < rows; r++) sq += (m[r]![c]! - mean) * (m[r]![c]! - mean);
    out[c] = Math.sqrt(sq / rows);
  }
  return out;
}

/** `np.isclose(a, b)` with its defaults rtol=1e-5, atol=1e-8 (asymmetric: scaled by |b|). */
export function isclose(a: number, b: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b);
}
