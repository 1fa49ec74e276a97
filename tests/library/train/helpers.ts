import * as tf from '@tensorflow/tfjs';
import { initSeed, rng } from '../../../src/library/random/index';
import type { Model } from '../../../src/library/models/index';

let built = 0;

/**
 * A tiny 2-layer MLP (in -> hidden tanh -> out) satisfying `Model`, with seeded weights
 * (initSeed per parameter name) and a unique variable scope per instance.
 */
export function tinyModel(inputs = 4, hidden = 8, outputs = 1): Model {
  const scope = `tiny${++built}`;
  const param = (name: string, shape: number[], std: number): tf.Variable =>
    tf.variable(tf.randomNormal(shape, 0, std, 'float32', initSeed(`tiny/${name}`)), true, `${scope}/${name}`);
  const params = [
    param('w1', [inputs, hidden], 1 / Math.sqrt(inputs)),
    tf.variable(tf.zeros([hidden]), true, `${scope}/b1`),
    param('w2', [hidden, outputs], 1 / Math.sqrt(hidden)),
    tf.variable(tf.zeros([outputs]), true, `${scope}/b2`),
  ];
  const [w1, b1, w2, b2] = params as [tf.Variable, tf.Variable, tf.Variable, tf.Variable];
  return {
    params,
    describe: () => `tiny(${inputs}-${hidden}-${outputs}, tanh)`,
    apply: (x) => tf.tidy(() => tf.add(tf.matMul(tf.tanh(tf.add(tf.matMul(x as tf.Tensor2D, w1), b1)), w2), b2)),
    paramCount: () => params.reduce((n, p) => n + p.size, 0),
    flopsPerExample: () => 2 * (inputs * hidden + hidden * outputs),
    dispose: () => params.forEach((p) => p.dispose()),
  };
}

/** `n` examples of a noisy linear target, drawn from rng('data'). */
export function regressionData(n = 40, inputs = 4): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const r = rng('data');
  const xs = Array.from({ length: n * inputs }, () => r.normal());
  const ys = Array.from({ length: n }, (_, i) => xs.slice(i * inputs, (i + 1) * inputs).reduce((s, v, j) => s + v * (j + 1), 0) + 0.1 * r.normal());
  return { x: tf.tensor2d(xs, [n, inputs]), y: tf.tensor2d(ys, [n, 1]) };
}

/** Mean squared error as a scalar. */
export const mse = (p: tf.Tensor, y: tf.Tensor): tf.Scalar => tf.losses.meanSquaredError(y, p) as tf.Scalar;
