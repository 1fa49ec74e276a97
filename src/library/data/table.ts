import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataFrame } from 'danfojs-node';
import { invalid, PaperlabError } from '../errors/index';
import { verifySha256 } from './checksum';
import { parseCell, parseCsv } from './csv';
import { checkDataset, countClasses, type Dataset } from './dataset';
import { DEFAULT_DATA_DIR, readManifest, realPathInside, type TableEntry } from './manifest';

/** Options of `loadTable` and `loadTableFrame`. */
export interface TableOptions {
  /** Folder holding `manifest.yaml` and the files it lists. Default: the repository's `data/`. */
  dataDir?: string;
  /**
   * What `loadTable` does with a missing feature value: an empty CSV cell, a JSON `null`, or the
   * text `NaN` / `nan`. `'error'` (the default) refuses the table, naming file, line and column;
   * `'nan'` reads it as NaN (fill it with `leakage.meanImputer()` fit on the training rows). A missing
   * target is always refused. `loadTableFrame` ignores this: its empty cells are `null`.
   */
  missing?: 'error' | 'nan';
}

type Cell = number | string | null;

/** A manifest table read and verified: checksum, row count, column count and target column. */
interface VerifiedTable {
  entry: TableEntry;
  path: string;
  sha256: string;
  header: string[];
  rows: Cell[][];
  /** Where cell (i, j) is, for messages: `<file>:<line> column <j+1> (<name>)` for CSV, `<file>: row <i+1>, column <name>` for JSON. */
  cellWhere: (i: number, j: number) => string;
}

const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * A table of `data/` as a `Dataset`: every column but the target becomes a Float32 feature, the
 * target becomes class ids (classification; ids or class names in the file) or Float32 values
 * (regression). Refuses a file whose sha256, rows, columns or class counts differ from
 * `data/manifest.yaml`, and a number Float32 cannot hold (it would become ±Infinity). A missing
 * value (empty cell, JSON null, text NaN) is refused unless `options.missing` is `'nan'`. Text
 * feature columns are refused: use `loadTableFrame` for those.
 */
export function loadTable(name: string, options: TableOptions = {}): Dataset {
  const t = readVerifiedTable(name, options.dataDir ?? DEFAULT_DATA_DIR);
  const { entry, header, rows } = t;
  const missingAsNaN = options.missing === 'nan';
  if (options.missing !== undefined && options.missing !== 'error' && !missingAsNaN) {
    throw invalid(`loadTable('${name}', options.missing)`, "'error' or 'nan'", options.missing);
  }
  const missingHint = `pass loadTable('${name}', { missing: 'nan' }) to read it as NaN, then fill it with leakage.meanImputer() fit on the training rows`;
  const numeric = 'a number (loadTable builds numeric features)';
  const targetCol = header.indexOf(entry.target);
  const featureNames = header.filter((_, j) => j !== targetCol);
  const nF = featureNames.length;
  const x = new Float32Array(rows.length * nF);
  const classification = entry.task === 'classification';
  const y = classification ? new Int32Array(rows.length) : new Float32Array(rows.length);
  rows.forEach((row, i) => {
    let f = 0;
    row.forEach((cell, j) => {
      if (j === targetCol) { y[i] = targetValue(cell, entry, t.cellWhere(i, j)); return; }
      const isNaNText = typeof cell === 'string' && /^nan$/i.test(cell.trim());
      if (cell === null || isNaNText) {
        if (!missingAsNaN) throw invalid(t.cellWhere(i, j), numeric, cell === null ? (entry.format === 'json' ? 'a missing value (null)' : 'an empty cell') : cell, isNaNText ? `a missing value? ${missingHint}` : missingHint);
        x[i * nF + f++] = NaN;
        return;
      }
      if (typeof cell === 'string') throw invalid(t.cellWhere(i, j), numeric, cell, `use loadTableFrame('${name}') for text columns`);
      x[i * nF + f++] = float32(cell, t.cellWhere(i, j));
    });
  });
  const ds: Dataset = {
    name: entry.name, x, y, shape: [rows.length, nF], task: entry.task, featureNames, source: `${t.path} (${entry.source})`,
    licence: entry.licence, sha256: t.sha256,
    ...(classification ? { nClasses: entry.classes!.length, classNames: entry.classes, classCounts: countClasses(y as Int32Array, entry.classes!.length) } : {}),
  };
  return checkDataset(ds, { nRows: entry.rows, featureShape: [entry.columns - 1], classCounts: entry.classCounts });
}

/** `value` unchanged when Float32 holds it without overflowing to ±Infinity (it rounds as Float32Array would). */
function float32(value: number, where: string): number {
  if (!Number.isFinite(Math.fround(value))) {
    throw invalid(where, `a number within Float32 range (|x| <= ${FLOAT32_MAX}; loadTable builds Float32 features)`, String(value));
  }
  return value;
}

/**
 * A table of `data/` as a danfojs-node `DataFrame` with every column (numbers where a whole cell is
 * a decimal number, `null` for empty cells, text otherwise), after the same checks as `loadTable`
 * of the file (sha256, rows, columns, a link out of the data folder, numbers out of float64 range).
 * danfojs-node is required only here, on first use: loading it costs ~2 s (../shared/STACK.md).
 */
export async function loadTableFrame(name: string, options: TableOptions = {}): Promise<DataFrame> {
  const t = readVerifiedTable(name, options.dataDir ?? DEFAULT_DATA_DIR);
  const dfd = await import('danfojs-node');
  const columns: Record<string, Cell[]> = {};
  t.header.forEach((h, j) => { columns[h] = t.rows.map((r) => r[j]!); });
  return new dfd.DataFrame(columns);
}

/** The manifest entry of table `name` (throws, listing the known names, when there is none). */
export function tableEntry(name: string, dataDir: string = DEFAULT_DATA_DIR): TableEntry {
  const entries = readManifest(dataDir);
  const entry = entries.find((e) => e.name === name);
  if (!entry) throw invalid(`loadTable(name) in ${join(dataDir, 'manifest.yaml')}`, `one of ${entries.map((e) => e.name).join(', ')}`, name);
  return entry;
}

function readVerifiedTable(name: string, dataDir: string): VerifiedTable {
  const entry = tableEntry(name, dataDir);
  const path = join(dataDir, entry.file);
  if (!existsSync(path)) {
    throw new PaperlabError('missing-dataset', `${path}: listed in manifest.yaml as '${name}' but missing; restore it: git checkout -- data/${entry.file}`, { where: path });
  }
  const bytes = readFileSync(realPathInside(dataDir, path, `${path} (manifest.yaml entry '${name}')`));
  const sha256 = verifySha256(bytes, entry.sha256, `${path} (manifest.yaml entry '${name}')`,
    `restore the original (git checkout -- data/${entry.file}) or, if the change is intended, record the new file's source, sha256, rows and columns in manifest.yaml`);
  const { header, rows, cellWhere } = entry.format === 'csv' ? csvRows(bytes.toString('utf8'), path) : jsonRows(bytes.toString('utf8'), path);
  if (rows.length !== entry.rows) throw invalid(`${path}: rows`, `${entry.rows} (manifest.yaml entry '${name}')`, rows.length);
  if (header.length !== entry.columns) throw invalid(`${path}: columns`, `${entry.columns} (manifest.yaml entry '${name}')`, header.length);
  if (!header.includes(entry.target)) throw invalid(`${path}: target column`, `a column named ${entry.target}`, header.join(', '));
  return { entry, path, sha256, header, rows, cellWhere };
}

type Rows = Pick<VerifiedTable, 'header' | 'rows' | 'cellWhere'>;

function csvRows(text: string, path: string): Rows {
  const t = parseCsv(text, path);
  const cellWhere = (i: number, j: number): string => `${path}:${t.lines[i]} column ${j + 1} (${t.header[j]})`;
  return { header: t.header, rows: t.rows.map((r, i) => r.map((cell, j) => parseCell(cell, cellWhere(i, j)))), cellWhere };
}

function jsonRows(text: string, path: string): Rows {
  let records: unknown;
  try { records = JSON.parse(text); } catch (e) { throw invalid(path, 'valid JSON', (e as Error).message); }
  if (!Array.isArray(records) || records.length === 0 || typeof records[0] !== 'object' || records[0] === null) {
    throw invalid(path, 'a non-empty JSON array of records (objects)', Array.isArray(records) ? 'an empty or non-record array' : typeof records);
  }
  const header = Object.keys(records[0] as object);
  const rows = records.map((rec: unknown, i: number) => {
    if (typeof rec !== 'object' || rec === null || Object.keys(rec).join('\u0000') !== header.join('\u0000')) {
      throw invalid(`${path}: record ${i}`, `the keys ${header.join(', ')} in that order`, rec === null || typeof rec !== 'object' ? rec : Object.keys(rec).join(', '));
    }
    return header.map((k): Cell => {
      const v = (rec as Record<string, unknown>)[k];
      if (v === null) return null;
      // JSON.parse reads 1e999 as Infinity: refuse it as the CSV reader does.
      if (typeof v === 'number' && !Number.isFinite(v)) throw invalid(`${path}: record ${i}.${k}`, 'a finite number (within float64 range)', String(v));
      if (typeof v === 'number' || typeof v === 'string') return v;
      throw invalid(`${path}: record ${i}.${k}`, 'a number, a string or null', v);
    });
  });
  const cellWhere = (i: number, j: number): string => `${path}: row ${i + 1}, column ${header[j]}`;
  return { header, rows, cellWhere };
}

function targetValue(cell: Cell, entry: TableEntry, where: string): number {
  if (entry.task === 'regression') {
    if (typeof cell !== 'number') throw invalid(where, 'a number (regression target)', cell ?? 'an empty cell');
    return float32(cell, where);
  }
  const classes = entry.classes!;
  const id = typeof cell === 'string' ? classes.indexOf(cell) : cell;
  if (id === null || !Number.isInteger(id) || id < 0 || id >= classes.length) {
    throw invalid(where, `a class id in 0..${classes.length - 1} or one of ${classes.join(', ')}`, cell ?? 'an empty cell');
  }
  return id;
}
