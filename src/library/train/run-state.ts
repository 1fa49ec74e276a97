import { BudgetTracker } from '../budget/index';
import { invalid } from '../errors/index';
import { rng } from '../random/index';
import { BatchPlan } from './batches';
import { checkpointDir, loadCheckpoint, restoreCheckpoint } from './checkpoint';
import { checkEarlyStop, type EarlyStopState } from './early-stop';
import type { HistoryEntry, Metrics, TrainOptions } from './types';

/** Checkpoint settings after defaults. */
export interface CheckpointPlan {
  dir: string;
  everySteps: number;
  everySeconds: number;
  /** Wall seconds (tracker clock) of the last save, and its step. */
  lastSaveWall: number;
  lastSaveStep: number;
  path?: string;
}

/** The mutable state of one call of `train`. */
export interface Run {
  o: TrainOptions;
  plan: BatchPlan;
  totalSteps: number;
  evalEvery?: number;
  checkWeightsEvery: number;
  tracker: BudgetTracker;
  history: HistoryEntry[];
  /** Steps done (the next step's 0-based index). */
  step: number;
  resumedFrom?: number;
  early?: EarlyStopState;
  lastMetrics?: Metrics;
  ckpt?: CheckpointPlan;
}

function positiveInt(where: string, v: unknown, allowZero = false): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < (allowZero ? 0 : 1)) {
    throw invalid(where, allowZero ? 'an integer >= 0' : 'a positive integer', v);
  }
  return v;
}

/** Validates the options, builds the batch plan and the total step count. */
function plan(o: TrainOptions): Pick<Run, 'plan' | 'totalSteps' | 'evalEvery' | 'checkWeightsEvery'> {
  if (!o.model || !Array.isArray(o.model.params)) throw invalid('train(model)', 'a Model with params', typeof o.model);
  if (typeof o.loss !== 'function') throw invalid('train(loss)', 'a function (yPred, yTrue) => scalar', typeof o.loss);
  if (!o.optimizer || typeof o.optimizer.minimize !== 'function') throw invalid('train(optimizer)', 'a tf.Optimizer', typeof o.optimizer);
  if ((o.steps === undefined) === (o.epochs === undefined)) {
    throw invalid('train(steps, epochs)', 'exactly one of steps and epochs', { steps: o.steps, epochs: o.epochs });
  }
  const batches = new BatchPlan(o.data, o.batchSize, o.seedStream ?? rng('batches'), o.dropLast ?? false);
  const totalSteps = o.steps !== undefined ? positiveInt('train(steps)', o.steps) : positiveInt('train(epochs)', o.epochs) * batches.batchesPerEpoch;
  const evalEvery = o.evalEvery === undefined ? undefined : positiveInt('train(evalEvery)', o.evalEvery);
  if (o.earlyStop) {
    checkEarlyStop(o.earlyStop);
    if (evalEvery === undefined) throw invalid('train(evalEvery)', 'a positive integer when earlyStop is set', 'none');
  }
  const checkWeightsEvery = positiveInt('train(checkWeightsEvery)', o.checkWeightsEvery ?? 1, true);
  return { plan: batches, totalSteps, evalEvery, checkWeightsEvery };
}

/** Sets up a run: validates, resumes from a checkpoint when one is found, starts the budget tracker. */
export async function startRun(o: TrainOptions): Promise<Run> {
  const p = plan(o);
  const flopsPerExample = typeof o.model.flopsPerExample === 'function' ? o.model.flopsPerExample() : 0;
  const c = o.checkpoint;
  const dir = c ? checkpointDir(c.dir) : undefined;
  const state = c && dir && c.resume !== false ? loadCheckpoint(dir) : undefined;
  if (state) {
    const want = { seed: p.plan.seed, batchSize: p.plan.batchSize, nSamples: p.plan.nSamples, dropLast: o.dropLast ?? false };
    if (JSON.stringify(want) !== JSON.stringify(state.batches)) {
      throw invalid(`${dir}/checkpoint.json`, `the batch order of this run ${JSON.stringify(want)}`, state.batches,
        'resume with the same seed, batch size and data, or delete the checkpoint folder');
    }
    await restoreCheckpoint(state, o.model, o.optimizer, `${dir}/checkpoint.json`);
  }
  const tracker = new BudgetTracker(o.budget ?? {}, { flopsPerExample, prior: state?.usage });
  const run: Run = { o, ...p, tracker, history: state ? state.history : [], step: state ? state.step : 0, early: state?.earlyStop };
  if (state) run.resumedFrom = state.step;
  if (c && dir) {
    const everySteps = c.everySteps === undefined ? p.evalEvery ?? Math.max(1, Math.ceil(p.totalSteps / 10)) : positiveInt('train(checkpoint.everySteps)', c.everySteps);
    const everySeconds = c.everySeconds ?? 60;
    if (!(everySeconds > 0)) throw invalid('train(checkpoint.everySeconds)', 'a positive number of seconds', everySeconds);
    run.ckpt = { dir, everySteps, everySeconds, lastSaveWall: tracker.usage().wallSeconds, lastSaveStep: run.step };
  }
  return run;
}
