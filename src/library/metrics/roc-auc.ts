import { invalid } from '../errors/index';
import { checkProbabilities, labels, matrix, tolerance, weights, type Matrix, type Scores, type Values } from './inputs';
import { average, pairwiseSum } from './numpy-sum';

/** How one-vs-rest AUCs of K >= 3 classes become one number (sklearn's `average` with multi_class='ovr'). */
export type AucAverage = 'macro' | 'weighted' | 'micro';

/** Options of `rocAuc`. */
export interface RocAucOptions {
  /** K >= 3 classes only: 'macro' (default) mean of per-class AUCs, 'weighted' by true rows per class, 'micro' pooled. */
  average?: AucAverage;
  /** Per-row weights, finite and >= 0; rows of weight 0 are left out (as sklearn's roc_curve does). */
  sampleWeight?: Values;
  /** K >= 3 classes: each probability row must sum to 1 within this (absolute); default 1e-5. */
  sumTolerance?: number;
}

/**
 * Area under the ROC curve of binary labels `y` (0/1) and scores, computed as sklearn 1.2 does:
 * thresholds at the distinct scores (tied scores form one step, so ties count one half), the
 * collinear points dropped, then the trapezoidal rule. Rows of weight 0 are left out first.
 */
function binaryAuc(where: string, y: ArrayLike<number>, score: ArrayLike<number>, w: ArrayLike<number> | null): number {
  const { tps, fps } = w === null ? countCurve(y, score) : weightedCurve(y, score, w);
  const tp = tps[tps.length - 1] ?? 0;
  const fp = fps[fps.length - 1] ?? 0;
  if (tp === 0 || fp === 0) {
    throw invalid(where, 'both positive and negative rows (with weight > 0)', `only ${tp === 0 ? 'negative' : 'positive'} rows`,
      'ROC AUC is undefined for one class; evaluate on more data or stratify the split');
  }
  return trapezoid(fps, tps);
}

/** True and false positives at each distinct score, highest first. */
interface Curve {
  tps: Float64Array;
  fps: Float64Array;
}

/**
 * Unweighted: sort the positives' and the negatives' scores apart (native typed-array sorts, much
 * faster than an index sort with a comparator) and merge them from the top. Counts are integers,
 * so the result is exact whatever the order within ties.
 */
function countCurve(y: ArrayLike<number>, score: ArrayLike<number>): Curve {
  let nPos = 0;
  for (let i = 0; i < y.length; i++) nPos += y[i]!;
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(y.length - nPos);
  for (let i = 0, a = 0, b = 0; i < y.length; i++) {
    if (y[i] === 1) pos[a++] = score[i]!;
    else neg[b++] = score[i]!;
  }
  pos.sort();
  neg.sort();
  const tps = new Float64Array(y.length);
  const fps = new Float64Array(y.length);
  let i = pos.length - 1;
  let j = neg.length - 1;
  let m = 0;
  while (i >= 0 || j >= 0) {
    const v = Math.max(i >= 0 ? pos[i]! : -Infinity, j >= 0 ? neg[j]! : -Infinity);
    while (i >= 0 && pos[i] === v) i--; // === merges -0 and 0, as np.diff does
    while (j >= 0 && neg[j] === v) j--;
    tps[m] = pos.length - 1 - i;
    fps[m++] = neg.length - 1 - j;
  }
  return { tps: tps.subarray(0, m), fps: fps.subarray(0, m) };
}

/**
 * Weighted: sklearn's order exactly (np.argsort(kind='mergesort')[::-1]: descending score, ties
 * in descending row order) and its row-by-row running sums, so the floats agree to the bit.
 */
function weightedCurve(y: ArrayLike<number>, score: ArrayLike<number>, w: ArrayLike<number>): Curve {
  const rows = Array.from({ length: y.length }, (_, i) => i).filter((i) => w[i] !== 0);
  rows.sort((a, b) => score[b]! - score[a]! || b - a);
  const tps = new Float64Array(rows.length);
  const fps = new Float64Array(rows.length);
  let tp = 0;
  let fp = 0;
  let m = 0;
  for (let j = 0; j < rows.length; j++) {
    const i = rows[j]!;
    tp += y[i]! * w[i]!;
    fp += (1 - y[i]!) * w[i]!;
    if (j === rows.length - 1 || score[rows[j + 1]!] !== score[i]) {
      tps[m] = tp;
      fps[m++] = fp;
    }
  }
  return { tps: tps.subarray(0, m), fps: fps.subarray(0, m) };
}

/**
 * roc_curve(drop_intermediate=True) then auc(): keep the ends and every corner of the curve,
 * prepend (0, 0), normalise, and sum the trapezoids (x[i+1] - x[i]) * (y[i+1] + y[i]) / 2
 * pairwise, as np.trapz does.
 */
function trapezoid(fps: Float64Array, tps: Float64Array): number {
  const m = fps.length;
  const corner = (a: Float64Array, i: number) => (a[i + 1]! - a[i]!) - (a[i]! - a[i - 1]!) !== 0;
  const keep = new Int32Array(m);
  let nk = 0;
  for (let i = 0; i < m; i++) if (m <= 2 || i === 0 || i === m - 1 || corner(fps, i) || corner(tps, i)) keep[nk++] = i;
  const fLast = fps[m - 1]!;
  const tLast = tps[m - 1]!;
  const parts = new Float64Array(nk);
  let x0 = 0;
  let y0 = 0;
  for (let j = 0; j < nk; j++) {
    const x1 = fps[keep[j]!]! / fLast;
    const y1 = tps[keep[j]!]! / tLast;
    parts[j] = ((x1 - x0) * (y1 + y0)) / 2;
    x0 = x1;
    y0 = y1;
  }
  return pairwiseSum(parts);
}

interface AucInput {
  y: Int32Array;
  m: Matrix;
  w: Float64Array | null;
}

function prepare(who: string, yTrue: Values, scores: Scores, opts: RocAucOptions, pooled = false): AucInput {
  const yRaw = labels(`${who} yTrue`, yTrue);
  const m = matrix(`${who} scores`, scores, yRaw.length);
  const w = weights(`${who} sampleWeight`, opts.sampleWeight, yRaw.length);
  const y = m.k <= 2 ? labels(`${who} yTrue`, yTrue, undefined, 2) : labels(`${who} yTrue`, yTrue, undefined, m.k);
  if (m.k >= 3) {
    checkProbabilities(`${who} scores`, m, tolerance(`${who} sumTolerance`, opts.sumTolerance, 1e-5));
    if (!pooled) everyClass(who, y, m.k);
  }
  return { y, m, w };
}

/**
 * K columns are classes 0..K-1 (sklearn's `labels=range(K)`, as in logLoss). A class without rows
 * has no one-vs-rest AUC: sklearn raises "Only one class present in y_true" for 'macro',
 * 'weighted' and per class; its 'micro' pools the classes and is defined.
 */
function everyClass(who: string, y: Int32Array, k: number): void {
  const seen = new Uint8Array(k);
  for (let i = 0; i < y.length; i++) seen[y[i]!] = 1;
  const missing = Array.from({ length: k }, (_, c) => c).filter((c) => seen[c] === 0);
  if (missing.length > 0) {
    throw invalid(`${who} yTrue`, `rows of every class 0..${k - 1} (scores has ${k} columns)`, `no rows of class ${missing.join(', ')}`,
      "one-vs-rest AUC is undefined for a class without rows; evaluate on more data, stratify the split, drop the class's column (and renormalise), or use average 'micro'");
  }
}

/** One column of a row-major matrix. */
function column(m: Matrix, c: number): Float64Array {
  const out = new Float64Array(m.n);
  for (let i = 0; i < m.n; i++) out[i] = m.data[i * m.k + c]!;
  return out;
}

/** One-vs-rest AUC of each class c (class c against all others, scored by column c). */
function perClass(who: string, d: AucInput, support?: Float64Array): number[] {
  const out: number[] = [];
  for (let c = 0; c < d.m.k; c++) {
    // sklearn's weighted average forces a class of zero weight to score 0 (and weigh 0).
    if (support !== undefined && support[c] === 0) {
      out.push(0);
      continue;
    }
    const yc = d.y.map((v) => (v === c ? 1 : 0));
    out.push(binaryAuc(`${who} yTrue (class ${c} vs rest)`, yc, column(d.m, c), d.w));
  }
  return out;
}

/**
 * ROC AUC, equal to sklearn 1.2's `roc_auc_score`.
 * - Binary: labels 0/1 and one score per row (higher means class 1); a 2-column probability
 *   matrix is scored by its column 1 (sklearn wants that column passed alone).
 * - K >= 3 classes: labels 0..K-1, rows of K probabilities (row-major flat, nested, or an [n, K]
 *   tensor), one-vs-rest like `multi_class='ovr'`, averaged per `opts.average` (default 'macro').
 * - K columns are classes 0..K-1 whether or not yTrue has rows of each (sklearn's `labels=range(K)`,
 *   as `logLoss` reads them). A class without rows has no AUC: 'macro' and 'weighted' throw (sklearn
 *   raises), 'micro' pools the classes and is defined (sklearn returns it).
 * Throws when binary labels lack a class: the AUC is undefined.
 */
export function rocAuc(yTrue: Values, scores: Scores, opts: RocAucOptions = {}): number {
  const who = 'rocAuc';
  const avg = opts.average ?? 'macro';
  if (avg !== 'macro' && avg !== 'weighted' && avg !== 'micro') throw invalid(`${who} average`, "'macro', 'weighted' or 'micro'", String(avg));
  const d = prepare(who, yTrue, scores, opts, avg === 'micro');
  if (d.m.k <= 2) return binaryAuc(`${who} yTrue`, d.y, d.m.k === 1 ? d.m.data : column(d.m, 1), d.w);
  if (avg === 'micro') return microAuc(who, d);
  if (avg === 'macro') return average(perClass(who, d), null);
  // 'weighted': each class weighs its true rows (summed weights; np.sum(axis=0) adds row by row).
  const support = new Float64Array(d.m.k);
  for (let i = 0; i < d.y.length; i++) support[d.y[i]!] += d.w === null ? 1 : d.w[i]!;
  return average(perClass(who, d, support), support);
}

/** sklearn's 'micro' for ovr: one binary AUC over the raveled one-hot labels and scores. */
function microAuc(who: string, d: AucInput): number {
  const k = d.m.k;
  const y = new Int32Array(d.m.n * k);
  for (let i = 0; i < d.m.n; i++) y[i * k + d.y[i]!] = 1;
  let w: Float64Array | null = null;
  if (d.w !== null) {
    w = new Float64Array(d.m.n * k);
    for (let i = 0; i < w.length; i++) w[i] = d.w[Math.floor(i / k)]!;
  }
  return binaryAuc(`${who} yTrue (micro)`, y, d.m.data, w);
}

/**
 * One-vs-rest AUC of each class 0..K-1 (K >= 3 probability columns): sklearn's
 * `roc_auc_score(..., multi_class='ovr', average=None)`.
 */
export function rocAucPerClass(yTrue: Values, scores: Scores, opts: Omit<RocAucOptions, 'average'> = {}): number[] {
  const d = prepare('rocAucPerClass', yTrue, scores, opts);
  if (d.m.k < 3) throw invalid('rocAucPerClass scores', 'K >= 3 probability columns', `${d.m.k} column(s)`, 'use rocAuc for binary labels');
  return perClass('rocAucPerClass', d);
}
