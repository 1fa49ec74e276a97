import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../../src/library/backend/index';
import { cnn } from '../../../src/library/models/index';
import { values } from './helpers';

before(async () => { await useBackend({ force: 'cpu' }); });

test('cnn: the default net (conv3x3x32, pool, conv3x3x64, pool, dense128, dense10 on 28x28x1) by hand', () => {
  const m = cnn();
  assert.equal(m.describe(), 'cnn(28x28x1-conv3x3x32-pool2-conv3x3x64-pool2-dense128-dense10, relu, valid)');
  assert.deepEqual(tf.tidy(() => m.apply(tf.zeros([2, 28, 28, 1])).shape), [2, 10]);
  // valid padding: 28 -> conv 26 -> pool 13 -> conv 11 -> pool 5; flatten 5*5*64 = 1600.
  const params = (9 * 1 * 32 + 32) + (9 * 32 * 64 + 64) + (1600 * 128 + 128) + (128 * 10 + 10);
  assert.equal(m.paramCount(), params); // 225,034
  const flops = 26 * 26 * 32 * (2 * 9 * 1 + 1) + 11 * 11 * 64 * (2 * 9 * 32 + 1) + (2 * 1600 * 128 + 128) + (2 * 128 * 10 + 10);
  assert.equal(m.flopsPerExample(), flops);
  m.dispose();
});

test('cnn: small case FLOPs and params by hand, "same" padding shapes', () => {
  const m = cnn({ inputShape: [6, 6, 1], filters: [2], dense: [], outputs: 3 });
  // conv 3x3 valid: 4x4x2 outputs, each 2*9*1 FLOPs + 1 bias add: 32 * 19 = 608; pool -> 2x2x2 = 8; dense 8 -> 3: 2*24 + 3 = 51.
  assert.equal(m.flopsPerExample(), 608 + 51);
  assert.equal(m.paramCount(), (9 * 2 + 2) + (8 * 3 + 3));
  m.dispose();
  const same = cnn({ inputShape: [8, 8, 3], filters: [4, 5], kernelSize: 3, padding: 'same', dense: [7], outputs: 2 });
  // same padding: 8 -> pool 4 -> pool 2; flatten 2*2*5 = 20.
  assert.equal(same.paramCount(), (27 * 4 + 4) + (36 * 5 + 5) + (20 * 7 + 7) + (7 * 2 + 2));
  assert.deepEqual(tf.tidy(() => same.apply(tf.zeros([3, 8, 8, 3])).shape), [3, 2]);
  same.dispose();
});

test('cnn: forward pass equals tf.layers with the same weights (NHWC, Keras flatten order)', () => {
  const m = cnn({ inputShape: [14, 14, 2], filters: [3, 4], dense: [5], outputs: 3 });
  const ref = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [14, 14, 2], filters: 3, kernelSize: 3, activation: 'relu', kernelInitializer: 'zeros' }),
      tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
      tf.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: 'zeros' }),
      tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 5, activation: 'relu', kernelInitializer: 'zeros' }),
      tf.layers.dense({ units: 3, kernelInitializer: 'zeros' }),
    ],
  });
  // Non-zero biases so that a missing bias would show.
  m.params.forEach((p, i) => { if (p.rank === 1) p.assign(tf.fill(p.shape, 0.01 * (i + 1))); });
  ref.setWeights(m.params);
  const x = tf.randomNormal([4, 14, 14, 2], 0, 1, 'float32', 11);
  const ours = values(m.apply(x));
  const theirs = values(ref.predict(x) as tf.Tensor);
  ours.forEach((v, i) => assert.ok(Math.abs(v - theirs[i]!) < 1e-5, `output ${i}: ${v} vs ${theirs[i]}`));
  ref.dispose();
  m.dispose();
  x.dispose();
});

test('cnn: seeded init and a few Adam steps reduce the loss', () => {
  const a = cnn({ inputShape: [8, 8, 1], filters: [4], dense: [8], outputs: 2 });
  const b = cnn({ inputShape: [8, 8, 1], filters: [4], dense: [8], outputs: 2 });
  const c = cnn({ inputShape: [8, 8, 1], filters: [4], dense: [8], outputs: 2, seedName: 'other' });
  assert.deepEqual(values(a.params[0]!), values(b.params[0]!));
  assert.notDeepEqual(values(a.params[0]!), values(c.params[0]!));
  // Task: is the bright square in the left or the right half?
  const x = tf.tidy(() => tf.concat([tf.pad(tf.ones([4, 8, 4, 1]), [[0, 0], [0, 0], [0, 4], [0, 0]]),
    tf.pad(tf.ones([4, 8, 4, 1]), [[0, 0], [0, 0], [4, 0], [0, 0]])]));
  const y = tf.oneHot(tf.tensor1d([0, 0, 0, 0, 1, 1, 1, 1], 'int32'), 2);
  const opt = tf.train.adam(0.01);
  const loss = (): tf.Scalar => tf.losses.softmaxCrossEntropy(y, a.apply(x)) as tf.Scalar;
  const first = values(opt.minimize(loss, true, a.params)!)[0]!;
  let last = first;
  for (let i = 0; i < 15; i++) last = values(opt.minimize(loss, true, a.params)!)[0]!;
  assert.ok(last < 0.5 * first, `loss ${first} -> ${last}`);
  [a, b, c].forEach((m) => m.dispose());
});

test('cnn: bad options and inputs name the argument', () => {
  assert.throws(() => cnn({ inputShape: [4, 4, 1], filters: [2, 2] }), /cnn\(inputShape\): expected at least 3x3 pixels before conv1, got 1x1; use fewer conv blocks or padding "same"/);
  assert.throws(() => cnn({ inputShape: [3, 3, 1], filters: [2] }), /cnn\(inputShape\): expected at least 2x2 pixels to pool after conv0, got 1x1/);
  assert.throws(() => cnn({ padding: 'full' as never }), /cnn\(padding\): expected one of 'valid', 'same', got full/);
  const m = cnn({ inputShape: [6, 6, 1], filters: [2], dense: [] });
  assert.throws(() => m.apply(tf.zeros([1, 6, 6])), /\.apply\(x\): expected shape \[batch, 6, 6, 1\], got \[1, 6, 6\]/);
  m.dispose();
});
