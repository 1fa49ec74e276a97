import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderMarkdownSummary, renderPaperHtml } from '../../../src/harness/report/index';
import { formatAmount, formatBand } from '../../../src/harness/report/format';
import { nonClaimRecordTable } from '../../../src/harness/report/record-table';
import { runStamp } from '../../../src/harness/report/failure-groups';
import { honestReport, sampleReport } from './fixtures';

/** The HTML of one section of a page, from its opening tag to its end. */
function sectionOf(page: string, id: string): string {
  const start = page.indexOf(`<section id="${id}">`);
  assert.ok(start >= 0, `section ${id}`);
  return page.slice(start, page.indexOf('</section>', start));
}

/** The cells' texts of every body row of the first table in `html`, tags removed. */
function rows(html: string): string[][] {
  const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
  return body.split('</tr>').filter((r) => r.includes('<td')).map((r) => r.split('</td>').slice(0, -1).map((c) => c.replace(/<br>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/\s+/g, ' ').trim()));
}

test('accepted band: two-sided with centre and half-width, one-sided as >= / <=, exact as =', () => {
  assert.equal(formatBand([0.91, 0.95], 0.93, 'x'), '[0.91, 0.95] (0.93 ± 0.02)');
  assert.equal(formatBand([2, null], 2, 'x'), '>= 2');
  assert.equal(formatBand([0.99, 'Infinity'], 1, 'x'), '>= 0.99');
  assert.equal(formatBand([null, 0.05], 0.05, 'x'), '<= 0.05');
  assert.equal(formatBand([1, 1], 1, 'x'), '= 1');
  assert.equal(formatBand([0.1, 0.4], 0.3, 'x'), '[0.1, 0.4]', 'no ± when the value is not the centre');
  assert.equal(formatBand(undefined, 1, 'within ±0.5'), 'within ±0.5', 'a report without a band keeps its words');
});

test('claims table: our threshold is labelled ours, the paper value the paper\'s; the band replaces "at least"', () => {
  const claims = rows(sectionOf(renderPaperHtml(honestReport()), 'claims'));
  assert.deepEqual(claims.map((c) => c[2]), ["1 the paper's value", "0.93 the paper's value", '2 our threshold: the paper prints none', "0.05 the paper's value"]);
  assert.deepEqual(claims.map((c) => c[6]), ['>= 0.99', '[0.91, 0.95] (0.93 ± 0.02)', '>= 2', '<= 0.05']);
  assert.ok(!claims.some((c) => /at least|at most/.test(c[6]!)));
  const page = renderPaperHtml(honestReport());
  assert.ok(page.includes('<th>Paper&#39;s value or our threshold</th>') && page.includes('<th>Accepted band</th>'));
  const md = renderMarkdownSummary(honestReport());
  assert.ok(md.includes('| 2 (our threshold: the paper prints none) | &gt;= 2 |'), md);
  assert.ok(md.includes("| 0.93 (the paper's value) | \\[0.91, 0.95\\] (0.93 ± 0.02) |"), md);
});

test('budget: per-run limit against per-run max and mean, total against total, memory a maximum, FLOPs in TFLOP', () => {
  const budget = rows(sectionOf(renderPaperHtml(honestReport()), 'budget'));
  const [wall, whole, memory, flops] = budget;
  // Resource | Declared per run | Used per run | Declared total | Used total | per seed | Status
  assert.deepEqual(wall!.slice(0, 5), ['wall time', '100.0 s', 'max 80.0 s, mean 76.0 s', '—', '3.8 min']);
  assert.deepEqual(whole!.slice(0, 5), ['wall time, whole run', '—', 'max 80.0 s, mean 76.0 s', '60.0 min', '3.8 min']);
  assert.equal(memory![4], 'max 440 MB a peak: seeds do not add');
  assert.ok(!memory!.join(' ').includes('1294'), 'memory is never summed over seeds');
  assert.equal(flops![4], '1.28 TFLOP');
  assert.equal(flops![2], 'max 426 GFLOP, mean 426 GFLOP');
  assert.equal(formatAmount(512, 'FLOP'), '512 FLOP');
  assert.equal(formatAmount(95, 'CPU s'), '95.0 s CPU');
});

test('failure log: this run first, the history folded in <details> and deduplicated with a count, its runs and each shared cause once', () => {
  const page = renderPaperHtml(honestReport());
  const failures = sectionOf(page, 'failures');
  assert.match(failures, /<h2>Failure cases \(2 this run, 5 earlier\)<\/h2>/);
  const mine = failures.slice(0, failures.indexOf('<details'));
  assert.deepEqual(rows(mine).map((r) => r[0]), ['F5', 'F6'], 'the run folder and one of its replays (seed-3) both match its stamp');
  const history = failures.slice(failures.indexOf('<details'));
  assert.match(history, /<summary>Earlier runs and entries tied to no run: 5 entries, 3 distinct<\/summary>/);
  const folded = rows(history);
  assert.deepEqual(folded.map((r) => r[0]), ['F1, F2, F3 3 times', 'F4', 'F7']);
  assert.equal(folded[0]![6], '20261123T160318Z-replay 20261124T090000Z-replay 20261125T090000Z-replay');
  assert.deepEqual([folded[0]![4], folded[1]![4], folded[2]![4]], ['see cause 1 below', '—', 'see cause 1 below']);
  assert.equal(history.split('Replay profile: one seed cannot confirm a claim.').length - 1, 1, 'a shared cause is printed once');
  assert.match(history, /<li>cause 1: Replay profile: one seed cannot confirm a claim\.<\/li>/);
  assert.match(page, /td\.run \{ white-space: nowrap; min-width: 18ch; \}/);
  assert.match(failures, /<td class="mono run">/);

  const md = renderMarkdownSummary(honestReport(), { memo: false });
  const at = (s: string) => { const i = md.indexOf(s); assert.ok(i >= 0, `${s} in\n${md}`); return i; };
  assert.ok(at('Failure cases of this run: 2.') < at('- F5: budget-exceeded') && at('- F6: nan') < at('Earlier failure cases: 5 entries, 3 distinct.'));
  at('- F1, F2, F3 (3 times): claim-not-met (C2): partially reproduced from 1 seed. [seed 1; runs 20261123T160318Z-replay, 20261124T090000Z-replay, 20261125T090000Z-replay]');
  assert.equal(md.split('\n').filter((l) => l.startsWith('- F')).length, 5, 'three repeated entries are one line');
});

test('failure log without a known run folder: one folded list, no claim about "this run"', () => {
  const failures = sectionOf(renderPaperHtml(sampleReport()), 'failures');
  assert.match(failures, /<h2>Failure cases \(1\)<\/h2>/);
  assert.ok(!failures.includes('This run'));
  assert.ok(renderMarkdownSummary(sampleReport()).includes('Failure cases: 1.'));
});

test('non-claim records: every numeric record no claim judges, with mean ± std, CI and n over seeds', () => {
  const seed = (dir: string, seedNo: number, majority: number, steps: number | string) => ({
    dir, records: [
      { name: 'test_accuracy', value: 0.9, seed: seedNo, cell: 5 },
      { name: 'majority_accuracy', value: majority, seed: seedNo, cell: 3 },
      { name: 'steps_to_99', value: 100, seed: seedNo, cell: 6 },
      { name: 'steps_to_99', value: steps, seed: seedNo, cell: 6 },
      { name: 'backend', value: 'wasm', seed: seedNo, cell: 1 },
      { name: 'budget', value: { used: { steps: 1 } }, seed: seedNo, cell: 7 },
    ],
  });
  const table = nonClaimRecordTable([seed('runs/a/seed-1', 1, 0.5, 400), seed('runs/a/seed-2', 2, 0.52, 'NaN'), seed('runs/a/seed-3', 3, 0.54, 420)], ['test_accuracy']);
  assert.ok(table);
  assert.deepEqual(table.rows.map((r) => r.name), ['majority_accuracy', 'steps_to_99'], 'claims, strings and the budget record left out');
  const majority = table.rows[0]!.metrics.value!;
  assert.equal(majority.n, 3);
  assert.ok(Math.abs((majority.mean as number) - 0.52) < 1e-12);
  assert.ok(majority.ci && (majority.ci[0] as number) < 0.52 && (majority.ci[1] as number) > 0.52);
  assert.deepEqual(table.rows[1]!.metrics.value, { mean: 410, std: Math.sqrt(200), ci: table.rows[1]!.metrics.value!.ci, n: 2 }, 'the last value per seed; a NaN seed lowers n');
  assert.equal(runStamp('papers/x/runs/20261204T100000Z/seed-1'), '20261204T100000Z');
  assert.equal(runStamp('papers/x/runs/20261123T160318Z-replay/'), '20261123T160318Z-replay');
  assert.equal(nonClaimRecordTable([seed('d', 1, 0.5, 1)], ['test_accuracy', 'majority_accuracy', 'steps_to_99']), null);

  const report = honestReport();
  report.tables = [table];
  const tables = sectionOf(renderPaperHtml(report), 'tables');
  assert.match(tables, /Baseline: recorded metrics that are not claims/);
  assert.deepEqual(rows(tables)[0]!.slice(0, 2), ['majority_accuracy', '0.52 ± 0.02 CI [0.4703, 0.5697] n=3']);
  report.tables = [];
  assert.match(sectionOf(renderPaperHtml(report), 'tables'), /Baselines and ablations: none/);
});
