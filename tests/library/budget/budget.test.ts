import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../../src/library/backend/index';
import { BudgetTracker, FLOPS_METHOD, budget, lastBudgetReport, recordBudget } from '../../../src/library/budget/index';
import { setRootSeed } from '../../../src/library/random/index';
import { recorded } from '../../../src/library/results/index';
import { train, type TrainOptions, type TrainResult } from '../../../src/library/train/index';
import { mse, regressionData, tinyModel } from '../train/helpers';

before(async () => {
  await useBackend({ force: 'cpu', log: () => {} });
});

test('budget() freezes valid limits and rejects bad ones with the rule and the fix', () => {
  const b = budget({ maxWallSeconds: 600, maxSteps: 1000 });
  assert.deepEqual(b, { maxWallSeconds: 600, maxSteps: 1000 });
  assert.ok(Object.isFrozen(b));
  assert.throws(() => budget({ maxWallSecond: 5 } as never), /budget.maxWallSecond: expected one of maxWallSeconds, .*; did you mean "maxWallSeconds"\?/);
  assert.throws(() => budget({ maxWallSeconds: -5 }, 'config.yaml budget'), /^PaperlabError: config.yaml budget.maxWallSeconds: expected a positive finite number, got -5$/m);
  assert.throws(() => budget({ maxSteps: 2.5 }), /budget.maxSteps: expected a positive integer, got 2.5/);
  assert.throws(() => budget(null as never), /budget: expected an object/);
});

test('the tracker names the limits reached: steps, epochs, FLOPs before the step that would pass them', () => {
  const t = new BudgetTracker({ maxSteps: 3, maxEpochs: 1, maxFlops: 3 * 10 * 25 }, { flopsPerExample: 10 });
  assert.deepEqual(t.check(10), []);
  t.step(10, 1 / 3);
  t.step(10, 2 / 3);
  assert.deepEqual(t.check(5), []); // 3 x 10 x 25 FLOPs allow 25 examples: 20 done + 5
  assert.deepEqual(t.check(10), ['maxFlops']);
  t.step(10, 3 / 3);
  assert.deepEqual(t.check(0), ['maxSteps', 'maxEpochs', 'maxFlops']);
  assert.deepEqual(t.stoppedBy, ['maxFlops'], 'the first limit hit is what stopped the run');
  const u = t.usage();
  assert.equal(u.steps, 3);
  assert.equal(u.examples, 30);
  assert.equal(u.flops, 900);
  assert.equal(u.flopsMethod, FLOPS_METHOD);
  assert.ok(u.wallSeconds > 0 && u.cpuSeconds > 0 && u.peakRssMB > 10 && u.processMaxRssMB >= u.peakRssMB - 1);
});

test('resumed usage adds counts and keeps the larger peak', () => {
  const prior = { wallSeconds: 100, cpuSeconds: 50, steps: 7, epochs: 0.5, examples: 70, peakRssMB: 1e6, processMaxRssMB: 1e6, flops: 1000, flopsMethod: FLOPS_METHOD };
  const t = new BudgetTracker({ maxWallSeconds: 100 }, { prior, flopsPerExample: 1 });
  assert.deepEqual(t.check(), ['maxWallSeconds']);
  t.step(10, 0.6);
  const u = t.usage();
  assert.equal(u.steps, 8);
  assert.equal(u.examples, 80);
  assert.equal(u.flops, 1030);
  assert.equal(u.peakRssMB, 1e6);
  assert.ok(u.wallSeconds >= 100);
  assert.equal(t.wallLeftSeconds(), 0);
});

test('recordBudget puts declared, used and over into the records (results.json)', () => {
  const t = new BudgetTracker({ maxSteps: 1 });
  t.step(4);
  t.check();
  const report = recordBudget(t);
  assert.deepEqual(report.over, ['maxSteps']);
  assert.deepEqual(report.declared, { maxSteps: 1 });
  assert.equal(lastBudgetReport(), report);
  const entry = recorded().filter((e) => e.name === 'budget').at(-1)!;
  assert.deepEqual((entry.value as { over: string[] }).over, ['maxSteps']);
  assert.equal((entry.value as { used: { steps: number } }).used.steps, 1);
});

async function run(extra: Partial<TrainOptions>): Promise<TrainResult> {
  setRootSeed(21);
  const data = regressionData();
  const model = tinyModel();
  const optimizer = tf.train.sgd(0.05);
  try {
    return await train({ model, loss: mse, optimizer, data, batchSize: 8, steps: 20, progress: false, ...extra });
  } finally {
    model.dispose();
    optimizer.dispose();
    tf.dispose([data.x, data.y]);
  }
}

test('train stops cleanly at each kind of limit, evaluates what it has and records "over budget"', async () => {
  const bySteps = await run({ budget: { maxSteps: 5 }, evaluate: () => ({ val: 1 }) });
  assert.equal(bySteps.status, 'over-budget');
  assert.deepEqual(bySteps.over, ['maxSteps']);
  assert.equal(bySteps.history.length, 5);
  assert.equal(bySteps.history[4]!.val, 1, 'the model it has is evaluated');
  assert.deepEqual(lastBudgetReport()?.over, ['maxSteps']);
  const byEpochs = await run({ budget: { maxEpochs: 2 } }); // 40 / 8 = 5 steps per epoch
  assert.deepEqual([byEpochs.status, byEpochs.history.length, byEpochs.over], ['over-budget', 10, ['maxEpochs']]);
  const flopsPerStep = 3 * 8 * 2 * (4 * 8 + 8 * 1);
  const byFlops = await run({ budget: { maxFlops: 3.5 * flopsPerStep } });
  assert.deepEqual([byFlops.status, byFlops.history.length, byFlops.usage.flops], ['over-budget', 3, 3 * flopsPerStep]);
  // An evaluation that waits 100 ms uses up a 50 ms wall budget: the loop stops at the next check.
  const slowEval = async () => (await new Promise((r) => setTimeout(r, 100)), { val: 0 });
  const byWall = await run({ budget: { maxWallSeconds: 0.05 }, evalEvery: 1, evaluate: slowEval });
  assert.deepEqual([byWall.status, byWall.over], ['over-budget', ['maxWallSeconds']]);
  assert.ok(byWall.history.length < 20, `stopped after ${byWall.history.length} steps`);
  const byMemory = await run({ budget: { maxPeakMemoryMB: 1 } });
  assert.deepEqual([byMemory.status, byMemory.over, byMemory.history.length], ['over-budget', ['maxPeakMemoryMB'], 0]);
});

test('a run within its budget completes and still records its use', async () => {
  const r = await run({ budget: { maxSteps: 20, maxWallSeconds: 3600 } });
  assert.equal(r.status, 'completed');
  const report = lastBudgetReport()!;
  assert.deepEqual(report.over, []);
  assert.deepEqual(report.declared, { maxSteps: 20, maxWallSeconds: 3600 });
  assert.equal(report.used.steps, 20);
  assert.equal(report.used.examples, 160);
});
