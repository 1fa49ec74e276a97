/**
 * How well one feature alone predicts the label, honestly (leave-one-out), so that a feature with
 * all-distinct values does not "predict" by memorising. Rule of the predictor: a row is predicted
 * from the other rows with the same feature value (majority label, or mean for a numeric label);
 * a value seen only once borrows the nearest distinct value's rows (numbers) or the overall
 * majority/mean (strings). That covers both halves of Kapoor & Narayanan's L2 signal: a feature
 * that is a deterministic function of the label (each value maps to one label) and a numeric proxy
 * that separates the label by thresholds.
 */

/** Score in (-inf, 1]: 1 = perfect; about 0 or below = no better than chance. */
export interface FeatureScore {
  /**
   * Classification: chance-corrected accuracy `(acc - pMajority) / (1 - pMajority)`.
   * Regression: leave-one-out R² `1 - SSE / SST`.
   */
  score: number;
  /** Leave-one-out accuracy (classification) or R² (regression), before correction. */
  raw: number;
}

interface Runs {
  order: Int32Array; // rows sorted by feature value
  starts: number[]; // run starts in `order`; runs hold equal values
  numeric: boolean;
}

function runsOf(feature: ArrayLike<number | string>, rows: Int32Array): Runs {
  const numeric = typeof feature[rows[0]!] === 'number';
  const order = Int32Array.from(rows);
  if (numeric) {
    const v = Float64Array.from(order, (r) => feature[r] as number);
    const idx = Int32Array.from(order.keys());
    idx.sort((a, b) => v[a]! - v[b]!);
    for (let i = 0; i < idx.length; i++) order[i] = rows[idx[i]!]!;
  } else {
    order.sort((a, b) => (feature[a]! < feature[b]! ? -1 : feature[a]! > feature[b]! ? 1 : 0));
  }
  const starts: number[] = [];
  for (let i = 0; i < order.length; i++) {
    if (i === 0 || feature[order[i]!] !== feature[order[i - 1]!]) starts.push(i);
  }
  starts.push(order.length);
  return { order, starts, numeric };
}

/** Index of the run a singleton run at `k` borrows from (nearest distinct numeric value), or -1. */
function neighbourRun(runs: Runs, feature: ArrayLike<number | string>, k: number): number {
  if (!runs.numeric) return -1;
  const nRuns = runs.starts.length - 1;
  const v = feature[runs.order[runs.starts[k]!]!] as number;
  const left = k > 0 ? v - (feature[runs.order[runs.starts[k - 1]!]!] as number) : Infinity;
  const right = k < nRuns - 1 ? (feature[runs.order[runs.starts[k + 1]!]!] as number) - v : Infinity;
  if (left === Infinity && right === Infinity) return -1;
  return left <= right ? k - 1 : k + 1;
}

/** Leave-one-out score of `feature` predicting class codes `labels` (0..nClasses-1) on `rows`. */
export function classificationScore(feature: ArrayLike<number | string>, labels: Int32Array, nClasses: number, rows: Int32Array): FeatureScore {
  const runs = runsOf(feature, rows);
  const nRuns = runs.starts.length - 1;
  const counts = new Int32Array(nRuns * nClasses);
  const total = new Int32Array(nClasses);
  for (let k = 0; k < nRuns; k++) {
    for (let i = runs.starts[k]!; i < runs.starts[k + 1]!; i++) counts[k * nClasses + labels[runs.order[i]!]!]++;
  }
  for (let i = 0; i < rows.length; i++) total[labels[rows[i]!]!]++;
  const argmax = (base: number, self: number, arr: Int32Array): number => {
    let best = 0;
    let bestN = -1;
    for (let c = 0; c < nClasses; c++) {
      const m = arr[base + c]! - (c === self ? 1 : 0);
      if (m > bestN) [best, bestN] = [c, m];
    }
    return best;
  };
  let correct = 0;
  for (let k = 0; k < nRuns; k++) {
    const size = runs.starts[k + 1]! - runs.starts[k]!;
    for (let i = runs.starts[k]!; i < runs.starts[k + 1]!; i++) {
      const y = labels[runs.order[i]!]!;
      let guess: number;
      if (size > 1) guess = argmax(k * nClasses, y, counts);
      else {
        const nb = neighbourRun(runs, feature, k);
        guess = nb >= 0 ? argmax(nb * nClasses, -1, counts) : argmax(0, y, total);
      }
      if (guess === y) correct++;
    }
  }
  let pMajority = 0;
  for (let c = 0; c < nClasses; c++) pMajority = Math.max(pMajority, total[c]! / rows.length);
  const raw = correct / rows.length;
  return { raw, score: pMajority >= 1 ? 0 : (raw - pMajority) / (1 - pMajority) };
}

/** Leave-one-out R² of `feature` predicting a numeric label `y` on `rows`. */
export function regressionScore(feature: ArrayLike<number | string>, y: ArrayLike<number>, rows: Int32Array): FeatureScore {
  const runs = runsOf(feature, rows);
  const nRuns = runs.starts.length - 1;
  const sums = new Float64Array(nRuns);
  let all = 0;
  for (let k = 0; k < nRuns; k++) {
    for (let i = runs.starts[k]!; i < runs.starts[k + 1]!; i++) sums[k] += y[runs.order[i]!]!;
    all += sums[k]!;
  }
  const mean = all / rows.length;
  let sse = 0;
  let sst = 0;
  for (let k = 0; k < nRuns; k++) {
    const size = runs.starts[k + 1]! - runs.starts[k]!;
    const nb = size > 1 ? k : neighbourRun(runs, feature, k);
    for (let i = runs.starts[k]!; i < runs.starts[k + 1]!; i++) {
      const v = y[runs.order[i]!]!;
      let guess: number;
      if (size > 1) guess = (sums[k]! - v) / (size - 1);
      else if (nb >= 0) guess = sums[nb]! / (runs.starts[nb + 1]! - runs.starts[nb]!);
      else guess = (all - v) / (rows.length - 1);
      sse += (v - guess) ** 2;
      sst += (v - mean) ** 2;
    }
  }
  const raw = sst === 0 ? 0 : 1 - sse / sst;
  return { raw, score: raw };
}
