import { formatCi, formatMeanStd, formatNumber } from './format';
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
    // Mean ± std with its CI and seed count, as the claims show them: a baseline is read the same way.
    ...t.metrics.map((m) => {
      const e = r.metrics[m];
      if (!e) return td('—', 'num');
      return html`<td class="num">${formatMeanStd(e)}${e.ci ? html`<div class="muted">CI ${formatCi(e)}</div>` : ''}<div class="muted">n=${e.n}</div></td>`;
    }),
    html`<td class="num"><a href="#${anchors.row(ti, ri)}">${r.provenance.length}</a></td>`,
  ]);
  const headers = ['Variant', ...t.parameters, ...t.metrics, 'Runs'];
  return html`<h3>${t.kind === 'baseline' ? 'Baseline' : 'Ablation'}: ${t.title}</h3>
${t.caption ? html`<p class="muted">${t.caption}</p>` : ''}
${dataTable(headers, rows, 'results')}`;
}

/** Baseline and ablation tables: one row per variant, parameter values then metrics (mean ± std, CI, n). */
export function tablesSection(report: PaperReport): Html {
  const level = `CIs at ${formatNumber(report.ciLevel * 100)} %.`;
  const body = report.tables.length
    ? html`<p class="muted">${level}</p>${report.tables.map(resultTable)}`
    : emptyNote('Baselines and ablations: none (no baseline, ablation or non-claim record in this run).');
  return section('tables', 'Baselines and ablations', body);
}
