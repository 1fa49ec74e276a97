// Two leaks in one case, as real data often has them: a check must report both, not let one hide
// the other. Scored under each planted rule.
import type { Rng } from '../../../../src/library/random/index';
import type { Case } from './case';
import { grouped, timeColumn } from './leaky-time-groups';
import { randomSplit, takeRows } from './sources';

/** L3.1 + L3.2: visits of patients over time, split by row at random. */
export function unitsOverTime(r: Rng, name: string, v: number): Case {
  const s = grouped(r, v);
  const time = timeColumn(r, s.n, v);
  s.t.columns[time.name] = time.column;
  const split = randomSplit(r, s.n, r.uniform(0.2, 0.3));
  return {
    name, description: `rows of units ('${s.name}', ${s.size} each) over time ('${time.name}'), random row split (${s.n} rows)`,
    train: takeRows(s.t, split.train), test: takeRows(s.t, split.test),
    options: { label: 'y', group: s.name, time: time.name, task: s.task }, planted: ['L3.1', 'L3.2'],
  };
}

/** L2 + L3.2: a regression on units, with a feature that is the target plus 1-5 % noise, split by row. */
export function unitsWithProxy(r: Rng, name: string, v: number): Case {
  const s = grouped(r, 2 * v + 1); // odd: a regression label
  const y = s.t.columns.y as Float64Array;
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  const sd = Math.sqrt(y.reduce((a, b) => a + (b - mean) ** 2, 0) / y.length);
  const noise = r.uniform(0.01, 0.05);
  const d = s.d;
  s.t.columns[`x${d}`] = Float64Array.from(y, (v2) => (v2 - mean) / sd + r.normal(0, noise));
  const split = randomSplit(r, s.n, r.uniform(0.2, 0.3));
  return {
    name, description: `units ('${s.name}', ${s.size} each) split by row, and x${d} = standardised target + noise ${noise.toFixed(3)} (${s.n} rows)`,
    train: takeRows(s.t, split.train), test: takeRows(s.t, split.test),
    options: { label: 'y', group: s.name, task: 'regression' }, planted: ['L2', 'L3.2'],
  };
}
