import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkOverlap, checkParts } from '../../../src/library/leakage/index';

test('L1.1: evaluation rows that are also training rows are an error, with count and ids', () => {
  const f = checkOverlap(10, { train: [0, 1, 2, 3, 4, 5, 6], test: [5, 6, 7, 8, 9] });
  assert.equal(f.length, 1);
  assert.equal(f[0]!.rule, 'L1.1');
  assert.equal(f[0]!.severity, 'error');
  assert.equal(f[0]!.count, 2);
  assert.deepEqual(f[0]!.examples, [5, 6]);
  assert.match(f[0]!.message, /^leakage L1\.1: 2 test rows \(40\.0 % of the test set\) are also in train \(ids 5, 6\); make the parts disjoint$/);
  assert.deepEqual([f[0]!.fraction, f[0]!.remedy], [0.4, 'make the parts disjoint']);
});

test('L1.1: testing on the training set itself is named as such', () => {
  const all = Array.from({ length: 8 }, (_, i) => i);
  const f = checkOverlap(8, { train: all, test: [1, 2, 3, 4, 5, 6, 7] }, 3);
  assert.equal(f[0]!.check, 'test-is-train');
  assert.match(f[0]!.message, /every test row is also a training row \(ids 1, 2, 3, …\); the test set is \(part of\) the training set: evaluate on rows the model never saw$/);
});

test('L1.1: an empty test part means no held-out set', () => {
  const f = checkOverlap(4, { train: [0, 1, 2, 3], test: [] });
  assert.equal(f[0]!.check, 'no-test-set');
  assert.match(f[0]!.message, /test part is empty/);
});

test('L1.1: validation rows count as evaluation rows', () => {
  const f = checkOverlap(6, { train: [0, 1, 2], test: [3, 4], validation: [2, 5] });
  assert.equal(f[0]!.count, 1);
  assert.match(f[0]!.message, /1 test\/validation row \(25\.0 % of the test\/validation set\) is also in train \(ids 2\)/);
});

test('L1.1: test rows reused as validation rows (tuning on the test set) are an error', () => {
  const f = checkOverlap(8, { train: [0, 1, 2, 3], test: [4, 5, 6], validation: [6, 7] });
  assert.deepEqual(f.map((x) => [x.check, x.count]), [['test-in-validation', 1]]);
  assert.match(f[0]!.message, /^leakage L1\.1: 1 test row \(33\.3 % of the test set\) is also a validation row \(ids 6\), so the test set took part in tuning/);
  assert.deepEqual(checkOverlap(8, { train: [0, 1, 2, 3], test: [4, 5], validation: [6, 7] }), []);
});

test('L1.1: disjoint parts are not flagged', () => {
  assert.deepEqual(checkOverlap(10, { train: [0, 2, 4, 6, 8], test: [1, 3, 5, 7, 9] }), []);
});

test('bad parts name the argument, the index and the rule', () => {
  assert.throws(() => checkOverlap(5, { train: [0, 1], test: [2, 7] }), /checkOverlap\(parts\)\.test\[1\]: expected an integer row id in \[0, 5\), got 7/);
  assert.throws(() => checkOverlap(5, { train: [0, 1.5], test: [2] }), /checkOverlap\(parts\)\.train\[1\]: expected an integer row id/);
  assert.throws(() => checkParts({ train: [0] } as never, 3), /parts\.test: expected an array of row ids, got undefined/);
});
