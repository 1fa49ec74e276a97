import { readFileSync } from 'node:fs';
import { invalid, PaperlabError } from '../errors/index';
import { forEachCsvRecord, parseCell } from '../data/csv';
import { nRows, type Column, type Table } from './table';

/**
 * What a user hands the two-table checks: a leakage `Table`, or a danfojs DataFrame. A frame is
 * recognised by its shape (`columns: string[]` and `column(name).values`), so the library never
 * imports danfojs-node, whose import alone takes ~1.7 s.
 */
export interface FrameLike {
  columns: string[];
  column(name: string): { values: ArrayLike<unknown> };
}

/** A cell of a CSV file or of a frame before its column is typed. */
type Cell = number | string | boolean | null | undefined;

// pandas' read_csv default missing markers (a subset): the same cells read as NaN there and here
const MISSING_TEXT = new Set(['', 'NA', 'N/A', 'NaN', 'nan', 'NULL', 'null', '#N/A']);

/** True for a danfojs DataFrame (or anything shaped like one), false for a `Table`. */
export function isFrameLike(x: unknown): x is FrameLike {
  if (x === null || typeof x !== 'object') return false;
  const f = x as Partial<FrameLike>;
  return Array.isArray(f.columns) && typeof f.column === 'function';
}

/**
 * One typed column from raw cells: a Float64Array when every present cell is a number (missing
 * cells become NaN), else strings (numbers in JavaScript's shortest form, `1.50` as `1.5`; missing
 * cells as ''). Booleans are text.
 */
export function typedColumn(cells: ArrayLike<Cell>): Column {
  let numeric = true;
  for (let i = 0; i < cells.length && numeric; i++) {
    const c = cells[i];
    if (typeof c !== 'number' && !isMissing(c)) numeric = false;
  }
  if (numeric) return Float64Array.from({ length: cells.length }, (_, i) => (typeof cells[i] === 'number' ? (cells[i] as number) : NaN));
  return Array.from({ length: cells.length }, (_, i) => (isMissing(cells[i]) ? '' : String(cells[i])));
}

function isMissing(c: Cell): boolean {
  return c === null || c === undefined || (typeof c === 'string' && MISSING_TEXT.has(c.trim()));
}

/** A `Table` from a Table (checked) or a danfojs DataFrame (converted column by column). */
export function asTable(x: Table | FrameLike, where: string): Table {
  if (isFrameLike(x)) {
    const columns: Record<string, Column> = {};
    for (const name of x.columns) columns[name] = typedColumn(x.column(name).values as ArrayLike<Cell>);
    return { columns };
  }
  nRows(x, where);
  return x;
}

/** A CSV file read into typed columns, with the 1-based line of the file where each row starts. */
export interface CsvFileTable {
  header: string[];
  /** One column per header name: numbers while every present cell is one, else text. */
  columns: ColumnBuilder[];
  /** `lines[i]`: the line of row `i` (header = line 1; a quoted newline makes a row span lines). */
  lines: number[];
}

/**
 * A column read cell by cell: numbers (NaN for missing cells) until a cell is text, then text
 * (the numbers so far in their shortest form, missing cells as ''). Holding numbers rather than
 * the cells' strings keeps 1M x 20 cells at 160 MB instead of ~1 GB.
 */
export class ColumnBuilder {
  private numbers = new Float64Array(1024);
  private text: string[] | null = null;
  private n = 0;

  /** A column of file `path` named `name` (both for errors). */
  constructor(private readonly path: string, private readonly name: string) {}

  /** Adds the raw cell of the record at `line`. A number out of float64 range is an error naming file, line and column. */
  push(cell: string, line: number): void {
    let value: number | string | null;
    if (MISSING_TEXT.has(cell.trim())) value = null;
    else {
      try {
        value = parseCell(cell, '');
      } catch {
        value = parseCell(cell, `${this.path}:${line} column '${this.name}'`); // throws again, naming the cell
      }
    }
    if (this.text) {
      this.text.push(value === null ? '' : String(value));
      return;
    }
    if (typeof value === 'string') {
      this.text = this.toText();
      this.text.push(value);
      return;
    }
    if (this.n === this.numbers.length) {
      const grown = new Float64Array(this.n * 2);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    this.numbers[this.n++] = value === null ? NaN : value;
  }

  /** True while every present cell was a number. */
  get numeric(): boolean {
    return this.text === null;
  }

  /** The column as numbers (only while `numeric`) or as text. */
  values(asText = false): Column {
    if (this.text) return this.text;
    return asText ? this.toText() : this.numbers.slice(0, this.n);
  }

  private toText(): string[] {
    const out = new Array<string>(this.n);
    for (let i = 0; i < this.n; i++) out[i] = Number.isNaN(this.numbers[i]!) ? '' : String(this.numbers[i]);
    return out;
  }
}

/** Reads one CSV file into typed columns; a missing file, a ragged row or a repeated column name is an error naming the file. */
export function readCsvFile(path: string): CsvFileTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new PaperlabError('invalid', `${path}: expected a readable CSV file, got ${code === 'ENOENT' ? 'no such file' : code ?? (e as Error).message}`, { where: path });
  }
  let header: string[] | undefined;
  const columns: ColumnBuilder[] = [];
  const lines: number[] = [];
  forEachCsvRecord(text, path, (fields, line) => {
    if (!header) {
      header = fields;
      const seen = new Set<string>();
      for (const h of header) {
        if (seen.has(h)) throw invalid(`${path}:1`, 'distinct column names', `'${h}' twice`);
        seen.add(h);
        columns.push(new ColumnBuilder(path, h));
      }
      return;
    }
    lines.push(line);
    for (let j = 0; j < fields.length; j++) columns[j]!.push(fields[j]!, line);
  });
  return { header: header!, columns, lines };
}

/** Refuses two tables whose column sets differ, naming the second's missing and extra columns. */
export function checkSameColumns(first: readonly string[], second: readonly string[], firstName: string, secondName: string): void {
  const a = new Set(first);
  const b = new Set(second);
  const missing = first.filter((c) => !b.has(c));
  const extra = second.filter((c) => !a.has(c));
  if (missing.length === 0 && extra.length === 0) return;
  const got = [missing.length > 0 ? `missing ${missing.map((c) => `'${c}'`).join(', ')}` : '', extra.length > 0 ? `extra ${extra.map((c) => `'${c}'`).join(', ')}` : '']
    .filter(Boolean).join('; ');
  throw invalid(`${secondName}: columns`, `the columns of ${firstName} (${first.join(', ')})`, got);
}

/**
 * Two CSV files as two tables with one type per column: a column is numeric only when its present
 * cells are numbers in both files, else text on both sides (see {@link ColumnBuilder}).
 */
export function csvPair(train: CsvFileTable, test: CsvFileTable): { train: Table; test: Table } {
  const out = { train: { columns: {} as Record<string, Column> }, test: { columns: {} as Record<string, Column> } };
  train.header.forEach((name, j) => {
    const a = train.columns[j]!;
    const b = test.columns[test.header.indexOf(name)]!;
    const text = !a.numeric || !b.numeric;
    out.train.columns[name] = a.values(text);
    out.test.columns[name] = b.values(text);
  });
  return out;
}
