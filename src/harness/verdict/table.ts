import { formatSummary, formatValue } from '../../library/stats/index';
import type { Judgement, Verdict } from './types';

/** One claim as a table row, every cell already text. */
export interface VerdictRow {
  claim: string;
  metric: string;
  /** The paper's value with its tolerance: "0.93 ± 0.02", "≥ 0.93 − 0.01", "≤ 0.07". */
  paper: string;
  /** Ours over seeds: "0.925 ± 0.004 [0.92, 0.93]" (mean ± std [CI]), "0.91 (n=1, no CI)" or "—". */
  ours: string;
  /** Seeds used, with the NaN and missing ones: "5", "3 of 5 (2 NaN)". */
  seeds: string;
  verdict: Verdict;
  reason: string;
}

/**
 * Rows and a Markdown table (paper vs ours, n seeds, verdict) for reports and READMEs:
 * `| tab2-acc | test_accuracy | ≥ 0.93 − 0.01 | 0.925 ± 0.004 [0.92, 0.93] | 5 | reproduced |`.
 */
export function verdictTable(judgements: readonly Judgement[]): { rows: VerdictRow[]; markdown: string } {
  const rows = judgements.map(verdictRow);
  const levels = [...new Set(judgements.map((j) => j.summary?.confidence).filter((c) => c !== undefined))];
  const ci = levels.length === 1 ? `${formatValue(100 * (levels[0] as number))}% CI` : 'CI';
  const header = ['claim', 'metric', 'paper', `ours: mean ± std [${ci}]`, 'seeds', 'verdict'];
  const lines = [header, header.map(() => '---'), ...rows.map((r) => [r.claim, r.metric, r.paper, r.ours, r.seeds, r.verdict])];
  const markdown = lines.map((cells) => `| ${cells.map(escapeCell).join(' | ')} |`).join('\n') + '\n';
  return { rows, markdown };
}

function verdictRow(j: Judgement): VerdictRow {
  const used = j.summary === null ? 0 : j.summary.n;
  const notes: string[] = [];
  if (j.nonFinite.count > 0) notes.push(`${j.nonFinite.count} NaN`);
  if (j.missing.count > 0) notes.push(`${j.missing.count} missing`);
  const seeds = notes.length === 0 ? String(used) : `${used} of ${j.seedsTotal} (${notes.join(', ')})`;
  return {
    claim: j.claimId, metric: j.metric, paper: paperCell(j), ours: j.summary === null ? '—' : formatSummary(j.summary),
    seeds, verdict: j.verdict, reason: j.reason,
  };
}

function paperCell(j: Judgement): string {
  const p = formatValue(j.paperValue);
  const tol = j.tolerance.value;
  if (j.direction === 'within') return tol === 0 ? p : `${p} ± ${formatValue(tol)}`;
  const [sign, op] = j.direction === 'at-least' ? ['≥', '−'] : ['≤', '+'];
  return tol === 0 ? `${sign} ${p}` : `${sign} ${p} ${op} ${formatValue(tol)}`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
