import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { invalid } from '../../library/errors/index';
import { renderIndexHtml } from './index-page';
import { renderMarkdownSummary } from './markdown';
import { renderPaperHtml } from './page';
import { summaryMarkdown } from './summary-markdown';
import { paperFileName, summarizeReport } from './summary';
import type { PaperReport } from './types';

/** Files one paper's report consists of, as absolute paths. */
export interface WrittenReport {
  html: string;
  markdown: string;
}

/**
 * Renders a paper's report and writes `<id>.html` and `<id>.md` into `dir` (created if needed),
 * each atomically: a reader never sees half a page. Returns the paths.
 */
export function writeReport(dir: string, report: PaperReport): WrittenReport {
  const page = renderPaperHtml(report); // validates first: nothing is written for a bad report
  mkdirSync(dir, { recursive: true });
  const html = join(dir, paperFileName(report.paper.id));
  const markdown = join(dir, `${report.paper.id}.md`);
  writeFileAtomic.sync(html, page);
  writeFileAtomic.sync(markdown, renderMarkdownSummary(report));
  return { html, markdown };
}

/** What {@link renderReports} wrote. */
export interface WrittenReports {
  papers: WrittenReport[];
  index: string;
  summary: string;
}

/**
 * Writes one HTML page (and Markdown summary) per paper, `index.html` over all of them and
 * `summary.md` (every paper's summary, for CI logs and pull requests) into `outDir`.
 */
export function renderReports(papers: PaperReport[], outDir: string, generatedAt: string = new Date().toISOString()): WrittenReports {
  const seen = new Set<string>();
  for (const [i, p] of papers.entries()) {
    const id = p && p.paper ? p.paper.id : undefined;
    if (typeof id === 'string' && seen.has(id)) throw invalid(`papers[${i}].paper.id`, 'an id no other paper has', id, 'each paper writes <id>.html');
    if (typeof id === 'string') seen.add(id);
  }
  const written = papers.map((p) => writeReport(outDir, p));
  const index = join(outDir, 'index.html');
  const summary = join(outDir, 'summary.md');
  writeFileAtomic.sync(index, renderIndexHtml(papers.map(summarizeReport), generatedAt));
  writeFileAtomic.sync(summary, summaryMarkdown(papers, outDir, generatedAt));
  return { papers: written, index, summary };
}
