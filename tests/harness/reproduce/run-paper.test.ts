import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadPaperConfig, readFailureLog } from '../../../src/library/paper-files/index';
import { scaffoldPaper } from '../../../src/harness/scaffold/index';
import { renderPaperHtml } from '../../../src/harness/report/index';
import { latestRun, reportFromRun, runPaper } from '../../../src/harness/reproduce/index';

// A scaffolded paper, replayed for real (tslab kernel per seed), judged and logged.

function scaffold(): { dir: string; metric: string; paperValue: number } {
  const { dir } = scaffoldPaper(mkdtempSync(join(tmpdir(), 'paperlab-run-')), 'toy2026-claim', { title: 'A toy claim' });
  const claim = loadPaperConfig(dir).claims[0]!;
  return { dir, metric: claim.metric, paperValue: claim.paperValue };
}

/** Replaces the scaffold's placeholder measurement (NaN) with `expression`. */
function measure(dir: string, metric: string, expression: string): void {
  const path = join(dir, 'reproduce.ipynb');
  const text = readFileSync(path, 'utf8').replace(`record('${metric}', Number.NaN);`, `record('${metric}', ${expression});`);
  assert.match(text, new RegExp(`record\\('${metric}', ${expression.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`));
  writeFileSync(path, text);
}

test('a claim measured identically on every seed is reproduced; the run folder holds each seed and a summary', async () => {
  const { dir, metric, paperValue } = scaffold();
  // The measuring cell also draws a figure, which the report carries over from the first seed.
  const drawn = "(require('./src/index').plot({ data: [{ type: 'scatter', x: [1, 2], y: [seed, 3] }], layout: { title: { text: 'drawn in the notebook' } } }), ";
  measure(dir, metric, `${drawn}${paperValue})`);
  const run = await runPaper(dir, { seeds: [1, 2] });
  assert.deepEqual(run.runs.map((r) => [r.seed, r.ok]), [[1, true], [2, true]]);
  assert.equal(run.judgements[0]!.verdict, 'reproduced', run.judgements[0]!.reason);
  assert.ok(existsSync(join(run.runDir, 'seed-1', 'results.json')) && existsSync(join(run.runDir, 'seed-2', 'reproduce.ipynb')));
  const summary = JSON.parse(readFileSync(join(run.runDir, 'summary.json'), 'utf8'));
  assert.equal(summary.judgements[0].verdict, 'reproduced');
  assert.deepEqual(run.failuresLogged, []);
  const report = reportFromRun(dir, run.runDir);
  assert.deepEqual(report.claims.map((c) => [c.verdict, c.ours.n, c.provenance.map((p) => p.seed)]), [['reproduced', 2, [1, 2]]]);
  assert.deepEqual(report.budget[0]!.usedPerSeed.map((u) => u.seed), [1, 2]);
  const notebookFigure = report.figures.find((f) => f.caption.startsWith('drawn in the notebook'));
  assert.ok(notebookFigure, report.figures.map((f) => f.caption).join('\n'));
  assert.match(notebookFigure.caption, /\(seed 1, cell \d+\)/);
  assert.deepEqual(notebookFigure.figure.data[0]!.y, [1, 3], 'the figure of seed 1, as data');
  assert.match(renderPaperHtml(report), /reproduced/);
  const again = await runPaper(dir, { seeds: [1] });
  assert.notEqual(again.runDir, run.runDir, 'an earlier run is never overwritten');
  assert.equal(latestRun(dir), again.runDir);
});

test('baselines run with every run, ablations only when asked; the report tables baselines first and shows accepted leakage', async () => {
  const { dir, metric } = scaffold();
  measure(dir, metric, 'steps / 100');
  const configPath = join(dir, 'config.yaml');
  const config = readFileSync(configPath, 'utf8')
    .replace('ablations: []', 'ablations:\n  - name: longer\n    grid: { steps: [300] }\n  - name: short\n    kind: baseline\n    variants:\n      - { name: few-steps, parameters: { steps: 50 } }')
    .replace('accept: []', 'accept:\n  - { rule: L1.4, reason: "augmented copies are expected in both parts" }');
  writeFileSync(configPath, config);
  const plain = await runPaper(dir, { seeds: [1] });
  assert.deepEqual(plain.runs.map((r) => r.ablation?.name ?? 'main'), ['main', 'few-steps']);
  const all = await runPaper(dir, { seeds: [1], ablations: true });
  assert.deepEqual(all.runs.map((r) => r.ablation?.name ?? 'main'), ['main', 'steps=300', 'few-steps']);
  const report = reportFromRun(dir, all.runDir);
  assert.deepEqual(report.tables.map((t) => [t.kind, t.title, t.rows.map((r) => r.metrics[metric]!.mean)]), [
    ['baseline', 'short', [0.5]],
    ['ablation', 'longer', [3]],
  ]);
  assert.match(renderPaperHtml(report), /L1\.4<\/span>: augmented copies are expected in both parts/);
});

test('training that stops at its budget is logged as over-budget and the report sets its use beside the limit', async () => {
  const { dir, metric } = scaffold();
  const code = [
    "import * as tf from '@tensorflow/tfjs';",
    "import { train, models } from './src/index';",
    "const net = models.mlp({ widths: [2, 4, 1], activation: 'relu' });",
    "const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);",
    "const ys = tf.tensor2d([[0], [1], [1], [0]]);",
    "const fit = await train({ model: net, loss: (p, t) => tf.losses.meanSquaredError(t, p) as tf.Scalar, optimizer: tf.train.adam(0.01),",
    "  data: { x: xs, y: ys }, batchSize: 'full', steps: 20, budget: { maxSteps: 5 }, progress: false });",
    `record('${metric}', fit.history.length);`,
  ].join('\\n');
  const path = join(dir, 'reproduce.ipynb');
  const nb = JSON.parse(readFileSync(path, 'utf8')) as { cells: Array<{ id: string; source: string | string[] }> };
  nb.cells.find((c) => c.id === 'main')!.source = code.split('\\n').join('\n');
  writeFileSync(path, JSON.stringify(nb));
  const run = await runPaper(dir, { seeds: [5] });
  assert.equal(run.runs[0]!.ok, true, run.runs[0]!.execution.failure?.errorText);
  const over = readFailureLog(join(dir, 'failures.yaml')).filter((e) => e.kind === 'over-budget');
  assert.equal(over.length, 1);
  assert.match(over[0]!.symptom, /stopped at its budget \(maxSteps\)/);
  assert.equal(over[0]!.seed, 5);
  const steps = reportFromRun(dir, run.runDir).budget.find((b) => b.resource === 'training steps')!;
  assert.deepEqual([steps.declared, steps.usedPerSeed.map((u) => u.used), steps.over], [5, [5], false]);
});

test('an unmeasured claim (NaN) is judged not measured and both findings go to failures.yaml; a seed subset logs no verdict', async () => {
  const { dir } = scaffold();
  const configPath = join(dir, 'config.yaml');
  writeFileSync(configPath, readFileSync(configPath, 'utf8').replace(/^seeds: \[0, 1, 2\]/m, 'seeds: [3, 4]'));
  const run = await runPaper(dir);
  assert.deepEqual(run.runs.map((r) => [r.seed, r.ok]), [[3, true], [4, true]]);
  assert.equal(run.judgements[0]!.verdict, 'not-measured');
  const log = readFailureLog(join(dir, 'failures.yaml'));
  assert.deepEqual(log.map((e) => e.kind).sort(), ['claim-not-met', 'nan', 'nan']);
  assert.deepEqual(log.filter((e) => e.kind === 'nan').map((e) => e.seed).sort(), [3, 4]);
  assert.match(log.find((e) => e.kind === 'claim-not-met')!.symptom, /not measured/);
  const lines: string[] = [];
  const subset = await runPaper(dir, { seeds: [4], log: (line) => lines.push(line) });
  assert.equal(subset.judgements[0]!.verdict, 'not-measured');
  assert.deepEqual(subset.failuresLogged.map((e) => e.kind), ['nan'], 'what broke is logged; the one-seed verdict is not');
  assert.ok(lines.some((l) => /claims judged on seeds 4, not config\.yaml's 3,4/.test(l)), lines.join('\n'));
});
