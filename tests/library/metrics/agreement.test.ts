import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PaperlabError } from '../../../src/library/errors/index';
import { balancedAccuracy, matthewsCorrcoef } from '../../../src/library/metrics/index';
import { assertClose, caseRng, imbalancedLabels, noisyCopy, randomWeights, sklearn, value } from './helpers';

interface Case {
  yTrue: number[];
  yPred: number[];
  w?: number[];
  adjusted: boolean;
}

// Random cases: 1 to 1000 rows, 2 to 10 classes, imbalance, constant / perfect / noisy / inverted
// predictions, predicted classes that never occur in yTrue, weights with zeros.
const r = caseRng('agreement');
const SIZES = [1, 2, 3, 7, 8, 9, 20, 129, 300, 1000];
const cases: Case[] = [];
for (let i = 0; i < 400; i++) {
  const k = i % 4 === 0 ? 2 : r.integer(2, 11);
  const n = r.uniform() < 0.5 ? SIZES[r.integer(0, SIZES.length)]! : r.integer(1, 400);
  const yTrue = imbalancedLabels(r, n, k, [1, 0.6, 0.2][r.integer(0, 3)]!);
  const kind = r.integer(0, 7);
  const yPred = kind === 0 ? yTrue.map(() => i % k)
    : kind === 1 ? yTrue.slice()
      : kind === 2 ? yTrue.map((v) => k - 1 - v)
        : kind === 3 ? noisyCopy(r, yTrue, k + 2, r.uniform(0, 1)) // classes k, k+1 only predicted
          : noisyCopy(r, yTrue, k, r.uniform(0, 1));
  cases.push({ yTrue, yPred, w: r.uniform() < 0.3 ? randomWeights(r, n) : undefined, adjusted: i % 2 === 1 });
}
cases.push(
  { yTrue: [0, 0, 0], yPred: [0, 0, 0], adjusted: true }, // one class: adjusted is 0/0
  { yTrue: [1, 1, 1, 1], yPred: [1, 0, 1, 1], adjusted: true }, // one true class: adjusted is -inf
  { yTrue: [0, 1, 0, 1], yPred: [1, 0, 1, 0], adjusted: false },
  { yTrue: [0, 1, 2, 2], yPred: [0, 1, 2, 2], adjusted: false, w: [0, 1, 1, 1] }, // class 0 weighs 0
);
const oracle = sklearn([
  ...cases.map((c) => ({ fn: 'balancedAccuracy', yTrue: c.yTrue, yPred: c.yPred, w: c.w, adjusted: c.adjusted })),
  ...cases.map((c) => ({ fn: 'mcc', yTrue: c.yTrue, yPred: c.yPred, w: c.w })),
]);
const N = cases.length;
const what = (c: Case, i: number) => `case ${i} (n=${c.yTrue.length}, classes ${Math.max(...c.yTrue, ...c.yPred) + 1}, weights ${c.w !== undefined}, adjusted ${c.adjusted})`;

test('balancedAccuracy equals sklearn balanced_accuracy_score, adjusted or not (weights, classes only predicted)', () => {
  let exact = 0;
  cases.forEach((c, i) => {
    const ours = balancedAccuracy(c.yTrue, c.yPred, { sampleWeight: c.w, adjusted: c.adjusted });
    const theirs = value(oracle[i]!, what(c, i));
    assertClose(ours, theirs, `balancedAccuracy ${what(c, i)}`);
    if (Object.is(ours, theirs) || (Number.isNaN(ours) && theirs === 'nan') || (ours === -Infinity && theirs === '-inf')) exact++;
  });
  assert.ok(exact >= N - 2, `identical bits on ${exact} of ${N}`);
});

test('matthewsCorrcoef equals sklearn matthews_corrcoef, binary and multiclass (weights, constant predictions give 0)', () => {
  let exact = 0;
  let unweighted = 0;
  cases.forEach((c, i) => {
    const ours = matthewsCorrcoef(c.yTrue, c.yPred, { sampleWeight: c.w });
    const theirs = value(oracle[N + i]!, what(c, i));
    assertClose(ours, theirs, `matthewsCorrcoef ${what(c, i)}`);
    if (c.w === undefined) {
      unweighted++;
      assert.ok(Object.is(ours, theirs), `unweighted counts are exact: ${what(c, i)} ours ${ours}, sklearn ${theirs}`);
    }
    if (Object.is(ours, theirs)) exact++;
  });
  assert.ok(unweighted > 200 && exact >= unweighted, `identical bits on ${exact} of ${N}`);
});

test('balancedAccuracy and matthewsCorrcoef: known values and checked input', () => {
  assert.equal(balancedAccuracy([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1]), 0.625); // sklearn's docstring example
  assert.equal(balancedAccuracy([0, 1, 2], [0, 1, 2], { adjusted: true }), 1);
  assert.equal(matthewsCorrcoef([1, 1, 1, 0], [1, 0, 1, 1]), -1 / 3); // sklearn's docstring: -0.33...
  assert.equal(matthewsCorrcoef([0, 1, 2], [0, 0, 0]), 0);
  assert.throws(() => balancedAccuracy([0, 1], [0, 1], { adjusted: 'yes' as never }), (e: unknown) => e instanceof PaperlabError && /^balancedAccuracy adjusted: expected true or false, got yes$/.test(e.message));
  assert.throws(() => matthewsCorrcoef([0, 1], [0]), /^PaperlabError: matthewsCorrcoef yPred: expected 2 values \(one per row, like yTrue\), got 1 values$/);
  assert.throws(() => matthewsCorrcoef([0, 0.5], [0, 1]), /^PaperlabError: matthewsCorrcoef yTrue\[1\]: expected an integer class label >= 0, got 0\.5/);
});
