import { html, type Html, type HtmlPart } from './html';
import { VERDICT_LABELS, type Verdict } from './types';

/** A table with one header row; each row is a list of cells (`td` markup or plain text). */
export function dataTable(headers: HtmlPart[], rows: Html[][], className = ''): Html {
  return html`<table class="${className}"><thead><tr>${headers.map((h) => html`<th>${h}</th>`)}</tr></thead>
<tbody>${rows.map((cells) => html`<tr>${cells}</tr>\n`)}</tbody></table>`;
}

/** A plain-text cell. */
export function td(value: HtmlPart, className = ''): Html {
  return className ? html`<td class="${className}">${value}</td>` : html`<td>${value}</td>`;
}

/** A verdict badge, coloured by verdict; with `count`, "3 reproduced". */
export function verdictBadge(verdict: Verdict, count?: number): Html {
  const label = VERDICT_LABELS[verdict];
  return html`<span class="verdict verdict-${verdict}">${count === undefined ? label : `${count} ${label}`}</span>`;
}

/** A report section with an anchor and heading. */
export function section(id: string, title: string, body: HtmlPart): Html {
  return html`<section id="${id}"><h2>${title}</h2>
${body}
</section>`;
}

/** What an empty part of a report shows, so a missing part reads as missing, not as forgotten. */
export function emptyNote(text: string): Html {
  return html`<p class="empty">${text}</p>`;
}

/** Anchors of provenance blocks, so numbers link to the runs behind them. */
export const anchors = {
  claim: (i: number) => `prov-claim-${i}`,
  row: (table: number, row: number) => `prov-table-${table}-${row}`,
  figure: (i: number) => `prov-figure-${i}`,
};
