// Householder QR with column pivoting on column-major Float64Arrays (Golub & Van Loan, Matrix
// Computations, 4th ed., Alg. 5.4.1): the fast, backward-stable path of fitLeastSquares.
// ml-matrix's SVD costs ~2 s for 200 x 200 and ~70 s for 1000 x 1000 here; this QR does the
// full-rank cases in a fraction of that and leaves rank-deficient ones to the SVD.

/** A = Q R P^T for an m x n column-major A with m >= n; Q is kept as n Householder reflections. */
export interface PivotedQr {
  m: number;
  n: number;
  /** Upper triangle (n x n, column-major, leading dimension m) in the first n rows of `a`. */
  a: Float64Array;
  /** perm[j] = the column of A that became column j. */
  perm: Int32Array;
  /** Householder vectors v_k (length m - k) and factors beta_k: H_k = I - beta_k v_k v_k^T. */
  vs: Float64Array[];
  betas: Float64Array;
}

/** Factorises a copy of the m x n column-major `a` (m >= n). */
export function pivotedQr(input: Float64Array, m: number, n: number): PivotedQr {
  const a = Float64Array.from(input);
  const perm = Int32Array.from({ length: n }, (_, j) => j);
  const vs: Float64Array[] = [];
  const betas = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    swapColumns(a, m, k, widestColumn(a, m, n, k), perm);
    const v = a.slice(k * m + k, k * m + m); // x = A[k:, k]
    const xnorm = norm(v);
    if (xnorm === 0) { vs.push(new Float64Array(m - k)); continue; }
    const alpha = v[0]! >= 0 ? -xnorm : xnorm; // sign chosen so v[0] - alpha never cancels
    v[0] = v[0]! - alpha;
    const vv = v.reduce((s, x) => s + x * x, 0);
    betas[k] = 2 / vv;
    vs.push(v);
    for (let j = k + 1; j < n; j++) reflect(a, j * m + k, v, betas[k]!);
    a[k * m + k] = alpha;
    for (let i = k + 1; i < m; i++) a[k * m + i] = 0;
  }
  return { m, n, a, perm, vs, betas };
}

/** |R_kk| for k = 0..n-1 (non-increasing up to rounding with column pivoting: a rank estimate). */
export function rDiagonal(qr: PivotedQr): number[] {
  return Array.from({ length: qr.n }, (_, k) => Math.abs(qr.a[k * qr.m + k]!));
}

/** Least squares min ||A x - b|| for full-rank tall A: x = P R^-1 (Q^T b)[0:n]. */
export function solveTall(qr: PivotedQr, b: Float64Array): Float64Array {
  const { m, n, a, perm, vs, betas } = qr;
  const c = Float64Array.from(b);
  for (let k = 0; k < n; k++) reflect(c, k, vs[k]!, betas[k]!);
  const z = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) { // back substitution R z = c
    let s = c[i]!;
    for (let j = i + 1; j < n; j++) s -= a[j * m + i]! * z[j]!;
    z[i] = s / a[i * m + i]!;
  }
  const x = new Float64Array(n);
  for (let j = 0; j < n; j++) x[perm[j]!] = z[j]!;
  return x;
}

/**
 * Least-norm solution of the wide system A^T x = b (A^T is n x m, full row rank) from the QR of A:
 * A P = Q R gives P^T A^T = R^T Q^T, so R^T z = P^T b (forward substitution) and x = Q [z; 0].
 */
export function solveWide(qr: PivotedQr, b: Float64Array): Float64Array {
  const { m, n, a, perm, vs, betas } = qr;
  const x = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    let s = b[perm[i]!]!;
    for (let j = 0; j < i; j++) s -= a[i * m + j]! * x[j]!;
    x[i] = s / a[i * m + i]!;
  }
  for (let k = n - 1; k >= 0; k--) reflect(x, k, vs[k]!, betas[k]!);
  return x;
}

/** y[off + i] -= beta (v . y[off:]) v[i]: one Householder reflection of a column segment. */
function reflect(y: Float64Array, off: number, v: Float64Array, beta: number): void {
  if (beta === 0) return;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * y[off + i]!;
  s *= beta;
  for (let i = 0; i < v.length; i++) y[off + i] = y[off + i]! - s * v[i]!;
}

/** Index j >= k of the column with the largest norm below row k (recomputed: no downdating drift). */
function widestColumn(a: Float64Array, m: number, n: number, k: number): number {
  let best = k;
  let bestNorm = -1;
  for (let j = k; j < n; j++) {
    let s = 0;
    for (let i = k; i < m; i++) s += a[j * m + i]! * a[j * m + i]!;
    if (s > bestNorm) { bestNorm = s; best = j; }
  }
  return best;
}

function swapColumns(a: Float64Array, m: number, j: number, p: number, perm: Int32Array): void {
  if (j === p) return;
  for (let i = 0; i < m; i++) {
    const t = a[j * m + i]!;
    a[j * m + i] = a[p * m + i]!;
    a[p * m + i] = t;
  }
  const t = perm[j]!;
  perm[j] = perm[p]!;
  perm[p] = t;
}

/** Euclidean norm scaled against overflow and underflow. */
function norm(v: Float64Array): number {
  let scale = 0;
  for (const x of v) scale = Math.max(scale, Math.abs(x));
  if (scale === 0) return 0;
  let s = 0;
  for (const x of v) s += (x / scale) * (x / scale);
  return scale * Math.sqrt(s);
}
