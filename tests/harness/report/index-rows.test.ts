import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indexRows, renderIndexHtml, summarizeReport } from '../../../src/harness/report/index';
import { honestReport, sampleReport } from './fixtures';

test("indexRows: the reported run's failure entries only, the run from the listing or the report's runDir, unreported listings last", () => {
  const honest = honestReport(); // 7 entries, F5 and F6 of its run (one names runs/<stamp>/seed-3)
  const replay = sampleReport();
  replay.paper.id = 'replayed';
  replay.runDir = 'papers/replayed/runs/20261204T120000Z-replay';
  const rows = indexRows([honest, replay], [{ paper: { id: 'later', title: 'Never run', year: 2026 }, run: null }]);
  assert.deepEqual(rows.map((r) => [r.id, r.run, r.failuresThisRun]), [
    ['zhang2017-random-labels', { stamp: '20261204T100000Z', profile: 'full' }, 2],
    ['replayed', { stamp: '20261204T120000Z-replay', profile: 'replay' }, 0],
    ['later', null, null],
  ]);
  const page = renderIndexHtml(rows, '2026-12-04T22:00:00.000Z');
  assert.ok(page.includes('<div class="no-run">no full run yet</div>') && page.includes('<span class="no-run">no run yet</span>'));
  // A bare PaperSummary (earlier callers) still renders: its run unknown, all its entries counted.
  assert.match(renderIndexHtml([summarizeReport(sampleReport())]), /<td class="num">1<\/td><\/tr>/);
});
