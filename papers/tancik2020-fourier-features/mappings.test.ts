import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { basicMapping, gaussianMapping, midpointInterpolation, noMapping, offsetGridSplit, positionalEncoding } from './fourier-features';
import { rng, setRootSeed } from '../../src/library/random/index';

const close = (a: number, b: number, tol: number, what: string): void => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

test('basic mapping wraps each coordinate once around the circle: [cos 2πv, sin 2πv]', () => {
  const g = basicMapping();
  assert.equal(g.outputDim, 4);
  const out = g.map([0.25, 0, 0.5, 0.125]);
  const want = [0, 1, 1, 0, -1, Math.SQRT1_2, 0, Math.SQRT1_2];
  want.forEach((w, i) => close(out[i]!, w, 1e-6, `feature ${i}`));
  assert.deepEqual(Array.from(noMapping().map([0.1, 0.7])), [Math.fround(0.1), Math.fround(0.7)]);
});

test('positional encoding: sigma^(j/m) on each axis alone (paper §6.1)', () => {
  const g = positionalEncoding({ nFrequencies: 4, sigma: 16 });
  assert.equal(g.outputDim, 2 * 2 * 4);
  const B = g.frequencies;
  for (let j = 0; j < 4; j++) {
    assert.deepEqual([B[j * 2], B[j * 2 + 1]], [16 ** (j / 4), 0], `x-axis row ${j}`);
    assert.deepEqual([B[(4 + j) * 2], B[(4 + j) * 2 + 1]], [0, 16 ** (j / 4)], `y-axis row ${j}`);
  }
  assert.deepEqual(Array.from(B.filter((_, k) => k % 2 === 0).slice(0, 4)), [1, 2, 4, 8]);
  assert.throws(() => positionalEncoding({ nFrequencies: 4, sigma: 0.5 }), /positionalEncoding\(sigma\): expected a finite number >= 1 \(cycles per unit\), got 0.5/);
});

test('gaussian mapping: B from the named stream, ~N(0, sigma^2), scaled not redrawn, nested in m', () => {
  setRootSeed(3);
  const big = gaussianMapping({ nFeatures: 4000, sigma: 5, rng: rng('features') });
  const B = big.frequencies;
  const mean = B.reduce((s, v) => s + v, 0) / B.length;
  const std = Math.sqrt(B.reduce((s, v) => s + (v - mean) ** 2, 0) / B.length);
  close(mean, 0, 0.15, 'mean of B');
  close(std, 5, 0.15, 'std of B');
  const unit = gaussianMapping({ nFeatures: 10, sigma: 1, rng: rng('features') }).frequencies;
  unit.forEach((v, k) => close(B[k]!, 5 * v, 1e-12, `B[${k}] = sigma x the sigma-1 draw`));
  setRootSeed(4);
  const other = gaussianMapping({ nFeatures: 10, sigma: 1, rng: rng('features') }).frequencies;
  assert.notDeepEqual(Array.from(other), Array.from(unit), 'another root seed draws another B');
  assert.throws(() => gaussianMapping({ nFeatures: 0, sigma: 1, rng: rng('features') }), /nFeatures\): expected an integer in 1..65536, got 0/);
});

test('gaussian features equal numpy cos/sin(2π v Bᵀ), and their kernel is stationary (eq. 6)', () => {
  setRootSeed(7);
  const g = gaussianMapping({ nFeatures: 16, sigma: 10, rng: rng('features') });
  const coords = Float64Array.from({ length: 12 }, (_, k) => ((k * 0.37) % 1));
  const py = 'import json,sys,numpy as np\nd=json.load(sys.stdin)\nB=np.array(d["B"]).reshape(-1,2)\nv=np.array(d["v"]).reshape(-1,2)\nz=2*np.pi*v@B.T\nprint(json.dumps(np.concatenate([np.cos(z),np.sin(z)],1).ravel().tolist()))';
  const ref = JSON.parse(execFileSync('/usr/bin/python3', ['-c', py], { input: JSON.stringify({ B: Array.from(g.frequencies), v: Array.from(coords) }) }).toString()) as number[];
  const ours = g.map(coords);
  assert.equal(ours.length, ref.length);
  ref.forEach((r, i) => close(ours[i]!, r, 2e-6, `feature ${i}`));
  // gamma(v1) . gamma(v2) = sum_j cos(2π b_j (v1 - v2)): the same for any shift of both points.
  const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i]!, 0);
  const k1 = dot(g.map([0.1, 0.2]), g.map([0.3, 0.25]));
  const k2 = dot(g.map([0.6, 0.7]), g.map([0.8, 0.75]));
  close(k1, k2, 1e-4, 'kernel at the same offset');
});

test('offset grid split: train on even rows and columns, test on odd ones, full-image coordinates', () => {
  const data = Float32Array.from({ length: 4 * 4 }, (_, p) => p);
  const { train, test: held } = offsetGridSplit({ data, height: 4, width: 4, channels: 1 });
  assert.deepEqual(Array.from(train.values), [0, 2, 8, 10]);
  assert.deepEqual(Array.from(held.values), [5, 7, 13, 15]);
  assert.deepEqual(Array.from(train.coords), [0, 0, 0.5, 0, 0, 0.5, 0.5, 0.5]);
  assert.deepEqual(Array.from(held.coords), [0.25, 0.25, 0.75, 0.25, 0.25, 0.75, 0.75, 0.75]);
  assert.deepEqual([train.height, train.width, held.height, held.width], [2, 2, 2, 2]);
  const rgb = Float32Array.from({ length: 2 * 2 * 3 }, (_, k) => k);
  assert.deepEqual(Array.from(offsetGridSplit({ data: rgb, height: 2, width: 2, channels: 3 }).test.values), [9, 10, 11]);
  assert.throws(() => offsetGridSplit({ data: new Float32Array(9), height: 3, width: 3, channels: 1 }), /offsetGridSplit\(img\): expected an image with even height and width >= 2 \(pixels\), got 3 x 3/);
});

test('midpoint interpolation: mean of the four diagonal train neighbours, fewer at the last row and column', () => {
  // 4 x 4 image whose value is 10 row + col: bilinear, so the midpoint mean is exact inside the grid.
  const data = Float32Array.from({ length: 16 }, (_, p) => 10 * Math.floor(p / 4) + (p % 4));
  const { train, test: held } = offsetGridSplit({ data, height: 4, width: 4, channels: 1 });
  const pred = midpointInterpolation(train, 1);
  assert.deepEqual(Array.from(pred), [11, 12, 21, 22]); // (1,1) exact; (1,3) from cols 2 only; (3,*) from row 2 only
  assert.deepEqual(Array.from(held.values), [11, 13, 31, 33]);
  assert.throws(() => midpointInterpolation(train, 3), /midpointInterpolation\(train\): expected 12 values \(2 x 2 x 3\), got 4/);
});
