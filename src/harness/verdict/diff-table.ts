import { distinctDigits, formatValue } from '../../library/stats/index';
import type { DiffRow } from './compare';

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
  const header = ['metric', labels.from ?? 'accepted', labels.to ?? 'now', 'delta', 'rel delta', 'tolerance', 'within', 'status'];
  const body = rows.map((r) => {
    const digits = distinctDigits([r.accepted ?? NaN, r.now ?? NaN], 6);
    const value = (v: number | null) => (v === null ? '-' : formatValue(v, digits));
    return [
      r.metric, value(r.accepted), value(r.now), signed(r.delta, (v) => formatValue(v)),
      signed(r.relDelta, (v) => `${formatValue(100 * v, 4)}%`), r.tolerance === null ? '-' : formatValue(r.tolerance),
      r.within === null ? '-' : r.within ? 'yes' : 'no', r.status,
    ];
  });
  const table = [header, ...body];
  const widths = header.map((_, c) => Math.max(...table.map((cells) => (cells[c] as string).length)));
  return table.map((cells) => cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c] as number))).join('  ')).join('\n') + '\n';
}

function signed(v: number | null, format: (v: number) => string): string {
  if (v === null) return '-';
  return v > 0 ? `+${format(v)}` : format(v);
}
