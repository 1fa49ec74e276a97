import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PaperlabError } from '../../../src/library/errors/index';
import { accuracy, confusionMatrix, f1, logLoss, mse, precision, psnr, r2, rocAuc, rocAucPerClass } from '../../../src/library/metrics/index';

/** Throws a PaperlabError whose message matches `re`. */
function rejects(fn: () => unknown, re: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof PaperlabError, `not a PaperlabError: ${String(e)}`);
    assert.match(e.message, re);
    return true;
  });
}

test('length mismatch names both arguments and the counts', () => {
  rejects(() => accuracy([0, 1, 1], [0, 1]), /^accuracy yPred: expected 3 values \(one per row, like yTrue\), got 2 values$/);
  rejects(() => mse([1, 2], [1, 2, 3]), /^mse yPred: expected 2 values/);
  rejects(() => f1([0, 1], [0, 1], { sampleWeight: [1] }), /^f1 sampleWeight: expected 2 values/);
  rejects(() => logLoss([0, 1, 1], [[0.2, 0.8], [0.3, 0.7]]), /^logLoss probs: expected 3 values \(one per row, like yTrue\), got 2 values$/);
  rejects(() => logLoss([0, 1], [0.2, 0.3, 0.5]), /^logLoss probs: expected n or n\*K values \(n=2 rows like yTrue, K columns, row-major\), got 3 values$/);
  rejects(() => rocAuc([0, 1], { shape: [3], dataSync: () => [1, 2, 3] }), /^rocAuc scores: expected 2 values/);
});

test('empty input is refused', () => {
  rejects(() => accuracy([], []), /^accuracy yTrue: expected at least one value, got an empty array; a metric of no rows is undefined$/);
  rejects(() => r2(new Float64Array(0), []), /^r2 yTrue: expected at least one value/);
});

test('labels must be integer codes within nClasses', () => {
  rejects(() => confusionMatrix([0, 3], [0, 1], { nClasses: 3 }), /^confusionMatrix yTrue\[1\]: expected an integer class label in 0\.\.2 \(nClasses=3\), got 3; code classes as 0\.\.K-1$/);
  rejects(() => accuracy([0, 1], [0, 1.5]), /^accuracy yPred\[1\]: expected an integer class label >= 0, got 1\.5/);
  rejects(() => accuracy([0, -1], [0, 1]), /^accuracy yTrue\[1\]: expected an integer class label >= 0, got -1/);
  rejects(() => rocAuc([0, 2], [0.1, 0.9]), /^rocAuc yTrue\[1\]: expected an integer class label in 0\.\.1 \(nClasses=2\), got 2/);
  rejects(() => logLoss([0, 3], [[0.5, 0.5, 0], [0.2, 0.3, 0.5]]), /^logLoss yTrue\[1\]: expected an integer class label in 0\.\.2 \(nClasses=3\), got 3/);
});

test('non-numbers, NaN and non-arrays are named with their position', () => {
  rejects(() => mse([1, NaN], [1, 2]), /^mse yTrue\[1\]: expected a finite number, got NaN$/);
  rejects(() => mse([1, 2], [1, '2' as unknown as number]), /^mse yPred\[1\]: expected a finite number, got "2"$/);
  rejects(() => mse(undefined as unknown as number[], [1]), /^mse yTrue: expected an array, a typed array or a tensor of numbers, got undefined$/);
  rejects(() => rocAuc([0, 1], [0.5, Infinity]), /^rocAuc scores\[1\]: expected a finite number, got Infinity$/);
  rejects(() => accuracy({ shape: [2, 2], dataSync: () => [0, 1, 0, 1] }, [0, 1]), /^accuracy yTrue: expected a tensor of shape \[n\] or \[n, 1\], got shape \[2, 2\]$/);
});

test('probabilities must lie in [0, 1] and rows must sum to 1', () => {
  rejects(() => logLoss([0, 1], [[0.6, 0.6], [0.5, 0.5]]), /^logLoss probs row 0: expected probabilities summing to 1 \(within 0\.00001\), got a sum of 1\.2; pass softmax outputs, or normalise each row$/);
  rejects(() => rocAuc([0, 1, 2], [[0.2, 0.3, 0.4], [0.1, 0.8, 0.1], [0, 0, 1]]), /^rocAuc scores row 0: expected probabilities summing to 1/);
  rejects(() => logLoss([0, 1], [-0.1, 1]), /^logLoss probs\[0\]: expected a probability in \[0, 1\], got -0\.1$/);
  rejects(() => logLoss([0, 1], [[0.5, 0.5], [1.5, -0.5]]), /^logLoss probs\[1\]\[0\]: expected a probability in \[0, 1\], got 1\.5$/);
  rejects(() => logLoss([0, 1], [[0.5, 0.5], [1]]), /^logLoss probs\[1\]: expected a row of 2 numbers like logLoss probs\[0\], got an array of 1$/);
  assert.ok(Number.isFinite(logLoss([0, 1], [[0.5, 0.500001], [0.2, 0.8]])), 'float32-level rounding is accepted');
  rejects(() => logLoss([0, 1], [[0.5, 0.5001], [0.2, 0.8]], { sumTolerance: 1e-6 }), /within 0\.000001/);
});

test('options are checked: average, nClasses, zeroDivision, weights, dataRange', () => {
  rejects(() => precision([0, 1, 2], [0, 1, 2]), /^precision average: expected 'micro', 'macro' or 'weighted' for more than two classes, got 'binary'; labels reach 2/);
  rejects(() => f1([0, 1], [0, 1], { average: 'samples' as never }), /^f1 average: expected 'binary', 'micro', 'macro' or 'weighted', got samples$/);
  rejects(() => f1([0, 1], [0, 1], { zeroDivision: 2 as never }), /^f1 zeroDivision: expected 'warn', 0 or 1, got 2$/);
  rejects(() => rocAuc([0, 1], [0, 1], { average: 'samples' as never }), /^rocAuc average: expected 'macro', 'weighted' or 'micro'/);
  rejects(() => logLoss([0, 1], [0.2, 0.7], { nClasses: 3 }), /^logLoss nClasses: expected 2 \(probs has 1 column\(s\) per row\), got 3; one probability per row means two classes$/);
  rejects(() => accuracy([0, 1], [0, 1], { sampleWeight: [1, -1] }), /^accuracy sampleWeight\[1\]: expected a weight >= 0, got -1$/);
  rejects(() => mse([0, 1], [0, 1], { sampleWeight: [0, 0] }), /^mse sampleWeight: expected weights with a positive sum, got all zero$/);
  rejects(() => psnr([0, 1], [0, 1], {} as never), /^psnr dataRange: expected a positive number \(1 for images in \[0, 1\], 255 for 8-bit\), got nothing$/);
  rejects(() => confusionMatrix([0], [0], { nClasses: 0 }), /^confusionMatrix nClasses: expected an integer >= 1, got 0$/);
});

test('ROC AUC without both classes (or a class of K) is refused, naming the class', () => {
  rejects(() => rocAuc([1, 1, 1], [0.2, 0.4, 0.9]), /^rocAuc yTrue: expected both positive and negative rows \(with weight > 0\), got only positive rows; ROC AUC is undefined for one class/);
  rejects(() => rocAuc([0, 1], [0.2, 0.4], { sampleWeight: [1, 0] }), /got only negative rows/);
  rejects(() => rocAuc([0, 0, 2], [[0.2, 0.3, 0.5], [0.1, 0.8, 0.1], [0, 0, 1]]), /^rocAuc yTrue: expected rows of every class 0\.\.2 \(scores has 3 columns\), got no rows of class 1/);
  rejects(() => rocAucPerClass([0, 1], [0.2, 0.4]), /^rocAucPerClass scores: expected K >= 3 probability columns, got 1 column\(s\); use rocAuc for binary labels$/);
});
