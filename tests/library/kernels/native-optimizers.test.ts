import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { registerTrainingKernels } from '../../../src/library/kernels/index';
import { installNativeOptimizers, nativeOptimizersInstalled, uninstallNativeOptimizers } from '../../../src/library/kernels/native-optimizers';
import { adamw } from '../../../src/library/optim/index';
import { rng } from '../../../src/library/random/index';
import { normals, on } from './helpers';
import { nativeOrSkip } from './native-path';

// The native optimizer updates must be pure speed: the same weights, moments and losses, bit for
// bit, as tfjs-core's own op-by-op applyGradients on the same backend (wasm), step after step.

type MakeOptimizer = () => tf.Optimizer;

// Trains a small net with `make()` for `steps` steps; returns every loss, the weights and the
// optimizer's state, all as plain numbers.
function train(make: MakeOptimizer, steps: number, holdInit: boolean): { losses: number[]; weights: number[][]; state: number[][] } {
  const r = rng('native-optimizer-test', 5);
  const x = tf.tensor2d(normals(r, 64 * 30), [64, 30]);
  const y = tf.tensor2d(normals(r, 64 * 3), [64, 3]);
  const init = tf.tensor2d(normals(r, 30 * 3), [30, 3]).mul(0.1);
  // holdInit: the variable shares its data with a live tensor, so the update cannot be in place.
  const w = tf.variable(init as tf.Tensor2D);
  if (!holdInit) init.dispose();
  const b = tf.variable(tf.zeros([3]));
  const frozen = tf.variable(tf.ones([2]), true, undefined); // gets no gradient: state made, value kept
  const opt = make();
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    const l = opt.minimize(() => tf.losses.meanSquaredError(y, tf.add(tf.matMul(x, w), b)).add(tf.mul(frozen.sum(), 0)) as tf.Scalar, true, [w, b]) as tf.Scalar;
    losses.push(l.dataSync()[0]!);
    l.dispose();
  }
  const weights = [w, b, frozen].map((v) => Array.from(v.dataSync()));
  const state = (opt as unknown as { accumulatedFirstMoment?: { variable: tf.Variable }[]; accumulatedSecondMoment?: { variable: tf.Variable }[]; accumulations?: { variable: tf.Variable }[] });
  const slots = [...(state.accumulatedFirstMoment ?? []), ...(state.accumulatedSecondMoment ?? []), ...(state.accumulations ?? [])];
  const out = { losses, weights, state: slots.map((s) => Array.from(s.variable.dataSync())) };
  tf.dispose([x, y, w, b, frozen]);
  if (holdInit) init.dispose();
  opt.dispose();
  return out;
}

const OPTIMIZERS: Array<[string, MakeOptimizer]> = [
  ['adam', () => tf.train.adam(0.01)],
  ['adam (betas, epsilon)', () => tf.train.adam(0.003, 0.8, 0.95, 1e-6)],
  ['momentum', () => tf.train.momentum(0.05, 0.9)],
  ['nesterov', () => tf.train.momentum(0.05, 0.8, true)],
  ['adamw (the library\'s)', () => adamw({ learningRate: 0.01, weightDecay: 0.1 })],
];

for (const [name, make] of OPTIMIZERS) {
  test(`${name}: the native update is bit-identical to tfjs's own on wasm, in place or not`, async (t) => {
    const native = nativeOrSkip(t);
    if (!native) return;
    registerTrainingKernels();
    await on('wasm');
    // Only the optimizer changes between the two runs: the matmul kernels stay the native ones.
    for (const holdInit of [false, true]) {
      uninstallNativeOptimizers();
      const want = train(make, 25, holdInit);
      installNativeOptimizers(native);
      assert.ok(nativeOptimizersInstalled().includes('AdamOptimizer') && nativeOptimizersInstalled().includes('MomentumOptimizer'));
      const got = train(make, 25, holdInit);
      assert.deepEqual(got, want, `holdInit ${holdInit}`);
      assert.ok(got.losses[24]! < got.losses[0]!, `${name} trains: ${got.losses[0]} -> ${got.losses[24]}`);
    }
  });
}

test('off the wasm backend the optimizers run tfjs\'s own update', async (t) => {
  const native = nativeOrSkip(t);
  if (!native) return;
  registerTrainingKernels();
  await on('cpu');
  const got = train(() => tf.train.adam(0.01), 5, false);
  uninstallNativeOptimizers();
  const want = train(() => tf.train.adam(0.01), 5, false);
  installNativeOptimizers(native);
  assert.deepEqual(got, want);
});
