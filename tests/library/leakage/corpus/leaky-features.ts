// L2, illegitimate features (Kapoor & Narayanan 2023): one feature is (almost) the label. The leak is
// made on the whole data before a random split, as a derived column would be.
import type { Rng } from '../../../../src/library/random/index';
import type { Column, Table } from '../../../../src/library/leakage/index';
import type { Case } from './case';
import { between, randomSplit, source, takeRows } from './sources';

interface Leak { column: Column; what: string; params?: Record<string, number> }

/** A random split of `t` with the leak added as feature `x{d}` (named like the honest ones). */
function withLeak(r: Rng, name: string, t: Table, d: number, leak: Leak, task: 'classification' | 'regression'): Case {
  t.columns[`x${d}`] = leak.column;
  const n = leak.column.length;
  const split = randomSplit(r, n, r.uniform(0.2, 0.3));
  return {
    name, description: `feature x${d} is ${leak.what} (${n} rows, ${d + 1} features)`,
    train: takeRows(t, split.train), test: takeRows(t, split.test), options: { label: 'y', task },
    planted: ['L2'], check: 'near-perfect-feature', params: { leakColumn: d, ...leak.params },
  };
}

/** Class codes 0..k-1 of a label column (numbers as they are, strings in order of first use). */
function codes(y: Column): Float64Array {
  const seen = new Map<number | string, number>();
  return Float64Array.from(y as ArrayLike<number | string>, (v) => {
    if (typeof v === 'number') return v;
    if (!seen.has(v)) seen.set(v, seen.size);
    return seen.get(v)!;
  });
}

/** L2, classification: a feature that is the class code plus tiny noise (0.01-0.1), rescaled; 2 or 3-5 classes. */
export function labelPlusNoise(r: Rng, name: string, v: number): Case {
  const classes = v % 3 === 2 ? between(r, 3, 5) : 2;
  const d = between(r, 3, 10);
  const t = source(r, { n: between(r, 800, 6000), d, task: 'classification', classes, stringLabel: v % 2 === 1 });
  const sigma = 10 ** r.uniform(-2, -1);
  const a = 10 ** r.uniform(-1, 2);
  const b = r.uniform(-100, 100);
  const column = Float64Array.from(codes(t.columns.y!), (c) => b + a * (c + r.normal(0, sigma)));
  return withLeak(r, name, t, d, { column, what: `the class (${classes} classes) plus noise ${sigma.toFixed(3)}`, params: { sigma } }, 'classification');
}

/**
 * L2, classification: a feature that encodes the label: a string code per class or an arbitrary
 * number per class (not monotone), wrong on 0.01-0.3 % of rows.
 */
export function labelEncoded(r: Rng, name: string, v: number): Case {
  const classes = v % 3 === 1 ? between(r, 3, 4) : 2;
  const d = between(r, 3, 10);
  const t = source(r, { n: between(r, 800, 6000), d, task: 'classification', classes, minority: r.uniform(0.2, 0.5) });
  const flips = 10 ** r.uniform(-4, -2.5);
  const cls = codes(t.columns.y!);
  const drawn = Array.from(cls, (c) => (r.uniform() < flips ? (c + 1 + r.integer(0, classes - 1)) % classes : c));
  const values = Array.from({ length: classes }, () => r.uniform(-1000, 1000));
  const tokens = Array.from({ length: classes }, (_, c) => `K${r.integer(10, 99)}${'abcde'[c]}`);
  const column: Column = v % 2 === 0 ? drawn.map((c) => tokens[c]!) : Float64Array.from(drawn, (c) => values[c]!);
  return withLeak(r, name, t, d, { column, what: `a ${v % 2 === 0 ? 'string code' : 'number'} per class, wrong on ${(100 * flips).toFixed(2)} % of rows`, params: { flips } }, 'classification');
}

/** Standardised copy of a numeric column. */
function standardised(y: ArrayLike<number>): Float64Array {
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i]!;
  mean /= y.length;
  let ss = 0;
  for (let i = 0; i < y.length; i++) ss += (y[i]! - mean) ** 2;
  const sd = Math.sqrt(ss / y.length);
  return Float64Array.from(y, (v) => (v - mean) / sd);
}

function regressionSource(r: Rng) {
  const d = between(r, 3, 10);
  const t = source(r, { n: between(r, 800, 6000), d, task: 'regression', categorical: r.uniform() < 0.3 });
  return { t, d, z: standardised(t.columns.y as Float64Array) };
}

/** L2, regression: a proxy with correlation r in [0.95, 0.99] to the target. */
export function regressionProxy(r: Rng, name: string): Case {
  const { t, d, z } = regressionSource(r);
  const rho = r.uniform(0.95, 0.99);
  const a = 10 ** r.uniform(-1, 2);
  const column = Float64Array.from(z, (v) => a * (rho * v + Math.sqrt(1 - rho * rho) * r.normal()));
  return withLeak(r, name, t, d, { column, what: `a proxy of the target with r = ${rho.toFixed(3)}`, params: { rho } }, 'regression');
}

/** L2, regression: a linear transform of the target (a * y + b, either sign). */
export function regressionLinear(r: Rng, name: string): Case {
  const { t, d } = regressionSource(r);
  const a = (r.uniform() < 0.5 ? -1 : 1) * 10 ** r.uniform(-2, 2);
  const b = r.uniform(-500, 500);
  const column = Float64Array.from(t.columns.y as Float64Array, (v) => a * v + b);
  return withLeak(r, name, t, d, { column, what: `${a.toPrecision(3)} * y + ${b.toFixed(1)}` }, 'regression');
}

/** L2, regression: a monotone, non-linear transform of the target (exp, cube, log). */
export function regressionMonotone(r: Rng, name: string, v: number): Case {
  const { t, d, z } = regressionSource(r);
  const forms: [string, (x: number) => number][] = [['exp(z)', Math.exp], ['z^3', (x) => x ** 3], ['log(z + 10)', (x) => Math.log(x + 10)]];
  const [what, f] = forms[v % forms.length]!;
  return withLeak(r, name, t, d, { column: Float64Array.from(z, f), what: `${what} of the standardised target` }, 'regression');
}
