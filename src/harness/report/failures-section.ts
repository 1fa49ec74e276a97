import { html, type Html } from './html';
import { groupFailures, sharedCauses, splitFailures, type FailureGroup } from './failure-groups';
import { dataTable, emptyNote, section, td } from './parts';
import type { PaperReport } from './types';

const HEADERS = ['Cases', 'Seeds', 'Cells', 'Symptom', 'Cause', 'Status', 'Runs'];

function groupRow(g: FailureGroup, shared: Map<string, number>): Html[] {
  const list = (xs: Array<number | string>) => (xs.length ? xs.join(', ') : '—');
  return [
    html`<td class="mono">${g.ids.join(', ')}${g.count > 1 ? html`<div class="muted">${g.count} times</div>` : ''}</td>`,
    td(list(g.seeds), 'num'),
    td(list(g.cells), 'num'),
    td(g.symptom),
    td(g.causes.length ? g.causes.map((c) => (shared.has(c) ? `see cause ${shared.get(c)} below` : c)).join(' / ') : '—'),
    td(list(g.statuses)),
    html`<td class="mono run">${g.runs.length ? g.runs.map((r, i) => html`${i ? html`<br>` : ''}${r}`) : '—'}</td>`,
  ];
}

/** A table of failure rows, then each cause several rows share, printed once. */
function groupTable(groups: FailureGroup[]): Html {
  const shared = sharedCauses(groups);
  const causes = shared.size
    ? html`<ol class="plain causes">${[...shared.keys()].map((c) => html`<li>cause ${shared.get(c)!}: ${c}</li>`)}</ol>`
    : '';
  return html`${dataTable(HEADERS, groups.map((g) => groupRow(g, shared)), 'failures')}${causes}`;
}

/**
 * The failure-case log: this run's entries first, then the history of failures.yaml folded away,
 * each with identical entries (same symptom) collapsed to one row with a count, and a cause shared
 * by several rows printed once below its table.
 */
export function failuresSection(report: PaperReport): Html {
  const { thisRun, history } = splitFailures(report);
  const mine = groupFailures(thisRun);
  const old = groupFailures(history);
  const current = report.runDir
    ? html`<h3>This run (${thisRun.length})</h3>${mine.length ? groupTable(mine) : emptyNote('No failure cases logged by this run.')}`
    : '';
  const past = old.length
    ? html`<details class="history"><summary>${report.runDir ? 'Earlier runs and entries tied to no run' : 'Logged entries'}: ${history.length} entries, ${old.length} distinct</summary>
${groupTable(old)}</details>`
    : report.runDir ? '' : emptyNote('No failure cases logged.');
  const title = report.runDir ? `Failure cases (${thisRun.length} this run, ${history.length} earlier)` : `Failure cases (${report.failures.length})`;
  return section('failures', title, html`${current}${past}`);
}
