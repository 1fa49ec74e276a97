import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { show } from './bundle';

/** A plotly figure: traces and layout, as plotly.js takes them. */
export interface Figure {
  data: Array<Record<string, unknown>>;
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

const BUNDLE_SHOWN = Symbol.for('paperlab.plotlyBundleShown');
/** Plotly's own MIME type: the figure as data, so reports (and JupyterLab) can redraw it. */
export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';
type Flags = { [BUNDLE_SHOWN]?: boolean };

/**
 * The plotly.js bundle as an inline <script> (4.8 MB). Inlined, never a CDN link: pages and
 * notebooks must draw offline. `</script` inside the bundle is escaped so it cannot end the tag.
 */
export function plotlyScript(): string {
  const src = readFileSync(require.resolve('plotly.js-dist-min/plotly.min.js'), 'utf8');
  return `<script type="text/javascript">${src.replace(/<\/script/gi, '<\\/script')}</script>`;
}

/** JSON safe inside a <script>: no `</` and no HTML comment openers can break out of it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/**
 * Where the classic Notebook server serves plotly.js (`paperlab notebook` adds the package folder
 * to its nbextensions path), relative to the page's `data-base-url`.
 */
export const PLOTLY_NBEXTENSION = 'nbextensions/plotly.min.js';

/**
 * Runs `draw(Plotly)` in the browser. Plotly is there when an earlier output or the page's head
 * carried the bundle; when it is not (the output that carried it was cleared and the page
 * reloaded, while the kernel goes on sending plots without it), it is loaded once per page from the
 * notebook server. Elsewhere the div says why it stays empty instead of a bare ReferenceError.
 */
function loader(id: string, draw: string): string {
  const div = `document.getElementById(${scriptJson(id)})`;
  return `(function (draw) {
  if (window.Plotly) return draw(window.Plotly);
  var base = document.body && document.body.getAttribute('data-base-url');
  var fail = function (why) { var div = ${div}; if (div) div.textContent = 'plot not drawn: ' + why; };
  if (base === null) return fail('plotly.js is not on this page and there is no notebook server to load it from');
  window.paperlabPlotly = window.paperlabPlotly || new Promise(function (resolve, reject) {
    var s = document.createElement('script');
    s.src = (base.slice(-1) === '/' ? base : base + '/') + ${scriptJson(PLOTLY_NBEXTENSION)};
    s.onload = function () { window.Plotly ? resolve(window.Plotly) : reject(new Error(s.src + ' defined no Plotly')); };
    s.onerror = function () { reject(new Error('could not load ' + s.src + ' (start the server with \`paperlab notebook\`)')); };
    document.head.appendChild(s);
  });
  window.paperlabPlotly.then(draw, function (err) { window.paperlabPlotly = undefined; fail(err.message); });
})(function (Plotly) { ${draw} });`;
}

/** A div that draws `fig` with plotly (loading it if the page lacks it); with `withBundle` it also carries plotly itself. */
export function figureHtml(fig: Figure, options: { withBundle?: boolean; heightPx?: number } = {}): string {
  const id = `plot-${randomBytes(6).toString('hex')}`; // an element id, not an experiment draw
  const height = options.heightPx ?? 360;
  const draw = `Plotly.newPlot(${scriptJson(id)}, ${scriptJson(fig.data)}, ${scriptJson(fig.layout ?? {})}, ${scriptJson({ responsive: true, ...(fig.config ?? {}) })});`;
  return [
    options.withBundle ? plotlyScript() : '',
    `<div id="${id}" class="paperlab-plot" style="height:${height}px"></div>`,
    `<script type="text/javascript">${loader(id, draw)}</script>`,
  ].join('\n');
}

/**
 * Shows a plotly figure in the notebook. The first plot of a kernel session carries the plotly
 * bundle (so a saved notebook reopens with its plots, offline); later ones reuse `window.Plotly`,
 * or load it from the notebook server when the page has none (see `loader`).
 * The output also carries the figure as plotly JSON, which `paperlab report` carries into reports.
 */
export function plot(fig: Figure): void {
  const flags = globalThis as Flags;
  const title = (fig.layout?.title as { text?: string } | string | undefined) ?? '';
  const name = typeof title === 'string' ? title : title.text ?? '';
  const html = figureHtml(fig, { withBundle: !flags[BUNDLE_SHOWN] });
  const data = { data: fig.data, layout: fig.layout ?? {} };
  if (show({ 'text/html': html, [PLOTLY_MIME]: data, 'text/plain': `plotly figure${name ? ` "${name}"` : ''} (${fig.data.length} traces)` })) {
    flags[BUNDLE_SHOWN] = true;
  }
}
