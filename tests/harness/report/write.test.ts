import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Command } from 'commander';
import { registerReportCommands } from '../../../src/cli/report';
import { PaperlabError } from '../../../src/library/errors/index';
import { escapeMarkdown, plotlyAsset, renderMarkdownSummary, renderPaperHtml, renderReports, writeReport } from '../../../src/harness/report/index';
import { HOSTILE, hostileReport, sampleReport } from './fixtures';

const made: string[] = [];
after(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

const GOLDEN = `### Understanding deep learning requires rethinking generalization (ICLR 2017)

Claims: 2 reproduced, 1 partially reproduced, 1 not measured.

| Claim | Metric | Paper's value or our threshold | Accepted band | Ours (mean ± std) | 95% CI | n | Verdict |
| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |
| C1: A small MLP fits random labels to zero training error. | train_accuracy | 1 (the paper's value) | ours ≥ 0.99 | 0.9967 ± 0.0021 | [0.9915, 1.002] | 3 | ✅ reproduced |
| C2: Fitting random labels takes only a small constant factor longer than true labels. | epochs_ratio | 1.5 (the paper's value) | within ±0.5 | 2.412 ± 0.31 | [1.642, 3.182] | 3 | 🟡 partially reproduced |
| C3: Test accuracy on random labels stays at chance. | test_accuracy | 0.1 (the paper's value) | within 0.02 of chance | 0.1012 ± 0.004 | [0.0913, 0.1111] | 3 | ✅ reproduced |
| C4: Explicit regularisation is not necessary for generalisation. | test_accuracy_gap | 0.0012 (the paper's value) | gap &lt; 0.05 | NaN | — | 1 | ❔ not measured |

Budget: wall time 63.0 min of 60.0 min (**over**); training steps 28200 steps (no limit).
Failure cases: 1.
Generated 2026-11-23 13:40 UTC.
`;

test('Markdown summary: claims table with verdicts, budget line, failure count (golden text)', () => {
  // summary.md's part of a paper; <id>.md has the memo first (memo.test.ts).
  assert.equal(renderMarkdownSummary(sampleReport(), { memo: false }), GOLDEN);
});

test('Markdown escaping: no raw HTML, no table-breaking pipe or newline, intraword underscores kept', () => {
  assert.equal(escapeMarkdown('a|b\n<img src=x> *x* _y_ snake_case'), 'a\\|b &lt;img src=x&gt; \\*x\\* \\_y\\_ snake_case');
  const md = renderMarkdownSummary(hostileReport());
  assert.ok(!/<[a-z/]/i.test(md), 'no tag survives, in the memo either');
  const rows = md.split('\n').filter((l) => /^\| C\d/.test(l));
  assert.equal(rows.length, 8, 'the memo\'s claims and the summary\'s');
  for (const row of rows.slice(0, 4)) assert.equal(row.split(/(?<!\\)\|/).length, 7, `memo: 5 cells: ${row}`);
  for (const row of rows.slice(4)) assert.equal(row.split(/(?<!\\)\|/).length, 10, `8 cells: ${row}`);
});

test('writeReport and renderReports write each page, summaries, index.html and summary.md, leaving no temp files', () => {
  const dir = tempDir('paperlab-write-');
  const second = sampleReport();
  second.paper.id = 'second';
  const written = renderReports([sampleReport(), second], dir, '2026-11-23T14:00:00.000Z');
  const plotly = plotlyAsset().fileName;
  assert.deepEqual(readdirSync(dir).sort(), ['index.html', plotly, 'second.html', 'second.md', 'summary.md', 'zhang2017-random-labels.html', 'zhang2017-random-labels.md']);
  assert.equal(written.plotly, join(dir, plotly));
  assert.equal(readFileSync(written.plotly!, 'utf8'), plotlyAsset().source, 'the bundle, whole');
  assert.deepEqual(written.papers.map((p) => p.plotly), [written.plotly, written.plotly], 'both pages load the one file');
  const part = (id: string) => `## ${id}: Understanding deep learning requires rethinking generalization\n\nCommit \`ca3bad9f0e\` (dirty) · run — · generated 2026-11-23 13:40 UTC\n\n[HTML report](${id}.html)\n\n`;
  assert.equal(readFileSync(written.summary, 'utf8'),
    `# paperlab reproduction summary (2 papers, 2026-11-23 14:00 UTC)\n\n${part('zhang2017-random-labels')}${GOLDEN}\n${part('second')}${GOLDEN}`);
  assert.ok(readFileSync(written.index, 'utf8').includes('href="second.html"'));
  assert.equal(writeReport(dir, sampleReport()).html, join(dir, 'zhang2017-random-labels.html'));
});

test('renderReports refuses two papers with one id; a bad report writes nothing', () => {
  const dir = tempDir('paperlab-write-');
  assert.throws(() => renderReports([sampleReport(), sampleReport()], dir), (e: unknown) =>
    e instanceof PaperlabError && e.message === 'papers[1].paper.id: expected an id no other paper has, got zhang2017-random-labels; each paper writes <id>.html');
  const bad = sampleReport();
  (bad.claims[0] as { verdict: string }).verdict = 'maybe';
  assert.throws(() => writeReport(join(dir, 'sub'), bad), PaperlabError);
  assert.equal(existsSync(join(dir, 'sub')), false);
});

async function cli(args: string[]): Promise<string> {
  const program = new Command('paperlab').exitOverride();
  registerReportCommands(program);
  const lines: string[] = [];
  const log = console.log;
  console.log = (...a: unknown[]) => { lines.push(a.join(' ')); };
  try {
    await program.parseAsync(['node', 'paperlab', ...args]);
  } finally {
    console.log = log;
  }
  return lines.join('\n');
}

test('paperlab report --from renders reports from JSON (one or an array per file) and prints the summary', async () => {
  const dir = tempDir('paperlab-cli-');
  const one = join(dir, 'one.json');
  const many = join(dir, 'many.json');
  const hostile = hostileReport();
  hostile.paper.id = 'hostile';
  writeFileSync(one, JSON.stringify(sampleReport()));
  writeFileSync(many, JSON.stringify([hostile]));
  const printed = await cli(['report', '--from', one, many, '--out', join(dir, 'out')]);
  assert.ok(printed.startsWith('# paperlab reproduction summary (2 papers, ') && printed.includes(GOLDEN), printed.slice(0, 400));
  assert.match(printed, /wrote 2 report\(s\), .*plotly-[^/]+\.min\.js and .*index\.html$/);
  assert.ok(readFileSync(join(dir, 'out', 'hostile.html'), 'utf8').includes('Title &lt;script&gt;'));
  assert.ok(!readFileSync(join(dir, 'out', 'hostile.md'), 'utf8').includes(HOSTILE));
});

test('paperlab report: a bad JSON file is named with the field; nothing to report says what to run', async () => {
  const dir = tempDir('paperlab-cli-');
  const file = join(dir, 'bad.json');
  const report = sampleReport() as unknown as { ciLevel: unknown };
  report.ciLevel = 95;
  writeFileSync(file, JSON.stringify([report]));
  await assert.rejects(cli(['report', '--from', file, '--out', dir]), { message: `${file} [0] ciLevel: expected < 1, got 95` });
  writeFileSync(file, '{oops');
  await assert.rejects(cli(['report', '--from', file]), (e: unknown) => e instanceof PaperlabError && e.message.startsWith(`${file}: expected valid JSON, got a parse error; `));
  await assert.rejects(cli(['report', dir]), { message: 'paperlab report: no paper folder to report; scaffold one with `paperlab new` and run it with `paperlab run papers/<id>`' });
});

/** A page's Content-Security-Policy, unescaped (never match a regex against a whole page: failures print 4.8 MB). */
function csp(page: string): string {
  return (/http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)?.[1] ?? '').replace(/&#39;/g, "'");
}

test('--self-contained inlines plotly into each page and writes no bundle file; a report without figures needs none', async () => {
  const dir = tempDir('paperlab-cli-');
  const one = join(dir, 'one.json');
  writeFileSync(one, JSON.stringify(sampleReport()));
  await cli(['report', '--from', one, '--out', join(dir, 'self'), '--self-contained', '--quiet']);
  assert.deepEqual(readdirSync(join(dir, 'self')).filter((f) => f.endsWith('.js')), []);
  const page = readFileSync(join(dir, 'self', 'zhang2017-random-labels.html'), 'utf8');
  assert.ok(page.includes(plotlyAsset().source.slice(0, 200)) && !page.includes('<script src='), 'the bundle is inline');
  assert.match(csp(page), /script-src 'unsafe-inline';/, "no 'self': a self-contained page loads nothing");
  const shared = readFileSync(writeReport(join(dir, 'shared'), sampleReport()).html, 'utf8');
  assert.ok(shared.includes(`<script src="${plotlyAsset().fileName}"></script>`) && !shared.includes(plotlyAsset().source.slice(0, 200)));
  assert.match(csp(shared), /script-src 'self' 'unsafe-inline';/);
  const bare = sampleReport();
  bare.figures = [];
  const written = writeReport(join(dir, 'bare'), bare);
  assert.deepEqual([written.plotly, readdirSync(join(dir, 'bare')).filter((f) => f.endsWith('.js'))], [undefined, []]);
  assert.match(csp(readFileSync(written.html, 'utf8')), /script-src 'unsafe-inline';/);
  assert.throws(() => renderPaperHtml(sampleReport(), { plotlyFile: '../evil.js' }), { message: /^plotlyFile: expected a plotly bundle beside the page, like "plotly-4\.1\.2-0123456789ab\.min\.js", got \.\.\/evil\.js/ });
});
