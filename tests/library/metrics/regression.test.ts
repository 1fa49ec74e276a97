import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mae, mse, psnr, r2, rmse } from '../../../src/library/metrics/index';
import { assertClose, caseRng, randomWeights, sklearn, value } from './helpers';

const r = caseRng('regression');
const SIZES = [1, 2, 3, 7, 8, 9, 127, 128, 129, 1000, 5000];

interface Case { yTrue: number[]; yPred: number[]; w?: number[] }
const cases: Case[] = [];
for (let i = 0; i < 300; i++) {
  const n = r.uniform() < 0.5 ? SIZES[r.integer(0, SIZES.length)]! : r.integer(1, 600);
  const scale = [1e-3, 1, 1e3][r.integer(0, 3)]!;
  const kind = i % 6; // 0: constant yTrue, 1: perfect fit, 2: constant yTrue and perfect, else noisy
  const c = r.integer(-5, 6) / 4; // a constant exactly representable, so its mean is exact as well
  const yTrue = Array.from({ length: n }, () => (kind === 0 || kind === 2 ? c : r.normal(3, 2) * scale));
  const yPred = yTrue.map((v) => (kind === 1 || kind === 2 ? v : v + r.normal(0, 1) * scale * r.uniform(0, 2)));
  cases.push({ yTrue, yPred, w: r.uniform() < 0.3 ? randomWeights(r, n) : undefined });
}
// PSNR: images in [0, 1] or 8-bit values, with a noise level; identical images give Infinity.
const images = Array.from({ length: 60 }, (_, i) => {
  const n = r.integer(1, 3000);
  const dataRange = i % 2 === 0 ? 1 : 255;
  const yTrue = Array.from({ length: n }, () => (dataRange === 1 ? r.uniform() : r.integer(0, 256)));
  const noise = i % 10 === 0 ? 0 : r.uniform(0, 0.2) * dataRange;
  const yPred = yTrue.map((v) => v + r.normal(0, 1) * noise);
  return { yTrue, yPred, dataRange };
});

// Large inputs, where numpy sums in 8192-element chunks: the results must be identical bits.
const large: Case[] = [8193, 20000, 65537].map((n) => {
  const yTrue = Array.from({ length: n }, () => r.normal(3, 2));
  return { yTrue, yPred: yTrue.map((v) => v + r.normal(0, 0.3)), w: Array.from({ length: n }, () => r.uniform(0, 2)) };
});

const FNS = { mse, rmse, mae, r2 } as const;
const names = Object.keys(FNS) as (keyof typeof FNS)[];
const oracle = sklearn([
  ...names.flatMap((fn) => cases.map((c) => ({ fn, yTrue: c.yTrue, yPred: c.yPred, w: c.w }))),
  ...images.map((c) => ({ fn: 'psnr', ...c })),
  ...names.flatMap((fn) => large.map((c) => ({ fn, yTrue: c.yTrue, yPred: c.yPred, w: c.w }))),
]);

for (const [j, fn] of names.entries()) {
  test(`${fn} equals sklearn on random cases (weights, constant targets, perfect fits, 1 row)`, () => {
    cases.forEach((c, i) => {
      const what = `${fn} case ${i} (n=${c.yTrue.length}${c.w ? ', weighted' : ''})`;
      assertClose(FNS[fn](c.yTrue, c.yPred, { sampleWeight: c.w }), value(oracle[j * cases.length + i]!, what), what);
    });
  });
}

test('on large inputs the sums follow numpy (chunked pairwise): identical bits', () => {
  const base = names.length * cases.length + images.length;
  names.forEach((fn, j) => large.forEach((c, i) => {
    assert.equal(FNS[fn](c.yTrue, c.yPred, { sampleWeight: c.w }), value(oracle[base + j * large.length + i]!, fn), `${fn} n=${c.yTrue.length}`);
  }));
});

test('r2 edge rules: perfect fit 1, constant target 0, one row NaN (as sklearn)', () => {
  assert.equal(r2([2, 2, 2], [2, 2, 2]), 1);
  assert.equal(r2([2, 2, 2], [1, 2, 3]), 0);
  assert.ok(Number.isNaN(r2([1], [2])));
  assert.equal(r2([1, 2, 3], [2, 2, 2]), 0); // predicting the mean
});

test('psnr equals 10 log10(dataRange^2 / MSE) computed with numpy, tensors of any rank flattened', () => {
  const base = names.length * cases.length;
  images.forEach((c, i) => assertClose(psnr(c.yTrue, c.yPred, { dataRange: c.dataRange }), value(oracle[base + i]!, `psnr ${i}`), `psnr case ${i}`));
  const img = { shape: [2, 2, 1], dataSync: () => Float32Array.from([0, 0.5, 1, 0.25]) };
  assert.equal(psnr(img, [0, 0.5, 1, 0.75], { dataRange: 1 }), 10 * Math.log10(1 / 0.0625));
});
