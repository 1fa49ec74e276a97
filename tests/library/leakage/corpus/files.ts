// A corpus on disk, as a user of `paperlab leakage <train> <test>` has it: one folder per case with
// train.csv and test.csv, and cases.json naming what was planted and the flags to pass.
import * as fs from 'node:fs';
import * as path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { invalid } from '../../../../src/library/errors/index';
import { parseCsv } from '../../../../src/library/data/index';
// parseCell is not exported through the data index yet (issue 15 names it); the deep import is the only one here.
import { parseCell } from '../../../../src/library/data/csv';
import type { Column, Table } from '../../../../src/library/leakage/index';
import type { Case, CaseOptions } from './case';
import { rowCount } from './sources';

/** One case in cases.json: the case without its tables, plus where they are and the command-line flags. */
export interface CaseEntry extends Omit<Case, 'train' | 'test'> {
  /** Paths relative to the corpus folder. */
  train: string;
  test: string;
  trainRows: number;
  testRows: number;
  /** The options as CLI flags, e.g. `['--label', 'y', '--task', 'regression']`. */
  flags: string[];
}

/** cases.json. */
export interface CorpusFile {
  seed: number;
  cases: CaseEntry[];
}

/** A CSV cell: numbers in the shortest text that reads back to the same float64 (`String`), strings quoted when they must be. */
function cell(v: number | string): string {
  if (typeof v === 'number') return Number.isNaN(v) ? '' : String(v);
  return /[",\n\r]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The table as RFC 4180 CSV with a header line (header = line 1, row i = line i + 2). */
export function tableToCsv(t: Table): string {
  const names = Object.keys(t.columns);
  const cols = names.map((n) => t.columns[n] as ArrayLike<number | string>);
  const lines = [names.map(cell).join(',')];
  for (let i = 0; i < rowCount(t); i++) lines.push(cols.map((c) => cell(c[i]!)).join(','));
  return lines.join('\n') + '\n';
}

/** A CSV file as a table: a column of numbers becomes a Float64Array, any other column strings. */
export function csvToTable(text: string, where: string): Table {
  const csv = parseCsv(text, where);
  const columns: Record<string, Column> = {};
  csv.header.forEach((name, j) => {
    const values = csv.rows.map((r, i) => parseCell(r[j]!, `${where}:${csv.lines[i]} '${name}'`));
    columns[name] = values.every((v) => typeof v === 'number') ? Float64Array.from(values as number[]) : csv.rows.map((r) => r[j]!);
  });
  return { columns };
}

/** The options as flags of `paperlab leakage`. */
export function optionFlags(o: CaseOptions): string[] {
  return (['label', 'group', 'time', 'task'] as const).flatMap((k) => (o[k] === undefined ? [] : [`--${k}`, o[k]!]));
}

/** Writes every case to `<dir>/<name>/{train,test}.csv` and `<dir>/cases.json`, each file atomically. */
export function writeCorpus(cases: readonly Case[], dir: string, seed: number): CorpusFile {
  const entries: CaseEntry[] = [];
  for (const c of cases) {
    const { train, test, ...rest } = c;
    fs.mkdirSync(path.join(dir, c.name), { recursive: true });
    writeFileAtomic.sync(path.join(dir, c.name, 'train.csv'), tableToCsv(train));
    writeFileAtomic.sync(path.join(dir, c.name, 'test.csv'), tableToCsv(test));
    entries.push({
      ...rest, train: `${c.name}/train.csv`, test: `${c.name}/test.csv`, trainRows: rowCount(train), testRows: rowCount(test),
      flags: optionFlags(c.options),
    });
  }
  const file: CorpusFile = { seed, cases: entries };
  writeFileAtomic.sync(path.join(dir, 'cases.json'), JSON.stringify(file, null, 2) + '\n');
  return file;
}

/** Reads a corpus folder back into cases (tables from the CSV files). */
export function readCorpus(dir: string): { seed: number; cases: Case[] } {
  const where = path.join(dir, 'cases.json');
  if (!fs.existsSync(where)) throw invalid(where, 'a corpus folder written by corpus/write.ts (with cases.json)', 'no cases.json');
  const file = JSON.parse(fs.readFileSync(where, 'utf8')) as CorpusFile;
  if (!Array.isArray(file.cases)) throw invalid(`${where} cases`, 'a list of cases', typeof file.cases);
  const read = (p: string) => csvToTable(fs.readFileSync(path.join(dir, p), 'utf8'), path.join(dir, p));
  return {
    seed: file.seed,
    cases: file.cases.map(({ train, test, trainRows: _a, testRows: _b, flags: _c, ...rest }) => ({ ...rest, train: read(train), test: read(test) })),
  };
}
