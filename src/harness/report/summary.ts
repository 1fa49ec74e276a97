import type { BudgetLine, PaperReport, PaperSummary, Verdict } from './types';
import { VERDICTS } from './types';
import { formatAmount } from './format';

/** What a line's limit is compared with: the largest replay for a per-run limit, else the total. */
export function budgetUse(line: BudgetLine): { used: number; label: string } {
  if (line.limitPer !== 'run') return { used: line.usedTotal, label: '' };
  return { used: Math.max(0, ...line.usedPerSeed.map((s) => s.used)), label: line.usedPerSeed.length > 1 ? 'max per run ' : '' };
}

/** True when a budget line used more than declared (or the runner said so). */
export function isOverBudget(line: BudgetLine): boolean {
  if (line.over !== undefined) return line.over;
  return line.declared !== null && budgetUse(line).used > line.declared;
}

/** "8.1 s of 100 s per run" / "max per run 80 s of 100 s per run" / "3.7 min of 25 min". */
export function budgetText(line: BudgetLine): string {
  const { used, label } = budgetUse(line);
  const limit = line.declared === null ? '' : ` of ${formatAmount(line.declared, line.unit)}${line.limitPer === 'run' ? ' per run' : ''}`;
  return `${label}${formatAmount(used, line.unit)}${limit}`;
}

/** How many claims got each verdict (every verdict present, zero when unused). */
export function verdictCounts(report: PaperReport): Record<Verdict, number> {
  const counts = {} as Record<Verdict, number>;
  for (const v of VERDICTS) counts[v] = 0;
  for (const c of report.claims) counts[c.verdict] += 1;
  return counts;
}

/** End of the latest run among the report's manifests (ISO 8601), null when none. */
export function lastRunAt(report: PaperReport): string | null {
  let best: string | null = null;
  for (const m of report.manifests) {
    if (best === null || Date.parse(m.endedAt) > Date.parse(best)) best = m.endedAt;
  }
  return best;
}

/** File name of a paper's report page, relative to the index. */
export function paperFileName(paperId: string): string {
  return `${paperId}.html`;
}

/** The index line of one paper. */
export function summarizeReport(report: PaperReport): PaperSummary {
  const first = report.budget.length > 0 ? report.budget[0] : null;
  return {
    id: report.paper.id,
    title: report.paper.title,
    year: report.paper.year,
    verdicts: verdictCounts(report),
    lastRunAt: lastRunAt(report),
    budget: first
      ? { resource: first.resource, unit: first.unit, used: budgetUse(first).used, declared: first.declared, over: isOverBudget(first), text: budgetText(first) }
      : null,
    failures: report.failures.length,
    href: paperFileName(report.paper.id),
  };
}
