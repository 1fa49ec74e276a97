// Clean controls that look suspicious: each has a trait a careless check mistakes for leakage, and
// none has any. A finding (error or warning) on one of these is a false positive.
import type { Rng } from '../../../../src/library/random/index';
import type { Case } from './case';
import { imbalanced, oversample } from './leaky-oversampling';
import { byTime, grouped, timed, unitSplit } from './leaky-time-groups';
import { between, concatRows, randomSplit, rowCount, source, takeRows } from './sources';
import type { Table } from '../../../../src/library/leakage/index';

function clean(name: string, description: string, all: Table, train: ArrayLike<number>, test: ArrayLike<number>, options: Case['options']): Case {
  return { name, description, train: takeRows(all, train), test: takeRows(all, test), options, planted: [] };
}

/**
 * Dense low-dimensional data: 2-3 columns and many rows, so train-to-train neighbours are close
 * (at 100k rows in 2-d, ~0.005 sd) and a fixed distance threshold would call test rows near copies.
 * Sizes 100k, 30k and 50k rows (variants 0, 1, 2).
 */
export function denseLowDim(r: Rng, name: string, v: number): Case {
  const n = [100_000, 30_000, 50_000][v % 3]!;
  const d = v % 3 === 1 ? 3 : 2;
  const task = v % 3 === 2 ? 'regression' as const : 'classification' as const;
  const t = source(r, { n, d, task });
  const split = randomSplit(r, n, 0.2);
  return clean(name, `dense ${d}-d data, ${n} rows, random split`, t, split.train, split.test, { label: 'y', task });
}

/** Repeated rows inside train only (3-15 % with 1-2 extra copies); test shares none of them. */
export function duplicatesWithinTrain(r: Rng, name: string, v: number): Case {
  const n = between(r, 1000, 6000);
  const task = v % 2 === 0 ? 'classification' as const : 'regression' as const;
  const t = source(r, { n, d: between(r, 3, 10), task, categorical: v % 3 === 0 });
  const split = randomSplit(r, n, r.uniform(0.2, 0.3));
  const train = Array.from(split.train);
  const rate = r.uniform(0.03, 0.15);
  for (const i of r.permutation(split.train.length).slice(0, Math.round(rate * split.train.length))) {
    for (let c = between(r, 1, 2); c > 0; c--) train.push(split.train[i]!);
  }
  const order = r.shuffle(train);
  return clean(name, `${train.length - split.train.length} repeated rows within train only (${n} distinct rows)`, t, order, split.test, { label: 'y', task });
}

/** Exactly collinear features (x_d = x0 + x1, x_{d+1} = 2 x2 - 1) next to honest ones. */
export function collinearFeatures(r: Rng, name: string, v: number): Case {
  const n = between(r, 800, 6000);
  const d = between(r, 3, 6);
  const task = v % 2 === 0 ? 'classification' as const : 'regression' as const;
  const t = source(r, { n, d, task });
  const x = (j: number) => t.columns[`x${j}`] as Float64Array;
  t.columns[`x${d}`] = Float64Array.from(x(0), (a, i) => a + x(1)[i]!);
  t.columns[`x${d + 1}`] = Float64Array.from(x(2), (a) => 2 * a - 1);
  const split = randomSplit(r, n, r.uniform(0.2, 0.3));
  return clean(name, `two exactly collinear features among ${d + 2} (${n} rows)`, t, split.train, split.test, { label: 'y', task });
}

/** Imbalanced labels: 1-3 % positives, random split. */
export function imbalancedLabels(r: Rng, name: string, v: number): Case {
  const n = between(r, 3000, 10_000);
  const minority = r.uniform(0.01, 0.03);
  const t = source(r, { n, d: between(r, 3, 8), task: 'classification', minority, stringLabel: v % 2 === 1 });
  const split = randomSplit(r, n, r.uniform(0.2, 0.3));
  return clean(name, `${(100 * minority).toFixed(1)} % positives (${n} rows)`, t, split.train, split.test, { label: 'y', task: 'classification' });
}

/** Rows in units (patients, sites), split by unit: no unit on both sides. */
export function groupDisjoint(r: Rng, name: string, v: number): Case {
  const s = grouped(r, v);
  const split = unitSplit(r, s);
  return clean(name, `split by '${s.name}' (${s.size} rows per unit, ${s.n} rows)`, s.t, split.train, split.test, { label: 'y', group: s.name, task: s.task });
}

/**
 * Time-ordered: train on the past, test on the future. Integer days and dates have ties, and the
 * test may start on the day train ends (a same-instant row is not from the future of train).
 */
export function timeOrdered(r: Rng, name: string, v: number): Case {
  const s = timed(r, v);
  const sorted = byTime(s.time.order);
  const cut = s.n - Math.round(s.n * r.uniform(0.2, 0.3));
  return clean(name, `forward split by '${s.time.name}' (${s.n} rows)`, s.t, sorted.subarray(0, cut), sorted.subarray(cut), { label: 'y', time: s.time.name, task: s.task });
}

/** Regression with 1-2 honest features correlated r = 0.5-0.8 with the target (a proxy check must spare them). */
export function moderatelyCorrelated(r: Rng, name: string, v: number): Case {
  const n = between(r, 800, 6000);
  const d = between(r, 3, 8);
  const t = source(r, { n, d, task: 'regression' });
  const y = t.columns.y as Float64Array;
  const mean = y.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(y.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  const rhos: number[] = [];
  for (let k = 0; k < 1 + (v % 2); k++) {
    const rho = r.uniform(0.5, 0.8);
    rhos.push(rho);
    t.columns[`x${d + k}`] = Float64Array.from(y, (a) => rho * ((a - mean) / sd) + Math.sqrt(1 - rho * rho) * r.normal());
  }
  const split = randomSplit(r, n, r.uniform(0.2, 0.3));
  const c = clean(name, `features with r = ${rhos.map((x) => x.toFixed(2)).join(', ')} to the target (${n} rows)`, t, split.train, split.test, { label: 'y', task: 'regression' });
  return { ...c, params: Object.fromEntries(rhos.map((rho, k) => [`x${d + k}`, rho])) }; // column -> r drawn
}

/** Oversampling done right: split first, then SMOTE (even variants) or random copies inside train only. */
export function oversampledInsideTrain(r: Rng, name: string, v: number): Case {
  const src = imbalanced(r, v);
  const split = randomSplit(r, src.n, r.uniform(0.2, 0.3));
  const trainPart = takeRows(src.t, split.train);
  const y = trainPart.columns.y!;
  const pos = typeof y[0] === 'string' ? 'pos' : 1;
  const rows = Int32Array.from(Array.from({ length: split.train.length }, (_, i) => i).filter((i) => y[i] === pos));
  const method = v % 2 === 0 ? 'smote' as const : 'random' as const;
  const extra = oversample(r, method, { ...src, t: trainPart, n: split.train.length, rows }, r.uniform(0.5, 1));
  const train = concatRows(trainPart, extra.rows);
  const shuffledTrain = takeRows(train, r.permutation(rowCount(train)));
  return {
    name, description: `${method === 'smote' ? 'SMOTE' : 'random oversampling'} of ${rowCount(extra.rows)} rows inside train only (${src.n} rows)`,
    train: shuffledTrain, test: takeRows(src.t, split.test), options: { label: 'y', task: 'classification' }, planted: [],
  };
}
