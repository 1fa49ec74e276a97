import { invalid } from '../../src/library/errors/index';

/**
 * k-nearest-neighbour scores for a binary label: for each test row, the share of its `k` nearest
 * training rows (Euclidean, brute force, float64) whose label is 1. With k = 1 it is a pure
 * memorizer, which is why it is the model that exposes leaks (Kapoor & Narayanan 2023: a leaked
 * copy of a test row in train is found at distance 0). Ties in distance go to the earlier training
 * row, so the result does not depend on anything but the inputs.
 *
 * @param xTrain row-major training features, `yTrain.length * nFeatures` values
 * @param yTrain training labels, 0 or 1
 * @param xTest row-major test features, a multiple of `nFeatures` values
 * @param k neighbours per test row (default 1), at most the training rows
 */
export function knnScores(xTrain: Float64Array, yTrain: ArrayLike<number>, xTest: Float64Array, nFeatures: number, k = 1): Float64Array {
  const nTrain = yTrain.length;
  if (!Number.isInteger(nFeatures) || nFeatures < 1) throw invalid('knnScores(nFeatures)', 'an integer >= 1', nFeatures);
  if (xTrain.length !== nTrain * nFeatures) throw invalid('knnScores(xTrain)', `${nTrain} x ${nFeatures} = ${nTrain * nFeatures} values`, xTrain.length);
  if (xTest.length % nFeatures !== 0) throw invalid('knnScores(xTest)', `a multiple of nFeatures=${nFeatures} values`, xTest.length);
  if (!Number.isInteger(k) || k < 1 || k > nTrain) throw invalid('knnScores(k)', `an integer in [1, ${nTrain}] (the training rows)`, k);
  for (let i = 0; i < nTrain; i++) {
    if (yTrain[i] !== 0 && yTrain[i] !== 1) throw invalid(`knnScores(yTrain)[${i}]`, 'a binary label 0 or 1', yTrain[i]);
  }
  const nTest = xTest.length / nFeatures;
  const out = new Float64Array(nTest);
  const bestD = new Float64Array(k);
  const bestI = new Int32Array(k);
  for (let t = 0; t < nTest; t++) {
    bestD.fill(Infinity);
    bestI.fill(-1);
    const o = t * nFeatures;
    for (let r = 0; r < nTrain; r++) {
      const p = r * nFeatures;
      let d = 0;
      for (let f = 0; f < nFeatures; f++) {
        const diff = xTest[o + f]! - xTrain[p + f]!;
        d += diff * diff;
      }
      if (d >= bestD[k - 1]!) continue; // strict: an equal distance keeps the earlier row
      let j = k - 1;
      while (j > 0 && bestD[j - 1]! > d) {
        bestD[j] = bestD[j - 1]!;
        bestI[j] = bestI[j - 1]!;
        j--;
      }
      bestD[j] = d;
      bestI[j] = r;
    }
    let ones = 0;
    for (let j = 0; j < k; j++) ones += yTrain[bestI[j]!]!;
    out[t] = ones / k;
  }
  return out;
}
