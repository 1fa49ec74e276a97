import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, test } from 'node:test';
import { renderMarkdownSummary, renderPaperHtml, runHistory, type PaperReport } from '../../../src/harness/report/index';
import { claimHistoryFigure } from '../../../src/harness/report/history-figures';
import { readRunSummary, reportFromRun } from '../../../src/harness/reproduce/index';
import { newRunDir, writeRunOwner } from '../../../src/harness/runner/index';
import { COMMIT_A, COMMIT_B, COMMIT_C, writeHistoryPaper, type HistoryPaper } from './history-runs';

const made: string[] = [];
after(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
function paper(): HistoryPaper {
  const p = writeHistoryPaper();
  made.push(p.root);
  return p;
}

test('runHistory: every run folder newest first, with commit, dirty flag, profile, interrupted, compute path and the claims as summary.json judged them', () => {
  const p = paper();
  const history = runHistory(p.paperDir);
  assert.deepEqual(history.map((r) => r.stamp), [p.newest, p.interrupted, p.replay, p.second, p.first].map((d) => basename(d)));
  assert.deepEqual(history.map((r) => [r.profile, r.interrupted, r.compute, r.backend, r.commits]), [
    ['full', null, 'native', 'cpu', [{ commit: COMMIT_C, dirty: false }]],
    ['full', 'interrupted by SIGINT', 'native', 'cpu', [{ commit: COMMIT_C, dirty: false }]],
    ['replay', null, 'fallback', 'cpu', [{ commit: COMMIT_B, dirty: true }]],
    ['full', null, 'fallback', 'cpu', [{ commit: COMMIT_B, dirty: true }]],
    ['full', null, 'fallback', 'cpu', [{ commit: COMMIT_A, dirty: false }]],
  ]);
  assert.deepEqual(history[0]!.seeds, [0, 1, 3]);
  // The numbers are summary.json's, not recomputed.
  for (const [row, dir] of [[history[0]!, p.newest], [history[3]!, p.second]] as const) {
    const j = readRunSummary(dir)!.judgements[0]!;
    assert.deepEqual(row.claims, [{ id: 'main-result', metric: 'test_accuracy', mean: j.summary!.mean, ci: j.summary!.ci, n: 3, verdict: j.verdict }]);
  }
  assert.deepEqual(history.map((r) => r.claims[0]!.verdict), ['reproduced', 'partially', 'not-reproduced', 'not-reproduced', 'reproduced']);
  assert.deepEqual(runHistory(join(p.root, 'no-such-paper')), []);
});

test('runHistory: a run still running (owner file, no summary.json) and a summary.json cut short are listed and marked, a folder that is no run is left out', () => {
  const p = paper();
  const running = newRunDir(p.paperDir, new Date('2026-12-06T00:00:00Z'));
  writeRunOwner(running);
  const broken = newRunDir(p.paperDir, new Date('2026-12-05T00:00:00Z'));
  writeFileSync(join(broken, 'summary.json'), '{"format": "paperlab.paper-run/1", "judg');
  mkdirSync(join(p.paperDir, 'runs', 'notes'));
  const history = runHistory(p.paperDir);
  assert.deepEqual(history.map((r) => r.stamp).slice(0, 3), ['20261206T000000Z', '20261205T000000Z', basename(p.newest)]);
  assert.equal(history.length, 7, 'the five runs and the two marked ones; not notes/');
  assert.match(history[0]!.interrupted!, /^still running \(pid \d+ on .*\): no summary\.json yet$/);
  assert.match(history[1]!.interrupted!, /^unreadable: /);
  assert.deepEqual([history[0]!.claims, history[1]!.claims], [[], []]);
});

test('the claim figure: full runs one line with CI bars, the replay run a trace of its own, the interrupted run not drawn, the paper value dashed and the band shaded', () => {
  const p = paper();
  const report = reportFromRun(p.paperDir, p.newest);
  const figure = claimHistoryFigure(report.claims[0]!, report.history!)!;
  const traces = figure.data as Array<{ name: string; mode: string; x: string[]; y: number[]; text: string[]; error_y: { array: number[] } }>;
  assert.deepEqual(traces.map((t) => [t.name, t.mode, t.x]), [
    ['full runs: mean, 95% CI', 'lines+markers', ['2026-12-01T09:00:00Z', '2026-12-02T09:00:00Z', '2026-12-04T09:00:00Z']],
    ['replay runs (CI profile, other parameters)', 'markers', ['2026-12-02T12:00:00Z']],
  ]);
  assert.ok(Math.abs(traces[0]!.y[1]! - 0.851) < 1e-12 && traces[1]!.y[0] === 0.5);
  assert.ok(traces[0]!.error_y.array.every((v) => v > 0), 'every full run of three seeds has a CI');
  assert.match(traces[0]!.text[1]!, /^20261202T090000Z · commit b2b2b2b2b2\+dirty · n=3 · CI \[/);
  const shapes = (figure.layout as { shapes: Array<{ type: string; y0: number; y1: number }> }).shapes;
  assert.deepEqual(shapes.map((s) => [s.type, Number(s.y0.toFixed(6)), Number(s.y1.toFixed(6))]), [['rect', 0.88, 0.92], ['line', 0.9, 0.9]]);
  assert.equal(claimHistoryFigure({ ...report.claims[0]!, id: 'never-judged' }, report.history!), null);
});

test('the paper page: a "Runs over time" section and nav entry before provenance with one row per run, this report\'s run, the replay and the interrupted run marked; none below two runs', () => {
  const p = paper();
  const report = reportFromRun(p.paperDir, p.newest);
  assert.equal(report.history!.length, 5);
  const page = renderPaperHtml(report);
  const start = page.indexOf('<section id="history">');
  const end = page.indexOf('<section id="provenance">');
  assert.ok(start > page.indexOf('<section id="environment">') && end > start, 'after environment, before provenance');
  assert.ok(page.includes('<a href="#history">Runs over time</a>'));
  const section = page.slice(start, end);
  const rows = section.slice(section.indexOf('<tbody>'), section.indexOf('</tbody>')).split('<tr>').slice(1);
  assert.equal(rows.length, 5);
  assert.match(rows[0]!, /20261204T090000Z<div class="muted">full run, this report<\/div>/);
  assert.match(rows[0]!, /<td class="mono">c3c3c3c3c3<\/td><td class="status">completed<div class="muted">native, cpu<\/div><\/td>/);
  assert.match(rows[0]!, />0\.9<div class="muted">\[0\.8876, 0\.9124\], n=3<\/div><span class="verdict verdict-reproduced">reproduced<\/span>/);
  assert.match(rows[1]!, /<span class="over">interrupted<\/span><div class="muted">native, cpu<\/div><div class="muted">interrupted by SIGINT; not plotted<\/div>/);
  assert.match(rows[1]!, /<td class="num wraps muted">0\.6<div>\[-3\.212, 4\.412\], n=2<\/div><div>partial run: no verdict<\/div><\/td>/);
  assert.match(rows[2]!, /20261202T120000Z-replay<div class="muted">replay profile<\/div>/);
  assert.match(rows[3]!, /b2b2b2b2b2\+dirty/);
  assert.match(section, /5 runs of this paper, newest first: 4 full, 1 replay/);
  assert.equal(section.split('class="paperlab-plot"').length - 1, 1, 'one figure: one claim');

  const bare = renderPaperHtml({ ...report, figures: [] });
  assert.ok(bare.includes('<section id="history">') && !bare.includes('Plotly.newPlot'), 'a page without plotly gets the table, no plot that cannot draw');

  const lone: PaperReport = { ...report, history: report.history!.slice(0, 1) };
  const single = renderPaperHtml(lone);
  assert.ok(!single.includes('id="history"') && !single.includes('href="#history"'), 'one run: no section, no nav entry');
  const { history: _, ...without } = report;
  assert.ok(!renderPaperHtml(without).includes('id="history"'), 'a report without history (--from JSON) renders as before');
});

test('<id>.md tables the runs over time as the page does, newest first; summary.md and a single run leave them out', () => {
  const p = paper();
  const report = reportFromRun(p.paperDir, p.newest);
  const md = renderMarkdownSummary(report);
  const start = md.indexOf('**Runs over time** (5 runs of this paper, newest first');
  assert.ok(start > md.indexOf('| Claim | Metric'), 'after the claims table');
  const rows = md.slice(start).split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Run ') && !l.startsWith('| ---'));
  assert.deepEqual(rows.map((r) => r.split(' | ')[0]!.slice(2)), report.history!.map((r) => r.stamp), 'one row per run, in the history\'s order');
  assert.match(rows[1]!, /interrupted \(interrupted by SIGINT\), native \| .*partial run: no verdict/);
  assert.match(rows[2]!, / \| replay \| /);
  assert.match(rows[3]!, /b2b2b2b2b2\+dirty/);
  assert.ok(!renderMarkdownSummary(report, { history: false }).includes('Runs over time'));
  assert.ok(!renderMarkdownSummary({ ...report, history: report.history!.slice(0, 1) }).includes('Runs over time'));
});

test('a report.json with history renders after a JSON round trip; a malformed history is refused naming the field', () => {
  const p = paper();
  const report = reportFromRun(p.paperDir, p.newest);
  const json = JSON.parse(JSON.stringify(report)) as PaperReport;
  assert.ok(renderPaperHtml(json).includes('id="history"'));
  const bad = JSON.parse(JSON.stringify(report)) as { history: Array<Record<string, unknown>> };
  bad.history[1]!.profile = 'nightly';
  assert.throws(() => renderPaperHtml(bad as unknown as PaperReport), /history\[1\]\.profile: expected one of full, replay, got "nightly"/);
});
