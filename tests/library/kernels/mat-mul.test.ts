import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { KERNEL_ERROR_BOUNDS, relativeError } from '../../../src/library/kernels/index';
import { rng } from '../../../src/library/random/index';
import { normals, ours, reference, valuesOf } from './helpers';

// wasm BatchMatMul with transpose flags (rewritten as Transpose + flag-free product) against
// tfjs-backend-cpu's own BatchMatMul, for every flag combination, rank 2 and 3, batch 1 and more.

interface Case { m: number; k: number; n: number; batch: number[]; transposeA: boolean; transposeB: boolean }

function shapes(c: Case): { a: number[]; b: number[] } {
  return {
    a: [...c.batch, ...(c.transposeA ? [c.k, c.m] : [c.m, c.k])],
    b: [...c.batch, ...(c.transposeB ? [c.n, c.k] : [c.k, c.n])],
  };
}

test('BatchMatMul on wasm with transposeA/transposeB matches the cpu reference within its bound', async () => {
  const r = rng('kernels-test', 21);
  for (let i = 0; i < 24; i++) {
    const c: Case = {
      m: r.integer(1, 40), k: r.integer(1, 300), n: r.integer(1, 40),
      batch: r.choice([[], [1], [3], [2, 1]], 1)[0], transposeA: i % 2 === 1, transposeB: (i >> 1) % 2 === 1,
    };
    const s = shapes(c);
    const a = normals(r, s.a.reduce((p, q) => p * q, 1));
    const b = normals(r, s.b.reduce((p, q) => p * q, 1));
    const run = () => valuesOf([tf.matMul(tf.tensor(a, s.a), tf.tensor(b, s.b), c.transposeA, c.transposeB)])[0];
    const want = await reference(run);
    const got = await ours('wasm', run);
    const err = relativeError(got, want);
    assert.ok(err <= KERNEL_ERROR_BOUNDS['wasm/BatchMatMul'], `${JSON.stringify(c)}: relative error ${err}`);
  }
});

test('dense layer forward and gradients on wasm match the cpu reference', async () => {
  const r = rng('kernels-test', 22);
  const x = normals(r, 32 * 100);
  const w = normals(r, 100 * 20);
  const g = normals(r, 32 * 20);
  const run = () => tf.tidy(() => {
    const f = (xt: tf.Tensor, wt: tf.Tensor) => tf.sum(tf.mul(tf.relu(tf.matMul(xt as tf.Tensor2D, wt as tf.Tensor2D)), tf.tensor2d(g, [32, 20])));
    const { value, grads } = tf.valueAndGrads(f)([tf.tensor2d(x, [32, 100]), tf.tensor2d(w, [100, 20])]);
    return valuesOf([value, ...grads]);
  });
  const want = await reference(run);
  const got = await ours('wasm', run);
  ['loss', 'dx', 'dw'].forEach((what, i) => {
    const err = relativeError(got[i], want[i]);
    assert.ok(err <= KERNEL_ERROR_BOUNDS['wasm/BatchMatMul'], `${what}: relative error ${err}`);
  });
});
