import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plotlyScript } from '../../../src/library/display/index';
import { PaperlabError } from '../../../src/library/errors/index';
import {
  checkReport, escapeHtml, formatNumber, html, renderIndexHtml, renderPaperHtml, summarizeReport, type PaperReport,
} from '../../../src/harness/report/index';
import { HOSTILE, hostileReport, sampleReport } from './fixtures';

const BUNDLE = plotlyScript();
// Everything a page adds around the vendored plotly bundle (whose source mentions URLs it never loads).
const ownMarkup = (page: string) => page.split(BUNDLE).join('');

test('escapeHtml and the html tag escape every metacharacter; markup built by the tag is kept', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  const inner = html`<b>${'<i>'}</b>`;
  assert.equal(html`<p>${inner}${[1, '<', null, false]}</p>`.value, '<p><b>&lt;i&gt;</b>1&lt;</p>');
});

test('formatNumber: 4 significant digits, integers whole, exponents at the extremes, NaN and missing spelled out', () => {
  assert.deepEqual(
    [0.123456, 2.5, 1000, 0.0004, 1234567.8, -0.5, NaN, 'NaN', 'Infinity', -Infinity, null].map((v) => formatNumber(v as number)),
    ['0.1235', '2.5', '1000', '4e-4', '1.235e+6', '-0.5', 'NaN', 'NaN', '∞', '−∞', '—'],
  );
});

test('a paper page: plotly inlined exactly once, each figure drawn from JSON, sections in reading order', () => {
  const page = renderPaperHtml(sampleReport());
  assert.equal(page.split(BUNDLE).length - 1, 1, 'the plotly bundle appears once');
  assert.equal((page.match(/Plotly\.newPlot\(/g) ?? []).length - (BUNDLE.match(/Plotly\.newPlot\(/g) ?? []).length, 2);
  assert.equal((page.match(/class="paperlab-plot"/g) ?? []).length, 2);
  assert.ok(page.includes('"y":[6,10,14.5]'), 'a Float32Array is written as a plain array');
  const order = ['id="claims"', 'id="figures"', 'id="tables"', 'id="failures"', 'id="budget"', 'id="environment"', 'id="provenance"'];
  const positions = order.map((id) => page.indexOf(id));
  assert.ok(positions.every((p) => p > 0), `all sections present: ${positions.join(', ')}`);
  assert.deepEqual([...positions].sort((a, b) => a - b), positions, 'sections in reading order');
});

test('no external URL in what a report adds; a page without figures carries no plotly at all', () => {
  const page = ownMarkup(renderPaperHtml(sampleReport()));
  assert.deepEqual(page.match(/https?:\/\//g), null);
  const bare = sampleReport();
  bare.figures = [];
  assert.ok(!renderPaperHtml(bare).includes('Plotly'), 'no bundle without figures');
  assert.deepEqual(renderIndexHtml([summarizeReport(sampleReport())]).match(/https?:\/\/|Plotly/g), null);
});

test('hostile text never reaches the page as markup: every URL in it sits inside escaped text', () => {
  const page = ownMarkup(renderPaperHtml(hostileReport()));
  const escaped = escapeHtml(HOSTILE);
  assert.ok(page.includes(escaped));
  // Outside the figure JSON (which plotly draws as text, checked in the browser test) the raw string never appears.
  assert.ok(!page.includes(HOSTILE));
  assert.ok(!page.includes('<img src=x'));
  assert.equal((page.match(/<script/g) ?? []).length, 2, 'only the two figure scripts');
  const urls = (page.match(/https?:\/\//g) ?? []).length;
  const inEscapedText = page.split('&quot;https://evil.example').length - 1;
  const inFigureJson = page.split('src=\\"https://evil.example').length - 1;
  assert.equal(urls, inEscapedText + inFigureJson);
  assert.ok(inEscapedText > 5);
});

test('the index: one row per paper with verdict counts, last run, budget and a relative link', () => {
  const a = summarizeReport(sampleReport());
  assert.deepEqual(a.verdicts, { reproduced: 2, partially: 1, 'not-reproduced': 0, 'not-measured': 1 });
  assert.equal(a.lastRunAt, '2026-11-23T13:03:50.000Z');
  assert.deepEqual(a.budget, { resource: 'wall time', unit: 's', used: 3780.7, declared: 3600, over: true, text: '63.0 min of 60.0 min' });
  // A per-run limit is held against the largest replay, never against the sum of them.
  const perRun = (used: number[], declared: number) => summarizeReport({
    ...sampleReport(),
    budget: [{ resource: 'wall time', unit: 's', declared, limitPer: 'run', usedPerSeed: used.map((u, i) => ({ seed: i, used: u })), usedTotal: used.reduce((s, u) => s + u, 0) }],
  }).budget!;
  assert.deepEqual([perRun([80, 70, 60], 100).over, perRun([80, 70, 60], 100).text], [false, 'max per run 80.0 s of 100.0 s per run']);
  assert.deepEqual([perRun([80, 120], 100).over, perRun([80, 120], 100).used], [true, 120]);
  assert.equal(perRun([30], 100).text, '30.0 s of 100.0 s per run');
  assert.equal(a.href, 'zhang2017-random-labels.html');
  const b = summarizeReport(hostileReport());
  const page = renderIndexHtml([a, { ...b, id: 'other', href: 'other.html' }], '2026-11-23T14:00:00.000Z');
  assert.equal((page.match(/<tr>/g) ?? []).length, 3, 'header + 2 papers');
  assert.ok(page.includes('<a href="zhang2017-random-labels.html">Understanding deep learning'));
  assert.ok(page.includes('2 reproduced') && page.includes('63.0 min of 60.0 min (over)'));
  assert.ok(page.includes(escapeHtml(HOSTILE)) && !page.includes(HOSTILE));
});

function broken(change: (r: Record<string, any>) => void): () => void {
  const r = sampleReport() as unknown as Record<string, any>;
  change(r);
  return () => renderPaperHtml(r as unknown as PaperReport);
}

test('a malformed report is refused with the field, the rule and what was found', () => {
  const cases: Array<[(r: Record<string, any>) => void, string]> = [
    [(r) => { r.claims[0].verdict = 'yes'; }, 'report claims[0].verdict: expected one of reproduced, partially, not-reproduced, not-measured, got "yes"'],
    [(r) => { r.claims[0].verdit = 'partially'; delete r.claims[0].verdict; }, 'report claims[0].verdict: expected a value, got nothing; unknown key "verdit" beside it: misspelt?'],
    [(r) => { r.failures[0].seeds = 1; }, 'report failures[0].seeds: expected no such key, got a value; remove it or fix its spelling'],
    [(r) => { r.paper.id = '../etc'; }, 'report paper.id: expected match pattern "^[A-Za-z0-9][A-Za-z0-9._-]*$", got "../etc"'],
    [(r) => { r.claims[1].ours.mean = 'abc'; }, 'report claims[1].ours.mean: expected number or one of NaN, Infinity, -Infinity or null, got "abc"'],
    [(r) => { r.generatedAt = 'yesterday'; }, 'report generatedAt: expected an ISO 8601 time, got yesterday'],
  ];
  for (const [change, message] of cases) assert.throws(broken(change), (e: unknown) => e instanceof PaperlabError && e.message === message);
});

test('NaN in memory and "NaN" from JSON are both accepted and shown as NaN', () => {
  const r = sampleReport();
  r.claims[0].ours.mean = NaN;
  assert.equal(checkReport(r), r);
  assert.match(renderPaperHtml(r), /<td class="num">NaN<\/td>/);
});

test('a sweep\'s page lists every task with its Slurm job, node, state, wall and exit, escaped; a run\'s page has no such section', () => {
  const report: PaperReport = {
    ...sampleReport(),
    sweep: {
      on: 'slurm',
      tasks: [
        { index: 0, label: 'seed-1', state: 'ok', slurmId: '12_0', node: 'vm', seconds: 8.25, exitCode: '0:0', detail: null },
        { index: 1, label: 'ablation-sweep-steps_900-seed-1', state: 'cancelled', slurmId: '12_1', node: null, seconds: null, exitCode: '0:15', detail: HOSTILE },
      ],
    },
  };
  const page = ownMarkup(renderPaperHtml(report));
  assert.match(page, /<section id="sweep"><h2>Sweep tasks \(2 on slurm: 1 ok, 1 cancelled\)<\/h2>/);
  assert.match(page, /<td class="mono">12_0<\/td><td class="mono">vm<\/td><td class="num">8\.25 s<\/td><td class="mono">0:0<\/td>/);
  assert.match(page, /<a href="#sweep">Sweep tasks<\/a>/);
  assert.doesNotMatch(page, /<script>alert/);
  const plain = ownMarkup(renderPaperHtml(sampleReport()));
  assert.doesNotMatch(plain, /id="sweep"|href="#sweep"/);
  assert.throws(() => checkReport({ ...report, sweep: { on: 'slurm', tasks: [{ ...report.sweep!.tasks[0]!, seconds: 'fast' as unknown as number }] } }), PaperlabError);
});
