import { invalid } from '../errors/index';
import { checkLeakage, type LeakageOptions } from './check';
import { asTable, checkSameColumns, csvPair, readCsvFile, type FrameLike } from './table-input';
import { isStringColumn, nRows, type Column, type Table } from './table';
import type { Finding, LeakageReport } from './types';

/**
 * Options of {@link checkTrainTest} and {@link checkLeakageFiles}: those of `checkLeakage` that
 * make sense for two separate tables (no fit ledger, no images, which index one stacked table).
 */
export type TrainTestOptions = Omit<LeakageOptions, 'ledger' | 'images' | 'imageOptions'>;

/** Names of the two inputs in errors (the argument or the file), and of a row of each. */
interface Names {
  train: string;
  test: string;
  /** `train.csv:14` (a file's line) or `checkTrainTest(train) row 12`. */
  row?: (side: 'train' | 'test', row: number) => string;
}

/**
 * Every data-level leakage check on a train table and a test table given apart (two `Table`s, two
 * danfojs DataFrames, or two CSV paths, read by {@link checkLeakageFiles}), as `checkLeakage` runs
 * them on one split. The tables must have the same
 * columns (any order). Findings' `examples` are 0-based row indices of the TEST table; a train-side
 * example list (`details.trainExamples`) holds 0-based rows of the train table. `report.task` says
 * which task the L2 check scored for and whether it was inferred from the label.
 *
 * @example
 * const report = checkTrainTest(train, test, { label: 'y', group: 'patient' });
 * leakageTable(report); // an HTML table in a notebook
 */
export function checkTrainTest(train: Table | FrameLike | string, test: Table | FrameLike | string, options: TrainTestOptions = {}): LeakageReport {
  const names = { train: 'checkTrainTest(train)', test: 'checkTrainTest(test)' };
  if (typeof train === 'string' || typeof test === 'string') {
    // two paths: the one call for files too
    if (typeof train !== 'string') throw invalid(names.train, 'a CSV file path, as the test argument is', 'a table');
    if (typeof test !== 'string') throw invalid(names.test, 'a CSV file path, as the train argument is', 'a table');
    return checkLeakageFiles(train, test, options);
  }
  return checkPair(asTable(train, names.train), asTable(test, names.test), options, names);
}

/**
 * {@link checkTrainTest} on two CSV files (header line first, RFC 4180, as `parseCsv` reads). A
 * cell is a number when the whole text is a decimal number; a column is numeric when all its
 * present cells are, in both files; empty cells and pandas' usual markers (`NA`, `NaN`, `null`, …)
 * are missing (NaN). Each finding gets `lines`: the 1-based lines of its examples in the test file
 * (header = line 1), and `details.trainLines` for train-side examples. Errors name the file.
 */
export function checkLeakageFiles(trainPath: string, testPath: string, options: TrainTestOptions = {}): LeakageReport {
  const trainCsv = readCsvFile(trainPath);
  const testCsv = readCsvFile(testPath);
  checkSameColumns(trainCsv.header, testCsv.header, trainPath, testPath);
  const { train, test } = csvPair(trainCsv, testCsv);
  const lines = { train: trainCsv.lines, test: testCsv.lines };
  const path = { train: trainPath, test: testPath };
  const report = checkPair(train, test, options, { ...path, row: (side, i) => `${path[side]}:${lines[side][i]}` });
  const findings = report.findings.map((f): Finding => {
    if (f.unit !== 'rows' && f.unit !== 'groups') return f;
    const withLines: Finding = { ...f, lines: f.examples.map((i) => testCsv.lines[i]!) };
    const trainRows = f.details?.trainExamples;
    if (typeof trainRows === 'string' && trainRows !== '') {
      withLines.details = { ...f.details, trainLines: trainRows.split(', ').map((i) => trainCsv.lines[Number(i)]!).join(', ') };
    }
    return withLines;
  });
  return { ...report, findings };
}

function checkPair(train: Table, test: Table, options: TrainTestOptions, names: Names): LeakageReport {
  checkSameColumns(Object.keys(train.columns), Object.keys(test.columns), names.train, names.test);
  checkDeclared(options, Object.keys(train.columns), names.train);
  for (const key of ['group', 'time'] as const) {
    const name = options[key];
    if (name === undefined) continue;
    checkPresent(train, name, key, 'train', names);
    checkPresent(test, name, key, 'test', names);
  }
  const nTest = nRows(test, names.test);
  const report = checkLeakage(stackTestFirst(test, train, names), parts(nTest, nRows(train, names.train)), options);
  return { ...report, findings: report.findings.map((f) => trainIdsFromStack(f, nTest)) };
}

/** The declared columns (label, group, time, features) must be columns of the tables. */
function checkDeclared(options: TrainTestOptions, columns: readonly string[], where: string): void {
  if (options === null || typeof options !== 'object') throw invalid('options', 'an object { label?, group?, time?, task?, … }', String(options));
  const declared: [string, unknown][] = [['label', options.label], ['group', options.group], ['time', options.time]];
  (options.features ?? []).forEach((f, i) => declared.push([`features[${i}]`, f]));
  for (const [key, name] of declared) {
    if (name === undefined) continue;
    if (typeof name !== 'string' || !columns.includes(name)) {
      throw invalid(`${where} (options.${key})`, `a column of the table (${columns.slice(0, 10).join(', ')}${columns.length > 10 ? ', …' : ''})`, String(name));
    }
  }
}

/**
 * Every row needs its group (unit id) and a readable time: a check that skipped rows without them
 * could pass a leaky split. Named here by file line or table row, not by the stacked table's row.
 */
function checkPresent(t: Table, name: string, key: 'group' | 'time', side: 'train' | 'test', names: Names): void {
  const col = t.columns[name]! as ArrayLike<number | string | null | undefined>;
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    const missing = v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
    const badDate = key === 'time' && typeof v === 'string' && !missing && Number.isNaN(Date.parse(v));
    if (!missing && !badDate) continue;
    const where = `${names.row ? names.row(side, i) : `${names[side]} row ${i}`} column '${name}'`;
    if (badDate) throw invalid(where, 'a date string Date.parse reads (ISO 8601)', String(v));
    throw invalid(where, key === 'group' ? 'a group id (every row needs its unit: patient, subject, site, …)' : 'a time (number or date string)', 'a missing value');
  }
}

// Test rows first (ids 0..nTest-1), so every test-side id a check prints, in its message too,
// is already the test table's own row index; train ids are shifted back in trainIdsFromStack.
function parts(nTest: number, nTrain: number): { train: Int32Array; test: Int32Array } {
  return { test: Int32Array.from({ length: nTest }, (_, i) => i), train: Int32Array.from({ length: nTrain }, (_, i) => nTest + i) };
}

/** One table: the test rows, then the train rows; a column must be numbers on both sides or text on both. */
function stackTestFirst(test: Table, train: Table, names: Names): Table {
  const columns: Record<string, Column> = {};
  for (const name of Object.keys(train.columns)) {
    const a = test.columns[name]!;
    const b = train.columns[name]!;
    const text = isStringColumn(a) || isStringColumn(b);
    if (text && a.length > 0 && b.length > 0 && isStringColumn(a) !== isStringColumn(b)) {
      const [expected, got] = isStringColumn(b) ? ['text', 'numbers'] : ['numbers', 'text'];
      throw invalid(`${names.test}: column '${name}'`, `${expected}, as in ${names.train}`, got);
    }
    if (text) columns[name] = [...(a as string[]), ...(b as string[])];
    else {
      const out = new Float64Array(a.length + b.length);
      out.set(a as ArrayLike<number>, 0);
      out.set(b as ArrayLike<number>, a.length);
      columns[name] = out;
    }
  }
  return { columns };
}

/** A finding of the stacked table with its train-side ids (`details.trainExamples`) as train-table rows. */
function trainIdsFromStack(f: Finding, nTest: number): Finding {
  const ids = f.details?.trainExamples;
  if (typeof ids !== 'string' || ids === '') return f;
  return { ...f, details: { ...f.details, trainExamples: ids.split(', ').map((i) => Number(i) - nTest).join(', ') } };
}
