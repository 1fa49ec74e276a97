import { readFileSync } from 'node:fs';
import { invalid, PaperlabError } from '../errors/index';
import { parseCell, parseCsv } from '../data/csv';
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
 * cells become NaN), else strings (numbers as written, missing cells as ''). Booleans are text.
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

/** A CSV file as a `Table`, plus the 1-based line of the file where each row starts. */
export interface CsvFileTable {
  header: string[];
  /** Raw cells typed by `parseCell` (numbers, text, null for an empty cell), by column. */
  cells: Cell[][];
  /** `lines[i]`: the line of row `i` (header = line 1; a quoted newline makes a row span lines). */
  lines: number[];
}

/** Reads and parses one CSV file; a missing file or a ragged row is an error naming the file. */
export function readCsvFile(path: string): CsvFileTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new PaperlabError('invalid', `${path}: expected a readable CSV file, got ${code === 'ENOENT' ? 'no such file' : code ?? (e as Error).message}`, { where: path });
  }
  const csv = parseCsv(text, path);
  const seen = new Set<string>();
  for (const h of csv.header) {
    if (seen.has(h)) throw invalid(`${path}:1`, 'distinct column names', `'${h}' twice`);
    seen.add(h);
  }
  const cells = csv.header.map((name, j) => csv.rows.map((row, i) => parseCell(row[j]!, `${path}:${csv.lines[i]} column '${name}'`)));
  return { header: csv.header, cells, lines: csv.lines };
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
 * cells are numbers in both files (else both sides keep the text, so `1` in one file and `1.0` in
 * the other differ, as they do as text).
 */
export function csvPair(train: CsvFileTable, test: CsvFileTable): { train: Table; test: Table } {
  const out = { train: { columns: {} as Record<string, Column> }, test: { columns: {} as Record<string, Column> } };
  train.header.forEach((name, j) => {
    const k = test.header.indexOf(name);
    const both = typedColumn([...train.cells[j]!, ...test.cells[k]!]);
    const n = train.lines.length;
    out.train.columns[name] = both.slice(0, n) as Column;
    out.test.columns[name] = both.slice(n) as Column;
  });
  return out;
}
