// Thin QR and SVD in float64: LAPACK (dgeqrf/dorgqr, dgesdd: numpy.linalg's routines) on the
// native path, ml-matrix otherwise. Signs are fixed the same way on both paths, so the factors
// are unique (for a full-rank A with distinct singular values) and the paths agree.
import { Matrix, QrDecomposition, SingularValueDecomposition } from 'ml-matrix';
import { nativeBinding } from '../native/index';
import { denseOf, matrixOf } from './dense';
import { toDense, toMatrix, type MatrixInput } from './matrix';

/** A = Q R: Q m x p with orthonormal columns, R p x n upper triangular with R_ii >= 0, p = min(m, n). */
export interface QrFactors {
  readonly Q: Matrix;
  readonly R: Matrix;
}

/** A = U diag(s) Vt: U m x p, s the p singular values (descending), Vt p x n, p = min(m, n). */
export interface SvdFactors {
  readonly U: Matrix;
  readonly s: Float64Array;
  readonly Vt: Matrix;
}

/**
 * Thin QR of the m x n `A` (numpy.linalg.qr(A), mode 'reduced'), with the signs that make R's
 * diagonal non-negative (numpy leaves them as Householder reflections produce them).
 */
export function qr(A: MatrixInput): QrFactors {
  const native = nativeBinding();
  if (native) {
    const a = toDense('qr(A)', A);
    const [m, n] = [a.rows, a.cols];
    const p = Math.min(m, n);
    const q = new Float64Array(m * p);
    const r = new Float64Array(p * n);
    native.qr(a.data, q, r, m, n);
    return { Q: matrixOf(q, m, p), R: matrixOf(r, p, n) };
  }
  const M = toMatrix('qr(A)', A);
  const [m, n] = [M.rows, M.columns];
  // ml-matrix factors tall matrices only: a wide A = Q [R1, Q^T A2] from the QR of its first m columns.
  const head = m >= n ? M : M.subMatrix(0, m - 1, 0, m - 1);
  const f = new QrDecomposition(head);
  const Q = f.orthogonalMatrix;
  const R = m >= n ? f.upperTriangularMatrix : Q.transpose().mmul(M);
  for (let i = 0; i < R.rows; i++) {
    if (!(R.get(i, i) < 0)) continue;
    for (let j = 0; j < R.columns; j++) R.set(i, j, -R.get(i, j));
    for (let r = 0; r < Q.rows; r++) Q.set(r, i, -Q.get(r, i));
  }
  for (let i = 1; i < R.rows; i++) for (let j = 0; j < i; j++) R.set(i, j, 0);
  return { Q, R };
}

/**
 * Thin SVD of the m x n `A` (numpy.linalg.svd(A, full_matrices=False)), with each column of U
 * (and the matching row of Vt) signed so that its largest-magnitude entry is positive.
 */
export function svd(A: MatrixInput): SvdFactors {
  const native = nativeBinding();
  if (native) {
    const a = toDense('svd(A)', A);
    const [m, n] = [a.rows, a.cols];
    const p = Math.min(m, n);
    const [u, s, vt] = [new Float64Array(m * p), new Float64Array(p), new Float64Array(p * n)];
    native.svd(a.data, u, s, vt, m, n);
    return { U: matrixOf(u, m, p), s, Vt: matrixOf(vt, p, n) };
  }
  const M = toMatrix('svd(A)', A);
  const f = new SingularValueDecomposition(M, { autoTranspose: true });
  const p = Math.min(M.rows, M.columns);
  const U = denseOf(f.leftSingularVectors.subMatrix(0, M.rows - 1, 0, p - 1));
  const V = denseOf(f.rightSingularVectors.subMatrix(0, M.columns - 1, 0, p - 1));
  for (let i = 0; i < p; i++) {
    let best = 0;
    for (let r = 1; r < U.rows; r++) if (Math.abs(U.data[r * p + i]!) > Math.abs(U.data[best * p + i]!)) best = r;
    if (!(U.data[best * p + i]! < 0)) continue;
    for (let r = 0; r < U.rows; r++) U.data[r * p + i] = -U.data[r * p + i]!;
    for (let r = 0; r < V.rows; r++) V.data[r * p + i] = -V.data[r * p + i]!;
  }
  return { U: matrixOf(U.data, U.rows, p), s: Float64Array.from(f.diagonal.slice(0, p)), Vt: matrixOf(V.data, V.rows, p).transpose() };
}
