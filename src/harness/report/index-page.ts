import { invalid } from '../../library/errors/index';
import { formatTime } from './format';
import { html, type Html } from './html';
import { dataTable, emptyNote, td } from './parts';
import { pageHtml, verdictCountsHtml } from './page';
import type { PaperSummary } from './types';

function budgetCell(s: PaperSummary): Html {
  const b = s.budget;
  if (!b) return td('—');
  const text = `${b.resource}: ${b.text}`;
  return td(b.over ? `${text} (over)` : text, b.over ? 'over' : '');
}

/** The index over all papers: one row per paper with verdict counts, last run, budget and a link. */
export function renderIndexHtml(summaries: PaperSummary[], generatedAt: string = new Date().toISOString()): string {
  summaries.forEach((s, i) => {
    // Escaping keeps a link's text inert but not its target: only a sibling page may be linked.
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*\.html$/.test(s.href)) throw invalid(`summaries[${i}].href`, 'a page in the same folder, like "<paper id>.html"', s.href);
  });
  const rows = summaries.map((s) => [
    html`<td><a href="${s.href}">${s.title}</a><div class="muted mono">${s.id}</div></td>`,
    td(String(s.year), 'num'),
    html`<td>${verdictCountsHtml(s.verdicts)}</td>`,
    td(formatTime(s.lastRunAt)),
    budgetCell(s),
    td(String(s.failures), 'num'),
  ]);
  const body = rows.length
    ? dataTable(['Paper', 'Year', 'Claims', 'Last run', 'Budget used', 'Failures'], rows, 'index')
    : emptyNote('No paper reports yet.');
  return pageHtml(
    'paperlab reports',
    html`<header class="paper"><h1>paperlab reports</h1><div class="meta">${summaries.length} paper(s) · generated ${formatTime(generatedAt)}</div></header>
<section id="papers">${body}</section>`,
  );
}
