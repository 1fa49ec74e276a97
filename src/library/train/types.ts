import type * as tf from '@tensorflow/tfjs';
import type { Budget, BudgetKey, BudgetUsage } from '../budget/index';
import type { Model } from '../models/index';
import type { Rng } from '../random/index';

/** Training examples produced on demand (augmentation, lazy loading); the loop picks the indices. */
export interface BatchProvider {
  /** Number of training examples. */
  nSamples: number;
  /** The examples at `indices` as `{ x, y }`; the loop disposes both after the step. */
  batch(indices: Int32Array): { x: tf.Tensor; y: tf.Tensor };
}

/** In-memory data (`x`, `y` with examples on axis 0) or a provider. */
export type TrainData = { x: tf.Tensor; y: tf.Tensor } | BatchProvider;

/** Metrics from an evaluation, e.g. `{ valLoss: 0.3, valAccuracy: 0.91 }`. */
export type Metrics = Record<string, number>;

/** Stop when `metric` has not improved for `patience` evaluations. */
export interface EarlyStop {
  /** A key of `evaluate`'s result, or `loss` (the training loss at the evaluation step). */
  metric: string;
  /** `min` for losses, `max` for accuracies. */
  mode: 'min' | 'max';
  /** Evaluations without improvement before stopping (a positive integer). */
  patience: number;
  /** Smallest change that counts as an improvement; default 0. */
  minDelta?: number;
}

/** Where and how often to save checkpoints. */
export interface CheckpointOptions {
  /** Folder of `checkpoint.json`; default `$PAPERLAB_RUN_DIR/checkpoints` (the runner sets it). */
  dir?: string;
  /** Save every this many steps; default: at every evaluation, else every 10 % of the run. */
  everySteps?: number;
  /** Also save when this many wall seconds passed since the last save; default 60. */
  everySeconds?: number;
  /** Continue from a checkpoint found in `dir`; default true. */
  resume?: boolean;
}

/** Options of {@link train}. Exactly one of `steps` and `epochs`. */
export interface TrainOptions {
  model: Model;
  /** Loss of a batch: `(yPred, yTrue) => scalar`. */
  loss: (yPred: tf.Tensor, yTrue: tf.Tensor) => tf.Scalar;
  optimizer: tf.Optimizer;
  data: TrainData;
  /** Examples per step, or `'full'` for full-batch (every step sees all examples, in order). */
  batchSize: number | 'full';
  /** Optimizer steps in all (counting steps done before a resume). */
  steps?: number;
  /** Epochs in all; steps = epochs x batches per epoch. */
  epochs?: number;
  /** Drop an epoch's last, short batch; default false. */
  dropLast?: boolean;
  /** Evaluate every this many steps (and after the last step); default: only after the last step. */
  evalEvery?: number;
  /** Evaluation: returns metrics merged into that step's history entry. */
  evaluate?: (model: Model, step: number) => Metrics | Promise<Metrics>;
  earlyStop?: EarlyStop;
  /** Limits checked before every step; the run stops cleanly at the first one reached. */
  budget?: Budget;
  /** Save (and resume from) checkpoints; default none. */
  checkpoint?: CheckpointOptions;
  /** Live progress: a self-updating line in a notebook, a bar on a TTY; default true. */
  progress?: boolean;
  /** Stream the batch order comes from; default `rng('batches')`. */
  seedStream?: Rng;
  /** Record `budget` (and `train_failure` on divergence) with `record()`; default true. */
  record?: boolean;
  /** Stops the run between two steps when aborted (a kernel interrupt does the same in a notebook). */
  signal?: AbortSignal;
  /** Check parameters for NaN/Inf every this many steps (0 = never; the loss is checked every step); default 1. */
  checkWeightsEvery?: number;
}

/** One step in the history: its loss, plus metrics when it was evaluated. */
export interface HistoryEntry {
  /** 1-based: the entry of step 1 holds the loss of the first batch. */
  step: number;
  loss: number;
  [metric: string]: number;
}

/** Why a run diverged: the first non-finite value found. */
export interface TrainFailure {
  kind: 'nan' | 'inf';
  step: number;
  /** Loss of the last step before the failure (NaN when step 1 failed). */
  lastGoodLoss: number;
  /** `loss`, or the name of the parameter that went non-finite. */
  tensor: string;
}

/** `interrupted`: stopped between two steps by `signal` or a kernel interrupt (checkpoint saved). */
export type TrainStatus = 'completed' | 'early-stopped' | 'over-budget' | 'diverged' | 'interrupted';

/** What {@link train} returns. */
export interface TrainResult {
  status: TrainStatus;
  history: HistoryEntry[];
  failure?: TrainFailure;
  /** Budget limits that stopped the run (status `over-budget`). */
  over?: BudgetKey[];
  usage: BudgetUsage;
  /** Step of the checkpoint the run continued from. */
  resumedFrom?: number;
  /** Path of the last checkpoint written, if any. */
  checkpointPath?: string;
}
