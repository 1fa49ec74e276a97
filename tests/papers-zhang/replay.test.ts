import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { executeNotebook, PROJECT_ROOT } from '../../src/notebook/index';
import { loadPaperConfig } from '../../src/papers/index';

const DIR = join(PROJECT_ROOT, 'papers', 'zhang2017-random-labels');

test('zhang2017-random-labels replays at a tiny budget and records every claim metric', async () => {
  const result = await executeNotebook({
    input: join(DIR, 'reproduce.ipynb'),
    outputDir: mkdtempSync(join(tmpdir(), 'zhang-')),
    parameters: { seed: 1, nTrain: 200, nTest: 1000, width: 256, batchSize: 32, maxEpochs: 60, testEvery: 10, fitSeconds: 15 },
    timeoutMs: 120_000,
  });
  assert.equal(result.ok, true, result.failure?.errorText);
  const records = Object.fromEntries(result.records.map((r) => [r.name, r.value]));
  for (const claim of loadPaperConfig(DIR).claims) assert.ok(claim.metric in records, `no record of ${claim.metric}`);
  assert.equal(records.leakage_findings, 0, 'no shared rows or duplicate digits across train and test');
  const changed = Number(records.label_changed_share);
  assert.ok(changed > 0.8 && changed < 0.97, `random labels differ from the true ones ~90% of the time, got ${changed}`);
  // 200 digits, 3x256 MLP, batches of 32: both labelings are fitted within 60 epochs, the random one no faster.
  assert.equal(records.fit_status_true, 'fitted');
  assert.equal(records.fit_status_random, 'fitted');
  assert.equal(records.train_accuracy_random, 1);
  assert.ok(Number(records.test_accuracy_true) > 0.6, `true labels generalize: ${records.test_accuracy_true}`);
  assert.ok(Math.abs(Number(records.test_accuracy_random) - 0.1) < 0.05, `random labels test at chance: ${records.test_accuracy_random}`);
  assert.ok(Number(records.epochs_to_99_random) >= Number(records.epochs_to_99_true));
  assert.equal(records.slowdown_random_over_true, Number(records.epochs_to_99_random) / Number(records.epochs_to_99_true));
  assert.ok(result.records.every((r) => r.seed === 1));
});
