// Matrix products of the float64 models (predictions X W, K_test alpha): dgemm on the native
// path, ml-matrix's mmul otherwise.
import { Matrix } from 'ml-matrix';
import { invalid } from '../errors/index';
import { nativeBinding, type NativeBinding } from '../native/index';
import { denseOf, matrixOf, type Dense } from './dense';
import { toDense, toMatrix, type MatrixInput } from './matrix';

/** X W for the rows of `X` (checked, errors under `where`); `X` must have W.rows columns. */
export function multiply(where: string, X: MatrixInput, W: Matrix): Matrix {
  const native = nativeBinding();
  if (!native) {
    const A = toMatrix(where, X);
    if (A.columns !== W.rows) throw invalid(where, `${W.rows} columns`, A.columns);
    return A.mmul(W);
  }
  const A = toDense(where, X);
  if (A.cols !== W.rows) throw invalid(where, `${W.rows} columns`, A.cols);
  return matrixOf(multiplyDense(native, A, denseOf(W)), A.rows, W.columns);
}

/** A B (row-major, A.cols = B.rows) by dgemm. */
export function multiplyDense(native: NativeBinding, A: Dense, B: Dense): Float64Array {
  const out = new Float64Array(A.rows * B.cols);
  native.matmulF64(A.data, B.data, out, A.rows, B.cols, A.cols, false, false);
  return out;
}
