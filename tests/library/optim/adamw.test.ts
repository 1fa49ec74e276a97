import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { adamw } from '../../../src/library/optim/index';

/** torch.optim.AdamW's update in float64: p ← p(1 − lr λ); then Adam with bias correction. */
function reference(p0: number[], grad: (p: number[]) => number[], steps: number, lr: number, b1: number, b2: number, eps: number, wd: number): number[] {
  const p = p0.slice();
  const m = p.map(() => 0);
  const v = p.map(() => 0);
  for (let t = 1; t <= steps; t++) {
    const g = grad(p);
    for (let i = 0; i < p.length; i++) {
      p[i] = p[i]! * (1 - lr * wd);
      m[i] = b1 * m[i]! + (1 - b1) * g[i]!;
      v[i] = b2 * v[i]! + (1 - b2) * g[i]! ** 2;
      const mHat = m[i]! / (1 - b1 ** t);
      const vHat = v[i]! / (1 - b2 ** t);
      p[i] = p[i]! - (lr * mHat) / (Math.sqrt(vHat) + eps);
    }
  }
  return p;
}

const TARGET = [1, -2, 0.5];
const P0 = [0.3, 0.7, -1.2];
let nVariables = 0;

function runTf(optimizer: tf.Optimizer, steps: number): number[] {
  const x = tf.variable(tf.tensor1d(P0), true, `adamw-test-${nVariables++}`);
  const target = tf.tensor1d(TARGET);
  for (let s = 0; s < steps; s++) optimizer.minimize(() => tf.sum(tf.square(tf.sub(x, target))) as tf.Scalar, false, [x]);
  const out = Array.from(x.dataSync());
  x.dispose();
  target.dispose();
  return out;
}

test('adamw matches a float64 torch-style AdamW over 20 steps', async () => {
  await tf.setBackend('cpu');
  const [lr, b1, b2, eps, wd] = [0.05, 0.9, 0.98, 1e-8, 2];
  const got = runTf(adamw({ learningRate: lr, beta1: b1, beta2: b2, epsilon: eps, weightDecay: wd }), 20);
  const want = reference(P0, (p) => p.map((v, i) => 2 * (v - TARGET[i]!)), 20, lr, b1, b2, eps, wd);
  got.forEach((g, i) => assert.ok(Math.abs(g - want[i]!) < 1e-5, `param ${i}: ${g} vs ${want[i]}`));
  // Decay pulls towards 0: the result differs from plain Adam's.
  const adam = runTf(tf.train.adam(lr, b1, b2, eps), 20);
  assert.ok(Math.abs(adam[0]! - got[0]!) > 1e-3);
});

test('adamw with weight decay 0 is plain Adam, bit for bit; its class name is AdamW', async () => {
  await tf.setBackend('cpu');
  const opt = adamw({ learningRate: 0.01, weightDecay: 0 });
  assert.equal(opt.getClassName(), 'AdamW');
  assert.deepEqual(runTf(opt, 7), runTf(tf.train.adam(0.01, 0.9, 0.999, 1e-8), 7));
});

test('adamw names a bad option', () => {
  assert.throws(() => adamw({ learningRate: -1 }), /adamw\(learningRate\): expected a positive number/);
  assert.throws(() => adamw({ beta2: 1 }), /adamw\(beta2\)/);
  assert.throws(() => adamw({ weightDecay: -0.1 }), /adamw\(weightDecay\): expected a number >= 0/);
  assert.throws(() => adamw({ learningRate: 0.1, weightDecay: 20 }), /lr·λ < 1/);
});
