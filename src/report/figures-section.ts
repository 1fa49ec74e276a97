import { figureHtml } from '../display/index';
import { html, trusted, type Html } from './html';
import { anchors, emptyNote, section } from './parts';
import type { PaperReport } from './types';

/**
 * Each figure drawn by plotly from its JSON (figureHtml escapes the JSON for the <script>); the
 * plotly bundle itself is inlined once per page by the page, not here.
 */
export function figuresSection(report: PaperReport): Html {
  const figures = report.figures.map((f, i) => {
    const runs = f.provenance && f.provenance.length ? html` <a href="#${anchors.figure(i)}">(runs)</a>` : '';
    return html`<figure>${trusted(figureHtml(f.figure))}<figcaption>Figure ${i + 1}. ${f.caption}${runs}</figcaption></figure>`;
  });
  return section('figures', 'Figures', figures.length ? figures : emptyNote('No figures in this report.'));
}
