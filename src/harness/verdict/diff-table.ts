import { distinctDigits, formatValue } from '../../library/stats/index';
// Deep import, as the budget table's formatter: the report index loads the verdict index (a cycle).
import { formatSi } from '../report/format';
import type { DiffRow } from './compare';
import type { RunDiff, RunDiffRow } from './diff-runs';

/** Column titles for the two sides; default "accepted" and "now" (a diff of runs passes their names). */
export interface DiffLabels { from?: string; to?: string }

/**
 * The rows as an aligned text table, like `dvc metrics diff`:
 * ```
 * metric         accepted  now    delta   rel delta  tolerance  within  status
 * test_accuracy  0.93      0.91   -0.02   -2.151%    0.01       no      regressed
 * ```
 * Values print with at least 6 significant digits, more when needed to show that they differ;
 * "-" marks an absent side.
 */
export function formatDiffTable(rows: readonly DiffRow[], labels: DiffLabels = {}): string {
  return alignedTable(rows.map((r) => ({ ...r, scope: '' })), [labels.from ?? 'accepted', labels.to ?? 'now'], false);
}

/**
 * A diff of two runs as one aligned table, columns titled by the runs' stamps; a first `seed`
 * column (`run`, `mean`, `seed-1`, …) when the rows span more than one. Strings and statuses print
 * as they are, with "-" for delta, tolerance and within: only numbers are judged within tolerance.
 * FLOPs read with an SI prefix (`1.28 TFLOP`). The diff's notes (different compute paths or
 * backends) come first, one `paperlab diff:` line each, so no reader takes last digits for a change.
 */
export function formatRunDiffTable(diff: RunDiff): string {
  const scoped = new Set(diff.rows.map((r) => r.scope)).size > 1;
  const notes = diff.notes.map((note) => `paperlab diff: ${note}: numbers may differ in their last digits for that reason alone\n`).join('');
  return notes + alignedTable(diff.rows, [diff.labels.from, diff.labels.to], scoped);
}

/** Budget rows whose figures read best in SI units, and their unit. */
const SI_ROWS: Readonly<Record<string, string>> = { 'budget flops': 'FLOP' };

/** What a table row needs of a DiffRow or RunDiffRow. */
export type TableRow = Pick<RunDiffRow, 'metric' | 'delta' | 'relDelta' | 'tolerance' | 'within' | 'status' | 'scope'> & { accepted: number | string | null; now: number | string | null };

function alignedTable(rows: readonly TableRow[], sides: [string, string], scoped: boolean): string {
  const header = [...(scoped ? ['seed'] : []), 'metric', ...sides, 'delta', 'rel delta', 'tolerance', 'within', 'status'];
  const body = rows.map((r) => {
    const cells = diffCells(r);
    return [...(scoped ? [r.scope] : []), r.metric, cells.accepted, cells.now, cells.delta, cells.relDelta, cells.tolerance, cells.within, r.status];
  });
  const table = [header, ...body];
  const widths = header.map((_, c) => Math.max(...table.map((cells) => (cells[c] as string).length)));
  return table.map((cells) => cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c] as number))).join('  ')).join('\n') + '\n';
}

/**
 * One row's cells as text, as the table prints them (the compare page shows the same): values with
 * at least 6 significant digits, more when needed to show that they differ, FLOPs with an SI
 * prefix; "-" for an absent side and for what a string or status has no use for.
 */
export function diffCells(r: TableRow): { accepted: string; now: string; delta: string; relDelta: string; tolerance: string; within: string } {
  const numbers = [r.accepted, r.now].map((v) => (typeof v === 'number' ? v : NaN));
  const digits = distinctDigits(numbers, 6);
  const unit = SI_ROWS[r.metric];
  const number = (v: number, d?: number) => (unit !== undefined && Number.isFinite(v) ? formatSi(v, unit) : formatValue(v, d));
  const value = (v: number | string | null) => (v === null ? '-' : typeof v === 'string' ? v : number(v, digits));
  return {
    accepted: value(r.accepted), now: value(r.now), delta: signed(r.delta, (v) => number(v)),
    relDelta: signed(r.relDelta, (v) => `${formatValue(100 * v, 4)}%`), tolerance: r.tolerance === null ? '-' : formatValue(r.tolerance),
    within: r.within === null ? '-' : r.within ? 'yes' : 'no',
  };
}

function signed(v: number | null, format: (v: number) => string): string {
  if (v === null) return '-';
  return v > 0 ? `+${format(v)}` : format(v);
}
