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
  let rows = Array.from({ length: y.length }, (_, i) => i);
  if (w !== null) rows = rows.filter((i) => w[i] !== 0);
  let pos = 0;
  for (const i of rows) pos += y[i]!;
  if (pos === 0 || pos === rows.length) {
    throw invalid(where, 'both positive and negative rows (with weight > 0)', `only ${pos === 0 ? 'negative' : 'positive'} rows`,
      'ROC AUC is undefined for one class; evaluate on more data or stratify the split');
  }
  // np.argsort(score, kind='mergesort')[::-1]: descending score, ties in descending row order.
  rows.sort((a, b) => score[b]! - score[a]! || b - a);
  const fps: number[] = [];
  const tps: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let j = 0; j < rows.length; j++) {
    const i = rows[j]!;
    const wi = w === null ? 1 : w[i]!;
    tp += y[i]! * wi; // stable_cumsum: sequential, like here
    if (w !== null) fp += (1 - y[i]!) * wi;
    const last = j === rows.length - 1 || score[rows[j + 1]!] !== score[i];
    if (last) {
      tps.push(tp);
      fps.push(w === null ? 1 + j - tp : fp);
    }
  }
  return trapezoid(dropCollinear(fps, tps));
}

/** roc_curve(drop_intermediate=True): keep the ends and every corner, then prepend (0, 0) and normalise. */
function dropCollinear(fps: number[], tps: number[]): { fpr: number[]; tpr: number[] } {
  let keep = fps.map((_, i) => i);
  if (fps.length > 2) {
    const corner = (a: number[], i: number) => (a[i + 1]! - a[i]!) - (a[i]! - a[i - 1]!) !== 0;
    keep = keep.filter((i) => i === 0 || i === fps.length - 1 || corner(fps, i) || corner(tps, i));
  }
  const fLast = fps[fps.length - 1]!;
  const tLast = tps[tps.length - 1]!;
  return { fpr: [0, ...keep.map((i) => fps[i]! / fLast)], tpr: [0, ...keep.map((i) => tps[i]! / tLast)] };
}

/** np.trapz(tpr, fpr): sum of (x[i+1] - x[i]) * (y[i+1] + y[i]) / 2, summed pairwise. */
function trapezoid(c: { fpr: number[]; tpr: number[] }): number {
  const parts = new Float64Array(c.fpr.length - 1);
  for (let i = 0; i < parts.length; i++) parts[i] = ((c.fpr[i + 1]! - c.fpr[i]!) * (c.tpr[i + 1]! + c.tpr[i]!)) / 2;
  return pairwiseSum(parts);
}

interface AucInput {
  y: Int32Array;
  m: Matrix;
  w: Float64Array | null;
}

function prepare(who: string, yTrue: Values, scores: Scores, opts: RocAucOptions): AucInput {
  const yRaw = labels(`${who} yTrue`, yTrue);
  const m = matrix(`${who} scores`, scores, yRaw.length);
  const w = weights(`${who} sampleWeight`, opts.sampleWeight, yRaw.length);
  const y = m.k <= 2 ? labels(`${who} yTrue`, yTrue, undefined, 2) : labels(`${who} yTrue`, yTrue, undefined, m.k);
  if (m.k >= 3) {
    checkProbabilities(`${who} scores`, m, tolerance(`${who} sumTolerance`, opts.sumTolerance, 1e-5));
    everyClass(who, y, m.k);
  }
  return { y, m, w };
}

/** sklearn's multiclass AUC needs every class in y_true (else "Number of classes in y_true not equal ..."). */
function everyClass(who: string, y: Int32Array, k: number): void {
  const seen = new Uint8Array(k);
  for (let i = 0; i < y.length; i++) seen[y[i]!] = 1;
  const missing = Array.from({ length: k }, (_, c) => c).filter((c) => seen[c] === 0);
  if (missing.length > 0) {
    throw invalid(`${who} yTrue`, `rows of every class 0..${k - 1} (scores has ${k} columns)`, `no rows of class ${missing.join(', ')}`,
      'one-vs-rest AUC is undefined for a class without rows; evaluate on more data or stratify the split');
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
 * Throws when a class (binary: either class) has no rows: its AUC is undefined.
 */
export function rocAuc(yTrue: Values, scores: Scores, opts: RocAucOptions = {}): number {
  const who = 'rocAuc';
  const avg = opts.average ?? 'macro';
  if (avg !== 'macro' && avg !== 'weighted' && avg !== 'micro') throw invalid(`${who} average`, "'macro', 'weighted' or 'micro'", String(avg));
  const d = prepare(who, yTrue, scores, opts);
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
