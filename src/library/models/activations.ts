import * as tf from '@tensorflow/tfjs';

/** Elementwise nonlinearities the models accept. */
export const ACTIVATIONS = ['relu', 'tanh', 'gelu', 'quadratic', 'linear'] as const;
/** One of {@link ACTIVATIONS}. */
export type Activation = (typeof ACTIVATIONS)[number];

const GELU_C = Math.sqrt(2 / Math.PI);

/**
 * Applies `activation` elementwise. `gelu` is the tanh approximation
 * 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) of Hendrycks & Gimpel 2016, as GPT-2 and nanoGPT
 * use; it needs only tanh/mul/add, which every TF.js backend differentiates. `quadratic` is x^2,
 * the activation of Gromov 2023's grokking MLP.
 */
export function activate(x: tf.Tensor, activation: Activation): tf.Tensor {
  switch (activation) {
    case 'relu': return tf.relu(x);
    case 'tanh': return tf.tanh(x);
    case 'gelu': return tf.tidy(() => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.tanh(tf.mul(GELU_C, tf.add(x, tf.mul(0.044715, tf.pow(x, 3))))))));
    case 'quadratic': return tf.square(x);
    case 'linear': return x;
  }
}
