import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { installedTrainingKernels } from '../../../src/library/kernels/index';
import { rng } from '../../../src/library/random/index';
import { kernelValues, normals, ours, reference } from './helpers';
import { nativeOrSkip } from './native-path';

// The native path's MaxPool, AvgPool, MaxPoolGrad and AvgPoolGrad (C++ loops on the wasm heap)
// against tfjs-backend-cpu's own kernels, bit for bit: random NHWC shapes, windows 1-4, strides
// 1-3 (overlapping windows too), 'same'/'valid'/explicit padding, every dimRoundingMode, ties,
// NaN and -Infinity, and the benchmark CNN's pools.

type Pad = 'same' | 'valid' | number;
interface Case { x: [number, number, number, number]; size: [number, number]; strides: [number, number]; pad: Pad; dimRoundingMode?: 'floor' | 'round' | 'ceil' }

function randomCases(n: number): Case[] {
  const r = rng('native-pool-cases', 1);
  const out: Case[] = [];
  for (let i = 0; i < n; i++) {
    const size: [number, number] = [r.integer(1, 5), r.integer(1, 5)];
    const pad: Pad = (['same', 'valid', r.integer(0, Math.min(size[0], size[1]))] as Pad[])[i % 3]!;
    out.push({
      x: [r.integer(1, 4), r.integer(4, 12), r.integer(4, 12), r.integer(1, 9)], size, strides: [r.integer(1, 4), r.integer(1, 4)], pad,
      dimRoundingMode: typeof pad === 'number' ? (['floor', 'round', 'ceil'] as const)[i % 3] : undefined,
    });
  }
  return out;
}

const BENCH_CNN: Case[] = [
  { x: [64, 28, 28, 32], size: [2, 2], strides: [2, 2], pad: 'valid' },
  { x: [64, 14, 14, 64], size: [2, 2], strides: [2, 2], pad: 'valid' },
];

/** Input values: normals, or (every other case) small integers so windows hold ties, with NaN and -Infinity sprinkled in. */
function inputOf(c: Case, seed: number): Float32Array {
  const r = rng('native-pool', seed);
  const x = normals(r, c.x.reduce((a, b) => a * b, 1));
  if (seed % 2 === 0) return x;
  return x.map((v, i) => (i % 97 === 5 ? NaN : i % 89 === 7 ? -Infinity : Math.round(v)));
}

function allPasses(c: Case, seed: number): () => number[][] {
  return () => {
    const x = tf.tensor4d(inputOf(c, seed), c.x);
    const attrs = { filterSize: c.size, strides: c.strides, pad: c.pad, dimRoundingMode: c.dimRoundingMode };
    const out = tf.backend_util.computePool2DInfo(c.x, c.size, c.strides, 1, c.pad, c.dimRoundingMode).outShape;
    const dy = tf.tensor4d(normals(rng('native-pool-dy', seed), out.reduce((a, b) => a * b, 1)), out);
    const maxOut = tf.engine().runKernel('MaxPool', { x }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
    const values = [
      kernelValues('MaxPool', { x }, attrs),
      kernelValues('AvgPool', { x }, attrs),
      kernelValues('MaxPoolGrad', { dy, input: x, output: maxOut }, attrs),
      kernelValues('AvgPoolGrad', { dy, input: x }, attrs),
    ];
    tf.dispose([x, dy, maxOut]);
    return values.map((v) => Array.from(v));
  };
}

const NAMES = ['MaxPool', 'AvgPool', 'MaxPoolGrad', 'AvgPoolGrad'];

// tfjs-backend-cpu's AvgPoolGrad computes its geometry without dimRoundingMode: where rounding
// changes the output shape, it reads dy through a shape dy does not have (the native kernel uses
// dy's own), so there is no reference to match.
function cpuAvgPoolGradReadsDy(c: Case): boolean {
  const withRounding = tf.backend_util.computePool2DInfo(c.x, c.size, c.strides, 1, c.pad, c.dimRoundingMode).outShape;
  return tf.util.arraysEqual(withRounding, tf.backend_util.computePool2DInfo(c.x, c.size, c.strides, 1, c.pad).outShape);
}

test('native pooling takes the wasm slots', async (t) => {
  if (!nativeOrSkip(t)) return;
  await ours('wasm', () => undefined);
  const installed = installedTrainingKernels();
  for (const name of NAMES) assert.ok(installed.includes(`wasm/${name}`), `wasm/${name}: ${installed.join(', ')}`);
});

test('native MaxPool, AvgPool, MaxPoolGrad and AvgPoolGrad are bit-identical to the cpu reference', async (t) => {
  if (!nativeOrSkip(t)) return;
  for (const [i, c] of randomCases(36).entries()) {
    const want = await reference(allPasses(c, i));
    const got = await ours('wasm', allPasses(c, i));
    // deepEqual treats NaN as equal to NaN, and tells -0 from +0.
    got.forEach((g, j) => {
      if (NAMES[j] === 'AvgPoolGrad' && !cpuAvgPoolGradReadsDy(c)) return;
      assert.deepEqual(g, want[j], `${NAMES[j]} ${JSON.stringify(c)}`);
    });
  }
});

test('native pooling at the benchmark CNN\'s shapes is bit-identical to the cpu reference', async (t) => {
  if (!nativeOrSkip(t)) return;
  for (const [i, c] of BENCH_CNN.entries()) {
    const want = await reference(allPasses(c, 50 + i));
    const got = await ours('wasm', allPasses(c, 50 + i));
    got.forEach((g, j) => assert.deepEqual(g, want[j], `${NAMES[j]} ${JSON.stringify(c)}`));
  }
});

test('the gradients of maxPool and avgPool through tf.grad on the native path equal the cpu reference', async (t) => {
  if (!nativeOrSkip(t)) return;
  const c: Case = { x: [3, 9, 8, 5], size: [3, 3], strides: [2, 1], pad: 'same' };
  const run = () => tf.tidy(() => {
    const x = tf.tensor4d(inputOf(c, 2), c.x);
    const f = (t: tf.Tensor) => tf.sum(tf.square(tf.add(tf.maxPool(t as tf.Tensor4D, c.size, c.strides, c.pad), tf.avgPool(t as tf.Tensor4D, c.size, c.strides, c.pad))));
    return Array.from(tf.grad(f)(x).dataSync());
  });
  assert.deepEqual(await ours('wasm', run), await reference(run));
});
