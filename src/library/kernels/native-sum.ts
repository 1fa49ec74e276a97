import * as tf from '@tensorflow/tfjs';
import type { NativeBinding } from '../native/index';
import { sizeOf, type KernelFn, type WasmBackend } from './backend-access';

interface SumAttrs {
  axis: number | number[];
  keepDims: boolean;
}

/**
 * wasm Sum of float32 over a leading block of axes (a bias gradient: dy summed over all but the
 * channels) or a trailing block, natively in float64 (src/library/native/reduce.cc), so it is
 * bit-identical to tfjs-backend-cpu's; tfjs-backend-wasm's own transposes first (the benchmark
 * CNN's first bias gradient reads 1.6M values) and sums in float32. Other axes, dtypes and empty
 * tensors go to `original`.
 */
export function makeNativeSum(native: NativeBinding, original: KernelFn | undefined): KernelFn {
  return (args) => {
    const { x } = args.inputs;
    const attrs = args.attrs as unknown as SumAttrs;
    const rank = x.shape.length;
    const axes = tf.util.parseAxisParam(attrs.axis, x.shape).sort((a, b) => a - b);
    const block = axes.every((a, i) => a === axes[0]! + i);
    const leading = axes[0] === 0;
    const trailing = axes[axes.length - 1] === rank - 1;
    if (x.dtype !== 'float32' || sizeOf(x.shape) === 0 || axes.length === 0 || !block || !(leading || trailing) || !original) {
      if (!original) throw new Error('paperlab kernels: wasm has no Sum kernel to fall back on');
      return original(args);
    }
    // Reducing every axis counts as trailing (one row): out[0] = the sum of the row.
    const fromStart = leading && !trailing;
    const reduced = sizeOf(axes.map((a) => x.shape[a]!));
    const kept = x.shape.filter((_, i) => !axes.includes(i));
    const outShape = attrs.keepDims ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : kept;
    const backend = args.backend as WasmBackend;
    const out = backend.makeOutput(outShape, 'float32');
    const [rows, cols] = fromStart ? [reduced, sizeOf(kept)] : [sizeOf(kept), reduced];
    native.sumAxes(backend.typedArrayFromHeap(x) as Float32Array, backend.typedArrayFromHeap(out) as Float32Array, rows, cols, fromStart);
    return out;
  };
}
