import { figureHtml, type Figure } from '../../library/display/index';
import { html, trusted, type Html } from './html';
import { anchors, emptyNote, section } from './parts';
import type { PaperReport } from './types';

// Typed arrays (tfjs dataSync() gives Float32Array) turn into {"0":…} objects in JSON, which
// plotly cannot draw: make them plain arrays before the figure is written into the page.
function plain(value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as object)) out[k] = plain(v);
    return out;
  }
  return value;
}

/**
 * Each figure drawn by plotly from its JSON (figureHtml escapes the JSON for the <script>); the
 * plotly bundle itself is inlined once per page by the page, not here.
 */
export function figuresSection(report: PaperReport): Html {
  const figures = report.figures.map((f, i) => {
    const runs = f.provenance && f.provenance.length ? html` <a href="#${anchors.figure(i)}">(runs)</a>` : '';
    return html`<figure>${trusted(figureHtml(plain(f.figure) as Figure))}<figcaption>Figure ${i + 1}. ${f.caption}${runs}</figcaption></figure>`;
  });
  return section('figures', 'Figures', figures.length ? figures : emptyNote('No figures in this report.'));
}
