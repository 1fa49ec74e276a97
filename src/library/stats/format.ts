import type { Summary } from './summarize';

/**
 * A number with `digits` significant digits (default 4), trailing zeros dropped: 0.9253, 12.5,
 * 1.235e-5. NaN and ±Infinity print as such.
 */
export function formatValue(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(digits)));
}

/**
 * The smallest number of significant digits, from `min` (default 4) up to `max` (default 17), at
 * which the given distinct values all print differently, so that a CI bound and a band edge that
 * differ do not read as equal. Values closer than `max` digits tell apart print alike.
 */
export function distinctDigits(values: readonly number[], min = 4, max = 17): number {
  const finite = [...new Set(values.filter((v) => Number.isFinite(v)))];
  for (let digits = min; digits < max; digits++) {
    if (new Set(finite.map((v) => formatValue(v, digits))).size === finite.length) return digits;
  }
  return max;
}

/**
 * One line for a summary: `0.925 ± 0.004 [0.92, 0.93]` (mean ± std [CI]); with one value only the
 * mean and `(n=1, no CI)`. `digits` significant digits, default 4.
 */
export function formatSummary(summary: Summary, digits = 4): string {
  const f = (v: number) => formatValue(v, digits);
  if (!summary.ciAvailable) return `${f(summary.mean)} (n=1, no CI)`;
  return `${f(summary.mean)} ± ${f(summary.std)} [${f(summary.ci[0])}, ${f(summary.ci[1])}]`;
}
