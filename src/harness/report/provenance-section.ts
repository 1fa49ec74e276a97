import { formatNumber } from './format';
import { html, type Html } from './html';
import { anchors, dataTable, emptyNote, section, td } from './parts';
import type { PaperReport, Provenance } from './types';

function provenanceBlock(anchor: string, title: string, entries: Provenance[]): Html {
  const rows = entries.map((p) => [
    td(String(p.seed), 'num'),
    td(p.cell === null ? '—' : String(p.cell), 'num'),
    td(p.record ?? '—', 'mono'),
    td(p.value === undefined ? '—' : formatNumber(p.value), 'num'),
    td(p.runDir, 'mono wrap'),
  ]);
  const body = rows.length ? dataTable(['Seed', 'Cell', 'Record', 'Value', 'Run folder'], rows, 'provenance') : emptyNote('No runs behind this number.');
  return html`<div id="${anchor}"><h3>${title}</h3>${body}</div>`;
}

/** Where every number came from: for each claim, table row and figure, the seed, cell and run. */
export function provenanceSection(report: PaperReport): Html {
  const blocks: Html[] = [];
  report.claims.forEach((c, i) => blocks.push(provenanceBlock(anchors.claim(i), `Claim ${c.id}: ${c.metric}`, c.provenance)));
  report.tables.forEach((t, ti) =>
    t.rows.forEach((r, ri) => blocks.push(provenanceBlock(anchors.row(ti, ri), `${t.title}: ${r.name}`, r.provenance))),
  );
  report.figures.forEach((f, i) => {
    if (f.provenance && f.provenance.length) blocks.push(provenanceBlock(anchors.figure(i), `Figure ${i + 1}`, f.provenance));
  });
  return section('provenance', 'Provenance of every number', blocks.length ? blocks : emptyNote('No numbers in this report.'));
}
