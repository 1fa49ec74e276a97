import { summarize } from '../../library/stats/index';
import { provenanceFromRecords, type RecordLike } from './from-runs';
import type { Estimate, ResultTable } from './types';

/** One seed's run as the table reads it: its folder and the records its notebook made. */
export interface SeedRecords {
  dir: string;
  records: readonly RecordLike[];
}

/** Records that carry no metric: the train() budget has its own section. */
const NOT_METRICS = new Set(['budget']);

function lastNumber(records: readonly RecordLike[], name: string): number | null | undefined {
  const values = records.filter((r) => r.name === name).map((r) => r.value);
  if (values.length === 0) return undefined;
  const v = values[values.length - 1];
  if (typeof v === 'number') return v;
  if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') return Number(v);
  return null;
}

/**
 * Mean, std and t confidence interval over the seeds' finite values (as claims get them); n counts
 * those values, so a diverged seed lowers n instead of hiding in the mean.
 */
export function estimateOver(values: ReadonlyArray<number | null | undefined>, ciLevel = 0.95): Estimate {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (finite.length === 0) return { mean: null, n: 0 };
  const s = summarize(finite, { confidence: ciLevel });
  return { mean: s.mean, std: s.n > 1 ? s.std : null, ci: s.ciAvailable ? s.ci : null, n: s.n };
}

/**
 * Every numeric record the notebook made that no claim judges (baselines such as majority
 * accuracy, clean AUC, steps to 99 %), one row each in record order, over the main seeds. Records
 * whose value is not a number (curves, strings, objects) have their own place (figures) and are
 * left out. Null when there is none.
 */
export function nonClaimRecordTable(runs: readonly SeedRecords[], claimMetrics: readonly string[], ciLevel = 0.95): ResultTable | null {
  const skip = new Set([...claimMetrics, ...NOT_METRICS]);
  const names = [...new Set(runs.flatMap((r) => r.records.map((x) => x.name)))].filter((n) => !skip.has(n));
  const numeric = names.filter((n) => runs.some((r) => typeof lastNumber(r.records, n) === 'number'));
  if (numeric.length === 0) return null;
  return {
    title: 'recorded metrics that are not claims',
    kind: 'baseline',
    caption: 'Every numeric record of the notebook that no claim judges, over the main seeds (the last value when a record repeats).',
    parameters: [],
    metrics: ['value'],
    rows: numeric.map((name) => ({
      name,
      parameters: {},
      metrics: { value: estimateOver(runs.map((r) => lastNumber(r.records, name)), ciLevel) },
      provenance: runs.flatMap((r) => provenanceFromRecords(r.records, name, r.dir)),
    })),
  };
}
