import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { invalid } from '../errors/index';
import { toMatrix, toTargets, type MatrixInput, type TargetInput } from './matrix';

/** Options of {@link fitLeastSquares}. */
export interface LeastSquaresOptions {
  /** Ridge penalty lambda >= 0 on ||w||^2 (sklearn's `alpha`, not divided by n); default 0 (least norm). */
  ridge?: number;
  /**
   * With ridge 0: singular values below rcond * s_max count as zero; default eps * max(n, d), as
   * numpy.linalg.lstsq(rcond=None).
   */
  rcond?: number;
}

/** A fitted linear map in float64: predictions are X * weights. */
export interface LinearFit {
  /** d x k weights (k = 1 for a target vector). */
  readonly weights: Matrix;
  /** Numerical rank of X (singular values above the cutoff; with ridge > 0, those > 0). */
  readonly rank: number;
  /** Singular values of X, largest first. */
  readonly singularValues: number[];
  /** n x k predictions for the rows of `X`. */
  predict(X: MatrixInput): Matrix;
}

/**
 * Least squares in float64 (ml-matrix), solved through the thin SVD X = U S V^T:
 * - ridge 0: the least-norm minimiser of ||Xw - y||^2, w = V S^+ U^T y (the pseudo-inverse).
 *   When there are more features than rows (d > n) it interpolates with the smallest ||w||: the
 *   estimator behind Belkin et al. 2019's double-descent curves. The SVD never forms X^T X, so
 *   its error grows with cond(X), not cond(X)^2 — what keeps the fit sound near d = n, where
 *   cond(X) peaks;
 * - ridge lambda > 0: the minimiser of ||Xw - y||^2 + lambda ||w||^2, w = V diag(s / (s^2 + lambda)) U^T y,
 *   equal to sklearn Ridge(alpha=lambda, fit_intercept=False).
 * No intercept is fitted: append a column of ones to X for one. Cost O(n d min(n, d)).
 */
export function fitLeastSquares(X: MatrixInput, y: TargetInput, options: LeastSquaresOptions = {}): LinearFit {
  const A = toMatrix('fitLeastSquares(X)', X);
  const Y = toTargets('fitLeastSquares(y)', y, A.rows);
  const ridge = options.ridge ?? 0;
  if (!Number.isFinite(ridge) || ridge < 0) throw invalid('fitLeastSquares(ridge)', 'a finite number >= 0', ridge);
  const rcond = options.rcond ?? Number.EPSILON * Math.max(A.rows, A.columns);
  if (!Number.isFinite(rcond) || rcond < 0) throw invalid('fitLeastSquares(rcond)', 'a finite number >= 0', rcond);
  const svd = new SingularValueDecomposition(A, { autoTranspose: true });
  const s = svd.diagonal; // min(n, d) values, largest first
  const cutoff = ridge > 0 ? 0 : rcond * (s[0] ?? 0);
  const filter = s.map((v) => (v <= cutoff ? 0 : ridge > 0 ? v / (v * v + ridge) : 1 / v));
  const U = svd.leftSingularVectors; // n x r
  const V = svd.rightSingularVectors; // d x r
  // w = V diag(filter) (U^T Y), done right to left: r x k, then d x k.
  const UtY = U.transpose().mmul(Y);
  for (let i = 0; i < UtY.rows; i++) for (let j = 0; j < UtY.columns; j++) UtY.set(i, j, UtY.get(i, j) * filter[i]!);
  const weights = V.mmul(UtY);
  return linearFit(weights, filter.filter((f) => f !== 0).length, s);
}

function linearFit(weights: Matrix, rank: number, singularValues: number[]): LinearFit {
  return {
    weights, rank, singularValues,
    predict(X: MatrixInput): Matrix {
      const A = toMatrix('predict(X)', X);
      if (A.columns !== weights.rows) throw invalid('predict(X)', `${weights.rows} columns`, A.columns);
      return A.mmul(weights);
    },
  };
}
