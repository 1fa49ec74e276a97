import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Matrix } from 'ml-matrix';
import { flipLabels, featureSweep, hastieRisk, peakOf, simulateMinNormRisk } from './double-descent';
import { randomFourierFeatures } from '../../src/library/models/index';
import { nativeBinding } from '../../src/library/native/index';
import { rng, type Rng } from '../../src/library/random/index';

const stream = (name: string): Rng => rng('tests').child('double-descent').child(name);
const gaussian = (r: Rng, n: number, d: number): number[][] => Array.from({ length: n }, () => Array.from({ length: d }, () => r.normal()));
const close = (a: number, b: number, rel: number, what: string): void => assert.ok(Math.abs(a - b) <= rel * Math.abs(b), `${what}: ${a} vs ${b} (rel ${rel})`);

test('hastieRisk: the two branches of Hastie et al. Thm. 1, the pole at gamma = 1, bad gamma', () => {
  const s = { signalNorm: 1, noiseStd: 0.5 };
  close(hastieRisk(0.5, s), 0.25, 1e-15, 'gamma 0.5: sigma^2 gamma/(1-gamma)');
  close(hastieRisk(2, s), 0.5 + 0.25, 1e-15, 'gamma 2: r^2/2 + sigma^2');
  close(hastieRisk(1e6, { signalNorm: 3, noiseStd: 1 }), 9, 1e-5, 'gamma -> infinity: null risk r^2');
  assert.equal(hastieRisk(1, s), Infinity);
  assert.equal(hastieRisk(1, { signalNorm: 1, noiseStd: 0 }), 0);
  assert.throws(() => hastieRisk(0, s), /hastieRisk\(gamma\)/);
});

// Exact finite-n expectations for a Gaussian design (Wishart moments): E tr((X^T X)^-1) = p/(n-p-1) for p < n,
// and for p > n bias r^2 (1 - n/p) plus variance sigma^2 n/(p-n-1). The simulation must land on them.
test('simulateMinNormRisk: matches the exact finite-n Gaussian expectations on both sides of the threshold', () => {
  const o = { signalNorm: 1, noiseStd: 0.5, n: 60, reps: 6, targetsPerDraw: 60 };
  const under = simulateMinNormRisk({ ...o, p: 30, rng: stream('under') });
  close(under.mean, 0.25 * 30 / (60 - 30 - 1), 0.08, 'p = 30 < n = 60');
  const over = simulateMinNormRisk({ ...o, p: 120, rng: stream('over') });
  close(over.mean, (1 - 60 / 120) + 0.25 * 60 / (120 - 60 - 1), 0.05, 'p = 120 > n = 60');
  assert.equal(over.risks.length, 6);
  assert.deepEqual(simulateMinNormRisk({ ...o, p: 120, rng: stream('over') }).risks, over.risks, 'same stream, same draws');
  assert.throws(() => simulateMinNormRisk({ ...o, p: 0, rng: stream('x') }), /simulateMinNormRisk\(p\)/);
});

test('flipLabels: exactly round(fraction n) labels change, never to their own class; seeded', () => {
  const labels = Array.from({ length: 203 }, (_, i) => i % 10);
  const noisy = flipLabels(labels, 0.3, 10, stream('noise'));
  assert.equal(noisy.filter((y, i) => y !== labels[i]).length, Math.round(0.3 * 203));
  assert.ok(noisy.every((y) => y >= 0 && y < 10));
  assert.deepEqual(flipLabels(labels, 0.3, 10, stream('noise')), noisy);
  assert.deepEqual(Array.from(flipLabels(labels, 0, 10, stream('noise'))), labels);
  assert.throws(() => flipLabels(labels, 1.5, 10, stream('noise')), /fraction/);
});

test('featureSweep: losses and norms equal numpy lstsq / ridge on the rescaled nested features', () => {
  const r = stream('sweep');
  const [Xtr, Xte] = [gaussian(r, 30, 4), gaussian(r, 50, 4)];
  const label = (x: number[]): number => (x[0]! + 0.5 * x[1]! > 0 ? 1 : 0) + (x[2]! > 0.5 ? 1 : 0);
  const [ytr, yte] = [Xtr.map(label), Xte.map(label)];
  const rff = randomFourierFeatures({ inputDim: 4, nFeatures: 120, sigma: 1.5, rng: r.child('features') });
  const [F, G] = [rff.map(Xtr), rff.map(Xte)];
  const Ns = [10, 29, 30, 31, 60, 120];
  for (const ridge of [0, 0.01]) {
    const ours = featureSweep({ trainFeatures: F, testFeatures: G, trainLabels: ytr, testLabels: yte, nClasses: 3, nFeatures: Ns, ridge });
    const res = spawnSync('/usr/bin/python3', [join(__dirname, 'oracle.py')], { input: JSON.stringify({ F: F.to2DArray(), G: G.to2DArray(), ytrain: ytr, ytest: yte, k: 3, Ns, ridge }) });
    assert.equal(res.status, 0, res.stderr.toString());
    const ref = JSON.parse(res.stdout.toString()) as { sq: number; zo: number; norm: number }[];
    ours.forEach((p, i) => {
      // At N = n = 30 cond(X) is large: the two solvers agree to fewer digits there.
      const rel = Ns[i] === 30 ? 1e-4 : 1e-8;
      close(p.testSquaredLoss, ref[i]!.sq, rel, `ridge ${ridge} N ${Ns[i]} squared loss`);
      close(p.weightNorm, ref[i]!.norm, rel, `ridge ${ridge} N ${Ns[i]} norm`);
      assert.equal(p.testZeroOne, ref[i]!.zo, `ridge ${ridge} N ${Ns[i]} zero-one`);
    });
    if (ridge === 0) assert.ok(ours.filter((p) => p.nFeatures >= 30).every((p) => p.trainSquaredLoss < 1e-12), 'interpolates from N = n on');
  }
  // Rescaling makes the first N columns of the 120-feature map the N-feature map itself.
  const small = randomFourierFeatures({ inputDim: 4, nFeatures: 60, sigma: 1.5, rng: r.child('features') });
  const direct = featureSweep({ trainFeatures: small.map(Xtr), testFeatures: small.map(Xte), trainLabels: ytr, testLabels: yte, nClasses: 3, nFeatures: [60] })[0]!;
  const nested = featureSweep({ trainFeatures: F, testFeatures: G, trainLabels: ytr, testLabels: yte, nClasses: 3, nFeatures: [60] })[0]!;
  close(nested.weightNorm, direct.weightNorm, 1e-9, 'norm, nested vs direct 60-feature map');
  assert.throws(() => featureSweep({ trainFeatures: F, testFeatures: G, trainLabels: ytr, testLabels: yte, nClasses: 3, nFeatures: [121] }), /featureSweep\(nFeatures\)/);
  assert.equal(peakOf(featureSweep({ trainFeatures: F, testFeatures: G, trainLabels: ytr, testLabels: yte, nClasses: 3, nFeatures: [10, 30, 120] }), 'weightNorm').nFeatures, 30);
});

// JS path: bit-identical to ml-matrix. Native path: dgemm sums in its own order, so within 1e-15.
test('randomFourierFeatures.map is bit-identical to ml-matrix X W (within 1e-15 on the native path), zeros in X included', () => {
  const r = stream('map');
  const X = gaussian(r, 7, 5).map((row) => row.map((v) => (v > 0.3 ? v : 0))); // sparse, like MNIST pixels
  const rff = randomFourierFeatures({ inputDim: 5, nFeatures: 9, sigma: 2, rng: r.child('features') });
  const phi = rff.map(X);
  // Reference: the same draws through ml-matrix's own mmul (the map's implementation before it skipped zeros).
  const Wr = r.child('features').child('W');
  const W = new Matrix(5, 9);
  for (let k = 0; k < 9; k++) for (let j = 0; j < 5; j++) W.set(j, k, Wr.normal(0, 1 / 2));
  const b = r.child('features').child('b');
  const offset = Array.from({ length: 9 }, () => b.uniform(0, 2 * Math.PI));
  const Z = new Matrix(X).mmul(W);
  const exact = !nativeBinding();
  for (let i = 0; i < 7; i++) {
    for (let k = 0; k < 9; k++) {
      const want = Math.sqrt(2 / 9) * Math.cos(Z.get(i, k) + offset[k]!);
      if (exact) assert.equal(phi.get(i, k), want);
      else assert.ok(Math.abs(phi.get(i, k) - want) <= 1e-15, `[${i}][${k}] ${phi.get(i, k)} vs ${want}`);
    }
  }
});
