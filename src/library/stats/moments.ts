/**
 * Arithmetic mean, refined by a second pass (the mean of the residuals is added back), so that n
 * equal values give exactly that value and the CI of a constant sample is that value, not a
 * neighbour one ulp away. Callers check for an empty or non-finite input.
 */
export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  const first = sum / values.length;
  let residual = 0;
  for (const v of values) residual += v - first;
  return first + residual / values.length;
}

/**
 * Sample standard deviation with Bessel's correction (ddof = 1, numpy's `std(x, ddof=1)`), two-pass
 * around `center` (default the mean). NaN for fewer than two values, as numpy gives.
 */
export function sampleStd(values: readonly number[], center: number = mean(values)): number {
  if (values.length < 2) return NaN;
  let squares = 0;
  for (const v of values) squares += (v - center) * (v - center);
  return Math.sqrt(squares / (values.length - 1));
}

/**
 * The `q`-quantile (q in [0, 1]) of ascending `sorted` values with linear interpolation between
 * order statistics: numpy's default `percentile(x, 100 * q)` ("linear", type 7 of Hyndman & Fan).
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const weight = position - below;
  const lo = sorted[below] as number;
  const hi = sorted[above] as number;
  return weight === 0 ? lo : lo + (hi - lo) * weight;
}
