import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { paperlab } from '../../cli';
import { readFailureLog } from '../../../src/library/paper-files/index';
import { scaffoldPaper } from '../../../src/harness/scaffold/index';
import { reportFromRun } from '../../../src/harness/reproduce/index';
import { dirname } from 'node:path';
import { makeNotebook } from './fixtures';

// `paperlab execute --max-memory-mb` and `paperlab run` under config.yaml budget limits, for real:
// the CLI, a tslab kernel, memory allocated in it and read from /proc.

/** Allocates (and touches) 25 MB every 50 ms up to `totalMB`; the kernel alone holds ~175 MB. */
const allocate = (totalMB: number) =>
  `const held: Buffer[] = [];\nfor (let i = 0; i < ${totalMB / 25}; i++) {\n  held.push(Buffer.alloc(25 * 1024 * 1024, 1));\n  await new Promise((r) => setTimeout(r, 50));\n}\nconsole.log('allocated', held.length * 25, 'MB');`;

interface Results {
  ok: boolean;
  failure?: { cell: number; status: string; detail: string };
  cells: Array<{ status: string }>;
  manifest: { memory?: { peakRssMB: number; limitMB?: number; source: string } };
}

test('paperlab execute --max-memory-mb: the cell is stopped over-budget, results.json says so, exit 1', () => {
  const input = makeNotebook(['let ready = true;', allocate(600)]);
  const out = mkdtempSync(join(tmpdir(), 'paperlab-out-'));
  const run = paperlab(['execute', input, '--max-memory-mb', '300', '-o', out]);
  assert.equal(run.code, 1, run.out);
  assert.match(run.out, /paperlab: cell 1 \(id c1\) over-budget: peak memory \d{3} MB over --max-memory-mb 300 MB \(sampled from the kernel's process group\)/);
  assert.match(run.out, /FAILED at cell 1/);
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;
  assert.equal(results.ok, false);
  assert.equal(results.failure?.status, 'over-budget');
  assert.deepEqual(results.cells.map((c) => c.status), ['ok', 'over-budget']);
  const memory = results.manifest.memory!;
  assert.ok(memory.peakRssMB > 300 && memory.peakRssMB < 450, JSON.stringify(memory));
  assert.equal(memory.limitMB, 300);
  assert.match(memory.source, /kernel's process group from \/proc/);
});

test('paperlab run: budget.maxPeakMemoryMB of config.yaml stops the replay, failures.yaml logs limit and peak, exit 1', () => {
  const { dir } = scaffoldPaper(mkdtempSync(join(tmpdir(), 'paperlab-run-')), 'toy2026-memory', { title: 'A toy that needs too much memory' });
  // Neither cell loads ./src/index (TF.js): the kernel stays near 175 MB until the main cell allocates.
  const path = join(dir, 'reproduce.ipynb');
  const nb = JSON.parse(readFileSync(path, 'utf8')) as { cells: Array<{ id: string; source: string | string[] }> };
  nb.cells.find((c) => c.id === 'setup')!.source = 'let ready = seed >= 0;';
  // The claim's metric is recorded after the allocation (run validates that the notebook records it); the replay never gets there.
  nb.cells.find((c) => c.id === 'main')!.source = `${allocate(600)}\nrequire('./src/library/results/index').record('test_accuracy', 1);`;
  writeFileSync(path, JSON.stringify(nb));
  const configPath = join(dir, 'config.yaml');
  writeFileSync(configPath, readFileSync(configPath, 'utf8').replace('# maxPeakMemoryMB: 4096', 'maxPeakMemoryMB: 300'));

  const run = paperlab(['run', dir, '--seeds', '1']);
  assert.equal(run.code, 1, run.out);
  assert.match(run.out, /seed-1\s+FAILED .*cell \d+: peak memory \d{3} MB over budget\.maxPeakMemoryMB 300 MB/);
  const over = readFailureLog(join(dir, 'failures.yaml')).filter((e) => e.kind === 'over-budget');
  assert.equal(over.length, 1, run.out);
  assert.match(over[0]!.symptom, /^peak memory \d{3} MB over budget\.maxPeakMemoryMB 300 MB \(sampled from the kernel's process group\); kernel process group killed/);
  assert.equal(over[0]!.seed, 1);
  assert.equal(over[0]!.where.cellId, 'main');
  const results = JSON.parse(readFileSync(join(over[0]!.run!, 'results.json'), 'utf8')) as Results;
  assert.equal(results.failure?.status, 'over-budget');
  assert.ok(results.manifest.memory!.peakRssMB > 300, JSON.stringify(results.manifest.memory));
  // The report sets the measured peak beside the limit.
  const row = reportFromRun(dir, dirname(over[0]!.run!)).budget.find((b) => b.resource === "peak memory (RSS), kernel's process group")!;
  assert.deepEqual([row.declared, row.usedPerSeed.map((u) => u.seed), row.usedPerSeed[0]!.used, row.over], [300, [1], results.manifest.memory!.peakRssMB, true]);
});

test('paperlab run: train() past budget.maxSteps stops the replay although the notebook never passed the limit', () => {
  const { dir } = scaffoldPaper(mkdtempSync(join(tmpdir(), 'paperlab-run-')), 'toy2026-steps', { title: 'A toy that trains too long' });
  const path = join(dir, 'reproduce.ipynb');
  const nb = JSON.parse(readFileSync(path, 'utf8')) as { cells: Array<{ id: string; source: string | string[] }> };
  nb.cells.find((c) => c.id === 'main')!.source = [
    "import * as tf from '@tensorflow/tfjs';",
    "import { train, models } from './src/index';",
    "const net = models.mlp({ widths: [2, 4, 1], activation: 'relu' });",
    "const fit = await train({ model: net, loss: (p, t) => tf.losses.meanSquaredError(t, p) as tf.Scalar, optimizer: tf.train.adam(0.01),",
    "  data: { x: tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]), y: tf.tensor2d([[0], [1], [1], [0]]) }, batchSize: 'full', steps: 8, progress: false });",
    "record('test_accuracy', fit.history.length);",
  ].join('\n');
  writeFileSync(path, JSON.stringify(nb));
  const configPath = join(dir, 'config.yaml');
  writeFileSync(configPath, readFileSync(configPath, 'utf8').replace('# maxSteps: 10000', 'maxSteps: 5'));

  const run = paperlab(['run', dir, '--seeds', '2']);
  assert.equal(run.code, 1, run.out);
  const over = readFailureLog(join(dir, 'failures.yaml')).filter((e) => e.kind === 'over-budget');
  assert.equal(over.length, 1, run.out);
  assert.equal(over[0]!.symptom, "training used 8 steps, over budget.maxSteps 5 (train()'s budget record in this cell)");
  assert.deepEqual([over[0]!.seed, over[0]!.where.cellId], [2, 'main']);
  const results = JSON.parse(readFileSync(join(over[0]!.run!, 'results.json'), 'utf8')) as Results & { records: Array<{ name: string; value: unknown }> };
  assert.equal(results.failure?.status, 'over-budget');
  assert.deepEqual(results.records.filter((r) => r.name === 'test_accuracy').map((r) => r.value), [8], 'what the notebook recorded is kept as it was');
});
