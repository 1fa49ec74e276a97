import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDataset, countClasses, type Dataset, headRows, takeRows } from '../../../src/library/data/index';

const toy = (): Dataset => ({
  name: 'toy', x: Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7]), shape: [4, 2], y: Int32Array.from([0, 1, 1, 2]),
  task: 'classification', nClasses: 3, classCounts: [1, 2, 1], source: 'test', licence: 'CC0-1.0',
});

test('countClasses counts ids and refuses one out of range', () => {
  assert.deepEqual(countClasses(Int32Array.from([2, 0, 2]), 3), [1, 0, 2]);
  assert.throws(() => countClasses(Int32Array.from([0, 3]), 3), /countClasses\(y\)\[1\]: expected a class id in 0\.\.2, got 3/);
});

test('checkDataset passes a consistent set and names the mismatching field', () => {
  assert.equal(checkDataset(toy(), { nRows: 4, featureShape: [2], classCounts: [1, 2, 1] }).name, 'toy');
  assert.throws(() => checkDataset(toy(), { nRows: 5 }), /dataset toy: rows: expected 5, got 4/);
  assert.throws(() => checkDataset(toy(), { featureShape: [1, 2] }), /dataset toy: featureShape: expected \[1, 2\], got \[2\]/);
  assert.throws(() => checkDataset(toy(), { classCounts: [2, 1, 1] }), (e: Error) => {
    assert.match(e.message, /dataset toy: classCounts: expected \[2, 1, 1\], got \[1, 2, 1\]; the copy at test is not the data set paperlab knows/);
    assert.equal((e as { code?: string }).code, 'dataset-mismatch');
    return true;
  });
  assert.throws(() => checkDataset({ ...toy(), x: new Float32Array(7) }), /dataset toy: x\.length: expected 4 x 2 = 8, got 7/);
  assert.throws(() => checkDataset({ ...toy(), classCounts: [4, 0, 0] }), /classCounts: expected \[1, 2, 1\] \(counted in y\), got \[4, 0, 0\]/);
});

test('headRows and takeRows keep rows intact and recount classes', () => {
  const h = headRows(toy(), 2);
  assert.deepEqual(h.shape, [2, 2]);
  assert.deepEqual(Array.from(h.x), [0, 1, 2, 3]);
  assert.deepEqual(h.classCounts, [1, 1, 0]);
  const t = takeRows(toy(), [3, 0]);
  assert.deepEqual(Array.from(t.x), [6, 7, 0, 1]);
  assert.deepEqual(Array.from(t.y), [2, 0]);
  assert.deepEqual(t.classCounts, [1, 0, 1]);
  assert.throws(() => takeRows(toy(), [4]), /takeRows\(toy, indices\[0\]\): expected a row index in 0\.\.3, got 4/);
});
