import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { assertQuiet, launchChromium, type Browser, type Opened } from './chromium';
import { plotlyAsset, renderReports } from '../../../src/harness/report/index';
import { layoutReport } from './layout-fixture';

// The pages in real Chromium at the widths readers use (a 768 px tablet, a 1280 px laptop): the
// claim figures draw their bands, nothing overflows sideways, and the verdict of every claim is on
// screen; a report folder loads its one plotly file, a self-contained page nothing at all.

let out: string;
const browsers: Browser[] = [];
after(async () => {
  for (const b of browsers) await b.close();
  rmSync(out, { recursive: true, force: true });
});

before(() => {
  out = mkdtempSync(join(tmpdir(), 'paperlab-layout-'));
  const listings = [
    { paper: { id: 'layout', title: 'ignored: the report has the title', year: 2017 }, run: { stamp: '20261204T100000Z', profile: 'full' as const } },
    { paper: { id: 'never2026-run', title: 'A paper folder never run', year: 2026 }, run: null },
  ];
  renderReports([layoutReport()], join(out, 'shared'), '2026-12-04T22:00:00.000Z', { listings });
  renderReports([layoutReport()], join(out, 'self'), '2026-12-04T22:00:00.000Z', { selfContained: true });
});

async function at(width: number): Promise<Browser> {
  const b = await launchChromium({ width, height: 900 });
  browsers.push(b);
  return b;
}

/** Page width against the viewport, and each claim row's verdict cell's left and right edge. */
async function geometry(o: Opened): Promise<{ scrollWidth: number; innerWidth: number; verdicts: Array<[number, number]> }> {
  // A string: the test's TypeScript has no DOM types; this runs in the page.
  return o.page.evaluate(`({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    verdicts: [...document.querySelectorAll('table.claims tbody tr')].map((tr) => {
      const cell = tr.lastElementChild.getBoundingClientRect();
      return [cell.left, cell.right];
    }),
  })`);
}

for (const width of [768, 1280]) {
  test(`at ${width} px: no sideways overflow, every verdict on screen, claim figures with band, CI and legend (screenshot /tmp/pages-${width}.png)`, async () => {
    const o = await (await at(width)).open(join(out, 'shared', 'layout.html'));
    assertQuiet(o);
    const g = await geometry(o);
    assert.ok(g.scrollWidth <= g.innerWidth, `page ${g.scrollWidth} px wide in a ${g.innerWidth} px viewport`);
    assert.equal(g.verdicts.length, 4);
    for (const [i, [left, right]] of g.verdicts.entries()) assert.ok(left >= 0 && right <= g.innerWidth, `claim ${i + 1}'s verdict spans ${left}..${right} of ${g.innerWidth}`);
    const plots = o.page.locator('.paperlab-plot');
    assert.equal(await plots.count(), 4);
    for (let i = 0; i < 4; i++) {
      const legend = await plots.nth(i).locator('.legendtext').allTextContents();
      assert.ok(legend.includes('accepted band') && legend.includes('ours (per seed)'), `plot ${i}: ${legend.join(', ')}`);
      assert.ok(legend.includes(i === 2 ? 'our threshold' : "paper's value"), `plot ${i} names whose number the line is: ${legend.join(', ')}`);
      // C4's only seed diverged: no mean to draw, the band and the reference still are.
      assert.ok((await plots.nth(i).locator('.shapelayer path').count()) >= (i === 3 ? 2 : 3), `plot ${i} draws band, mean and reference`);
      assert.ok((await plots.nth(i).locator('g.trace').count()) > 0, `plot ${i} draws the seeds`);
    }
    // The three seeds of C1 have a CI: its plot shows the CI band too.
    assert.ok((await plots.nth(0).locator('.legendtext').allTextContents()).includes("ours: the mean's 95 % CI"));
    await o.page.screenshot({ path: `/tmp/pages-${width}.png`, fullPage: true });
    await o.page.close();
  });
}

test('the index at 768 px fits too, with a row for the paper never run', async () => {
  const o = await (await at(768)).open(join(out, 'shared', 'index.html'));
  assertQuiet(o);
  const rows = await o.page.locator('table.index tbody tr').allTextContents();
  assert.equal(rows.length, 2);
  assert.match(rows[0]!, /20261204T100000Z \(full run\)/);
  assert.match(rows[1]!, /A paper folder never run.*no run yet/);
  assert.equal(await o.page.locator('table.index tbody tr').nth(1).locator('a').count(), 0, 'no link: there is no page');
  const g = await geometry(o);
  assert.ok(g.scrollWidth <= g.innerWidth, `index ${g.scrollWidth} px wide at ${g.innerWidth}`);
  await o.page.close();
});

test('a report folder: the page requests itself and its one plotly file beside it; self-contained: only itself; both draw', async () => {
  const b = await at(1280);
  const shared = await b.open(join(out, 'shared', 'layout.html'));
  const asset = pathToFileURL(join(out, 'shared', plotlyAsset().fileName)).href;
  assert.deepEqual([shared.errors, shared.requests], [[], [shared.url, asset]]);
  const self = await b.open(join(out, 'self', 'layout.html'));
  assert.deepEqual([self.errors, self.requests], [[], [self.url]]);
  assert.deepEqual(readdirSync(join(out, 'self')).filter((f) => f.endsWith('.js')), []);
  for (const o of [shared, self]) {
    assert.equal(await o.page.locator('.paperlab-plot svg.main-svg').first().count(), 1, 'plotly drew');
    await o.page.close();
  }
  // Without its plotly file (a page copied alone) the page still opens quietly and says why the plots are empty.
  const lone = join(out, 'lone');
  mkdirSync(lone);
  copyFileSync(join(out, 'shared', 'layout.html'), join(lone, 'layout.html'));
  const o = await b.open(join(lone, 'layout.html'));
  assert.match(await o.page.locator('.paperlab-plot').first().textContent() ?? '', /^plot not drawn: plotly\.js is not on this page/);
  await o.page.close();
});

test("the shared page's CSP (measured): local scripts load ('self' on file:// is every local file), nothing else does", async () => {
  const page = readFileSync(join(out, 'shared', 'layout.html'), 'utf8');
  const csp = /<meta http-equiv="Content-Security-Policy" content="[^"]*">/.exec(page)![0];
  const dir = join(out, 'shared', 'probe');
  mkdirSync(dir);
  writeFileSync(join(out, 'elsewhere.js'), 'window.loaded = (window.loaded || []).concat("elsewhere");');
  writeFileSync(join(dir, 'probe.css'), 'body { color: red }');
  copyFileSync(join(out, 'shared', plotlyAsset().fileName), join(dir, plotlyAsset().fileName));
  writeFileSync(join(dir, 'probe.html'), `<!DOCTYPE html><html><head>${csp}
<script src="${plotlyAsset().fileName}"></script><script src="../../elsewhere.js"></script>
<script src="http://127.0.0.1:9/x.js"></script><link rel="stylesheet" href="probe.css"></head>
<body><img src="probe.png"><iframe src="probe.css"></iframe><script>document.title = [typeof Plotly, (window.loaded || []).join()].join(' ')</script></body></html>`);
  const o = await (await at(1280)).open(join(dir, 'probe.html'));
  assert.equal(await o.page.title(), 'object elsewhere', 'the sibling plotly and another local script ran');
  const blocked = o.errors.filter((e) => /violates the following Content Security Policy directive/.test(e));
  for (const what of ['http://127.0.0.1:9/x.js', 'probe.css', 'probe.png']) assert.ok(blocked.some((e) => e.includes(what)), `${what} is refused: ${blocked.join(' | ')}`);
  assert.ok(blocked.some((e) => /^Framing /.test(e)), `the iframe is refused: ${blocked.join(' | ')}`);
  await o.page.close();
});
