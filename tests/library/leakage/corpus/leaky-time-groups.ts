// L3.1 temporal leakage and L3.2 non-independence (Kapoor & Narayanan 2023): the split ignores the
// time order or the units (patients, sites) the rows come from.
import type { Rng } from '../../../../src/library/random/index';
import type { Column } from '../../../../src/library/leakage/index';
import type { Case } from './case';
import { between, randomSplit, source, takeRows } from './sources';

/** A time column of `n` rows: integer days (ties), ISO dates (ties) or epoch milliseconds. */
export function timeColumn(r: Rng, n: number, v: number): { name: string; column: Column; order: Float64Array } {
  const kind = v % 3;
  const days = Float64Array.from({ length: n }, () => r.integer(0, 1500));
  if (kind === 0) return { name: 'day', column: days, order: days };
  const start = Date.UTC(2019, 0, 1);
  if (kind === 1) {
    return { name: 'date', column: Array.from(days, (d) => new Date(start + d * 86_400_000).toISOString().slice(0, 10)), order: days };
  }
  const ms = Float64Array.from(days, (d) => start + d * 86_400_000 + r.integer(0, 86_400_000));
  return { name: 'timestamp', column: ms, order: ms };
}

/** Row ids sorted by time (ties in row order). */
export function byTime(order: Float64Array): Int32Array {
  return Int32Array.from(order.keys()).sort((a, b) => order[a]! - order[b]! || a - b);
}

/** A source with a time column (exported for the clean controls), `n` 800-6000 rows, label y. */
export function timed(r: Rng, v: number) {
  const n = between(r, 800, 6000);
  const d = between(r, 3, 8);
  const task = v % 2 === 0 ? 'classification' as const : 'regression' as const;
  const t = source(r, { n, d, task });
  const time = timeColumn(r, n, v);
  t.columns[time.name] = time.column;
  return { t, n, d, task, time };
}

function earlierThanTrain(order: Float64Array, train: ArrayLike<number>, test: ArrayLike<number>): number {
  let end = -Infinity;
  for (let i = 0; i < train.length; i++) end = Math.max(end, order[train[i]!]!);
  let k = 0;
  for (let i = 0; i < test.length; i++) if (order[test[i]!]! < end) k++;
  return k;
}

function temporalCase(name: string, what: string, s: ReturnType<typeof timed>, train: ArrayLike<number>, test: ArrayLike<number>): Case {
  const leaky = earlierThanTrain(s.time.order, train, test);
  return {
    name, description: `${what}, time as '${s.time.name}' (${s.n} rows, ${s.d} features): ${leaky} test rows before the end of train`,
    train: takeRows(s.t, train), test: takeRows(s.t, test), options: { label: 'y', time: s.time.name, task: s.task },
    planted: ['L3.1'], check: 'temporal-order', leakyTestRows: leaky,
  };
}

/** L3.1: test is the earliest 20-35 % (train on the future, test on the past). */
export function testBeforeTrain(r: Rng, name: string, v: number): Case {
  const s = timed(r, v);
  const sorted = byTime(s.time.order);
  const m = Math.round(s.n * r.uniform(0.2, 0.35));
  return temporalCase(name, 'test is the earliest rows', s, sorted.subarray(m), sorted.subarray(0, m));
}

/** L3.1: a random row split of time-stamped rows (test interleaved with train). */
export function shuffledOverTime(r: Rng, name: string, v: number): Case {
  const s = timed(r, v);
  const split = randomSplit(r, s.n, r.uniform(0.2, 0.3));
  return temporalCase(name, 'random split of time-stamped rows', s, split.train, split.test);
}

/** L3.1: a forward split, but 3-15 % of the test rows were drawn from the training period. */
export function mostlyForward(r: Rng, name: string, v: number): Case {
  const s = timed(r, v);
  const sorted = byTime(s.time.order);
  const m = Math.round(s.n * r.uniform(0.2, 0.3));
  const past = Array.from(sorted.subarray(0, s.n - m));
  const k = Math.max(1, Math.round(m * r.uniform(0.03, 0.15)));
  const moved = new Set(Array.from(r.permutation(Math.round(past.length * 0.8)).slice(0, k), (i) => past[i]!));
  const train = past.filter((i) => !moved.has(i));
  return temporalCase(name, `forward split with ${k} test rows from the training period`, s, train, [...sorted.subarray(s.n - m), ...moved]);
}

/** A source of units (2-8 rows each) with the unit column under a realistic name. */
export function grouped(r: Rng, v: number) {
  const size = between(r, 2, 8);
  const n = size * between(r, 150, 900);
  const d = between(r, 3, 8);
  const task = v % 2 === 0 ? 'classification' as const : 'regression' as const;
  const t = source(r, { n, d, task, groupSize: size, stringGroups: v % 3 !== 0 });
  const name = ['patient', 'subject', 'site'][v % 3]!;
  t.columns[name] = t.columns.unit!;
  delete t.columns.unit;
  return { t, n, d, task, size, name, unitOf: (i: number) => Math.floor(i / size) };
}

function groupCase(name: string, what: string, s: ReturnType<typeof grouped>, train: ArrayLike<number>, test: ArrayLike<number>): Case {
  const trainUnits = new Set(Array.from(train, (i) => s.unitOf(i)));
  const leaky = Array.from(test).filter((i) => trainUnits.has(s.unitOf(i))).length;
  return {
    name, description: `${what} ('${s.name}', ${s.size} rows per unit, ${s.n} rows, ${s.d} features): ${leaky} test rows of units also in train`,
    train: takeRows(s.t, train), test: takeRows(s.t, test), options: { label: 'y', group: s.name, task: s.task },
    planted: ['L3.2'], check: 'shared-groups', leakyTestRows: leaky,
  };
}

/** Train and test row ids of a split by unit: 20-30 % of the units to test. */
export function unitSplit(r: Rng, s: { n: number; size: number }): { train: number[]; test: number[]; testUnits: number[] } {
  const units = s.n / s.size;
  const perm = r.permutation(units);
  const testUnits = Array.from(perm.slice(0, Math.round(units * r.uniform(0.2, 0.3))));
  const isTest = new Set(testUnits);
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < s.n; i++) (isTest.has(Math.floor(i / s.size)) ? test : train).push(i);
  return { train, test, testUnits };
}

/** L3.2: a random row split of rows that come in units. */
export function rowSplitOfUnits(r: Rng, name: string, v: number): Case {
  const s = grouped(r, v);
  const split = randomSplit(r, s.n, r.uniform(0.2, 0.3));
  return groupCase(name, 'random row split', s, split.train, split.test);
}

/** L3.2: a split by unit, except that 5-20 % of the test units also left half their rows in train. */
export function leakyUnitSplit(r: Rng, name: string, v: number): Case {
  const s = grouped(r, v);
  const split = unitSplit(r, s);
  const shared = new Set(r.shuffle(split.testUnits).slice(0, Math.max(1, Math.round(split.testUnits.length * r.uniform(0.05, 0.2)))));
  const toTrain = new Set(split.test.filter((i) => shared.has(s.unitOf(i)) && i % s.size < Math.floor(s.size / 2)));
  return groupCase(name, `split by unit with ${shared.size} test units also in train`, s, [...split.train, ...toTrain], split.test.filter((i) => !toTrain.has(i)));
}
