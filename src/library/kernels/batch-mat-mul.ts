import type * as tf from '@tensorflow/tfjs';
import { runKernel, sizeOf, type KernelFn, type WasmBackend } from './backend-access';

/**
 * Makes the wasm BatchMatMul. tfjs-backend-wasm 4.22 sends a product to XNNPACK only when neither
 * operand is transposed and both have batch 1 (batch_mat_mul_impl.cc, fused_batch_mat_mul); with
 * `transposeA` or `transposeB` it runs a naive loop. Backprop through a dense layer asks for both
 * (dW = xᵀ·dy, dx = dy·Wᵀ), so this transposes the flagged operand with the wasm Transpose kernel
 * and calls `original` without flags. Batched products (batch > 1) go to `original` unchanged:
 * they take the naive loop either way. Float32 sums in XNNPACK's order: bound in KERNEL_ERROR_BOUNDS.
 */
export function makeWasmBatchMatMul(original: KernelFn): KernelFn {
  return (args) => {
    const { a, b } = args.inputs;
    const attrs = args.attrs as { transposeA: boolean; transposeB: boolean };
    const flagged = attrs.transposeA || attrs.transposeB;
    if (!flagged || batchOf(a) !== 1 || batchOf(b) !== 1 || a.dtype !== 'float32' || b.dtype !== 'float32') return original(args);
    const backend = args.backend as WasmBackend;
    const a2 = attrs.transposeA ? swapLastTwo(a, backend) : a;
    const b2 = attrs.transposeB ? swapLastTwo(b, backend) : b;
    try {
      return original({ inputs: { a: a2, b: b2 }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } });
    } finally {
      if (a2 !== a) backend.disposeData(a2.dataId);
      if (b2 !== b) backend.disposeData(b2.dataId);
    }
  };
}

function batchOf(t: tf.TensorInfo): number {
  return sizeOf(t.shape.slice(0, -2));
}

// [..., r, c] -> [..., c, r]; the leading dimensions are all 1 here.
function swapLastTwo(t: tf.TensorInfo, backend: WasmBackend): tf.TensorInfo {
  const rank = t.shape.length;
  const perm = Array.from({ length: rank }, (_, i) => (i === rank - 2 ? rank - 1 : i === rank - 1 ? rank - 2 : i));
  return runKernel('Transpose', 'wasm', { inputs: { x: t }, backend, attrs: { perm } });
}
