import * as tf from '@tensorflow/tfjs';
import { invalid } from '../errors/index';

/** Options of {@link adamw}; defaults are PyTorch's `torch.optim.AdamW`. */
export interface AdamWOptions {
  /** Step size; default 1e-3. */
  learningRate?: number;
  /** Default 0.9. */
  beta1?: number;
  /** Default 0.999. */
  beta2?: number;
  /** Default 1e-8. */
  epsilon?: number;
  /** Decoupled weight decay λ: every step first scales each parameter by (1 - lr·λ); default 0.01. */
  weightDecay?: number;
}

/**
 * Adam with decoupled weight decay (Loshchilov & Hutter 2019), as `torch.optim.AdamW` does it:
 * p ← p·(1 − lr·λ), then the plain Adam update. TF.js 4.22 has no AdamW; an L2 term in the loss
 * is not the same thing under Adam (it is rescaled by the second-moment estimate).
 */
export class AdamWOptimizer extends tf.AdamOptimizer {
  /** Checkpoints compare class names: an AdamW state never loads into a plain Adam. */
  static override get className(): string { return 'AdamW'; }

  readonly weightDecay: number;

  constructor(learningRate: number, beta1: number, beta2: number, epsilon: number, weightDecay: number) {
    super(learningRate, beta1, beta2, epsilon);
    this.weightDecay = weightDecay;
  }

  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    const names = Array.isArray(variableGradients) ? variableGradients.map((g) => g.name) : Object.keys(variableGradients);
    if (this.weightDecay > 0) {
      const keep = 1 - this.learningRate * this.weightDecay;
      tf.tidy(() => {
        for (const name of names) {
          const v = tf.engine().registeredVariables[name];
          if (v) v.assign(tf.mul(v, keep));
        }
      });
    }
    super.applyGradients(variableGradients);
  }
}

/** A new {@link AdamWOptimizer}; every option is checked (a finite number, in range). */
export function adamw(options: AdamWOptions = {}): AdamWOptimizer {
  const { learningRate = 1e-3, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, weightDecay = 0.01 } = options;
  if (!(learningRate > 0 && Number.isFinite(learningRate))) throw invalid('adamw(learningRate)', 'a positive number', learningRate);
  for (const [name, b] of [['beta1', beta1], ['beta2', beta2]] as const) {
    if (!(b >= 0 && b < 1)) throw invalid(`adamw(${name})`, 'a number in [0, 1)', b);
  }
  if (!(epsilon > 0 && Number.isFinite(epsilon))) throw invalid('adamw(epsilon)', 'a positive number', epsilon);
  if (!(weightDecay >= 0 && Number.isFinite(weightDecay))) throw invalid('adamw(weightDecay)', 'a number >= 0', weightDecay);
  if (learningRate * weightDecay >= 1) throw invalid('adamw(weightDecay)', `lr·λ < 1 (lr ${learningRate})`, weightDecay);
  return new AdamWOptimizer(learningRate, beta1, beta2, epsilon, weightDecay);
}
