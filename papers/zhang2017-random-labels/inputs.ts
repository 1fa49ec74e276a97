import { invalid } from '../../src/library/errors/index';
import type { Rng } from '../../src/library/random/index';

/** What {@link gaussianImages} returns. */
export interface GaussianImages {
  /** Row-major noise, same length as the input. */
  x: Float32Array;
  /** Mean and std of the input pixels (pooled over all rows and pixels), matched by the noise. */
  mean: number;
  std: number;
}

/**
 * Zhang et al. 2017, Section 2 ("Gaussian"): inputs replaced by independent Gaussian noise with the
 * mean and variance of the original images (pooled over every pixel of `x`, computed in float64).
 * Labels are kept, so the network can fit them only by memorizing each noise image.
 */
export function gaussianImages(x: Float32Array, stream: Rng): GaussianImages {
  if (x.length < 2) throw invalid('gaussianImages(x)', 'at least two pixel values', x.length);
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i]!;
  const mean = sum / x.length;
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += (x[i]! - mean) ** 2;
  const std = Math.sqrt(ss / x.length);
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = stream.normal(mean, std);
  return { x: out, mean, std };
}
