import type { Rng } from '../../../../src/library/random/index';
import type { Column, Table } from '../../../../src/library/leakage/index';

/** What a source data set looks like: rows of independent draws, before any split. */
export interface SourceSpec {
  n: number;
  /** Numeric features x0..x{d-1}. */
  d: number;
  task: 'classification' | 'regression';
  /** Number of classes (classification; default 2). */
  classes?: number;
  /** Share of the positive class (binary classification; default 0.5). */
  minority?: number;
  /** Class names as strings ('neg'/'pos', 'c0'…) instead of 0/1/… numbers. */
  stringLabel?: boolean;
  /** Adds a 3-level string feature `cat`. */
  categorical?: boolean;
  /** Rows per unit (patient, site): features and label share a unit effect; adds column `unit`. */
  groupSize?: number;
  /** Unit ids as strings (`p0042`) instead of integers. */
  stringGroups?: boolean;
}

/**
 * A source data set: columns x0..x{d-1} on scales from 1e-2 to 1e3 with offsets (so a check must
 * standardise per column), a label `y` from a dense linear score plus noise (no single feature
 * carries more than ~0.7 of it, so no clean feature is near-perfect), optionally `cat` and `unit`.
 */
export function source(r: Rng, spec: SourceSpec): Table {
  const { n, d } = spec;
  const z = latentFeatures(r, n, d, spec.groupSize);
  const columns: Record<string, Column> = {};
  for (let j = 0; j < d; j++) {
    const scale = 10 ** r.uniform(-2, 3);
    const offset = scale * r.uniform(-5, 5);
    columns[`x${j}`] = Float64Array.from(z[j]!, (v) => offset + scale * v);
  }
  if (spec.categorical) columns.cat = Array.from({ length: n }, () => ['a', 'b', 'c'][r.integer(0, 3)]!);
  const w = Array.from({ length: d }, () => r.uniform(0.5, 1) * (r.uniform() < 0.5 ? -1 : 1));
  const norm = Math.hypot(...w);
  const score = Float64Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += (w[j]! / norm) * z[j]![i]!;
    return s + r.normal(0, 0.8);
  });
  columns.y = spec.task === 'regression' ? Float64Array.from(score, (s) => 50 + 10 * s) : classLabels(score, spec);
  if (spec.groupSize) {
    const ids = Array.from({ length: n }, (_, i) => Math.floor(i / spec.groupSize!));
    columns.unit = spec.stringGroups ? ids.map((g) => `p${String(g).padStart(5, '0')}`) : Float64Array.from(ids, (g) => 1000 + g);
  }
  return { columns };
}

/** Standard-normal features; with units, half the variance is the unit's (rows of a unit are alike, not copies). */
function latentFeatures(r: Rng, n: number, d: number, groupSize?: number): Float64Array[] {
  return Array.from({ length: d }, () => {
    const col = Float64Array.from({ length: n }, () => r.normal());
    if (!groupSize) return col;
    let effect = 0;
    for (let i = 0; i < n; i++) {
      if (i % groupSize === 0) effect = r.normal();
      col[i] = Math.SQRT1_2 * (effect + col[i]!);
    }
    return col;
  });
}

/** Classes by quantiles of the score: binary at the `minority` share, k classes in equal shares. */
function classLabels(score: Float64Array, spec: SourceSpec): Column {
  const k = spec.classes ?? 2;
  const sorted = Float64Array.from(score).sort();
  const shares = k === 2 ? [1 - (spec.minority ?? 0.5)] : Array.from({ length: k - 1 }, (_, c) => (c + 1) / k);
  const cuts = shares.map((s) => sorted[Math.min(sorted.length - 1, Math.floor(s * sorted.length))]!);
  const codes = Array.from(score, (s) => cuts.filter((c) => s >= c).length);
  if (!spec.stringLabel) return Float64Array.from(codes);
  const names = k === 2 ? ['neg', 'pos'] : Array.from({ length: k }, (_, c) => `c${c}`);
  return codes.map((c) => names[c]!);
}

/** Row count of a table (its first column's length). */
export function rowCount(t: Table): number {
  const first = Object.values(t.columns)[0];
  return first ? first.length : 0;
}

/** The rows `rows` of `t`, in that order (copies). */
export function takeRows(t: Table, rows: ArrayLike<number>): Table {
  const columns: Record<string, Column> = {};
  for (const [name, col] of Object.entries(t.columns)) {
    columns[name] = Array.isArray(col) ? Array.from(rows, (i) => col[i]!) as string[] : Float64Array.from(rows, (i) => (col as ArrayLike<number>)[i]!);
  }
  return { columns };
}

/** `a`'s rows then `b`'s; both must have the same columns, of the same kind (strings or numbers). */
export function concatRows(a: Table, b: Table): Table {
  const columns: Record<string, Column> = {};
  for (const [name, col] of Object.entries(a.columns)) {
    const other = b.columns[name];
    if (other === undefined) throw new Error(`concatRows: column '${name}' missing from the second table`);
    if (Array.isArray(col)) {
      columns[name] = [...(col as string[]), ...(other as string[])];
    } else {
      const out = new Float64Array(col.length + other.length);
      out.set(col as ArrayLike<number>, 0);
      out.set(other as ArrayLike<number>, col.length);
      columns[name] = out;
    }
  }
  return { columns };
}

/** A random split of `n` rows: `testFraction` of them (rounded) to test. */
export function randomSplit(r: Rng, n: number, testFraction: number): { train: Int32Array; test: Int32Array } {
  const perm = r.permutation(n);
  const nTest = Math.round(n * testFraction);
  return { test: perm.slice(0, nTest), train: perm.slice(nTest) };
}

/** An integer in [lo, hi] (inclusive both ends), for sizes drawn per variant. */
export function between(r: Rng, lo: number, hi: number): number {
  return r.integer(lo, hi + 1);
}

/** Sample standard deviation of each numeric column of `t` (string columns: 0). */
export function columnSds(t: Table): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, col] of Object.entries(t.columns)) {
    if (Array.isArray(col) && typeof col[0] === 'string') { out[name] = 0; continue; }
    const v = col as ArrayLike<number>;
    let mean = 0;
    for (let i = 0; i < v.length; i++) mean += v[i]!;
    mean /= v.length;
    let ss = 0;
    for (let i = 0; i < v.length; i++) ss += (v[i]! - mean) ** 2;
    out[name] = Math.sqrt(ss / Math.max(1, v.length - 1));
  }
  return out;
}
