import assert from 'node:assert/strict';
import { test } from 'node:test';
import { takeRows } from '../../../src/library/data/index';
import { featureTable, rowMatrix, valuesAt } from '../../../src/library/leakage/index';

test('featureTable, takeRows and rowMatrix keep rows and columns in place', () => {
  const t = featureTable([1, 2, 3, 4, 5, 6], 3, [0, 1], ['a', 'b', 'c']);
  assert.deepEqual(Object.keys(t.columns), ['a', 'b', 'c', 'label']);
  assert.deepEqual(Array.from(rowMatrix(t, ['c', 'a'], [1, 0])), [6, 4, 3, 1]);
  const u = takeRows(t, [1, 1, 0]);
  assert.deepEqual(Array.from(u.columns.b as Float64Array), [5, 5, 2]);
  assert.throws(() => takeRows(t, [2]), /takeRows\(ids\)\[0\]: expected a row id in \[0, 2\)/);
});

test('valuesAt reads a numeric column at the given rows', () => {
  const t = featureTable([1, 2, 3, 4], 2, [0, 1], ['a', 'b']);
  assert.deepEqual(Array.from(valuesAt(t, 'b', [1, 0, 1])), [4, 2, 4]);
});
