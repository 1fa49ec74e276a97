import { isAbsolute, relative, resolve } from 'node:path';
import { PROJECT_ROOT } from '../runner/kernelspec';
import { runStamp } from './failure-groups';
import { formatTime, shortHash } from './format';
import { escapeMarkdown, renderMarkdownSummary } from './markdown';
import { paperFileName } from './summary';
import type { PaperListing } from './index-rows';
import type { PaperReport } from './types';

/** A relative link target: path separators as `/`, spaces and parentheses percent-encoded. */
function linkTarget(path: string): string {
  return path.split(/[\\/]/).map((p) => encodeURIComponent(p)).join('/');
}

/** "ca3bad9f0e (dirty)", several when the runs disagree, "—" when no manifest records one. */
function commitText(report: PaperReport): string {
  const seen = new Map<string, boolean>();
  for (const m of report.manifests) {
    if (m.git.commit) seen.set(m.git.commit, (seen.get(m.git.commit) ?? false) || m.git.dirty === true);
  }
  if (!seen.size) return '—';
  return [...seen].map(([c, dirty]) => `\`${shortHash(c)}\`${dirty ? ' (dirty)' : ''}`).join(', ');
}

/**
 * One paper's part of summary.md: a heading (id and title), the commit and run stamp (and the run's
 * kind, when known), links (relative
 * to `outDir`) to its HTML report and its run folder, then the paper's Markdown summary.
 */
export function summaryPart(report: PaperReport, outDir: string, runKind?: string): string {
  const p = report.paper;
  const head = [`## ${escapeMarkdown(p.id)}: ${escapeMarkdown(p.title)}`, ''];
  const stamp = report.runDir ? `\`${escapeMarkdown(runStamp(report.runDir))}\`` : '—';
  head.push(`Commit ${commitText(report)} · run ${stamp}${runKind ? ` (${runKind})` : ''} · generated ${formatTime(report.generatedAt)}`, '');
  const links = [`[HTML report](${linkTarget(paperFileName(p.id))})`];
  if (report.runDir) {
    const runDir = isAbsolute(report.runDir) ? report.runDir : resolve(PROJECT_ROOT, report.runDir);
    links.push(`[run folder](${linkTarget(relative(resolve(outDir), runDir))})`);
  }
  head.push(links.join(' · '), '');
  return `${head.join('\n')}\n${renderMarkdownSummary(report, { memo: false, history: false })}`; // memo and runs over time are in <id>.md and the page
}

/** The reported run's kind, when a listing says it: a CI replay is not the paper's full run. */
function runKind(report: PaperReport, listings: readonly PaperListing[]): string | undefined {
  const run = listings.find((l) => l.paper.id === report.paper.id)?.run;
  return run ? (run.profile === 'replay' ? 'CI replay; no full run yet' : 'full run') : undefined;
}

/**
 * summary.md over all papers (for CI logs and pull requests): a title line, then each paper's part;
 * paper folders of `listings` with no run yet are named at the end, as the index names them.
 */
export function summaryMarkdown(papers: readonly PaperReport[], outDir: string, generatedAt: string, listings: readonly PaperListing[] = []): string {
  const unrun = listings.filter((l) => l.run === null && !papers.some((p) => p.paper.id === l.paper.id));
  const counts = `${papers.length} paper${papers.length === 1 ? '' : 's'}${unrun.length ? `, ${unrun.length} with no run yet` : ''}`;
  const title = `# paperlab reproduction summary (${counts}, ${formatTime(generatedAt)})\n\n`;
  const parts = papers.map((p) => summaryPart(p, outDir, runKind(p, listings)));
  const never = unrun.length
    ? `\n## No run yet\n\n${unrun.map((l) => `- \`${escapeMarkdown(l.paper.id)}\`: ${escapeMarkdown(l.paper.title)}`).join('\n')}\n`
    : '';
  return (papers.length ? title + parts.join('\n') : `${title}No paper reports.\n`) + never;
}
