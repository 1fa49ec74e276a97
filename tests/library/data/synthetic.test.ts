import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rng } from '../../../src/library/random/index';
import {
  fft1d, fft2d, gaussianTeacher, glyphImage, type Image, imageCoordinates, modularArithmetic, powerLawNoiseImage,
  radialPowerSpectrum, shapesImage, takeRows,
} from '../../../src/library/data/index';

/** Least-squares slope of log power against log frequency over 2..kMax cycles per image. */
function spectrumSlope(img: Image): number {
  const { freq, power } = radialPowerSpectrum(img);
  const xs: number[] = [];
  const ys: number[] = [];
  freq.forEach((f, k) => { if (f >= 2) { xs.push(Math.log(f)); ys.push(Math.log(power[k]!)); } });
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => { sxy += (x - mx) * (ys[i]! - my); sxx += (x - mx) ** 2; });
  return sxy / sxx;
}

test('modularArithmetic: every pair once, c = (a op b) mod p, one-hot inputs', () => {
  const p = 7;
  const expect: Record<string, (a: number, b: number) => number> = {
    '+': (a, b) => (a + b) % p, '-': (a, b) => (a - b + p) % p, '*': (a, b) => (a * b) % p,
    '/': (a, b) => { for (let c = 0; c < p; c++) if ((c * b) % p === a) return c; return -1; },
  };
  for (const op of ['+', '-', '*', '/'] as const) {
    const t = modularArithmetic({ p, op, rng: rng('test-mod') });
    const n = op === '/' ? p * (p - 1) : p * p;
    assert.deepEqual(t.dataset.shape, [n, 2 * p]);
    const pairs = new Set<string>();
    for (let r = 0; r < n; r++) {
      const a = t.a[r]!;
      const b = t.b[r]!;
      pairs.add(`${a},${b}`);
      assert.equal(t.dataset.y[r], expect[op]!(a, b), `${a} ${op} ${b}`);
      const row = Array.from(t.dataset.x.subarray(r * 2 * p, (r + 1) * 2 * p));
      assert.equal(row.reduce((s, v) => s + v, 0), 2);
      assert.equal(row[a], 1);
      assert.equal(row[p + b], 1);
    }
    assert.equal(pairs.size, n);
  }
  assert.equal(modularArithmetic({ p: 97, rng: rng('m') }).dataset.shape[0], 9409);
  assert.throws(() => modularArithmetic({ p: 8, op: '/', rng: rng('m') }), /modularArithmetic\(p\): expected a prime for op '\/'.*, got 8/);
});

test('modularArithmetic: split is disjoint, covers every row, has the asked size, and is seeded', () => {
  const t = modularArithmetic({ p: 31, op: '*', trainFraction: 0.3, rng: rng('mod-split') });
  assert.equal(t.train.length, Math.round(0.3 * 961));
  const all = [...t.train, ...t.test].sort((x, y) => x - y);
  assert.deepEqual(all, Array.from({ length: 961 }, (_, i) => i));
  const again = modularArithmetic({ p: 31, op: '*', trainFraction: 0.3, rng: rng('mod-split') });
  assert.deepEqual(again.train, t.train);
  const other = modularArithmetic({ p: 31, op: '*', trainFraction: 0.3, rng: rng('mod-split', 1) });
  assert.notDeepEqual(other.train, t.train);
  assert.equal(takeRows(t.dataset, t.train).shape[0], t.train.length);
});

test('gaussianTeacher: shapes, ||w*|| = r, residual variance ~ sigma^2, same stream same data', () => {
  const d = 40;
  const sigma = 0.5;
  const t = gaussianTeacher({ d, nTrain: 20000, nTest: 10, noiseStd: sigma, signalNorm: 2, rng: rng('teacher') });
  assert.deepEqual(t.train.shape, [20000, d]);
  assert.deepEqual(t.test.shape, [10, d]);
  assert.ok(Math.abs(Math.hypot(...t.wStar) - 2) < 1e-12);
  let ss = 0;
  let xx = 0;
  for (let i = 0; i < 20000; i++) {
    let dot = 0;
    for (let j = 0; j < d; j++) { dot += t.train.x[i * d + j]! * t.wStar[j]!; xx += t.train.x[i * d + j]! ** 2; }
    ss += (t.train.y[i]! - dot) ** 2;
  }
  // Var of the sample variance of 20,000 N(0, 0.25) draws: sd ~ 0.25 * sqrt(2/20000) = 0.0025.
  assert.ok(Math.abs(ss / 20000 - sigma ** 2) < 0.0125, `residual variance ${ss / 20000}`);
  assert.ok(Math.abs(xx / (20000 * d) - 1) < 0.02, `E[x^2] ${xx / (20000 * d)}`);
  const again = gaussianTeacher({ d, nTrain: 20000, nTest: 500, noiseStd: sigma, signalNorm: 2, rng: rng('teacher') });
  assert.deepEqual(again.train.x, t.train.x); // nTest changed: train draws are unaffected (child streams)
  assert.deepEqual(again.train.y, t.train.y);
  assert.deepEqual(again.wStar, t.wStar);
  const noiseless = gaussianTeacher({ d: 3, nTrain: 5, rng: rng('t0') });
  for (let i = 0; i < 5; i++) {
    const dot = [0, 1, 2].reduce((s, j) => s + noiseless.train.x[i * 3 + j]! * noiseless.wStar[j]!, 0);
    assert.ok(Math.abs(noiseless.train.y[i]! - dot) < 1e-6);
  }
  assert.throws(() => gaussianTeacher({ d: 0, nTrain: 5, rng: rng('t') }), /gaussianTeacher\(d\): expected a positive integer, got 0/);
});

test('fft: matches a direct DFT for power-of-two and other lengths; inverse round-trips', () => {
  for (const n of [8, 6]) {
    const r = rng(`fft${n}`);
    const re = Float64Array.from({ length: n }, () => r.normal());
    const im = Float64Array.from({ length: n }, () => r.normal());
    const [fr, fi] = [re.slice(), im.slice()];
    fft1d(fr, fi);
    for (let k = 0; k < n; k++) {
      let sr = 0;
      let si = 0;
      for (let t = 0; t < n; t++) {
        const a = (-2 * Math.PI * k * t) / n;
        sr += re[t]! * Math.cos(a) - im[t]! * Math.sin(a);
        si += re[t]! * Math.sin(a) + im[t]! * Math.cos(a);
      }
      assert.ok(Math.abs(fr[k]! - sr) < 1e-9 && Math.abs(fi[k]! - si) < 1e-9, `n=${n} k=${k}`);
    }
    const [r2, i2] = [re.slice(), im.slice()];
    fft2d(r2, i2, 2, n / 2);
    fft2d(r2, i2, 2, n / 2, true);
    r2.forEach((v, i) => assert.ok(Math.abs(v - re[i]!) < 1e-12));
  }
});

test('powerLawNoiseImage: in [0, 1], seeded, and its power spectrum falls with slope ~ -2 (log-log)', () => {
  const img = powerLawNoiseImage({ height: 128, width: 128, rng: rng('noise') });
  assert.equal(img.data.length, 128 * 128);
  assert.equal(Math.min(...img.data), 0);
  assert.equal(Math.max(...img.data), 1);
  assert.deepEqual(powerLawNoiseImage({ height: 128, width: 128, rng: rng('noise') }).data, img.data);
  // Over 20 seeds at 128 x 128 the fitted slope had sd 0.028 (beta = 2) and 0.026 (beta = 0): ±0.1 is ~3.5 sd.
  const slope = spectrumSlope(img);
  assert.ok(Math.abs(slope + 2) < 0.1, `slope ${slope}`);
  const white = spectrumSlope(powerLawNoiseImage({ height: 128, width: 128, exponent: 0, rng: rng('noise') }));
  assert.ok(Math.abs(white) < 0.1, `white-noise slope ${white}`);
  const odd = powerLawNoiseImage({ height: 96, width: 120, channels: 3, rng: rng('noise') }); // direct-DFT path
  assert.equal(odd.data.length, 96 * 120 * 3);
  assert.ok(Math.abs(spectrumSlope(odd) + 2) < 0.2, `slope ${spectrumSlope(odd)}`);
});

test('shapesImage and glyphImage: in [0, 1], seeded, sizes, and actually drawn', () => {
  for (const make of [shapesImage, glyphImage]) {
    const img = make({ height: 64, width: 96, rng: rng(`img-${make.name}`) });
    assert.equal(img.data.length, 64 * 96 * 3);
    assert.ok(img.data.every((v) => v >= 0 && v <= 1));
    assert.deepEqual(make({ height: 64, width: 96, rng: rng(`img-${make.name}`) }).data, img.data);
    assert.notDeepEqual(make({ height: 64, width: 96, rng: rng(`img-${make.name}`, 1) }).data, img.data);
    const distinct = new Set(Array.from(img.data.subarray(0, 64 * 96 * 3), (v) => v.toFixed(3)));
    assert.ok(distinct.size > 5, `${make.name}: ${distinct.size} distinct values`);
  }
  const text = glyphImage({ height: 64, width: 128, channels: 1, rng: rng('glyph') });
  const ink = text.data.filter((v) => v < 0.9).length / text.data.length;
  assert.ok(ink > 0.03 && ink < 0.5, `ink share ${ink}`);
  assert.throws(() => shapesImage({ height: 0, width: 8, rng: rng('s') }), /shapesImage\(height\): expected an integer in 1\.\.4096 \(pixels\), got 0/);
});

test('imageCoordinates: (col/w, row/h) in raster order with the pixel values', () => {
  const img = shapesImage({ height: 4, width: 8, channels: 1, rng: rng('coords') });
  const { coords, values } = imageCoordinates(img);
  assert.equal(coords.length, 4 * 8 * 2);
  assert.deepEqual([coords[(1 * 8 + 3) * 2], coords[(1 * 8 + 3) * 2 + 1]], [3 / 8, 1 / 4].map(Math.fround));
  assert.deepEqual(values, img.data);
});
