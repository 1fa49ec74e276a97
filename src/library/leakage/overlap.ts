import { checkParts, mask, type CheckedParts, type Parts } from './parts';
import { evalName, idList, MAX_EXAMPLES, plural } from './message';
import type { Finding } from './types';

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
  return [{
    rule: 'L1.1', severity: 'error', check: 'test-in-validation', count, unit: 'rows', examples: ex,
    message: `leakage L1.1: ${plural(count, 'test row')} ${count === 1 ? 'is also a validation row' : 'are also validation rows'} ${idList(ex, count)}, so the test set took part in tuning; keep the test part out of validation`,
  }];
}

/**
 * L1.1, no held-out test set (Kapoor & Narayanan 2023): the test part is empty, evaluation
 * rows are also training rows (the same row ids on both sides), or test rows are also validation
 * rows (the test set was used for model selection). Error when found.
 */
export function checkOverlap(nRows: number, parts: Parts, maxExamples = MAX_EXAMPLES): Finding[] {
  const p = checkParts(parts, nRows, 'checkOverlap(parts)');
  if (p.test.length === 0) {
    return [{
      rule: 'L1.1', severity: 'error', check: 'no-test-set', count: 0, unit: 'rows', examples: [],
      message: 'leakage L1.1: the test part is empty, so there is no held-out evaluation; hold out a test set before training',
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
  return [...tuning, {
    rule: 'L1.1', severity: 'error', check: all ? 'test-is-train' : 'row-overlap', count, unit: 'rows', examples: ex,
    message: all
      ? `leakage L1.1: every ${side} row is also a training row ${idList(ex, count)}; evaluate on rows the model never trained on`
      : `leakage L1.1: ${plural(count, `${side} row`)} ${count === 1 ? 'is' : 'are'} also in train ${idList(ex, count)}; make the parts disjoint`,
  }];
}
