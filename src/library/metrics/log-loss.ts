import { invalid } from '../errors/index';
import { FLOAT64_EPS, checkProbabilities, classCount, labels, matrix, tolerance, weights, type Scores, type Values } from './inputs';
import { average, pairwiseSum } from './numpy-sum';

/** Options of `logLoss`. */
export interface LogLossOptions {
  /** Number of classes K; must match the probability columns (2 for one probability per row). */
  nClasses?: number;
  /** Per-row weights, finite and >= 0, positive sum. Default: every row weighs 1. */
  sampleWeight?: Values;
  /**
   * Probabilities are clipped to [eps, 1 - eps] so that log(0) never happens. Default 2.22e-16
   * (float64 machine epsilon: sklearn 1.2's eps='auto' for float64 input; for float32 input
   * sklearn would clip at 1.19e-7, so pass that to match it on float32 predictions).
   */
  eps?: number;
  /** Each row of K >= 2 probabilities must sum to 1 within this (absolute); default 1e-5. */
  sumTolerance?: number;
}

/**
 * Cross-entropy -mean(log p[true class]) in nats, equal to sklearn 1.2's `log_loss(y_true,
 * y_pred, labels=range(K), sample_weight=...)`. `probs` is one probability of class 1 per row
 * (binary, labels 0/1) or K probabilities per row (row-major flat, nested rows, or an [n, K]
 * tensor) for labels 0..K-1. As sklearn does, probabilities are clipped to [eps, 1 - eps] and each
 * row renormalised to sum 1; rows that do not sum to 1 within `sumTolerance` are rejected
 * (sklearn 1.2 renormalises them silently).
 */
export function logLoss(yTrue: Values, probs: Scores, opts: LogLossOptions = {}): number {
  const who = 'logLoss';
  const y0 = labels(`${who} yTrue`, yTrue);
  const m = matrix(`${who} probs`, probs, y0.length);
  const k = Math.max(m.k, 2);
  const nClasses = classCount(`${who} nClasses`, opts.nClasses, 2);
  if (nClasses !== undefined && nClasses !== k) {
    throw invalid(`${who} nClasses`, `${k} (probs has ${m.k} column(s) per row)`, String(nClasses), m.k === 1 ? 'one probability per row means two classes' : undefined);
  }
  const y = labels(`${who} yTrue`, yTrue, undefined, k);
  const w = weights(`${who} sampleWeight`, opts.sampleWeight, y.length);
  const eps = tolerance(`${who} eps`, opts.eps, FLOAT64_EPS);
  if (!(eps < 0.5)) throw invalid(`${who} eps`, 'a clip below 0.5', String(eps));
  checkProbabilities(`${who} probs`, m, tolerance(`${who} sumTolerance`, opts.sumTolerance, 1e-5));
  const hi = 1 - eps;
  const clip = (p: number) => Math.min(Math.max(p, eps), hi);
  const loss = new Float64Array(y.length);
  const row = new Float64Array(k);
  for (let i = 0; i < y.length; i++) {
    if (m.k === 1) {
      row[1] = clip(m.data[i]!);
      row[0] = 1 - row[1]!; // sklearn appends 1 - p after clipping
    } else {
      for (let c = 0; c < k; c++) row[c] = clip(m.data[i * k + c]!);
    }
    loss[i] = -Math.log(row[y[i]!]! / pairwiseSum(row));
  }
  return average(loss, w);
}
