import { invalid } from '../errors/index';

/**
 * Anything with `dataSync()` and `shape`, e.g. a TF.js tensor. Read by duck typing so that
 * src/library/metrics never loads TF.js itself.
 */
export interface TensorLike {
  dataSync(): ArrayLike<number>;
  readonly shape: number[];
}

/** One value per row: an array, a typed array, or a 1-D tensor (shape [n] or [n, 1]). */
export type Values = ArrayLike<number> | TensorLike;

/** Scores or probabilities: one per row, or K per row (flat row-major, nested rows, or an [n, K] tensor). */
export type Scores = ArrayLike<number> | ArrayLike<ArrayLike<number>> | TensorLike;

/** `np.finfo(np.float64).eps`, sklearn 1.2's log_loss clip for float64 input (eps='auto'). */
export const FLOAT64_EPS = 2.220446049250313e-16;

function isTensorLike(x: unknown): x is TensorLike {
  return typeof x === 'object' && x !== null && typeof (x as TensorLike).dataSync === 'function' && Array.isArray((x as TensorLike).shape);
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return `an array of ${x.length}`;
  if (typeof x === 'number') return String(x);
  if (typeof x === 'string') return JSON.stringify(x);
  return typeof x;
}

/** Flat numbers of a values argument; `shape` is the tensor's shape when it came from one. */
function raw(where: string, x: unknown): { data: ArrayLike<unknown>; shape: number[] | null } {
  if (isTensorLike(x)) return { data: x.dataSync(), shape: x.shape.slice() };
  if (typeof x !== 'object' || x === null || typeof (x as ArrayLike<unknown>).length !== 'number') {
    throw invalid(where, 'an array, a typed array or a tensor of numbers', describe(x));
  }
  return { data: x as ArrayLike<unknown>, shape: null };
}

/** Checks every entry is a finite number and copies to float64. */
function finite(where: string, data: ArrayLike<unknown>, offset = 0, out?: Float64Array): Float64Array {
  const res = out ?? new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw invalid(`${where}[${offset + i}]`, 'a finite number', describe(v));
    res[offset + i] = v;
  }
  return res;
}

function nonEmpty(where: string, n: number): void {
  if (n === 0) throw invalid(where, 'at least one value', 'an empty array', 'a metric of no rows is undefined');
}

/** A vector of finite numbers, at least one; `n` (when given) is the length it must have. */
export function vector(where: string, x: unknown, n?: number, nName?: string): Float64Array {
  const { data, shape } = raw(where, x);
  if (shape !== null && !(shape.length === 1 || (shape.length === 2 && shape[1] === 1))) {
    throw invalid(where, 'a tensor of shape [n] or [n, 1]', `shape [${shape.join(', ')}]`);
  }
  if (data.length > 0 && typeof data[0] === 'object') throw invalid(where, 'one number per row', 'nested arrays');
  if (n !== undefined) sameLength(where, data.length, nName ?? 'yTrue', n);
  nonEmpty(where, data.length);
  return finite(where, data);
}

/** Throws unless `where` has `n` rows like argument `other`. */
export function sameLength(where: string, length: number, other: string, n: number): void {
  if (length !== n) throw invalid(where, `${n} values (one per row, like ${other})`, `${length} values`);
}

/**
 * Class labels coded 0..K-1 (integers). `nClasses` (when given) bounds them. Returns int codes.
 */
export function labels(where: string, x: unknown, n?: number, nClasses?: number): Int32Array {
  const v = vector(where, x, n);
  const out = new Int32Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    const inRange = Number.isInteger(c) && c >= 0 && (nClasses === undefined || c < nClasses);
    if (!inRange) {
      const range = nClasses === undefined ? 'an integer class label >= 0' : `an integer class label in 0..${nClasses - 1} (nClasses=${nClasses})`;
      throw invalid(`${where}[${i}]`, range, String(c), 'code classes as 0..K-1');
    }
    out[i] = c;
  }
  return out;
}

/** Optional `nClasses`: an integer >= `min`, or undefined. */
export function classCount(where: string, k: unknown, min = 1): number | undefined {
  if (k === undefined) return undefined;
  if (typeof k !== 'number' || !Number.isSafeInteger(k) || k < min) throw invalid(where, `an integer >= ${min}`, describe(k));
  return k;
}

/**
 * Optional per-row weights: finite, >= 0, with a positive sum (sklearn's np.average raises on a
 * zero sum; negative weights, which sklearn passes through, are rejected here). Null when absent.
 */
export function weights(where: string, w: unknown, n: number): Float64Array | null {
  if (w === undefined || w === null) return null;
  const v = vector(where, w, n);
  let sum = 0;
  for (let i = 0; i < v.length; i++) {
    if (v[i]! < 0) throw invalid(`${where}[${i}]`, 'a weight >= 0', String(v[i]));
    sum += v[i]!;
  }
  if (!(sum > 0)) throw invalid(where, 'weights with a positive sum', 'all zero');
  return v;
}

/** A row-major n x k matrix of float64; k = 1 means one score per row. */
export interface Matrix {
  data: Float64Array;
  n: number;
  k: number;
}

/** Scores: one per row (k = 1), flat row-major n*K, nested rows, or an [n] / [n, K] tensor. */
export function matrix(where: string, x: unknown, n: number, nName = 'yTrue'): Matrix {
  const { data, shape } = raw(where, x);
  if (shape !== null) {
    if (shape.length > 2) throw invalid(where, 'a tensor of shape [n] or [n, K]', `shape [${shape.join(', ')}]`);
    sameLength(where, shape[0]!, nName, n);
    return { data: finite(where, data), n, k: shape.length === 2 ? shape[1]! : 1 };
  }
  if (data.length > 0 && typeof data[0] === 'object' && data[0] !== null) return nested(where, data as ArrayLike<ArrayLike<unknown>>, n, nName);
  nonEmpty(where, data.length);
  if (data.length % n !== 0) {
    throw invalid(where, `n or n*K values (n=${n} rows like ${nName}, K columns, row-major)`, `${data.length} values`);
  }
  return { data: finite(where, data), n, k: data.length / n };
}

function nested(where: string, rows: ArrayLike<ArrayLike<unknown>>, n: number, nName: string): Matrix {
  sameLength(where, rows.length, nName, n);
  const k = rows[0]!.length;
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (typeof row !== 'object' || row === null || row.length !== k) {
      throw invalid(`${where}[${i}]`, `a row of ${k} numbers like ${where}[0]`, describe(row));
    }
    finite(`${where}[${i}]`, row, 0, out.subarray(i * k, (i + 1) * k));
  }
  if (k === 0) throw invalid(where, 'rows of at least one number', 'empty rows');
  return { data: out, n, k };
}

/**
 * Checks that a matrix holds probabilities: every entry in [0, 1] and, with k >= 2 columns, each
 * row sums to 1 within `tolerance` (absolute). sklearn 1.2's roc_auc_score uses np.allclose(1, sum)
 * (|s - 1| <= 1e-8 + 1e-5|s|), so the default 1e-5 accepts what sklearn accepts, float32 softmax
 * outputs included.
 */
export function checkProbabilities(where: string, m: Matrix, tolerance: number): void {
  for (let i = 0; i < m.data.length; i++) {
    const p = m.data[i]!;
    if (p < 0 || p > 1) throw invalid(`${where}${cell(m, i)}`, 'a probability in [0, 1]', String(p));
  }
  if (m.k < 2) return;
  for (let r = 0; r < m.n; r++) {
    let s = 0;
    for (let c = 0; c < m.k; c++) s += m.data[r * m.k + c]!;
    if (!(Math.abs(s - 1) <= tolerance)) {
      throw invalid(`${where} row ${r}`, `probabilities summing to 1 (within ${tolerance})`, `a sum of ${s}`,
        'pass softmax outputs, or normalise each row');
    }
  }
}

function cell(m: Matrix, i: number): string {
  return m.k === 1 ? `[${i}]` : `[${Math.floor(i / m.k)}][${i % m.k}]`;
}

/** Optional tolerance option: a finite number >= 0. */
export function tolerance(where: string, t: unknown, fallback: number): number {
  if (t === undefined) return fallback;
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) throw invalid(where, 'a finite number >= 0', describe(t));
  return t;
}
