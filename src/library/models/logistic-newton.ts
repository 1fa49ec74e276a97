import { invalid } from '../errors/index';

/**
 * L2-regularized logistic regression fitted by Newton's method (float64), as sklearn's
 * `LogisticRegression(C)`: minimizes sum of log-losses + ||w||² / (2C), intercept not penalized.
 * The "decades-old" model of Kapoor & Narayanan's civil war case study, next to which a leaky
 * complex model looked better. Returns P(y = 1) for each test row. The exact float64 fit, equal to
 * sklearn to ~1e-9; `linearModel({ loss: 'logistic' })` is the TF.js model one trains by steps.
 *
 * @param xTrain row-major training features, `yTrain.length * nFeatures` values
 * @param yTrain labels 0 or 1
 * @param xTest row-major test features
 * @param C inverse regularization strength (default 1, sklearn's default)
 */
export function logisticScores(xTrain: Float64Array, yTrain: ArrayLike<number>, xTest: Float64Array, nFeatures: number, C = 1): Float64Array {
  const n = yTrain.length;
  const p = nFeatures + 1; // weights, then the intercept
  if (xTrain.length !== n * nFeatures) throw invalid('logisticScores(xTrain)', `${n} x ${nFeatures} = ${n * nFeatures} values`, xTrain.length);
  if (xTest.length % nFeatures !== 0) throw invalid('logisticScores(xTest)', `a multiple of nFeatures=${nFeatures} values`, xTest.length);
  if (!(C > 0)) throw invalid('logisticScores(C)', 'a number > 0', C);
  const beta = new Float64Array(p);
  const row = (x: Float64Array, i: number, j: number): number => (j === nFeatures ? 1 : x[i * nFeatures + j]!);
  for (let iter = 0; iter < 100; iter++) {
    const g = new Float64Array(p);
    const h = new Float64Array(p * p);
    for (let j = 0; j < nFeatures; j++) {
      g[j] = beta[j]! / C;
      h[j * p + j] = 1 / C;
    }
    for (let i = 0; i < n; i++) {
      let z = beta[nFeatures]!;
      for (let j = 0; j < nFeatures; j++) z += beta[j]! * xTrain[i * nFeatures + j]!;
      const pi = 1 / (1 + Math.exp(-z));
      const r = pi - yTrain[i]!;
      const w = pi * (1 - pi);
      for (let a = 0; a < p; a++) {
        const xa = row(xTrain, i, a);
        g[a] += r * xa;
        const wa = w * xa;
        for (let b = a; b < p; b++) h[a * p + b] += wa * row(xTrain, i, b);
      }
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) h[a * p + b] = h[b * p + a]!;
    const step = choleskySolve(h, g, p);
    let max = 0;
    for (let j = 0; j < p; j++) {
      beta[j] -= step[j]!;
      max = Math.max(max, Math.abs(step[j]!));
    }
    if (max < 1e-12) break;
  }
  const nTest = xTest.length / nFeatures;
  const out = new Float64Array(nTest);
  for (let i = 0; i < nTest; i++) {
    let z = beta[nFeatures]!;
    for (let j = 0; j < nFeatures; j++) z += beta[j]! * xTest[i * nFeatures + j]!;
    out[i] = 1 / (1 + Math.exp(-z));
  }
  return out;
}

/** Solves A x = b for a symmetric positive definite `A` (p x p, row-major) by Cholesky. */
function choleskySolve(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j]!;
      for (let k = 0; k < j; k++) s -= l[i * p + k]! * l[j * p + k]!;
      if (i === j) {
        // the unpenalized intercept's pivot can only vanish when every fitted p(1-p) underflows
        if (!(s > 0)) throw invalid('logisticScores', 'a positive definite Hessian', s, 'the fit diverged; lower C');
        l[i * p + i] = Math.sqrt(s);
      } else {
        l[i * p + j] = s / l[j * p + j]!;
      }
    }
  }
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * p + k]! * y[k]!;
    y[i] = s / l[i * p + i]!;
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < p; k++) s -= l[k * p + i]! * x[k]!;
    x[i] = s / l[i * p + i]!;
  }
  return x;
}
