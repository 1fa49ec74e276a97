import { invalid } from '../errors/index';
import { runKernel, type KernelFn, type WasmBackend } from './backend-access';
import { convInfo, type ConvAttrs } from './im2col';

interface InputAttrs extends ConvAttrs {
  inputShape: [number, number, number, number];
}

/**
 * Makes the wasm Conv2DBackpropInput. For stride 1 in NHWC the input gradient is a forward
 * convolution of dy with the filter flipped in space and with its channel axes swapped:
 * dx[i] = Σ_k dy[i − k + top] · w[k] = Σ_j dy[i + j − (kh−1−top)] · w[kh−1−j]. That runs on the
 * wasm Conv2D kernel (XNNPACK) instead of tfjs-backend-wasm 4.22's direct loop. The padding becomes
 * kh−1−top above and whatever makes the output inH tall below. Strides above 1, NCHW and explicit
 * padding wider than the filter (it would need negative padding) go to `original`. Float32 sums in another order than the cpu reference:
 * bound in KERNEL_ERROR_BOUNDS.
 */
export function makeWasmConv2DBackpropInput(original: KernelFn | undefined): KernelFn {
  return (args) => {
    const attrs = args.attrs as unknown as InputAttrs;
    const { dy, filter } = args.inputs;
    const info = convInfo(attrs.inputShape, filter.shape, attrs);
    const strided = info.strideHeight !== 1 || info.strideWidth !== 1;
    if (strided || attrs.dataFormat === 'NCHW') {
      if (original) return original(args);
      throw invalid('Conv2DBackpropInput (wasm)', "stride 1 and dataFormat 'NHWC'", `strides [${info.strideHeight}, ${info.strideWidth}], ${attrs.dataFormat}`,
        'this tfjs-backend-wasm has no Conv2DBackpropInput of its own to fall back to');
    }
    const backend = args.backend as WasmBackend;
    const { filterHeight: kh, filterWidth: kw, inChannels: ci, outChannels: co } = info;
    const top = kh - 1 - info.padInfo.top;
    const left = kw - 1 - info.padInfo.left;
    const bottom = info.inHeight - info.outHeight + kh - 1 - top;
    const right = info.inWidth - info.outWidth + kw - 1 - left;
    // Explicit padding wider than the filter would need a negative (cropping) pad here.
    if (Math.min(top, left, bottom, right) < 0 && original) return original(args);
    const flipped = backend.makeOutput([kh, kw, co, ci], 'float32');
    flipFilter(backend.typedArrayFromHeap(filter) as Float32Array, backend.typedArrayFromHeap(flipped) as Float32Array, kh, kw, ci, co);
    const out = runKernel('Conv2D', 'wasm', {
      inputs: { x: dy, filter: flipped },
      backend,
      attrs: { strides: 1, pad: [[0, 0], [top, bottom], [left, right], [0, 0]], dataFormat: 'NHWC', dilations: 1, dimRoundingMode: undefined },
    });
    backend.disposeData(flipped.dataId);
    return out;
  };
}

/** out[a, b, o, c] = w[kh−1−a, kw−1−b, c, o]: the filter of the transposed convolution. */
export function flipFilter(w: Float32Array, out: Float32Array, kh: number, kw: number, ci: number, co: number): void {
  for (let a = 0; a < kh; a++) {
    for (let b = 0; b < kw; b++) {
      const src = ((kh - 1 - a) * kw + (kw - 1 - b)) * ci * co;
      const dst = (a * kw + b) * co * ci;
      for (let c = 0; c < ci; c++) {
        for (let o = 0; o < co; o++) out[dst + o * ci + c] = w[src + c * co + o];
      }
    }
  }
}
