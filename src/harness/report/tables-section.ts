import { formatMeanStd, formatNumber } from './format';
import { html, type Html } from './html';
import { anchors, dataTable, emptyNote, section, td } from './parts';
import type { PaperReport, ResultTable } from './types';

function parameterText(value: string | number | boolean | null | undefined): string {
  if (value === undefined) return '—';
  if (typeof value === 'number') return formatNumber(value);
  return value === null ? 'null' : String(value);
}

function resultTable(t: ResultTable, ti: number): Html {
  const rows = t.rows.map((r, ri) => [
    td(r.name),
    ...t.parameters.map((p) => td(parameterText(r.parameters[p]), 'mono')),
    ...t.metrics.map((m) => (r.metrics[m] ? td(formatMeanStd(r.metrics[m]), 'num') : td('—', 'num'))),
    html`<td class="num"><a href="#${anchors.row(ti, ri)}">${r.provenance.length}</a></td>`,
  ]);
  const headers = ['Variant', ...t.parameters, ...t.metrics, 'Runs'];
  return html`<h3>${t.kind === 'baseline' ? 'Baseline' : 'Ablation'}: ${t.title}</h3>
${t.caption ? html`<p class="muted">${t.caption}</p>` : ''}
${dataTable(headers, rows, 'results')}`;
}

/** Baseline and ablation tables: one row per variant, parameter values then metrics (mean ± std). */
export function tablesSection(report: PaperReport): Html {
  const body = report.tables.length ? report.tables.map(resultTable) : emptyNote('No baseline or ablation tables in this report.');
  return section('tables', 'Baselines and ablations', body);
}
