import { standardRow, type TrainSpace } from './train-space';

/** Rows read for the rank: every (n / 20,000)-th training row, enough to see a linear dependence. */
const MAX_ROWS = 20_000;

/**
 * The numeric rank of the training rows in train-standardised space: the pivots of a Cholesky
 * factorisation of their correlation matrix (with full pivoting) above 1e-9 of the unit diagonal.
 * Exactly collinear columns (x2 = 3 x0 - 1) lower it; nearly collinear ones do not.
 */
export function numericRank(space: TrainSpace, train: Int32Array): number {
  const d = space.dim;
  const c = new Float64Array(d * d);
  const x = new Float64Array(d);
  const step = Math.max(1, Math.floor(train.length / MAX_ROWS));
  let m = 0;
  for (let i = 0; i < train.length; i += step) {
    if (!standardRow(space, train[i]!, x, 0)) continue;
    m++;
    for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) c[a * d + b] += x[a]! * x[b]!;
  }
  if (m < 2) return 0;
  for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) c[b * d + a] = c[a * d + b] /= m;
  const done = new Uint8Array(d);
  let rank = 0;
  for (let step2 = 0; step2 < d; step2++) {
    let p = -1;
    for (let a = 0; a < d; a++) if (!done[a] && (p < 0 || c[a * d + a]! > c[p * d + p]!)) p = a;
    const pivot = c[p * d + p]!;
    if (!(pivot > 1e-9)) break;
    rank++;
    done[p] = 1;
    // eliminate p: the Schur complement of the remaining columns
    for (let a = 0; a < d; a++) {
      if (done[a]) continue;
      const f = c[a * d + p]! / pivot;
      for (let b = 0; b < d; b++) if (!done[b]) c[a * d + b] -= f * c[p * d + b]!;
    }
  }
  return rank;
}
