import { show } from '../display/bundle';
import { FINDING_COLUMNS, findingRow, formatReport, reportHeadline, taskLine } from './report';
import type { LeakageReport } from './types';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

const ROW_COLOUR: Record<string, string> = { error: '#fde2e2', warning: '#fff4d6', question: '#eef2f7', accepted: '#e6f4ea' };

/**
 * The report as one HTML fragment for a notebook cell: the verdict line, the task, and a table
 * with one row per finding (rule, check, severity, count, % of test, first lines, columns,
 * remedy; the row coloured by severity, green when accepted), each sentence in the row's tooltip.
 * Every text is escaped (column names and reasons come from the user).
 */
export function leakageTable(report: LeakageReport): string {
  const task = taskLine(report);
  const head = `<p><b>${escape(reportHeadline(report))}</b>${task ? `<br>${escape(task)}` : ''}</p>`;
  const cell = 'style="text-align:left;padding:2px 8px;border:1px solid #ccc"';
  const header = `<tr>${FINDING_COLUMNS.map(([, h]) => `<th ${cell}>${escape(h)}</th>`).join('')}</tr>`;
  const rows = report.findings.map((f) => {
    const row = findingRow(f);
    const colour = ROW_COLOUR[f.accepted ? 'accepted' : f.severity];
    return `<tr style="background:${colour}" title="${escape(f.message)}">${FINDING_COLUMNS.map(([k]) => `<td ${cell}>${escape(row[k])}</td>`).join('')}</tr>`;
  });
  const table = report.findings.length > 0 ? `<table style="border-collapse:collapse">${header}${rows.join('')}</table>` : '';
  return `<div class="paperlab-leakage">${head}${table}<p><small>checks run: ${escape(report.checksRun.join('; '))}</small></p></div>`;
}

/** Shows the report in the notebook cell as the HTML table (text/plain: `formatReport`); prints the text outside a kernel. */
export function showLeakage(report: LeakageReport): void {
  show({ 'text/html': leakageTable(report), 'text/plain': formatReport(report) });
}
