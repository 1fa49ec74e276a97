import { formatSummary, formatValue, summarize, type SummarizeOptions, type Summary } from '../../library/stats/index';
import { metricSeries, numericMetrics, type RunResults } from './records';

/** One baseline or ablation variant: its parameters and its runs (one per seed, or runs looping over seeds). */
export interface Variant {
  name: string;
  /** Parameter values shown as columns, e.g. `{ lr: 0.001, depth: 4 }`. */
  parameters?: { [name: string]: string | number | boolean | null };
  runs: readonly RunResults[];
}

/** One metric of one variant over its seeds. */
export interface MetricEstimate {
  /** Over the finite values; null when there are none. */
  summary: Summary | null;
  /** Seeds given, including NaN and missing ones. */
  seedsTotal: number;
  /** Seeds that gave NaN or ±Infinity. */
  nonFinite: number;
  /** Runs that did not record the metric. */
  missing: number;
}

export interface VariantRow {
  name: string;
  parameters: { [name: string]: string | number | boolean | null };
  metrics: { [metric: string]: MetricEstimate };
}

/**
 * Baselines and ablations as a table: one row per variant, its parameters, then each metric as
 * mean ± std [CI] over its seeds, with NaN and missing seeds counted in the cell
 * (`0.91 ± 0.01 [0.89, 0.93] (1 of 4 NaN)`). `metrics` defaults to every numeric metric, in the
 * order first recorded; `options` go to `summarize` (95% t by default).
 */
export function variantTable(variants: readonly Variant[], metrics?: readonly string[], options: SummarizeOptions = {}): { rows: VariantRow[]; markdown: string } {
  const names = metrics ?? numericMetrics(variants.flatMap((v) => [...v.runs]));
  const rows = variants.map((v) => {
    const estimates: VariantRow['metrics'] = {};
    for (const metric of names) estimates[metric] = estimate(v.runs, metric, options);
    return { name: v.name, parameters: { ...(v.parameters ?? {}) }, metrics: estimates };
  });
  const parameterNames = [...new Set(rows.flatMap((r) => Object.keys(r.parameters)))];
  const level = formatValue(100 * (options.confidence ?? 0.95));
  const header = ['variant', ...parameterNames, ...names.map((m) => `${m}: mean ± std [${level}% CI]`), 'seeds'];
  const body = rows.map((r) => [
    r.name, ...parameterNames.map((p) => (p in r.parameters ? String(r.parameters[p]) : '')),
    ...names.map((m) => estimateCell(r.metrics[m] as MetricEstimate)),
    String(Math.max(0, ...names.map((m) => (r.metrics[m] as MetricEstimate).seedsTotal))),
  ]);
  const lines = [header, header.map(() => '---'), ...body];
  return { rows, markdown: lines.map((cells) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`).join('\n') + '\n' };
}

function estimate(runs: readonly RunResults[], metric: string, options: SummarizeOptions): MetricEstimate {
  const series = metricSeries(runs, metric);
  const finite = series.values.filter((v) => Number.isFinite(v));
  return {
    summary: finite.length > 0 ? summarize(finite, options) : null,
    seedsTotal: series.values.length + series.missingSeeds.length,
    nonFinite: series.values.length - finite.length,
    missing: series.missingSeeds.length,
  };
}

function estimateCell(e: MetricEstimate): string {
  const notes: string[] = [];
  if (e.nonFinite > 0) notes.push(`${e.nonFinite} of ${e.seedsTotal} NaN`);
  if (e.missing > 0) notes.push(`${e.missing} of ${e.seedsTotal} missing`);
  const text = e.summary === null ? '—' : formatSummary(e.summary);
  return notes.length === 0 ? text : `${text} (${notes.join(', ')})`;
}
