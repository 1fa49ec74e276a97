import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { executeNotebook, PROJECT_ROOT } from '../../src/notebook/index';
import { loadPaperConfig } from '../../src/papers/index';

const DIR = join(PROJECT_ROOT, 'papers', 'tancik2020-fourier-features');

test('tancik2020-fourier-features replays at a tiny budget and records every claim metric', async () => {
  const config = loadPaperConfig(DIR);
  const result = await executeNotebook({
    input: join(DIR, 'reproduce.ipynb'),
    outputDir: mkdtempSync(join(tmpdir(), 'tancik-')),
    parameters: { seed: 1, ...(config.replay?.parameters ?? {}) },
    timeoutMs: 120_000,
  });
  assert.equal(result.ok, true, result.failure?.errorText);
  const records = Object.fromEntries(result.records.map((r) => [r.name, r.value]));
  for (const claim of config.claims) assert.ok(claim.metric in records, `no record of ${claim.metric}`);
  for (const kind of ['natural', 'text']) {
    const test = (m: string) => Number(records[`test_psnr_${kind}_${m}`]);
    // The gaps are differences of the recorded PSNRs, not separate numbers.
    assert.ok(Math.abs(Number(records[`psnr_gap_gauss_minus_none_${kind}`]) - (test('gaussian') - test('none'))) < 1e-9);
    for (const m of ['none', 'basic', 'positional', 'gaussian', 'mean', 'interp']) {
      assert.ok(Number.isFinite(test(m)) && test(m) > 3 && test(m) < 60, `${kind} ${m}: test PSNR ${test(m)} dB`);
    }
    // The mean colour is the floor: bilinear midpoint interpolation must beat it on any real image.
    assert.ok(test('interp') > test('mean'), `${kind}: interpolation ${test('interp')} dB vs mean colour ${test('mean')} dB`);
  }
  assert.equal(records.backend === undefined, false);
  assert.ok(result.records.every((r) => r.seed === 1));
});
