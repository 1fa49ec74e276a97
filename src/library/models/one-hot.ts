import { Matrix } from 'ml-matrix';
import { invalid } from '../errors/index';

/** n x k one-hot targets (1 in column labels[i]), the targets of a least-squares fit on classes (Belkin et al. 2019, Fig. 2). */
export function oneHot(labels: ArrayLike<number>, nClasses: number): Matrix {
  const Y = Matrix.zeros(labels.length, nClasses);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    if (!Number.isInteger(c) || c < 0 || c >= nClasses) throw invalid(`oneHot(labels[${i}])`, `an integer in 0..${nClasses - 1}`, c);
    Y.set(i, c, 1);
  }
  return Y;
}
