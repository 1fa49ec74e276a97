import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { collectRecords, executeNotebook, jupyterPath, PROJECT_ROOT, readNotebook } from '../../../src/harness/runner/index';

const TOUR = join(PROJECT_ROOT, 'notebooks', '00-tour.ipynb');

test('the tour replays headlessly and is bit-identical for the same seed and backend', async () => {
  const runs = [];
  for (let k = 0; k < 2; k++) {
    const result = await executeNotebook({ input: TOUR, outputDir: mkdtempSync(join(tmpdir(), 'tour-')), parameters: { seed: 5, steps: 60 } });
    assert.equal(result.ok, true, result.failure?.errorText);
    runs.push(Object.fromEntries(result.records.map((r) => [r.name, r.value])));
  }
  assert.ok(Number(runs[0]!.test_accuracy) > 0.7, `test accuracy ${runs[0]!.test_accuracy}`);
  assert.deepEqual(runs[1], runs[0], 'same seed, same backend: identical records');
});

test('the tour also runs under jupyter nbconvert --execute (nothing depends on our runner)', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'nbconvert-')), 'tour-nbconvert.ipynb');
  const run = spawnSync(
    'jupyter',
    ['nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.timeout=300', TOUR, '--output', out],
    { encoding: 'utf8', timeout: 300_000, env: { ...process.env, JUPYTER_PATH: jupyterPath() } },
  );
  assert.equal(run.status, 0, run.stderr);
  const names = collectRecords(readNotebook(out)).map((r) => r.name);
  assert.deepEqual(names, ['train_accuracy', 'test_accuracy', 'final_loss', 'backend']);
});
