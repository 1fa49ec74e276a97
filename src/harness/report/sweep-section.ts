import { formatNumber } from './format';
import { html, type Html } from './html';
import { dataTable, section, td } from './parts';
import type { PaperReport } from './types';

/** A sweep's tasks: where each ran (Slurm job and node), how it ended, in what wall time; empty for a run. */
export function sweepSection(report: PaperReport): Html {
  if (!report.sweep) return html``;
  const rows = report.sweep.tasks.map((t) => [
    td(String(t.index), 'num'),
    td(t.label, 'mono wrap'),
    td(t.state),
    td(t.slurmId ?? '—', 'mono'),
    td(t.node ?? '—', 'mono'),
    td(t.seconds === null ? '—' : `${formatNumber(t.seconds)} s`, 'num'),
    td(t.exitCode ?? '—', 'mono'),
    td(t.detail ?? ''),
  ]);
  const ended = new Map<string, number>();
  for (const t of report.sweep.tasks) ended.set(t.state, (ended.get(t.state) ?? 0) + 1);
  const title = `Sweep tasks (${report.sweep.tasks.length} on ${report.sweep.on}: ${[...ended].map(([s, n]) => `${n} ${s}`).join(', ')})`;
  return section('sweep', title, dataTable(['Task', 'Replay', 'State', 'Slurm job', 'Node', 'Wall', 'Exit', 'Detail'], rows, 'sweep'));
}
