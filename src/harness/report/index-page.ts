import { invalid } from '../../library/errors/index';
import { formatTime } from './format';
import { html, type Html } from './html';
import type { IndexRow } from './index-rows';
import { dataTable, emptyNote, td } from './parts';
import { pageHtml, verdictCountsHtml } from './page';
import type { PaperSummary } from './types';

function budgetCell(s: PaperSummary | null): Html {
  const b = s?.budget;
  if (!b) return td('—');
  const text = `${b.resource}: ${b.text}`;
  return td(b.over ? `${text} (over)` : text, b.over ? 'over wrap' : 'wrap');
}

/** The reported run: when it ended, its stamp and profile, "no full run yet" for a replay, "no run yet" without one. */
function runCell(row: IndexRow): Html {
  if (row.run === null) return html`<td><span class="no-run">no run yet</span></td>`;
  const when = formatTime(row.summary?.lastRunAt ?? null);
  const stamp = row.run ? html`<div class="muted mono">${row.run.stamp}${row.run.profile === 'replay' ? ' (CI replay)' : ' (full run)'}</div>` : '';
  const noFull = row.run?.profile === 'replay' ? html`<div class="no-run">no full run yet</div>` : '';
  const newer = row.newerReplay ? html`<div class="muted">newer replay: <span class="mono">${row.newerReplay}</span></div>` : '';
  return html`<td class="run-cell">${when}${stamp}${noFull}${newer}</td>`;
}

/** A PaperSummary alone (as earlier callers pass it) is a row whose run the index does not know. */
function asRow(entry: IndexRow | PaperSummary): IndexRow {
  if ('summary' in entry) return entry;
  return { id: entry.id, title: entry.title, year: entry.year, summary: entry, run: undefined, failuresThisRun: entry.failures };
}

/**
 * The index over all papers: one row per paper folder with verdict counts, the reported run (or
 * "no run yet"), budget, this run's failure count and a link to its page (none without a run).
 */
export function renderIndexHtml(entries: Array<IndexRow | PaperSummary>, generatedAt: string = new Date().toISOString()): string {
  const rows = entries.map(asRow);
  rows.forEach((r, i) => {
    // Escaping keeps a link's text inert but not its target: only a sibling page may be linked.
    if (r.summary && !/^[A-Za-z0-9][A-Za-z0-9._-]*\.html$/.test(r.summary.href)) throw invalid(`summaries[${i}].href`, 'a page in the same folder, like "<paper id>.html"', r.summary.href);
  });
  const cells = rows.map((r) => [
    r.summary
      ? html`<td class="wrap"><a href="${r.summary.href}">${r.title}</a><div class="muted mono">${r.id}</div></td>`
      : html`<td class="wrap">${r.title}<div class="muted mono">${r.id}</div></td>`,
    td(String(r.year), 'num'),
    r.summary ? html`<td>${verdictCountsHtml(r.summary.verdicts)}</td>` : td('—'),
    runCell(r),
    budgetCell(r.summary),
    td(r.failuresThisRun === null ? '—' : String(r.failuresThisRun), 'num'),
  ]);
  const reported = rows.filter((r) => r.summary).length;
  const body = rows.length
    ? dataTable(['Paper', 'Year', 'Claims', 'Reported run', 'Budget used', "Failures (this run's entries)"], cells, 'index')
    : emptyNote('No paper reports yet.');
  return pageHtml(
    'paperlab reports',
    html`<header class="paper"><h1>paperlab reports</h1><div class="meta">${rows.length} paper(s), ${reported} with a report · generated ${formatTime(generatedAt)}</div></header>
<section id="papers">${body}</section>`,
  );
}
