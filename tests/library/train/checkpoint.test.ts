import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../../src/library/backend/index';
import { setRootSeed } from '../../../src/library/random/index';
import { CHECKPOINT_FILE, train, type TrainOptions, type TrainResult } from '../../../src/library/train/index';
import { mse, regressionData, tinyModel } from './helpers';

const root = mkdtempSync(join(tmpdir(), 'paperlab-ckpt-'));
before(async () => {
  await useBackend({ force: 'cpu', log: () => {} });
});
after(() => rmSync(root, { recursive: true, force: true }));

type MakeOptimizer = () => tf.Optimizer;

/** A fresh model (seed 11) trained with `extra`; the model is re-initialised, so only a resume can carry state. */
async function run(makeOptimizer: MakeOptimizer, extra: Partial<TrainOptions>): Promise<TrainResult> {
  setRootSeed(11);
  const data = regressionData(36);
  const model = tinyModel();
  const optimizer = makeOptimizer();
  try {
    return await train({ model, loss: mse, optimizer, data, batchSize: 8, steps: 25, progress: false, record: false, ...extra });
  } finally {
    model.dispose();
    optimizer.dispose();
    tf.dispose([data.x, data.y]);
  }
}

const optimizers: Array<[string, MakeOptimizer]> = [
  ['adam', () => tf.train.adam(0.02)],
  ['momentum', () => tf.train.momentum(0.02, 0.9)],
  ['sgd', () => tf.train.sgd(0.02)],
];

for (const [name, make] of optimizers) {
  test(`${name}: 25 steps straight equal 9 steps, a stop, and a resume to 25, bit for bit`, async () => {
    const dir = join(root, name);
    const straight = await run(make, {});
    const first = await run(make, { budget: { maxSteps: 9 }, checkpoint: { dir } });
    assert.equal(first.status, 'over-budget');
    assert.deepEqual(first.over, ['maxSteps']);
    assert.equal(first.history.length, 9);
    assert.ok(existsSync(join(dir, CHECKPOINT_FILE)));
    const resumed = await run(make, { checkpoint: { dir } });
    assert.equal(resumed.resumedFrom, 9);
    assert.equal(resumed.status, 'completed');
    assert.deepEqual(resumed.history.map((h) => h.loss), straight.history.map((h) => h.loss));
    assert.equal(resumed.history.at(-1)!.loss, straight.history.at(-1)!.loss);
    assert.equal(resumed.usage.steps, 25, 'usage adds up across the resume');
  });
}

test('a resume continues the step count, so epochs (5 batches of 36/8) line up', async () => {
  const dir = join(root, 'epochs');
  const straight = await run(optimizers[0]![1], { steps: undefined, epochs: 3 });
  await run(optimizers[0]![1], { steps: undefined, epochs: 3, budget: { maxEpochs: 1 }, checkpoint: { dir } });
  const resumed = await run(optimizers[0]![1], { steps: undefined, epochs: 3, checkpoint: { dir } });
  assert.equal(resumed.resumedFrom, 5);
  assert.deepEqual(resumed.history, straight.history);
});

test('checkpoints are saved every k steps, and resume can be turned off', async () => {
  const dir = join(root, 'every');
  await run(optimizers[0]![1], { steps: 7, checkpoint: { dir, everySteps: 3 } });
  const saved = JSON.parse(readFileSync(join(dir, CHECKPOINT_FILE), 'utf8'));
  assert.equal(saved.step, 7, 'the stop saves the last state');
  assert.equal(saved.format, 'paperlab.checkpoint/1');
  assert.deepEqual(saved.optimizer.extra.map((e: { name: string }) => e.name).sort(), ['accBeta1', 'accBeta2']);
  const fresh = await run(optimizers[0]![1], { steps: 7, checkpoint: { dir, resume: false } });
  assert.equal(fresh.resumedFrom, undefined);
  assert.equal(fresh.history.length, 7);
});

test('the default folder is $PAPERLAB_RUN_DIR/checkpoints; without it the error says what to set', async () => {
  const previous = process.env.PAPERLAB_RUN_DIR;
  try {
    process.env.PAPERLAB_RUN_DIR = join(root, 'run-dir');
    const r = await run(optimizers[2]![1], { steps: 3, checkpoint: {} });
    assert.equal(r.checkpointPath, join(root, 'run-dir', 'checkpoints', CHECKPOINT_FILE));
    delete process.env.PAPERLAB_RUN_DIR;
    await assert.rejects(run(optimizers[2]![1], { steps: 3, checkpoint: {} }), /train\(checkpoint.dir\): expected a folder \(or PAPERLAB_RUN_DIR set/);
  } finally {
    if (previous === undefined) delete process.env.PAPERLAB_RUN_DIR;
    else process.env.PAPERLAB_RUN_DIR = previous;
  }
});

test('a checkpoint of another batch order or optimizer is refused, naming the fix', async () => {
  const dir = join(root, 'mismatch');
  await run(optimizers[0]![1], { steps: 4, checkpoint: { dir } });
  await assert.rejects(run(optimizers[0]![1], { steps: 8, batchSize: 4, checkpoint: { dir } }), /expected the batch order of this run.*delete the checkpoint folder/);
  await assert.rejects(run(optimizers[2]![1], { steps: 8, checkpoint: { dir } }), /expected a checkpoint of this run \(optimizer SGD\).*got Adam/);
});

test('a diverged run keeps the last good checkpoint', async () => {
  const dir = join(root, 'diverged');
  let calls = 0;
  const loss = (p: tf.Tensor, y: tf.Tensor): tf.Scalar => (++calls === 6 ? mse(p, y).mul(Infinity) : mse(p, y));
  const r = await run(optimizers[2]![1], { steps: 10, loss, checkpoint: { dir, everySteps: 4 } });
  assert.equal(r.status, 'diverged');
  assert.equal(r.failure?.kind, 'inf');
  assert.equal(JSON.parse(readFileSync(join(dir, CHECKPOINT_FILE), 'utf8')).step, 4);
});

test('an aborted signal stops between steps and saves a checkpoint the next call resumes from', async () => {
  const dir = join(root, 'aborted');
  const straight = await run(optimizers[0]![1], {});
  const controller = new AbortController();
  const evaluate = (_m: unknown, step: number) => (step === 8 && controller.abort(), { val: step });
  const stopped = await run(optimizers[0]![1], { evalEvery: 4, evaluate, signal: controller.signal, checkpoint: { dir } });
  assert.equal(stopped.status, 'interrupted');
  assert.equal(stopped.history.length, 8);
  const resumed = await run(optimizers[0]![1], { checkpoint: { dir } });
  assert.equal(resumed.resumedFrom, 8);
  assert.deepEqual(resumed.history.map((h) => h.loss), straight.history.map((h) => h.loss));
});

test('resuming a run that stopped early does not train on', async () => {
  const dir = join(root, 'early');
  const options: Partial<TrainOptions> = { evalEvery: 2, evaluate: () => ({ val: 1 }), earlyStop: { metric: 'val', mode: 'min', patience: 2 }, checkpoint: { dir } };
  const first = await run(optimizers[0]![1], options);
  assert.deepEqual([first.status, first.history.length], ['early-stopped', 6]);
  const again = await run(optimizers[0]![1], options);
  assert.deepEqual([again.status, again.history.length, again.resumedFrom], ['early-stopped', 6, 6]);
});
