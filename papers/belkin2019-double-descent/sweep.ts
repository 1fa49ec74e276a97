import { Matrix } from 'ml-matrix';
import { invalid } from '../../src/library/errors/index';
import { fitLeastSquares, oneHot, type LinearFit } from '../../src/library/models/index';

/** One model of a sweep over the number N of random features. */
export interface SweepPoint {
  nFeatures: number;
  /** Mean over test points of the squared error summed over the k outputs (one-hot targets). */
  testSquaredLoss: number;
  /** Share of test points whose largest output is not the true class. */
  testZeroOne: number;
  trainSquaredLoss: number;
  trainZeroOne: number;
  /** ||W||_F of the N x k weights: the norm of the predictor in the feature space (-> RKHS norm as N grows). */
  weightNorm: number;
  solver: LinearFit['solver'];
  /** Wall seconds of the fit and the predictions. */
  seconds: number;
}

/** Options of {@link featureSweep}. */
export interface FeatureSweepOptions {
  /** n x Nmax features of the training points from ONE nested map (e.g. randomFourierFeatures, nFeatures = Nmax). */
  trainFeatures: Matrix;
  /** m x Nmax features of the test points from the same map. */
  testFeatures: Matrix;
  trainLabels: ArrayLike<number>;
  testLabels: ArrayLike<number>;
  nClasses: number;
  /** The values of N to fit, each <= Nmax. */
  nFeatures: number[];
  /** Ridge penalty lambda on ||W||^2 (fitLeastSquares); default 0: least norm. */
  ridge?: number;
  /**
   * The Nmax-feature map scales features by sqrt(c / Nmax) (c = 2 for Fourier features); the first N
   * columns are multiplied by sqrt(Nmax / N) so they equal the N-feature map, which matters for the
   * norm and the ridge. Default true.
   */
  rescale?: boolean;
}

/**
 * Belkin et al. 2019, Fig. 2: least-norm (or ridge) least squares on the first N of a fixed set of
 * random features, for each N, scored on test points by squared and zero-one loss.
 */
export function featureSweep(o: FeatureSweepOptions): SweepPoint[] {
  const { trainFeatures: F, testFeatures: G } = o;
  const nMax = F.columns;
  if (G.columns !== nMax) throw invalid('featureSweep(testFeatures)', `${nMax} columns like trainFeatures`, G.columns);
  const Ytrain = oneHot(o.trainLabels, o.nClasses);
  return o.nFeatures.map((N) => {
    if (!Number.isInteger(N) || N < 1 || N > nMax) throw invalid('featureSweep(nFeatures)', `integers in 1..${nMax}`, N);
    const t0 = performance.now();
    const c = o.rescale === false ? 1 : Math.sqrt(nMax / N);
    const A = F.subMatrix(0, F.rows - 1, 0, N - 1).mul(c);
    const fit = fitLeastSquares(A, Ytrain, { ridge: o.ridge ?? 0 });
    const W = fit.weights;
    const train = scores(A, W, o.trainLabels, o.nClasses, N, 1);
    const test = scores(G, W, o.testLabels, o.nClasses, N, c);
    return {
      nFeatures: N, testSquaredLoss: test.squared, testZeroOne: test.zeroOne, trainSquaredLoss: train.squared, trainZeroOne: train.zeroOne,
      weightNorm: W.norm('frobenius'), solver: fit.solver, seconds: (performance.now() - t0) / 1000,
    };
  });
}

/** Squared and zero-one loss of predictions (c * X[:, :N]) W, computed row by row without copying X. */
function scores(X: Matrix, W: Matrix, labels: ArrayLike<number>, k: number, N: number, c: number): { squared: number; zeroOne: number } {
  if (labels.length !== X.rows) throw invalid('featureSweep(labels)', `${X.rows} labels (one per row)`, labels.length);
  const Wf = Float64Array.from(W.to1DArray()); // N x k, row-major
  const out = new Float64Array(k);
  let squared = 0;
  let wrong = 0;
  for (let i = 0; i < X.rows; i++) {
    const x = X.getRow(i);
    out.fill(0);
    for (let j = 0; j < N; j++) {
      const v = c * x[j]!;
      for (let t = 0; t < k; t++) out[t] = out[t]! + v * Wf[j * k + t]!;
    }
    let best = 0;
    for (let t = 0; t < k; t++) {
      squared += (out[t]! - (t === labels[i] ? 1 : 0)) ** 2;
      if (out[t]! > out[best]!) best = t;
    }
    if (best !== labels[i]) wrong++;
  }
  return { squared: squared / X.rows, zeroOne: wrong / X.rows };
}

/** The point where `key` is largest (the first one on ties). */
export function peakOf(points: readonly SweepPoint[], key: 'testSquaredLoss' | 'testZeroOne' | 'weightNorm'): SweepPoint {
  if (points.length === 0) throw invalid('peakOf(points)', 'a non-empty sweep', 0);
  return points.reduce((best, p) => (p[key] > best[key] ? p : best));
}
