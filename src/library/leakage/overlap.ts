import { checkParts, mask, type CheckedParts, type Parts } from './parts';
import { hashColumns } from './duplicates';
import { hashRows } from './row-hash';
import { RowIndex } from './row-match';
import { nRows, type Table } from './table';
import { evalName, idList, MAX_EXAMPLES, percent, plural, rowsOfSide } from './message';
import type { Finding } from './types';

/** Remedy of every L1.1 finding whose test rows are training rows (by id or by content). */
export const TEST_IS_TRAIN_REMEDY = 'the test set is (part of) the training set: evaluate on rows the model never saw';

/**
 * Share of the test rows with an exact copy in train at or above which the copies are L1.1 (the
 * test set is largely the training set) rather than L1.4 (duplicates in the source data). A random
 * split of data whose rows are duplicated at a rate d leaves at most about d of the test rows
 * with a copy in train; half the test set copied means the test set was drawn from train (a
 * subset, a re-used file), and deduplicating would delete half of it or all of it.
 */
export const TEST_OVERLAP_SHARE = 0.5;

/** Test rows that are also validation rows: the test set then took part in tuning (L1.1). */
function testInValidation(p: CheckedParts, maxExamples: number): Finding[] {
  if (p.validation.length === 0) return [];
  const inVal = mask(p.validation, p.nRows);
  const ex: number[] = [];
  let count = 0;
  for (const r of new Set(p.test)) {
    if (!inVal[r]) continue;
    count++;
    if (ex.length < maxExamples) ex.push(r);
  }
  if (count === 0) return [];
  const remedy = 'keep the test part out of validation';
  return [{
    rule: 'L1.1', severity: 'error', check: 'test-in-validation', count, unit: 'rows', examples: ex,
    fraction: count / p.test.length, remedy,
    message: `leakage L1.1: ${rowsOfSide(count, p.test.length, 'test')} ${count === 1 ? 'is also a validation row' : 'are also validation rows'} ${idList(ex, count)}, so the test set took part in tuning; ${remedy}`,
  }];
}

/**
 * L1.1, no held-out test set (Kapoor & Narayanan 2023): the test part is empty, evaluation
 * rows are also training rows (the same row ids on both sides), or test rows are also validation
 * rows (the test set was used for model selection). Error when found. Copies by content (two
 * files, the test file a subset of the training file) are {@link checkContentOverlap}'s.
 */
export function checkOverlap(nRows: number, parts: Parts, maxExamples = MAX_EXAMPLES): Finding[] {
  const p = checkParts(parts, nRows, 'checkOverlap(parts)');
  if (p.test.length === 0) {
    const remedy = 'hold out a test set before training';
    return [{
      rule: 'L1.1', severity: 'error', check: 'no-test-set', count: 0, unit: 'rows', examples: [], remedy,
      message: `leakage L1.1: the test part is empty, so there is no held-out evaluation; ${remedy}`,
    }];
  }
  const inTrain = mask(p.train, nRows);
  const seen = new Uint8Array(nRows);
  const ex: number[] = [];
  let count = 0;
  for (let i = 0; i < p.evaluation.length; i++) {
    const r = p.evaluation[i]!;
    if (!inTrain[r] || seen[r]) continue;
    seen[r] = 1;
    count++;
    if (ex.length < maxExamples) ex.push(r);
  }
  const tuning = testInValidation(p, maxExamples);
  if (count === 0) return tuning;
  const side = evalName(p.validation.length > 0);
  // every distinct evaluation row is a training row: the "test set" is (part of) the training set
  const isEval = mask(p.evaluation, nRows);
  let distinct = 0;
  for (let r = 0; r < nRows; r++) distinct += isEval[r]!;
  const all = count === distinct;
  const remedy = all ? TEST_IS_TRAIN_REMEDY : 'make the parts disjoint';
  return [...tuning, {
    rule: 'L1.1', severity: 'error', check: all ? 'test-is-train' : 'row-overlap', count, unit: 'rows', examples: ex,
    fraction: count / distinct, remedy,
    message: all
      ? `leakage L1.1: every ${side} row is also a training row ${idList(ex, count)}; ${remedy}`
      : `leakage L1.1: ${rowsOfSide(count, distinct, side)} ${count === 1 ? 'is' : 'are'} also in train ${idList(ex, count)}; ${remedy}`,
  }];
}

/**
 * How the evaluation rows' contents sit in train: the rows with a copy there, whether the two are
 * the same multiset, and the share of training rows with a copy among the other training rows
 * (what a fresh row drawn like train would have: the baseline of discrete or repetitive data).
 */
function contentMatches(t: Table, p: CheckedParts, columns: readonly string[], maxExamples: number) {
  const cols = hashColumns(t, columns, 'checkContentOverlap(columns)');
  const index = new RowIndex(cols, hashRows(cols, p.nRows), p.train);
  // rows per distinct value, keyed by its first training row (RowIndex keeps the first of equals)
  const inTrain = new Map<number, number>();
  for (let i = 0; i < p.train.length; i++) {
    const m = index.find(p.train[i]!);
    inTrain.set(m, (inTrain.get(m) ?? 0) + 1);
  }
  let repeated = 0;
  for (const c of inTrain.values()) if (c > 1) repeated += c;
  const inEval = new Map<number, number>();
  const examples: number[] = [];
  let count = 0;
  for (let i = 0; i < p.evaluation.length; i++) {
    const m = index.find(p.evaluation[i]!);
    if (m < 0) continue;
    count++;
    inEval.set(m, (inEval.get(m) ?? 0) + 1);
    if (examples.length < maxExamples) examples.push(p.evaluation[i]!);
  }
  const same = count === p.evaluation.length && p.train.length === p.evaluation.length && [...inTrain].every(([m, c]) => inEval.get(m) === c);
  return { count, examples, same, trainRepeats: repeated / p.train.length };
}

/**
 * L1.1 by content (Kapoor & Narayanan 2023: no held-out test set): the evaluation rows are the
 * training rows (the same multiset of rows: `test-is-train`), all of them appear in train
 * (`test-in-train`), or at least {@link TEST_OVERLAP_SHARE} of them do (`test-overlaps-train`).
 * Below that share the copies are duplicates in the source data, L1.4 `exact-duplicates`
 * ({@link checkDuplicates}), whose remedy (deduplicate before splitting) fits them; above it that
 * remedy would delete most or all of the test set. Equality is exact on `columns` (NaN equals NaN).
 * Data whose rows repeat anyway (a few discrete columns) is not flagged: the share of copies must
 * exceed the share of training rows with a copy within train (`details.trainRepeats`) by 3
 * binomial standard deviations plus 0.05. Returns at most one error finding.
 */
export function checkContentOverlap(t: Table, parts: Parts, columns: readonly string[], maxExamples = MAX_EXAMPLES): Finding[] {
  const p = checkParts(parts, nRows(t, 'checkContentOverlap(table)'), 'checkContentOverlap(parts)');
  if (p.evaluation.length === 0 || p.train.length === 0 || columns.length === 0) return [];
  const { count, examples, same, trainRepeats } = contentMatches(t, p, columns, maxExamples);
  const n = p.evaluation.length;
  const fraction = count / n;
  // copies no more frequent than within train itself are the data's own repetitiveness (few
  // discrete columns), not a test set taken from train: 3 binomial sds and 5 points of margin
  const expected = trainRepeats + 3 * Math.sqrt((trainRepeats * (1 - trainRepeats)) / n) + 0.05;
  if (fraction < TEST_OVERLAP_SHARE || fraction <= expected) return [];
  const side = evalName(p.validation.length > 0);
  const check = same ? 'test-is-train' : count === p.evaluation.length ? 'test-in-train' : 'test-overlaps-train';
  const what = {
    'test-is-train': `the ${side} rows and the training rows are the same ${plural(count, 'row')}, as many times each`,
    'test-in-train': `every ${side} row (${plural(count, 'row')}) is a copy of a training row`,
    'test-overlaps-train': `${rowsOfSide(count, p.evaluation.length, side)} ${count === 1 ? 'is a copy of a training row' : 'are copies of training rows'} (L1.1 from ${percent(TEST_OVERLAP_SHARE)} on)`,
  }[check];
  return [{
    rule: 'L1.1', severity: 'error', check, count, unit: 'rows', examples, fraction, columns: [...columns], remedy: TEST_IS_TRAIN_REMEDY,
    message: `leakage L1.1: ${what} ${idList(examples, count)}; ${TEST_IS_TRAIN_REMEDY}`,
    details: { trainRepeats: Number(trainRepeats.toFixed(6)) },
  }];
}
