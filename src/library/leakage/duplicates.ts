import { invalid } from '../errors/index';
import { hashRows, type HashColumn } from './row-hash';
import { RowIndex } from './row-match';
import { checkParts, mask, type Parts } from './parts';
import { column, isStringColumn, nRows, type Table } from './table';
import { evalName, idList, MAX_EXAMPLES, plural, rowsOfSide } from './message';
import type { Finding } from './types';

/** Options of {@link checkDuplicates}. */
export interface DuplicateOptions {
  /** Columns that make a row's identity. Default: every column of the table. */
  columns?: string[];
  /**
   * Near-duplicate grid width, in the columns' own units (default 1e-6). Two rows are near
   * duplicates when every numeric value rounds to the same multiple of it. A pair closer than this
   * but straddling a grid line is missed, so the count is a lower bound. 0 turns the check off.
   */
  tolerance?: number;
  /** Example ids kept per finding (default 5). */
  maxExamples?: number;
}

/** Prepared columns: float64 copies of numeric columns (none when already Float64Array), strings as is. */
export function hashColumns(t: Table, names: readonly string[], where: string): HashColumn[] {
  return names.map((name) => {
    const col = column(t, name, where);
    if (col instanceof Float64Array) return col;
    if (isStringColumn(col)) return col;
    return Float64Array.from(col as ArrayLike<number>);
  });
}

/** Evaluation rows (not yet `matched`) that `index` finds in train; marks them in `matched`. */
function matchAgainst(index: RowIndex, evaluation: Int32Array, matched: Uint8Array, maxExamples: number) {
  const examples: number[] = [];
  const partners: number[] = [];
  let count = 0;
  for (let i = 0; i < evaluation.length; i++) {
    if (matched[i]) continue;
    const m = index.find(evaluation[i]!);
    if (m < 0) continue;
    matched[i] = 1;
    count++;
    if (examples.length < maxExamples) {
      examples.push(evaluation[i]!);
      partners.push(m);
    }
  }
  return { count, examples, partners };
}

/**
 * L1.4, duplicates across parts (Kapoor & Narayanan 2023): evaluation rows whose values equal a
 * training row's (error), and rows that are equal only up to `tolerance` (warning). Returns no
 * finding when the parts share no duplicate. A row id present on both sides is left to L1.1.
 */
export function checkDuplicates(t: Table, parts: Parts, options: DuplicateOptions = {}): Finding[] {
  const n = nRows(t, 'checkDuplicates(table)');
  const p = checkParts(parts, n, 'checkDuplicates(parts)');
  const names = options.columns ?? Object.keys(t.columns);
  if (names.length === 0) throw invalid('checkDuplicates(options.columns)', 'at least one column', names);
  const tolerance = options.tolerance ?? 1e-6;
  if (!(tolerance >= 0) || !Number.isFinite(tolerance)) {
    throw invalid('checkDuplicates(options.tolerance)', 'a finite number >= 0', tolerance);
  }
  const maxExamples = options.maxExamples ?? MAX_EXAMPLES;
  const cols = hashColumns(t, names, 'checkDuplicates(options.columns)');
  const side = evalName(p.validation.length > 0);
  // a row id on both sides is L1.1's finding; counting it here again would double-report it
  const matched = new Uint8Array(p.evaluation.length);
  const inTrain = mask(p.train, n);
  for (let i = 0; i < p.evaluation.length; i++) matched[i] = inTrain[p.evaluation[i]!]!;

  const findings: Finding[] = [];
  const exact = matchAgainst(new RowIndex(cols, hashRows(cols, n), p.train), p.evaluation, matched, maxExamples);
  if (exact.count > 0) {
    const { count, examples } = exact;
    const remedy = 'deduplicate before splitting';
    findings.push({
      rule: 'L1.4', severity: 'error', check: 'exact-duplicates', count, unit: 'rows', examples,
      fraction: count / p.evaluation.length, columns: [...names], remedy,
      message: `leakage L1.4: ${rowsOfSide(count, p.evaluation.length, side)} also appear${count === 1 ? 's' : ''} in train ${idList(examples, count)}; ${remedy}`,
      details: { trainExamples: exact.partners.join(', ') },
    });
  }
  if (tolerance === 0 || cols.every((c) => Array.isArray(c))) return findings;
  const near = matchAgainst(new RowIndex(cols, hashRows(cols, n, tolerance), p.train, tolerance), p.evaluation, matched, maxExamples);
  if (near.count > 0) {
    const { count, examples } = near;
    findings.push({
      rule: 'L1.4', severity: 'warning', check: 'near-duplicates', count, unit: 'rows', examples,
      message: `leakage L1.4: ${plural(count, `${side} row`)} ${count === 1 ? 'is a near duplicate' : 'are near duplicates'} of train rows (equal on a grid of ${tolerance}) ${idList(examples, count)}; deduplicate or group them before splitting`,
      details: { tolerance, trainExamples: near.partners.join(', ') },
    });
  }
  return findings;
}
