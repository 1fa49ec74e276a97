import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { kernelReady, startChromium, startNotebookServer } from './notebook-server';

// A plot after "Clear all output" and a reload, in the classic Notebook UI on the paperlab kernel,
// in real Chromium. The kernel sent plotly's bundle with its first plot only; once that output was
// cleared and the page reloaded, the same kernel's next plot found no Plotly on the page.

const plotCell = (y: number[]) => `import { plot } from './src/index';\nplot({ data: [{ type: 'scatter', y: ${JSON.stringify(y)} }], layout: { title: 'y ${y.join(' ')}' } });`;

function notebook(): string {
  const dir = mkdtempSync(join(tmpdir(), 'paperlab-ui-plots-'));
  const cells = [plotCell([1, 3, 2]), plotCell([4, 1, 5])].map((source, i) => ({ cell_type: 'code', id: `plot${i}`, execution_count: null, metadata: {}, outputs: [], source }));
  writeFileSync(join(dir, 'plots.ipynb'), JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'paperlab', display_name: 'TypeScript (paperlab)', language: 'typescript' } }, cells }));
  return dir;
}

/** Runs cell `i` and waits until its output holds a drawn plot (true), or an error shows up (false). */
async function runPlotCell(page: Page, i: number, errors: readonly string[]): Promise<boolean> {
  await page.evaluate(`Jupyter.notebook.execute_cells([${i}])`);
  const drawn = `!!Jupyter.notebook.get_cell(${i}).output_area.element[0].querySelector('.js-plotly-plot .main-svg g.trace')`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && errors.length === 0) {
    if (await page.evaluate(drawn)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

test('a plot drawn after "Clear all output" and a page reload is drawn (plotly loaded from the server), without console errors', async () => {
  const server = await startNotebookServer(notebook());
  const chromium = await startChromium();
  try {
    const page = await chromium.browser.newPage();
    const errors: string[] = [];
    // The Notebook itself probes for ipywidgets' extension (a 404 here, with or without plots).
    const widgetsProbe = (text: string, url: string) => /\/nbextensions\/widgets\//.test(url + text);
    page.on('console', (m) => { if (m.type() === 'error' && !widgetsProbe(m.text(), m.location().url)) errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    const offsite: string[] = [];
    page.on('request', (r) => { if (!/^(http|ws):\/\/127\.0\.0\.1[:/]|^data:/.test(r.url())) offsite.push(r.url()); });
    await page.goto(server.url('/notebooks/plots.ipynb'));
    await kernelReady(page);
    assert.ok(await runPlotCell(page, 0, errors), `the first plot (it carries the bundle) is drawn; errors: ${errors.join('; ')}`);
    await page.evaluate('Jupyter.notebook.clear_all_output()');
    await page.evaluate('Jupyter.notebook.save_notebook()');
    await page.waitForFunction('!Jupyter.notebook.dirty');
    await page.reload();
    await kernelReady(page);
    assert.equal(await page.evaluate('typeof window.Plotly'), 'undefined', 'the reloaded page has no plotly of its own');
    assert.ok(await runPlotCell(page, 1, errors), `the plot after clear + reload is drawn; errors: ${errors.join('; ')}`);
    assert.deepEqual(errors, [], 'no console or page errors');
    assert.deepEqual(offsite, [], 'nothing requested off the machine');
  } finally {
    await chromium.stop();
    await server.stop();
  }
});
