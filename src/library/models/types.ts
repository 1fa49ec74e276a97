import type * as tf from '@tensorflow/tfjs';

/**
 * A trainable model, micrograd-style: its parameters are plain `tf.Variable`s and `apply` is the
 * forward pass. Nothing hidden in a Layers graph, so any optimizer can train it through
 * `optimizer.minimize(loss, true, model.params)`, and checkpoints are just the variables' values.
 */
export interface Model {
  /** Short name for logs and manifests, e.g. `mlp(784-256-256-10, relu)`. */
  describe(): string;
  /** Every trainable variable, in a fixed order (checkpoints rely on it). Names are unique. */
  readonly params: tf.Variable[];
  /** Forward pass on a batch: `x` has the batch on its first axis. */
  apply(x: tf.Tensor, options?: { training?: boolean }): tf.Tensor;
  /** Number of trainable scalars. */
  paramCount(): number;
  /** Approximate floating-point operations of one forward pass on one example (a multiply-add counts 2). */
  flopsPerExample(): number;
  /** Frees the variables. */
  dispose(): void;
}
