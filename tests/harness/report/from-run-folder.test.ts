import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { after, test } from 'node:test';
import { appendFailure, loadPaperConfig } from '../../../src/library/paper-files/index';
import { scaffoldPaper } from '../../../src/harness/scaffold/index';
import { renderReports } from '../../../src/harness/report/index';
import { reportFromRun, runPaper } from '../../../src/harness/reproduce/index';

// A scaffolded paper replayed for real (a tslab kernel per seed), then reported: what the tables
// and summary.md say must come from that run folder.

const made: string[] = [];
after(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

test('a real run folder: our threshold labelled, band shown, non-claim records tabled, this run\'s failures first, summary.md heading/commit/stamp/links', async () => {
  const root = mkdtempSync(join(tmpdir(), 'paperlab-report-run-'));
  made.push(root);
  const { dir } = scaffoldPaper(root, 'toy2026-tables', { title: 'A toy with baselines' });
  const claim = loadPaperConfig(dir).claims[0]!;
  const configPath = join(dir, 'config.yaml');
  writeFileSync(configPath, readFileSync(configPath, 'utf8').replace(`    paperValue: ${claim.paperValue}\n`, `    paperValue: ${claim.paperValue}\n    valueFrom: ours\n`));
  const nbPath = join(dir, 'reproduce.ipynb');
  // A few train() steps (its budget record: steps, CPU time, FLOPs, memory), the claim met on both
  // seeds, two baselines beside it, and a NaN on seed 2 that the runner logs as this run's failure.
  const training = [
    "import * as tf from '@tensorflow/tfjs';",
    "import { train, models } from './src/index';",
    "const net = models.mlp({ widths: [2, 4, 1], activation: 'relu' });",
    "const fit = await train({ model: net, loss: (p, t) => tf.losses.meanSquaredError(t, p) as tf.Scalar, optimizer: tf.train.adam(0.01),",
    "  data: { x: tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]), y: tf.tensor2d([[0], [1], [1], [0]]) }, batchSize: 'full', steps: 3, progress: false });",
  ].join('\\n');
  writeFileSync(nbPath, readFileSync(nbPath, 'utf8').replace(`record('${claim.metric}', Number.NaN);`,
    `${training}\\nrecord('${claim.metric}', ${claim.paperValue}); record('majority_accuracy', 0.5 + Number(seed) / 100); record('steps_to_99', Number(seed) === 2 ? Number.NaN : 100 + Number(seed));`));
  // History: the same old note twice (from two earlier runs), which the log must fold into one row.
  const old = (stamp: string) => appendFailure(join(dir, 'failures.yaml'), {
    commit: 'unknown', parameters: {}, where: {}, kind: 'other', symptom: 'an old replay note', status: 'explained', run: `papers/toy2026-tables/runs/${stamp}-replay`,
  });
  old('20260101T000000Z');
  old('20260102T000000Z');

  const run = await runPaper(dir, { seeds: [1, 2] });
  const report = reportFromRun(dir, run.runDir);
  assert.equal(basename(report.runDir!), basename(run.runDir));
  assert.deepEqual([report.claims[0]!.valueFrom, report.claims[0]!.band], ['ours', [claim.paperValue - claim.tolerance!.abs!, claim.paperValue + claim.tolerance!.abs!]]);
  const records = report.tables.find((t) => t.title === 'recorded metrics that are not claims');
  assert.ok(records, report.tables.map((t) => t.title).join(', '));
  assert.deepEqual(records.rows.map((r) => [r.name, r.metrics.value!.n]), [['majority_accuracy', 2], ['steps_to_99', 1]]);
  assert.ok(Math.abs((records.rows[0]!.metrics.value!.mean as number) - 0.515) < 1e-12);
  const line = (resource: string) => report.budget.find((b) => b.resource === resource)!;
  for (const resource of ["peak memory (RSS), kernel's process group", 'peak memory (RSS)']) {
    const memory = line(resource);
    assert.deepEqual([memory.aggregate, memory.usedTotal], ['max', Math.max(...memory.usedPerSeed.map((u) => u.used))], `${resource}: a peak is the largest seed's, not a sum`);
  }
  const cpu = line('training CPU time (user + system)');
  assert.deepEqual([cpu.unit, cpu.usedPerSeed.length, cpu.usedPerSeed.every((u) => u.used > 0)], ['CPU s', 2, true]);
  assert.equal(line('training FLOPs (estimate)').unit, 'FLOP');

  const out = join(root, 'reports');
  const written = renderReports([report], out, '2026-12-04T20:00:00.000Z');
  const page = readFileSync(written.papers[0]!.html, 'utf8');
  assert.ok(page.includes('our threshold: the paper prints none'));
  assert.match(page, /<td>training CPU time \(user \+ system\)<\/td><td class="num">—<\/td><td class="num wraps">max \d+\.\d s CPU, mean \d+\.\d s CPU<\/td>/);
  assert.match(page, /max [\d.]+ MB<div class="muted">a peak: seeds do not add<\/div>/, page.slice(page.indexOf('<section id="budget">'), page.indexOf('<section id="environment">')));
  const figure = report.figures.find((f) => f.caption.startsWith(`${claim.id}:`))!;
  const shapeNames = (figure.figure.layout as { shapes: Array<{ name: string }> }).shapes.map((x) => x.name);
  assert.deepEqual([shapeNames[0], shapeNames.at(-1), /our threshold \(dashed; the paper prints no number\)/.test(figure.caption)], ['accepted band', 'our threshold', true]);
  const thisRun = page.indexOf('<h3>This run (');
  const history = page.indexOf('<details class="history">');
  assert.ok(thisRun > 0 && history > thisRun, 'this run before the folded history');
  assert.match(page.slice(thisRun, history), /nan/);
  assert.match(page.slice(history), /F1, F2<div class="muted">2 times<\/div>/);

  const summary = readFileSync(written.summary, 'utf8');
  const commit = report.manifests[0]!.git.commit!.slice(0, 10);
  assert.match(summary, /^# paperlab reproduction summary \(1 paper, 2026-12-04 20:00 UTC\)\n\n## toy2026-tables: A toy with baselines\n/);
  assert.ok(summary.includes(`Commit \`${commit}\``), summary);
  assert.ok(summary.includes(`run \`${basename(run.runDir)}\``), summary);
  assert.ok(summary.includes('[HTML report](toy2026-tables.html)'));
  assert.ok(summary.includes(`[run folder](${relative(out, run.runDir)})`), summary);
});
