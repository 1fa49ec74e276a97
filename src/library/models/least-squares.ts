import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { invalid } from '../errors/index';
import { nativeBinding, type NativeBinding } from '../native/index';
import { matrixOf, type Dense } from './dense';
import { multiply } from './products';
import { toDense, toDenseTargets, toMatrix, toTargets, type MatrixInput, type TargetInput } from './matrix';
import { pivotedQr, rDiagonal, solveTall, solveWide, type PivotedQr } from './qr';

/** Options of {@link fitLeastSquares}. */
export interface LeastSquaresOptions {
  /** Ridge penalty lambda >= 0 on ||w||^2 (sklearn's `alpha`, not divided by n); default 0 (least norm). */
  ridge?: number;
  /**
   * With ridge 0: singular values below rcond * s_max count as zero. Default eps * max(n, d), as
   * numpy.linalg.lstsq(rcond=None). Passing it forces the SVD solver.
   */
  rcond?: number;
}

/** A fitted linear map in float64: predictions are X * weights. */
export interface LinearFit {
  /** d x k weights (k = 1 for a target vector). */
  readonly weights: Matrix;
  /** Numerical rank of X used by the solve (for ridge > 0: d, the penalised system's rank). */
  readonly rank: number;
  /**
   * JS path: 'qr' (pivoted Householder QR, full rank or ridge) or 'svd' (rank-deficient, or rcond
   * given). Native path: 'svd' (LAPACK dgelsd) for ridge 0; 'cholesky' (Gram matrix) or 'qr'
   * (stacked system, when the Gram matrix is ill conditioned) for ridge > 0.
   */
  readonly solver: 'qr' | 'svd' | 'cholesky';
  /** n x k predictions for the rows of `X`. */
  predict(X: MatrixInput): Matrix;
}

// Pivoted QR is used for ridge 0 only when |R_kk| >= this * |R_00| for every k, i.e. cond(X) is at
// most ~1e8 up to a modest factor: far from numpy's cutoff eps * max(n, d), so numpy would keep
// every singular value too and both give the same (least-norm) answer.
const QR_MIN_RATIO = 1e-8;

/**
 * Least squares in float64 (no intercept: append a column of ones to X for one). Never forms
 * X^T X, whose condition number is cond(X)^2: what keeps the fit sound near d = n, where cond(X)
 * peaks and Belkin et al. 2019's double-descent test error spikes.
 * - ridge 0: the least-norm minimiser of ||Xw - y||^2, i.e. w = pinv(X) y, equal to
 *   numpy.linalg.lstsq. With d > n it interpolates with the smallest ||w||. Full-rank X goes
 *   through pivoted Householder QR (of X when n >= d, of X^T when n < d: w = Q R^-T P^T y);
 *   a numerically rank-deficient X through ml-matrix's SVD with numpy's cutoff (much slower).
 * - ridge lambda > 0: the minimiser of ||Xw - y||^2 + lambda ||w||^2 by QR of a stacked system
 *   that is always full rank (see ridgeQr), equal to sklearn Ridge(alpha=lambda, fit_intercept=False).
 * Cost O(n d min(n, d)) for QR (O((n + d) min(n, d)^2) with ridge).
 * With the native addon (src/library/native) LAPACK runs instead: ridge 0 by dgelsd, the SVD
 * routine numpy.linalg.lstsq calls, with the same rcond rule; ridge > 0 by Cholesky of the
 * smaller Gram matrix (X^T X + lambda I or X X^T + lambda I, sklearn's own solver), or by the
 * stacked QR above (dgels) when LAPACK estimates its condition number above 1e6, where the
 * Gram matrix's squared condition number would cost digits (near d = n with a small lambda).
 */
export function fitLeastSquares(X: MatrixInput, y: TargetInput, options: LeastSquaresOptions = {}): LinearFit {
  const native = nativeBinding();
  if (native) {
    const A = toDense('fitLeastSquares(X)', X);
    const Y = toDenseTargets('fitLeastSquares(y)', y, A.rows);
    return fitNative(native, A, Y, checkOptions(options, A.rows, A.cols));
  }
  const A = toMatrix('fitLeastSquares(X)', X);
  const Y = toTargets('fitLeastSquares(y)', y, A.rows);
  const { ridge, rcond } = checkOptions(options, A.rows, A.columns);
  if (ridge > 0) return linearFit(ridgeQr(A, Y, ridge), A.columns, 'qr');
  if (options.rcond === undefined) {
    const fast = leastNormQr(A, Y);
    if (fast) return linearFit(fast, Math.min(A.rows, A.columns), 'qr');
  }
  const { weights, rank } = leastNormSvd(A, Y, rcond);
  return linearFit(weights, rank, 'svd');
}

function checkOptions(options: LeastSquaresOptions, n: number, d: number): { ridge: number; rcond: number } {
  const ridge = options.ridge ?? 0;
  if (!Number.isFinite(ridge) || ridge < 0) throw invalid('fitLeastSquares(ridge)', 'a finite number >= 0', ridge);
  const rcond = options.rcond ?? Number.EPSILON * Math.max(n, d);
  if (!Number.isFinite(rcond) || rcond < 0) throw invalid('fitLeastSquares(rcond)', 'a finite number >= 0', rcond);
  return { ridge, rcond };
}

/** LAPACK: dgelsd (numpy.linalg.lstsq's own routine) for ridge 0, linalg.cc's ridge otherwise. */
function fitNative(native: NativeBinding, A: Dense, Y: Dense, { ridge, rcond }: { ridge: number; rcond: number }): LinearFit {
  const [n, d, k] = [A.rows, A.cols, Y.cols];
  const w = new Float64Array(d * k);
  if (ridge > 0) {
    const solver = native.ridge(A.data, Y.data, w, n, d, k, ridge);
    return linearFit(matrixOf(w, d, k), d, solver);
  }
  const rank = native.lstsq(A.data, Y.data, w, n, d, k, rcond);
  return linearFit(matrixOf(w, d, k), rank, 'svd');
}

/** Least-norm solution by pivoted QR, or undefined when X looks rank-deficient (see QR_MIN_RATIO). */
function leastNormQr(A: Matrix, Y: Matrix): Matrix | undefined {
  const [n, d] = [A.rows, A.columns];
  const tall = n >= d;
  // Column-major data of X (n >= d) or of X^T (n < d, whose columns are the rows of X).
  const qr = tall ? pivotedQr(columnMajor(A), n, d) : pivotedQr(columnMajor(A.transpose()), d, n);
  const diag = rDiagonal(qr);
  if (!(diag[0]! > 0) || diag.some((r) => r < QR_MIN_RATIO * diag[0]!)) return undefined;
  return solveEach(Y, d, (b) => (tall ? solveTall(qr, b) : solveWide(qr, b)));
}

/**
 * Ridge by QR of a stacked, always full-rank system (Golub & Van Loan 4th ed., sec. 6.1.4):
 * n >= d: least squares of [X; sqrt(lambda) I_d] w = [y; 0], QR of (n + d) x d;
 * n < d: w is the first d entries of the least-norm solution of [X, sqrt(lambda) I_n] [w; u] = y
 * (minimising ||w||^2 + ||u||^2 gives w = X^T (X X^T + lambda I)^-1 y), QR of (d + n) x n.
 */
function ridgeQr(A: Matrix, Y: Matrix, ridge: number): Matrix {
  const [n, d] = [A.rows, A.columns];
  const tall = n >= d;
  const [rows, cols] = tall ? [n, d] : [d, n]; // the block X (tall) or X^T (wide)
  const m = rows + cols;
  const block = columnMajor(tall ? A : A.transpose());
  const data = new Float64Array(m * cols);
  for (let j = 0; j < cols; j++) {
    data.set(block.subarray(j * rows, j * rows + rows), j * m);
    data[j * m + rows + j] = Math.sqrt(ridge);
  }
  const qr: PivotedQr = pivotedQr(data, m, cols);
  return solveEach(Y, d, (b) => {
    if (!tall) return solveWide(qr, b).subarray(0, d);
    const padded = new Float64Array(m);
    padded.set(b);
    return solveTall(qr, padded);
  });
}

/** w = V S^+ U^T y with singular values <= rcond * s_max treated as zero (numpy.linalg.lstsq's rule). */
function leastNormSvd(A: Matrix, Y: Matrix, rcond: number): { weights: Matrix; rank: number } {
  const svd = new SingularValueDecomposition(A, { autoTranspose: true });
  const s = svd.diagonal; // min(n, d) values, largest first
  const cutoff = rcond * (s[0] ?? 0);
  const inv = s.map((v) => (v > cutoff ? 1 / v : 0));
  const UtY = svd.leftSingularVectors.transpose().mmul(Y); // r x k
  for (let i = 0; i < UtY.rows; i++) for (let j = 0; j < UtY.columns; j++) UtY.set(i, j, UtY.get(i, j) * inv[i]!);
  return { weights: svd.rightSingularVectors.mmul(UtY), rank: inv.filter((v) => v !== 0).length };
}

/** Applies `solve` to every column of Y; the answers (length d) become the columns of a d x k Matrix. */
function solveEach(Y: Matrix, d: number, solve: (b: Float64Array) => Float64Array): Matrix {
  const W = new Matrix(d, Y.columns);
  for (let j = 0; j < Y.columns; j++) {
    const w = solve(Float64Array.from(Y.getColumn(j)));
    for (let i = 0; i < d; i++) W.set(i, j, w[i]!);
  }
  return W;
}

function columnMajor(A: Matrix): Float64Array {
  const out = new Float64Array(A.rows * A.columns);
  for (let i = 0; i < A.rows; i++) {
    const row = A.getRow(i);
    for (let j = 0; j < A.columns; j++) out[j * A.rows + i] = row[j]!;
  }
  return out;
}

function linearFit(weights: Matrix, rank: number, solver: LinearFit['solver']): LinearFit {
  return {
    weights, rank, solver,
    predict(X: MatrixInput): Matrix {
      return multiply('predict(X)', X, weights);
    },
  };
}
