import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { corruptLabels, epochsToAccuracy, fitLabels, gaussianImages } from './randomize';
import { rng, setRootSeed } from '../../src/library/random/index';
import { mlp } from '../../src/library/models/index';

const trueLabels = Int32Array.from({ length: 5000 }, (_, i) => i % 10);

test('corruptLabels: fraction 0 keeps every label, fraction 1 gives labels independent of the true ones', () => {
  assert.deepEqual(Array.from(corruptLabels(trueLabels, 10, 0, rng('labels', 1)).labels), Array.from(trueLabels));
  const all = corruptLabels(trueLabels, 10, 1, rng('labels', 1));
  assert.ok(all.corrupted.every((c) => c === 1));
  // a uniform redraw equals the true class 1/10 of the time: changed share ~0.9 (binomial sd 0.0042)
  assert.ok(Math.abs(all.changedShare - 0.9) < 0.02, `changed share ${all.changedShare}`);
  const counts = new Array<number>(10).fill(0);
  all.labels.forEach((k) => { counts[k]! += 1; });
  assert.ok(counts.every((c) => c > 400 && c < 600), `class counts ${counts}`);
});

test('corruptLabels: the corrupted sets are nested across fractions and replay from the seed', () => {
  const a = corruptLabels(trueLabels, 10, 0.3, rng('labels', 4));
  const b = corruptLabels(trueLabels, 10, 0.6, rng('labels', 4));
  for (let i = 0; i < trueLabels.length; i++) {
    if (a.corrupted[i]) { assert.equal(b.corrupted[i], 1); assert.equal(b.labels[i], a.labels[i]); }
  }
  const share = a.corrupted.reduce((s, c) => s + c, 0) / trueLabels.length;
  assert.ok(Math.abs(share - 0.3) < 0.03, `corrupted share ${share}`);
  assert.deepEqual(Array.from(corruptLabels(trueLabels, 10, 0.3, rng('labels', 4)).labels), Array.from(a.labels));
  assert.notDeepEqual(Array.from(corruptLabels(trueLabels, 10, 0.3, rng('labels', 5)).labels), Array.from(a.labels));
});

test('corruptLabels: bad input is refused with the rule', () => {
  assert.throws(() => corruptLabels(trueLabels, 10, 1.5, rng('labels', 1)), /corruptLabels\(fraction\): expected a number in \[0, 1\], got 1.5/);
  assert.throws(() => corruptLabels([0, 12], 10, 0.5, rng('labels', 1)), /corruptLabels\(y\[1\]\): expected a class id in 0..9, got 12/);
});

test('gaussianImages: noise with the pooled mean and std of the images', () => {
  const x = Float32Array.from({ length: 20000 }, (_, i) => (i % 4 === 0 ? 1 : 0)); // mean 0.25, std sqrt(3)/4
  const g = gaussianImages(x, rng('inputs', 2));
  assert.ok(Math.abs(g.mean - 0.25) < 1e-9 && Math.abs(g.std - Math.sqrt(3) / 4) < 1e-9);
  const m = g.x.reduce((s, v) => s + v, 0) / g.x.length;
  const sd = Math.sqrt(g.x.reduce((s, v) => s + (v - m) ** 2, 0) / g.x.length);
  assert.ok(Math.abs(m - 0.25) < 0.01 && Math.abs(sd - g.std) < 0.01, `noise mean ${m}, std ${sd}`);
  assert.deepEqual(Array.from(gaussianImages(x, rng('inputs', 2)).x.subarray(0, 5)), Array.from(g.x.subarray(0, 5)));
});

test('fitLabels: an MLP memorizes random labels of noise inputs, stops at the first fitted epoch, leaks nothing', async () => {
  await tf.setBackend('cpu');
  setRootSeed(3);
  const n = 48;
  const x = tf.tensor2d(gaussianImages(new Float32Array(n * 8).map((_, i) => i % 3), rng('inputs')).x, [n, 8]);
  const labels = corruptLabels(new Int32Array(n), 4, 1, rng('labels')).labels;
  const optimizer = tf.train.momentum(0.05, 0.9); // (tfjs 4.22's momentum optimizer never frees its own momentum scalar)
  const before = tf.memory().numTensors;
  const model = mlp({ widths: [8, 128, 4], seedName: 'fit-test' });
  const nParams = model.params.length;
  const fit = await fitLabels({ model: model, optimizer: optimizer, x: x, labels: labels, nClasses: 4, batchSize: 16, maxEpochs: 300, test: { x: x, labels: labels, everyEpochs: 5 } });
  assert.equal(fit.status, 'fitted');
  assert.equal(fit.trainAccuracy, 1);
  assert.equal(fit.testAccuracy, 1, 'scored at the last epoch even off the test schedule');
  assert.equal(fit.history.length, fit.epochs, 'one entry per epoch, the last one fitted');
  assert.ok(fit.history.slice(0, -1).every((h) => h.trainAccuracy < 1));
  assert.equal(epochsToAccuracy(fit.history, 1), fit.epochs);
  assert.ok(epochsToAccuracy(fit.history, 0.5) <= fit.epochs);
  assert.ok(Number.isNaN(epochsToAccuracy(fit.history, 1.1)));
  model.dispose();
  assert.equal(tf.memory().numTensors, before + nParams, 'only the optimizer\'s momentum accumulators (one per parameter) remain');
  optimizer.dispose();
  x.dispose();
});

test('fitLabels: a tight epoch budget ends at max-epochs; weight decay raises the loss of the same step', async () => {
  await tf.setBackend('cpu');
  setRootSeed(3);
  const x = tf.tensor2d(gaussianImages(new Float32Array(64 * 8).map((_, i) => i % 5), rng('inputs')).x, [64, 8]);
  const labels = corruptLabels(new Int32Array(64), 4, 1, rng('labels')).labels;
  const run = (wd: number) => fitLabels({ model: mlp({ widths: [8, 16, 4], seedName: 'fit-wd' }), optimizer: tf.train.momentum(0.01, 0.9), x: x, labels: labels, nClasses: 4, batchSize: 64, maxEpochs: 2, weightDecay: wd });
  const [plain, decayed] = [await run(0), await run(1)];
  assert.equal(plain.status, 'max-epochs');
  assert.equal(plain.epochs, 2);
  assert.ok(decayed.train.history[0]!.loss > plain.train.history[0]!.loss, 'the L2 term is in the loss');
  await assert.rejects(fitLabels({ model: mlp({ widths: [8, 4] }), optimizer: tf.train.sgd(0.1), x: x, labels: labels.subarray(1), nClasses: 4, batchSize: 8, maxEpochs: 1 }), /fitLabels\(labels\): expected 64 labels/);
  x.dispose();
});
