import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { PLOTLY_ASSET_NAME } from '../../../src/harness/report/index';

// Real Chromium (Debian's), with the flags STACK.md measured. Playwright refuses --user-data-dir as
// a flag; launchPersistentContext with a fresh folder is the same thing.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** One headless Chromium for a test file; `close()` stops it and removes its profile. */
export interface Browser {
  context: BrowserContext;
  /** Opens a file and records console errors, page errors, dialogs and every request; nothing leaves the machine. */
  open(file: string): Promise<Opened>;
  close(): Promise<void>;
}

/** A page opened by {@link Browser.open}, with what it did. */
export interface Opened {
  page: Page;
  url: string;
  errors: string[];
  dialogs: string[];
  requests: string[];
}

/** Launches Debian's chromium headless with a fresh profile, at `viewport` (default 1280 × 900). */
export async function launchChromium(viewport = { width: 1280, height: 900 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'paperlab-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: FLAGS, viewport });
  return {
    context,
    async open(file: string): Promise<Opened> {
      const page = await context.newPage();
      const url = pathToFileURL(file).href;
      const o: Opened = { page, url, errors: [], dialogs: [], requests: [] };
      page.on('console', (m) => { if (m.type() === 'error') o.errors.push(m.text()); });
      page.on('pageerror', (e) => o.errors.push(e.message));
      page.on('dialog', (d) => { o.dialogs.push(d.message()); void d.dismiss(); });
      page.on('request', (r) => o.requests.push(r.url()));
      await page.route(/^(https?|wss?|ftp):/, (route) => route.abort());
      await page.goto(url, { waitUntil: 'load' });
      return o;
    },
    async close(): Promise<void> {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** True for the report folder's shared plotly file beside the page at `pageUrl` (plotly-asset.ts). */
export function isSiblingPlotly(url: string, pageUrl: string): boolean {
  const name = url.slice(url.lastIndexOf('/') + 1);
  return url !== pageUrl && new URL('.', url).href === new URL('.', pageUrl).href && PLOTLY_ASSET_NAME.test(name);
}

/**
 * No console or page error, no dialog, and no request but the file itself and, for a page of a
 * report folder (not self-contained), the one shared plotly file beside it.
 */
export function assertQuiet(o: Opened): void {
  assert.deepEqual(o.errors, [], 'no console errors or page errors');
  assert.deepEqual(o.dialogs, [], 'no dialog (alert) fired');
  assert.deepEqual(o.requests.filter((u) => !isSiblingPlotly(u, o.url)), [o.url], 'no request but the file itself (and its folder\'s plotly)');
  assert.ok(o.requests.filter((u) => isSiblingPlotly(u, o.url)).length <= 1, 'plotly loaded once at most');
}
