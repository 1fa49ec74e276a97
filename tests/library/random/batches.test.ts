import { test } from 'node:test';
import assert from 'node:assert/strict';
import { epochBatches, epochPermutation, rng } from '../../../src/library/random/index';

const sorted = (a: Int32Array): number[] => Array.from(a).sort((x, y) => x - y);
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

test('epochPermutation: a permutation of the samples, derived from rng("batches").child("epoch-<k>")', () => {
  const order = epochPermutation(100, 3, rng('batches', 9));
  assert.deepEqual(sorted(order), range(100));
  assert.deepEqual(Array.from(order), Array.from(rng('batches', 9).child('epoch-3').permutation(100)));
});

test('epochPermutation: epochs differ, and epoch k replays without drawing earlier epochs (resume at k)', () => {
  const s = rng('batches', 1);
  assert.notDeepEqual(Array.from(epochPermutation(50, 0, s)), Array.from(epochPermutation(50, 1, s)));
  const resumed = Array.from(epochPermutation(50, 7, rng('batches', 1)));
  for (let e = 0; e < 7; e++) epochPermutation(50, e, s);
  assert.deepEqual(Array.from(epochPermutation(50, 7, s)), resumed);
});

test('epochPermutation: the default stream is rng("batches") of the run', () => {
  assert.deepEqual(Array.from(epochPermutation(20, 2)), Array.from(epochPermutation(20, 2, rng('batches'))));
});

test('epochBatches: consecutive slices of the epoch order; last batch shorter unless dropLast', () => {
  const s = rng('batches', 2);
  const batches = epochBatches(10, 4, 0, { stream: s });
  assert.deepEqual(batches.map((b) => b.length), [4, 4, 2]);
  assert.deepEqual(batches.flatMap((b) => Array.from(b)), Array.from(epochPermutation(10, 0, s)));
  assert.deepEqual(epochBatches(10, 4, 0, { stream: s, dropLast: true }).map((b) => b.length), [4, 4]);
  assert.deepEqual(epochBatches(8, 4, 0, { stream: s, dropLast: true }).map((b) => b.length), [4, 4]);
  assert.deepEqual(epochBatches(0, 4, 0, { stream: s }), []);
});

test('bad input names the argument', () => {
  assert.throws(() => epochPermutation(10, -1), /epochPermutation\(epoch\): expected a non-negative integer, got -1/);
  assert.throws(() => epochPermutation(2.5, 0), /epochPermutation\(nSamples\): expected a non-negative integer, got 2\.5/);
  assert.throws(() => epochBatches(10, 0, 0), /epochBatches\(batchSize\): expected a positive integer, got 0/);
});
