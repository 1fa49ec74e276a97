import { html, type Html } from './html';
import { dataTable, emptyNote, section, td } from './parts';
import type { PaperReport } from './types';

/** The failure-case log: each case with its seed, cell, symptom, cause and status. */
export function failuresSection(report: PaperReport): Html {
  const rows = report.failures.map((f) => [
    td(f.id, 'mono'),
    td(f.seed === null ? '—' : String(f.seed), 'num'),
    td(f.cell === null ? '—' : String(f.cell), 'num'),
    td(f.symptom),
    td(f.cause ?? '—'),
    td(f.status ?? '—'),
    td(f.runDir ?? '—', 'mono wrap'),
  ]);
  const body = rows.length
    ? dataTable(['Case', 'Seed', 'Cell', 'Symptom', 'Cause', 'Status', 'Run'], rows, 'failures')
    : emptyNote('No failure cases logged.');
  return section('failures', `Failure cases (${report.failures.length})`, html`${body}`);
}
