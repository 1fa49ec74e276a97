import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../../src/library/backend/index';
import { rng } from '../../../src/library/random/index';
import { randomFourierFeatures, randomReluFeatures } from '../../../src/library/models/index';
import { gaussian, testRng, values } from './helpers';

before(async () => { await useBackend({ force: 'cpu' }); });

const dot = (a: number[], b: number[]): number => a.reduce((s, v, i) => s + v * b[i]!, 0);
const norm = (a: number[]): number => Math.sqrt(dot(a, a));

test('randomFourierFeatures: phi(x).phi(z) approximates the RBF kernel exp(-|x-z|^2 / (2 sigma^2))', () => {
  const sigma = 1.5;
  const X = gaussian(testRng('rff-points'), 6, 3);
  const phi = randomFourierFeatures({ inputDim: 3, nFeatures: 20000, sigma }).map(X).to2DArray();
  // Each estimate averages 20,000 terms of variance <= 1: its std is below 0.01, so 0.04 cannot be missed by chance.
  for (let i = 0; i < X.length; i++) {
    for (let j = i; j < X.length; j++) {
      const d2 = X[i]!.reduce((s, v, c) => s + (v - X[j]![c]!) ** 2, 0);
      const k = Math.exp(-d2 / (2 * sigma * sigma));
      assert.ok(Math.abs(dot(phi[i]!, phi[j]!) - k) < 0.04, `pair ${i},${j}: ${dot(phi[i]!, phi[j]!)} vs ${k}`);
    }
  }
});

test('randomReluFeatures: phi(x).phi(z) approximates the arc-cosine kernel / d (Cho & Saul 2009)', () => {
  const X = gaussian(testRng('relu-points'), 5, 4);
  const phi = randomReluFeatures({ inputDim: 4, nFeatures: 20000 }).map(X).to2DArray();
  for (let i = 0; i < X.length; i++) {
    for (let j = i; j < X.length; j++) {
      const [a, b] = [X[i]!, X[j]!];
      const t = Math.acos(Math.max(-1, Math.min(1, dot(a, b) / (norm(a) * norm(b)))));
      const k = (norm(a) * norm(b) * (Math.sin(t) + (Math.PI - t) * Math.cos(t))) / (2 * Math.PI * 4);
      assert.ok(Math.abs(dot(phi[i]!, phi[j]!) - k) < 0.05 * norm(a) * norm(b) / 4, `pair ${i},${j}: ${dot(phi[i]!, phi[j]!)} vs ${k}`);
    }
  }
});

test('random features are deterministic, nested in nFeatures, and differ across streams', () => {
  const X = gaussian(testRng('nested'), 4, 3);
  for (const make of [
    (n: number, seed = 0) => randomFourierFeatures({ inputDim: 3, nFeatures: n, sigma: 2, rng: rng('features', seed).child('rff') }),
    (n: number, seed = 0) => randomReluFeatures({ inputDim: 3, nFeatures: n, rng: rng('features', seed).child('relu') }),
  ]) {
    const small = make(10).map(X);
    const big = make(25).map(X);
    // Same directions and offsets; only the sqrt(c/N) scale differs between N = 10 and N = 25.
    const ratio = Math.sqrt(25 / 10);
    for (let i = 0; i < 4; i++) for (let k = 0; k < 10; k++) assert.ok(Math.abs(small.get(i, k) - ratio * big.get(i, k)) < 1e-12);
    assert.deepEqual(make(10).map(X).to2DArray(), small.to2DArray());
    assert.notDeepEqual(make(10, 1).map(X).to2DArray(), small.to2DArray());
  }
});

test('random features: the TF.js (float32) path equals the float64 map; FLOPs; bad input', () => {
  const X = gaussian(testRng('tf-path'), 5, 3);
  for (const f of [randomFourierFeatures({ inputDim: 3, nFeatures: 40, sigma: 1 }), randomReluFeatures({ inputDim: 3, nFeatures: 40 })]) {
    const ref = f.map(X).to2DArray().flat();
    const got = tf.tidy(() => values(f.apply(tf.tensor2d(X))));
    got.forEach((v, i) => assert.ok(Math.abs(v - ref[i]!) < 1e-5, `${f.describe()} entry ${i}: ${v} vs ${ref[i]}`));
    assert.equal(f.flopsPerExample(), 2 * 3 * 40 + 40);
  }
  assert.equal(randomFourierFeatures({ inputDim: 3, nFeatures: 40, sigma: 1 }).describe(), 'randomFourierFeatures(inputDim=3, nFeatures=40, sigma=1)');
  assert.throws(() => randomFourierFeatures({ inputDim: 3, nFeatures: 0, sigma: 1 }), /randomFourierFeatures\(nFeatures\): expected an integer >= 1, got 0/);
  assert.throws(() => randomFourierFeatures({ inputDim: 3, nFeatures: 4, sigma: -1 }), /randomFourierFeatures\(sigma\): expected a finite number > 0, got -1/);
  assert.throws(() => randomReluFeatures({ inputDim: 3, nFeatures: 4 }).map([[1, 2]]), /\.map\(X\): expected 3 columns, got 2/);
});
