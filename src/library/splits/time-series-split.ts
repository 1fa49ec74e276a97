import { invalid } from '../errors/index';
import { BaseSplitter, type FoldPlan } from './base';
import type { RawFold } from './manifest';
import { checkInt, checkOptions, compareLabels, type Prepared } from './validate';

/** Options of `timeSeriesSplit`. Sizes are in rows, as in sklearn. */
export interface TimeSeriesSplitOptions {
  /** Number of splits, >= 2. Default 5. */
  nSplits?: number;
  /** Rows per test window. Default `floor(nSamples / (nSplits + 1))`. */
  testSize?: number | null;
  /** Rows left out between the end of train and the start of test (against lag leakage). Default 0. */
  gap?: number;
  /** Keep only the latest this-many train rows (a sliding window). Default null: all earlier rows. */
  maxTrainSize?: number | null;
}

/**
 * Time-series split after sklearn 1.2 `TimeSeriesSplit`: the last `nSplits * testSize` rows are cut
 * into consecutive test windows; each split trains on the rows before its window minus `gap`.
 * Time order is row order, or the order of `input.time` when given (a stable sort, so rows with
 * equal timestamps keep their row order). Nothing is drawn, so there is no seed.
 */
export class TimeSeriesSplit extends BaseSplitter {
  private readonly testSize: number | null;
  private readonly gap: number;
  private readonly maxTrainSize: number | null;

  constructor(opts: TimeSeriesSplitOptions = {}) {
    const who = 'timeSeriesSplit';
    checkOptions(who, opts, ['nSplits', 'testSize', 'gap', 'maxTrainSize']);
    super(who, checkInt(who, 'nSplits', opts.nSplits ?? 5, 2), {}, null);
    this.testSize = opts.testSize == null ? null : checkInt(who, 'testSize', opts.testSize, 1);
    this.gap = checkInt(who, 'gap', opts.gap ?? 0, 0);
    this.maxTrainSize = opts.maxTrainSize == null ? null : checkInt(who, 'maxTrainSize', opts.maxTrainSize, 1);
  }

  protected params() {
    return { nSplits: this.k, testSize: this.testSize, gap: this.gap, maxTrainSize: this.maxTrainSize };
  }

  protected plan(data: Prepared): FoldPlan {
    const n = data.n;
    const k = this.k;
    if (k + 1 > n) throw invalid(`${this.name} nSplits`, `at most nSamples-1=${n - 1} (nSplits+1 windows of at least one row)`, String(k), 'lower nSplits or add data');
    const testSize = this.testSize ?? Math.floor(n / (k + 1));
    if (n - this.gap - testSize * k <= 0) {
      throw invalid(`${this.name} nSplits`, `nSplits*testSize + gap < nSamples=${n}`, `${k}*${testSize} + ${this.gap}`, 'lower nSplits, testSize or gap');
    }
    const order = timeOrder(data);
    const rows = (from: number, to: number) => Array.from(order.subarray(from, to));
    const folds: RawFold[] = [];
    for (let testStart = n - k * testSize; testStart < n; testStart += testSize) {
      const trainEnd = testStart - this.gap;
      const trainStart = this.maxTrainSize !== null && this.maxTrainSize < trainEnd ? trainEnd - this.maxTrainSize : 0;
      folds.push({ train: rows(trainStart, trainEnd), test: rows(testStart, testStart + testSize) });
    }
    return { folds, warnings: data.time ? tieWarnings(data.time, folds) : [] };
  }
}

/** Row positions in time order: by `time` (stable), else the row order itself. */
function timeOrder(data: Prepared): Int32Array {
  const order = Int32Array.from({ length: data.n }, (_, i) => i);
  if (!data.time) return order;
  const t = data.time;
  return Int32Array.from(Array.from(order).sort((a, b) => compareLabels(t[a]!, t[b]!)));
}

/** Equal timestamps on both sides of a boundary are not future leakage, but worth a line in the manifest. */
function tieWarnings(time: number[], folds: RawFold[]): string[] {
  const out: string[] = [];
  folds.forEach((f, i) => {
    let lastTrain = -Infinity;
    for (let j = 0; j < f.train.length; j++) lastTrain = Math.max(lastTrain, time[f.train[j]!]!);
    let firstTest = Infinity;
    for (let j = 0; j < f.test.length; j++) firstTest = Math.min(firstTest, time[f.test[j]!]!);
    if (lastTrain === firstTest) out.push(`split ${i}: timestamp ${firstTest} is in both train and test`);
  });
  return out;
}

/** `timeSeriesSplit({ nSplits: 5, gap: 2, maxTrainSize: 100 })`: train on the past, test on the next window. */
export function timeSeriesSplit(opts: TimeSeriesSplitOptions = {}): TimeSeriesSplit {
  return new TimeSeriesSplit(opts);
}
