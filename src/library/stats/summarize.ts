import { invalid } from '../errors/index';
import { rng, Rng } from '../random/index';
import { bootstrapInterval } from './bootstrap';
import { mean, sampleStd } from './moments';
import { tInterval } from './t-interval';

/** How a confidence interval is computed: Student t around the mean, or percentile bootstrap. */
export type IntervalMethod = 't' | 'bootstrap';

export const INTERVAL_METHODS: readonly IntervalMethod[] = ['t', 'bootstrap'];

export interface SummarizeOptions {
  /** Two-sided confidence level in (0, 1); default 0.95. */
  confidence?: number;
  /**
   * Interval method; default 't'. The percentile bootstrap never reaches past the sample's range,
   * so with few seeds (under ~10) it is too narrow: prefer 't' there.
   */
  method?: IntervalMethod;
  /** Stream for bootstrap draws; default `rng('bootstrap')` of the run's root seed (same values, same interval). */
  rng?: Rng;
  /** Bootstrap resamples, an integer ≥ 1; default 10000. Ignored by 't'. */
  resamples?: number;
}

/** Mean, spread and confidence interval of one metric over seeds. */
export interface Summary {
  /** Number of values (seeds). */
  n: number;
  mean: number;
  /** Sample standard deviation (ddof = 1); NaN when n = 1. */
  std: number;
  /** Standard error of the mean, std / √n; NaN when n = 1. */
  sem: number;
  /** Confidence interval for the mean; `[mean, mean]` when n = 1 (then `ciAvailable` is false). */
  ci: [number, number];
  /** False when n = 1: one value has no interval, and `ci` is only the point. */
  ciAvailable: boolean;
  method: IntervalMethod;
  confidence: number;
}

/**
 * Summarizes one metric measured over seeds (an array, or a Float64Array/Float32Array such as
 * `tensor.dataSync()`): `summarize([0.91, 0.93, 0.92])` gives n, mean, sample
 * std (ddof = 1), sem and a 95% t interval (`scipy.stats.t.interval`). With `method: 'bootstrap'`
 * the interval is a seeded percentile bootstrap. One value gives no interval (`ciAvailable: false`),
 * never a made-up one. Values must be finite: a diverged seed (NaN) is a result to report, not
 * to average, so filter it out explicitly (judgeClaim does, and says so).
 */
export function summarize(input: readonly number[] | Float64Array | Float32Array, options: SummarizeOptions = {}): Summary {
  const { confidence = 0.95, method = 't', resamples = 10000 } = options;
  checkOptions(confidence, method, resamples, options.rng);
  const values = checkValues(input);
  const n = values.length;
  const center = mean(values);
  const std = sampleStd(values, center);
  const sem = n > 1 ? std / Math.sqrt(n) : NaN;
  if (n === 1) return { n, mean: center, std, sem, ci: [center, center], ciAvailable: false, method, confidence };
  const ci = method === 't'
    ? tInterval(center, sem, n, confidence)
    : bootstrapInterval(values, confidence, resamples, options.rng ?? rng('bootstrap'));
  return { n, mean: center, std, sem, ci, ciAvailable: true, method, confidence };
}

function checkValues(input: readonly number[] | Float64Array | Float32Array): number[] {
  const isList = Array.isArray(input) || input instanceof Float64Array || input instanceof Float32Array;
  if (!isList || input.length === 0) throw invalid('summarize(values)', 'at least one value', isList ? '[]' : typeof input);
  const values = Array.from(input as ArrayLike<number>);
  const bad = values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad >= 0) {
    throw invalid(`summarize(values)[${bad}]`, 'a finite number', String(values[bad]),
      'a diverged seed is a result: report it (judgeClaim does) and pass only the finite values');
  }
  return values;
}

function checkOptions(confidence: number, method: string, resamples: number, random: unknown): void {
  if (typeof confidence !== 'number' || !(confidence > 0 && confidence < 1)) {
    throw invalid('summarize(options.confidence)', 'a number in (0, 1), e.g. 0.95', confidence);
  }
  if (!INTERVAL_METHODS.includes(method as IntervalMethod)) {
    throw invalid('summarize(options.method)', "'t' or 'bootstrap'", method);
  }
  if (!Number.isSafeInteger(resamples) || resamples < 1) {
    throw invalid('summarize(options.resamples)', 'an integer >= 1', resamples);
  }
  if (random !== undefined && !(random instanceof Rng)) {
    throw invalid('summarize(options.rng)', "an Rng, e.g. rng('bootstrap')", typeof random);
  }
}
