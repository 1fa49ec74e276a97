import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { chromium, type BrowserContext } from 'playwright-core';
import { jupyterPath, PROJECT_ROOT } from '../../../src/harness/runner/index';

// The interactive path, as a person uses it: the classic Notebook UI (RequireJS and all) with the
// paperlab kernel, driven by real Chromium. The tour runs on a copy in a temp folder, so the UI's
// autosave can never touch the repository's notebook.

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`notebook server did not answer at ${url}`);
}

test('the tour runs in the classic Notebook UI on the paperlab kernel, plots drawn offline', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperlab-ui-'));
  copyFileSync(join(PROJECT_ROOT, 'notebooks', '00-tour.ipynb'), join(dir, 'tour.ipynb'));
  const port = await freePort();
  const token = 'paperlab-test';
  const server = spawn(
    'jupyter',
    ['notebook', '--no-browser', `--port=${port}`, '--ip=127.0.0.1', `--NotebookApp.token=${token}`, `--notebook-dir=${dir}`, '--allow-root'],
    { detached: true, stdio: 'ignore', env: { ...process.env, JUPYTER_PATH: jupyterPath() } },
  );
  server.unref(); // a failed test must not hang on the server: the finally block kills it
  let browser: BrowserContext | undefined;
  try {
    // Playwright refuses --user-data-dir as a flag; a persistent context on a fresh folder is the same.
    browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'chromium-')), { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
    await waitForServer(`http://127.0.0.1:${port}/api?token=${token}`, Date.now() + 30_000);
    const page = await browser.newPage();
    const offsite: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(`http://127.0.0.1:${port}/`) && !req.url().startsWith('ws://127.0.0.1') && !req.url().startsWith('data:')) offsite.push(req.url());
    });
    await page.goto(`http://127.0.0.1:${port}/notebooks/tour.ipynb?token=${token}`);
    // Browser-side code as strings: the test program is typed for Node, not the DOM.
    await page.waitForFunction('!!(window.Jupyter && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected() && Jupyter.notebook.kernel.info_reply)', undefined, { timeout: 60_000 });
    await page.evaluate('Jupyter.notebook.execute_all_cells()');
    await page.waitForFunction("document.body.innerText.includes('recorded backend') && document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2", undefined, { timeout: 180_000 });
    const stderr = (await page.evaluate("Array.from(document.querySelectorAll('.output_stderr'), (e) => e.textContent)")) as string[];
    assert.deepEqual(stderr.filter((t) => /error/i.test(t)), [], 'no cell failed');
    const text = (await page.evaluate('document.body.innerText')) as string;
    assert.match(text, /recorded test_accuracy = 0\.\d+/);
    assert.match(text, /train █+ 150\/150/, 'the live progress line ended at 150/150 in one output');
    assert.deepEqual(offsite, [], 'no request left the machine (plotly is inlined)');
  } finally {
    await browser?.close();
    if (server.pid) process.kill(-server.pid, 'SIGTERM'); // jupyter's own child survives a signal to the parent alone
  }
});
