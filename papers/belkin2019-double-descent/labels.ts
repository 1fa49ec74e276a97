import { invalid } from '../../src/library/errors/index';
import type { Rng } from '../../src/library/random/index';

/**
 * Label noise as Belkin et al. add it (not zhang2017-random-labels' corruptLabels, Zhang et al.'s uniform
 * redraw that may keep the true class): exactly round(fraction * n) rows, picked by a permutation of `rng`, get a class drawn
 * uniformly among the other nClasses - 1 (so every picked label is wrong). Returns a new array.
 */
export function flipLabels(labels: ArrayLike<number>, fraction: number, nClasses: number, rng: Rng): Int32Array {
  if (!(fraction >= 0 && fraction <= 1)) throw invalid('flipLabels(fraction)', 'a number in [0, 1]', fraction);
  const out = Int32Array.from(labels);
  const order = rng.permutation(out.length);
  const count = Math.round(fraction * out.length);
  for (let t = 0; t < count; t++) {
    const i = order[t]!;
    const shift = 1 + rng.integer(0, nClasses - 1); // 1..k-1: never the true class
    out[i] = (out[i]! + shift) % nClasses;
  }
  return out;
}
