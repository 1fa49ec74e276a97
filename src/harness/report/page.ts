import { plotlyScript } from '../../library/display/index';
import { budgetSection } from './budget-section';
import { claimsSection } from './claims-section';
import { REPORT_CSS } from './css';
import { environmentSection } from './environment-section';
import { failuresSection } from './failures-section';
import { memoSection } from './memo-section';
import { sweepSection } from './sweep-section';
import { figuresSection } from './figures-section';
import { hasHistory, historySection } from './history-section';
import { formatTime } from './format';
import { html, trusted, type Html, type HtmlPart } from './html';
import { verdictBadge } from './parts';
import { provenanceSection } from './provenance-section';
import { tablesSection } from './tables-section';
import { checkReport } from './check';
import { invalid } from '../../library/errors/index';
import { PLOTLY_ASSET_NAME } from './plotly-asset';
import { verdictCounts } from './summary';
import { VERDICTS, type PaperReport, type Verdict } from './types';

// Defence in depth: even if something slipped through escaping, the page may not load anything
// from anywhere (no network, no external script); inline scripts are ours (plotly and its calls).
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:";
// A page that loads the folder's shared plotly file needs a script source for it. Chromium (measured
// in tests/harness/report/plotly-asset.test.ts) matches a file:// page's sibling script with 'self'
// (as with file:, any local file), and refuses SRI hashes on file:// (they need CORS); so scripts
// may come from local files, never from a network, and every other load stays forbidden.
const CSP_SHARED_PLOTLY = CSP.replace("script-src 'unsafe-inline'", "script-src 'self' 'unsafe-inline'");

/** What a page may load: nothing (default), or also scripts from local files (the shared plotly). */
export interface PageOptions {
  localScripts?: boolean;
}

/** A complete page: doctype, CSP, inline CSS, then the body. Shared by paper pages and the index. */
export function pageHtml(title: string, body: HtmlPart, head: HtmlPart = '', options: PageOptions = {}): string {
  return html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${options.localScripts ? CSP_SHARED_PLOTLY : CSP}">
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
  ['memo', 'Memo'], ['claims', 'Claims'], ['figures', 'Figures'], ['tables', 'Baselines & ablations'], ['failures', 'Failures'], ['sweep', 'Sweep tasks'],
  ['budget', 'Budget'], ['environment', 'Environment & runs'], ['history', 'Runs over time'], ['provenance', 'Provenance'],
];

/** How a paper page gets plotly: inlined (default, one self-contained file) or from a file beside it. */
export interface PaperPageOptions {
  /** File name of the report folder's shared plotly bundle (plotly-asset.ts), loaded with <script src>. */
  plotlyFile?: string;
}

/**
 * One HTML page for a paper, in the order a research engineer reads: the one-page reproduction
 * memo, claims (with deviations), figures, baselines and ablations, failures, budget, environment
 * and runs, provenance. Inline CSS; plotly (only when there are figures) inlined once, or loaded
 * from the sibling file `plotlyFile` names; every text escaped; no external URL. Throws
 * PaperlabError on a malformed report.
 */
export function renderPaperHtml(report: PaperReport, options: PaperPageOptions = {}): string {
  checkReport(report);
  const file = options.plotlyFile;
  // Escaping keeps the attribute inert but not its target: only the sibling bundle may be named.
  if (file !== undefined && !PLOTLY_ASSET_NAME.test(file)) throw invalid('plotlyFile', 'a plotly bundle beside the page, like "plotly-4.1.2-0123456789ab.min.js"', file);
  const nav = html`<nav class="toc">${NAV.filter(([id]) => (id !== 'sweep' || report.sweep) && (id !== 'history' || hasHistory(report))).map(([id, label]) => html`<a href="#${id}">${label}</a>`)}</nav>`;
  const body = html`${paperHeader(report)}${nav}
${memoSection(report)}
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
  const shared = file !== undefined && report.figures.length > 0;
  const head = !report.figures.length ? '' : shared ? html`<script src="${file}"></script>` : trusted(plotlyScript());
  return pageHtml(`${report.paper.title} — paperlab report`, body, head, { localScripts: shared });
}
