import { invalid } from '../../src/library/errors/index';
import type { Rng } from '../../src/library/random/index';

/** What {@link corruptLabels} returns. */
export interface CorruptedLabels {
  /** The new labels: `y[i]`, or a uniform class id where `corrupted[i]` is 1. */
  labels: Int32Array;
  /** 1 where the label was redrawn (it may still equal the true one, with probability 1/nClasses). */
  corrupted: Uint8Array;
  /** Share of labels now different from `y` (about fraction x (1 - 1/nClasses)). */
  changedShare: number;
}

/**
 * Zhang et al. 2017, Section 2 ("partially corrupted labels"): each label is, independently with
 * probability `fraction`, replaced by a class drawn uniformly from 0..nClasses-1. `fraction` 1 gives
 * fully random labels, 0 the true ones.
 *
 * Every example draws its coin u_i and its class r_i from `stream` whatever `fraction` is, in a fixed
 * order (u_0, r_0, u_1, r_1, ...), so for one stream the corrupted sets are nested: a larger fraction
 * keeps every label a smaller one redrew, with the same random class. A sweep over fractions then
 * varies one thing only. The labels are drawn once, from their own stream (`rng('labels')`), never
 * from the initialization or batch streams.
 */
export function corruptLabels(y: ArrayLike<number>, nClasses: number, fraction: number, stream: Rng): CorruptedLabels {
  if (!Number.isInteger(nClasses) || nClasses < 2) throw invalid('corruptLabels(nClasses)', 'an integer >= 2', nClasses);
  if (!(fraction >= 0 && fraction <= 1)) throw invalid('corruptLabels(fraction)', 'a number in [0, 1]', fraction);
  const labels = new Int32Array(y.length);
  const corrupted = new Uint8Array(y.length);
  let changed = 0;
  for (let i = 0; i < y.length; i++) {
    const k = y[i]!;
    if (!Number.isInteger(k) || k < 0 || k >= nClasses) throw invalid(`corruptLabels(y[${i}])`, `a class id in 0..${nClasses - 1}`, k);
    const u = stream.uniform();
    const r = stream.integer(0, nClasses);
    corrupted[i] = u < fraction ? 1 : 0;
    labels[i] = corrupted[i] ? r : k;
    if (labels[i] !== k) changed += 1;
  }
  return { labels, corrupted, changedShare: y.length === 0 ? 0 : changed / y.length };
}
