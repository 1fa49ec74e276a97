import * as tf from '@tensorflow/tfjs';
import { invalid } from '../../src/library/errors/index';
import { psnr } from '../../src/library/metrics/index';
import { mlp } from '../../src/library/models/index';
import type { Model } from '../../src/library/models/index';
import { train } from '../../src/library/train/index';
import type { HistoryEntry, TrainStatus } from '../../src/library/train/index';
import type { InputMapping } from './mappings';
import type { PixelSet } from './image-split';

/** Options of {@link fitImage}. */
export interface FitImageOptions {
  mapping: InputMapping;
  train: PixelSet;
  test: PixelSet;
  /** Output channels (1 gray, 3 RGB). */
  channels: number;
  /** Hidden layer widths, e.g. [256, 256, 256] (the paper's "4 layers, 256 channels"). */
  hidden: number[];
  /** Adam step size (betas 0.9 / 0.999, eps 1e-8, as the paper). */
  learningRate: number;
  /** Full-batch steps (the paper: 2000). */
  steps: number;
  /** Steps between PSNR evaluations (and after the last); default steps / 10. */
  evalEvery?: number;
  /** Model seed name (initial weights from rng('init') under it). */
  seedName: string;
  /** train()'s own wall limit for this fit, seconds; a safety net, not a tuning knob. */
  maxWallSeconds?: number;
}

/** What {@link fitImage} returns; PSNR in dB with data range 1. */
export interface FitImageResult {
  trainPsnr: number;
  testPsnr: number;
  /** Per evaluation: step, loss, trainPsnr, testPsnr. */
  history: HistoryEntry[];
  status: TrainStatus;
  wallSeconds: number;
  /** Predicted test pixels [n, channels], for pictures. */
  testPrediction: Float32Array;
  describe: string;
}

/**
 * Fits a coordinate MLP (ReLU hidden layers, sigmoid output) to an image's train pixels through an
 * input mapping, full-batch Adam on the mean squared error, as Tancik et al. 2020 (§6, App. E.1);
 * returns train and test PSNR. Glorot-normal weights like the authors' JAX stax layers.
 */
export async function fitImage(o: FitImageOptions): Promise<FitImageResult> {
  const c = o.channels;
  if (o.train.values.length !== (o.train.coords.length / 2) * c) throw invalid('fitImage(train)', `${c} values per pixel`, o.train.values.length);
  const encode = (set: PixelSet): tf.Tensor2D => tf.tensor2d(o.mapping.map(set.coords), [set.coords.length / o.mapping.inputDim, o.mapping.outputDim]);
  const xTrain = encode(o.train);
  const xTest = encode(o.test);
  const yTrain = tf.tensor2d(o.train.values, [o.train.values.length / c, c]);
  const model = mlp({ widths: [o.mapping.outputDim, ...o.hidden, c], activation: 'relu', init: 'glorot', seedName: o.seedName });
  const predict = (m: Model, x: tf.Tensor): Float32Array => tf.tidy(() => tf.sigmoid(m.apply(x)).dataSync() as Float32Array);
  try {
    const result = await train({
      model: model, optimizer: tf.train.adam(o.learningRate, 0.9, 0.999, 1e-8), data: { x: xTrain, y: yTrain }, batchSize: 'full',
      steps: o.steps, evalEvery: o.evalEvery ?? Math.max(1, Math.round(o.steps / 10)), progress: false,
      loss: (yPred, yTrue) => tf.losses.meanSquaredError(yTrue, tf.sigmoid(yPred)) as tf.Scalar,
      evaluate: (m) => ({ trainPsnr: psnr(o.train.values, predict(m, xTrain), { dataRange: 1 }), testPsnr: psnr(o.test.values, predict(m, xTest), { dataRange: 1 }) }),
      budget: { maxWallSeconds: o.maxWallSeconds ?? 600, maxSteps: o.steps },
    });
    const evals = result.history.filter((h) => h.testPsnr !== undefined);
    const last = evals[evals.length - 1]!;
    return {
      trainPsnr: last.trainPsnr!, testPsnr: last.testPsnr!, history: evals, status: result.status,
      wallSeconds: result.usage.wallSeconds, testPrediction: predict(model, xTest),
      describe: `${o.mapping.describe()} -> ${model.describe()}, Adam lr ${o.learningRate}, ${result.usage.steps} steps`,
    };
  } finally {
    model.dispose();
    tf.dispose([xTrain, xTest, yTrain]);
  }
}
