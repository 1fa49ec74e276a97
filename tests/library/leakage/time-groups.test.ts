import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkGroups, checkTemporal, samplingBiasQuestion } from '../../../src/library/leakage/index';

test('L3.1: evaluation rows earlier than the latest training row are an error', () => {
  const t = { columns: { day: [1, 2, 3, 4, 5, 6, 7, 8] } };
  const f = checkTemporal(t, { train: [0, 1, 2, 6], test: [3, 4, 5, 7] }, 'day');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.rule, 'L3.1');
  assert.equal(f[0]!.count, 3);
  assert.deepEqual(f[0]!.examples, [3, 4, 5]);
  assert.match(f[0]!.message, /^leakage L3\.1: 3 test rows \(75\.0 % of the test set\) are earlier than the latest training row \('day': train ends at 7, test starts at 4\) \(ids 3, 4, 5\); split by time/);
});

test('L3.1: a forward split is clean (ties at the boundary are not leakage); ISO dates parse', () => {
  const t = { columns: { day: [1, 2, 3, 3, 5, 6] } };
  assert.deepEqual(checkTemporal(t, { train: [0, 1, 2], test: [3, 4, 5] }, 'day'), []);
  const d = { columns: { date: ['2020-01-01', '2020-02-01', '2019-12-31', '2020-03-01'] } };
  assert.deepEqual(checkTemporal(d, { train: [0, 1], test: [3] }, 'date'), []);
  const f = checkTemporal(d, { train: [0, 1], test: [2, 3] }, 'date');
  assert.match(f[0]!.message, /train ends at 2020-02-01, test starts at 2019-12-31/);
});

test('L3.1: bad time values name the column and row', () => {
  assert.throws(() => checkTemporal({ columns: { date: ['2020-01-01', 'soon'] } }, { train: [0], test: [1] }, 'date'),
    /checkTemporal\(timeColumn\) 'date'\[1\]: expected a date string Date\.parse reads \(ISO 8601\), got soon/);
  assert.throws(() => checkTemporal({ columns: { t: [1, NaN] } }, { train: [0], test: [1] }, 't'), /'t'\[1\]: expected a time/);
  assert.throws(() => checkTemporal({ columns: { t: [1, 2] } }, { train: [0], test: [1] }, 'time'), /checkTemporal\(timeColumn\): expected a column of the table \(t\), got time/);
});

test('L3.2: a unit id on both sides is an error with group and row counts', () => {
  const t = { columns: { patient: ['p1', 'p1', 'p2', 'p2', 'p3', 'p3', 'p4'] } };
  const f = checkGroups(t, { train: [0, 2, 4], test: [1, 3, 6] }, 'patient');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.rule, 'L3.2');
  assert.equal(f[0]!.count, 2);
  assert.equal(f[0]!.details!.evaluationRows, 2);
  assert.match(f[0]!.message, /^leakage L3\.2: 2 'patient' groups \(e\.g\. p1, p2\) have rows in both train and test, 2 test rows \(66\.7 % of the test set\) \(ids 1, 3\); split by 'patient' \(group k-fold\)$/);
  assert.deepEqual([f[0]!.fraction, f[0]!.columns, f[0]!.remedy], [2 / 3, ['patient'], "split by 'patient' (group k-fold)"]);
});

test('L3.2: disjoint groups are clean, numeric ids too (dense and sparse)', () => {
  const dense = { columns: { g: [0, 0, 1, 1, 2, 2] } };
  assert.deepEqual(checkGroups(dense, { train: [0, 1, 2, 3], test: [4, 5] }, 'g'), []);
  const sparse = { columns: { g: [1e12, 1e12, 7.5, 7.5] } };
  assert.deepEqual(checkGroups(sparse, { train: [0, 1], test: [2, 3] }, 'g'), []);
  assert.equal(checkGroups(sparse, { train: [0, 2], test: [1, 3] }, 'g')[0]!.count, 2);
  assert.throws(() => checkGroups({ columns: { g: [1, NaN] } }, { train: [0], test: [1] }, 'g'), /checkGroups\(groupColumn\) 'g'\[1\]: expected a group id/);
});

test('L3.3: sampling bias is asked as a question, never an error', () => {
  const q = samplingBiasQuestion('adult ICU patients in 2015-2019');
  assert.equal(q.severity, 'question');
  assert.equal(q.rule, 'L3.3');
  assert.match(q.message, /^leakage L3\.3: is the test set drawn from the population the claim is about \(adult ICU patients in 2015-2019\)/);
});
