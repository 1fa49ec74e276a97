import { invalid } from '../../src/library/errors/index';

/** What {@link fourierConcentration} measures. */
export interface FourierConcentration {
  /**
   * Share of the weights' power that sits in each neuron's dominant nonzero frequency, pooled
   * over neurons and over the a and b blocks: Σ max_f P(f) / Σ_f P(f). 1 = every neuron a pure
   * cosine of one frequency; i.i.d. Gaussian weights give a small value (≈ 0.1 for p = 59).
   */
  concentration: number;
  /** Power per frequency 0..floor(p/2), summed over neurons and both blocks. */
  spectrum: Float64Array;
  /** Dominant nonzero frequency of each neuron's a block. */
  dominant: Int32Array;
}

/**
 * Fourier concentration of a first-layer kernel of shape [2p, width] (row-major, as a TF.js
 * kernel's `dataSync()`): for each neuron, the DFT power of its p weights on a (and on b) over
 * the frequencies of Z_p. Learned grokking solutions are periodic in a and b (Gromov 2023, §4;
 * Nanda et al. 2023), so the value rises when the network generalizes.
 */
export function fourierConcentration(kernel: ArrayLike<number>, p: number, width: number): FourierConcentration {
  if (!Number.isInteger(p) || p < 2) throw invalid('fourierConcentration(p)', 'an integer >= 2', p);
  if (!Number.isInteger(width) || width < 1) throw invalid('fourierConcentration(width)', 'a positive integer', width);
  if (kernel.length !== 2 * p * width) throw invalid('fourierConcentration(kernel)', `${2 * p * width} values ([2p, width])`, kernel.length);
  const nF = Math.floor(p / 2) + 1;
  const cos = new Float64Array(nF * p);
  const sin = new Float64Array(nF * p);
  for (let f = 0; f < nF; f++) {
    for (let x = 0; x < p; x++) {
      cos[f * p + x] = Math.cos((2 * Math.PI * f * x) / p);
      sin[f * p + x] = Math.sin((2 * Math.PI * f * x) / p);
    }
  }
  const spectrum = new Float64Array(nF);
  const dominant = new Int32Array(width);
  let peak = 0;
  let total = 0;
  const power = new Float64Array(nF);
  for (let block = 0; block < 2; block++) {
    for (let k = 0; k < width; k++) {
      let best = 0;
      let bestF = 0;
      for (let f = 0; f < nF; f++) {
        let re = 0;
        let im = 0;
        for (let x = 0; x < p; x++) {
          const w = kernel[(block * p + x) * width + k]!;
          re += w * cos[f * p + x]!;
          im += w * sin[f * p + x]!;
        }
        // ±f carry the same power for real input; count both (f = 0 and f = p/2 once).
        power[f] = (re * re + im * im) * (f === 0 || 2 * f === p ? 1 : 2);
        spectrum[f] += power[f]!;
        total += power[f]!;
        if (f > 0 && power[f]! > best) { best = power[f]!; bestF = f; }
      }
      peak += best;
      if (block === 0) dominant[k] = bestF;
    }
  }
  return { concentration: total > 0 ? peak / total : 0, spectrum, dominant };
}

/**
 * First evaluated step whose `key` is at least `threshold` and stays so at every later
 * evaluation (so a brief spike does not count), or NaN if the run never settles there.
 */
export function firstStepReaching(history: ReadonlyArray<Record<string, number>>, key: string, threshold: number): number {
  let step = Number.NaN;
  for (const entry of history) {
    const v = entry[key];
    if (v === undefined) continue;
    if (v >= threshold) { if (Number.isNaN(step)) step = entry['step']!; } else step = Number.NaN;
  }
  return step;
}
