import { invalid } from '../errors/index';
import { rng } from '../random/index';
import { column, isStringColumn, nRows, type Table } from './table';
import { groupCodes } from './groups';
import { classificationScore, regressionScore, type FeatureScore } from './single-feature';
import type { Finding } from './types';

/** Default score at or above which one feature alone is flagged (see {@link FeatureOptions.threshold}). */
export const NEAR_PERFECT_SCORE = 0.98;

/** Options of {@link checkFeatures}. */
export interface FeatureOptions {
  /** The label column. */
  label: string;
  /** Feature columns the model uses. Default: every column but the label. */
  features?: string[];
  /** Columns not known at prediction time (e.g. `['discharge_date']`); using one is an L2 error. */
  unavailableAtPrediction?: string[];
  /**
   * Flag a feature whose leave-one-out single-feature score is >= this (default 0.98).
   * Score: chance-corrected accuracy for classes, R² for a numeric label (see single-feature.ts).
   * 0.98 sits above what honest strong features reach: measured 0.93 (iris petal width) and 0.70
   * (best single feature of sklearn breast_cancer).
   */
  threshold?: number;
  /** `classification` when the label is strings or at most 20 distinct integers, else `regression`. */
  task?: 'classification' | 'regression';
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

function isClassification(label: ArrayLike<number | string>, task: FeatureOptions['task']): boolean {
  if (task) return task === 'classification';
  if (isStringColumn(label as string[])) return true;
  const seen = new Set<number>();
  for (let i = 0; i < label.length; i++) {
    const v = label[i] as number;
    if (!Number.isInteger(v)) return false;
    seen.add(v);
    if (seen.size > 20) return false;
  }
  return true;
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
    out.push({
      rule: 'L2', severity: 'error', check: 'unavailable-feature', count: 1, unit: 'features', examples: [],
      message: `leakage L2: feature '${name}' is declared unavailable at prediction time but is among the model's features; drop it from the features`,
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
  const threshold = options.threshold ?? NEAR_PERFECT_SCORE;
  if (!(threshold > 0 && threshold <= 1)) throw invalid('checkFeatures(options.threshold)', 'a number in (0, 1]', threshold);
  const findings = checkUnavailableFeatures(t, features, options.unavailableAtPrediction ?? [], 'checkFeatures(options.unavailableAtPrediction)');
  const missing = (col: ArrayLike<number | string>, r: number): boolean => typeof col[r] === 'number' && Number.isNaN(col[r]);
  // rows without a label say nothing about how well a feature predicts it
  const rows = scoringRows(n, options).filter((r) => !missing(labelCol, r));
  if (rows.length < 3) return findings;
  const classes = isClassification(labelCol, options.task);
  const codes = classes ? groupCodes(labelCol, `checkFeatures(options.label) '${options.label}'`) : undefined;
  for (const f of features) {
    if (f === options.label) continue;
    const feat = t.columns[f] as ArrayLike<number | string>;
    // missing values are left out of the score: a NaN has no "same value" neighbours
    const use = rows.filter((r) => !missing(feat, r));
    if (use.length < 3) continue;
    const s: FeatureScore = codes
      ? classificationScore(feat, codes.codes, codes.nCodes, use)
      : regressionScore(feat, labelCol as ArrayLike<number>, use);
    if (!(s.score >= threshold)) continue; // NaN (e.g. a constant label) is no finding
    findings.push({
      rule: 'L2', severity: 'error', check: 'near-perfect-feature', count: 1, unit: 'features', examples: [],
      message: `leakage L2: feature '${f}' alone predicts '${options.label}' almost perfectly (leave-one-out ${classes ? 'chance-corrected accuracy' : 'R²'} ${s.score.toFixed(3)} >= ${threshold}); check that it is known at prediction time and not derived from the label`,
      details: { feature: f, score: Number(s.score.toFixed(6)), raw: Number(s.raw.toFixed(6)) },
    });
  }
  return findings;
}
