// The float64 solvers against numpy / scipy / scikit-learn on both paths: run this file once as is
// (native LAPACK when the addon is built) and once with PAPERLAB_NATIVE=off (the JS path).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from 'ml-matrix';
import { fitLeastSquares, kernelRidge, kernelRidgePrecomputed, qr, rbfKernel, svd } from '../../../src/library/models/index';
import { nativeBinding, nativeStatus } from '../../../src/library/native/index';
import { gaussian, maxRelDiff, oracleOnce, testRng, type OracleCase } from './helpers';

const TOL = 1e-10;
const r = testRng('linalg');
const native = nativeBinding();
const shape = (X: number[][]): string => `${X.length}x${X[0]!.length}`;
/** Columns scaled by 10^0 .. 10^-decades: cond(X) ~ 10^decades. */
const graded = (X: number[][], decades: number): number[][] => X.map((row) => row.map((v, j) => v * 10 ** (-decades * j / (row.length - 1))));
/** Rank `rank` matrix: product of rows x rank and rank x cols Gaussians. */
const lowRank = (rows: number, cols: number, rank: number): number[][] => new Matrix(gaussian(r, rows, rank)).mmul(new Matrix(gaussian(r, rank, cols))).to2DArray();

const LSTSQ = [
  { name: 'tall', X: gaussian(r, 60, 20), y: gaussian(r, 60, 2), rank: 20 },
  { name: 'wide', X: gaussian(r, 20, 60), y: gaussian(r, 20, 1), rank: 20 },
  { name: 'square', X: gaussian(r, 50, 50), y: gaussian(r, 50, 1), rank: 50 },
  { name: 'rank-deficient tall', X: lowRank(40, 12, 7), y: gaussian(r, 40, 2), rank: 7 },
  { name: 'rank-deficient wide', X: lowRank(9, 30, 5), y: gaussian(r, 9, 1), rank: 5 },
];
const RIDGE = [
  { name: 'n > d', X: gaussian(r, 60, 20), y: gaussian(r, 60, 2), ridge: 0.5 },
  { name: 'n < d', X: gaussian(r, 20, 60), y: gaussian(r, 20, 1), ridge: 2 },
  { name: 'd = n', X: gaussian(r, 50, 50), y: gaussian(r, 50, 1), ridge: 1e-3 },
  { name: 'd = n - 1', X: gaussian(r, 50, 49), y: gaussian(r, 50, 2), ridge: 1e-2 },
];
// cond(X^T X + lambda I) ~ 1e12: the native path leaves the Gram matrix for the stacked QR; the
// reference is numpy's lstsq of the stacked system (sklearn's Cholesky loses digits here).
const ILL = { X: graded(gaussian(r, 40, 30), 6), y: gaussian(r, 40, 1), ridge: 1e-12 };
const KR = { X: gaussian(r, 30, 4), y: gaussian(r, 30, 2), Xtest: gaussian(r, 9, 4) };
const KR_SETTINGS = [{ sigma: 1.5, ridge: 0 }, { sigma: 1, ridge: 0.1 }, { sigma: 3, ridge: 1e-4 }];
const DECOMP = [gaussian(r, 30, 8), gaussian(r, 8, 30), gaussian(r, 12, 12)];
const RBF = { X: gaussian(r, 25, 6).map((row) => row.map((v) => 3 * v)), Xtest: gaussian(r, 7, 6) };

const ask = oracleOnce(() => ({
  lstsq: LSTSQ.map((c): OracleCase => ({ kind: 'lstsq', X: c.X, y: c.y })),
  ridge: RIDGE.map((c): OracleCase => ({ kind: 'ridge', X: c.X, y: c.y, ridge: c.ridge })),
  ill: [{ kind: 'ridgeStacked', X: ILL.X, y: ILL.y, ridge: ILL.ridge }],
  kr: KR_SETTINGS.map((s): OracleCase => ({ kind: 'kernelRidge', ...KR, ...s })),
  krPre: KR_SETTINGS.map((s): OracleCase => ({ kind: 'kernelRidgePrecomputed', ...KR, ...s })),
  qr: DECOMP.map((X): OracleCase => ({ kind: 'qr', X })),
  svd: DECOMP.map((X): OracleCase => ({ kind: 'svd', X })),
  rbf: [{ kind: 'rbf', X: RBF.X, sigma: 2 }, { kind: 'rbf', X: RBF.X, Xtest: RBF.Xtest, sigma: 2 }],
}));

const close = (got: number[][], want: number[][], what: string, tol = TOL): void => {
  const diff = maxRelDiff(got, want);
  assert.ok(diff < tol, `${what}: max relative difference ${diff}`);
};

test('the native path runs when the addon is built (skipped, with the reason, when it is off for a build reason)', (t) => {
  if (process.env.PAPERLAB_NATIVE === 'off') return t.skip('PAPERLAB_NATIVE=off: the JS path is under test');
  const status = nativeStatus();
  if (!status.on && process.env.PAPERLAB_REQUIRE_NATIVE !== '1') return t.skip(`native compute off: ${status.reason}`);
  assert.ok(status.on, `native compute off: ${status.on ? '' : status.reason}`);
  assert.ok(native, 'nativeBinding() returns the addon');
});

test('fitLeastSquares (ridge 0) equals numpy.linalg.lstsq: tall, wide, square, rank-deficient', () => {
  const { lstsq } = ask();
  LSTSQ.forEach((c, i) => {
    const fit = fitLeastSquares(c.X, c.y);
    close(fit.weights.to2DArray(), lstsq[i]!.w!, c.name);
    assert.equal(fit.rank, c.rank, `${c.name} rank`);
    assert.equal(lstsq[i]!.rank, c.rank, `${c.name} numpy's rank`);
    if (native) assert.equal(fit.solver, 'svd');
  });
});

test('fitLeastSquares with ridge equals sklearn Ridge(fit_intercept=False): n > d, n < d, near d = n', () => {
  const { ridge } = ask();
  RIDGE.forEach((c, i) => {
    const fit = fitLeastSquares(c.X, c.y, { ridge: c.ridge });
    close(fit.weights.to2DArray(), ridge[i]!.w!, `${c.name} (${shape(c.X)}, ridge ${c.ridge})`);
    assert.equal(fit.solver, native ? 'cholesky' : 'qr', c.name);
  });
});

test('ridge with an ill-conditioned Gram matrix takes the stacked QR and stays accurate', () => {
  const fit = fitLeastSquares(ILL.X, ILL.y, { ridge: ILL.ridge });
  assert.equal(fit.solver, 'qr');
  close(fit.weights.to2DArray(), ask().ill[0]!.w!, 'graded 40x30, ridge 1e-12', 1e-8);
});

test('kernelRidge (RBF) equals sklearn KernelRidge, ridge 0 and > 0; ridge 0 interpolates', () => {
  const { kr } = ask();
  KR_SETTINGS.forEach((s, i) => {
    const fit = kernelRidge(KR.X, KR.y, s);
    close(fit.predict(KR.Xtest).to2DArray(), kr[i]!.pred!, `sigma ${s.sigma} ridge ${s.ridge}`);
    assert.equal(fit.solver, s.ridge > 0 ? 'cholesky' : 'lstsq');
  });
  close(kernelRidge(KR.X, KR.y, { sigma: 1.5 }).predict(KR.X).to2DArray(), KR.y, 'interpolation', 1e-8);
});

test('kernelRidgePrecomputed equals sklearn KernelRidge(kernel="precomputed") and kernelRidge, one kernel for a penalty sweep', () => {
  const { krPre } = ask();
  KR_SETTINGS.forEach((s, i) => {
    const K = rbfKernel(KR.X, KR.X, s.sigma);
    const Kt = rbfKernel(KR.Xtest, KR.X, s.sigma);
    const before = K.to2DArray();
    const pred = kernelRidgePrecomputed(K, KR.y, { ridge: s.ridge }).predict(Kt).to2DArray();
    close(pred, krPre[i]!.pred!, `precomputed sigma ${s.sigma} ridge ${s.ridge}`);
    assert.deepEqual(K.to2DArray(), before, 'the kernel matrix is not modified');
    assert.deepEqual(pred, kernelRidge(KR.X, KR.y, s).predict(KR.Xtest).to2DArray(), 'same bits as kernelRidge');
  });
});

test('kernelRidgePrecomputed: a singular kernel (duplicate points) falls back to the least-norm solve', () => {
  const X = [...KR.X.slice(0, 10), ...KR.X.slice(0, 3)];
  const y = [...KR.y.slice(0, 10), ...KR.y.slice(0, 3)].map((row) => row[0]!);
  const K = rbfKernel(X, X, 1);
  const fit = kernelRidgePrecomputed(K, y);
  assert.equal(fit.solver, 'lstsq');
  close(fit.predict(K).to2DArray(), y.map((v) => [v]), 'interpolates the duplicated points', 1e-8);
});

test('qr equals numpy.linalg.qr (signs fixed: diag(R) >= 0), tall, wide, square', () => {
  const { qr: ref } = ask();
  DECOMP.forEach((X, i) => {
    const { Q, R } = qr(X);
    close(Q.to2DArray(), ref[i]!.Q!, `${shape(X)} Q`);
    close(R.to2DArray(), ref[i]!.R!, `${shape(X)} R`);
    close(Q.transpose().mmul(Q).to2DArray(), Matrix.eye(Q.columns).to2DArray(), `${shape(X)} Q^T Q = I`, 1e-13);
  });
});

test('svd equals numpy.linalg.svd(full_matrices=False) (signs fixed), tall, wide, square', () => {
  const { svd: ref } = ask();
  DECOMP.forEach((X, i) => {
    const { U, s, Vt } = svd(X);
    close([Array.from(s)], ref[i]!.s!, `${shape(X)} s`);
    close(U.to2DArray(), ref[i]!.U!, `${shape(X)} U`, 1e-9);
    close(Vt.to2DArray(), ref[i]!.Vt!, `${shape(X)} Vt`, 1e-9);
    close(U.mmul(Matrix.diag(Array.from(s))).mmul(Vt).to2DArray(), X, `${shape(X)} U S Vt = X`, 1e-13);
  });
});

test('rbfKernel equals sklearn rbf_kernel; K(X, X) has an exact unit diagonal', () => {
  const { rbf } = ask();
  const K = rbfKernel(RBF.X, RBF.X, 2);
  close(K.to2DArray(), rbf[0]!.K!, 'K(X, X)');
  close(rbfKernel(RBF.Xtest, RBF.X, 2).transpose().to2DArray(), rbf[1]!.K!, 'K(Xtest, X)^T = K(X, Xtest)');
  for (let i = 0; i < K.rows; i++) assert.equal(K.get(i, i), 1);
});

test('determinism: the same inputs and thread count give bit-identical outputs', () => {
  const rr = testRng('linalg-determinism');
  const X = gaussian(rr, 300, 200);
  const y = gaussian(rr, 300, 1);
  const run = (): number[][][] => [
    fitLeastSquares(X, y).weights.to2DArray(),
    fitLeastSquares(X, y, { ridge: 0.1 }).weights.to2DArray(),
    kernelRidge(X, y, { sigma: 20, ridge: 1e-3 }).alpha.to2DArray(),
    svd(X).U.to2DArray(),
    qr(X).R.to2DArray(),
  ];
  assert.deepEqual(run(), run());
});

test('thread count: 1 vs 2 threads, which functions change bits (reported, not asserted)', (t) => {
  if (!native) return t.skip('the JS path is single-threaded');
  const before = native.info().threads;
  const rr = testRng('linalg-threads');
  const X = gaussian(rr, 600, 500);
  const y = gaussian(rr, 600, 2);
  const runs: Record<string, () => number[][]> = {
    lstsq: () => fitLeastSquares(X, y).weights.to2DArray(),
    ridge: () => fitLeastSquares(X, y, { ridge: 1 }).weights.to2DArray(),
    kernelRidge: () => kernelRidge(X, y, { sigma: 30, ridge: 1e-3 }).alpha.to2DArray(),
    rbfKernel: () => rbfKernel(X, X, 30).to2DArray(),
    qr: () => qr(X).R.to2DArray(),
    svd: () => svd(X).U.to2DArray(),
  };
  try {
    for (const [name, f] of Object.entries(runs)) {
      native.setThreads(1);
      const one = f();
      native.setThreads(2);
      const two = f();
      const diff = maxRelDiff(one, two);
      t.diagnostic(`${name}: ${diff === 0 ? 'bit-identical' : `max relative difference ${diff.toExponential(2)}`} with 1 vs 2 threads`);
      assert.ok(diff < 1e-9, `${name}: 1 vs 2 threads differ by ${diff}`);
    }
  } finally {
    native.setThreads(before);
  }
});

test('bad input names the argument and what was expected', () => {
  assert.throws(() => kernelRidgePrecomputed([[1, 0.5]], [1]), /kernelRidgePrecomputed\(K\): expected a square kernel matrix \(n x n\), got 1 x 2/);
  assert.throws(() => kernelRidgePrecomputed([[1]], [1, 2]), /kernelRidgePrecomputed\(y\): expected 1 rows \(one per row of X\), got 2/);
  assert.throws(() => kernelRidgePrecomputed([[1]], [1], { ridge: -1 }), /kernelRidgePrecomputed\(ridge\): expected a finite number >= 0, got -1/);
  assert.throws(() => kernelRidgePrecomputed([[1]], [1]).predict([[1, 2]]), /kernelRidgePrecomputed\.predict\(Ktest\): expected 1 columns, got 2/);
  assert.throws(() => rbfKernel([[1, 2]], [[1]], 1), /rbfKernel\(B\): expected 2 columns like A, got 1/);
  assert.throws(() => rbfKernel([[1]], [[1]], -1), /rbfKernel\(sigma\): expected a finite number > 0, got -1/);
  assert.throws(() => qr([[1, NaN]]), /qr\(A\)\[0\]\[1\]: expected a finite number, got NaN/);
  assert.throws(() => svd(new Matrix([[1, Infinity]])), /svd\(A\)\[0\]\[1\]: expected a finite number, got Infinity/);
  assert.throws(() => kernelRidge([[1, 2]], [1], { sigma: 1 }).predict([[1]]), /kernelRidge\.predict\(X\): expected 2 columns, got 1/);
  assert.throws(() => fitLeastSquares([[1, 2], [3, 4]], [1, 2], { ridge: 1 }).predict([[1]]), /predict\(X\): expected 2 columns, got 1/);
});

test('the addon checks its views: a wrong type or a short view names the argument', (t) => {
  if (!native) return t.skip('the addon is not loaded');
  const a = new Float64Array(6);
  assert.throws(() => native.lstsq(a, new Float64Array(3), new Float64Array(2), 3, 3, 1, 0), /'a' has 6 values, needs 9/);
  assert.throws(() => native.qr(new Float32Array(4) as unknown as Float64Array, a, a, 2, 2), /argument 'a' must be a Float64Array/);
  assert.throws(() => native.rbfKernel(a, a, new Float64Array(2), 3, 3, 2, 1), /'out' has 2 values, needs 9/);
  assert.throws(() => native.ridge(a, a, a, 3, 2, 1, 0), /'lambda' must be a finite number > 0/);
  assert.throws(() => native.svd(a, a, a, a, 0, 2), /'m' must be >= 1, got 0/);
});
