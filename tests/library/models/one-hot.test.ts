import assert from 'node:assert/strict';
import { test } from 'node:test';
import { oneHot } from '../../../src/library/models/index';

test('oneHot: n x k targets with a 1 in each row\'s class column; a label outside 0..k-1 is refused', () => {
  assert.deepEqual(oneHot([2, 0], 3).to2DArray(), [[0, 0, 1], [1, 0, 0]]);
  assert.throws(() => oneHot([3], 3), /oneHot\(labels\[0\]\): expected an integer in 0\.\.2, got 3/);
});
