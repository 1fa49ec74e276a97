import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { notebookServerCommand } from '../../../src/harness/runner/index';

// The classic Notebook server as `paperlab notebook` starts it (notebookServerCommand), on a free
// port with a token, and Debian's Chromium with the flags STACK.md measured. Each test stops what
// it started: the server's process group by its pid, the browser through Playwright.

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface NotebookServer {
  /** http://127.0.0.1:<port> */
  base: string;
  url: (path: string) => string;
  api: (path: string, init?: RequestInit) => Promise<Response>;
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts the server on `notebookDir` and waits until its API answers. */
export async function startNotebookServer(notebookDir: string): Promise<NotebookServer> {
  const port = await freePort();
  const token = 'paperlab-test';
  const { command, args, env } = notebookServerCommand(['--no-browser', `--port=${port}`, '--ip=127.0.0.1', `--NotebookApp.token=${token}`], notebookDir);
  const server = spawn(command, args, { detached: true, stdio: 'ignore', env });
  server.unref(); // a failed test must not hang on the server: stop() kills it
  const base = `http://127.0.0.1:${port}`;
  const url = (path: string) => `${base}${path}${path.includes('?') ? '&' : '?'}token=${token}`;
  const stop = async () => {
    // Own process group: jupyter's child survives a signal to the parent alone.
    if (!server.pid) return;
    const gone = server.exitCode === null ? new Promise((r) => server.once('exit', r)) : Promise.resolve();
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      return; // the group is gone already
    }
    await Promise.race([gone, new Promise((r) => setTimeout(r, 5_000))]);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(url('/api'))).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || server.exitCode !== null) {
      await stop();
      throw new Error(`notebook server did not answer at ${base}/api within 60 s (exit ${server.exitCode})`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { base, url, api: (path, init) => fetch(url(path), init), stop };
}

/** Chromium on a fresh profile (Playwright refuses --user-data-dir as a flag; this is the same). */
export async function startChromium(): Promise<{ browser: BrowserContext; stop: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'paperlab-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
  return {
    browser,
    stop: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the page's notebook has a connected kernel that answered kernel_info. */
export async function kernelReady(page: Page): Promise<void> {
  // Browser-side code as strings: the test program is typed for Node, not the DOM.
  await page.waitForFunction('!!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected() && Jupyter.notebook.kernel.info_reply && Jupyter.notebook.kernel.info_reply.language_info)', undefined, { timeout: 90_000 });
}
