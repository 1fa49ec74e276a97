import { invalid } from '../errors/index';
import { labelPair, type LabelOptions, type LabelPair } from './confusion';
import type { Values } from './inputs';
import { pairwiseSum } from './numpy-sum';

/**
 * sklearn's `confusion_matrix(y_true, y_pred, sample_weight=...)` without `labels`: rows and
 * columns are the classes seen in yTrue or yPred (np.unique order), sums sequential in row order
 * (scipy's coo_matrix.toarray()).
 */
function seenConfusion(d: LabelPair): { cm: Float64Array; k: number } {
  const code = new Int32Array(d.k).fill(-1);
  for (let i = 0; i < d.yTrue.length; i++) code[d.yTrue[i]!] = code[d.yPred[i]!] = 0;
  let k = 0;
  for (let c = 0; c < d.k; c++) if (code[c] === 0) code[c] = k++;
  const cm = new Float64Array(k * k);
  for (let i = 0; i < d.yTrue.length; i++) cm[code[d.yTrue[i]!]! * k + code[d.yPred[i]!]!] += d.w === null ? 1 : d.w[i]!;
  return { cm, k };
}

/** Options of `balancedAccuracy`. */
export interface BalancedAccuracyOptions extends LabelOptions {
  /**
   * Rescale so that chance scores 0 and a perfect score 1: (score - 1/K) / (1 - 1/K), K the classes
   * with true rows (sklearn's `adjusted=True`). Default false.
   */
  adjusted?: boolean;
}

/**
 * Mean over classes of the recall (rows of class c predicted as c, over rows of class c), equal to
 * sklearn 1.2's `balanced_accuracy_score(y_true, y_pred, sample_weight=..., adjusted=...)`. A class
 * with no true rows (only predicted, or only rows of weight 0) is left out of the mean, as sklearn
 * does (it warns "y_pred contains classes not in y_true"). `nClasses` only bounds the labels:
 * classes without rows never count. Adjusted with a single class is NaN or -Infinity, as sklearn's.
 */
export function balancedAccuracy(yTrue: Values, yPred: Values, opts: BalancedAccuracyOptions = {}): number {
  const who = 'balancedAccuracy';
  const adjusted = opts.adjusted ?? false;
  if (typeof adjusted !== 'boolean') throw invalid(`${who} adjusted`, 'true or false', String(adjusted));
  const { cm, k } = seenConfusion(labelPair(who, yTrue, yPred, opts));
  const perClass: number[] = [];
  for (let i = 0; i < k; i++) {
    const r = cm[i * k + i]! / pairwiseSum(cm, i * k, k); // C.sum(axis=1): numpy's pairwise sum per row
    if (!Number.isNaN(r)) perClass.push(r);
  }
  let score = pairwiseSum(perClass) / perClass.length;
  if (adjusted) {
    const chance = 1 / perClass.length;
    score -= chance;
    score /= 1 - chance;
  }
  return score;
}

/**
 * Matthews correlation coefficient, binary or multiclass (Gorodkin's R_K), in [-1, 1], equal to
 * sklearn 1.2's `matthews_corrcoef(y_true, y_pred, sample_weight=...)`:
 * (c·s - t·p) / sqrt((s² - p·p)(s² - t·t)) over the confusion matrix of the classes seen, with c
 * the correct rows, s all rows, t and p the true and predicted rows per class; 0 when a
 * denominator factor is 0 (one class predicted, or one class true), as sklearn returns.
 */
export function matthewsCorrcoef(yTrue: Values, yPred: Values, opts: LabelOptions = {}): number {
  const { cm, k } = seenConfusion(labelPair('matthewsCorrcoef', yTrue, yPred, opts));
  const tSum = new Float64Array(k);
  const pSum = new Float64Array(k);
  const diag = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    tSum[i] = pairwiseSum(cm, i * k, k); // C.sum(axis=1)
    diag[i] = cm[i * k + i]!;
    for (let j = 0; j < k; j++) pSum[j] += cm[i * k + j]!; // C.sum(axis=0): rows added one after another
  }
  const nCorrect = pairwiseSum(diag); // np.trace
  const nSamples = pairwiseSum(pSum);
  // np.dot of k-vectors: a running sum (BLAS ddot; exact for counts, within rounding for weights).
  const dot = (a: Float64Array, b: Float64Array) => {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
    return s;
  };
  const covYtYp = nCorrect * nSamples - dot(tSum, pSum);
  const covYpYp = nSamples * nSamples - dot(pSum, pSum);
  const covYtYt = nSamples * nSamples - dot(tSum, tSum);
  if (covYpYp * covYtYt === 0) return 0;
  return covYtYp / Math.sqrt(covYtYt * covYpYp);
}
