import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { rng } from '../../../src/library/random/index';
import { normals, ours, reference, valuesOf } from './helpers';

// UnsortedSegmentSum (the gradient of gather) on wasm (absent from the wasm backend) and cpu
// (one pass instead of one pass per segment): bit-identical to tfjs-backend-cpu's own kernel.

test('UnsortedSegmentSum on cpu and wasm is bit-identical to the cpu reference (ids out of range dropped)', async () => {
  const r = rng('kernels-test', 31);
  for (let i = 0; i < 12; i++) {
    const numSegments = r.integer(1, 30);
    const rows = r.integer(1, 50);
    const inner = r.choice([[], [1], [7], [3, 4]], 1)[0];
    const ids = Int32Array.from({ length: rows }, () => r.integer(-2, numSegments + 3));
    const dtype = i % 4 === 3 ? 'int32' : 'float32';
    const size = rows * inner.reduce((a, b) => a * b, 1);
    const x = dtype === 'int32' ? Int32Array.from({ length: size }, () => r.integer(-100, 100)) : normals(r, size);
    const run = () => {
      const out = tf.unsortedSegmentSum(tf.tensor(x, [rows, ...inner], dtype), tf.tensor1d(ids, 'int32'), numSegments);
      const result = { shape: out.shape, values: Array.from(out.dataSync()) };
      out.dispose();
      return result;
    };
    const want = await reference(run);
    for (const backend of ['cpu', 'wasm'] as const) {
      assert.deepEqual(await ours(backend, run), want, `${backend}: case ${i} (${dtype}, ${rows} rows, inner [${inner}], ${numSegments} segments)`);
    }
  }
});

test('gather (embedding lookup) gradient on wasm and cpu equals the cpu reference', async () => {
  const r = rng('kernels-test', 32);
  const table = normals(r, 50 * 8);
  const ids = Int32Array.from({ length: 6 * 5 }, () => r.integer(0, 50));
  const g = normals(r, 6 * 5 * 8);
  const run = () => tf.tidy(() => {
    const f = (t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, tf.tensor2d(ids, [6, 5], 'int32')), tf.tensor3d(g, [6, 5, 8])));
    return valuesOf([tf.grad(f)(tf.tensor2d(table, [50, 8]))])[0];
  });
  const want = await reference(run);
  for (const backend of ['cpu', 'wasm'] as const) {
    assert.deepEqual(Array.from(await ours(backend, run)), Array.from(want), backend);
  }
});

test('bad UnsortedSegmentSum input is named', async () => {
  await ours('wasm', () => undefined);
  const x = tf.zeros([4, 2]);
  assert.throws(() => tf.engine().runKernel('UnsortedSegmentSum', { x, segmentIds: tf.tensor1d([0, 1, 2], 'int32') }, { numSegments: 3 }),
    /UnsortedSegmentSum \(wasm\) segmentIds: expected a shape that starts x's shape \[4, 2\], got \[3\]/);
  x.dispose();
});
