import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { rng } from '../../../src/library/random/index';
import { normals, ours, reference, valuesOf } from './helpers';

// MaxPoolGrad on wasm and cpu against tfjs-backend-cpu's own, through the gradient of maxPool:
// random NHWC shapes, window 1-3, stride 1-3 (so overlapping windows too), 'same' and 'valid'.

test('maxPool gradient on wasm and cpu is bit-identical to the cpu reference', async () => {
  const r = rng('kernels-test', 51);
  for (let i = 0; i < 16; i++) {
    const shape: [number, number, number, number] = [r.integer(1, 4), r.integer(3, 11), r.integer(3, 11), r.integer(1, 6)];
    const size: [number, number] = [r.integer(1, 4), r.integer(1, 4)];
    const strides: [number, number] = [r.integer(1, 4), r.integer(1, 4)];
    const pad = r.choice(['same', 'valid'] as const, 1)[0];
    const n = shape.reduce((a, b) => a * b, 1);
    // Ties (rounded values) check that the first maximum in window order wins.
    const x = normals(r, n).map((v) => (i % 2 ? Math.round(v) : v));
    const outShape = tf.backend_util.computePool2DInfo(shape, size, strides, 1, pad).outShape;
    const g = normals(r, outShape.reduce((a, b) => a * b, 1));
    const run = () => tf.tidy(() => {
      const f = (t: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(t as tf.Tensor4D, size, strides, pad), tf.tensor(g, outShape)));
      return Array.from(valuesOf([tf.grad(f)(tf.tensor4d(x, shape))])[0]);
    });
    const want = await reference(run);
    for (const backend of ['cpu', 'wasm'] as const) {
      assert.deepEqual(await ours(backend, run), want, `${backend}: x=[${shape}] window=[${size}] strides=[${strides}] pad=${pad}`);
    }
  }
});
