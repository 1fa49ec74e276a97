import type { Rng } from '../random/index';
import { mean, quantileSorted } from './moments';

/**
 * Percentile bootstrap interval for a mean (Efron): `resamples` means of n values drawn with
 * replacement, then their (1 − confidence)/2 and (1 + confidence)/2 quantiles (linear interpolation,
 * as numpy's percentile). Every draw comes from `random` (n · resamples integer draws), so the same
 * stream gives the same interval. Needs n ≥ 1 and resamples ≥ 1 (the caller checks).
 */
export function bootstrapInterval(values: readonly number[], confidence: number, resamples: number, random: Rng): [number, number] {
  const n = values.length;
  const center = mean(values);
  // Sum deviations from the sample mean: exact for a constant sample and less rounding otherwise.
  const deviations = values.map((v) => v - center);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += deviations[random.integer(0, n)] as number;
    means[r] = center + sum / n;
  }
  means.sort();
  const alpha = 1 - confidence;
  return [quantileSorted(means, alpha / 2), quantileSorted(means, 1 - alpha / 2)];
}
