import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { relativeError } from '../../../src/library/kernels/index';
import { rng } from '../../../src/library/random/index';
import { normals, ours, reference } from './helpers';
import { nativeOrSkip } from './native-path';

// The native path's Sum (float64 over a leading or trailing block of axes) against
// tfjs-backend-cpu's own, bit for bit: ranks 1-4, keepDims, the benchmark CNN's bias gradients;
// other axes fall back to tfjs-backend-wasm's own Sum.

interface Case { shape: number[]; axis: number | number[]; keepDims: boolean }

const CASES: Case[] = [
  { shape: [64, 28, 28, 32], axis: [0, 1, 2], keepDims: false },
  { shape: [64, 14, 14, 64], axis: [0, 1, 2], keepDims: false },
  { shape: [128, 256], axis: 0, keepDims: false },
  { shape: [7], axis: 0, keepDims: true },
  { shape: [5, 9], axis: -1, keepDims: false },
  { shape: [3, 4, 6], axis: [1, 2], keepDims: true },
  { shape: [3, 4, 6, 2], axis: [0, 1, 2, 3], keepDims: false },
  { shape: [3, 4, 6, 2], axis: [-4, -3], keepDims: true },
  { shape: [200, 130], axis: [0], keepDims: false },
];

function sumOf(c: Case, seed: number): () => { values: number[]; shape: number[] } {
  return () => tf.tidy(() => {
    const x = tf.tensor(normals(rng('native-sum', seed), c.shape.reduce((a, b) => a * b, 1)), c.shape);
    const s = tf.sum(x, c.axis, c.keepDims);
    return { values: Array.from(s.dataSync()), shape: s.shape };
  });
}

test('native Sum over leading or trailing axes is bit-identical to the cpu reference', async (t) => {
  if (!nativeOrSkip(t)) return;
  for (const [i, c] of CASES.entries()) {
    const want = await reference(sumOf(c, i));
    assert.deepEqual(await ours('wasm', sumOf(c, i)), want, JSON.stringify(c));
  }
});

test('a bias gradient on the native path is bit-identical to the cpu reference', async (t) => {
  if (!nativeOrSkip(t)) return;
  const run = () => tf.tidy(() => {
    const r = rng('native-sum-bias', 1);
    const h = tf.tensor4d(normals(r, 4 * 9 * 9 * 16), [4, 9, 9, 16]);
    const g = tf.tensor4d(normals(r, 4 * 9 * 9 * 16), [4, 9, 9, 16]);
    return Array.from(tf.grad((b: tf.Tensor) => tf.sum(tf.mul(tf.add(h, b), g)))(tf.zeros([16])).dataSync());
  });
  assert.deepEqual(await ours('wasm', run), await reference(run));
});

test('Sum over middle axes or int32 falls back to the wasm kernel, within float32 rounding', async (t) => {
  if (!nativeOrSkip(t)) return;
  const c: Case = { shape: [3, 40, 50, 2], axis: [1, 2], keepDims: false };
  const want = await reference(sumOf(c, 1));
  const got = await ours('wasm', sumOf(c, 1));
  assert.deepEqual(got.shape, want.shape);
  assert.ok(relativeError(got.values, want.values) <= 1e-5);
  const ints = () => tf.tidy(() => Array.from(tf.sum(tf.tensor2d([[1, 2], [3, 4]], [2, 2], 'int32'), 0).dataSync()));
  assert.deepEqual(await ours('wasm', ints), [4, 6]);
});
