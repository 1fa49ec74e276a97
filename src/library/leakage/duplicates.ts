import { invalid } from '../errors/index';
import { hashKey, hashRows, type HashColumn } from './row-hash';
import { RowIndex } from './row-match';
import { checkParts, mask, type Parts } from './parts';
import { column, isStringColumn, nRows, type Table } from './table';
import { evalName, idList, MAX_EXAMPLES, plural, rowsOfSide } from './message';
import type { Finding } from './types';

/** Options of {@link checkDuplicates}. */
export interface DuplicateOptions {
  /** Columns that make a row's identity. Default: every column of the table. */
  columns?: string[];
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
 * L1.4, exact duplicates across parts (Kapoor & Narayanan 2023): evaluation rows whose values
 * equal a training row's (error). Returns no finding when the parts share no duplicate. A row id
 * present on both sides is left to L1.1. Near copies are `checkNearDuplicates`'s (near-duplicates.ts).
 */
export function checkDuplicates(t: Table, parts: Parts, options: DuplicateOptions = {}): Finding[] {
  const n = nRows(t, 'checkDuplicates(table)');
  const p = checkParts(parts, n, 'checkDuplicates(parts)');
  const names = options.columns ?? Object.keys(t.columns);
  if (names.length === 0) throw invalid('checkDuplicates(options.columns)', 'at least one column', names);
  const maxExamples = options.maxExamples ?? MAX_EXAMPLES;
  const cols = hashColumns(t, names, 'checkDuplicates(options.columns)');
  const side = evalName(p.validation.length > 0);
  // a row id on both sides is L1.1's finding; counting it here again would double-report it
  const matched = new Uint8Array(p.evaluation.length);
  const inTrain = mask(p.train, n);
  for (let i = 0; i < p.evaluation.length; i++) matched[i] = inTrain[p.evaluation[i]!]!;

  const findings: Finding[] = [];
  // hash a few distinctive columns, compare all: equal rows still share a hash, and reading less is faster
  const exact = matchAgainst(new RowIndex(cols, hashRows(hashKey(cols, n), n), p.train), p.evaluation, matched, maxExamples);
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
  return findings;
}
