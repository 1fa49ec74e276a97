import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { executeNotebook, PROJECT_ROOT } from '../../src/notebook/index';
import { loadPaperConfig } from '../../src/papers/index';

const DIR = join(PROJECT_ROOT, 'papers', 'belkin2019-double-descent');

test('belkin2019-double-descent replays its CI profile and records every claim metric', async () => {
  const config = loadPaperConfig(DIR);
  assert.ok(config.replay, 'config.yaml has a replay profile');
  const seed = config.replay.seeds?.[0] ?? config.seeds[0]!;
  const result = await executeNotebook({
    input: join(DIR, 'reproduce.ipynb'),
    outputDir: mkdtempSync(join(tmpdir(), 'belkin-')),
    parameters: { ...config.replay.parameters, seed },
    timeoutMs: 120_000,
  });
  assert.equal(result.ok, true, result.failure?.errorText);
  const records = Object.fromEntries(result.records.map((r) => [r.name, r.value]));
  for (const claim of config.claims) assert.ok(claim.metric in records, `no record of ${claim.metric}`);
  // Even at n = 60 and 4 values of N the least-norm fit interpolates at N = n: its norm and squared loss peak there.
  assert.equal(records.peak_at_norm, 1);
  assert.equal(records.peak_at_squared, 1);
  assert.ok(Number(records.far_squared) < Number(records.peak_squared), `far ${records.far_squared} vs peak ${records.peak_squared}`);
  const zo = Number(records.far_zero_one);
  assert.ok(zo >= 0 && zo < Number(records.chance_zero_one), `far zero-one ${zo} should beat guessing the commonest class`);
  const rel = Number(records.hastie_max_rel_error);
  assert.ok(rel >= 0 && rel < 0.5, `Hastie relative error ${rel} at n = 40`);
  assert.ok(result.records.every((r) => r.seed === seed));
});
