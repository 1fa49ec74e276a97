import { invalid } from '../errors/index';
import { classCount, labels, weights, type Values } from './inputs';
import { average, pairwiseSum } from './numpy-sum';

/** Options shared by the label metrics. */
export interface LabelOptions {
  /** Number of classes K; labels are 0..K-1. Default: the largest label in yTrue or yPred, plus 1. */
  nClasses?: number;
  /** Per-row weights, finite and >= 0, positive sum. Default: every row weighs 1. */
  sampleWeight?: Values;
}

/** Checked labels of both arguments with weights and K. */
export interface LabelPair {
  yTrue: Int32Array;
  yPred: Int32Array;
  w: Float64Array | null;
  k: number;
}

/** Validates yTrue, yPred (same length, integer codes within nClasses) and weights for metric `who`. */
export function labelPair(who: string, yTrue: Values, yPred: Values, opts: LabelOptions = {}): LabelPair {
  const nClasses = classCount(`${who} nClasses`, opts.nClasses);
  const t = labels(`${who} yTrue`, yTrue, undefined, nClasses);
  const p = labels(`${who} yPred`, yPred, t.length, nClasses);
  const w = weights(`${who} sampleWeight`, opts.sampleWeight, t.length);
  let k = nClasses ?? 0;
  if (nClasses === undefined) for (let i = 0; i < t.length; i++) k = Math.max(k, t[i]! + 1, p[i]! + 1);
  return { yTrue: t, yPred: p, w, k };
}

/**
 * Share of rows where yPred equals yTrue (weighted by `sampleWeight`), in [0, 1].
 * sklearn: `accuracy_score(y_true, y_pred, sample_weight=...)`.
 */
export function accuracy(yTrue: Values, yPred: Values, opts: Pick<LabelOptions, 'sampleWeight'> = {}): number {
  const { yTrue: t, yPred: p, w } = labelPair('accuracy', yTrue, yPred, opts);
  const hit = new Float64Array(t.length);
  for (let i = 0; i < t.length; i++) hit[i] = t[i] === p[i] ? 1 : 0;
  return average(hit, w);
}

/** How `confusionMatrix` divides the counts (sklearn's `normalize`). */
export type ConfusionNormalize = 'true' | 'pred' | 'all';

/**
 * K x K matrix: entry [i][j] counts (or sums the weights of) rows of true class i predicted as j.
 * `normalize` divides by row sums ('true'), column sums ('pred') or the total ('all'); an empty
 * row or column gives 0s (sklearn's nan_to_num). sklearn: `confusion_matrix(y_true, y_pred,
 * labels=range(K), sample_weight=..., normalize=...)`; without nClasses sklearn keeps only the
 * labels that occur, here K = largest label + 1 so that index i is always class i.
 */
export function confusionMatrix(yTrue: Values, yPred: Values, opts: LabelOptions & { normalize?: ConfusionNormalize } = {}): number[][] {
  const { yTrue: t, yPred: p, w, k } = labelPair('confusionMatrix', yTrue, yPred, opts);
  const norm = opts.normalize;
  if (norm !== undefined && norm !== 'true' && norm !== 'pred' && norm !== 'all') {
    throw invalid('confusionMatrix normalize', "'true', 'pred', 'all' or undefined", String(norm));
  }
  // Sequential sums in row order, like scipy's coo_matrix.toarray() that sklearn uses.
  const cm = new Float64Array(k * k);
  for (let i = 0; i < t.length; i++) cm[t[i]! * k + p[i]!] += w === null ? 1 : w[i]!;
  if (norm !== undefined) normalizeInPlace(cm, k, norm);
  return Array.from({ length: k }, (_, i) => Array.from(cm.subarray(i * k, (i + 1) * k)));
}

function normalizeInPlace(cm: Float64Array, k: number, norm: ConfusionNormalize): void {
  const div = new Float64Array(k * k);
  if (norm === 'all') div.fill(pairwiseSum(cm));
  for (let i = 0; i < k && norm === 'true'; i++) div.fill(pairwiseSum(cm, i * k, k), i * k, (i + 1) * k);
  for (let j = 0; j < k && norm === 'pred'; j++) {
    let s = 0; // np.sum(axis=0) adds rows one after another
    for (let i = 0; i < k; i++) s += cm[i * k + j]!;
    for (let i = 0; i < k; i++) div[i * k + j] = s;
  }
  for (let i = 0; i < cm.length; i++) cm[i] = div[i] === 0 ? 0 : cm[i]! / div[i]!;
}
