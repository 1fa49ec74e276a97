import { invalid } from '../../src/library/errors/index';

/** Weights of a bias-free two-layer MLP [2p, width, p] with activation x², row-major. */
export interface CosineWeights {
  /** First layer, shape [2p, width]: rows 0..p-1 read a, rows p..2p-1 read b. */
  w1: Float32Array;
  /** Second layer, shape [width, p]. */
  w2: Float32Array;
  width: number;
}

/**
 * Gromov 2023's analytic solution of (a + b) mod p (arXiv 2301.02679, eq. 5-7): neuron k with
 * frequency f and phases φ, ψ has input weights cos(2πf·a/p + φ), cos(2πf·b/p + ψ) and output
 * weights cos(2πf·q/p + φ + ψ). Squaring gives a term cos(2πf(a + b − q)/p), which summed over
 * f = 1..(p−1)/2 peaks at q = a + b mod p.
 *
 * The paper draws the phases at random (and needs a wide layer for the noise to average out);
 * here they run over a grid φ, ψ ∈ {2πj/phases}, which cancels every other term exactly
 * (phases ≥ 3), so width = phases² (p − 1)/2. Deterministic: no random draw.
 */
export function cosineWeights(p: number, phases = 3): CosineWeights {
  if (!Number.isInteger(p) || p < 3 || p % 2 === 0) throw invalid('cosineWeights(p)', 'an odd integer >= 3', p);
  if (!Number.isInteger(phases) || phases < 3) throw invalid('cosineWeights(phases)', 'an integer >= 3', phases);
  const nFreq = (p - 1) / 2;
  const width = nFreq * phases * phases;
  const w1 = new Float32Array(2 * p * width);
  const w2 = new Float32Array(width * p);
  let k = 0;
  for (let f = 1; f <= nFreq; f++) {
    for (let i = 0; i < phases; i++) {
      for (let j = 0; j < phases; j++, k++) {
        const phi = (2 * Math.PI * i) / phases;
        const psi = (2 * Math.PI * j) / phases;
        for (let x = 0; x < p; x++) {
          const angle = (2 * Math.PI * f * x) / p;
          w1[x * width + k] = Math.cos(angle + phi);
          w1[(p + x) * width + k] = Math.cos(angle + psi);
          w2[k * p + x] = Math.cos(angle + phi + psi);
        }
      }
    }
  }
  return { w1, w2, width };
}
