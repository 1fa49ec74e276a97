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
   * with no true rows for recall): 'warn' (default, sklearn's default: 0, and the case is listed in
   * `PrfResult.warnings`), 0 or 1 (silent, as sklearn is silent when zero_division is set).
   */
  zeroDivision?: 'warn' | 0 | 1;
  /**
   * Which scores may warn (sklearn's `warn_for`): default all three, as
   * `precision_recall_fscore_support`; `precision`, `recall`, `f1`/`fbeta` use ['precision'],
   * ['recall'], ['fscore'], as `precision_score`, `recall_score`, `f1_score`/`fbeta_score` do.
   * F-score alone warns only where precision and recall are both ill-defined (a class with no
   * true and no predicted rows): sklearn's f1 is silent when only one of them is.
   */
  warnFor?: ReadonlyArray<WarnFor>;
  /** Called with each warning (the same lines as `PrfResult.warnings`), e.g. `console.warn`. */
  onWarning?: (message: string) => void;
  /** Weight of recall in the F-score: >= 0; Infinity gives F = recall. Default 1 (F1). */
  beta?: number;
}

/** A score that may warn when ill-defined (sklearn's `warn_for` entries). */
export type WarnFor = 'precision' | 'recall' | 'fscore';

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
  /**
   * Ill-defined scores set to 0 under zeroDivision='warn', one line each, exactly where sklearn
   * raises UndefinedMetricWarning for the same `warnFor` (empty when zeroDivision is 0 or 1).
   */
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

function illDefined(metric: string, rows: string, cls: number[], avg: Average): string {
  const which = avg === 'micro' ? 'the pooled classes' : `${cls.length} class(es): ${cls.slice(0, 10).join(', ')}${cls.length > 10 ? ', …' : ''}`;
  return `${metric} ill-defined and set to 0 for ${which}, with no ${rows} rows`;
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
  const zdOpt = opts.zeroDivision ?? 'warn';
  if (zdOpt !== 'warn' && zdOpt !== 0 && zdOpt !== 1) throw invalid(`${who} zeroDivision`, "'warn', 0 or 1", typeof zdOpt === 'string' ? JSON.stringify(zdOpt) : String(zdOpt));
  const zd = zdOpt === 'warn' ? 0 : zdOpt;
  const warnFor = checkWarnFor(who, opts.warnFor);
  const onWarning = opts.onWarning;
  if (onWarning !== undefined && typeof onWarning !== 'function') throw invalid(`${who} onWarning`, 'a function (message) => void', typeof onWarning);
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
  const warnings = zdOpt === 'warn' ? collectWarnings(lab, predSum, trueSum, avg, warnFor) : [];
  if (onWarning) for (const line of warnings) onWarning(`${who}: ${line}`);
  const base = { beta, average: avg, labels: lab, perClass, warnings };
  // sklearn's special case of a zero total support under 'weighted' cannot arise here: the averaged
  // classes cover every row and weights have a positive sum.
  const wts = avg === 'weighted' ? trueSum : null;
  return { ...base, precision: average(p, wts), recall: average(r, wts), fscore: average(f, wts) };
}

const ALL_WARN_FOR: readonly WarnFor[] = ['precision', 'recall', 'fscore'];

function checkWarnFor(who: string, w: unknown): readonly WarnFor[] {
  if (w === undefined) return ALL_WARN_FOR;
  if (!Array.isArray(w) || !w.every((x) => ALL_WARN_FOR.includes(x as WarnFor))) {
    throw invalid(`${who} warnFor`, "an array of 'precision', 'recall', 'fscore'", Array.isArray(w) ? JSON.stringify(w) : String(w));
  }
  return w as WarnFor[];
}

/**
 * sklearn 1.2.1's `_prf_divide` and `precision_recall_fscore_support` warnings (zero_division
 * 'warn'): precision where no rows are predicted and recall where no rows are true, each only if
 * in `warnFor` ("... and F-score are" when the F-score is too); the F-score alone (warn_for
 * exactly ('f-score',), what f1_score and fbeta_score pass) only for a class with neither.
 */
function collectWarnings(lab: number[], predSum: number[], trueSum: number[], avg: Average, warnFor: readonly WarnFor[]): string[] {
  const cls = avg === 'micro' ? [-1] : lab;
  const withF = warnFor.includes('fscore');
  const out: string[] = [];
  const noPred = cls.filter((_, i) => predSum[i] === 0);
  const noTrue = cls.filter((_, i) => trueSum[i] === 0);
  if (warnFor.includes('precision') && noPred.length > 0) out.push(illDefined(withF ? 'precision and F-score are' : 'precision is', 'predicted', noPred, avg));
  if (warnFor.includes('recall') && noTrue.length > 0) out.push(illDefined(withF ? 'recall and F-score are' : 'recall is', 'true', noTrue, avg));
  if (warnFor.length > 0 && warnFor.every((x) => x === 'fscore')) {
    const neither = cls.filter((_, i) => trueSum[i] === 0 && predSum[i] === 0);
    if (neither.length > 0) out.push(illDefined('F-score is', 'true nor predicted', neither, avg));
  }
  return out;
}

/** Precision tp / (tp + fp), averaged per `opts.average` (default 'binary'); sklearn's precision_score. */
export function precision(yTrue: Values, yPred: Values, opts: Omit<PrfOptions, 'warnFor'> = {}): number {
  return prf('precision', yTrue, yPred, { ...opts, warnFor: ['precision'] }).precision;
}

/** Recall tp / (tp + fn), averaged per `opts.average` (default 'binary'); sklearn's recall_score. */
export function recall(yTrue: Values, yPred: Values, opts: Omit<PrfOptions, 'warnFor'> = {}): number {
  return prf('recall', yTrue, yPred, { ...opts, warnFor: ['recall'] }).recall;
}

/** F1 = 2pr / (p + r) per class, then averaged per `opts.average` (default 'binary'); sklearn's f1_score. */
export function f1(yTrue: Values, yPred: Values, opts: Omit<PrfOptions, 'beta' | 'warnFor'> = {}): number {
  return prf('f1', yTrue, yPred, { ...opts, beta: 1, warnFor: ['fscore'] }).fscore;
}

/** F-beta = (1 + b^2)pr / (b^2 p + r); beta >= 0 (Infinity: recall); sklearn's fbeta_score. */
export function fbeta(yTrue: Values, yPred: Values, beta: number, opts: Omit<PrfOptions, 'beta' | 'warnFor'> = {}): number {
  return prf('fbeta', yTrue, yPred, { ...opts, beta, warnFor: ['fscore'] }).fscore;
}
