import { basename } from 'node:path';
import { figureHtml } from '../../library/display/index';
import { formatCi, formatNumber } from './format';
import { claimHistoryFigure, commitText } from './history-figures';
import { html, trusted, type Html } from './html';
import { dataTable, section, td, verdictBadge } from './parts';
import type { HistoryRun, PaperReport } from './types';

/** True when the report holds two runs or more: then the page has a "Runs over time" section. */
export function hasHistory(report: PaperReport): boolean {
  return (report.history?.length ?? 0) >= 2;
}

/** How the run ran: completed or interrupted (and why), then its compute path and backend. */
function ranCell(run: HistoryRun): Html {
  const where = html`<div class="muted">${run.compute}${run.backend === 'none recorded' ? '' : `, ${run.backend}`}</div>`;
  if (run.interrupted === null) return html`<td class="status">completed${where}</td>`;
  return html`<td class="status"><span class="over">interrupted</span>${where}<div class="muted">${run.interrupted}; not plotted</div></td>`;
}

function claimCell(run: HistoryRun, claimId: string): Html {
  const c = run.claims.find((x) => x.id === claimId);
  if (!c) return html`<td class="muted">not judged</td>`;
  const ci = c.ci ? formatCi(c) : 'no CI';
  // An interrupted run judged the seeds it had: its numbers are shown, its verdict is not one.
  if (run.interrupted !== null) return html`<td class="num wraps muted">${formatNumber(c.mean)}<div>${ci}, n=${c.n}</div><div>partial run: no verdict</div></td>`;
  return html`<td class="num wraps">${formatNumber(c.mean)}<div class="muted">${ci}, n=${c.n}</div>${verdictBadge(c.verdict)}</td>`;
}

function runRow(report: PaperReport, run: HistoryRun): Html[] {
  const shown = report.runDir !== undefined && basename(report.runDir) === run.stamp;
  return [
    html`<td class="mono">${run.stamp}<div class="muted">${run.profile === 'replay' ? 'replay profile' : 'full run'}${shown ? ', this report' : ''}</div></td>`,
    td(commitText(run.commits), 'mono'),
    ranCell(run),
    ...report.claims.map((c) => claimCell(run, c.id)),
  ];
}

/**
 * "Runs over time": one row per run of the paper, newest first (stamp, commit with a dirty mark,
 * profile, status, compute path and backend, each claim's mean, CI and verdict), then one figure
 * per claim of its mean over runs. Replay runs are marked and drawn apart from full runs (other
 * parameters); interrupted runs are listed and marked, never plotted. Empty below two runs.
 */
export function historySection(report: PaperReport): Html | '' {
  if (!hasHistory(report)) return '';
  const runs = report.history!;
  const headers = ['Run', 'Commit', html`Status<div class="muted">compute path</div>`, ...report.claims.map((c) => html`${c.id}<div class="muted">${c.metric}</div>`)];
  const table = html`<div class="wide">${dataTable(headers, runs.map((r) => runRow(report, r)), 'history')}</div>${report.claims.length > 4 ? html`<p class="muted">One column per claim (${report.claims.length}); the table scrolls sideways.</p>` : ''}`;
  // The page carries plotly when the report has figures (reportFromRun draws one per claim); a
  // hand-made report without any gets the table alone rather than plots that cannot draw.
  const figures = report.figures.length === 0 ? [] : report.claims.flatMap((c) => {
    const figure = claimHistoryFigure(c, runs);
    if (!figure) return [];
    const reference = c.valueFrom === 'ours' ? 'our threshold (the paper prints no number)' : "the paper's value";
    return [html`<figure>${trusted(figureHtml(figure, { heightPx: 300 }))}<figcaption>${c.id}: ${c.metric}, mean and 95% CI of each finished run against when it started (UTC); dashed: ${reference}; shaded: the accepted band when it has two sides.</figcaption></figure>`];
  });
  const full = runs.filter((r) => r.profile === 'full').length;
  const lead = html`<p>${runs.length} runs of this paper, newest first: ${full} full, ${runs.length - full} replay (the CI profile runs other, smaller parameters), ${runs.filter((r) => r.interrupted !== null).length} interrupted. Replay runs are drawn as separate markers, never joined to full runs; interrupted runs are not drawn. Compare any two with <code>paperlab report --compare &lt;runA&gt; &lt;runB&gt;</code>.</p>`;
  return section('history', 'Runs over time', html`${lead}${table}<div class="history-figures">${figures}</div>`);
}
