import type { Finding, LeakageReport } from './types';

const MARK: Record<Finding['severity'], string> = { error: '✖', warning: '⚠', question: '?' };

/** One line per finding: mark, sentence, and for an accepted finding its reason. */
export function formatFinding(f: Finding): string {
  if (f.accepted) return `✔ accepted: ${f.message}\n    reason: ${f.accepted.reason}`;
  return `${MARK[f.severity]} ${f.message}`;
}

/** The report as text, for a notebook cell or the run log. */
export function formatReport(report: LeakageReport): string {
  const counts = { error: 0, warning: 0, question: 0, accepted: 0 };
  for (const f of report.findings) {
    if (f.accepted) counts.accepted++;
    else counts[f.severity]++;
  }
  const head = `leakage check: ${report.ok ? 'ok' : 'FAILED'} (${counts.error} error, ${counts.warning} warning, ${counts.accepted} accepted, ${counts.question} question)`;
  return [head, ...report.findings.map(formatFinding), `checks run: ${report.checksRun.join('; ')}`].join('\n');
}
