import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cosineWeights, firstStepReaching, fourierConcentration } from './fourier';
import { rng, setRootSeed } from '../../src/library/random/index';

/** Float64 forward pass of the bias-free quadratic MLP: argmax_q Σ_k w2[k,q] (w1[a,k] + w1[p+b,k])². */
function predict(w1: Float32Array, w2: Float32Array, p: number, width: number, a: number, b: number): number {
  const out = new Float64Array(p);
  for (let k = 0; k < width; k++) {
    const h = (w1[a * width + k]! + w1[(p + b) * width + k]!) ** 2;
    for (let q = 0; q < p; q++) out[q] += w2[k * p + q]! * h;
  }
  let best = 0;
  for (let q = 1; q < p; q++) if (out[q]! > out[best]!) best = q;
  return best;
}

test('cosine weights compute (a + b) mod p on every pair, with a clear margin', () => {
  for (const p of [3, 7, 11, 59]) {
    const { w1, w2, width } = cosineWeights(p);
    assert.equal(width, (9 * (p - 1)) / 2);
    assert.equal(w1.length, 2 * p * width);
    assert.equal(w2.length, width * p);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) assert.equal(predict(w1, w2, p, width, a, b), (a + b) % p, `p=${p} a=${a} b=${b}`);
  }
});

test('cosine weights with 4 phases per axis also solve the task; bad arguments are named', () => {
  const { w1, w2, width } = cosineWeights(13, 4);
  assert.equal(width, 16 * 6);
  for (let a = 0; a < 13; a++) for (let b = 0; b < 13; b++) assert.equal(predict(w1, w2, 13, width, a, b), (a + b) % 13);
  assert.throws(() => cosineWeights(10), /cosineWeights\(p\): expected an odd integer/);
  assert.throws(() => cosineWeights(11, 2), /cosineWeights\(phases\)/);
});

test('Fourier concentration: 1 for pure cosines, small for Gaussian noise, spectrum adds up', () => {
  const p = 59;
  const { w1, width } = cosineWeights(p);
  const pure = fourierConcentration(w1, p, width);
  assert.ok(Math.abs(pure.concentration - 1) < 1e-9, String(pure.concentration));
  assert.equal(pure.dominant[0], 1);
  assert.equal(pure.dominant[width - 1], (p - 1) / 2);
  assert.ok(pure.spectrum[0]! < 1e-6 * pure.spectrum[1]!, 'no DC power in cosines');

  setRootSeed(3);
  const draw = rng('test-noise');
  const noise = Float32Array.from({ length: 2 * p * 64 }, () => draw.normal(0, 1));
  const r = fourierConcentration(noise, p, 64);
  assert.ok(r.concentration > 0.05 && r.concentration < 0.3, String(r.concentration));
  // Parseval: Σ_f power over 0..floor(p/2) (±f counted twice) = p Σ w².
  const energy = noise.reduce((s, w) => s + w * w, 0) * p;
  const total = r.spectrum.reduce((s, v) => s + v, 0);
  assert.ok(Math.abs(total - energy) / energy < 1e-6, `${total} vs ${energy}`);
  assert.throws(() => fourierConcentration(noise, p, 63), /expected 7434 values/);
});

test('firstStepReaching: the first step from which the metric stays at or above the threshold', () => {
  const h: Array<Record<string, number>> = [
    { step: 10, acc: 0.5 }, { step: 20, acc: 0.995 }, { step: 30, acc: 0.9 }, { step: 40, loss: 1 }, { step: 50, acc: 0.99 }, { step: 60, acc: 1 },
  ];
  assert.equal(firstStepReaching(h, 'acc', 0.99), 50);
  assert.equal(firstStepReaching(h, 'acc', 0.5), 10);
  assert.ok(Number.isNaN(firstStepReaching(h.slice(0, 3), 'acc', 0.99)));
  assert.ok(Number.isNaN(firstStepReaching(h, 'other', 0)));
});
