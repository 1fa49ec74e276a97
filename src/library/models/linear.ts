import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../random/index';
import { checkInput, checkInt, checkPositive, constantParam, countParams, randomParam, uniqueScope } from './params';
import type { Model } from './types';

/** Options of {@link linearModel}. */
export interface LinearModelOptions {
  /** Input features. */
  inputs: number;
  /** Output units (1 for scalar regression or binary logistic regression). */
  outputs: number;
  /** Logistic regression: `probabilities(x)` applies a sigmoid (outputs 1) or softmax; default false. */
  logistic?: boolean;
  /** Learn an intercept per output; default true. */
  bias?: boolean;
  /** Std of the initial weights (normal); default 0.01 (a convex model: the start barely matters). */
  initStd?: number;
  /** Seed name `${seedName}/kernel`; default 'linear'. */
  seedName?: string;
  /** Stream the seed derives from; default rng('init'). */
  stream?: Rng;
}

/** A linear model; `apply` returns the linear scores (logits when logistic). */
export interface LinearModel extends Model {
  readonly logistic: boolean;
  /** sigmoid(apply(x)) for one output, softmax over outputs otherwise; only meaningful when logistic. */
  probabilities(x: tf.Tensor): tf.Tensor;
}

/**
 * Linear or logistic regression y = x W + b on [batch, inputs] -> [batch, outputs]. `apply` returns
 * logits in both cases, so training uses a logits loss (tf.losses.sigmoidCrossEntropy /
 * softmaxCrossEntropy, numerically stabler than log of probabilities).
 *
 * FLOPs per example: 2*inputs*outputs (+ outputs for the bias); the sigmoid/softmax is not counted.
 */
export function linearModel(options: LinearModelOptions): LinearModel {
  return new Linear(options);
}

class Linear implements LinearModel {
  readonly params: tf.Variable[];
  readonly logistic: boolean;
  private readonly inputs: number;
  private readonly outputs: number;
  private readonly kernel: tf.Variable;
  private readonly bias: tf.Variable | undefined;

  constructor(o: LinearModelOptions) {
    this.inputs = checkInt('linearModel(inputs)', o.inputs);
    this.outputs = checkInt('linearModel(outputs)', o.outputs);
    this.logistic = o.logistic ?? false;
    const seedName = o.seedName ?? 'linear';
    const scope = uniqueScope(seedName);
    const scale = checkPositive('linearModel(initStd)', o.initStd ?? 0.01);
    this.kernel = randomParam(scope, 'kernel', [this.inputs, this.outputs], {
      scheme: 'normal', scale, fanIn: this.inputs, fanOut: this.outputs, source: { seedName, stream: o.stream },
    });
    this.bias = (o.bias ?? true) ? constantParam(scope, 'bias', [this.outputs], 0) : undefined;
    this.params = this.bias ? [this.kernel, this.bias] : [this.kernel];
  }

  describe(): string {
    return `${this.logistic ? 'logistic' : 'linear'}(${this.inputs}-${this.outputs}${this.bias ? '' : ', bias=false'})`;
  }

  apply(x: tf.Tensor): tf.Tensor {
    checkInput(`${this.describe()}.apply(x)`, x, [this.inputs]);
    return tf.tidy(() => {
      const y = tf.matMul(x as tf.Tensor2D, this.kernel as tf.Tensor2D);
      return this.bias ? tf.add(y, this.bias) : y;
    });
  }

  probabilities(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => (this.outputs === 1 ? tf.sigmoid(this.apply(x)) : tf.softmax(this.apply(x))));
  }

  paramCount(): number { return countParams(this.params); }

  flopsPerExample(): number { return 2 * this.inputs * this.outputs + (this.bias ? this.outputs : 0); }

  dispose(): void { this.params.forEach((p) => p.dispose()); }
}
