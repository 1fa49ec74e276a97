import { invalid } from '../errors/index';

/** A column: numbers (typed array preferred for speed) or strings. */
export type Column = Float64Array | Float32Array | Int32Array | number[] | string[];

/**
 * A small columnar table. Columns are arrays of equal length; row `i` is the `i`-th entry of each.
 * Use `Float64Array` columns for large numeric data (1M x 20 fits in 160 MB).
 */
export interface Table {
  columns: Record<string, Column>;
}

/** Numeric column types the fast paths read without conversion. */
export type NumericColumn = Float64Array | Float32Array | Int32Array;

/** Builds a table and checks that every column is an array of the same length. */
export function table(columns: Record<string, Column>): Table {
  const t = { columns };
  nRows(t, 'table(columns)');
  return t;
}

/** Row count of `t`, checking that the columns agree. `where` names the argument in errors. */
export function nRows(t: Table, where = 'table'): number {
  if (t === null || typeof t !== 'object' || t.columns === null || typeof t.columns !== 'object') {
    throw invalid(where, 'a table { columns: { name: array } }', t === null ? 'null' : typeof t);
  }
  let n = -1;
  let first = '';
  for (const name of Object.keys(t.columns)) {
    const col = t.columns[name];
    if (!Array.isArray(col) && !ArrayBuffer.isView(col)) {
      throw invalid(`${where}.columns.${name}`, 'an array or typed array', typeof col);
    }
    const len = (col as ArrayLike<unknown>).length;
    if (n === -1) {
      n = len;
      first = name;
    } else if (len !== n) {
      throw invalid(`${where}.columns.${name}`, `length ${n} (as column '${first}')`, len);
    }
  }
  return Math.max(n, 0);
}

/** The column `name`, or a clear error listing the columns there are. */
export function column(t: Table, name: string, where: string): Column {
  const col = t.columns[name];
  if (col === undefined) {
    const names = Object.keys(t.columns);
    throw invalid(where, `a column of the table (${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''})`, name);
  }
  return col;
}

/** True when the column holds strings (checked on its first entry; mixed columns are rejected elsewhere). */
export function isStringColumn(col: Column): col is string[] {
  return Array.isArray(col) && col.length > 0 && typeof col[0] === 'string';
}

/** The column as a numeric typed array (no copy when it already is one). Strings are an error. */
export function numericColumn(t: Table, name: string, where: string): NumericColumn {
  const col = column(t, name, where);
  if (ArrayBuffer.isView(col)) return col;
  const out = new Float64Array(col.length);
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (typeof v !== 'number') throw invalid(`${where} '${name}'[${i}]`, 'a number', typeof v);
    out[i] = v;
  }
  return out;
}

/** Names of the table's columns that are numeric (typed arrays or arrays of numbers). */
export function numericColumnNames(t: Table): string[] {
  return Object.keys(t.columns).filter((name) => !isStringColumn(t.columns[name]!));
}

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
