import * as tf from '@tensorflow/tfjs';
import { ACTIVATION_CODES, CONV_KINDS, type ConvKind, type NativeBinding } from '../native/index';
import { sizeOf, type KernelArgs, type KernelFn, type WasmBackend } from './backend-access';
import { wasmConv2DBackpropFilter } from './conv2d-backprop-filter';
import { makeWasmConv2DBackpropInput } from './conv2d-backprop-input';
import { makeWasmSamePaddingConv } from './conv2d-same-padding';

// The wasm convolutions of training through oneDNN (src/library/native/conv.cc), on the wasm heap
// in place: NHWC activations and HWIO filters as TF.js holds them. What oneDNN is not given (NCHW,
// int32, empty tensors, PReLU, biases that are not one per channel, padding it cannot express)
// goes to the JS path's kernel for the slot, so every call still has an answer. So do 1x1 filters
// with a stride above 1 (a oneDNN 2.6 bug, geometryOf).

interface ConvAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  activation?: keyof typeof ACTIVATION_CODES;
  leakyreluAlpha?: number;
  inputShape?: [number, number, number, number];
  filterShape?: [number, number, number, number];
}

// TF.js activations with a oneDNN post-op (conv.cc attrOf); PReLU has none.
const FUSED = new Set(['linear', 'relu', 'relu6', 'elu', 'leakyrelu', 'sigmoid']);

/** wasm Conv2D through oneDNN; the fallback is the JS path's (wasm's own with 'same' made explicit). */
export function makeNativeConv2D(native: NativeBinding, original: KernelFn | undefined): KernelFn {
  const fallback = original ? makeWasmSamePaddingConv(original) : undefined;
  return (args) => {
    const { x, filter } = args.inputs;
    const geometry = float32(x, filter) ? geometryOf(x.shape, filter.shape, args.attrs as unknown as ConvAttrs) : undefined;
    if (!geometry) return delegate(fallback, args, 'Conv2D');
    return convolve(native, args.backend as WasmBackend, CONV_KINDS.forward, x, filter, outShape(geometry), geometry, null, 0, 0);
  };
}

/**
 * wasm FusedConv2D (conv + bias + activation) through oneDNN, bias and activation fused into the
 * convolution as oneDNN post-ops.
 */
export function makeNativeFusedConv2D(native: NativeBinding, original: KernelFn | undefined): KernelFn {
  const fallback = original ? makeWasmSamePaddingConv(original) : undefined;
  return (args) => {
    const { x, filter, bias, preluActivationWeights: prelu } = args.inputs;
    const attrs = args.attrs as unknown as ConvAttrs;
    const activation = attrs.activation ?? 'linear';
    const geometry = float32(x, filter) && !prelu && FUSED.has(activation) ? geometryOf(x.shape, filter.shape, attrs) : undefined;
    const perChannel = !bias || (bias.dtype === 'float32' && sizeOf(bias.shape) === geometry?.[4] && bias.shape[bias.shape.length - 1] === geometry[4]);
    if (!geometry || !perChannel) return delegate(fallback, args, 'FusedConv2D');
    return convolve(native, args.backend as WasmBackend, CONV_KINDS.forward, x, filter, outShape(geometry), geometry, bias ?? null,
      ACTIVATION_CODES[activation], attrs.leakyreluAlpha ?? 0.2);
  };
}

/** wasm Conv2DBackpropInput through oneDNN's backward-data convolution, every stride. */
export function makeNativeConv2DBackpropInput(native: NativeBinding, original: KernelFn | undefined): KernelFn {
  const fallback = makeWasmConv2DBackpropInput(original);
  return (args) => {
    const { dy, filter } = args.inputs;
    const attrs = args.attrs as unknown as ConvAttrs;
    const geometry = float32(dy, filter) && attrs.inputShape ? geometryOf(attrs.inputShape, filter.shape, { ...attrs, dilations: 1 }) : undefined;
    if (!geometry || !tf.util.arraysEqual(outShape(geometry), dy.shape)) return fallback(args);
    return convolve(native, args.backend as WasmBackend, CONV_KINDS.backwardData, dy, filter, [...attrs.inputShape!], geometry, null, 0, 0);
  };
}

/** wasm Conv2DBackpropFilter (absent in tfjs-backend-wasm 4.22) through oneDNN's backward-weights convolution. */
export function makeNativeConv2DBackpropFilter(native: NativeBinding): KernelFn {
  return (args) => {
    const { x, dy } = args.inputs;
    const attrs = args.attrs as unknown as ConvAttrs;
    const geometry = float32(x, dy) && attrs.filterShape ? geometryOf(x.shape, attrs.filterShape, { ...attrs, dilations: 1 }) : undefined;
    if (!geometry || !tf.util.arraysEqual(outShape(geometry), dy.shape)) return wasmConv2DBackpropFilter(args);
    return convolve(native, args.backend as WasmBackend, CONV_KINDS.backwardFilter, x, dy, [...attrs.filterShape!], geometry, null, 0, 0);
  };
}

function convolve(native: NativeBinding, backend: WasmBackend, kind: ConvKind, a: tf.TensorInfo, b: tf.TensorInfo, shape: number[],
  geometry: number[], bias: tf.TensorInfo | null, activation: number, alpha: number): tf.TensorInfo {
  const out = backend.makeOutput(shape, 'float32');
  // Views are taken after makeOutput: an allocation may grow the heap and detach older views.
  const view = (t: tf.TensorInfo) => backend.typedArrayFromHeap(t) as Float32Array;
  native.conv2d(kind, view(a), view(b), view(out), geometry, bias ? view(bias) : null, activation, alpha);
  return out;
}

/**
 * The geometry array of conv.cc (CONV_GEOMETRY order) for NHWC input `xShape` and HWIO filter
 * `filterShape`, from tfjs-core's own computeConv2DInfo; undefined for what oneDNN is not given.
 */
export function geometryOf(xShape: readonly number[], filterShape: readonly number[], attrs: ConvAttrs): number[] | undefined {
  if ((attrs.dataFormat ?? 'NHWC') !== 'NHWC' || xShape.length !== 4 || filterShape.length !== 4) return undefined;
  const info = tf.backend_util.computeConv2DInfo(xShape as [number, number, number, number], filterShape as [number, number, number, number],
    attrs.strides, attrs.dilations ?? 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci, outChannels: co, filterHeight: kh, filterWidth: kw, outHeight: oh, outWidth: ow } = info;
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw, padInfo } = info;
  if (Math.min(n, h, w, ci, co, kh, kw, oh, ow) <= 0) return undefined;
  // oneDNN 2.6 runs 1x1 filters with strides through its jit_1x1 kernels, which write past their
  // scratchpad (conv.cc avoidBroken): the JS path takes those.
  if (kh === 1 && kw === 1 && (sh > 1 || sw > 1)) return undefined;
  const bottom = farPad(h, info.effectiveFilterHeight, sh, padInfo.top, padInfo.bottom, oh);
  const right = farPad(w, info.effectiveFilterWidth, sw, padInfo.left, padInfo.right, ow);
  if (bottom === undefined || right === undefined || padInfo.top < 0 || padInfo.left < 0) return undefined;
  return [n, h, w, ci, co, kh, kw, oh, ow, sh, sw, dh, dw, padInfo.top, padInfo.left, bottom, right];
}

// oneDNN requires out = floor((in - effectiveFilter + near + far) / stride) + 1. TF.js's far pad
// satisfies it except where rounding modes leave rows unread; then the least far pad that does.
function farPad(size: number, effective: number, stride: number, near: number, far: number, out: number): number | undefined {
  const fits = (p: number) => p >= 0 && Math.floor((size - effective + near + p) / stride) + 1 === out;
  if (fits(far)) return far;
  const least = Math.max(0, (out - 1) * stride + effective - size - near);
  return fits(least) ? least : undefined;
}

function outShape(g: number[]): number[] {
  return [g[0]!, g[7]!, g[8]!, g[4]!];
}

function float32(...ts: tf.TensorInfo[]): boolean {
  return ts.every((t) => t && t.dtype === 'float32');
}

function delegate(fallback: KernelFn | undefined, args: KernelArgs, name: string): tf.TensorInfo | tf.TensorInfo[] {
  if (!fallback) throw new Error(`paperlab kernels: wasm has no ${name} kernel to fall back on`);
  return fallback(args);
}
