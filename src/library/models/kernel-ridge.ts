import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { invalid } from '../errors/index';
import { checkPositive } from './params';
import { fitLeastSquares } from './least-squares';
import { toMatrix, toTargets, type MatrixInput, type TargetInput } from './matrix';

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
  /** m x k predictions for the rows of `X`. */
  predict(X: MatrixInput): Matrix;
}

/**
 * Kernel ridge regression with the Gaussian (RBF) kernel in float64 (ml-matrix).
 * ridge > 0 solves (K + lambda I) alpha = y by Cholesky, as sklearn KernelRidge does;
 * ridge 0 takes the least-norm solution alpha = K^+ y (SVD), the minimum-RKHS-norm interpolant
 * studied by Belkin, Ma & Mandal 2018 ("To understand deep learning we need to understand kernel
 * learning"); it stays defined when K is numerically singular (duplicate or very close points).
 * Cost O(n^3) time, O(n^2) memory.
 */
export function kernelRidge(X: MatrixInput, y: TargetInput, options: KernelRidgeOptions): KernelFit {
  const A = toMatrix('kernelRidge(X)', X);
  const Y = toTargets('kernelRidge(y)', y, A.rows);
  const sigma = checkPositive('kernelRidge(sigma)', options.sigma);
  const ridge = options.ridge ?? 0;
  if (!Number.isFinite(ridge) || ridge < 0) throw invalid('kernelRidge(ridge)', 'a finite number >= 0', ridge);
  const K = rbfKernel(A, A, sigma);
  for (let i = 0; i < K.rows; i++) K.set(i, i, K.get(i, i) + ridge);
  const chol = ridge > 0 ? new CholeskyDecomposition(K) : undefined;
  // A tiny ridge can leave K + lambda I numerically indefinite: then the least-norm solve, as for ridge 0.
  const alpha: Matrix = chol && chol.isPositiveDefinite() ? chol.solve(Y) : fitLeastSquares(K, Y).weights;
  return {
    alpha,
    predict(Xtest: MatrixInput): Matrix {
      const B = toMatrix('kernelRidge.predict(X)', Xtest);
      if (B.columns !== A.columns) throw invalid('kernelRidge.predict(X)', `${A.columns} columns`, B.columns);
      return rbfKernel(B, A, sigma).mmul(alpha);
    },
  };
}

/** Gaussian kernel matrix K[i][j] = exp(-||a_i - b_j||^2 / (2 sigma^2)) between the rows of A and B. */
export function rbfKernel(A: Matrix, B: Matrix, sigma: number): Matrix {
  const K = new Matrix(A.rows, B.rows);
  const gamma = 1 / (2 * sigma * sigma);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < B.rows; j++) {
      let d2 = 0;
      for (let c = 0; c < A.columns; c++) {
        const diff = A.get(i, c) - B.get(j, c);
        d2 += diff * diff;
      }
      K.set(i, j, Math.exp(-gamma * d2));
    }
  }
  return K;
}
