import { formatAmount } from './format';
import { html, type Html } from './html';
import { dataTable, emptyNote, section, td } from './parts';
import { isOverBudget } from './summary';
import type { BudgetLine, PaperReport } from './types';

/** Largest and mean use over seeds (a per-run limit is held against each seed's run). */
function perRunUse(b: BudgetLine): { max: number; mean: number } | null {
  if (!b.usedPerSeed.length) return null;
  const used = b.usedPerSeed.map((s) => s.used);
  return { max: Math.max(...used), mean: used.reduce((a, u) => a + u, 0) / used.length };
}

/** The whole run's use: a sum, except for a peak (memory), whose total is the largest seed's. */
export function runTotal(b: BudgetLine): number {
  return b.aggregate === 'max' ? Math.max(0, ...b.usedPerSeed.map((s) => s.used)) : b.usedTotal;
}

function budgetRow(b: BudgetLine): Html[] {
  const over = isOverBudget(b);
  const perRun = b.limitPer === 'run';
  const use = perRunUse(b);
  const amount = (v: number | null) => formatAmount(v, b.unit);
  // Like against like: a per-run limit beside the per-run maximum (and mean), a total beside the total.
  const usedPerRun = use ? (b.usedPerSeed.length > 1 ? `max ${amount(use.max)}, mean ${amount(use.mean)}` : amount(use.max)) : '—';
  const total = b.aggregate === 'max' ? html`max ${amount(runTotal(b))}<div class="muted">a peak: seeds do not add</div>` : amount(runTotal(b));
  const perSeed = b.usedPerSeed.map((s) => `seed ${s.seed}: ${amount(s.used)}`).join('; ');
  return [
    td(b.resource),
    td(perRun ? amount(b.declared) : '—', 'num'),
    // These may wrap (a narrow screen must not push the status off the page).
    td(usedPerRun, 'num wraps'),
    td(perRun ? '—' : amount(b.declared), 'num'),
    td(total, 'num wraps'),
    td(perSeed || '—'),
    html`<td class="${over ? 'over' : 'within'}">${over ? 'over budget' : b.declared === null ? 'no limit declared' : 'within budget'}</td>`,
  ];
}

/** Compute budget: each limit against the use it bounds (per run or in total), and each seed's use. */
export function budgetSection(report: PaperReport): Html {
  const headers = ['Resource', 'Declared per run', 'Used per run', 'Declared total', 'Used total', 'Used per seed', 'Status'];
  const body = report.budget.length
    ? dataTable(headers, report.budget.map(budgetRow), 'budget')
    : emptyNote('No compute budget declared or measured.');
  return section('budget', 'Compute budget: declared vs used', body);
}
