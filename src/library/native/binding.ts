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
}

/** TF.js fused activations by the code gemm.cc's `activate` switches on. */
export const ACTIVATION_CODES = { linear: 0, relu: 1, relu6: 2, elu: 3, prelu: 4, leakyrelu: 5, sigmoid: 6 } as const;
