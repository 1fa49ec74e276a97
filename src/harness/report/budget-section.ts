import { formatAmount } from './format';
import { html, type Html } from './html';
import { dataTable, emptyNote, section, td } from './parts';
import { isOverBudget } from './summary';
import type { BudgetLine, PaperReport } from './types';

function budgetRow(b: BudgetLine): Html[] {
  const over = isOverBudget(b);
  const perSeed = b.usedPerSeed.map((s) => `seed ${s.seed}: ${formatAmount(s.used, b.unit)}`).join('; ');
  return [
    td(b.resource),
    td(b.declared === null ? '—' : `${formatAmount(b.declared, b.unit)}${b.limitPer === 'run' ? ' per run' : ''}`, 'num'),
    td(formatAmount(b.usedTotal, b.unit), 'num'),
    td(perSeed || '—'),
    html`<td class="${over ? 'over' : 'within'}">${over ? 'over budget' : b.declared === null ? 'no limit declared' : 'within budget'}</td>`,
  ];
}

/** Compute budget: declared limit against use, in total and per seed. */
export function budgetSection(report: PaperReport): Html {
  const body = report.budget.length
    ? dataTable(['Resource', 'Declared', 'Used (total)', 'Used per seed', 'Status'], report.budget.map(budgetRow), 'budget')
    : emptyNote('No compute budget declared or measured.');
  return section('budget', 'Compute budget: declared vs used', body);
}
