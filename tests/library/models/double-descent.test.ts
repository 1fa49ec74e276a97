import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitLeastSquares, randomFourierFeatures } from '../../../src/library/models/index';
import { gaussian, testRng } from './helpers';

// End to end, the estimator of Belkin et al. 2019 (Fig. 2, random Fourier features): least-norm
// least squares on N features of n = 100 noisy points. Test error and ||w|| peak at the
// interpolation threshold N = n and fall again as N grows. Seeded, so the numbers are fixed;
// the margins (x10) leave room for a different but equally valid float64 solver.
test('least-norm random-feature regression shows the double-descent peak at N = n', () => {
  const r = testRng('double-descent');
  const u = [0.5, -0.5, 0.25, 0, 1];
  const f = (x: number[]): number => Math.sin(x.reduce((s, v, i) => s + v * u[i]!, 0));
  const [Xtr, Xte] = [gaussian(r, 100, 5), gaussian(r, 500, 5)];
  const ytr = Xtr.map((x) => f(x) + 0.1 * r.normal());
  const yte = Xte.map(f);
  const rff = randomFourierFeatures({ inputDim: 5, nFeatures: 2000, sigma: 2, rng: r.child('features') });
  const [Ptr, Pte] = [rff.map(Xtr).to2DArray(), rff.map(Xte).to2DArray()];
  const run = (N: number): { mse: number; norm: number } => {
    // Features are nested, so the first N columns of the 2000 are exactly the N-feature map.
    const fit = fitLeastSquares(Ptr.map((row) => row.slice(0, N)), ytr);
    const pred = fit.predict(Pte.map((row) => row.slice(0, N))).getColumn(0);
    const w = fit.weights.getColumn(0);
    return { mse: pred.reduce((s, p, i) => s + (p - yte[i]!) ** 2, 0) / yte.length, norm: Math.sqrt(w.reduce((s, v) => s + v * v, 0)) };
  };
  const [under, peak, over] = [run(50), run(100), run(2000)];
  assert.ok(peak.mse > 10 * under.mse && peak.mse > 10 * over.mse, `test MSE N=50 ${under.mse}, N=100 ${peak.mse}, N=2000 ${over.mse}`);
  assert.ok(peak.norm > 10 * over.norm, `||w|| N=100 ${peak.norm}, N=2000 ${over.norm}`);
});
