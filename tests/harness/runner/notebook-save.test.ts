import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../../../src/harness/runner/index';
import { kernelReady, startChromium, startNotebookServer, type NotebookServer } from './notebook-server';

// Opening a tracked notebook in the UI and saving it without edits must leave its bytes as they
// are (else every later run records a dirty git tree). The notebooks are copies, at their own
// relative paths, in a temp folder served as `paperlab notebook` serves the repository.

const tracked = execFileSync('git', ['ls-files', '*.ipynb'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);

function copies(): string {
  const dir = mkdtempSync(join(tmpdir(), 'paperlab-ui-save-'));
  for (const rel of tracked) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    copyFileSync(join(PROJECT_ROOT, rel), join(dir, rel));
  }
  return dir;
}

/** Where the saved bytes first differ from the original, for the message. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: ${JSON.stringify(a.slice(Math.max(0, i - 60), i + 60))} became ${JSON.stringify(b.slice(Math.max(0, i - 60), i + 60))}`;
}

async function stopSessions(server: NotebookServer): Promise<void> {
  const sessions = (await (await server.api('/api/sessions')).json()) as Array<{ id: string }>;
  for (const s of sessions) await server.api(`/api/sessions/${s.id}`, { method: 'DELETE' });
}

test('every tracked notebook is in the form the Notebook server writes: a save through its contents API keeps the bytes', async () => {
  assert.ok(tracked.length >= 6, `tracked notebooks: ${tracked.join(', ')}`);
  const dir = copies();
  const server = await startNotebookServer(dir);
  try {
    for (const rel of tracked) {
      const before = readFileSync(join(dir, rel), 'utf8');
      const got = (await (await server.api(`/api/contents/${rel}?type=notebook&content=1`)).json()) as { content: unknown };
      const put = await server.api(`/api/contents/${rel}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ type: 'notebook', format: 'json', content: got.content }) });
      assert.equal(put.status, 200, `${rel}: PUT answered ${put.status}`);
      const after = readFileSync(join(dir, rel), 'utf8');
      assert.ok(after === before, `${rel}: the server rewrote it ${firstDifference(before, after)}`);
    }
  } finally {
    await server.stop();
  }
});

test('opening each tracked notebook in the UI (kernel connected) and saving it leaves its bytes unchanged', async () => {
  const dir = copies();
  const server = await startNotebookServer(dir);
  const chromium = await startChromium().catch(async (err: unknown) => {
    await server.stop();
    throw err;
  });
  try {
    for (const rel of tracked) {
      const before = readFileSync(join(dir, rel), 'utf8');
      const page = await chromium.browser.newPage();
      await page.goto(server.url(`/notebooks/${rel}`));
      await kernelReady(page);
      // Browser-side code as strings: the test program is typed for Node, not the DOM.
      await page.evaluate('Jupyter.notebook.save_notebook()');
      await page.waitForFunction('!Jupyter.notebook.dirty && Jupyter.notebook.last_modified', undefined, { timeout: 30_000 });
      await page.close();
      await stopSessions(server);
      const after = readFileSync(join(dir, rel), 'utf8');
      assert.ok(after === before, `${rel}: opening and saving rewrote it ${firstDifference(before, after)}`);
    }
  } finally {
    await chromium.stop();
    await server.stop();
  }
});
