import type tQuantileFn from '@stdlib/stats-base-dists-t-quantile';

// Loaded at the first interval, not with the library: every kernel imports src/index and most
// never compute one (the harness does), and @stdlib's quantile takes ~0.3 s of CPU to load.
let tQuantile: typeof tQuantileFn | undefined;

/**
 * Two-sided Student t confidence interval for a mean: `mean ± t(1 − α/2, df = n − 1) · sem`, with
 * α = 1 − confidence. Equals `scipy.stats.t.interval(confidence, n - 1, loc=mean, scale=sem)`;
 * a zero `sem` (all values equal) gives `[mean, mean]`. The t quantile (@stdlib) agrees with
 * scipy's `t.ppf` to ~5e-9 relative (measured for df 1-59), far below any tolerance a claim has. Needs n ≥ 2 (the caller checks).
 */
export function tInterval(center: number, sem: number, n: number, confidence: number): [number, number] {
  if (sem === 0) return [center, center];
  tQuantile ??= require('@stdlib/stats-base-dists-t-quantile') as typeof tQuantileFn;
  const half = tQuantile(0.5 + confidence / 2, n - 1) * sem;
  return [center - half, center + half];
}
