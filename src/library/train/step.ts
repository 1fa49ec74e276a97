import * as tf from '@tensorflow/tfjs';
import type { Model } from '../models/index';

/**
 * One optimizer step on a given batch as a function: `minimize(loss(model(x), y))` over
 * `model.params`, returning the batch loss (computed before the update). The training loop runs
 * it every step; `profileStep(trainStep(...))` profiles exactly the same work. Leaves no tensors.
 */
export function trainStep(
  model: Model,
  loss: (yPred: tf.Tensor, yTrue: tf.Tensor) => tf.Scalar,
  optimizer: tf.Optimizer,
  x: tf.Tensor,
  y: tf.Tensor,
): () => number {
  return () => {
    const cost = tf.tidy(() => optimizer.minimize(() => loss(model.apply(x, { training: true }), y), true, model.params)!);
    const value = cost.dataSync()[0]!;
    cost.dispose();
    return value;
  };
}
