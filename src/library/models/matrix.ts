import { Matrix } from 'ml-matrix';
import { invalid } from '../errors/index';
import { denseOf, rowsOf, type Dense } from './dense';

/** A float64 design matrix: an ml-matrix `Matrix` or rows of numbers (n rows x d columns). */
export type MatrixInput = Matrix | ArrayLike<ArrayLike<number>>;
/** Targets: one value per row (a vector) or several columns per row. */
export type TargetInput = Matrix | ArrayLike<number> | ArrayLike<ArrayLike<number>>;

/** Copies `X` into a float64 `Matrix` after checking it is a non-empty rectangle of finite numbers. */
export function toMatrix(where: string, X: MatrixInput): Matrix {
  if (X instanceof Matrix) return checkFinite(where, X.clone());
  if (!X || typeof X.length !== 'number' || X.length === 0) throw invalid(where, 'a non-empty matrix (rows of numbers)', X);
  const cols = X[0]!.length;
  for (let i = 0; i < X.length; i++) {
    const row = X[i];
    if (!row || typeof row.length !== 'number' || row.length !== cols || cols === 0) {
      throw invalid(`${where}[${i}]`, `a row of ${cols} numbers`, row === undefined ? 'undefined' : `length ${row.length}`);
    }
  }
  return checkFinite(where, new Matrix(X as ArrayLike<ArrayLike<number>>));
}

/** Targets as an n x k float64 `Matrix` (a vector becomes one column); n must equal `rows`. */
export function toTargets(where: string, y: TargetInput, rows: number): Matrix {
  const first = y instanceof Matrix ? undefined : (y as ArrayLike<unknown>)[0];
  const isVector = !(y instanceof Matrix) && (typeof first === 'number');
  const Y = isVector ? Matrix.columnVector(Array.from(y as ArrayLike<number>)) : toMatrix(where, y as MatrixInput);
  if (Y.rows !== rows) throw invalid(where, `${rows} rows (one per row of X)`, Y.rows);
  return checkFinite(where, Y);
}

/** Like {@link toMatrix}, with the same checks and errors, as a row-major Float64Array (one copy of a Matrix). */
export function toDense(where: string, X: MatrixInput): Dense {
  if (!(X instanceof Matrix)) return denseOf(toMatrix(where, X));
  return denseOf(checkFinite(where, X));
}

/** Like {@link toTargets}, as a row-major Float64Array. */
export function toDenseTargets(where: string, y: TargetInput, rows: number): Dense {
  if (y instanceof Matrix && y.rows === rows) return denseOf(checkFinite(where, y));
  return denseOf(toTargets(where, y, rows));
}

function checkFinite(where: string, M: Matrix): Matrix {
  rowsOf(M).forEach((row, i) => {
    for (let j = 0; j < row.length; j++) {
      if (!Number.isFinite(row[j])) throw invalid(`${where}[${i}][${j}]`, 'a finite number', String(row[j]));
    }
  });
  return M;
}
