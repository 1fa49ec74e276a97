import * as tf from '@tensorflow/tfjs';
import { recordBudget } from '../budget/index';
import { record } from '../results/index';
import { saveCheckpoint } from './checkpoint';
import { earlyStopUpdate } from './early-stop';
import { firstNonFiniteParam, nonFiniteKind } from './finite';
import { progressMode, progressView, type ProgressView } from './progress-view';
import { watchStop } from './interrupt';
import { startRun, type Run } from './run-state';
import { trainStep } from './step';
import { invalid } from '../errors/index';
import { registerTrainingKernels } from '../kernels/index';
import type { HistoryEntry, Metrics, TrainFailure, TrainOptions, TrainResult, TrainStatus } from './types';

/** Longest stretch of synchronous steps before yielding to the event loop (ms). */
const YIELD_MS = 100;

/**
 * A plain, deterministic training loop: `optimizer.minimize` on seeded mini-batches (the order of
 * epoch e is `epochBatches(n, batchSize, e)` from `seedStream`, default `rng('batches')`), so the
 * same root seed and backend give bit-identical losses. Evaluates every `evalEvery` steps and after
 * the last one, stops early on `earlyStop`, stops cleanly at the first `budget` limit reached
 * (status `over-budget`), and stops on a NaN/Inf loss or parameter (status `diverged`, `failure`
 * names the step, the last good loss and the tensor). Checkpoints go to `checkpoint.dir` every
 * `everySteps` steps or `everySeconds` seconds and when the run stops (not on divergence, so the
 * last good one stays); a later call with the same options resumes from it exactly. An aborted
 * `signal`, or a kernel interrupt, stops it between steps (status `interrupted`, checkpoint saved).
 * Records `budget` (declared beside used) and, on divergence, `train_failure` via `record()`.
 *
 * ```ts
 * // explicit `model: model`: tslab cannot compile a shorthand property naming an earlier cell's variable
 * const result = await train({ model: model, loss: (p, y) => tf.losses.softmaxCrossEntropy(y, p) as tf.Scalar,
 *   optimizer: tf.train.adam(1e-3), data: { x: x, y: y }, batchSize: 64, epochs: 5, budget: { maxWallSeconds: 300 } });
 * ```
 */
export async function train(options: TrainOptions): Promise<TrainResult> {
  // wasm lacks the gradients of conv and gather, and cpu's are very slow: close those gaps first
  // (idempotent), so every model in src trains on every default backend.
  registerTrainingKernels();
  const mode = progressMode(options.progress ?? true);
  const run = await startRun(options);
  const view = progressView(mode, run.totalSteps, run.step);
  const stop = watchStop(mode === 'kernel', options.signal);
  let status: TrainStatus;
  let failure: TrainFailure | undefined;
  try {
    const outcome = await loop(run, view, stop.requested);
    status = outcome.status;
    failure = outcome.failure;
    if (status === 'completed' || status === 'over-budget') await finalEvaluation(run);
    if (status !== 'diverged' && run.ckpt && run.step > run.ckpt.lastSaveStep) await save(run);
  } finally {
    stop.dispose();
    view.done();
  }
  if (options.record ?? true) {
    recordBudget(run.tracker);
    if (failure) record('train_failure', failure, { step: failure.step });
  }
  const result: TrainResult = { status, history: run.history, usage: run.tracker.usage() };
  if (failure) result.failure = failure;
  if (status === 'over-budget') result.over = [...run.tracker.stoppedBy];
  if (run.resumedFrom !== undefined) result.resumedFrom = run.resumedFrom;
  if (run.ckpt?.path) result.checkpointPath = run.ckpt.path;
  return result;
}

async function loop(run: Run, view: ProgressView, stopRequested: () => boolean): Promise<{ status: TrainStatus; failure?: TrainFailure }> {
  let lastYield = Date.now();
  const e = run.o.earlyStop;
  // A resumed run that had already stopped early stays stopped.
  if (e && run.early && run.early.since >= e.patience) return { status: 'early-stopped' };
  while (run.step < run.totalSteps) {
    if (stopRequested()) return { status: 'interrupted' };
    if (run.tracker.check(nextExamples(run)).length > 0) return { status: 'over-budget' };
    const { loss, examples } = oneStep(run);
    run.step += 1;
    run.tracker.step(examples, run.step / run.plan.batchesPerEpoch);
    const entry: HistoryEntry = { step: run.step, loss };
    run.history.push(entry);
    const failure = divergence(run, loss);
    if (failure) return { status: 'diverged', failure };
    if (run.evalEvery !== undefined && run.step % run.evalEvery === 0 && (await evaluateInto(run, entry))) {
      return { status: 'early-stopped' };
    }
    if (run.ckpt && checkpointDue(run)) await save(run);
    view.tick({ step: run.step, loss, wallLeftSeconds: run.tracker.wallLeftSeconds(), metrics: run.lastMetrics });
    if (Date.now() - lastYield >= YIELD_MS) {
      // Lets the kernel send the progress output, and a SIGINT reach watchStop.
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = Date.now();
    }
  }
  return { status: 'completed' };
}

/** Examples in the next step's batch, for the FLOPs check (the last batch of an epoch may be short). */
function nextExamples(run: Run): number {
  const p = run.plan;
  if (p.batchSize === 'full') return p.nSamples;
  const index = run.step % p.batchesPerEpoch;
  return Math.min(p.batchSize, p.nSamples - index * p.batchSize);
}

/** One optimizer step; returns the batch loss (computed before the update) and the batch size. */
function oneStep(run: Run): { loss: number; examples: number } {
  const { model, optimizer, loss } = run.o;
  const batch = run.plan.take(run.step);
  try {
    return { loss: trainStep(model, loss, optimizer, batch.x, batch.y)(), examples: batch.examples };
  } finally {
    if (batch.owned) tf.dispose([batch.x, batch.y]);
  }
}

/** The failure when the loss or (every `checkWeightsEvery` steps) a parameter is NaN or infinite. */
function divergence(run: Run, loss: number): TrainFailure | undefined {
  const previous = run.history.length >= 2 ? run.history[run.history.length - 2]!.loss : NaN;
  const lossKind = nonFiniteKind(loss);
  if (lossKind) return { kind: lossKind, step: run.step, lastGoodLoss: previous, tensor: 'loss' };
  if (run.checkWeightsEvery === 0 || run.step % run.checkWeightsEvery !== 0) return undefined;
  const bad = firstNonFiniteParam(run.o.model.params);
  // The loss of this step was computed before the update that broke the parameter: it is the last good one.
  return bad ? { kind: bad.kind, step: run.step, lastGoodLoss: loss, tensor: bad.name } : undefined;
}

/** Evaluates into `entry`; returns true when early stopping says stop. */
async function evaluateInto(run: Run, entry: HistoryEntry): Promise<boolean> {
  const metrics = run.o.evaluate ? checkMetrics(await run.o.evaluate(run.o.model, run.step)) : {};
  Object.assign(entry, metrics, { step: entry.step, loss: entry.loss });
  run.lastMetrics = metrics;
  const e = run.o.earlyStop;
  if (!e) return false;
  const update = earlyStopUpdate(e, run.early, { ...metrics, loss: entry.loss });
  run.early = update.state;
  return update.stop;
}

/** After the last step (or a budget stop), evaluate once unless that step was just evaluated. */
async function finalEvaluation(run: Run): Promise<void> {
  const last = run.history[run.history.length - 1];
  if (!last || last.step !== run.step || !run.o.evaluate) return;
  if (run.evalEvery !== undefined && run.step % run.evalEvery === 0) return;
  const metrics = checkMetrics(await run.o.evaluate(run.o.model, run.step));
  Object.assign(last, metrics, { step: last.step, loss: last.loss });
}

/** Evaluation results must be plain numbers (they go into the history and results.json). */
function checkMetrics(metrics: Metrics): Metrics {
  const bad = Object.entries(metrics ?? {}).find((e) => typeof e[1] !== 'number');
  if (typeof metrics !== 'object' || metrics === null || bad) {
    throw invalid('train(evaluate)', 'a record of numbers, e.g. { valLoss: 0.3 }', bad ? `${bad[0]}: ${typeof bad[1]}` : metrics,
      'read tensors with dataSync()[0] or await t.data()');
  }
  return metrics;
}

function checkpointDue(run: Run): boolean {
  const c = run.ckpt!;
  return run.step % c.everySteps === 0 || run.tracker.usage().wallSeconds - c.lastSaveWall >= c.everySeconds;
}

async function save(run: Run): Promise<void> {
  const c = run.ckpt!;
  c.path = await saveCheckpoint(c.dir, {
    step: run.step,
    model: run.o.model,
    optimizer: run.o.optimizer,
    batches: { seed: run.plan.seed, batchSize: run.plan.batchSize, nSamples: run.plan.nSamples, dropLast: run.o.dropLast ?? false },
    history: run.history,
    ...(run.early ? { earlyStop: run.early } : {}),
    usage: run.tracker.usage(),
  });
  c.lastSaveWall = run.tracker.usage().wallSeconds;
  c.lastSaveStep = run.step;
}
