import { checkParts, mask, type Parts } from './parts';
import { evalName, idList, MAX_EXAMPLES, plural } from './message';
import type { Finding } from './types';

/**
 * L1.1, no held-out test set (Kapoor & Narayanan 2023): the test part is empty, or evaluation
 * rows are also training rows (the same row ids on both sides). Error when found.
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
  if (count === 0) return [];
  const side = evalName(p.validation.length > 0);
  // every distinct evaluation row is a training row: the "test set" is (part of) the training set
  const isEval = mask(p.evaluation, nRows);
  let distinct = 0;
  for (let r = 0; r < nRows; r++) distinct += isEval[r]!;
  const all = count === distinct;
  return [{
    rule: 'L1.1', severity: 'error', check: all ? 'test-is-train' : 'row-overlap', count, unit: 'rows', examples: ex,
    message: all
      ? `leakage L1.1: every ${side} row is also a training row ${idList(ex, count)}; evaluate on rows the model never trained on`
      : `leakage L1.1: ${plural(count, `${side} row`)} ${count === 1 ? 'is' : 'are'} also in train ${idList(ex, count)}; make the parts disjoint`,
  }];
}
