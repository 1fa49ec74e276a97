import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { distinctDigits, formatValue } from '../../library/stats/index';
import { diffCells, runDiffOk, VERDICT_LABELS, type RunDiffRow } from '../verdict/index';
import { formatCi, formatTime } from './format';
import { commitsOf } from './history';
import { commitText } from './history-figures';
import { html, type Html } from './html';
import { escapeMarkdown } from './markdown';
import { pageHtml } from './page';
import { dataTable, emptyNote, section, td, verdictBadge } from './parts';
import { comparisonName, type ComparedClaim, type ComparedSide, type RunComparison } from './run-comparison';

/** What one side is, line by line: [what, text]. The same facts for the page and the Markdown. */
function sideFacts(s: ComparedSide): Array<[string, string]> {
  const run = s.run;
  const main = s.side.units.filter((u) => u.main).map((u) => u.label);
  return [
    ['folder', s.path],
    ['kind', s.side.kind === 'seed' ? 'one replay (seed folder or results.json)' : s.side.kind],
    ['started', run ? formatTime(run.startedAt) : '—'],
    ['commit', commitText(run ? run.commits : commitsOf(s.side))],
    ['profile', run ? (run.profile === 'replay' ? 'replay (the CI profile: other parameters)' : 'full') : '—'],
    ['status', s.side.runStatus ?? s.side.units[0]?.status ?? '—'],
    ['compute path', s.side.compute],
    ['backend', s.side.backend],
    ['main replays', main.length ? main.join(', ') : 'none'],
  ];
}

/** A side's estimate; its mean with as many digits as tell the two sides' means apart (4 at least). */
function estimateText(c: ComparedClaim['a'], k: ComparedClaim): string {
  if (!c) return 'not judged';
  const ci = c.ci ? `CI ${formatCi(c)}` : 'no CI';
  const digits = distinctDigits([k.a?.mean ?? NaN, k.b?.mean ?? NaN], 4);
  return `${c.mean === null ? '—' : formatValue(c.mean, digits)} (${ci}, n=${c.n})`;
}

/** Facts two runs never share (their folders, their start times): not marked as a difference. */
const ALWAYS_DIFFER = new Set(['folder', 'started']);

/** A number row's status in words: the diff's `regressed` means out of tolerance, whichever way it moved. */
const DIFF_WORDS: Readonly<Record<string, string>> = { ok: 'within tolerance', regressed: 'out of tolerance', missing: 'missing in B', new: 'new in B' };

/** The change of a claim: its verdict, then the diff row of its metric (delta and status, over which seeds). */
function changeText(c: ComparedClaim): string {
  const verdict = c.a && c.b ? (c.a.verdict === c.b.verdict ? 'same verdict' : `${VERDICT_LABELS[c.a.verdict]} → ${VERDICT_LABELS[c.b.verdict]}`) : c.a ? 'not judged in B' : 'not judged in A';
  if (!c.row) return `${verdict}; the diff pairs no seeds for ${c.metric}`;
  const cells = diffCells(c.row);
  const over = c.row.scope === 'mean' ? 'mean over the seeds both have' : c.row.scope;
  return `${verdict}; Δ ${cells.delta} (${cells.relDelta}) ${DIFF_WORDS[c.row.status] ?? c.row.status} (${over})`;
}

function sideCell(c: ComparedClaim['a'], k: ComparedClaim): Html {
  return html`<td class="num side wraps">${estimateText(c, k)}${c ? html`<div>${verdictBadge(c.verdict)}</div>` : ''}</td>`;
}

function rowCells(r: RunDiffRow): Html[] {
  const cells = diffCells(r);
  // Status right after what is compared: at 768 px the columns scroll, and the judgement must stay in view.
  return [
    td(r.scope, 'mono'), td(r.metric, 'mono what'), td(r.status, r.fails ? 'over' : r.status === 'ok' ? 'within' : ''),
    td(cells.accepted, 'num wraps'), td(cells.now, 'num wraps'), td(cells.delta, 'num'), td(cells.relDelta, 'num'), td(cells.tolerance, 'num'), td(cells.within),
  ];
}

/**
 * One page with two runs column by column, A the reference: what each run is (folder, commit,
 * profile, status, compute path), each claim's estimate and verdict in both with the change, then
 * every row `paperlab diff` computes (numbers, strings, statuses, budget figures, limits hit) and
 * the replays only one side has. Different compute paths or backends are said above everything.
 */
export function renderCompareHtml(c: RunComparison, generatedAt: string = new Date().toISOString()): string {
  const { from, to } = c.diff.labels;
  const notes = c.diff.notes.map((n) => html`<p class="over">Note: ${n}; numbers may differ in their last digits for that reason alone.</p>`);
  // Where the two runs differ in what they are (commit, profile, path, ...) is what a reader looks for first.
  const factsB = sideFacts(c.b);
  const facts = sideFacts(c.a).map(([what, a], i) => {
    const b = factsB[i]![1];
    const differs = a !== b && !ALWAYS_DIFFER.has(what);
    return [td(what), td(a, `mono wrap side${differs ? ' differs' : ''}`), td(b, `mono wrap side${differs ? ' differs' : ''}`)];
  });
  const claims = c.claims.length
    ? dataTable(['Claim', from, to, 'Change'], c.claims.map((k) => [html`<td>${k.id}<div class="muted mono">${k.metric}</div></td>`, sideCell(k.a, k), sideCell(k.b, k), td(changeText(k), 'wrap')]), 'compare')
    : emptyNote('No claim judgements: one side or both are single replays, not paper runs (their values are in the rows below).');
  const rows = dataTable(['Seed', 'What', 'Status', from, to, 'Delta', 'Rel delta', 'Tolerance', 'Within'], c.diff.rows.map(rowCells), 'compare diff-rows');
  const only = (label: string, list: string[]) => html`<li>only in <span class="mono">${label}</span>: ${list.length ? list.join(', ') : 'none'}</li>`;
  const verdict = runDiffOk(c.diff) ? html`<span class="within">as paperlab diff judges: no row fails</span>` : html`<span class="over">as paperlab diff judges: ${c.diff.rows.filter((r) => r.fails).length} row(s) fail</span>`;
  const body = html`<header class="paper"><h1>${from} vs ${to}</h1>
<div class="meta">Two runs side by side, A (<span class="mono">${from}</span>) the reference · ${verdict} · generated ${formatTime(generatedAt)}</div></header>
${notes}
${section('runs', 'The two runs', dataTable(['', from, to], facts, 'compare'))}
${section('claims', 'Claims', claims)}
${section('rows', 'Every compared value', html`<p class="muted">The rows of <code>paperlab diff</code>: numbers judged within tolerance, strings judged equal, statuses judged not worse, budget figures shown only, limits hit judged not newly hit.</p><div class="wide">${rows}</div>`)}
${section('only', 'Replays only one side has', html`<p>Compared: ${c.diff.compared.length ? c.diff.compared.join(', ') : 'none'}.</p><ul class="plain">${only(from, c.diff.onlyA)}${only(to, c.diff.onlyB)}</ul>`)}
<footer>paperlab report --compare · generated ${formatTime(generatedAt)}</footer>`;
  return pageHtml(`${from} vs ${to} — paperlab compare`, body);
}

/** The same page as Markdown (CI logs, pull requests): the two runs, the claims, every row. */
export function renderCompareMarkdown(c: RunComparison, generatedAt: string = new Date().toISOString()): string {
  const { from, to } = c.diff.labels;
  const e = escapeMarkdown;
  const table = (headers: string[], rows: string[][]) => [headers, headers.map(() => '---'), ...rows].map((r) => `| ${r.map(e).join(' | ')} |`).join('\n');
  const factsB = sideFacts(c.b);
  return [
    `# ${e(from)} vs ${e(to)}`, '',
    `Two runs side by side, A the reference; generated ${formatTime(generatedAt)}; ${runDiffOk(c.diff) ? 'no row fails' : `${c.diff.rows.filter((r) => r.fails).length} row(s) fail`}.`, '',
    ...c.diff.notes.map((n) => `**Note: ${e(n)}**; numbers may differ in their last digits for that reason alone.\n`),
    '## The two runs', '', table(['', from, to], sideFacts(c.a).map(([what, a], i) => [what, a, factsB[i]![1]])), '',
    '## Claims', '',
    c.claims.length ? table(['claim', from, to, 'change'], c.claims.map((k) => [k.id, `${estimateText(k.a, k)}${k.a ? `, ${VERDICT_LABELS[k.a.verdict]}` : ''}`, `${estimateText(k.b, k)}${k.b ? `, ${VERDICT_LABELS[k.b.verdict]}` : ''}`, changeText(k)])) : '_No claim judgements._', '',
    '## Every compared value', '',
    table(['seed', 'what', from, to, 'delta', 'rel delta', 'tolerance', 'within', 'status'], c.diff.rows.map((r) => {
      const cells = diffCells(r);
      return [r.scope, r.metric, cells.accepted, cells.now, cells.delta, cells.relDelta, cells.tolerance, cells.within, r.status];
    })), '',
    `Compared: ${e(c.diff.compared.join(', ') || 'none')}; only in ${e(from)}: ${e(c.diff.onlyA.join(', ') || 'none')}; only in ${e(to)}: ${e(c.diff.onlyB.join(', ') || 'none')}.`, '',
  ].join('\n');
}

/** Writes `compare-<A>-<B>.html` and `.md` into `outDir` (created if needed), each atomically; returns their paths. */
export function writeComparison(c: RunComparison, outDir: string, generatedAt: string = new Date().toISOString()): { html: string; markdown: string } {
  mkdirSync(outDir, { recursive: true });
  const name = comparisonName(c);
  const page = join(outDir, `${name}.html`);
  const markdown = join(outDir, `${name}.md`);
  writeFileAtomic.sync(page, renderCompareHtml(c, generatedAt));
  writeFileAtomic.sync(markdown, renderCompareMarkdown(c, generatedAt));
  return { html: page, markdown };
}
