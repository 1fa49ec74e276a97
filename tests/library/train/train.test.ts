import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../../src/library/backend/index';
import { setRootSeed } from '../../../src/library/random/index';
import { recorded } from '../../../src/library/results/index';
import { train, type TrainOptions, type TrainResult } from '../../../src/library/train/index';
import { mse, regressionData, tinyModel } from './helpers';

before(async () => {
  await useBackend({ force: 'cpu', log: () => {} });
});

/** Trains a fresh tiny model under root seed `seed` and frees everything it made. */
async function run(seed: number, extra: Partial<TrainOptions> = {}): Promise<TrainResult> {
  setRootSeed(seed);
  const data = regressionData();
  const model = tinyModel();
  const optimizer = tf.train.adam(0.01);
  try {
    return await train({ model, loss: mse, optimizer, data, batchSize: 8, steps: 30, progress: false, record: false, ...extra });
  } finally {
    model.dispose();
    optimizer.dispose();
    tf.dispose([data.x, data.y]);
  }
}

const losses = (r: TrainResult): number[] => r.history.map((h) => h.loss);

test('same seed and backend give bit-identical losses; another seed gives others', async () => {
  const a = await run(1);
  const b = await run(1);
  const c = await run(2);
  assert.equal(a.status, 'completed');
  assert.equal(a.history.length, 30);
  assert.deepEqual(losses(a), losses(b)); // deepEqual on numbers is Object.is: bit-identical
  assert.ok(losses(a).every((v, i) => v === losses(b)[i]));
  assert.notDeepEqual(losses(a), losses(c));
  assert.ok(losses(a)[29]! < losses(a)[0]!, 'the loss goes down');
});

test('the batch order is seeded: same init, different batch stream, different losses', async () => {
  const { rng } = await import('../../../src/library/random/index');
  const a = await run(1, { seedStream: rng('batches') });
  const b = await run(1, { seedStream: rng('other-batches') });
  assert.notDeepEqual(losses(a), losses(b));
  assert.equal(losses(a)[0] === losses(b)[0], false);
});

test('training leaks no tensors', async () => {
  setRootSeed(3);
  const data = regressionData();
  const model = tinyModel();
  const before = tf.memory().numTensors;
  const optimizer = tf.train.adam(0.01);
  await train({ model, loss: mse, optimizer, data, batchSize: 8, steps: 12, evalEvery: 4, evaluate: () => ({ v: 1 }), progress: false, record: false });
  optimizer.dispose();
  assert.equal(tf.memory().numTensors, before);
  model.dispose();
  tf.dispose([data.x, data.y]);
});

test('epochs count whole passes; full batch uses every example each step', async () => {
  const byEpoch = await run(4, { steps: undefined, epochs: 3 }); // 40 examples / 8 = 5 batches
  assert.equal(byEpoch.history.length, 15);
  assert.equal(byEpoch.usage.epochs, 3);
  assert.equal(byEpoch.usage.examples, 120);
  const full = await run(4, { batchSize: 'full', steps: 4 });
  assert.equal(full.usage.examples, 160);
});

test('a batch provider gives the same losses as in-memory data', async () => {
  const inMemory = await run(5);
  setRootSeed(5);
  const data = regressionData();
  const model = tinyModel();
  const optimizer = tf.train.adam(0.01);
  const provider = {
    nSamples: 40,
    batch: (idx: Int32Array) => tf.tidy(() => ({ x: tf.gather(data.x, tf.tensor1d(idx, 'int32')), y: tf.gather(data.y, tf.tensor1d(idx, 'int32')) })),
  };
  const viaProvider = await train({ model, loss: mse, optimizer, data: provider, batchSize: 8, steps: 30, progress: false, record: false });
  assert.deepEqual(losses(viaProvider), losses(inMemory));
  model.dispose();
  optimizer.dispose();
  tf.dispose([data.x, data.y]);
});

test('evaluates every k steps and after the last step', async () => {
  const seen: number[] = [];
  const r = await run(6, { steps: 10, evalEvery: 4, evaluate: (_m, step) => (seen.push(step), { val: step * 10 }) });
  assert.deepEqual(seen, [4, 8, 10]);
  assert.deepEqual(r.history.filter((h) => 'val' in h).map((h) => [h.step, h.val]), [[4, 40], [8, 80], [10, 100]]);
});

test('early stop after `patience` evaluations without improvement', async () => {
  const r = await run(7, { steps: 30, evalEvery: 2, evaluate: (_m, step) => ({ val: step <= 4 ? 10 - step : 99 }), earlyStop: { metric: 'val', mode: 'min', patience: 3 } });
  // best at step 4 (val 6); steps 6, 8, 10 do not improve -> stop at 10
  assert.equal(r.status, 'early-stopped');
  assert.equal(r.history.length, 10);
});

test('a NaN loss stops the run with the step, last good loss and tensor', async () => {
  let calls = 0;
  const nanAtThird = (p: tf.Tensor, y: tf.Tensor): tf.Scalar => (++calls === 3 ? mse(p, y).mul(NaN) : mse(p, y));
  const r = await run(8, { loss: nanAtThird, record: true });
  assert.equal(r.status, 'diverged');
  assert.deepEqual(r.failure, { kind: 'nan', step: 3, lastGoodLoss: r.history[1]!.loss, tensor: 'loss' });
  assert.equal(r.history.length, 3);
  const entry = recorded().filter((e) => e.name === 'train_failure').at(-1);
  assert.deepEqual(entry?.value, { kind: 'nan', step: 3, lastGoodLoss: r.history[1]!.loss, tensor: 'loss' });
});

test('a parameter going infinite is named even when the loss was still finite', async () => {
  // Identity forward, infinite gradient backward: the step-1 loss is finite, the update is not.
  const blowUp = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({ value: (args[0] as tf.Tensor).clone(), gradFunc: (dy: tf.Tensor) => tf.mul(tf.sign(dy).add(2), Infinity) }));
  const r = await run(9, { loss: (p, y) => mse(blowUp(p) as tf.Tensor, y), optimizer: tf.train.sgd(0.1) });
  assert.equal(r.status, 'diverged');
  assert.equal(r.failure?.step, 1);
  assert.equal(r.failure?.lastGoodLoss, r.history[0]!.loss);
  assert.ok(Number.isFinite(r.history[0]!.loss));
  assert.match(r.failure!.tensor, /^tiny\d+\/(w2|b2|w1|b1)$/);
});

test('bad options name the argument and the rule', async () => {
  await assert.rejects(run(1, { epochs: 2 }), /train\(steps, epochs\): expected exactly one of steps and epochs/);
  await assert.rejects(run(1, { batchSize: 0 }), /train\(batchSize\): expected a positive integer or 'full', got 0/);
  await assert.rejects(run(1, { earlyStop: { metric: 'val', mode: 'min', patience: 1 } }), /train\(evalEvery\): expected a positive integer when earlyStop is set/);
  await assert.rejects(run(1, { evaluate: () => ({ acc: tf.scalar(1) }) as never }), /train\(evaluate\): expected a record of numbers, e.g. \{ valLoss: 0.3 \}, got acc: object; read tensors with dataSync/);
  await assert.rejects(run(1, { evalEvery: 1, earlyStop: { metric: 'acc', mode: 'max', patience: 1 }, evaluate: () => ({ val: 1 }) }), /earlyStop.metric\): expected one of val, loss, got acc/);
});
