import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../../src/library/backend/index';
import { compareProfiles, formatComparison, formatProfile, profileFigure, profileStep, type StepProfile } from '../../../src/library/profile/index';
import { setRootSeed } from '../../../src/library/random/index';
import { trainStep } from '../../../src/library/train/index';
import { mse, regressionData, tinyModel } from '../train/helpers';

async function profileTiny(backend: 'cpu' | 'wasm'): Promise<StepProfile> {
  await useBackend({ force: backend, log: () => {} });
  setRootSeed(31);
  const data = regressionData(64);
  const model = tinyModel(4, 32, 1);
  const optimizer = tf.train.adam(0.01);
  const step = trainStep(model, mse, optimizer, data.x, data.y);
  step(); // creates the optimizer's slots, so what remains is the step's own memory
  const before = tf.memory().numTensors;
  const p = await profileStep(step, { label: `tiny ${backend}`, runs: 2 });
  assert.equal(tf.memory().numTensors, before, 'profiling leaves no tensors');
  model.dispose();
  optimizer.dispose();
  tf.dispose([data.x, data.y]);
  return p;
}

for (const backend of ['cpu', 'wasm'] as const) {
  test(`profileStep times every kernel of a training step on ${backend}`, async () => {
    const p = await profileTiny(backend);
    assert.equal(p.backend, backend);
    assert.equal(p.untimedKernels, 0, 'tfjs 4.22 reports kernel times on this backend');
    const ops = p.rows.map((r) => r.op);
    assert.ok(ops.includes('BatchMatMul') && ops.includes('Tanh'), ops.join(','));
    assert.equal(p.rows.find((r) => r.op === 'BatchMatMul')!.calls, 5, '2 forward; backward: dW2, dh, dW1 (no gradient for x)');
    assert.ok(Math.abs(p.rows.reduce((s, r) => s + r.share, 0) - 1) < 1e-9);
    assert.ok(Math.abs(p.rows.reduce((s, r) => s + r.ms, 0) - p.kernelMs) < 1e-9);
    assert.ok(p.kernelMs > 0 && p.wallMs > 0 && p.peakBytes > 0);
    assert.equal(p.newTensors, 0);
    assert.deepEqual(p.rows.map((r) => r.ms), [...p.rows.map((r) => r.ms)].sort((a, b) => b - a), 'slowest first');
  });
}

const fake = (label: string, wallMs: number, rows: Array<[string, number, number]>): StepProfile => {
  const kernelMs = rows.reduce((s, r) => s + r[2], 0);
  return {
    label, backend: 'cpu', runs: 3, kernelMs, wallMs, profiledWallMs: wallMs + 1, peakBytes: 2 * 1024 * 1024, newBytes: 0, newTensors: 0, untimedKernels: 0,
    rows: rows.map(([op, calls, ms]) => ({ op, calls, ms, share: ms / kernelMs, bytesAdded: 1024 * 1024 * calls })),
  };
};
const before = fake('before', 10, [['BatchMatMul', 6, 6], ['Relu', 2, 2], ['Transpose', 2, 1]]);
const after = fake('after', 5, [['BatchMatMul', 6, 3], ['Relu', 2, 1.5]]);

test('formatProfile prints a table, slowest first, with the rest summed', () => {
  assert.equal(formatProfile(before, { top: 2 }), [
    'before on cpu: 10.00 ms/step wall (kernels 9.00 ms, non-kernel 1.00 ms; 3 runs), peak tensors 2.00 MB, leaves 0 tensors',
    'op           calls   ms/step   share  MB added',
    'BatchMatMul      6     6.000   66.7%     6.000',
    'Relu             2     2.000   22.2%     2.000',
    '(1 more)               1.000   11.1%     2.000',
  ].join('\n'));
});

test('compareProfiles lines ops up and says what changed', () => {
  const c = compareProfiles(before, after);
  assert.equal(c.speedup, 2);
  assert.deepEqual(c.rows.map((r) => [r.op, r.deltaMs, r.speedup]), [['BatchMatMul', -3, 2], ['Transpose', -1, Infinity], ['Relu', -0.5, 2 / 1.5]]);
  assert.equal(formatComparison(c).split('\n')[0], 'before -> after: 10.00 -> 5.00 ms/step wall, 2.00x');
  assert.match(formatComparison(c), /Transpose\s+1\.000\s+0\.000\s+-1\.000\s+gone/);
});

test('profileFigure draws one bar trace per profile over their ops, slowest on top', () => {
  const one = profileFigure(before);
  assert.equal(one.data.length, 1);
  assert.deepEqual(one.data[0]!.y, ['Transpose', 'Relu', 'BatchMatMul']);
  assert.deepEqual(one.data[0]!.x, [1, 2, 6]);
  const two = profileFigure([before, after]);
  assert.equal(two.data.length, 2);
  assert.deepEqual(two.data[1]!.x, [0, 1.5, 3]);
  assert.equal((two.layout!.title as { text: string }).text, 'Time per op: before vs after');
});

test('bad options are named', async () => {
  await assert.rejects(profileStep(() => null, { runs: 0 }), /profileStep\(runs\): expected a positive integer, got 0/);
});
