// Leaks of the split itself (Kapoor & Narayanan 2023, L1.1 and L1.4): test rows that are train rows,
// copies of them, or near copies. Each maker draws its sizes and strengths from its own stream.
import type { Rng } from '../../../../src/library/random/index';
import type { Case } from './case';
import { between, columnSds, randomSplit, source, takeRows } from './sources';

const task = (v: number): 'classification' | 'regression' => (v % 2 === 0 ? 'classification' : 'regression');

/** L1.1: the test file is the train file, shuffled or not. */
export function testIsTrain(r: Rng, name: string, v: number): Case {
  const n = between(r, 300, 4000);
  const d = between(r, 3, 10);
  const train = source(r, { n, d, task: task(v), categorical: v % 3 === 0 });
  const shuffled = v % 4 < 2;
  const test = takeRows(train, shuffled ? r.permutation(n) : Int32Array.from({ length: n }, (_, i) => i));
  return {
    name, description: `test is train (${n} rows, ${d} features, ${shuffled ? 'shuffled' : 'same order'})`,
    train, test, options: { label: 'y', task: task(v) }, planted: ['L1.1'], check: 'test-is-train', leakyTestRows: n,
  };
}

/** L1.1: the test file is a subset (10-50 %) of the train file's rows, shuffled. */
export function testInsideTrain(r: Rng, name: string, v: number): Case {
  const n = between(r, 500, 5000);
  const d = between(r, 3, 10);
  const train = source(r, { n, d, task: task(v), categorical: v % 3 === 1 });
  const share = r.uniform(0.1, 0.5);
  const m = Math.round(n * share);
  const test = takeRows(train, r.permutation(n).slice(0, m));
  return {
    name, description: `test is ${m} of the ${n} train rows (${(100 * share).toFixed(0)} %, ${d} features)`,
    train, test, options: { label: 'y', task: task(v) }, planted: ['L1.1'], check: 'test-in-train', leakyTestRows: m,
  };
}

/**
 * L1.1: heavy overlap. A clean split whose test part then had 50-90 % of its rows replaced by
 * copies of distinct train rows; train itself has no repeated rows (unlike an L1.4 source). A
 * majority, because then "deduplicate" would delete most of the test set (issue 15); 30-50 % with
 * no repeats in train is left out of the corpus as a zone where L1.1 and L1.4 are both defensible.
 */
export function heavyOverlap(r: Rng, name: string, v: number): Case {
  const n = between(r, 800, 6000);
  const d = between(r, 3, 10);
  const all = source(r, { n, d, task: task(v), categorical: v % 3 === 2 });
  const split = randomSplit(r, n, r.uniform(0.2, 0.3));
  const share = r.uniform(0.5, 0.9);
  const k = Math.round(split.test.length * share);
  const copied = r.permutation(split.train.length).slice(0, k);
  const testRows = Int32Array.from(split.test);
  const where = r.permutation(testRows.length).slice(0, k);
  for (let i = 0; i < k; i++) testRows[where[i]!] = split.train[copied[i]!]!;
  return {
    name, description: `${k} of ${testRows.length} test rows (${(100 * share).toFixed(0)} %) copied from train (${split.train.length} rows, ${d} features)`,
    train: takeRows(all, split.train), test: takeRows(all, testRows), options: { label: 'y', task: task(v) },
    planted: ['L1.1'], check: 'test-overlaps-train', leakyTestRows: k,
  };
}

/**
 * L1.4: a source with repeated rows (3-20 % of rows have 1-2 extra exact copies, label included),
 * randomly split, so copies land on both sides and train has repeats of its own.
 */
export function exactDuplicates(r: Rng, name: string, v: number): Case {
  const n = between(r, 1000, 6000);
  const d = between(r, 3, 10);
  const distinct = source(r, { n, d, task: task(v), categorical: v % 3 === 0 });
  const rate = r.uniform(0.03, 0.2);
  const origin: number[] = Array.from({ length: n }, (_, i) => i);
  for (const i of r.permutation(n).slice(0, Math.round(rate * n))) {
    for (let c = between(r, 1, 2); c > 0; c--) origin.push(i);
  }
  const order = r.permutation(origin.length);
  const rows = Int32Array.from(order, (i) => origin[i]!);
  const split = randomSplit(r, rows.length, r.uniform(0.2, 0.3));
  const inTrain = new Set(Array.from(split.train, (i) => rows[i]!));
  const leaky = Array.from(split.test).filter((i) => inTrain.has(rows[i]!)).length;
  return {
    name, description: `source of ${n} rows with ${(100 * rate).toFixed(0)} % repeated, split at random: ${leaky} of ${split.test.length} test rows have a copy in train`,
    train: takeRows(distinct, Int32Array.from(split.train, (i) => rows[i]!)), test: takeRows(distinct, Int32Array.from(split.test, (i) => rows[i]!)),
    options: { label: 'y', task: task(v) }, planted: ['L1.4'], check: 'exact-duplicates', leakyTestRows: leaky,
  };
}

/**
 * L1.4: near copies. A share of test rows are distinct train rows plus Gaussian noise of `level`
 * times each numeric column's train sd (label and strings copied). Variants 0-1 are the issue's
 * easy case (30 %, 1e-4 sd); the rest draw 1e-3..1e-2 sd and 5-30 %, with >= 5 features above 3e-3
 * so the noise stays well under the train rows' own nearest-neighbour distances.
 */
export function nearDuplicates(r: Rng, name: string, v: number): Case {
  const easy = v < 2;
  const level = easy ? 1e-4 : 10 ** r.uniform(-3, -2);
  const share = easy ? 0.3 : r.uniform(0.05, 0.3);
  const d = between(r, level > 3e-3 ? 5 : 3, 12);
  const n = between(r, 1000, 8000);
  const m = Math.round(n * r.uniform(0.2, 0.35));
  const all = source(r, { n: n + m, d, task: task(v), categorical: v % 4 === 3 });
  const train = takeRows(all, Int32Array.from({ length: n }, (_, i) => i));
  const test = takeRows(all, Int32Array.from({ length: m }, (_, i) => n + i));
  const k = Math.round(m * share);
  const from = r.permutation(n).slice(0, k);
  const to = r.permutation(m).slice(0, k);
  const sd = columnSds(train);
  for (const [col, values] of Object.entries(test.columns)) {
    const src = train.columns[col]!;
    for (let i = 0; i < k; i++) {
      const copy = (src as ArrayLike<number | string>)[from[i]!]!;
      const numeric = typeof copy === 'number' && col !== 'y';
      (values as (number | string)[])[to[i]!] = numeric ? copy + r.normal(0, level * sd[col]!) : copy;
    }
  }
  return {
    name, description: `${k} of ${m} test rows (${(100 * share).toFixed(0)} %) are train rows + noise ${level.toExponential(1)} sd (${n} train rows, ${d} features)`,
    train, test, options: { label: 'y', task: task(v) }, planted: ['L1.4'], check: 'near-duplicates', leakyTestRows: k,
    params: { noiseSd: level, share },
  };
}
