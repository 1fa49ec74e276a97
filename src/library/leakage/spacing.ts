import type { Rng } from '../random/index';
import { KdTree, nearestResult } from './neighbours';

/**
 * The chance model of the distance-based checks. Locally, independent rows are a Poisson process
 * of some dimension d; then (r1 / rk)^d, the nearest over the k-th nearest neighbour distance, is
 * the least of k - 1 uniforms, whatever the density (Facco et al., "Estimating the intrinsic
 * dimension of datasets by a minimal neighborhood information", Sci. Rep. 7, 2017, use r2 / r1).
 */

/** A leave-one-out search over budget counts as this dimension: its chance rate 2 * 0.05^8 is ~8e-11 per row. */
const HIGH_DIMENSION = 8;
/** Distance evaluations per leave-one-out search; exact searches in d <= ~6 stay well under it. */
const BUDGET = 5000;
/** z of the one-sided 99.95 % order-statistic bound on the median ratio. */
const Z = 3.29;

/** P(r1 < ratio * rk) for independent rows in dimension d: 1 - (1 - ratio^d)^(k - 1). */
export function chanceRate(ratio: number, d: number, k: number): number {
  if (!(d < Infinity)) return 0;
  return 1 - (1 - ratio ** d) ** (k - 1);
}

/**
 * The dimension of the training points at the scale of their own spacing: d = ln 2 / ln(median of
 * r2 / r1) over `sample` points drawn from `stream` (leave-one-out). The median, not the mean of
 * logs (Facco's estimator), so that up to half the points being near copies of each other cannot
 * raise it; copies make ratios large and d small, which only makes the checks more cautious.
 * `lower` uses the upper order-statistic bound of the median instead: the cautious end.
 */
export function spacingDimension(tree: KdTree, stream: Rng, sample: number): { estimate: number; lower: number; measured: number } {
  const m = Math.min(sample, tree.n);
  const out = nearestResult(2);
  const ratios: number[] = [];
  for (let s = 0; s < m; s++) {
    const i = stream.integer(0, tree.n);
    tree.nearest(tree.points, i * tree.dim, 2, out, { exclude: tree.id(i), budget: BUDGET });
    if (out.found < 2) continue;
    if (!out.exact) ratios.push(2 ** (1 / HIGH_DIMENSION));
    else if (out.dist2[0]! > 0) ratios.push(Math.sqrt(out.dist2[1]! / out.dist2[0]!));
  }
  if (ratios.length === 0) return { estimate: Infinity, lower: Infinity, measured: 0 };
  ratios.sort((a, b) => a - b);
  const at = (rank: number): number => ratios[Math.min(ratios.length - 1, Math.max(0, Math.ceil(rank)))]!;
  const dimension = (mu: number): number => (mu > 1 ? Math.LN2 / Math.log(mu) : Infinity);
  const half = ratios.length / 2;
  return { estimate: dimension(at(half - 0.5)), lower: dimension(at(half + (Z * Math.sqrt(ratios.length)) / 2)), measured: ratios.length };
}

/** P(X >= k) for X ~ Poisson(lambda); 1 when k <= lambda (far above any alpha the checks use). */
export function poissonTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (!(lambda > 0)) return 0;
  if (k <= lambda) return 1;
  let term = Math.exp(-lambda + k * Math.log(lambda) - logFactorial(k));
  let sum = 0;
  for (let j = k; term > sum * 1e-16 && j < k + 1e6; j++) {
    sum += term;
    term *= lambda / (j + 1);
  }
  return Math.min(1, sum);
}

function logFactorial(k: number): number {
  if (k < 20) {
    let s = 0;
    for (let j = 2; j <= k; j++) s += Math.log(j);
    return s;
  }
  // Stirling's series; error below 1e-10 from k = 20
  return k * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI * k) + 1 / (12 * k) - 1 / (360 * k ** 3);
}
