import type { RecordEntry } from '../../library/results/mime';
import type { ResultsFile } from '../runner/results-file';
import { invalid } from '../../library/errors/index';

/**
 * What a verdict reads of a record (src/library/results `RecordEntry`): its name and value, and the
 * seed and step when known. Runs without a seed are keyed by their position.
 */
export type RecordLike = Pick<RecordEntry, 'name'> & Partial<Pick<RecordEntry, 'seed' | 'step' | 'native'>> & { value: unknown };

/** What a verdict reads of a results.json (src/harness/runner `ResultsFile`): its records and manifest. */
export type ResultsLike = { records: readonly RecordLike[] } & Partial<Pick<ResultsFile, 'manifest'>>;

/** One run's results: a parsed results.json or its bare list of records. */
export type RunResults = ResultsLike | readonly RecordLike[];

/** One metric's values over seeds, in run order, plus the seeds of runs that lacked it. */
export interface MetricSeries {
  values: number[];
  seeds: number[];
  missingSeeds: number[];
}

/**
 * Values of `metric`, one per seed, from runs' records. Records are grouped by their `seed`
 * (one notebook may loop over seeds); within a seed the final value counts: the largest `step`,
 * else the last recorded (a metric logged every epoch ends at its last epoch). A seed present in
 * two runs is an error, since counting it twice would shrink the CI. "NaN", "Infinity" and
 * "-Infinity" (how record() stores them) become numbers; any other non-number throws.
 */
export function metricSeries(runs: readonly RunResults[], metric: string): MetricSeries {
  const out: MetricSeries = { values: [], seeds: [], missingSeeds: [] };
  const seen = new Map<number, number>();
  runs.forEach((run, r) => {
    const finals = finalPerSeed(recordsOf(run, r).filter((rec) => rec.name === metric), r);
    if (finals.size === 0) out.missingSeeds.push(runSeed(run, r));
    for (const [seed, rec] of finals) {
      const value = toNumber(rec.value);
      if (value === undefined) throw invalid(`runs[${r}] record "${metric}" (seed ${seed})`, 'a number', rec.value);
      if (seen.has(seed)) {
        throw invalid(`runs[${r}] record "${metric}"`, 'each seed in one run only', `seed ${seed} again (also in runs[${seen.get(seed)}])`, 'pass each seed\'s run once');
      }
      seen.set(seed, r);
      out.values.push(value);
      out.seeds.push(seed);
    }
  });
  return out;
}

/** Every metric with a numeric (or NaN) value in any run, in first-seen order; other records are skipped. */
export function numericMetrics(runs: readonly RunResults[]): string[] {
  const names = new Set<string>();
  runs.forEach((run, r) => {
    for (const rec of recordsOf(run, r)) if (toNumber(rec.value) !== undefined) names.add(rec.name);
  });
  return [...names];
}

/** A record value as a number: numbers as they are, record()'s "NaN"/"Infinity"/"-Infinity" strings, else undefined. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return Number(value);
  return undefined;
}

function recordsOf(run: RunResults, r: number): readonly RecordLike[] {
  const records = Array.isArray(run) ? run : (run as ResultsLike)?.records;
  if (!Array.isArray(records)) throw invalid(`runs[${r}]`, 'a results.json object with records, or an array of records', typeof run);
  return records as readonly RecordLike[];
}

function finalPerSeed(records: readonly RecordLike[], r: number): Map<number, RecordLike> {
  const finals = new Map<number, RecordLike>();
  for (const rec of records) {
    const seed = typeof rec.seed === 'number' ? rec.seed : r;
    const prev = finals.get(seed);
    if (prev === undefined || (rec.step ?? -Infinity) >= (prev.step ?? -Infinity)) finals.set(seed, rec);
  }
  return finals;
}

function runSeed(run: RunResults, r: number): number {
  const manifest = Array.isArray(run) ? undefined : (run as ResultsLike).manifest as { seed?: unknown } | undefined;
  if (manifest && typeof manifest.seed === 'number') return manifest.seed;
  const first = recordsOf(run, r).find((rec) => typeof rec.seed === 'number');
  return first ? (first.seed as number) : r;
}
