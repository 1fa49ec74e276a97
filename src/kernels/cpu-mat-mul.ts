import * as tf from '@tensorflow/tfjs';
import { cpuValues, sizeOf, type CpuBackend, type KernelFn } from './backend-access';

/**
 * Makes the cpu BatchMatMul. tfjs-backend-cpu 4.22 walks b with a stride of its row length in
 * the innermost loop; this transposes a flagged operand once, then runs i-k-j loops whose inner
 * loop reads b and writes the float64 row accumulator contiguously (~10x on the MLP's shapes,
 * tests/bench/train.bench.ts). Sums in float64 and rounds once, where the reference rounds to
 * float32 after every block of 48 terms: bound in KERNEL_ERROR_BOUNDS. Non-float32 operands and
 * batch shapes that broadcast other than "equal, or one of them 1" go to `original`.
 */
export function makeCpuBatchMatMul(original: KernelFn): KernelFn {
  return (args) => {
    const { a, b } = args.inputs;
    const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
    const batchA = sizeOf(a.shape.slice(0, -2));
    const batchB = sizeOf(b.shape.slice(0, -2));
    const sameBatch = a.shape.slice(0, -2).join(',') === b.shape.slice(0, -2).join(',');
    if (a.dtype !== 'float32' || b.dtype !== 'float32' || !(sameBatch || batchA === 1 || batchB === 1)) return original(args);
    const [m, k] = transposeA ? a.shape.slice(-2).reverse() : a.shape.slice(-2);
    const [k2, n] = transposeB ? b.shape.slice(-2).reverse() : b.shape.slice(-2);
    if (k !== k2) return original(args); // the original raises tfjs's own shape error
    const backend = args.backend as CpuBackend;
    const av = transposeA ? transposeLast2(cpuValues(backend, a) as Float32Array, batchA, k, m) : (cpuValues(backend, a) as Float32Array);
    const bv = transposeB ? transposeLast2(cpuValues(backend, b) as Float32Array, batchB, n, k) : (cpuValues(backend, b) as Float32Array);
    const batch = Math.max(batchA, batchB);
    const out = new Float32Array(batch * m * n);
    for (let i = 0; i < batch; i++) {
      multiply(av, batchA === 1 ? 0 : i * m * k, bv, batchB === 1 ? 0 : i * k * n, out, i * m * n, m, k, n);
    }
    const outer = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
    return backend.makeTensorInfo([...outer, m, n], 'float32', out);
  };
}

/** out[o..] = A[m, k] · B[k, n], one float64 row accumulator per output row. */
function multiply(a: Float32Array, ao: number, b: Float32Array, bo: number, out: Float32Array, oo: number, m: number, k: number, n: number): void {
  const acc = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    acc.fill(0);
    const ai = ao + i * k;
    for (let p = 0; p < k; p++) {
      const x = a[ai + p];
      const bp = bo + p * n;
      for (let j = 0; j < n; j++) acc[j] += x * b[bp + j];
    }
    out.set(acc, oo + i * n);
  }
}

/** [batch, rows, cols] -> [batch, cols, rows]. */
function transposeLast2(v: Float32Array, batch: number, rows: number, cols: number): Float32Array {
  const out = new Float32Array(v.length);
  for (let t = 0; t < batch; t++) {
    const o = t * rows * cols;
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[o + c * rows + r] = v[o + r * cols + c];
  }
  return out;
}
