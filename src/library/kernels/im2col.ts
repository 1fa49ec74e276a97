import * as tf from '@tensorflow/tfjs';

/** Geometry of a 2-D convolution in NHWC, as tfjs-core's `computeConv2DInfo` computes it. */
export type ConvInfo = tf.backend_util.Conv2DInfo;

/** Conv2D attributes shared by the backprop kernels (tfjs-core kernel_names.d.ts). */
export interface ConvAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** The convolution geometry for input shape `xShape` and filter shape `filterShape` (dilation 1). */
export function convInfo(xShape: number[], filterShape: number[], attrs: ConvAttrs): ConvInfo {
  const format = tf.backend_util.convertConv2DDataFormat(attrs.dataFormat);
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number], filterShape as [number, number, number, number],
    attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, format);
}

/**
 * Writes the im2col matrix of NHWC input `x` into `out`: one row per output pixel (n, oy, ox), in
 * that order, and one column per filter tap (ky, kx, c), in the filter's own order, so that
 * `out^T · dy2d` is the filter gradient laid out as [kh, kw, Cin, Cout]. Taps in the padding are 0.
 * `out` must hold N·outH·outW·kh·kw·Cin floats.
 */
export function im2col(x: Float32Array, info: ConvInfo, out: Float32Array): void {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const k = kh * kw * c;
  let row = 0;
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++, row += k) {
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * sh + ky - top;
          for (let kx = 0; kx < kw; kx++) {
            const ix = ox * sw + kx - left;
            const dst = row + (ky * kw + kx) * c;
            if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
              out.fill(0, dst, dst + c);
            } else {
              copy(x, ((b * h + iy) * w + ix) * c, out, dst, c);
            }
          }
        }
      }
    }
  }
}

// A plain loop beats subarray+set for the few channels of a first layer (1 for MNIST).
function copy(src: Float32Array, from: number, dst: Float32Array, to: number, count: number): void {
  if (count >= 16) {
    dst.set(src.subarray(from, from + count), to);
    return;
  }
  for (let i = 0; i < count; i++) dst[to + i] = src[from + i];
}
