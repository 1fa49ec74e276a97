import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { invalid } from '../../library/errors/index';
import { renderIndexHtml } from './index-page';
import { renderMarkdownSummary } from './markdown';
import { renderPaperHtml } from './page';
import { summaryMarkdown } from './summary-markdown';
import { plotlyAsset, writePlotlyAsset } from './plotly-asset';
import { indexRows, type PaperListing } from './index-rows';
import { paperFileName } from './summary';
import type { PaperReport } from './types';

/** Files one paper's report consists of, as absolute paths. */
export interface WrittenReport {
  html: string;
  markdown: string;
  /** The shared plotly bundle the page loads; absent for a page without figures or a self-contained one. */
  plotly?: string;
}

/** How pages are written. */
export interface WriteOptions {
  /**
   * Inline plotly (4.8 MB) into every page with figures, so each HTML file stands alone (to mail
   * or attach one page). Default false: one shared `plotly-<version>-<digest>.min.js` per folder.
   */
  selfContained?: boolean;
}

/** What {@link renderReports} takes besides the reports. */
export interface RenderOptions extends WriteOptions {
  /** One per paper folder (`paperlab report` lists them all): the index names each report's run and lists papers with no run yet. */
  listings?: PaperListing[];
}

// Renders first (which validates): nothing is written for a bad report.
function renderPage(report: PaperReport, options: WriteOptions): { page: string; shared: boolean } {
  const shared = !options.selfContained && report.figures.length > 0;
  return { page: renderPaperHtml(report, shared ? { plotlyFile: plotlyAsset().fileName } : {}), shared };
}

function writePage(dir: string, report: PaperReport, page: string): WrittenReport {
  const html = join(dir, paperFileName(report.paper.id));
  const markdown = join(dir, `${report.paper.id}.md`);
  writeFileAtomic.sync(html, page);
  writeFileAtomic.sync(markdown, renderMarkdownSummary(report));
  return { html, markdown };
}

/**
 * Renders a paper's report and writes `<id>.html` and `<id>.md` into `dir` (created if needed),
 * each atomically: a reader never sees half a page; with figures and not `selfContained`, the
 * shared plotly bundle beside them too. Returns the paths.
 */
export function writeReport(dir: string, report: PaperReport, options: WriteOptions = {}): WrittenReport {
  const { page, shared } = renderPage(report, options);
  mkdirSync(dir, { recursive: true });
  const plotly = shared ? writePlotlyAsset(dir) : undefined; // before the page, which loads it
  return { ...writePage(dir, report, page), ...(plotly ? { plotly } : {}) };
}

/** What {@link renderReports} wrote. */
export interface WrittenReports {
  papers: WrittenReport[];
  index: string;
  summary: string;
  /** The one shared plotly bundle; absent when no page has figures or pages are self-contained. */
  plotly?: string;
}

/**
 * Writes one HTML page (and Markdown summary) per paper, `index.html` over all of them and
 * `summary.md` (every paper's summary, for CI logs and pull requests) into `outDir`; pages with
 * figures share one plotly bundle written once beside them (unless `selfContained`). The index
 * also lists each of `listings` without a report, as "no run yet".
 */
export function renderReports(papers: PaperReport[], outDir: string, generatedAt: string = new Date().toISOString(), options: RenderOptions = {}): WrittenReports {
  const seen = new Set<string>();
  for (const [i, p] of papers.entries()) {
    const id = p && p.paper ? p.paper.id : undefined;
    if (typeof id === 'string' && seen.has(id)) throw invalid(`papers[${i}].paper.id`, 'an id no other paper has', id, 'each paper writes <id>.html');
    if (typeof id === 'string') seen.add(id);
  }
  const pages = papers.map((p) => renderPage(p, options)); // every report valid before any file is written
  mkdirSync(outDir, { recursive: true });
  const plotly = pages.some((p) => p.shared) ? writePlotlyAsset(outDir) : undefined;
  const written = papers.map((p, i) => ({ ...writePage(outDir, p, pages[i]!.page), ...(pages[i]!.shared && plotly ? { plotly } : {}) }));
  const index = join(outDir, 'index.html');
  const summary = join(outDir, 'summary.md');
  writeFileAtomic.sync(index, renderIndexHtml(indexRows(papers, options.listings), generatedAt));
  writeFileAtomic.sync(summary, summaryMarkdown(papers, outDir, generatedAt, options.listings));
  return { papers: written, index, summary, ...(plotly ? { plotly } : {}) };
}
