import * as tf from '@tensorflow/tfjs';
import { invalid } from '../errors/index';
import { epochBatches, rng, type Rng } from '../random/index';
import type { TrainData } from './types';

/** One step's examples; `owned` tensors are the loop's to dispose. */
export interface StepBatch {
  x: tf.Tensor;
  y: tf.Tensor;
  examples: number;
  owned: boolean;
}

/**
 * The batches of a run as a function of the step alone: step s (0-based) is batch
 * `s mod batchesPerEpoch` of epoch `floor(s / batchesPerEpoch)`, whose order is
 * `epochBatches(n, batchSize, epoch)` from the seed stream. So a resumed run replays exactly.
 */
export class BatchPlan {
  readonly nSamples: number;
  readonly batchesPerEpoch: number;
  readonly batchSize: number | 'full';
  private cached?: { epoch: number; batches: Int32Array[] };

  constructor(
    private readonly data: TrainData,
    batchSize: number | 'full',
    private readonly stream: Rng = rng('batches'),
    private readonly dropLast = false,
  ) {
    this.nSamples = 'nSamples' in data ? data.nSamples : data.x.shape[0]!;
    if (!Number.isSafeInteger(this.nSamples) || this.nSamples < 1) {
      throw invalid('train(data)', 'at least one training example', this.nSamples);
    }
    if (!('nSamples' in data) && data.y.shape[0] !== this.nSamples) {
      throw invalid('train(data.y)', `${this.nSamples} examples on axis 0, like data.x`, data.y.shape[0]);
    }
    if (batchSize !== 'full' && (!Number.isSafeInteger(batchSize) || batchSize < 1)) {
      throw invalid('train(batchSize)', "a positive integer or 'full'", batchSize);
    }
    this.batchSize = batchSize;
    if (batchSize === 'full') this.batchesPerEpoch = 1;
    else this.batchesPerEpoch = dropLast ? Math.floor(this.nSamples / batchSize) : Math.ceil(this.nSamples / batchSize);
    if (this.batchesPerEpoch < 1) {
      throw invalid('train(batchSize)', `at most ${this.nSamples} (the number of examples) with dropLast`, batchSize);
    }
  }

  /** The seed string of the batch order, stored in checkpoints to refuse a mismatched resume. */
  get seed(): string {
    return this.stream.seed;
  }

  /** The batch of 0-based step `step`. */
  take(step: number): StepBatch {
    const data = this.data;
    if (this.batchSize === 'full') {
      if ('nSamples' in data) return { ...data.batch(allIndices(this.nSamples)), examples: this.nSamples, owned: true };
      return { x: data.x, y: data.y, examples: this.nSamples, owned: false };
    }
    const epoch = Math.floor(step / this.batchesPerEpoch);
    if (!this.cached || this.cached.epoch !== epoch) {
      this.cached = { epoch, batches: epochBatches(this.nSamples, this.batchSize, epoch, { stream: this.stream, dropLast: this.dropLast }) };
    }
    const indices = this.cached.batches[step % this.batchesPerEpoch]!;
    if ('nSamples' in data) return { ...data.batch(indices), examples: indices.length, owned: true };
    const { x, y } = tf.tidy(() => {
      const idx = tf.tensor1d(indices, 'int32');
      return { x: tf.gather(data.x, idx), y: tf.gather(data.y, idx) };
    });
    return { x, y, examples: indices.length, owned: true };
  }
}

function allIndices(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
