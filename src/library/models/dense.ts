// Row-major Float64Array matrices: how the float64 solvers hand matrices to the native addon
// without ml-matrix get/set loops. ml-matrix's `Matrix` stays the public type; these convert.
import { Matrix } from 'ml-matrix';

/** A rows x cols matrix stored row-major in one Float64Array. */
export interface Dense {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/**
 * The rows of `M` as typed arrays: ml-matrix 6 keeps a Matrix as one Float64Array per row (its
 * `data` field, untyped in its .d.ts); any other layout falls back to copies from getRow.
 */
export function rowsOf(M: Matrix): ArrayLike<number>[] {
  const data = (M as unknown as { data?: unknown }).data;
  if (Array.isArray(data) && data.length === M.rows && data.every((r) => r instanceof Float64Array && r.length === M.columns)) {
    return data as Float64Array[];
  }
  return Array.from({ length: M.rows }, (_, i) => M.getRow(i));
}

/** Row-major copy of `M`. */
export function denseOf(M: Matrix): Dense {
  const cols = M.columns;
  const data = new Float64Array(M.rows * cols);
  rowsOf(M).forEach((row, i) => data.set(row, i * cols));
  return { rows: M.rows, cols, data };
}

/** A Matrix holding a copy of the row-major `data` (rows x cols). */
export function matrixOf(data: Float64Array, rows: number, cols: number): Matrix {
  const M = new Matrix(rows, cols);
  const store = (M as unknown as { data?: unknown }).data;
  if (Array.isArray(store) && store.length === rows && store.every((r) => r instanceof Float64Array)) {
    (store as Float64Array[]).forEach((row, i) => row.set(data.subarray(i * cols, i * cols + cols)));
  } else {
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) M.set(i, j, data[i * cols + j]!);
  }
  return M;
}
