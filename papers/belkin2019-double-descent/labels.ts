import { Matrix } from 'ml-matrix';
import { invalid } from '../../src/library/errors/index';
import type { Rng } from '../../src/library/random/index';

/** n x k one-hot targets (1 in column labels[i]), the regression targets of Belkin et al. 2019, Fig. 2. */
export function oneHot(labels: ArrayLike<number>, nClasses: number): Matrix {
  const Y = Matrix.zeros(labels.length, nClasses);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    if (!Number.isInteger(c) || c < 0 || c >= nClasses) throw invalid(`oneHot(labels[${i}])`, `an integer in 0..${nClasses - 1}`, c);
    Y.set(i, c, 1);
  }
  return Y;
}

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
