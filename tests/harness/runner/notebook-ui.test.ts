import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../../../src/harness/runner/index';
import { kernelReady, startChromium, startNotebookServer } from './notebook-server';

// The interactive path, as a person uses it: the classic Notebook UI (RequireJS and all) with the
// paperlab kernel, driven by real Chromium. The tour runs on a copy in a temp folder, so the UI's
// autosave can never touch the repository's notebook.

test('the tour runs in the classic Notebook UI on the paperlab kernel, plots drawn offline', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperlab-ui-'));
  copyFileSync(join(PROJECT_ROOT, 'notebooks', '00-tour.ipynb'), join(dir, 'tour.ipynb'));
  const server = await startNotebookServer(dir);
  const chromium = await startChromium().catch(async (err: unknown) => {
    await server.stop();
    throw err;
  });
  try {
    const page = await chromium.browser.newPage();
    const offsite: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(`${server.base}/`) && !req.url().startsWith('ws://127.0.0.1') && !req.url().startsWith('data:')) offsite.push(req.url());
    });
    await page.goto(server.url('/notebooks/tour.ipynb'));
    await kernelReady(page);
    // Browser-side code as strings: the test program is typed for Node, not the DOM.
    await page.evaluate('Jupyter.notebook.execute_all_cells()');
    await page.waitForFunction("document.body.innerText.includes('recorded backend') && document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2", undefined, { timeout: 180_000 });
    const stderr = (await page.evaluate("Array.from(document.querySelectorAll('.output_stderr'), (e) => e.textContent)")) as string[];
    assert.deepEqual(stderr.filter((t) => /error/i.test(t)), [], 'no cell failed');
    const text = (await page.evaluate('document.body.innerText')) as string;
    assert.match(text, /recorded test_accuracy = 0\.\d+/);
    assert.match(text, /train █+ 150\/150/, 'the live progress line ended at 150/150 in one output');
    assert.deepEqual(offsite, [], 'no request left the machine (plotly is inlined)');
  } finally {
    await chromium.stop();
    await server.stop();
  }
});
