import type { CollectedRecord } from '../runner/collect';
import type { Environment } from '../env/index';
import type { EnvironmentSummary, Provenance, ReportNumber } from './types';

/** The part of a collected record (results.json `records[]`) that provenance needs. */
export type RecordLike = Pick<CollectedRecord, 'name' | 'cell'> & { value: unknown; seed: number | string };

function asReportNumber(value: unknown): ReportNumber | undefined {
  // Separate tests and plain returns: tslab compiles non-strict, where `=== null` does not narrow.
  if (value === null) return null;
  if (typeof value === 'number') return value;
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return value as ReportNumber;
  return undefined;
}

/**
 * Provenance entries for one record name from a run's results.json records: seed, cell, run
 * folder, and the value when it is a number. Several records of that name (steps) give several entries.
 */
export function provenanceFromRecords(records: readonly RecordLike[], name: string, runDir: string): Provenance[] {
  return records
    .filter((r) => r.name === name)
    .map((r) => {
      const value = asReportNumber(r.value);
      return value === undefined ? { seed: r.seed, cell: r.cell, runDir, record: r.name } : { seed: r.seed, cell: r.cell, runDir, record: r.name, value };
    });
}

function flatten(value: unknown, prefix: string, out: EnvironmentSummary['values']): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null;
  out[prefix] = scalar ? (value as string | number | boolean | null) : JSON.stringify(value);
}

/**
 * An environment lock as a report shows it: its digest and every key flattened (`strict.node`,
 * `strict.packages.@tensorflow/tfjs`, `info.cpuModel`), plus `paperlab env check` lines if given.
 */
export function environmentSummary(lock: Environment, lockSha256: string | null, differences?: string[]): EnvironmentSummary {
  const values: EnvironmentSummary['values'] = {};
  flatten(lock, '', values);
  return differences && differences.length ? { lockSha256, values, differences } : { lockSha256, values };
}
