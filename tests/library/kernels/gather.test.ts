import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { rng } from '../../../src/library/random/index';
import { normals, ours, reference } from './helpers';

// GatherV2 on wasm copies contiguous slices instead of tfjs-backend-wasm's per-element index
// arithmetic: bit-identical to tfjs-backend-cpu's own kernel on every shape and axis it takes, and
// the backend's own kernel (same answer or same error) for what it does not take.

const gathered = (x: tf.Tensor, ids: tf.Tensor, axis: number, batchDims = 0) => {
  const out = tf.gather(x, ids, axis, batchDims);
  const result = { shape: out.shape, dtype: out.dtype, values: Array.from(out.dataSync()) };
  out.dispose();
  return result;
};

test('gather on wasm is bit-identical to the cpu reference over shapes, axes (negative too), index ranks and dtypes', async () => {
  const r = rng('kernels-test', 41);
  for (let i = 0; i < 40; i++) {
    const rank = r.integer(1, 5);
    const shape = Array.from({ length: rank }, () => r.integer(1, 7));
    const axis = r.integer(-rank, rank);
    const axisSize = shape[axis < 0 ? axis + rank : axis]!;
    const idsShape = r.choice([[], [1], [5], [2, 3]], 1)[0];
    const ids = Int32Array.from({ length: idsShape.reduce((a, b) => a * b, 1) }, () => r.integer(0, axisSize));
    const dtype = i % 3 === 2 ? 'int32' : 'float32';
    const size = shape.reduce((a, b) => a * b, 1);
    const values = dtype === 'int32' ? Int32Array.from({ length: size }, () => r.integer(-100, 100)) : normals(r, size);
    const run = () => tf.tidy(() => gathered(tf.tensor(values, shape, dtype), tf.tensor(ids, idsShape, 'int32'), axis));
    const want = await reference(run);
    assert.deepEqual(await ours('wasm', run), want, `case ${i}: shape [${shape}], axis ${axis}, indices [${idsShape}], ${dtype}`);
  }
});

test('gather on wasm at an embedding-sized lookup (2,823 rows of 500) equals the cpu reference', async () => {
  const r = rng('kernels-test', 42);
  const table = normals(r, 3000 * 500);
  const ids = Int32Array.from({ length: 2823 }, () => r.integer(0, 3000));
  const run = () => tf.tidy(() => gathered(tf.tensor2d(table, [3000, 500]), tf.tensor1d(ids, 'int32'), 0));
  const want = await reference(run);
  assert.deepEqual(await ours('wasm', run), want);
});

test('gather with batchDims on wasm equals the cpu reference', async () => {
  const r = rng('kernels-test', 44);
  for (let i = 0; i < 20; i++) {
    const batchDims = r.integer(1, 3);
    const rank = r.integer(batchDims + 1, batchDims + 4);
    const shape = Array.from({ length: rank }, () => r.integer(1, 5));
    const axis = r.integer(batchDims, rank);
    const idsShape = [...shape.slice(0, batchDims), ...r.choice([[], [2], [2, 3]], 1)[0]];
    const ids = Int32Array.from({ length: idsShape.reduce((a, b) => a * b, 1) }, () => r.integer(0, shape[axis]!));
    const x = normals(r, shape.reduce((a, b) => a * b, 1));
    const run = () => tf.tidy(() => gathered(tf.tensor(x, shape), tf.tensor(ids, idsShape, 'int32'), axis, batchDims));
    assert.deepEqual(await ours('wasm', run), await reference(run), `case ${i}: shape [${shape}], axis ${axis}, indices [${idsShape}], batchDims ${batchDims}`);
  }
});

// (tf.gather itself refuses non-int32 indices, so they never reach a kernel.)
test('out-of-range indices go to the backend kernel: its own answer, never our copy reading past x', async () => {
  const r = rng('kernels-test', 43);
  const x = normals(r, 12);
  await ours('wasm', () => undefined);
  const xt = tf.tensor2d(x, [3, 4]);
  const bad = tf.tensor1d([0, 7], 'int32');
  const viaOurs = (() => { try { return { values: Array.from(tf.gather(xt, bad).dataSync()) }; } catch (e) { return { error: String(e) }; } })();
  const { unregisterTrainingKernels, registerTrainingKernels } = await import('../../../src/library/kernels/index');
  unregisterTrainingKernels();
  const viaWasm = (() => { try { return { values: Array.from(tf.gather(xt, bad).dataSync()) }; } catch (e) { return { error: String(e) }; } })();
  registerTrainingKernels();
  assert.deepEqual(viaOurs, viaWasm);
  tf.dispose([xt, bad]);
});
