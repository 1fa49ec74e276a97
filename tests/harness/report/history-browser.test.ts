import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { compareRuns, renderReports, writeComparison } from '../../../src/harness/report/index';
import { reportFromRun } from '../../../src/harness/reproduce/index';
import { assertQuiet, launchChromium, type Browser, type Opened } from './chromium';
import { writeHistoryPaper, type HistoryPaper } from './history-runs';

// The runs-over-time section and the compare page in real Chromium, at 1280 and 768 px; the
// screenshots land in /tmp/history-*.png for a person to look at.

let browser: Browser;
let p: HistoryPaper;
let paperPage: string;
let comparePage: string;

before(async () => {
  p = writeHistoryPaper();
  const out = join(p.root, 'reports');
  paperPage = renderReports([reportFromRun(p.paperDir, p.newest)], out).papers[0]!.html;
  comparePage = writeComparison(compareRuns(p.second, p.newest), out).html;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  rmSync(p.root, { recursive: true, force: true });
});

/** Nothing of `selector` sticks out sideways at `width` px: wide tables scroll inside their own box. */
async function fitsWidth(o: Opened, width: number, selector: string): Promise<void> {
  await o.page.setViewportSize({ width, height: 900 });
  const right = await o.page.locator(selector).evaluate((e) => Math.max(e.getBoundingClientRect().right, ...[...e.querySelectorAll('*')].map((c) => (c.closest('.wide') && !c.classList.contains('wide') ? 0 : c.getBoundingClientRect().right))));
  assert.ok(right <= width, `${selector} reaches ${right} px at a ${width} px viewport`);
}

test('Runs over time: quiet, its figure drawn with the full and the replay trace, one row per run, readable at 768 px', async () => {
  const o = await browser.open(paperPage);
  assertQuiet(o);
  const history = o.page.locator('#history');
  assert.equal(await history.locator('table.history tbody tr').count(), 5);
  const plot = history.locator('.paperlab-plot');
  assert.equal(await plot.count(), 1);
  assert.ok((await plot.locator('svg.main-svg').count()) > 0, 'plotly drew an svg');
  assert.deepEqual(await plot.locator('.legendtext').allTextContents(), ['full runs: mean, 95% CI', 'replay runs (CI profile, other parameters)']);
  assert.equal(await plot.locator('g.trace.scatter').count(), 2);
  assert.equal(await plot.locator('g.trace.scatter').first().locator('path.point').count(), 3, 'three finished full runs: the interrupted one is not drawn');
  assert.equal(await o.page.locator('nav.toc a[href="#history"]').textContent(), 'Runs over time');
  await history.screenshot({ path: '/tmp/history-section-1280.png' });
  await fitsWidth(o, 768, '#history');
  const claim = await history.locator('table.history thead th').last().boundingBox();
  assert.ok(claim && claim.x + claim.width <= 768, 'the claim (verdict) column is on screen at 768 px');
  await history.screenshot({ path: '/tmp/history-section-768.png' });
  await o.page.close();
});

test('the compare page: quiet, both runs\' columns shown, the compute-path note first, readable at 768 px', async () => {
  const o = await browser.open(comparePage);
  assertQuiet(o);
  const runs = o.page.locator('#runs table.compare');
  assert.deepEqual(await runs.locator('thead th').allTextContents(), ['', '20261202T090000Z', '20261204T090000Z']);
  assert.deepEqual(await runs.locator('tbody tr').nth(3).locator('td').allTextContents(), ['commit', 'b2b2b2b2b2+dirty', 'c3c3c3c3c3']);
  const claim = o.page.locator('#claims tbody tr').first();
  assert.deepEqual(await claim.locator('.verdict').allTextContents(), ['not reproduced', 'reproduced']);
  assert.match((await o.page.locator('p.over').first().textContent()) ?? '', /^Note: different compute paths: fallback vs native;/);
  await o.page.screenshot({ path: '/tmp/history-compare-1280.png', fullPage: true });
  await fitsWidth(o, 768, 'main');
  const status = await o.page.locator('table.diff-rows thead th').nth(2).boundingBox();
  assert.ok(status && status.x + status.width <= 768, 'the diff rows\' Status column is on screen at 768 px');
  await o.page.screenshot({ path: '/tmp/history-compare-768.png', fullPage: true });
  await o.page.close();
});
