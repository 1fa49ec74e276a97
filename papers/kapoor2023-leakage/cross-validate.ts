import { invalid } from '../../src/library/errors/index';
import {
  checkLeakage, LeakageLedger, randomOversampler, selectKBestCorrelation, standardScaler,
  type Finding, type RuleId, type Table,
} from '../../src/library/leakage/index';
import { accuracy, rocAuc } from '../../src/library/metrics/index';
import type { Rng } from '../../src/library/random/index';
import type { Split } from '../../src/library/splits/index';
import { knnScores } from './knn';
import { logisticScores } from '../../src/library/models/index';
import { rowMatrix, valuesAt } from '../../src/library/leakage/index';

/** One pipeline: which fits read which rows. `all` = before the split (the leak), `train` = inside each fold. */
export interface PipelineOptions {
  /** Candidate feature columns (numeric). */
  features: string[];
  /** Binary label column (0/1). */
  label: string;
  /** `knn` (default): k-nearest neighbours, a memorizer at k = 1; `logistic`: L2 logistic regression (C = 1). */
  model?: 'knn' | 'logistic';
  /** Neighbours of the k-NN (default 1). */
  k?: number;
  /** Where every fit is recorded; default a fresh ledger. */
  ledger?: LeakageLedger;
  /** Standard scaling fitted on the training rows of each fold (default), on all rows (L1.2), or none. */
  scale?: 'train' | 'all' | 'none';
  /** Keep the k features most correlated with the label, fitted on `train` rows or on `all` rows (L1.3). */
  select?: { k: number; fitOn: 'train' | 'all' };
  /** Random oversampling of the minority class inside each fold's training rows (the clean way). */
  oversampleTrain?: boolean;
  /** Stream of the in-fold oversampler (default its own, `rng('leakage').child('oversample')`). */
  oversampleStream?: Rng;
  /** Unit id column, declared to the checker (L3.2). */
  group?: string;
}

/** Out-of-fold scores of one pipeline and what the leakage checker found in it. */
export interface PipelineResult {
  /** ROC AUC of the pooled out-of-fold scores. */
  auc: number;
  /** Accuracy of the pooled out-of-fold predictions (score > 0.5). */
  accuracy: number;
  /** Rows scored (each test row of each fold once). */
  nEvaluated: number;
  /** Every finding of every fold (checkLeakage after the fits, so L1.2/L1.3 see them). */
  findings: Finding[];
  /** Distinct rule ids of the unaccepted error findings, in taxonomy order. */
  flagged: RuleId[];
  /** Number of error findings over all folds. */
  errors: number;
}

/**
 * Cross-validates a k-NN (or logistic) pipeline on `splits` of `t` and runs the leakage checker on every fold
 * after the fits (Kapoor & Narayanan 2023: the checker sees what happened, through the ledger).
 * Fits marked `all` happen once, before the folds, on every row: that is the L1.2/L1.3 leak.
 */
export function crossValidate(t: Table, splits: readonly Split[], o: PipelineOptions): PipelineResult {
  if (splits.length === 0) throw invalid('crossValidate(splits)', 'at least one split', 0);
  const ledger = o.ledger ?? new LeakageLedger();
  const k = o.k ?? 1;
  const scale = o.scale ?? 'train';
  const n = (t.columns[o.label] as ArrayLike<number> | undefined)?.length ?? 0;
  const allRows = Int32Array.from({ length: n }, (_, i) => i);
  const preScaler = scale === 'all' ? standardScaler({ columns: o.features, ledger }).fit(t, allRows) : null;
  const preSelector = o.select?.fitOn === 'all' ? selectKBestCorrelation({ label: o.label, k: o.select.k, columns: o.features, ledger }).fit(t, allRows) : null;
  const yTrue: number[] = [];
  const scores: number[] = [];
  const findings: Finding[] = [];
  for (const split of splits) {
    const fold = { fold: split.fold };
    const scaler = preScaler ?? (scale === 'train' ? standardScaler({ columns: o.features, ledger }).fit(t, split.train, fold) : null);
    const scaled = scaler ? scaler.transform(t) : t;
    const selector = preSelector ?? (o.select ? selectKBestCorrelation({ label: o.label, k: o.select.k, columns: o.features, ledger }).fit(t, split.train, fold) : null);
    const cols = selector ? selector.selected : o.features;
    const trainRows = o.oversampleTrain
      ? randomOversampler({ label: o.label, ledger, rng: o.oversampleStream }).fitResample(t, split.train, fold)
      : split.train;
    const xTrain = rowMatrix(scaled, cols, trainRows);
    const yTrain = valuesAt(t, o.label, trainRows);
    const xTest = rowMatrix(scaled, cols, split.test);
    const s = o.model === 'logistic' ? logisticScores(xTrain, yTrain, xTest, cols.length) : knnScores(xTrain, yTrain, xTest, cols.length, k);
    scores.push(...s);
    yTrue.push(...valuesAt(t, o.label, split.test));
    findings.push(...checkLeakage(t, split, { label: o.label, features: o.features, group: o.group, ledger }).findings);
  }
  const errors = findings.filter((f) => f.severity === 'error' && !f.accepted);
  const flagged = [...new Set(errors.map((f) => f.rule))].sort() as RuleId[];
  return {
    auc: rocAuc(yTrue, scores),
    accuracy: accuracy(yTrue, scores.map((v) => (v > 0.5 ? 1 : 0))),
    nEvaluated: yTrue.length, findings, flagged, errors: errors.length,
  };
}
