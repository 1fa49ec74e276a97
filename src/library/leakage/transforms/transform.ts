import { invalid } from '../../errors/index';
import { LeakageLedger, defaultLedger, type FitKind } from '../ledger';
import { rowIds } from '../parts';
import { column, isStringColumn, nRows, numericColumnNames, type Column, type Table } from '../table';

/** Options every fit-recording transform takes. */
export interface TransformOptions {
  /** Columns to fit and transform. Default: every numeric column (encoders: every string column). */
  columns?: string[];
  /** Where fits are recorded. Default: the run's {@link defaultLedger}. */
  ledger?: LeakageLedger;
}

/** Per-fit options: the fold, so that a fit in fold 2 is checked against fold 2's test rows. */
export interface FitOptions {
  fold?: number;
}

/** A transform that learns from rows (`fit`) and applies what it learned (`transform`). */
export interface Transform {
  /** e.g. `standardScaler(columns=a,b)`. */
  describe(): string;
  /** Learns from `rows` of `t` and records them in the ledger. Returns the transform. */
  fit(t: Table, rows: ArrayLike<number>, options?: FitOptions): this;
  /** A new table: the transformed columns replaced, the others shared. */
  transform(t: Table): Table;
}

/**
 * Shared plumbing: row validation, the ledger record, column choice. Subclasses implement `learn`
 * and `apply`; they never see unvalidated rows.
 */
export abstract class RecordedTransform implements Transform {
  protected fitted = false;
  protected cols: string[] = [];
  protected readonly ledger: LeakageLedger;

  constructor(protected readonly name: string, protected readonly kind: FitKind, protected readonly options: TransformOptions, private readonly wantStrings = false) {
    this.ledger = options.ledger ?? defaultLedger();
  }

  describe(): string {
    const cols = this.options.columns ?? (this.fitted ? this.cols : undefined);
    return `${this.name}(${cols ? `columns=${cols.join(',')}` : ''}${this.params()})`;
  }

  protected params(): string {
    return '';
  }

  fit(t: Table, rows: ArrayLike<number>, options: FitOptions = {}): this {
    const n = nRows(t, `${this.name}.fit(table)`);
    const ids = rowIds(rows, n, `${this.name}.fit(rows)`);
    if (ids.length === 0) throw invalid(`${this.name}.fit(rows)`, 'at least one row', 0);
    this.cols = this.options.columns ?? this.defaultColumns(t);
    for (const c of this.cols) column(t, c, `${this.name}(columns)`);
    this.learn(t, ids);
    this.fitted = true;
    this.ledger.record({ transform: this.describe(), kind: this.kind, rows: ids, fold: options.fold });
    return this;
  }

  transform(t: Table): Table {
    if (!this.fitted) throw invalid(`${this.name}.transform(table)`, 'a fitted transform', 'an unfitted one', 'call fit(table, trainRows) first');
    nRows(t, `${this.name}.transform(table)`);
    return { columns: this.apply(t) };
  }

  protected defaultColumns(t: Table): string[] {
    if (!this.wantStrings) return numericColumnNames(t);
    return Object.keys(t.columns).filter((c) => isStringColumn(t.columns[c]!));
  }

  protected abstract learn(t: Table, rows: Int32Array): void;
  protected abstract apply(t: Table): Record<string, Column>;
}

/** Values of numeric column `name` at `rows` (NaN kept). */
export function valuesAt(t: Table, name: string, rows: Int32Array, where: string): Float64Array {
  const col = column(t, name, where);
  if (isStringColumn(col)) throw invalid(`${where} '${name}'`, 'a numeric column', 'strings');
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = (col as ArrayLike<number>)[rows[i]!]!;
  return out;
}

/** Mean and population variance (ddof=0, as sklearn's StandardScaler) ignoring NaN. */
export function meanVar(v: Float64Array): { mean: number; variance: number; count: number } {
  let count = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (x !== x) continue;
    count++;
    const d = x - mean; // Welford: stable for large offsets
    mean += d / count;
    m2 += d * (x - mean);
  }
  return { mean: count ? mean : NaN, variance: count ? m2 / count : NaN, count };
}

/** Maps every value of a numeric column through `f`, as a new Float64Array. */
export function mapColumn(col: Column, f: (x: number) => number): Float64Array {
  const src = col as ArrayLike<number>;
  const out = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = f(src[i]!);
  return out;
}
