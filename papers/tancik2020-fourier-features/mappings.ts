import { invalid } from '../../src/library/errors/index';
import type { Rng } from '../../src/library/random/index';

/**
 * An input mapping of Tancik et al. 2020 (§6.1, Table 1): a fixed function gamma from coordinates
 * v in [0, 1)^d to features, applied before a coordinate MLP. Fourier mappings (eq. 5) are
 * gamma(v) = [cos(2 pi B v), sin(2 pi B v)] for a frequency matrix B (rows b_j, in cycles per unit
 * of v) and weights a_j = 1; the identity ("no mapping") passes v through.
 */
export interface InputMapping {
  /** `none`, `basic`, `positional` or `gaussian`. */
  readonly kind: MappingKind;
  /** Dimension d of the coordinates. */
  readonly inputDim: number;
  /** Length of gamma(v): d for `none`, 2 x (rows of B) otherwise. */
  readonly outputDim: number;
  /** Frequencies b_j, row-major [rows, d], cycles per unit of v; empty for `none`. */
  readonly frequencies: Float64Array;
  /** e.g. `gaussian(d=2, m=64, sigma=4)`. */
  describe(): string;
  /** Rows of `coords` ([n, d], row-major) mapped to [n, outputDim]: all cosines, then all sines. */
  map(coords: ArrayLike<number>): Float32Array;
}

export type MappingKind = 'none' | 'basic' | 'positional' | 'gaussian';
export const MAPPING_KINDS: readonly MappingKind[] = ['none', 'basic', 'positional', 'gaussian'];

/** No mapping: gamma(v) = v (the standard coordinate MLP, Table 1 "No mapping"). */
export function noMapping(inputDim = 2): InputMapping {
  const d = checkDim('noMapping', inputDim);
  return {
    kind: 'none', inputDim: d, outputDim: d, frequencies: new Float64Array(0),
    describe: () => `none(d=${d})`,
    map: (coords) => Float32Array.from(checkCoords('none.map(coords)', coords, d)),
  };
}

/** Basic: gamma(v) = [cos 2 pi v, sin 2 pi v] (B = I): wraps each coordinate around the circle once. */
export function basicMapping(inputDim = 2): InputMapping {
  const d = checkDim('basicMapping', inputDim);
  const B = new Float64Array(d * d);
  for (let i = 0; i < d; i++) B[i * d + i] = 1;
  return fourierMapping('basic', `basic(d=${d})`, B, d);
}

/** Options of {@link positionalEncoding}. */
export interface PositionalOptions {
  /** Dimension d of the coordinates; default 2. */
  inputDim?: number;
  /** Frequencies per axis, m >= 1 (the paper: 256). */
  nFrequencies: number;
  /** Scale sigma >= 1: the frequencies are sigma^(j/m), j = 0..m-1, so they span [1, sigma) cycles per unit. */
  sigma: number;
}

/**
 * Positional encoding as §6.1 defines it: on each axis separately, frequencies sigma^(j/m) for
 * j = 0..m-1 (log-linearly spaced, on-axis only). d x m rows of B, 2 d m features. (The authors'
 * code uses 2^linspace(0, s, m) - 1 instead, i.e. up to 2^s - 1 cycles and a zero frequency.)
 */
export function positionalEncoding(options: PositionalOptions): InputMapping {
  const d = checkDim('positionalEncoding', options.inputDim ?? 2);
  const m = checkCount('positionalEncoding(nFrequencies)', options.nFrequencies);
  const sigma = options.sigma;
  if (!Number.isFinite(sigma) || sigma < 1) throw invalid('positionalEncoding(sigma)', 'a finite number >= 1 (cycles per unit)', sigma);
  const B = new Float64Array(d * m * d);
  for (let axis = 0; axis < d; axis++) {
    for (let j = 0; j < m; j++) B[(axis * m + j) * d + axis] = sigma ** (j / m);
  }
  return fourierMapping('positional', `positional(d=${d}, m=${m}, sigma=${sigma})`, B, d);
}

/** Options of {@link gaussianMapping}. */
export interface GaussianOptions {
  /** Dimension d of the coordinates; default 2. */
  inputDim?: number;
  /** Rows m of B (the paper: 256). */
  nFeatures: number;
  /** Standard deviation of every entry of B, cycles per unit; > 0. */
  sigma: number;
  /** Stream of the draws (e.g. `rng('features')`). Row j uses draws j*d .. j*d + d - 1, so rows are nested in m. */
  rng: Rng;
}

/**
 * Gaussian random Fourier features: every entry of B [m, d] drawn from N(0, sigma^2) (§6.1; the
 * paper's best mapping). Drawn once as N(0, 1) and scaled by sigma, as the authors' code does, so a
 * sweep over sigma with one stream scales one fixed B.
 */
export function gaussianMapping(options: GaussianOptions): InputMapping {
  const d = checkDim('gaussianMapping', options.inputDim ?? 2);
  const m = checkCount('gaussianMapping(nFeatures)', options.nFeatures);
  const sigma = options.sigma;
  if (!Number.isFinite(sigma) || sigma <= 0) throw invalid('gaussianMapping(sigma)', 'a finite number > 0 (cycles per unit)', sigma);
  const B = new Float64Array(m * d);
  for (let k = 0; k < m * d; k++) B[k] = sigma * options.rng.normal();
  return fourierMapping('gaussian', `gaussian(d=${d}, m=${m}, sigma=${sigma})`, B, d);
}

/** gamma(v) = [cos(2 pi B v), sin(2 pi B v)] for B [rows, d]; computed in float64, returned as float32. */
function fourierMapping(kind: MappingKind, label: string, B: Float64Array, d: number): InputMapping {
  const rows = B.length / d;
  return {
    kind, inputDim: d, outputDim: 2 * rows, frequencies: B,
    describe: () => label,
    map(coords) {
      const v = checkCoords(`${kind}.map(coords)`, coords, d);
      const n = v.length / d;
      const out = new Float32Array(n * 2 * rows);
      for (let i = 0; i < n; i++) {
        for (let r = 0; r < rows; r++) {
          let phase = 0;
          for (let k = 0; k < d; k++) phase += B[r * d + k]! * v[i * d + k]!;
          phase *= 2 * Math.PI;
          out[i * 2 * rows + r] = Math.cos(phase);
          out[i * 2 * rows + rows + r] = Math.sin(phase);
        }
      }
      return out;
    },
  };
}

function checkDim(where: string, d: number): number {
  if (!Number.isInteger(d) || d < 1 || d > 16) throw invalid(`${where}(inputDim)`, 'an integer in 1..16', d);
  return d;
}

function checkCount(where: string, m: number): number {
  if (!Number.isInteger(m) || m < 1 || m > 65536) throw invalid(where, 'an integer in 1..65536', m);
  return m;
}

function checkCoords(where: string, coords: ArrayLike<number>, d: number): ArrayLike<number> {
  if (coords === null || typeof coords !== 'object' || typeof coords.length !== 'number' || coords.length % d !== 0) {
    throw invalid(where, `a flat array of rows of ${d} coordinates`, coords === null || typeof coords !== 'object' ? coords : `length ${coords.length}`);
  }
  return coords;
}
