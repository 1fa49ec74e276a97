import { referenceLabel } from './claims-section';
import { formatBand, formatCi, formatMeanStd, formatNumber, formatTime } from './format';
import { groupFailures, splitFailures, type FailureGroup } from './failure-groups';
import { commitText } from './history-figures';
import { hasHistory } from './history-section';
import { memoContent } from './memo-content';
import { budgetText, isOverBudget, verdictCounts } from './summary';
import { VERDICTS, VERDICT_LABELS, type HistoryRun, type PaperReport, type Verdict } from './types';

const VERDICT_MARK: Record<Verdict, string> = {
  reproduced: `✅ ${VERDICT_LABELS.reproduced}`,
  partially: `🟡 ${VERDICT_LABELS.partially}`,
  'not-reproduced': `❌ ${VERDICT_LABELS['not-reproduced']}`,
  'not-measured': `❔ ${VERDICT_LABELS['not-measured']}`,
};

/**
 * Text safe in a Markdown table cell, in CI logs and in pull-request comments (which render
 * HTML): HTML metacharacters become entities, Markdown punctuation is backslash-escaped, and a
 * line break cannot end the row.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/([\\`*[\]|#!~])/g, '\\$1')
    // GFM ignores `_` inside a word (train_accuracy): escape only the ones that could emphasise.
    .replace(/_/g, (m: string, at: number, s: string) => (/\w/.test(s.charAt(at - 1)) && /\w/.test(s.charAt(at + 1)) ? m : '\\_'))
    .replace(/\r?\n/g, ' ');
}

function budgetLine(report: PaperReport): string {
  if (!report.budget.length) return 'Budget: none declared or measured.';
  const parts = report.budget.map((b) => {
    const state = isOverBudget(b) ? '**over**' : b.declared === null ? 'no limit' : 'within';
    return `${escapeMarkdown(b.resource)} ${budgetText(b)} (${state})`;
  });
  return `Budget: ${parts.join('; ')}.`;
}

function failureItem(g: FailureGroup): string {
  const where = [g.seeds.length ? `seed ${g.seeds.join(', ')}` : '', g.runs.length ? `runs ${g.runs.join(', ')}` : ''].filter(Boolean).join('; ');
  const times = g.count > 1 ? ` (${g.count} times)` : '';
  return `- ${escapeMarkdown(g.ids.join(', '))}${times}: ${escapeMarkdown(g.symptom)}${where ? ` [${escapeMarkdown(where)}]` : ''}`;
}

/** This run's failure cases listed, then the history as a count and its deduplicated list (causes stay on the HTML page). */
function failureLines(report: PaperReport): string[] {
  if (!report.runDir) return [`Failure cases: ${report.failures.length}.`];
  const { thisRun, history } = splitFailures(report);
  const mine = groupFailures(thisRun);
  const old = groupFailures(history);
  const lines = [`Failure cases of this run: ${thisRun.length}${mine.length ? '.' : ' (none logged).'}`, ...mine.map(failureItem)];
  if (old.length) lines.push('', `Earlier failure cases: ${history.length} entries, ${old.length} distinct.`, ...old.map(failureItem));
  return [...lines, '']; // a blank line ends the list, so the next line is not read into its last item
}

// The reproduction memo in Markdown, at the top of <id>.md: the same content as the page's
// (memo-content.ts), every text escaped.

const bullets = (items: string[]) => items.map((t) => `- ${escapeMarkdown(t)}`);

/** The memo as Markdown lines, ending with a blank line. */
export function memoMarkdown(report: PaperReport): string[] {
  const m = memoContent(report);
  const level = `${formatNumber(report.ciLevel * 100)}% CI`;
  const lines = ['#### Reproduction memo', '', `**${escapeMarkdown(m.verdictLine)}**`, ''];
  if (m.claims.length) {
    lines.push(`| Claim | Paper's value or our threshold | Ours: mean [${level}], n | Gap: ours − reference [CI] | Verdict |`, '| --- | --- | ---: | ---: | --- |');
    for (const c of m.claims) lines.push(`| ${[c.id, c.reference, c.ours, c.gap, VERDICT_LABELS[c.verdict]].map(escapeMarkdown).join(' | ')} |`);
    lines.push('');
  }
  lines.push("**The paper's setting and what we changed, and why**", '', ...(m.deviations.length ? bullets(m.deviations) : ['No deviations declared in config.yaml.']), '');
  if (m.settings.length) lines.push(`Parameters set differently (config.yaml's comments): ${escapeMarkdown(m.settings.join('; '))}.`, '');
  if (m.asPaper.length) lines.push(`As the paper (config.yaml's comments): ${escapeMarkdown(m.asPaper.join(', '))}.`, '');
  for (const [title, items, key] of [['What was easy', m.easy, 'easy'], ['What was difficult', m.hard, 'hard']] as const) {
    lines.push(`**${title}**`, '', ...(items ? bullets(items) : [`Not written yet (config.yaml \`${key}:\`).`]), '');
  }
  lines.push('**Cost against the budget**', '', ...(m.cost.length ? m.cost.map((c) => `- ${escapeMarkdown(c.text)}`) : ['No budget declared or measured.']), '');
  if (m.failures) lines.push(`**Failure cases of this run (${m.failures.count})**`, '', ...(m.failures.lines.length ? bullets(m.failures.lines) : ['None logged by this run.']), '');
  lines.push('**Model-info sheet (Kapoor & Narayanan 2023; REFORMS): what this run records**', '');
  for (const s of m.sheet) {
    lines.push(`- ${escapeMarkdown(s.item)}: ${escapeMarkdown(s.answer)}`, ...s.details.map((d) => `  - ${escapeMarkdown(d)}`));
  }
  lines.push('', '**Open questions: the run cannot answer these**', '', ...bullets(m.openQuestions), '');
  return lines;
}

/** A claim's cell in a run's row: mean [CI], n and verdict; an interrupted run's numbers carry no verdict. */
function historyCell(run: HistoryRun, claimId: string): string {
  const c = run.claims.find((x) => x.id === claimId);
  if (!c) return 'not judged';
  const ci = c.ci ? ` ${formatCi(c)}` : '';
  return `${formatNumber(c.mean)}${ci}, n=${c.n}, ${run.interrupted === null ? VERDICT_LABELS[c.verdict] : 'partial run: no verdict'}`;
}

/** "Runs over time" as the page tables it (history-section.ts): one row per run folder, newest first; none below two runs. */
export function historyMarkdown(report: PaperReport): string[] {
  if (!hasHistory(report)) return [];
  const runs = report.history!;
  const lines = [`**Runs over time** (${runs.length} runs of this paper, newest first; replay runs use other parameters)`, ''];
  lines.push(`| Run | Commit | Profile | Status | ${report.claims.map((c) => escapeMarkdown(c.id)).join(' | ')} |`, `| --- | --- | --- | --- |${' --- |'.repeat(report.claims.length)}`);
  for (const run of runs) {
    const status = `${run.interrupted === null ? 'completed' : `interrupted (${run.interrupted})`}, ${run.compute}`;
    const cells = [run.stamp, commitText(run.commits), run.profile === 'replay' ? 'replay' : 'full', status, ...report.claims.map((c) => historyCell(run, c.id))];
    lines.push(`| ${cells.map(escapeMarkdown).join(' | ')} |`);
  }
  return [...lines, ''];
}

/**
 * A short Markdown summary for CI logs and pull requests: title, verdict counts, claims table
 * (paper vs ours with CI and verdict), budget line and failure count; the reproduction memo first
 * unless `memo: false` (summary.md, over all papers, links to each); the runs over time after the
 * claims unless `history: false`. Every text value is escaped.
 */
export function renderMarkdownSummary(report: PaperReport, options: { memo?: boolean; history?: boolean } = {}): string {
  const p = report.paper;
  const counts = verdictCounts(report);
  const countText = VERDICTS.filter((v) => counts[v] > 0).map((v) => `${counts[v]} ${VERDICT_LABELS[v]}`).join(', ') || 'no claims';
  const ci = `${formatNumber(report.ciLevel * 100)}% CI`;
  const lines = [
    `### ${escapeMarkdown(p.title)} (${escapeMarkdown(p.venue)} ${p.year})`,
    '',
    ...(options.memo === false ? [] : memoMarkdown(report)),
    `Claims: ${countText}.`,
    '',
  ];
  if (report.claims.length) {
    lines.push(`| Claim | Metric | Paper's value or our threshold | Accepted band | Ours (mean ± std) | ${ci} | n | Verdict |`, '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const c of report.claims) {
      const cells = [
        `${escapeMarkdown(c.id)}: ${escapeMarkdown(c.statement)}`,
        escapeMarkdown(c.metric),
        `${formatNumber(c.paperValue)} (${escapeMarkdown(referenceLabel(c))})`,
        // The value alone hides what passes: the band the verdict used.
        escapeMarkdown(formatBand(c.band, c.paperValue, c.tolerance)),
        formatMeanStd(c.ours),
        formatCi(c.ours),
        String(c.ours.n),
        VERDICT_MARK[c.verdict] ?? escapeMarkdown(c.verdict),
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  if (report.sweep) {
    const by = new Map<string, number>();
    for (const t of report.sweep.tasks) by.set(t.state, (by.get(t.state) ?? 0) + 1);
    lines.push(`Sweep: ${report.sweep.tasks.length} tasks on ${escapeMarkdown(report.sweep.on)}: ${[...by].map(([s, n]) => `${n} ${escapeMarkdown(s)}`).join(', ')}.`);
  }
  if (options.history !== false) lines.push(...historyMarkdown(report));
  lines.push(budgetLine(report), ...failureLines(report), `Generated ${formatTime(report.generatedAt)}.`);
  return lines.join('\n') + '\n';
}
