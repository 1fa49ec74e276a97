import { invalid } from '../../src/library/errors/index';
import { nRows, type Column, type Table } from '../../src/library/leakage/index';
import type { Rng } from '../../src/library/random/index';
import { takeRows } from '../../src/library/data/index';

/**
 * `t` with `count` extra columns `${prefix}0…` of standard normal noise drawn from `stream`: features
 * that carry no information about the label. Wide tables of weak or useless measurements are where
 * leaks inflate scores most (a memorizer then has little honest signal to beat).
 */
export function addNoiseColumns(t: Table, count: number, stream: Rng, prefix = 'noise'): Table {
  const n = nRows(t, 'addNoiseColumns(table)');
  if (!Number.isInteger(count) || count < 0) throw invalid('addNoiseColumns(count)', 'an integer >= 0', count);
  const cols: Record<string, Column> = { ...t.columns };
  for (let j = 0; j < count; j++) {
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) c[i] = stream.normal();
    cols[`${prefix}${j}`] = c;
  }
  return { columns: cols };
}

/**
 * L1.4 as it happens in collected data: round(`fraction` x rows) distinct rows, drawn from
 * `stream`, entered a second time (appended after the originals). `source[i]` is the original row
 * of row i, so the copies are known to the experiment but not to the pipeline.
 */
export function appendDuplicates(t: Table, fraction: number, stream: Rng): { table: Table; source: Int32Array; copies: number } {
  const n = nRows(t, 'appendDuplicates(table)');
  if (!(fraction >= 0 && fraction <= 1)) throw invalid('appendDuplicates(fraction)', 'a share of the rows in [0, 1]', fraction);
  const copies = Math.round(fraction * n);
  const picked = Array.from(stream.permutation(n).subarray(0, copies)).sort((a, b) => a - b);
  const source = new Int32Array(n + copies);
  for (let i = 0; i < n; i++) source[i] = i;
  source.set(picked, n);
  return { table: takeRows(t, source), source, copies };
}

/** Options of {@link repeatedMeasurements}. */
export interface RepeatedMeasurementOptions {
  /** Measurements per unit (rows per original row), >= 1. */
  perUnit: number;
  /** Measurement noise as a share of each column's standard deviation over all rows (0.2 = 20 %). */
  noise: number;
  /** Columns that are re-measured; the others (e.g. the label) are copied. */
  columns: readonly string[];
  /** Name of the unit id column added (default `unit`): the original row id. */
  unitColumn?: string;
  stream: Rng;
}

/**
 * L3.2 made explicit: every row of `t` becomes a unit (a patient) measured `perUnit` times, each
 * measurement = the row's value + noise x column std x N(0, 1), label unchanged. Rows of one unit
 * are then not independent: a model that saw one measurement of a patient has seen the patient.
 * This is a construction (the source tables have one row per patient), said so wherever it is used.
 */
export function repeatedMeasurements(t: Table, o: RepeatedMeasurementOptions): Table {
  const n = nRows(t, 'repeatedMeasurements(table)');
  if (!Number.isInteger(o.perUnit) || o.perUnit < 1) throw invalid('repeatedMeasurements(perUnit)', 'an integer >= 1', o.perUnit);
  if (!(o.noise >= 0) || !Number.isFinite(o.noise)) throw invalid('repeatedMeasurements(noise)', 'a finite number >= 0', o.noise);
  const source = new Int32Array(n * o.perUnit);
  for (let i = 0; i < n; i++) for (let m = 0; m < o.perUnit; m++) source[i * o.perUnit + m] = i;
  const out = takeRows(t, source);
  for (const name of o.columns) {
    const col = out.columns[name] as Float64Array | undefined;
    if (!(col instanceof Float64Array)) throw invalid(`repeatedMeasurements(columns) '${name}'`, 'a numeric column of the table', typeof col);
    const sd = populationStd(t.columns[name] as ArrayLike<number>) || 1;
    for (let i = 0; i < col.length; i++) col[i] = col[i]! + o.noise * sd * o.stream.normal();
  }
  out.columns[o.unitColumn ?? 'unit'] = Float64Array.from(source);
  return out;
}

/** Population standard deviation (ddof 0). */
function populationStd(v: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < v.length; i++) mean += v[i]!;
  mean /= v.length;
  let ss = 0;
  for (let i = 0; i < v.length; i++) ss += (v[i]! - mean) ** 2;
  return Math.sqrt(ss / v.length);
}
