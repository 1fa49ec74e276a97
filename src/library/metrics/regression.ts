import { invalid } from '../errors/index';
import { vector, weights, type TensorLike, type Values } from './inputs';
import { average, pairwiseSum } from './numpy-sum';

/** Options of the regression metrics. */
export interface RegressionOptions {
  /** Per-row weights, finite and >= 0, positive sum. Default: every row weighs 1. */
  sampleWeight?: Values;
}

interface Pair {
  t: Float64Array;
  p: Float64Array;
  w: Float64Array | null;
}

function pair(who: string, yTrue: Values, yPred: Values, opts: RegressionOptions): Pair {
  const t = vector(`${who} yTrue`, yTrue);
  const p = vector(`${who} yPred`, yPred, t.length);
  return { t, p, w: weights(`${who} sampleWeight`, opts.sampleWeight, t.length) };
}

function squaredErrors(d: Pair): Float64Array {
  return d.t.map((v, i) => (v - d.p[i]!) ** 2);
}

/** Mean squared error, in squared units of y; sklearn's `mean_squared_error`. */
export function mse(yTrue: Values, yPred: Values, opts: RegressionOptions = {}): number {
  const d = pair('mse', yTrue, yPred, opts);
  return average(squaredErrors(d), d.w);
}

/** Root mean squared error, in units of y; sklearn's `mean_squared_error(..., squared=False)`. */
export function rmse(yTrue: Values, yPred: Values, opts: RegressionOptions = {}): number {
  const d = pair('rmse', yTrue, yPred, opts);
  return Math.sqrt(average(squaredErrors(d), d.w));
}

/** Mean absolute error, in units of y; sklearn's `mean_absolute_error`. */
export function mae(yTrue: Values, yPred: Values, opts: RegressionOptions = {}): number {
  const d = pair('mae', yTrue, yPred, opts);
  return average(d.p.map((v, i) => Math.abs(v - d.t[i]!)), d.w);
}

/**
 * Coefficient of determination 1 - SS_res / SS_tot (weighted), equal to sklearn 1.2's `r2_score`
 * (force_finite=True): 1 for a perfect fit, 0 when yTrue is constant but the fit is not perfect,
 * NaN for a single row (sklearn warns "not well-defined with less than two samples"). Can be
 * negative (worse than predicting the mean).
 */
export function r2(yTrue: Values, yPred: Values, opts: RegressionOptions = {}): number {
  const d = pair('r2', yTrue, yPred, opts);
  if (d.t.length < 2) return NaN;
  const sq = squaredErrors(d);
  const mean = average(d.t, d.w);
  const dev = d.t.map((v) => (v - mean) ** 2);
  if (d.w !== null) for (let i = 0; i < sq.length; i++) [sq[i], dev[i]] = [d.w[i]! * sq[i]!, d.w[i]! * dev[i]!];
  const num = pairwiseSum(sq);
  const den = pairwiseSum(dev);
  if (num === 0) return 1;
  if (den === 0) return 0;
  return 1 - num / den;
}

/** Numbers of an image or signal of any shape (a tensor of any rank is flattened). */
function flat(where: string, x: Values, n?: number): Float64Array {
  const shaped = x as TensorLike;
  const data = typeof shaped.dataSync === 'function' ? shaped.dataSync() : (x as ArrayLike<number>);
  return vector(where, data, n, 'yTrue');
}

/**
 * Peak signal-to-noise ratio in decibels, 10 * log10(dataRange^2 / MSE), as skimage's
 * `peak_signal_noise_ratio(image_true, image_test, data_range=dataRange)`. `dataRange` is the
 * span of possible values (1 for images in [0, 1], 255 for 8-bit); there is no default because a
 * wrong one shifts every figure. Identical inputs give Infinity (as numpy does).
 */
export function psnr(yTrue: Values, yPred: Values, opts: { dataRange: number }): number {
  const dr = opts?.dataRange;
  if (typeof dr !== 'number' || !Number.isFinite(dr) || dr <= 0) {
    throw invalid('psnr dataRange', 'a positive number (1 for images in [0, 1], 255 for 8-bit)', dr === undefined ? 'nothing' : String(dr));
  }
  const t = flat('psnr yTrue', yTrue);
  const p = flat('psnr yPred', yPred, t.length);
  const err = average(t.map((v, i) => (v - p[i]!) ** 2), null);
  return 10 * Math.log10((dr * dr) / err);
}
