import { invalid } from '../errors/index';
import { rng } from '../random/index';
import { column, isStringColumn, nRows, type Table } from './table';
import { groupCodes } from './groups';
import { classificationScore, labelRanks, regressionScore, type FeatureScore, type RegressionScore } from './single-feature';
import type { Finding } from './types';

/** Default score at or above which one feature alone is flagged for a class label (see {@link FeatureOptions.threshold}). */
export const NEAR_PERFECT_SCORE = 0.98;

/**
 * Default R² at or above which one feature alone is flagged for a numeric label (|r| ≈ 0.92).
 * Measured (seeded normal data, 200 draws per case): a proxy with r = 0.95 scores 0.81–0.96 at 50
 * rows (98 % flagged), 0.89–0.91 at 1,000; an honest feature with r = 0.8 at most 0.82 at 50 rows,
 * 0.71 at 1,000 (README, "Near-perfect feature, numeric label").
 */
export const PROXY_R2 = 0.85;

/** The ML task of a label column. */
export type Task = 'classification' | 'regression';

/** Options of {@link checkFeatures}. */
export interface FeatureOptions {
  /** The label column. */
  label: string;
  /** Feature columns the model uses. Default: every column but the label. */
  features?: string[];
  /** Columns not known at prediction time (e.g. `['discharge_date']`); using one is an L2 error. */
  unavailableAtPrediction?: string[];
  /**
   * Flag a feature whose single-feature score is >= this. Default: 0.98 ({@link NEAR_PERFECT_SCORE})
   * for classes, scored as leave-one-out chance-corrected accuracy: it sits above what honest strong
   * features reach, measured 0.93 (iris petal width) and 0.70 (best single feature of sklearn
   * breast_cancer). 0.85 ({@link PROXY_R2}) for a numeric label, scored as the best R² of four fits
   * (see `regressionScore` in single-feature.ts).
   */
  threshold?: number;
  /** Default: inferred by {@link inferTask}. */
  task?: Task;
  /** Rows to score on (e.g. the training rows). Default: all rows. */
  rows?: ArrayLike<number>;
  /** Score on a seeded subsample of at most this many rows (default 100,000; stream `rng('leakage').child('features')`). */
  maxRows?: number;
}

function scoringRows(n: number, options: FeatureOptions): Int32Array {
  let rows = options.rows === undefined ? Int32Array.from({ length: n }, (_, i) => i) : Int32Array.from(options.rows);
  const max = options.maxRows ?? 100_000;
  if (rows.length > max) {
    const perm = rng('leakage').child('features').permutation(rows.length);
    const sub = new Int32Array(max);
    for (let i = 0; i < max; i++) sub[i] = rows[perm[i]!]!;
    rows = sub;
  }
  return rows;
}

/**
 * The task a label implies: `classification` when it holds strings or at most 20 distinct integer
 * values (missing values aside), else `regression`. `task`, when given, wins (`inferred: false`).
 */
export function inferTask(label: ArrayLike<number | string>, task?: Task): { task: Task; inferred: boolean } {
  if (task !== undefined) {
    if (task !== 'classification' && task !== 'regression') throw invalid('task', "'classification' or 'regression'", String(task));
    return { task, inferred: false };
  }
  if (isStringColumn(label as string[])) return { task: 'classification', inferred: true };
  const seen = new Set<number>();
  for (let i = 0; i < label.length; i++) {
    const v = label[i] as number;
    if (Number.isNaN(v)) continue;
    if (!Number.isInteger(v)) return { task: 'regression', inferred: true };
    seen.add(v);
    if (seen.size > 20) return { task: 'regression', inferred: true };
  }
  return { task: 'classification', inferred: true };
}

/**
 * L2, features not available at prediction time (Kapoor & Narayanan 2023): each declared column
 * that is among the model's features is an error. A declared column missing from the table is a
 * bad declaration (likely a typo) and throws.
 */
export function checkUnavailableFeatures(t: Table, features: readonly string[], declared: readonly string[], where = 'unavailableAtPrediction'): Finding[] {
  if (!Array.isArray(declared)) throw invalid(where, 'a list of column names', typeof declared);
  const out: Finding[] = [];
  for (const name of declared) {
    column(t, name, where);
    if (!features.includes(name)) continue;
    const remedy = 'drop it from the features';
    out.push({
      rule: 'L2', severity: 'error', check: 'unavailable-feature', count: 1, unit: 'features', examples: [], columns: [name], remedy,
      message: `leakage L2: feature '${name}' is declared unavailable at prediction time but is among the model's features; ${remedy}`,
      details: { feature: name },
    });
  }
  return out;
}

/**
 * L2, illegitimate features (Kapoor & Narayanan 2023): features declared unavailable at prediction
 * time that are still used, and any single feature that predicts the label almost perfectly
 * (score >= `threshold`), the usual trace of a proxy or a copy of the label. Both are errors.
 */
export function checkFeatures(t: Table, options: FeatureOptions): Finding[] {
  const n = nRows(t, 'checkFeatures(table)');
  if (!options || typeof options.label !== 'string') throw invalid('checkFeatures(options.label)', 'the name of the label column', options?.label);
  const labelCol = column(t, options.label, 'checkFeatures(options.label)') as ArrayLike<number | string>;
  const features = options.features ?? Object.keys(t.columns).filter((c) => c !== options.label);
  for (const f of features) column(t, f, 'checkFeatures(options.features)');
  const classes = inferTask(labelCol, options.task).task === 'classification';
  const threshold = options.threshold ?? (classes ? NEAR_PERFECT_SCORE : PROXY_R2);
  if (!(threshold > 0 && threshold <= 1)) throw invalid('checkFeatures(options.threshold)', 'a number in (0, 1]', threshold);
  const findings = checkUnavailableFeatures(t, features, options.unavailableAtPrediction ?? [], 'checkFeatures(options.unavailableAtPrediction)');
  const missing = (col: ArrayLike<number | string>, r: number): boolean => typeof col[r] === 'number' && Number.isNaN(col[r]);
  // rows without a label say nothing about how well a feature predicts it
  const rows = scoringRows(n, options).filter((r) => !missing(labelCol, r));
  if (rows.length < 3) return findings;
  const codes = classes ? groupCodes(labelCol, `checkFeatures(options.label) '${options.label}'`) : undefined;
  // the label's ranks on all scoring rows, shared by every feature without missing values
  let ranks: Float64Array | undefined;
  const ranksFor = (use: Int32Array): Float64Array => (use.length === rows.length ? (ranks ??= labelRanks(labelCol as ArrayLike<number>, rows)) : labelRanks(labelCol as ArrayLike<number>, use));
  for (const f of features) {
    if (f === options.label) continue;
    const feat = t.columns[f] as ArrayLike<number | string>;
    // missing values are left out of the score: a NaN has no "same value" neighbours
    const use = rows.filter((r) => !missing(feat, r));
    if (use.length < 3) continue;
    const s = codes
      ? { ...classificationScore(feat, codes.codes, codes.nCodes, use), fit: 'leave-one-out chance-corrected accuracy', extra: {} }
      : regressionFit(regressionScore(feat, labelCol as ArrayLike<number>, use, ranksFor(use)));
    if (!(s.score >= threshold)) continue; // NaN (e.g. a constant label) is no finding
    const remedy = 'check that it is known at prediction time and not derived from the label';
    findings.push({
      rule: 'L2', severity: 'error', check: 'near-perfect-feature', count: 1, unit: 'features', examples: [], columns: [f], remedy,
      message: `leakage L2: feature '${f}' alone predicts '${options.label}' almost perfectly (${s.fit} ${s.score.toFixed(3)} >= ${threshold}); ${remedy}`,
      details: { feature: f, score: round6(s.score), raw: round6(s.raw), ...s.extra },
    });
  }
  return findings;
}

const round6 = (v: number): number => Number(v.toFixed(6));

/** The regression score with the name of the fit that gave it, and every fit's figure for the details. */
function regressionFit(s: RegressionScore): FeatureScore & { fit: string; extra: Record<string, number> } {
  const fits: [string, number][] = [
    ['leave-one-out R² of the same-value rule', s.sameValue], ['leave-one-out R² of a moving-window smoother', s.smoother],
    ['Pearson r²', s.pearson * s.pearson], ['Spearman ρ²', s.spearman * s.spearman],
  ];
  const best = fits.reduce((a, b) => (b[1] > a[1] ? b : a));
  const extra: Record<string, number> = { sameValueR2: round6(s.sameValue) };
  if (!Number.isNaN(s.smoother)) Object.assign(extra, { smootherR2: round6(s.smoother), pearson: round6(s.pearson), spearman: round6(s.spearman) });
  return { score: s.score, raw: s.raw, fit: best[0], extra };
}
