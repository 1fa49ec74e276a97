import { hashRows } from './row-hash';
import { RowIndex } from './row-match';
import { column, isStringColumn, type Table } from './table';

/**
 * The train-standardised space the distance-based checks (near duplicates, oversampling) measure
 * in: every numeric key column that varies in train, centred on the TRAIN rows' mean and divided
 * by their sd, so one unit means the same spread in every column and test rows cannot move the scale.
 */
export interface TrainSpace {
  /** Columns measured, in order; constant-in-train and string columns are left out. */
  columns: string[];
  dim: number;
  mean: Float64Array;
  sd: Float64Array;
  values: ArrayLike<number>[];
}

/** The space of `names` (string and constant columns dropped) from the finite values of the `train` rows. */
export function trainSpace(t: Table, names: readonly string[], train: Int32Array, where: string): TrainSpace {
  const columns: string[] = [];
  const means: number[] = [];
  const sds: number[] = [];
  const values: ArrayLike<number>[] = [];
  for (const name of names) {
    const col = column(t, name, where);
    if (isStringColumn(col)) continue;
    const v = col as ArrayLike<number>;
    let n = 0;
    let mean = 0;
    let m2 = 0;
    for (let i = 0; i < train.length; i++) {
      const x = v[train[i]!]!;
      if (!Number.isFinite(x)) continue;
      n++;
      const delta = x - mean; // Welford: one pass, no cancellation on large offsets (epoch times)
      mean += delta / n;
      m2 += delta * (x - mean);
    }
    const sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
    if (!(sd > 0)) continue; // a column constant in train spreads nothing apart
    columns.push(name);
    means.push(mean);
    sds.push(sd);
    values.push(v);
  }
  return { columns, dim: columns.length, mean: Float64Array.from(means), sd: Float64Array.from(sds), values };
}

/** Writes row `row` in train-standardised units into `out[off..off+dim)`; false when a value is not finite. */
export function standardRow(s: TrainSpace, row: number, out: Float64Array, off: number): boolean {
  for (let d = 0; d < s.dim; d++) {
    const x = s.values[d]![row]!;
    if (!Number.isFinite(x)) return false;
    out[off + d] = (x - s.mean[d]!) / s.sd[d]!;
  }
  return true;
}

/**
 * The rows of `rows` with finite values, one per distinct point (the first of exact copies), as a
 * row-major matrix. Copies inside train would make a row's nearest "other" neighbours the row
 * itself again, so spacing is measured between distinct points only.
 */
export function distinctMatrix(s: TrainSpace, rows: Int32Array): { x: Float64Array; rows: Int32Array } {
  const { dim } = s;
  const all = new Float64Array(rows.length * dim);
  const finite: number[] = [];
  for (let i = 0; i < rows.length; i++) if (standardRow(s, rows[i]!, all, finite.length * dim)) finite.push(rows[i]!);
  const m = finite.length;
  // columns of just these rows, so hashing costs m x dim, not the whole table's
  const cols = Array.from({ length: dim }, (_, d) => {
    const c = new Float64Array(m);
    for (let i = 0; i < m; i++) c[i] = all[i * dim + d]!;
    return c;
  });
  const local = Int32Array.from({ length: m }, (_, i) => i);
  const index = new RowIndex(cols, hashRows(cols, m), local);
  const kept: number[] = [];
  for (let i = 0; i < m; i++) if (index.find(i) === i) kept.push(i);
  if (kept.length === m) return { x: all.subarray(0, m * dim), rows: Int32Array.from(finite) };
  const x = new Float64Array(kept.length * dim);
  kept.forEach((i, k) => x.set(all.subarray(i * dim, (i + 1) * dim), k * dim));
  return { x, rows: Int32Array.from(kept, (i) => finite[i]!) };
}
