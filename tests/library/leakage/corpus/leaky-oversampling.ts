// L1.2 from data (Kapoor & Narayanan 2023: preprocessing on train and test together): the data was
// oversampled before the split, so test rows are copies of, or points between, training rows.
import type { Rng } from '../../../../src/library/random/index';
import type { Table } from '../../../../src/library/leakage/index';
import type { Case } from './case';
import { randomOversample, smote, type Oversampled } from './oversample';
import { between, concatRows, randomSplit, rowCount, source, takeRows } from './sources';

/** An imbalanced binary source (minority 5-20 %, numeric features only) and its minority rows. */
export function imbalanced(r: Rng, v: number, minorityShare: [number, number] = [0.05, 0.2]) {
  const n = between(r, 1000, 5000);
  const d = between(r, 3, 8);
  const minority = r.uniform(...minorityShare);
  const t = source(r, { n, d, task: 'classification', minority, stringLabel: v % 3 === 2 });
  const y = t.columns.y!;
  const positive = typeof y[0] === 'string' ? 'pos' : 1;
  const rows = Int32Array.from(Array.from({ length: n }, (_, i) => i).filter((i) => y[i] === positive));
  const features = Array.from({ length: d }, (_, j) => `x${j}`);
  return { t, n, d, minority, rows, features };
}

/** Oversamples the minority up to `ratio` of the way to balance. */
export function oversample(r: Rng, method: 'smote' | 'random', src: ReturnType<typeof imbalanced>, ratio: number): Oversampled {
  const nNew = Math.max(1, Math.round(ratio * (src.n - 2 * src.rows.length)));
  return method === 'smote' ? smote(r, src.t, src.rows, nNew, src.features) : randomOversample(r, src.t, src.rows, nNew);
}

/**
 * SMOTE or random oversampling of the whole data set, then a random split: the test part holds
 * synthetic rows on segments between training rows (SMOTE) or copies of training rows (random).
 * `leakyTestRows`: random, test rows with an exact copy in train; SMOTE, synthetic test rows whose
 * two ends are training rows (on a segment between two training rows).
 */
function oversampledBeforeSplit(r: Rng, name: string, v: number, method: 'smote' | 'random'): Case {
  const src = imbalanced(r, v);
  const ratio = r.uniform(0.5, 1);
  const extra = oversample(r, method, src, ratio);
  const all: Table = concatRows(src.t, extra.rows);
  const total = rowCount(all);
  const split = randomSplit(r, total, r.uniform(0.2, 0.3));
  const inTrain = new Uint8Array(total);
  for (const i of split.train) inTrain[i] = 1;
  // random: a test row leaks when a copy of its source row (or the row itself) is in train
  const origin = (i: number) => (i < src.n ? i : extra.base[i - src.n]!);
  const originInTrain = new Uint8Array(src.n);
  for (const i of split.train) originInTrain[origin(i)] = 1;
  let leaky = 0;
  if (method === 'random') for (const i of split.test) leaky += originInTrain[origin(i)]!;
  else leaky = onTrainSegments(extra, src.n, inTrain, split.test);
  const made = rowCount(extra.rows);
  return {
    name,
    description: `${method === 'smote' ? 'SMOTE (k=5)' : 'random oversampling'} of ${made} minority rows before a random split (${src.n} rows, minority ${(100 * src.minority).toFixed(0)} %, ${src.d} features): ${leaky} test rows ${method === 'smote' ? 'on segments between training rows' : 'with a copy in train'}`,
    train: takeRows(all, split.train), test: takeRows(all, split.test), options: { label: 'y', task: 'classification' },
    planted: ['L1.2'], check: 'oversampled-test', tolerated: ['L1.4'], leakyTestRows: leaky,
  };
}

/**
 * SMOTE test rows that lie between two training rows on their segment's line: the segment's ends
 * when in train, and other synthetic training rows of the same pair of ends. Synthetic row s sits
 * at t = u from base to neighbour; pairs are keyed by their lower end, so t is flipped for the other order.
 */
function onTrainSegments(extra: Oversampled, nSource: number, inTrain: Uint8Array, test: ArrayLike<number>): number {
  const key = (s: number) => `${Math.min(extra.base[s]!, extra.neighbour[s]!)}:${Math.max(extra.base[s]!, extra.neighbour[s]!)}`;
  const at = (s: number) => (extra.base[s]! < extra.neighbour[s]! ? extra.u[s]! : 1 - extra.u[s]!);
  const trainAt = new Map<string, number[]>();
  for (let s = 0; s < extra.base.length; s++) {
    const k = key(s);
    if (!trainAt.has(k)) {
      const lo = Math.min(extra.base[s]!, extra.neighbour[s]!);
      const hi = Math.max(extra.base[s]!, extra.neighbour[s]!);
      trainAt.set(k, [...(inTrain[lo] ? [0] : []), ...(inTrain[hi] ? [1] : [])]);
    }
    if (inTrain[nSource + s]) trainAt.get(k)!.push(at(s));
  }
  let count = 0;
  for (let i = 0; i < test.length; i++) {
    const s = test[i]! - nSource;
    if (s < 0) continue;
    const t = at(s);
    const ends = trainAt.get(key(s))!;
    if (ends.some((x) => x < t) && ends.some((x) => x > t)) count++;
  }
  return count;
}

/** L1.2: SMOTE before the split. */
export function smoteBeforeSplit(r: Rng, name: string, v: number): Case {
  return oversampledBeforeSplit(r, name, v, 'smote');
}

/** L1.2: random oversampling (copies of minority rows) before the split. */
export function randomOversamplingBeforeSplit(r: Rng, name: string, v: number): Case {
  return oversampledBeforeSplit(r, name, v, 'random');
}
