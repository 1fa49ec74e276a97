import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { assertQuiet, launchChromium, type Browser } from './chromium';
import { renderReports } from '../../../src/harness/report/index';
import { HOSTILE, hostileReport, sampleReport } from './fixtures';

let browser: Browser;
let out: string;

before(async () => {
  out = mkdtempSync(join(tmpdir(), 'paperlab-report-'));
  const hostile = hostileReport();
  hostile.paper.id = 'hostile';
  renderReports([sampleReport(), hostile], out, '2026-11-23T14:00:00.000Z');
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
});

const open = (file: string) => browser.open(file);

test('control: the recorder sees a request, a dialog and a console error when a page makes them', async () => {
  const file = join(out, 'control.html');
  writeFileSync(file, '<!DOCTYPE html><img src="http://127.0.0.1:9/x.png"><script>console.error("boom"); alert("hi")</script>');
  const o = await open(file);
  assert.ok(o.requests.some((u) => u.startsWith('http://127.0.0.1:9/')), o.requests.join(', '));
  assert.deepEqual(o.dialogs, ['hi']);
  assert.ok(o.errors.includes('boom'), o.errors.join(', '));
  await o.page.close();
});

test('a paper report opens offline and quietly, and plotly draws every figure', async () => {
  const o = await open(join(out, 'zhang2017-random-labels.html'));
  assertQuiet(o);
  const plots = o.page.locator('.paperlab-plot');
  assert.equal(await plots.count(), 2);
  for (let i = 0; i < 2; i++) {
    assert.ok((await plots.nth(i).locator('svg.main-svg').count()) > 0, `plot ${i} has an svg`);
    assert.ok((await plots.nth(i).locator('g.trace').count()) > 0, `plot ${i} has drawn traces`);
  }
  assert.equal(await o.page.locator('.paperlab-plot').first().locator('.legendtext').first().textContent(), 'true labels');
  const barHeights = await plots.nth(1).locator('g.point path').evaluateAll((paths) => paths.map((p) => Math.round((p as unknown as { getBBox(): { height: number } }).getBBox().height)));
  assert.equal(barHeights.filter((h) => h > 0).length, 3, `three bars drawn with height: ${barHeights.join(', ')}`);
  assert.equal(await o.page.locator('table.claims tbody tr').count(), 4);
  assert.equal(await o.page.locator('.verdict-partially').first().textContent(), '1 partially reproduced');
  await o.page.screenshot({ path: join(tmpdir(), 'paperlab-report-sample.png'), clip: { x: 0, y: 0, width: 1280, height: 1100 } });
  await o.page.close();
});

test('HTML and script in titles, statements, symptoms, names and parameters show as text and never run', async () => {
  const o = await open(join(out, 'hostile.html'));
  assertQuiet(o);
  const p = o.page;
  const text = async (selector: string) => (await p.locator(selector).first().textContent()) ?? '';
  assert.equal(await text('h1'), `Title ${HOSTILE}`);
  assert.equal(await p.title(), `Title ${HOSTILE} — paperlab report`);
  assert.ok((await text('table.claims tbody tr td')).includes(`Statement ${HOSTILE}`));
  assert.equal(await text('table.failures tbody tr td:nth-child(4)'), `Symptom ${HOSTILE}`);
  assert.equal(await text('table.results tbody tr td:nth-child(1)'), `Row ${HOSTILE}`);
  assert.equal(await text('table.results tbody tr td:nth-child(3)'), `Param ${HOSTILE}`);
  assert.equal(await text('table.provenance tbody tr td:nth-child(3)'), HOSTILE);
  assert.ok((await text('figcaption')).startsWith(`Figure 1. Caption ${HOSTILE}`));
  assert.equal(await text('.paperlab-plot .legendtext'), HOSTILE, 'plotly shows the trace name as text');
  assert.equal(await text('.paperlab-plot .gtitle'), HOSTILE, 'plotly shows the title as text');
  // Nothing the page did not write itself: no img at all, scripts = bundle + one per figure.
  assert.equal(await p.locator('img').count(), 0);
  assert.equal(await p.locator('script').count(), 3);
  await p.close();
});

test('the index opens quietly and links to each paper page', async () => {
  const o = await open(join(out, 'index.html'));
  assertQuiet(o);
  assert.equal(await o.page.locator('table.index tbody tr').count(), 2);
  await o.page.locator('a[href="hostile.html"]').click();
  await o.page.waitForLoadState('load');
  assert.equal(await o.page.locator('h1').textContent(), `Title ${HOSTILE}`);
  assert.deepEqual(o.dialogs, []);
  assert.deepEqual(o.errors, []);
  await o.page.close();
});
