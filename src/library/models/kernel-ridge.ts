import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { invalid } from '../errors/index';
import { nativeBinding, type NativeBinding } from '../native/index';
import { denseOf, matrixOf, type Dense } from './dense';
import { checkPositive } from './params';
import { fitLeastSquares } from './least-squares';
import { multiply, multiplyDense } from './products';
import { toDense, toDenseTargets, toMatrix, toTargets, type MatrixInput, type TargetInput } from './matrix';

/** Options of {@link kernelRidge}. */
export interface KernelRidgeOptions {
  /** RBF bandwidth sigma: k(x, z) = exp(-||x - z||^2 / (2 sigma^2)), i.e. sklearn's gamma = 1 / (2 sigma^2). */
  sigma: number;
  /** Penalty lambda >= 0 in (K + lambda I) alpha = y (sklearn KernelRidge's `alpha`); default 0: interpolation. */
  ridge?: number;
}

/** A fitted kernel machine f(x) = sum_i alpha_i k(x, x_i), in float64. */
export interface KernelFit {
  /** n x k dual coefficients. */
  readonly alpha: Matrix;
  /** 'cholesky' (ridge > 0, K + lambda I positive definite) or 'lstsq' (least norm: ridge 0, or not positive definite). */
  readonly solver: 'cholesky' | 'lstsq';
  /** m x k predictions for the rows of `X`. */
  predict(X: MatrixInput): Matrix;
}

/** A kernel machine fitted on a precomputed kernel matrix: predictions take the test kernel. */
export interface PrecomputedKernelFit {
  readonly alpha: Matrix;
  readonly solver: 'cholesky' | 'lstsq';
  /** m x k predictions K_test alpha for the m x n kernel between test and training points. */
  predict(Ktest: MatrixInput): Matrix;
}

/**
 * Kernel ridge regression with the Gaussian (RBF) kernel in float64.
 * ridge > 0 solves (K + lambda I) alpha = y by Cholesky, as sklearn KernelRidge does;
 * ridge 0 takes the least-norm solution alpha = K^+ y (SVD), the minimum-RKHS-norm interpolant
 * studied by Belkin, Ma & Mandal 2018 ("To understand deep learning we need to understand kernel
 * learning"); it stays defined when K is numerically singular (duplicate or very close points).
 * Native path: the kernel by one dsyrk/dgemm (see {@link rbfKernel}), LAPACK's dpotrf/dgelsd.
 * Cost O(n^2 d + n^3) time, O(n^2) memory. For a penalty sweep build the kernel once and call
 * {@link kernelRidgePrecomputed}.
 */
export function kernelRidge(X: MatrixInput, y: TargetInput, options: KernelRidgeOptions): KernelFit {
  const native = nativeBinding();
  const A = native ? toDense('kernelRidge(X)', X) : denseOf(toMatrix('kernelRidge(X)', X));
  const Y = native ? toDenseTargets('kernelRidge(y)', y, A.rows) : undefined;
  const Yjs = native ? undefined : toTargets('kernelRidge(y)', y, A.rows);
  const sigma = checkPositive('kernelRidge(sigma)', options.sigma);
  const ridge = checkRidge('kernelRidge(ridge)', options.ridge);
  const K = rbfDense(native, A, A, sigma);
  const { alpha, solver } = native ? solveNative(native, K, Y!, ridge) : solveJs(matrixOf(K.data, K.rows, K.cols), Yjs!, ridge);
  return {
    alpha, solver,
    predict(Xtest: MatrixInput): Matrix {
      const where = 'kernelRidge.predict(X)';
      const B = native ? toDense(where, Xtest) : denseOf(toMatrix(where, Xtest));
      if (B.cols !== A.cols) throw invalid(where, `${A.cols} columns`, B.cols);
      const Kt = rbfDense(native, B, A, sigma);
      return native ? matrixOf(multiplyDense(native, Kt, denseOf(alpha)), B.rows, alpha.columns) : matrixOf(Kt.data, Kt.rows, Kt.cols).mmul(alpha);
    },
  };
}

/**
 * Kernel ridge regression on a precomputed n x n kernel matrix K (sklearn's
 * KernelRidge(kernel='precomputed')): (K + lambda I) alpha = y by Cholesky for ridge > 0, the
 * least-norm alpha = (K + lambda I)^+ y when ridge is 0 or K + lambda I is not numerically
 * positive definite. K is read, never modified, so one kernel serves a whole penalty sweep:
 *   const K = rbfKernel(X, X, sigma), Kt = rbfKernel(Xtest, X, sigma);
 *   for (const ridge of ridges) kernelRidgePrecomputed(K, y, { ridge }).predict(Kt);
 */
export function kernelRidgePrecomputed(K: MatrixInput, y: TargetInput, options: { ridge?: number } = {}): PrecomputedKernelFit {
  const native = nativeBinding();
  const where = 'kernelRidgePrecomputed(K)';
  const G = native ? toDense(where, K) : denseOf(toMatrix(where, K));
  if (G.rows !== G.cols) throw invalid(where, 'a square kernel matrix (n x n)', `${G.rows} x ${G.cols}`);
  const ridge = checkRidge('kernelRidgePrecomputed(ridge)', options.ridge);
  const { alpha, solver } = native
    ? solveNative(native, G, toDenseTargets('kernelRidgePrecomputed(y)', y, G.rows), ridge)
    : solveJs(matrixOf(G.data, G.rows, G.cols), toTargets('kernelRidgePrecomputed(y)', y, G.rows), ridge);
  return {
    alpha, solver,
    predict: (Ktest: MatrixInput): Matrix => multiply('kernelRidgePrecomputed.predict(Ktest)', Ktest, alpha),
  };
}

/**
 * Gaussian kernel matrix K[i][j] = exp(-||a_i - b_j||^2 / (2 sigma^2)) between the rows of A and B.
 * Native path: ||a||^2 + ||b||^2 - 2 a.b by one dgemm (dsyrk when B is A), clamped at 0, as
 * scikit-learn computes it (its rbf_kernel), so entries may differ from the direct sum of squares
 * of the JS path by ~ eps * (||a||^2 + ||b||^2) / (2 sigma^2) relative; K(A, A) has an exact 1 diagonal.
 */
export function rbfKernel(A: MatrixInput, B: MatrixInput, sigma: number): Matrix {
  const native = nativeBinding();
  const a = native ? toDense('rbfKernel(A)', A) : denseOf(toMatrix('rbfKernel(A)', A));
  const b = B === A ? a : native ? toDense('rbfKernel(B)', B) : denseOf(toMatrix('rbfKernel(B)', B));
  if (b.cols !== a.cols) throw invalid('rbfKernel(B)', `${a.cols} columns like A`, b.cols);
  const K = rbfDense(native, a, b, checkPositive('rbfKernel(sigma)', sigma));
  return matrixOf(K.data, K.rows, K.cols);
}

function checkRidge(where: string, value: number | undefined): number {
  const ridge = value ?? 0;
  if (!Number.isFinite(ridge) || ridge < 0) throw invalid(where, 'a finite number >= 0', ridge);
  return ridge;
}

function rbfDense(native: NativeBinding | undefined, A: Dense, B: Dense, sigma: number): Dense {
  const gamma = 1 / (2 * sigma * sigma);
  const out = new Float64Array(A.rows * B.rows);
  if (native) {
    native.rbfKernel(A.data, B.data, out, A.rows, B.rows, A.cols, gamma);
    return { rows: A.rows, cols: B.rows, data: out };
  }
  const d = A.cols;
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < B.rows; j++) {
      let d2 = 0;
      for (let c = 0; c < d; c++) {
        const diff = A.data[i * d + c]! - B.data[j * d + c]!;
        d2 += diff * diff;
      }
      out[i * B.rows + j] = Math.exp(-gamma * d2);
    }
  }
  return { rows: A.rows, cols: B.rows, data: out };
}

function solveNative(native: NativeBinding, K: Dense, Y: Dense, ridge: number): { alpha: Matrix; solver: KernelFit['solver'] } {
  const out = new Float64Array(K.rows * Y.cols);
  const solver = native.kernelSolve(K.data, Y.data, out, K.rows, Y.cols, ridge);
  return { alpha: matrixOf(out, K.rows, Y.cols), solver };
}

/** JS path; `K` is a copy the solve may modify. */
function solveJs(K: Matrix, Y: Matrix, ridge: number): { alpha: Matrix; solver: KernelFit['solver'] } {
  for (let i = 0; i < K.rows; i++) K.set(i, i, K.get(i, i) + ridge);
  const chol = ridge > 0 ? new CholeskyDecomposition(K) : undefined;
  // A tiny ridge can leave K + lambda I numerically indefinite: then the least-norm solve, as for ridge 0.
  if (chol && chol.isPositiveDefinite()) return { alpha: chol.solve(Y), solver: 'cholesky' };
  return { alpha: fitLeastSquares(K, Y).weights, solver: 'lstsq' };
}
