import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { executeNotebook, PROJECT_ROOT } from '../../src/notebook/index';
import { loadPaperConfig } from '../../src/papers/index';

const DIR = join(PROJECT_ROOT, 'papers', 'kapoor2023-leakage');

test('kapoor2023-leakage replays at a tiny size, records every claim metric, and the checker flags each leak and no clean pipeline', async () => {
  const result = await executeNotebook({
    input: join(DIR, 'reproduce.ipynb'),
    outputDir: mkdtempSync(join(tmpdir(), 'kapoor-')),
    parameters: { seed: 1, noiseFeatures: 10, selectionNoise: 100, perUnit: 2, nSplits: 3, compareLogistic: false },
    timeoutMs: 120_000,
  });
  assert.equal(result.ok, true, result.failure?.errorText);
  const records = Object.fromEntries(result.records.map((r) => [r.name, r.value]));
  for (const claim of loadPaperConfig(DIR).claims) assert.ok(claim.metric in records, `no record of ${claim.metric}`);
  // the checker's verdicts do not depend on the size: each leak is flagged with its rule, the clean pipelines are not
  for (const flag of ['l1_2_flagged', 'l1_2_scaling_flagged', 'l1_3_flagged', 'l1_4_flagged', 'l3_2_flagged', 'l1_4_stops_run', 'l3_2_stops_run']) {
    assert.equal(records[flag], 1, flag);
  }
  assert.equal(records.clean_pipeline_flags, 0);
  assert.equal(records.l3_2_seen_as_duplicates, 0, 'noisy repeated measurements are not exact duplicates');
  assert.equal(records.n_patients, 569);
  for (const name of ['clean_auc', 'leaky_auc_l1_2', 'clean_auc_l1_3', 'leaky_auc_l3_2', 'clean_auc_l3_2']) {
    const v = Number(records[name]);
    assert.ok(v >= 0 && v <= 1, `${name} = ${v}`);
  }
  assert.ok(Number(records.clean_auc) > 0.8, `30 real features and 10 noise columns: honest 1-NN AUC ${records.clean_auc}`);
  assert.ok(Number(records.inflation_l3_2) > 0, `a patient in train and test helps the memorizer: ${records.inflation_l3_2}`);
  assert.ok(result.records.every((r) => r.seed === 1));
});
