import { invalid, PaperlabError } from '../errors/index';
import { isStringColumn, nRows, type Column, type Table } from '../leakage/index';

/**
 * One loaded data set, whatever its source. Features are one flat row-major `Float32Array` (the
 * layout `tf.tensor(x, shape)` takes without a copy); `shape[0]` is the number of rows and the rest is
 * the shape of one example (`[784]` for flat MNIST, `[28, 28, 1]` as an image, `[4]` for iris).
 */
export interface Dataset {
  /** Short name, e.g. `mnist`, `fashion-mnist/train`, `breast-cancer`. */
  readonly name: string;
  /** Features, row-major, `shape.reduce(*)` values. */
  readonly x: Float32Array;
  /** `[nRows, ...featureShape]`. */
  readonly shape: readonly number[];
  /** Targets, one per row: class ids 0..nClasses-1 (`Int32Array`) or real values (`Float32Array`). */
  readonly y: Int32Array | Float32Array;
  readonly task: 'classification' | 'regression';
  /** Classification only: number of classes. */
  readonly nClasses?: number;
  /** Classification only: `classNames[k]` names class id k. */
  readonly classNames?: readonly string[];
  /** Classification only: rows per class id, checked against the known value at load. */
  readonly classCounts?: readonly number[];
  /** Tabular data only: one name per feature column, in column order. */
  readonly featureNames?: readonly string[];
  /** Where the rows came from (package and version, or file path), for the run manifest. */
  readonly source: string;
  /** Licence of the data (SPDX id where there is one). */
  readonly licence: string;
  /** sha256 (hex) pinning the bytes the rows were read from; each loader's TSDoc says which bytes. */
  readonly sha256?: string;
}

/** Rows per class id in `y` (ids must lie in 0..nClasses-1). */
export function countClasses(y: Int32Array, nClasses: number, where = 'countClasses(y)'): number[] {
  const counts = new Array<number>(nClasses).fill(0);
  for (let i = 0; i < y.length; i++) {
    const k = y[i]!;
    if (k < 0 || k >= nClasses) throw invalid(`${where}[${i}]`, `a class id in 0..${nClasses - 1}`, k);
    counts[k]! += 1;
  }
  return counts;
}

/** What a loader knows a data set must look like. */
export interface DatasetExpectation {
  nRows?: number;
  featureShape?: readonly number[];
  classCounts?: readonly number[];
}

/**
 * Throws a `PaperlabError` (code `dataset-mismatch`) when `ds` differs from what its loader expects:
 * row count, feature shape, array lengths, class counts. Loaders call it so that a damaged or
 * different copy of a data set fails at load, not as a silently worse accuracy later.
 */
export function checkDataset(ds: Dataset, expected: DatasetExpectation = {}): Dataset {
  const where = `dataset ${ds.name}`;
  const fail = (field: string, want: string, got: unknown): never => {
    const err = invalid(`${where}: ${field}`, want, got, `the copy at ${ds.source} is not the data set paperlab knows`);
    throw new PaperlabError('dataset-mismatch', err.message, { where: err.where, expected: want, received: err.received });
  };
  const [n, ...feature] = ds.shape;
  const perRow = feature.reduce((a, b) => a * b, 1);
  if (n === undefined || ds.x.length !== n * perRow) fail('x.length', `${n} x ${perRow} = ${(n ?? 0) * perRow}`, ds.x.length);
  if (ds.y.length !== n) fail('y.length', `${n} (one target per row)`, ds.y.length);
  if (expected.nRows !== undefined && n !== expected.nRows) fail('rows', String(expected.nRows), n);
  if (expected.featureShape && feature.join('x') !== expected.featureShape.join('x')) {
    fail('featureShape', `[${expected.featureShape.join(', ')}]`, `[${feature.join(', ')}]`);
  }
  if (ds.task === 'classification') {
    if (!(ds.y instanceof Int32Array) || ds.nClasses === undefined) fail('y', 'Int32Array class ids and nClasses', ds.y.constructor.name);
    const counts = countClasses(ds.y as Int32Array, ds.nClasses!, `${where}: y`);
    if (ds.classCounts && ds.classCounts.join(',') !== counts.join(',')) fail('classCounts', `[${counts.join(', ')}] (counted in y)`, `[${ds.classCounts.join(', ')}]`);
    if (expected.classCounts && expected.classCounts.join(',') !== counts.join(',')) {
      fail('classCounts', `[${expected.classCounts.join(', ')}]`, `[${counts.join(', ')}]`);
    }
  }
  return ds;
}

/**
 * The first `n` rows of `ds` (views, no copy). Class counts are recounted. For a balanced or random
 * subset draw indices with an `Rng` and use `takeRows`.
 */
export function headRows(ds: Dataset, n: number): Dataset {
  if (!Number.isInteger(n) || n < 0 || n > ds.shape[0]!) throw invalid(`headRows(${ds.name}, n)`, `an integer in 0..${ds.shape[0]}`, n);
  const perRow = ds.x.length / ds.shape[0]!;
  return withRows(ds, ds.x.subarray(0, n * perRow), ds.y.subarray(0, n), n);
}

/**
 * Rows `indices` of a data set or of a leakage `Table`, in that order (copies; repeats allowed):
 * one row selection for both shapes the library holds data in.
 */
export function takeRows(ds: Dataset, indices: ArrayLike<number>): Dataset;
export function takeRows(t: Table, indices: ArrayLike<number>): Table;
export function takeRows(data: Dataset | Table, indices: ArrayLike<number>): Dataset | Table {
  return 'columns' in data ? tableRows(data, indices) : datasetRows(data, indices);
}

function datasetRows(ds: Dataset, indices: ArrayLike<number>): Dataset {
  const nAll = ds.shape[0]!;
  const perRow = ds.x.length / nAll;
  const x = new Float32Array(indices.length * perRow);
  const y = ds.y instanceof Int32Array ? new Int32Array(indices.length) : new Float32Array(indices.length);
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r]!;
    if (!Number.isInteger(i) || i < 0 || i >= nAll) throw invalid(`takeRows(${ds.name}, indices[${r}])`, `a row index in 0..${nAll - 1}`, i);
    x.set(ds.x.subarray(i * perRow, (i + 1) * perRow), r * perRow);
    y[r] = ds.y[i]!;
  }
  return withRows(ds, x, y, indices.length);
}

function tableRows(t: Table, ids: ArrayLike<number>): Table {
  const n = nRows(t, 'takeRows(table)');
  const cols: Record<string, Column> = {};
  for (const name of Object.keys(t.columns)) {
    const src = t.columns[name]!;
    const out: Column = isStringColumn(src) ? new Array<string>(ids.length) : new Float64Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const r = ids[i]!;
      if (!Number.isInteger(r) || r < 0 || r >= n) throw invalid(`takeRows(ids)[${i}]`, `a row id in [0, ${n})`, r);
      (out as unknown as unknown[])[i] = (src as ArrayLike<unknown>)[r];
    }
    cols[name] = out;
  }
  return { columns: cols };
}

function withRows(ds: Dataset, x: Float32Array, y: Int32Array | Float32Array, n: number): Dataset {
  const out: Dataset = { ...ds, x, y, shape: [n, ...ds.shape.slice(1)] };
  if (ds.task !== 'classification') return out;
  return { ...out, classCounts: countClasses(y as Int32Array, ds.nClasses!) };
}
