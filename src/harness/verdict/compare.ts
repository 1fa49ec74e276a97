import { invalid } from '../../library/errors/index';
import { mean } from '../../library/stats/index';
import type { NativeRecord } from '../../library/results/index';
import { acceptedPath, computePathOf, readAccepted, type AcceptedProfile, type AcceptedResults } from './accepted-file';
import { metricSeries, numericMetrics, type RunResults } from './records';

/** Tolerances of a comparison, numpy.isclose-style: within when |now − accepted| ≤ atol + rtol · |accepted|. */
export interface DiffTolerance {
  /** Absolute, in the metric's unit; default 0. */
  atol?: number;
  /** Relative, a fraction of |accepted|; default 0. */
  rtol?: number;
}

/**
 * Default: exact. Replays with the same seed and backend are bit-identical, so any change is news;
 * pass tolerances for comparisons across backends or machines.
 */
export const DEFAULT_DIFF_TOLERANCE: Required<DiffTolerance> = { atol: 0, rtol: 0 };

/**
 * ok: within tolerance. regressed: changed beyond tolerance, either way (a reproduction that
 * moved up has still moved), or became NaN. missing: accepted but not measured now. new: measured
 * now, never accepted (not a failure).
 */
export type DiffStatus = 'ok' | 'regressed' | 'missing' | 'new';

/** One metric compared; numbers are null where a side is absent. */
export interface DiffRow {
  metric: string;
  accepted: number | null;
  now: number | null;
  /** now − accepted. */
  delta: number | null;
  /** delta / |accepted|; null when accepted is 0 and delta is not. Both NaN (or the same infinity): delta and relDelta 0, within. */
  relDelta: number | null;
  /** atol + rtol · |accepted|, with the metric's own atol/rtol when accepted.json has them. */
  tolerance: number | null;
  within: boolean | null;
  status: DiffStatus;
}

/** What accepted values to compare against: accepted.json, or bare metric → { value, atol?, rtol? }. */
export type AcceptedValues = AcceptedResults | { [metric: string]: { value: number; atol?: number; rtol?: number } };

/**
 * Compares current metric values (metric → mean over seeds) with accepted ones, in accepted order
 * then new metrics in current order. A delta equal to the tolerance in decimal counts as within
 * (a 1e-12 relative slack on a non-zero tolerance absorbs binary rounding); a zero tolerance is exact.
 */
export function compareToAccepted(accepted: AcceptedValues, current: { [metric: string]: number }, defaults: DiffTolerance = {}): DiffRow[] {
  const atolDefault = checkTolerance('atol', defaults.atol ?? DEFAULT_DIFF_TOLERANCE.atol);
  const rtolDefault = checkTolerance('rtol', defaults.rtol ?? DEFAULT_DIFF_TOLERANCE.rtol);
  const metrics = isAcceptedFile(accepted) ? accepted.metrics : accepted;
  const rows: DiffRow[] = [];
  for (const [metric, m] of Object.entries(metrics)) {
    const tolerance = (m.atol ?? atolDefault) + (m.rtol ?? rtolDefault) * Math.abs(m.value);
    if (!Object.hasOwn(current, metric)) {
      rows.push({ metric, accepted: m.value, now: null, delta: null, relDelta: null, tolerance, within: null, status: 'missing' });
      continue;
    }
    const now = current[metric] as number;
    // Two runs that both diverged (NaN, or the same infinity) agree: their difference is not NaN but 0.
    const same = now === m.value || (Number.isNaN(now) && Number.isNaN(m.value));
    const delta = same ? 0 : now - m.value;
    const relDelta = same ? 0 : m.value === 0 ? null : delta / Math.abs(m.value);
    const size = Math.abs(delta);
    const within = same || size <= tolerance || (tolerance > 0 && size - tolerance <= 1e-12 * tolerance);
    rows.push({ metric, accepted: m.value, now, delta, relDelta, tolerance, within, status: within ? 'ok' : 'regressed' });
  }
  for (const [metric, now] of Object.entries(current)) {
    if (Object.hasOwn(metrics, metric)) continue;
    rows.push({ metric, accepted: null, now, delta: null, relDelta: null, tolerance: null, within: null, status: 'new' });
  }
  return rows;
}

/** True when no row regressed or went missing ('new' metrics are fine). */
export function diffOk(rows: readonly DiffRow[]): boolean {
  return rows.every((r) => r.status === 'ok' || r.status === 'new');
}

/** Every numeric metric of runs as its mean over seeds (NaN when a seed gave NaN). */
export function runMeans(runs: readonly RunResults[]): { [metric: string]: number } {
  const out: { [metric: string]: number } = {};
  for (const metric of numericMetrics(runs)) out[metric] = mean(metricSeries(runs, metric).values);
  return out;
}

/**
 * Compares two runs' results (parsed results.json or records), A as the reference: rows as
 * `compareToAccepted`, where 'missing' is in A only and 'new' in B only. A metric recorded for
 * several seeds in one run is compared by its mean.
 */
export function diffRuns(resultsA: RunResults, resultsB: RunResults, tolerance: DiffTolerance = {}): DiffRow[] {
  const reference: { [metric: string]: { value: number } } = {};
  for (const [metric, value] of Object.entries(runMeans([resultsA]))) reference[metric] = { value };
  return compareToAccepted(reference, runMeans([resultsB]), tolerance);
}

/**
 * For `paperlab check`: compares current results (one run or several, e.g. one per seed) with
 * papers/<id>/accepted.json, the file of the compute path the results ran on (see ComputePath).
 * `ok` is false when any metric regressed or is missing.
 */
export function checkAgainstAccepted(paperDir: string, currentResults: RunResults | readonly RunResults[], defaults: DiffTolerance = {}, profile: AcceptedProfile = 'full'): { path: string; rows: DiffRow[]; ok: boolean; note?: string } {
  const runs = asRuns(currentResults);
  const { compute, native } = computePathOf(runs);
  const accepted = readAccepted(paperDir, profile, compute);
  const rows = compareToAccepted(accepted, runMeans(runs), defaults);
  const ok = diffOk(rows);
  return { path: acceptedPath(paperDir, profile, compute), rows, ok, ...(ok ? {} : { note: pathNote(accepted.native, native) }) };
}

// A regression on another BLAS or thread count is expected in the last bits: say so beside the rows.
function pathNote(accepted: NativeRecord | null | undefined, now: NativeRecord | null): string | undefined {
  if (!accepted || !now) return undefined;
  if (accepted.blas === now.blas && accepted.threads === now.threads) return undefined;
  return `accepted on ${accepted.blas} with ${accepted.threads} threads, run on ${now.blas} with ${now.threads}: results are bit-identical only on the same BLAS and thread count (set PAPERLAB_THREADS=${accepted.threads})`;
}

/** One run (results.json or its records) or a list of runs, as a list of runs. */
export function asRuns(results: RunResults | readonly RunResults[]): readonly RunResults[] {
  if (!Array.isArray(results)) return [results as RunResults];
  const first = (results as unknown[])[0] as { records?: unknown } | unknown[] | undefined;
  const isRunList = first !== undefined && (Array.isArray(first) || Array.isArray((first as { records?: unknown }).records));
  return isRunList ? (results as readonly RunResults[]) : [results as RunResults];
}

function isAcceptedFile(accepted: AcceptedValues): accepted is AcceptedResults {
  return (accepted as AcceptedResults).format !== undefined && typeof (accepted as AcceptedResults).metrics === 'object';
}

function checkTolerance(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw invalid(`tolerance ${name}`, 'a finite number >= 0', String(value));
  return value;
}
