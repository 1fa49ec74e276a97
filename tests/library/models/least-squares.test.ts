import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix, solve } from 'ml-matrix';
import { fitLeastSquares, kernelRidge } from '../../../src/library/models/index';
import { nativeBinding } from '../../../src/library/native/index';
import { gaussian, maxRelDiff, oracleOnce, testRng, type OracleCase } from './helpers';

// Shapes around the interpolation threshold d = n, where Belkin et al. 2019's test error peaks
// and cond(X) is largest: over-determined, square, one off either way, under-determined.
const SHAPES: [number, number, number][] = [[40, 12, 1], [25, 25, 1], [30, 29, 2], [29, 30, 1], [12, 40, 2], [5, 60, 1]];
const RIDGES = [0.5, 2, 1e-3, 10, 1, 0.1];
const r = testRng('least-squares');
const CASES = SHAPES.map(([n, d, k]) => ({ X: gaussian(r, n, d), y: gaussian(r, n, k) }));
// Column 9 = column 0 + 2 * column 1: rank 9.
const DEFICIENT = { X: gaussian(r, 20, 10).map((row) => [...row.slice(0, 9), row[0]! + 2 * row[1]!]), y: gaussian(r, 20, 1) };
const KERNEL = { X: gaussian(r, 25, 3), y: gaussian(r, 25, 2), Xtest: gaussian(r, 8, 3) };
const KERNEL_SETTINGS = [{ sigma: 1, ridge: 0.1 }, { sigma: 2.5, ridge: 1e-3 }, { sigma: 0.7, ridge: 0 }];

// One Python process answers every test of this file.
const ask = oracleOnce(() => ({
  lstsq: CASES.map((c): OracleCase => ({ kind: 'lstsq', ...c })),
  pinv: CASES.map((c): OracleCase => ({ kind: 'pinv', ...c })),
  ridge: CASES.map((c, i): OracleCase => ({ kind: 'ridge', ...c, ridge: RIDGES[i] })),
  deficient: [{ kind: 'lstsq', ...DEFICIENT }],
  kernel: KERNEL_SETTINGS.map((s): OracleCase => ({ kind: 'kernelRidge', ...KERNEL, ...s })),
}));

const shapeOf = (X: number[][]): string => `${X.length}x${X[0]!.length}`;

test('fitLeastSquares (ridge 0) equals numpy.linalg.lstsq and pinv(X) @ y to 1e-9, over- and under-determined', () => {
  const { lstsq, pinv } = ask();
  CASES.forEach((c, i) => {
    const fit = fitLeastSquares(c.X, c.y);
    const w = fit.weights.to2DArray();
    assert.ok(maxRelDiff(w, lstsq[i]!.w!) < 1e-9, `${shapeOf(c.X)} vs lstsq: ${maxRelDiff(w, lstsq[i]!.w!)}`);
    assert.ok(maxRelDiff(w, pinv[i]!.w!) < 1e-9, `${shapeOf(c.X)} vs pinv: ${maxRelDiff(w, pinv[i]!.w!)}`);
    assert.equal(fit.rank, Math.min(c.X.length, c.X[0]!.length));
    assert.equal(fit.solver, nativeBinding() ? 'svd' : 'qr'); // native: LAPACK dgelsd, numpy's routine
    // The SVD path (forced by passing rcond) gives the same answer.
    const viaSvd = fitLeastSquares(c.X, c.y, { rcond: Number.EPSILON * Math.max(c.X.length, c.X[0]!.length) });
    assert.equal(viaSvd.solver, 'svd');
    assert.ok(maxRelDiff(viaSvd.weights.to2DArray(), lstsq[i]!.w!) < 1e-9, `${shapeOf(c.X)} svd vs lstsq`);
  });
});

test('fitLeastSquares: with more features than rows it interpolates, with the least norm', () => {
  const rr = testRng('min-norm');
  const X = gaussian(rr, 10, 30);
  const y = gaussian(rr, 10, 1).map((row) => row[0]!);
  const fit = fitLeastSquares(X, y);
  const pred = fit.predict(X).getColumn(0);
  pred.forEach((p, i) => assert.ok(Math.abs(p - y[i]!) < 1e-10, `row ${i}: ${p} vs ${y[i]}`));
  // Any other interpolant w + v (v in the null space of X) is longer: w lies in the row space of X.
  const A = new Matrix(X);
  const w = fit.weights;
  const rowSpace = A.transpose().mmul(solve(A.mmul(A.transpose()), A.mmul(w))); // projection of w on the row space
  for (let j = 0; j < 30; j++) assert.ok(Math.abs(rowSpace.get(j, 0) - w.get(j, 0)) < 1e-10, `w[${j}] outside the row space`);
});

test('fitLeastSquares: a rank-deficient X gets numpy\'s rank and minimum-norm answer (SVD path)', () => {
  const fit = fitLeastSquares(DEFICIENT.X, DEFICIENT.y);
  assert.equal(fit.rank, 9);
  assert.equal(fit.solver, 'svd');
  const np = ask().deficient[0]!.w!;
  assert.ok(maxRelDiff(fit.weights.to2DArray(), np) < 1e-9, String(maxRelDiff(fit.weights.to2DArray(), np)));
});

test('fitLeastSquares with ridge equals sklearn Ridge(fit_intercept=False), tall and wide X', () => {
  const { ridge } = ask();
  CASES.forEach((c, i) => {
    const w = fitLeastSquares(c.X, c.y, { ridge: RIDGES[i] }).weights.to2DArray();
    assert.ok(maxRelDiff(w, ridge[i]!.w!) < 1e-9, `${shapeOf(c.X)} ridge ${RIDGES[i]}: ${maxRelDiff(w, ridge[i]!.w!)}`);
  });
});

test('kernelRidge equals sklearn KernelRidge(kernel="rbf", gamma=1/(2 sigma^2)); ridge 0 interpolates', () => {
  const { kernel } = ask();
  KERNEL_SETTINGS.forEach((s, i) => {
    const pred = kernelRidge(KERNEL.X, KERNEL.y, s).predict(KERNEL.Xtest).to2DArray();
    assert.ok(maxRelDiff(pred, kernel[i]!.pred!) < 1e-9, `sigma ${s.sigma} ridge ${s.ridge}: ${maxRelDiff(pred, kernel[i]!.pred!)}`);
  });
  const interp = kernelRidge(KERNEL.X, KERNEL.y, { sigma: 0.7 }).predict(KERNEL.X).to2DArray();
  assert.ok(maxRelDiff(interp, KERNEL.y) < 1e-8, `training points are interpolated: ${maxRelDiff(interp, KERNEL.y)}`);
});

test('fitLeastSquares / kernelRidge: bad input names the argument', () => {
  assert.throws(() => fitLeastSquares([[1, 2], [3]], [1, 2]), /fitLeastSquares\(X\)\[1\]: expected a row of 2 numbers, got length 1/);
  assert.throws(() => fitLeastSquares([[1, 2], [3, 4]], [1, 2, 3]), /fitLeastSquares\(y\): expected 2 rows \(one per row of X\), got 3/);
  assert.throws(() => fitLeastSquares([[1, NaN]], [1]), /fitLeastSquares\(X\)\[0\]\[1\]: expected a finite number, got NaN/);
  assert.throws(() => fitLeastSquares([[1]], [1], { ridge: -1 }), /fitLeastSquares\(ridge\): expected a finite number >= 0, got -1/);
  assert.throws(() => kernelRidge([[1]], [1], { sigma: 0 }), /kernelRidge\(sigma\): expected a finite number > 0, got 0/);
  assert.throws(() => fitLeastSquares([[1, 2]], [1]).predict([[1, 2, 3]]), /predict\(X\): expected 2 columns, got 3/);
});
