import { plotlyScript } from '../../library/display/index';
import { budgetSection } from './budget-section';
import { claimsSection } from './claims-section';
import { REPORT_CSS } from './css';
import { environmentSection } from './environment-section';
import { failuresSection } from './failures-section';
import { sweepSection } from './sweep-section';
import { figuresSection } from './figures-section';
import { hasHistory, historySection } from './history-section';
import { formatTime } from './format';
import { html, trusted, type Html, type HtmlPart } from './html';
import { verdictBadge } from './parts';
import { provenanceSection } from './provenance-section';
import { tablesSection } from './tables-section';
import { checkReport } from './check';
import { verdictCounts } from './summary';
import { VERDICTS, type PaperReport, type Verdict } from './types';

// Defence in depth: even if something slipped through escaping, the page may not load anything
// from anywhere (no network, no external script); inline scripts are ours (plotly and its calls).
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:";

/** A complete page: doctype, CSP, inline CSS, then the body. Shared by paper pages and the index. */
export function pageHtml(title: string, body: HtmlPart, head: HtmlPart = ''): string {
  return html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${trusted(REPORT_CSS)}</style>
${head}
</head><body><main>
${body}
</main></body></html>
`.value;
}

/** Verdict badges with counts, e.g. "3 reproduced", "1 partially reproduced"; verdicts with zero claims are left out. */
export function verdictCountsHtml(counts: Record<Verdict, number>): Html {
  const used = VERDICTS.filter((v) => counts[v] > 0);
  if (!used.length) return html`<span class="muted">no claims</span>`;
  return html`<span class="counts">${used.map((v) => html`${verdictBadge(v, counts[v])} `)}</span>`;
}

function paperHeader(report: PaperReport): Html {
  const p = report.paper;
  const ids = [p.arxiv ? `arXiv:${p.arxiv}` : '', p.doi ? `doi:${p.doi}` : ''].filter(Boolean).join(' · ');
  return html`<header class="paper"><h1>${p.title}</h1>
<div class="meta">${p.authors.join(', ')} · ${p.venue} ${p.year}${ids ? html` · <span class="mono">${ids}</span>` : ''}</div>
<div class="meta">Report <span class="mono">${p.id}</span>, generated ${formatTime(report.generatedAt)} · ${verdictCountsHtml(verdictCounts(report))}</div>
</header>`;
}

const NAV: Array<[string, string]> = [
  ['claims', 'Claims'], ['figures', 'Figures'], ['tables', 'Baselines & ablations'], ['failures', 'Failures'], ['sweep', 'Sweep tasks'],
  ['budget', 'Budget'], ['environment', 'Environment & runs'], ['history', 'Runs over time'], ['provenance', 'Provenance'],
];

/**
 * One self-contained HTML page for a paper, in the order a research engineer reads: claims (with
 * deviations), figures, baselines and ablations, failures, budget, environment and runs,
 * provenance. Inline CSS; plotly inlined once (only when there are figures); every text escaped;
 * no external URL. Throws PaperlabError on a malformed report.
 */
export function renderPaperHtml(report: PaperReport): string {
  checkReport(report);
  const nav = html`<nav class="toc">${NAV.filter(([id]) => (id !== 'sweep' || report.sweep) && (id !== 'history' || hasHistory(report))).map(([id, label]) => html`<a href="#${id}">${label}</a>`)}</nav>`;
  const body = html`${paperHeader(report)}${nav}
${claimsSection(report)}
${figuresSection(report)}
${tablesSection(report)}
${failuresSection(report)}
${sweepSection(report)}
${budgetSection(report)}
${environmentSection(report)}
${historySection(report)}
${provenanceSection(report)}
<footer>paperlab report · generated ${formatTime(report.generatedAt)}</footer>`;
  const head = report.figures.length ? trusted(plotlyScript()) : '';
  return pageHtml(`${report.paper.title} — paperlab report`, body, head);
}
