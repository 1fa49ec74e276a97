import * as tf from '@tensorflow/tfjs';
import { cpuValues, type CpuBackend, type KernelArgs, type KernelFn, type WasmBackend } from './backend-access';

// MaxPoolGrad: each pooling window sends its dy to the first position (in row-major window order)
// holding the window's maximum, as tfjs-backend-cpu's maxPoolPositions picks it (strict '>', so
// NaN never wins and an all -Infinity window sends nothing). Where windows overlap, dx sums.

interface PoolAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * wasm MaxPoolGrad. tfjs-backend-wasm 4.22's own took ~160 ms of a ~600 ms CNN training step
 * (both 2x2 pools of the benchmark CNN, measured with tf.profile); this walks each window once
 * over contiguous channels in JS on the wasm heap. Bit-identical to the cpu reference.
 */
export function wasmMaxPoolGrad(args: KernelArgs): tf.TensorInfo {
  const backend = args.backend as WasmBackend;
  const { dy, input } = args.inputs;
  const out = backend.makeOutput(input.shape, 'float32');
  const dx = backend.typedArrayFromHeap(out) as Float32Array;
  maxPoolGradInto(backend.typedArrayFromHeap(input) as Float32Array, backend.typedArrayFromHeap(dy) as Float32Array, poolInfo(input.shape, args.attrs), dx);
  return out;
}

/**
 * Makes the cpu MaxPoolGrad: same walk as the wasm one, bit-identical to tfjs-backend-cpu's,
 * which reads every element through `TensorBuffer.get`. Non-float32 input goes to `original`.
 */
export function makeCpuMaxPoolGrad(original: KernelFn | undefined): KernelFn {
  return (args) => {
    const { dy, input } = args.inputs;
    if (input.dtype !== 'float32' && original) return original(args);
    const backend = args.backend as CpuBackend;
    const dx = new Float32Array(input.shape.reduce((a, b) => a * b, 1));
    maxPoolGradInto(cpuValues(backend, input) as Float32Array, cpuValues(backend, dy) as Float32Array, poolInfo(input.shape, args.attrs), dx);
    return backend.makeTensorInfo(input.shape, 'float32', dx);
  };
}

function poolInfo(xShape: number[], attrs: Record<string, unknown> | undefined): tf.backend_util.Conv2DInfo {
  const a = attrs as unknown as PoolAttrs;
  return tf.backend_util.computePool2DInfo(xShape as [number, number, number, number], a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode);
}

/** Writes the max-pool input gradient into `dx` (NHWC, same shape as `x`). */
export function maxPoolGradInto(x: Float32Array, dy: Float32Array, info: tf.backend_util.Conv2DInfo, dx: Float32Array): void {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  // Overlapping windows can send two dy values to one position: sum those in float64.
  const overlap = fh > sh || fw > sw;
  const acc = overlap ? new Float64Array(dx.length) : undefined;
  if (!overlap) dx.fill(0);
  const best = new Float64Array(c);
  const where = new Int32Array(c);
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        best.fill(-Infinity);
        where.fill(-1);
        for (let ky = 0; ky < fh; ky++) {
          const iy = oy * sh + ky - top;
          if (iy < 0 || iy >= h) continue;
          for (let kx = 0; kx < fw; kx++) {
            const ix = ox * sw + kx - left;
            if (ix < 0 || ix >= w) continue;
            const base = ((b * h + iy) * w + ix) * c;
            for (let ch = 0; ch < c; ch++) {
              const v = x[base + ch];
              if (v > best[ch]) {
                best[ch] = v;
                where[ch] = base + ch;
              }
            }
          }
        }
        const dyBase = ((b * oh + oy) * ow + ox) * c;
        for (let ch = 0; ch < c; ch++) {
          const at = where[ch];
          if (at < 0) continue;
          if (acc) acc[at] += dy[dyBase + ch];
          else dx[at] = dy[dyBase + ch];
        }
      }
    }
  }
  if (acc) dx.set(acc);
}
