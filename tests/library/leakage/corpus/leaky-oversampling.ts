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
 * `leakyTestRows` counts the test rows whose source rows (both ends, for SMOTE) are all in train.
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
  let leaky = 0;
  for (const i of split.test) {
    if (i < src.n) continue;
    const s = i - src.n;
    if (inTrain[extra.base[s]!] && (method === 'random' || inTrain[extra.neighbour[s]!])) leaky++;
  }
  const made = rowCount(extra.rows);
  return {
    name,
    description: `${method === 'smote' ? 'SMOTE (k=5)' : 'random oversampling'} of ${made} minority rows before a random split (${src.n} rows, minority ${(100 * src.minority).toFixed(0)} %, ${src.d} features): ${leaky} test rows come from train rows`,
    train: takeRows(all, split.train), test: takeRows(all, split.test), options: { label: 'y', task: 'classification' },
    planted: ['L1.2'], check: 'oversampled-test', tolerated: ['L1.4'], leakyTestRows: leaky,
  };
}

/** L1.2: SMOTE before the split. */
export function smoteBeforeSplit(r: Rng, name: string, v: number): Case {
  return oversampledBeforeSplit(r, name, v, 'smote');
}

/** L1.2: random oversampling (copies of minority rows) before the split. */
export function randomOversamplingBeforeSplit(r: Rng, name: string, v: number): Case {
  return oversampledBeforeSplit(r, name, v, 'random');
}
