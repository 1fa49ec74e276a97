import { invalid } from '../../src/library/errors/index';
import { column, isStringColumn, nRows, type Column, type Table } from '../../src/library/leakage/index';

/** A leakage `Table` from a row-major feature matrix: one Float64Array column per feature, plus the label. */
export function featureTable(x: ArrayLike<number>, nFeatures: number, y: ArrayLike<number>, names?: readonly string[], label = 'label'): Table {
  const n = y.length;
  if (x.length !== n * nFeatures) throw invalid('featureTable(x)', `${n} x ${nFeatures} = ${n * nFeatures} values`, x.length);
  const cols: Record<string, Column> = {};
  for (let f = 0; f < nFeatures; f++) {
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) c[i] = x[i * nFeatures + f]!;
    cols[names?.[f] ?? `f${f}`] = c;
  }
  cols[label] = Float64Array.from(y);
  return { columns: cols };
}

/** The rows `ids` of `t`, in that order (repeats allowed), as a new table. */
export function takeRows(t: Table, ids: ArrayLike<number>): Table {
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

/** Row-major float64 matrix of `columns` at `rows`: what the k-NN reads. */
export function rowMatrix(t: Table, columns: readonly string[], rows: ArrayLike<number>): Float64Array {
  const cols = columns.map((c) => column(t, c, 'rowMatrix(columns)') as ArrayLike<number>);
  const p = cols.length;
  const out = new Float64Array(rows.length * p);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    for (let f = 0; f < p; f++) out[i * p + f] = cols[f]![r]!;
  }
  return out;
}

/** Values of numeric column `name` at `rows`. */
export function valuesAt(t: Table, name: string, rows: ArrayLike<number>): Float64Array {
  const col = column(t, name, 'valuesAt(name)') as ArrayLike<number>;
  return Float64Array.from(rows, (r) => col[r]!);
}

/**
 * Keeps the first row of every group of exact duplicates over `columns` (the fix L1.4 asks for:
 * deduplicate before splitting). Returns the kept row ids and the deduplicated table.
 */
export function dropExactDuplicates(t: Table, columns: readonly string[]): { kept: Int32Array; table: Table } {
  const n = nRows(t, 'dropExactDuplicates(table)');
  const cols = columns.map((c) => column(t, c, 'dropExactDuplicates(columns)') as ArrayLike<number | string>);
  const seen = new Set<string>();
  const kept: number[] = [];
  for (let i = 0; i < n; i++) {
    // the values themselves as the key: exact, and small tables make the string cost irrelevant
    const key = cols.map((c) => String(c[i])).join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(i);
  }
  const ids = Int32Array.from(kept);
  return { kept: ids, table: takeRows(t, ids) };
}
