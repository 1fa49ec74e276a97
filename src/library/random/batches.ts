import { invalid } from '../errors/index';
import { rng } from './root';
import type { Rng } from './stream';

/**
 * The order in which epoch `epoch` (0-based) visits `nSamples` samples: a permutation of
 * 0..nSamples-1 drawn from `stream.child('epoch-<epoch>')` (default stream `rng('batches')`).
 *
 * Derived from the epoch number, not from how many epochs were drawn before, so a run resumed at
 * epoch k, or a notebook cell re-run, replays exactly the same order. Use it instead of
 * `model.fit(..., { shuffle: true })`, which shuffles with `tf.util.shuffle` (Math.random):
 *
 * ```ts
 * const idx = tf.tensor1d(epochPermutation(n, epoch), 'int32');
 * await model.fit(tf.gather(x, idx), tf.gather(y, idx), { epochs: 1, batchSize, shuffle: false });
 * ```
 */
export function epochPermutation(nSamples: number, epoch: number, stream: Rng = rng('batches')): Int32Array {
  if (!Number.isSafeInteger(epoch) || epoch < 0) throw invalid('epochPermutation(epoch)', 'a non-negative integer', epoch);
  if (!Number.isSafeInteger(nSamples) || nSamples < 0) {
    throw invalid('epochPermutation(nSamples)', 'a non-negative integer', nSamples);
  }
  return stream.child(`epoch-${epoch}`).permutation(nSamples);
}

/** Options of `epochBatches`. */
export interface EpochBatchOptions {
  /** Stream the epoch orders come from; default `rng('batches')`. */
  stream?: Rng;
  /** Drop the last batch when it is smaller than `batchSize`; default false. */
  dropLast?: boolean;
}

/**
 * The mini-batches of epoch `epoch`: consecutive slices of `epochPermutation(nSamples, epoch)`,
 * each `batchSize` sample indices long (the last one shorter unless `dropLast`). Slices are views
 * of one Int32Array, ready for `tf.tensor1d(batch, 'int32')` and `tf.gather`.
 */
export function epochBatches(nSamples: number, batchSize: number, epoch: number, options: EpochBatchOptions = {}): Int32Array[] {
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw invalid('epochBatches(batchSize)', 'a positive integer', batchSize);
  }
  const order = epochPermutation(nSamples, epoch, options.stream ?? rng('batches'));
  const out: Int32Array[] = [];
  for (let start = 0; start < nSamples; start += batchSize) {
    const end = Math.min(start + batchSize, nSamples);
    if (options.dropLast && end - start < batchSize) break;
    out.push(order.subarray(start, end));
  }
  return out;
}
