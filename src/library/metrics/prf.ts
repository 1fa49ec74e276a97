import { invalid } from '../errors/index';
import { labelPair, type LabelOptions, type LabelPair } from './confusion';
import type { Values } from './inputs';
import { average, pairwiseSum } from './numpy-sum';

/**
 * How per-class scores become one number (sklearn's `average`):
 * 'binary' scores class 1 only (labels must be 0/1); 'micro' pools the counts of all classes;
 * 'macro' is the plain mean over classes; 'weighted' weighs each class by its true rows (support).
 */
export type Average = 'binary' | 'micro' | 'macro' | 'weighted';

/** Options of precision, recall, F-scores. */
export interface PrfOptions extends LabelOptions {
  /** Default 'binary', like sklearn (an error for more than two classes names the alternatives). */
  average?: Average;
  /**
   * Value given to a score whose denominator is 0 (a class never predicted for precision, a class
   * with no true rows for recall): 0 (default, sklearn's zero_division='warn') or 1. Every such
   * case is listed in `PrfResult.warnings`.
   */
  zeroDivision?: 0 | 1;
  /** Weight of recall in the F-score: >= 0; Infinity gives F = recall. Default 1 (F1). */
  beta?: number;
}

/** Per-class scores, indexed by class 0..K-1. */
export interface PerClass {
  precision: number[];
  recall: number[];
  fscore: number[];
  /** True rows of each class (summed weights with sampleWeight). */
  support: number[];
}

/** What `precisionRecallFscore` returns: the averaged scores, per-class scores, and the notes. */
export interface PrfResult {
  precision: number;
  recall: number;
  fscore: number;
  /** F-beta's beta (1 for F1). */
  beta: number;
  average: Average;
  /**
   * Classes the average runs over: [1] for 'binary'; 0..K-1 when nClasses is given (sklearn's
   * labels=range(K)); else the classes seen in yTrue or yPred (sklearn's default labels=None).
   */
  labels: number[];
  perClass: PerClass;
  /** Ill-defined scores set to `zeroDivision` (sklearn's UndefinedMetricWarning), one line each. */
  warnings: string[];
}

interface Sums {
  tp: Float64Array;
  predSum: Float64Array;
  trueSum: Float64Array;
}

/** sklearn's multilabel_confusion_matrix sums (np.bincount: sequential in row order). */
function sums(d: LabelPair, k: number): Sums {
  const tp = new Float64Array(k);
  const pred = new Float64Array(k);
  const truth = new Float64Array(k);
  for (let i = 0; i < d.yTrue.length; i++) {
    const w = d.w === null ? 1 : d.w[i]!;
    if (d.yTrue[i] === d.yPred[i]) tp[d.yTrue[i]!] += w;
    pred[d.yPred[i]!] += w;
    truth[d.yTrue[i]!] += w;
  }
  // sklearn rebuilds the sums as tp + fp with fp = pred - tp: the same float steps here.
  const predSum = tp.map((t, c) => t + (pred[c]! - t));
  const trueSum = tp.map((t, c) => t + (truth[c]! - t));
  return { tp, predSum, trueSum };
}

function averagedLabels(who: string, d: LabelPair, avg: Average, nClassesGiven: boolean): number[] {
  if (avg === 'binary') {
    if (d.k > 2) {
      throw invalid(`${who} average`, "'micro', 'macro' or 'weighted' for more than two classes", "'binary'",
        `labels reach ${d.k - 1}; 'binary' scores class 1 of labels 0/1 only`);
    }
    return [1];
  }
  if (nClassesGiven) return Array.from({ length: d.k }, (_, c) => c);
  const seen = new Uint8Array(d.k);
  for (let i = 0; i < d.yTrue.length; i++) seen[d.yTrue[i]!] = seen[d.yPred[i]!] = 1;
  const out: number[] = [];
  seen.forEach((s, c) => { if (s) out.push(c); });
  return out;
}

/** sklearn's _prf_divide: num / den, and `zd` where den is 0. */
function divide(num: ArrayLike<number>, den: ArrayLike<number>, zd: number): number[] {
  return Array.from(num, (x, i) => (den[i] === 0 ? zd : x / den[i]!));
}

function fscores(p: number[], r: number[], beta: number): number[] {
  if (beta === Infinity) return r.slice();
  const b2 = beta * beta;
  return p.map((pc, c) => {
    const denom = b2 * pc + r[c]!;
    return ((1 + b2) * pc * r[c]!) / (denom === 0 ? 1 : denom);
  });
}

function illDefined(metric: string, rows: string, cls: number[], zd: number, avg: Average): string {
  const which = avg === 'micro' ? 'the pooled classes' : `${cls.length} class(es): ${cls.slice(0, 10).join(', ')}${cls.length > 10 ? ', …' : ''}`;
  return `${metric} is ill-defined and set to ${zd} for ${which}, with no ${rows} rows`;
}

/**
 * Precision, recall and F-beta with per-class values and warnings, equal to sklearn 1.2's
 * `precision_recall_fscore_support(y_true, y_pred, beta=beta, average=average, labels=...,
 * sample_weight=..., zero_division=zeroDivision)`.
 */
export function precisionRecallFscore(yTrue: Values, yPred: Values, opts: PrfOptions = {}): PrfResult {
  return prf('precisionRecallFscore', yTrue, yPred, opts);
}

function prf(who: string, yTrue: Values, yPred: Values, opts: PrfOptions): PrfResult {
  const beta = opts.beta ?? 1;
  const avg = opts.average ?? 'binary';
  if (avg !== 'binary' && avg !== 'micro' && avg !== 'macro' && avg !== 'weighted') {
    throw invalid(`${who} average`, "'binary', 'micro', 'macro' or 'weighted'", String(avg));
  }
  const zd = opts.zeroDivision ?? 0;
  if (zd !== 0 && zd !== 1) throw invalid(`${who} zeroDivision`, '0 or 1', String(zd));
  if (typeof beta !== 'number' || Number.isNaN(beta) || beta < 0) throw invalid(`${who} beta`, 'a number >= 0', String(beta));
  const d = labelPair(who, yTrue, yPred, opts);
  const lab = averagedLabels(who, d, avg, opts.nClasses !== undefined);
  const k = Math.max(d.k, avg === 'binary' ? 2 : 0);
  const s = sums(d, k);
  const perClass: PerClass = {
    precision: divide(s.tp, s.predSum, zd),
    recall: divide(s.tp, s.trueSum, zd),
    fscore: [],
    support: Array.from(s.trueSum),
  };
  perClass.fscore = fscores(perClass.precision, perClass.recall, beta);
  const pick = (a: ArrayLike<number>) => lab.map((c) => a[c]!);
  let tp = pick(s.tp);
  let predSum = pick(s.predSum);
  let trueSum = pick(s.trueSum);
  if (avg === 'micro') [tp, predSum, trueSum] = [[pairwiseSum(tp)], [pairwiseSum(predSum)], [pairwiseSum(trueSum)]];
  const p = divide(tp, predSum, zd);
  const r = divide(tp, trueSum, zd);
  const f = fscores(p, r, beta);
  const warnings = collectWarnings(lab, predSum, trueSum, zd, avg);
  const base = { beta, average: avg, labels: lab, perClass, warnings };
  // sklearn's special case of a zero total support under 'weighted' cannot arise here: the averaged
  // classes cover every row and weights have a positive sum.
  const wts = avg === 'weighted' ? trueSum : null;
  return { ...base, precision: average(p, wts), recall: average(r, wts), fscore: average(f, wts) };
}

function collectWarnings(lab: number[], predSum: number[], trueSum: number[], zd: number, avg: Average): string[] {
  const cls = avg === 'micro' ? [-1] : lab;
  const noPred = cls.filter((_, i) => predSum[i] === 0);
  const noTrue = cls.filter((_, i) => trueSum[i] === 0);
  const out: string[] = [];
  if (noPred.length > 0) out.push(illDefined('precision (and F-score)', 'predicted', noPred, zd, avg));
  if (noTrue.length > 0) out.push(illDefined('recall (and F-score)', 'true', noTrue, zd, avg));
  return out;
}

/** Precision tp / (tp + fp), averaged per `opts.average` (default 'binary'); sklearn's precision_score. */
export function precision(yTrue: Values, yPred: Values, opts: PrfOptions = {}): number {
  return prf('precision', yTrue, yPred, opts).precision;
}

/** Recall tp / (tp + fn), averaged per `opts.average` (default 'binary'); sklearn's recall_score. */
export function recall(yTrue: Values, yPred: Values, opts: PrfOptions = {}): number {
  return prf('recall', yTrue, yPred, opts).recall;
}

/** F1 = 2pr / (p + r) per class, then averaged per `opts.average` (default 'binary'); sklearn's f1_score. */
export function f1(yTrue: Values, yPred: Values, opts: Omit<PrfOptions, 'beta'> = {}): number {
  return prf('f1', yTrue, yPred, { ...opts, beta: 1 }).fscore;
}

/** F-beta = (1 + b^2)pr / (b^2 p + r); beta >= 0 (Infinity: recall); sklearn's fbeta_score. */
export function fbeta(yTrue: Values, yPred: Values, beta: number, opts: Omit<PrfOptions, 'beta'> = {}): number {
  return prf('fbeta', yTrue, yPred, { ...opts, beta }).fscore;
}
