import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { executeNotebook, PROJECT_ROOT } from '../../src/notebook/index';
import { loadPaperConfig } from '../../src/papers/index';

const DIR = join(PROJECT_ROOT, 'papers', 'gromov2023-grokking');

test('gromov2023-grokking replays at a tiny budget and records every claim metric', async () => {
  const result = await executeNotebook({
    input: join(DIR, 'reproduce.ipynb'),
    outputDir: mkdtempSync(join(tmpdir(), 'gromov-')),
    parameters: { seed: 1, p: 11, width: 32, steps: 40, evalEvery: 10, trainSeconds: 20 },
    timeoutMs: 120_000,
  });
  assert.equal(result.ok, true, result.failure?.errorText);
  const records = Object.fromEntries(result.records.map((r) => [r.name, r.value]));
  for (const claim of loadPaperConfig(DIR).claims) assert.ok(claim.metric in records, `no record of ${claim.metric}`);
  assert.equal(records.analytic_accuracy, 1, 'the cosine weights solve (a + b) mod 11 on all 121 pairs');
  assert.equal(records.analytic_fourier, 1);
  assert.equal(records.train_status, 'completed');
  assert.equal(records.backend === undefined, false);
  const acc = Number(records.test_accuracy);
  assert.ok(acc >= 0 && acc <= 1, `test accuracy ${acc}`);
  assert.ok(result.records.every((r) => r.seed === 1));
});
