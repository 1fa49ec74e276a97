import { html, type Html } from './html';
import { groupFailures, splitFailures, type FailureGroup } from './failure-groups';
import { dataTable, emptyNote, section, td } from './parts';
import type { PaperReport } from './types';

const HEADERS = ['Cases', 'Seeds', 'Cells', 'Symptom', 'Cause', 'Status', 'Runs'];

function groupRow(g: FailureGroup): Html[] {
  const list = (xs: Array<number | string>) => (xs.length ? xs.join(', ') : '—');
  return [
    html`<td class="mono">${g.ids.join(', ')}${g.count > 1 ? html`<div class="muted">${g.count} times</div>` : ''}</td>`,
    td(list(g.seeds), 'num'),
    td(list(g.cells), 'num'),
    td(g.symptom),
    td(g.cause ?? '—'),
    td(list(g.statuses)),
    html`<td class="mono run">${g.runs.length ? g.runs.map((r, i) => html`${i ? html`<br>` : ''}${r}`) : '—'}</td>`,
  ];
}

/**
 * The failure-case log: this run's entries first, then the history of failures.yaml folded away,
 * each with identical entries (same symptom and cause) collapsed to one row with a count.
 */
export function failuresSection(report: PaperReport): Html {
  const { thisRun, history } = splitFailures(report);
  const mine = groupFailures(thisRun);
  const old = groupFailures(history);
  const current = report.runDir
    ? html`<h3>This run (${thisRun.length})</h3>${mine.length ? dataTable(HEADERS, mine.map(groupRow), 'failures') : emptyNote('No failure cases logged by this run.')}`
    : '';
  const past = old.length
    ? html`<details class="history"><summary>${report.runDir ? 'Earlier runs and entries tied to no run' : 'Logged entries'}: ${history.length} entries, ${old.length} distinct</summary>
${dataTable(HEADERS, old.map(groupRow), 'failures')}</details>`
    : report.runDir ? '' : emptyNote('No failure cases logged.');
  const title = report.runDir ? `Failure cases (${thisRun.length} this run, ${history.length} earlier)` : `Failure cases (${report.failures.length})`;
  return section('failures', title, html`${current}${past}`);
}
