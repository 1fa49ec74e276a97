import * as tf from '@tensorflow/tfjs';
import type { NativeBinding } from '../native/index';
import type { KernelArgs, KernelFn, WasmBackend } from './backend-access';
import { wasmMaxPoolGrad } from './max-pool-grad';

// The wasm pooling kernels of training as plain C++ loops (src/library/native/pool.cc), on the
// wasm heap in place, bit-identical to tfjs-backend-cpu's own. Non-float32 input goes to the JS
// path's kernel for the slot.

interface PoolAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

type Pass = 'maxPool' | 'avgPool' | 'maxPoolGrad' | 'avgPoolGrad';

/** wasm MaxPool: each window's maximum (NaN never wins, as in tfjs-backend-cpu). */
export function makeNativeMaxPool(native: NativeBinding, original: KernelFn | undefined): KernelFn {
  return poolKernel(native, original, 'maxPool');
}

/**
 * wasm AvgPool: each window's mean over its in-bounds values. tfjs-backend-wasm's own (XNNPACK)
 * sums in float32; this sums in float64 like tfjs-backend-cpu, so both backends agree bit for bit.
 */
export function makeNativeAvgPool(native: NativeBinding, original: KernelFn | undefined): KernelFn {
  return poolKernel(native, original, 'avgPool');
}

/** wasm MaxPoolGrad: dy to each window's first maximum; the fallback is the JS path's. */
export function makeNativeMaxPoolGrad(native: NativeBinding): KernelFn {
  return poolKernel(native, wasmMaxPoolGrad, 'maxPoolGrad');
}

/**
 * wasm AvgPoolGrad: as tfjs-backend-cpu, dy over the whole window size even at borders where
 * the forward pass averaged fewer values (padding), so the two backends train alike.
 */
export function makeNativeAvgPoolGrad(native: NativeBinding, original: KernelFn | undefined): KernelFn {
  return poolKernel(native, original, 'avgPoolGrad');
}

function poolKernel(native: NativeBinding, fallback: KernelFn | undefined, pass: Pass): KernelFn {
  return (args) => {
    const { x, input, dy } = args.inputs;
    const source = x ?? input;
    const grad = pass === 'maxPoolGrad' || pass === 'avgPoolGrad';
    if (!source || source.dtype !== 'float32' || source.shape.length !== 4 || (grad && dy?.dtype !== 'float32')) {
      return delegate(fallback, args, pass);
    }
    // tfjs-backend-cpu's AvgPoolGrad ignores dimRoundingMode (AvgPoolGrad.js), so where rounding
    // changes the output shape it reads dy with a geometry dy does not have; this uses dy's own.
    const info = poolInfo(source.shape, args.attrs);
    const geometry = [info.batchSize, info.inHeight, info.inWidth, info.inChannels, info.outHeight, info.outWidth,
      info.filterHeight, info.filterWidth, info.strideHeight, info.strideWidth, info.padInfo.top, info.padInfo.left];
    const backend = args.backend as WasmBackend;
    const out = backend.makeOutput(grad ? source.shape : info.outShape, 'float32');
    const view = (t: tf.TensorInfo) => backend.typedArrayFromHeap(t) as Float32Array;
    if (pass === 'maxPool' || pass === 'avgPool') native[pass](view(source), view(out), geometry);
    else if (pass === 'maxPoolGrad') native.maxPoolGrad(view(source), view(dy!), view(out), geometry);
    else native.avgPoolGrad(view(dy!), view(out), geometry);
    return out;
  };
}

function poolInfo(shape: number[], attrs: Record<string, unknown> | undefined): tf.backend_util.Conv2DInfo {
  const a = attrs as unknown as PoolAttrs;
  return tf.backend_util.computePool2DInfo(shape as [number, number, number, number], a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode);
}

function delegate(fallback: KernelFn | undefined, args: KernelArgs, name: string): tf.TensorInfo | tf.TensorInfo[] {
  if (!fallback) throw new Error(`paperlab kernels: wasm has no ${name} kernel to fall back on`);
  return fallback(args);
}
