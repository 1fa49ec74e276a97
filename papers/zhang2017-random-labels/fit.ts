import * as tf from '@tensorflow/tfjs';
import { invalid } from '../../src/library/errors/index';
import { accuracy } from '../../src/library/metrics/index';
import type { Model } from '../../src/library/models/index';
import type { Rng } from '../../src/library/random/index';
import { train, type TrainResult } from '../../src/library/train/index';

/** Options of {@link fitLabels}. */
export interface FitLabelsOptions {
  model: Model;
  optimizer: tf.Optimizer;
  /** Training inputs, examples on axis 0. */
  x: tf.Tensor;
  /** Training labels (true, corrupted or random class ids), one per row of `x`. */
  labels: Int32Array;
  nClasses: number;
  /** Examples per SGD step. */
  batchSize: number;
  /** Epoch budget: the fit stops here if it has not reached `stopAt` before. */
  maxEpochs: number;
  /** Stop at the first epoch whose train accuracy is >= this; default 1 (every label fitted). */
  stopAt?: number;
  /** L2 penalty `weightDecay / 2 * sum ||W||^2` over kernels (rank >= 2), added to the loss; default 0. */
  weightDecay?: number;
  /** Held-out data, scored every `everyEpochs` epochs and at the end. */
  test?: { x: tf.Tensor; labels: Int32Array; everyEpochs: number };
  /** train()'s own wall budget, seconds; default none. */
  maxWallSeconds?: number;
  /** Batch-order stream; default train()'s `rng('batches')`. */
  seedStream?: Rng;
}

/** One evaluated epoch. */
export interface FitEpoch {
  epoch: number;
  loss: number;
  trainAccuracy: number;
  /** NaN on epochs where the test set was not scored. */
  testAccuracy: number;
}

/** What {@link fitLabels} returns. */
export interface FitLabelsResult {
  /** `fitted` (reached `stopAt`), `max-epochs`, or train()'s status when it stopped otherwise. */
  status: 'fitted' | 'max-epochs' | 'over-budget' | 'diverged' | 'interrupted' | 'early-stopped';
  epochs: number;
  trainAccuracy: number;
  testAccuracy: number;
  history: FitEpoch[];
  train: TrainResult;
}

/**
 * Trains a classifier with softmax cross-entropy on `labels` until it fits them (train accuracy >=
 * `stopAt`, checked after every epoch) or `maxEpochs` pass: the measurement behind Zhang et al. 2017's
 * Table 1 and Figure 1 ("time to fit"). Batches and budget come from `train()` (seeded order).
 */
export async function fitLabels(o: FitLabelsOptions): Promise<FitLabelsResult> {
  const n = o.x.shape[0]!;
  if (o.labels.length !== n) throw invalid('fitLabels(labels)', `${n} labels (one per row of x)`, o.labels.length);
  if (!Number.isInteger(o.maxEpochs) || o.maxEpochs < 1) throw invalid('fitLabels(maxEpochs)', 'a positive integer', o.maxEpochs);
  const stopAt = o.stopAt ?? 1;
  const wd = o.weightDecay ?? 0;
  const batchesPerEpoch = Math.ceil(n / o.batchSize);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(o.labels, 'int32'), o.nClasses).toFloat());
  const kernels = o.model.params.filter((p) => p.rank >= 2);
  const score = (x: tf.Tensor, labels: Int32Array) => {
    const pred = tf.tidy(() => tf.argMax(o.model.apply(x), 1));
    try { return accuracy(labels, pred.dataSync() as Int32Array); } finally { pred.dispose(); }
  };
  const stop = new AbortController();
  try {
    const result = await train({
      model: o.model, optimizer: o.optimizer, data: { x: o.x, y }, batchSize: o.batchSize, epochs: o.maxEpochs,
      evalEvery: batchesPerEpoch, signal: stop.signal, progress: false, seedStream: o.seedStream,
      budget: o.maxWallSeconds === undefined ? undefined : { maxWallSeconds: o.maxWallSeconds },
      loss: (yPred, yTrue) => tf.tidy(() => {
        const ce = tf.losses.softmaxCrossEntropy(yTrue, yPred) as tf.Scalar;
        return wd === 0 ? ce : tf.add(ce, tf.mul(wd / 2, tf.addN(kernels.map((k) => tf.sum(tf.square(k)))))) as tf.Scalar;
      }),
      evaluate: (_m, step) => {
        const epoch = Math.round(step / batchesPerEpoch);
        const trainAccuracy = score(o.x, o.labels);
        const fitted = trainAccuracy >= stopAt;
        if (fitted) stop.abort();
        const last = fitted || epoch >= o.maxEpochs;
        const testAccuracy = o.test && (last || epoch % o.test.everyEpochs === 0) ? score(o.test.x, o.test.labels) : Number.NaN;
        return { epoch: epoch, trainAccuracy: trainAccuracy, testAccuracy: testAccuracy };
      },
    });
    const history = result.history.filter((h) => h['trainAccuracy'] !== undefined)
      .map((h) => ({ epoch: h['epoch']!, loss: h.loss, trainAccuracy: h['trainAccuracy']!, testAccuracy: h['testAccuracy']! }));
    const last = history[history.length - 1];
    if (last && o.test && Number.isNaN(last.testAccuracy)) last.testAccuracy = score(o.test.x, o.test.labels);
    const fitted = last !== undefined && last.trainAccuracy >= stopAt;
    const status = fitted ? 'fitted' : result.status === 'completed' ? 'max-epochs' : result.status;
    return {
      status: status, epochs: last?.epoch ?? 0, trainAccuracy: last?.trainAccuracy ?? Number.NaN,
      testAccuracy: last?.testAccuracy ?? Number.NaN, history: history, train: result,
    };
  } finally {
    y.dispose();
  }
}

/** First epoch of `history` whose train accuracy is >= `threshold` (NaN if none): the time to fit. */
export function epochsToAccuracy(history: readonly FitEpoch[], threshold: number): number {
  return history.find((h) => h.trainAccuracy >= threshold)?.epoch ?? Number.NaN;
}
