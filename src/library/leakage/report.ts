import { percent } from './message';
import type { Finding, LeakageReport } from './types';

const MARK: Record<Finding['severity'], string> = { error: '✖', warning: '⚠', question: '?' };

/** One line per finding: mark, sentence, and for an accepted finding its reason. */
export function formatFinding(f: Finding): string {
  if (f.accepted) return `✔ accepted: ${f.message}\n    reason: ${f.accepted.reason}`;
  return `${MARK[f.severity]} ${f.message}`;
}

/** `leakage check: FAILED (2 errors, 0 warnings, 1 accepted, 1 question)`: the verdict line of every format. */
export function reportHeadline(report: LeakageReport): string {
  const counts = { error: 0, warning: 0, question: 0, accepted: 0 };
  for (const f of report.findings) {
    if (f.accepted) counts.accepted++;
    else counts[f.severity]++;
  }
  const n = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `leakage check: ${report.ok ? 'ok' : 'FAILED'} (${n(counts.error, 'error')}, ${n(counts.warning, 'warning')}, ${counts.accepted} accepted, ${n(counts.question, 'question')})`;
}

/** `task: regression (inferred from the label)`, or undefined when the L2 check did not run. */
export function taskLine(report: LeakageReport): string | undefined {
  return report.task ? `task: ${report.task.task}${report.task.inferred ? ' (inferred from the label; set task, or --task, to override)' : ''}` : undefined;
}

/** The report as text, for a notebook cell or the run log. */
export function formatReport(report: LeakageReport): string {
  const task = taskLine(report);
  return [reportHeadline(report), ...(task ? [task] : []), ...report.findings.map(formatFinding), `checks run: ${report.checksRun.join('; ')}`].join('\n');
}

/** The cells of one finding in a table: the same in Markdown and HTML. */
export interface FindingRow {
  rule: string;
  check: string;
  severity: string;
  count: string;
  /** Share of the test set, `7.0 %`, or '' when the finding is not about test rows. */
  ofTest: string;
  /** First lines in the test file (`5, 19, …`), else first test-row indices (`rows 3, 17, …`). */
  where: string;
  columns: string;
  remedy: string;
}

/** The table cells of `f` (at most `maxWhere` lines or rows listed). */
export function findingRow(f: Finding, maxWhere = 5): FindingRow {
  const list = f.lines ?? f.examples;
  const shown = list.slice(0, maxWhere).join(', ');
  const rows = f.unit === 'rows' ? f.count : typeof f.details?.evaluationRows === 'number' ? f.details.evaluationRows : list.length;
  const more = Math.max(list.length, rows) > maxWhere || rows > list.length ? ', …' : '';
  return {
    rule: f.rule, check: f.check,
    severity: f.accepted ? `${f.severity} (accepted: ${f.accepted.reason})` : f.severity,
    count: f.severity === 'question' ? '' : `${f.count} ${f.count === 1 ? f.unit.replace(/s$/, '') : f.unit}`,
    ofTest: f.fraction === undefined ? '' : percent(f.fraction),
    where: list.length === 0 ? '' : `${f.lines ? '' : 'rows '}${shown}${more}`,
    columns: (f.columns ?? []).join(', '),
    remedy: f.remedy ?? '',
  };
}

export const FINDING_COLUMNS: readonly [keyof FindingRow, string][] = [
  ['rule', 'rule'], ['check', 'check'], ['severity', 'severity'], ['count', 'count'], ['ofTest', '% of test'],
  ['where', 'lines (first 5)'], ['columns', 'columns'], ['remedy', 'remedy'],
];

/** Text safe in a Markdown table cell: a pipe cannot split the cell, a newline cannot end the row. */
function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * The report as Markdown (what `paperlab leakage` prints): the verdict line, the task, a table
 * with one row per finding (rule, check, severity, count, % of test, first lines, columns,
 * remedy), each finding's sentence, and the checks that ran.
 */
export function markdownReport(report: LeakageReport): string {
  const task = taskLine(report);
  const out = [`**${reportHeadline(report)}**`, ''];
  if (task) out.push(task, '');
  if (report.findings.length > 0) {
    out.push(`| ${FINDING_COLUMNS.map(([, h]) => h).join(' | ')} |`, `|${FINDING_COLUMNS.map(() => ' --- |').join('')}`);
    for (const f of report.findings) {
      const row = findingRow(f);
      out.push(`| ${FINDING_COLUMNS.map(([k]) => markdownCell(row[k])).join(' | ')} |`);
    }
    out.push('', ...report.findings.map((f) => `- ${markdownCell(formatFinding(f))}`), '');
  }
  out.push(`checks run: ${report.checksRun.join('; ')}`);
  return out.join('\n');
}
