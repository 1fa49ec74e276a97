import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useBackend } from '../../src/library/backend/index';
import { glyphImage } from '../../src/library/data/synthetic/index';
import { fitImage, gaussianMapping, noMapping, offsetGridSplit } from './fourier-features';
import { rng, setRootSeed } from '../../src/library/random/index';

test('fitImage learns the train pixels, reports PSNR, and is deterministic per seed', async () => {
  await useBackend({ force: 'cpu', log: () => {} });
  setRootSeed(5);
  const img = glyphImage({ height: 16, width: 16, channels: 3, lines: 1, rng: rng('image') });
  const split = offsetGridSplit(img);
  const run = (seedName: string) => fitImage({
    mapping: gaussianMapping({ nFeatures: 16, sigma: 3, rng: rng('features') }), train: split.train, test: split.test,
    channels: 3, hidden: [32, 32], learningRate: 1e-2, steps: 60, evalEvery: 20, seedName: seedName,
  });
  const a = await run('fit-a');
  const b = await run('fit-a');
  assert.equal(a.trainPsnr, b.trainPsnr, 'same seed, same backend: identical result');
  assert.equal(a.testPsnr, b.testPsnr);
  assert.equal(a.status, 'completed');
  assert.deepEqual(a.history.map((h) => h.step), [20, 40, 60]);
  assert.ok(a.history[2]!.trainPsnr! > a.history[0]!.trainPsnr!, `train PSNR rises: ${a.history.map((h) => h.trainPsnr).join(', ')}`);
  assert.ok(a.trainPsnr > 15 && Number.isFinite(a.testPsnr), `train ${a.trainPsnr} dB, test ${a.testPsnr} dB`);
  assert.equal(a.testPrediction.length, split.test.values.length);
  const none = await fitImage({ mapping: noMapping(), train: split.train, test: split.test, channels: 3, hidden: [32, 32], learningRate: 1e-2, steps: 60, seedName: 'fit-none' });
  assert.ok(a.trainPsnr > none.trainPsnr, `Fourier features fit the train pixels better than raw coordinates: ${a.trainPsnr} vs ${none.trainPsnr}`);
});
