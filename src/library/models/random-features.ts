import * as tf from '@tensorflow/tfjs';
import { Matrix } from 'ml-matrix';
import { invalid } from '../errors/index';
import { nativeBinding } from '../native/index';
import { rng, type Rng } from '../random/index';
import { matrixOf } from './dense';
import { checkInt, checkPositive } from './params';
import { toDense, toMatrix, type MatrixInput } from './matrix';

/** A fixed (not trained) random feature map x -> phi(x), usable in float64 or in TF.js float32. */
export interface FeatureMap {
  readonly inputDim: number;
  readonly nFeatures: number;
  /** e.g. `randomFourierFeatures(inputDim=10, nFeatures=500, sigma=5)`. */
  describe(): string;
  /** Features of the rows of `X` in float64: n x nFeatures. */
  map(X: MatrixInput): Matrix;
  /** The same features in TF.js (float32) for a batch [batch, inputDim] -> [batch, nFeatures]. */
  apply(x: tf.Tensor): tf.Tensor;
  /** 2*inputDim*nFeatures for the projection (a multiply-add counts 2) + nFeatures for the offset; the cos/ReLU is not counted. */
  flopsPerExample(): number;
}

/** Options shared by the random feature maps. */
export interface RandomFeatureOptions {
  /** Dimension d of the inputs. */
  inputDim: number;
  /** Number N of features. */
  nFeatures: number;
  /** Stream of the draws; default rng('features').child(<map name>). Feature k uses only the k-th block of draws. */
  rng?: Rng;
}

/**
 * Random Fourier features (Rahimi & Recht 2007): phi(x) = sqrt(2/N) cos(x W + b) with the columns of
 * W drawn N(0, I / sigma^2) and b uniform on [0, 2 pi), so that phi(x) . phi(z) approximates the
 * Gaussian (RBF) kernel exp(-||x - z||^2 / (2 sigma^2)) with error O(1/sqrt(N)).
 * Features are nested: the first N columns do not depend on nFeatures, so a sweep over N (Belkin
 * et al. 2019's double descent) adds features to a fixed set instead of redrawing them.
 */
export function randomFourierFeatures(options: RandomFeatureOptions & { sigma: number }): FeatureMap {
  const sigma = checkPositive('randomFourierFeatures(sigma)', options.sigma);
  const stream = options.rng ?? rng('features').child('random-fourier');
  const { d, n, W } = drawColumns('randomFourierFeatures', options, stream.child('W'), (r) => r.normal(0, 1 / sigma));
  const b = stream.child('b');
  const offset = Array.from({ length: n }, () => b.uniform(0, 2 * Math.PI));
  return featureMap(`randomFourierFeatures(inputDim=${d}, nFeatures=${n}, sigma=${sigma})`, W, offset, Math.sqrt(2 / n), 'cos');
}

/**
 * Random ReLU features: phi(x) = max(0, x W) / sqrt(N) with the columns of W uniform on the unit
 * sphere (normalised Gaussians), no offset. phi(x) . phi(z) tends to the degree-1 arc-cosine kernel
 * (Cho & Saul 2009) divided by d: ||x|| ||z|| (sin t + (pi - t) cos t) / (2 pi d), t the angle
 * between x and z. Nested in N like {@link randomFourierFeatures}.
 */
export function randomReluFeatures(options: RandomFeatureOptions): FeatureMap {
  const stream = options.rng ?? rng('features').child('random-relu');
  const g = stream.child('W');
  const { d, n, W } = drawColumns('randomReluFeatures', options, g, (r) => r.normal());
  for (let k = 0; k < n; k++) {
    const norm = Math.sqrt(W.getColumn(k).reduce((s, v) => s + v * v, 0));
    for (let j = 0; j < d; j++) W.set(j, k, W.get(j, k) / norm);
  }
  return featureMap(`randomReluFeatures(inputDim=${d}, nFeatures=${n})`, W, new Array<number>(n).fill(0), Math.sqrt(1 / n), 'relu');
}

/** d x N matrix filled column by column (feature k takes draws k*d .. k*d + d - 1 of `r`). */
function drawColumns(name: string, o: RandomFeatureOptions, r: Rng, draw: (r: Rng) => number): { d: number; n: number; W: Matrix } {
  const d = checkInt(`${name}(inputDim)`, o.inputDim);
  const n = checkInt(`${name}(nFeatures)`, o.nFeatures);
  const W = new Matrix(d, n);
  for (let k = 0; k < n; k++) for (let j = 0; j < d; j++) W.set(j, k, draw(r));
  return { d, n, W };
}

function featureMap(label: string, W: Matrix, offset: number[], scale: number, kind: 'cos' | 'relu'): FeatureMap {
  const [d, n] = [W.rows, W.columns];
  const f = kind === 'cos' ? Math.cos : (v: number): number => Math.max(0, v);
  const Wflat = Float64Array.from(W.to1DArray()); // row-major d x N
  const offsets = Float64Array.from(offset);
  return {
    inputDim: d, nFeatures: n,
    describe: () => label,
    map(X: MatrixInput): Matrix {
      const native = nativeBinding();
      if (native) {
        // dgemm then the cos/ReLU in one native pass (no zero skipping: dgemm is faster anyway).
        const A = toDense(`${label}.map(X)`, X);
        if (A.cols !== d) throw invalid(`${label}.map(X)`, `${d} columns`, A.cols);
        const out = new Float64Array(A.rows * n);
        native.featureMap(A.data, Wflat, offsets, out, A.rows, d, n, scale, kind === 'cos' ? 0 : 1);
        return matrixOf(out, A.rows, n);
      }
      const A = toMatrix(`${label}.map(X)`, X);
      if (A.columns !== d) throw invalid(`${label}.map(X)`, `${d} columns`, A.columns);
      // Row i of X W accumulated over k in order, as ml-matrix's mmul sums (so bit-identical to it),
      // but on flat arrays and skipping x_ik = 0 (adding 0 * w changes no sum): ~20x faster on
      // MNIST, whose pixels are mostly 0.
      const Z = new Matrix(A.rows, n);
      const z = new Float64Array(n);
      for (let i = 0; i < A.rows; i++) {
        const x = A.getRow(i);
        z.fill(0);
        for (let k = 0; k < d; k++) {
          const xk = x[k]!;
          if (xk === 0) continue;
          for (let j = 0, o = k * n; j < n; j++) z[j] = z[j]! + xk * Wflat[o + j]!;
        }
        for (let j = 0; j < n; j++) Z.set(i, j, scale * f(z[j]! + offset[j]!));
      }
      return Z;
    },
    apply(x: tf.Tensor): tf.Tensor {
      if (x.rank !== 2 || x.shape[1] !== d) throw invalid(`${label}.apply(x)`, `shape [batch, ${d}]`, `[${x.shape.join(', ')}]`);
      return tf.tidy(() => {
        const z = tf.add(tf.matMul(x as tf.Tensor2D, tf.tensor2d(W.to2DArray(), [d, n])), tf.tensor1d(offset));
        return tf.mul(kind === 'cos' ? tf.cos(z) : tf.relu(z), scale);
      });
    },
    flopsPerExample: () => 2 * d * n + n,
  };
}
