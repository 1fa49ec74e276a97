import { formatBand, formatCi, formatMeanStd, formatNumber } from './format';
import { html, type Html } from './html';
import { anchors, dataTable, emptyNote, section, td, verdictBadge } from './parts';
import type { ClaimRow, PaperReport } from './types';

/**
 * Whose number the reference is, in words: a threshold we fixed where the paper prints none must
 * not read as the paper's result.
 */
export function referenceLabel(c: ClaimRow): string {
  if (c.paperValue === null) return 'qualitative claim';
  return c.valueFrom === 'ours' ? 'our threshold: the paper prints none' : "the paper's value";
}

function claimCells(c: ClaimRow, i: number): Html[] {
  const unit = c.unit ? ` ${c.unit}` : '';
  return [
    html`<td><strong>${c.id}</strong> ${c.statement}<div class="muted">${c.source}</div></td>`,
    td(c.metric, 'mono'),
    html`<td class="num${c.valueFrom === 'ours' ? ' ours' : ''}">${c.paperValue === null ? '—' : `${formatNumber(c.paperValue)}${unit}`}<div class="muted ref">${referenceLabel(c)}</div></td>`,
    td(`${formatMeanStd(c.ours)}${unit}`, 'num'),
    td(formatCi(c.ours), 'num'),
    html`<td class="num"><a href="#${anchors.claim(i)}">${c.ours.n}</a></td>`,
    html`<td class="num wraps">${formatBand(c.band, c.paperValue, c.tolerance)}</td>`,
    html`<td>${verdictBadge(c.verdict)}<div class="reason muted">${c.reason}</div></td>`,
  ];
}

/** The claim table (paper vs ours, CI, verdict and why), then the deviations from the paper. */
export function claimsSection(report: PaperReport): Html {
  const level = `${formatNumber(report.ciLevel * 100)} % CI`;
  const table = dataTable(
    ['Claim', 'Metric', "Paper's value or our threshold", 'Ours (mean ± std)', level, 'Seeds', 'Accepted band', 'Verdict'],
    report.claims.map(claimCells),
    'claims',
  );
  const deviations = report.deviations.length
    ? html`<h3>Deviations from the paper</h3><ul class="plain">${report.deviations.map((d) => html`<li>${d}</li>`)}</ul>`
    : html`<p class="muted">No deviations from the paper declared.</p>`;
  const accepted = report.acceptedLeakage?.length
    ? html`<h3>Leakage findings accepted by the config</h3><ul class="plain">${report.acceptedLeakage.map((a) => html`<li><span class="mono">${a.rule}</span>: ${a.reason}</li>`)}</ul>`
    : '';
  const body = report.claims.length ? table : emptyNote('No claims in this report.');
  return section('claims', 'Claims: paper vs ours', html`${body}${deviations}${accepted}`);
}
