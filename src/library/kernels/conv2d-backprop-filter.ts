import type * as tf from '@tensorflow/tfjs';
import { invalid } from '../errors/index';
import { cpuValues, runKernel, sizeOf, withShape, type CpuBackend, type KernelArgs, type KernelFn, type WasmBackend } from './backend-access';
import { convInfo, im2col, type ConvAttrs, type ConvInfo } from './im2col';

// Conv2DBackpropFilter: dW[ky,kx,ci,co] = Σ_{n,oy,ox} x[n, oy·sh+ky−top, ox·sw+kx−left, ci] · dy[n,oy,ox,co].

interface FilterAttrs extends ConvAttrs {
  filterShape: [number, number, number, number];
}

/**
 * wasm Conv2DBackpropFilter (tfjs-backend-wasm 4.22 has none, so a CNN cannot train there):
 * dW = im2col(x)^T · dy. im2col is written in JS straight into the wasm heap, transposed by the
 * wasm Transpose kernel, and multiplied by BatchMatMul without transpose flags, which is the one
 * case that reaches XNNPACK (batch_mat_mul_impl.cc; with a flag it falls to a naive loop).
 * NHWC only, like the wasm Conv2D it differentiates. Float32 sums in another order than the cpu
 * reference: relative error bound in KERNEL_ERROR_BOUNDS.
 */
export function wasmConv2DBackpropFilter(args: KernelArgs): tf.TensorInfo {
  const backend = args.backend as WasmBackend;
  const { x, dy } = args.inputs;
  const attrs = args.attrs as unknown as FilterAttrs;
  if (attrs.dataFormat === 'NCHW') {
    throw invalid('Conv2DBackpropFilter (wasm)', "dataFormat 'NHWC'", 'NCHW', "the wasm Conv2D itself supports only NHWC ('channelsLast')");
  }
  const info = convInfo(x.shape, attrs.filterShape, attrs);
  const k = info.filterHeight * info.filterWidth * info.inChannels;
  const m = info.batchSize * info.outHeight * info.outWidth;
  const cols = backend.makeOutput([m, k], 'float32');
  // Views only after the allocation: growing the heap detaches older views.
  im2col(backend.typedArrayFromHeap(x) as Float32Array, info, backend.typedArrayFromHeap(cols) as Float32Array);
  const colsT = runKernel('Transpose', 'wasm', { inputs: { x: cols }, backend, attrs: { perm: [1, 0] } });
  backend.disposeData(cols.dataId);
  const out = runKernel('BatchMatMul', 'wasm', {
    inputs: { a: colsT, b: withShape(dy, [m, info.outChannels]) },
    backend,
    attrs: { transposeA: false, transposeB: false },
  });
  backend.disposeData(colsT.dataId);
  return withShape(out, attrs.filterShape);
}

/**
 * Makes the cpu Conv2DBackpropFilter. tfjs-backend-cpu 4.22 loops filter tap by filter tap over
 * the whole batch through `TensorBuffer.get` (seconds per step for a small CNN). This one walks
 * the batch once, output pixel by output pixel, with an inner loop over contiguous output
 * channels; each dW element is summed in float64 over (n, oy, ox) in the same order as the
 * reference, so the results are bit-identical to it. NCHW goes to `original`.
 */
export function makeCpuConv2DBackpropFilter(original: KernelFn | undefined): KernelFn {
  return (args) => {
    const attrs = args.attrs as unknown as FilterAttrs;
    if (attrs.dataFormat === 'NCHW' && original) return original(args);
    const backend = args.backend as CpuBackend;
    const { x, dy } = args.inputs;
    const info = convInfo(x.shape, attrs.filterShape, attrs);
    const acc = filterGradient(cpuValues(backend, x), cpuValues(backend, dy), info);
    return backend.makeTensorInfo(attrs.filterShape, 'float32', Float32Array.from(acc));
  };
}

/** The filter gradient of an NHWC convolution, summed in float64, as [kh, kw, Cin, Cout]. */
export function filterGradient(x: ArrayLike<number>, dy: ArrayLike<number>, info: ConvInfo): Float64Array {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci, outHeight: oh, outWidth: ow, outChannels: co } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const acc = new Float64Array(sizeOf([kh, kw, ci, co]));
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        const dyOff = ((b * oh + oy) * ow + ox) * co;
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * sh + ky - top;
          if (iy < 0 || iy >= h) continue;
          for (let kx = 0; kx < kw; kx++) {
            const ix = ox * sw + kx - left;
            if (ix < 0 || ix >= w) continue;
            const xOff = ((b * h + iy) * w + ix) * ci;
            let wOff = (ky * kw + kx) * ci * co;
            for (let c = 0; c < ci; c++, wOff += co) {
              const a = x[xOff + c];
              for (let o = 0; o < co; o++) acc[wOff + o] += a * dy[dyOff + o];
            }
          }
        }
      }
    }
  }
  return acc;
}
