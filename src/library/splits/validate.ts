import { invalid } from '../errors/index';
import type { Label, SplitInput } from './types';

/** Columns of a `SplitInput` after checking: plain arrays of exactly `n` entries. */
export interface Prepared {
  n: number;
  y?: Label[];
  groups?: Label[];
  time?: number[];
  ids?: Label[];
}

/** Which columns a splitter cannot work without. */
export interface Needs {
  y?: boolean;
  groups?: boolean;
  time?: boolean;
}

const HINTS: Record<keyof Needs, string> = {
  y: 'pass the class labels as input.y, or use a splitter that does not stratify',
  groups: 'pass the group column (e.g. patient or user id) as input.groups, or use a splitter without groups',
  time: 'pass the timestamps as input.time',
};

/** Checks `input` for splitter `who` and copies its columns to plain arrays. */
export function prepare(who: string, input: SplitInput, needs: Needs): Prepared {
  if (input === null || typeof input !== 'object') throw invalid(`${who} input`, 'an object { nSamples, y?, groups?, time?, ids? }', String(input));
  const n = input.nSamples;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
    throw invalid(`${who} input.nSamples`, 'a positive integer', typeof n === 'number' ? String(n) : typeof n, n === 0 ? 'the data is empty' : undefined);
  }
  const out: Prepared = { n };
  for (const name of ['y', 'groups', 'time'] as const) {
    if (needs[name] && input[name] == null) throw invalid(`${who} input.${name}`, `a column of ${n} values`, 'nothing', HINTS[name]);
  }
  if (input.y != null) out.y = labelColumn(who, 'y', input.y, n);
  if (needs.y && out.y) checkDiscrete(who, out.y);
  if (input.groups != null) out.groups = labelColumn(who, 'groups', input.groups, n);
  if (input.ids != null) out.ids = labelColumn(who, 'ids', input.ids, n);
  if (input.time != null) out.time = timeColumn(who, input.time, n);
  return out;
}

function checkLength(who: string, name: string, col: ArrayLike<unknown>, n: number): void {
  if (typeof col !== 'object' || typeof col.length !== 'number') throw invalid(`${who} input.${name}`, 'an array', typeof col);
  if (col.length !== n) {
    throw invalid(`${who} input.${name}`, `${n} values (one per row, input.nSamples=${n})`, `${col.length} values`);
  }
}

/** Labels: finite numbers or strings, all of one type (so `1` and `'1'` never meet). */
function labelColumn(who: string, name: string, col: ArrayLike<Label>, n: number): Label[] {
  checkLength(who, name, col, n);
  const out = Array.from(col);
  const kind = typeof out[0];
  for (let i = 0; i < n; i++) {
    const v = out[i];
    const t = typeof v;
    if (t !== 'string' && !(t === 'number' && Number.isFinite(v))) {
      throw invalid(`${who} input.${name}[${i}]`, 'a finite number or a string', t === 'number' ? String(v) : v === undefined ? 'undefined' : t === 'object' ? JSON.stringify(v) : String(v));
    }
    if (t !== kind) throw invalid(`${who} input.${name}[${i}]`, `a ${kind} like input.${name}[0]`, `a ${t} (${String(v)})`, 'use one type per column');
  }
  return out;
}

/**
 * Stratification needs classes. Like sklearn's `type_of_target`, numbers that are not all integral
 * make a 'continuous' target, which sklearn's stratified splitters reject (integral floats such
 * as 2.0 are classes: JavaScript cannot tell them from 2 anyway).
 */
export function checkDiscrete(who: string, y: Label[]): void {
  const i = y.findIndex((v) => typeof v === 'number' && !Number.isInteger(v));
  if (i >= 0) {
    throw invalid(`${who} input.y`, 'class labels (integers or strings)',
      `a continuous target (input.y[${i}]=${String(y[i])} is not an integer; sklearn's type_of_target says 'continuous')`,
      'stratify on binned values (e.g. quantile bins of y, coded as integers) or use a splitter that does not stratify');
  }
}

/**
 * Options are checked at run time too (notebooks are not type-checked): an unknown or unsupported
 * key is an error naming it and the known ones, not silently ignored.
 */
export function checkOptions(who: string, opts: unknown, known: readonly string[]): void {
  if (opts === null || typeof opts !== 'object' || Array.isArray(opts)) {
    throw invalid(`${who} options`, `an options object { ${known.join(', ')} }`, Array.isArray(opts) ? 'an array' : opts === null ? 'null' : `${typeof opts} ${String(opts)}`);
  }
  const unknown = Object.keys(opts).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    throw invalid(`${who} options`, `only known options (${known.join(', ')})`, `unknown option(s) ${unknown.map((k) => JSON.stringify(k)).join(', ')}`,
      'check the spelling, or drop the option: it is not supported here');
  }
}

function timeColumn(who: string, col: ArrayLike<number>, n: number): number[] {
  checkLength(who, 'time', col, n);
  const out = Array.from(col);
  for (let i = 0; i < n; i++) {
    const v = out[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw invalid(`${who} input.time[${i}]`, 'a finite number', typeof v === 'number' ? String(v) : typeof v, 'drop or impute rows without a timestamp before splitting');
    }
  }
  return out;
}

/** An integer option `name` of splitter `who`, at least `min`. */
export function checkInt(who: string, name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw invalid(`${who} ${name}`, `an integer >= ${min}`, typeof value === 'number' ? String(value) : typeof value);
  }
  return value;
}

/** A boolean option. */
export function checkBool(who: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw invalid(`${who} ${name}`, 'true or false', typeof value === 'string' ? JSON.stringify(value) : String(value));
  return value;
}

/** Ascending order of labels: numbers numerically, strings by UTF-16 code units (np.unique order for ASCII). */
export function compareLabels(a: Label, b: Label): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Labels coded 0..k-1. `values[code]` is the label, `counts[code]` its rows. */
export interface Encoded {
  codes: Int32Array;
  values: Label[];
  counts: number[];
}

/**
 * Codes labels either in sorted order (np.unique) or in order of first appearance (sklearn's
 * StratifiedKFold encodes classes that way, which decides how rows are dealt to folds).
 */
export function encode(labels: Label[], order: 'sorted' | 'appearance'): Encoded {
  const first = new Map<Label, number>();
  for (const v of labels) if (!first.has(v)) first.set(v, first.size);
  const values = Array.from(first.keys());
  if (order === 'sorted') values.sort(compareLabels);
  const codeOf = new Map<Label, number>();
  values.forEach((v, i) => codeOf.set(v, i));
  const codes = new Int32Array(labels.length);
  const counts = new Array<number>(values.length).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const c = codeOf.get(labels[i]!)!;
    codes[i] = c;
    counts[c]!++;
  }
  return { codes, values, counts };
}

/**
 * Stratification needs every class in more than one row: a class of one row can only be in one part.
 * (sklearn's StratifiedShuffleSplit raises the same; its StratifiedKFold only warns.)
 */
export function checkClassSizes(who: string, y: Encoded): void {
  const lone = y.values.filter((_, c) => y.counts[c]! < 2);
  if (lone.length > 0) {
    const shown = lone.slice(0, 5).map((v) => JSON.stringify(v)).join(', ') + (lone.length > 5 ? ', …' : '');
    throw invalid(`${who} input.y`, 'at least 2 rows in every class', `${lone.length} class(es) with 1 row: ${shown}`,
      'merge or drop rare classes, or use a splitter that does not stratify');
  }
}

/** sklearn: "Cannot have number of splits n_splits=k greater than the number of samples". */
export function checkFoldsVsSamples(who: string, k: number, n: number): void {
  if (k > n) throw invalid(`${who} nSplits`, `at most nSamples=${n}`, String(k), 'lower nSplits or add data');
}

/**
 * Stratified k-fold needs a class with at least `k` rows (sklearn raises otherwise) and warns when
 * some class has fewer rows than folds (that class then misses some test folds).
 */
export function checkFoldsVsClasses(who: string, k: number, y: Encoded): string[] {
  const largest = y.counts.reduce((a, b) => Math.max(a, b), 0); // no spread: classes may be many
  if (k > largest) throw invalid(`${who} nSplits`, `at most the size of the largest class (${largest} rows)`, String(k), 'lower nSplits');
  const smallest = y.counts.reduce((a, b) => Math.min(a, b), Infinity);
  if (k > smallest) return [`the least populated class in y has only ${smallest} rows, fewer than nSplits=${k}`];
  return [];
}

/** Group splitters need at least one group per fold (sklearn raises the same). */
export function checkGroupsVsFolds(who: string, k: number, nGroups: number): void {
  if (k > nGroups) {
    throw invalid(`${who} nSplits`, `at most the number of distinct groups in input.groups (${nGroups})`, String(k), 'lower nSplits or split by a finer group');
  }
}
