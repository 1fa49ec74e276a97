/**
 * The functions paperlab's native addon exports (src/library/native/*.cc). Arrays are views of the
 * caller's memory, read and written in place (no copy): for TF.js kernels, views of the wasm heap.
 * Matrices are row-major unless a function says otherwise. Sizes are checked in C++: a view too
 * short for the sizes given throws a RangeError naming the argument.
 */
export interface NativeBinding {
  /** Which BLAS this build links and the thread count in use. */
  info(): { blas: string; blasParallel: number; threads: number };
  /** Sets the thread count of OpenBLAS and of the addon's own loops; returns it. */
  setThreads(n: number): number;
  /**
   * For each of `batch` entries: out = op(a) * op(b), op(a) m x k, op(b) k x n, out m x n; a batch
   * stride of 0 reuses one matrix for every entry.
   */
  matmul(a: Float32Array, b: Float32Array, out: Float32Array, batch: number, m: number, n: number, k: number,
    transposeA: boolean, transposeB: boolean, batchStrideA: number, batchStrideB: number): void;
  /**
   * In place: out = activation(out + bias); `cols` is out's last dimension, bias and prelu have
   * `cols` values, 1, or out.length. Activation codes: {@link ACTIVATION_CODES}.
   */
  biasActivation(out: Float32Array, cols: number, bias: Float32Array | null, activation: number, alpha: number, prelu: Float32Array | null): void;

  /**
   * One Adam step of one variable, rounding like tfjs-core's AdamOptimizer op by op; scalars are
   * the JS numbers TF.js would turn into float32 tensors. Outputs may be the inputs (in place).
   */
  adam(value: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array, outValue: Float32Array, outM: Float32Array, outV: Float32Array,
    beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number, oneMinusAccBeta1: number, oneMinusAccBeta2: number,
    epsilon: number, negLearningRate: number): void;
  /** One momentum (or Nesterov) step of one variable, rounding like tfjs-core's MomentumOptimizer. */
  momentum(value: Float32Array, grad: Float32Array, acc: Float32Array, outValue: Float32Array, outAcc: Float32Array,
    momentum: number, negLearningRate: number, nesterov: boolean): void;

  // Convolutions (conv.cc, oneDNN) and pooling (pool.cc): NHWC activations and HWIO filters, in place.
  /**
   * One 2-D convolution pass; `geometry` is {@link ConvGeometry} as an array. kind 0: out = y =
   * activation(conv(a = x, b = filter) + bias); 1: out = dx from a = dy, b = filter; 2: out = dW
   * from a = x, b = dy. Bias (`co` values) and activation apply to kind 0 only. oneDNN primitives
   * are cached by geometry and thread count.
   */
  conv2d(kind: ConvKind, a: Float32Array, b: Float32Array, out: Float32Array, geometry: readonly number[],
    bias: Float32Array | null, activation: number, alpha: number): void;
  /** The oneDNN implementation `conv2d` runs for a geometry (no bias, linear), e.g. 'brgconv:avx512_core'. */
  conv2dImplementation(kind: ConvKind, geometry: readonly number[]): string;
  /** out = each window's maximum; `geometry` is {@link PoolGeometry} as an array. */
  maxPool(x: Float32Array, out: Float32Array, geometry: readonly number[]): void;
  /** out = each window's mean over its in-bounds values (float64 sum, rounded once). */
  avgPool(x: Float32Array, out: Float32Array, geometry: readonly number[]): void;
  /** dx = dy sent to each window's first maximum (row-major window order), summed in float64. */
  maxPoolGrad(x: Float32Array, dy: Float32Array, dx: Float32Array, geometry: readonly number[]): void;
  /** dx = the sum of dy over the windows containing each pixel, over the window size (as tfjs-backend-cpu). */
  avgPoolGrad(dy: Float32Array, dx: Float32Array, geometry: readonly number[]): void;

  /**
   * Float64 sums of the rows x cols `x`, rounded once, in tfjs-backend-cpu's order: leading,
   * out[c] = sum over rows of x[r][c]; else out[r] = sum over the row.
   */
  sumAxes(x: Float32Array, out: Float32Array, rows: number, cols: number, leading: boolean): void;

  // float64 solvers (linalg.cc, LAPACKE + cblas). Row-major; inputs are copied, never modified.
  /** out (d x k) = least-norm minimiser of ||a out - b|| for a n x d, b n x k (dgelsd, numpy's lstsq); returns the rank. */
  lstsq(a: Float64Array, b: Float64Array, out: Float64Array, n: number, d: number, k: number, rcond: number): number;
  /** out (d x k) minimises ||x out - y||^2 + lambda ||out||^2, lambda > 0: Gram Cholesky when well conditioned, else stacked QR. */
  ridge(x: Float64Array, y: Float64Array, out: Float64Array, n: number, d: number, k: number, lambda: number): 'cholesky' | 'qr';
  /** out (n x k) solves (K + ridge I) out = y: Cholesky when ridge > 0 and positive definite, else least norm (dgelsd). */
  kernelSolve(kernel: Float64Array, y: Float64Array, out: Float64Array, n: number, k: number, ridge: number): 'cholesky' | 'lstsq';
  /** Thin QR of the m x n a: q m x p, r p x n, p = min(m, n), diag(r) >= 0 (dgeqrf, dorgqr). */
  qr(a: Float64Array, q: Float64Array, r: Float64Array, m: number, n: number): void;
  /** Thin SVD of the m x n a: u m x p, s p descending, vt p x n; each column of u has its largest-magnitude entry > 0 (dgesdd). */
  svd(a: Float64Array, u: Float64Array, s: Float64Array, vt: Float64Array, m: number, n: number): void;
  /** out (m x p) = exp(-gamma ||a_i - b_j||^2) for a m x d, b p x d; a and b the same view: dsyrk, diagonal exactly 1. */
  rbfKernel(a: Float64Array, b: Float64Array, out: Float64Array, m: number, p: number, d: number, gamma: number): void;
  /** out (m x n) = op(a) op(b), op(a) m x k, op(b) k x n (dgemm). */
  matmulF64(a: Float64Array, b: Float64Array, out: Float64Array, m: number, n: number, k: number, transposeA: boolean, transposeB: boolean): void;
  /** out (n x N) = scale * f(x w + offset), x n x d, w d x N; kind 0: cos, 1: max(0, .). */
  featureMap(x: Float64Array, w: Float64Array, offset: Float64Array, out: Float64Array, n: number, d: number, nFeatures: number, scale: number, kind: 0 | 1): void;
}

/** TF.js fused activations by the code gemm.cc's `activate` switches on. */
export const ACTIVATION_CODES = { linear: 0, relu: 1, relu6: 2, elu: 3, prelu: 4, leakyrelu: 5, sigmoid: 6 } as const;

/** The passes of {@link NativeBinding.conv2d}: forward, input gradient, filter gradient. */
export const CONV_KINDS = { forward: 0, backwardData: 1, backwardFilter: 2 } as const;
export type ConvKind = (typeof CONV_KINDS)[keyof typeof CONV_KINDS];

/**
 * The order of conv2d's geometry array: sizes (batch, input height/width, in/out channels, filter
 * height/width, output height/width), strides, dilations, then padding top, left, bottom, right.
 */
export const CONV_GEOMETRY = ['n', 'h', 'w', 'ci', 'co', 'kh', 'kw', 'oh', 'ow', 'sh', 'sw', 'dh', 'dw', 'top', 'left', 'bottom', 'right'] as const;
export type ConvGeometry = Record<(typeof CONV_GEOMETRY)[number], number>;

/** The order of the pooling functions' geometry array (tfjs-core's computePool2DInfo names). */
export const POOL_GEOMETRY = ['n', 'h', 'w', 'c', 'oh', 'ow', 'fh', 'fw', 'sh', 'sw', 'top', 'left'] as const;
export type PoolGeometry = Record<(typeof POOL_GEOMETRY)[number], number>;
