import * as tf from '@tensorflow/tfjs';
import type { KernelFn } from './backend-access';

/**
 * Makes a wasm Conv2D / FusedConv2D that passes 'same' padding to the wasm kernel as the explicit
 * padding tfjs-core computes for it. Measured on tfjs-backend-wasm 4.22: with pad 'same', a stride
 * above 1 and a filter whose height and width differ in parity from the padding XNNPACK derives
 * (e.g. x [1,8,6,1], filter [3,1,1,1], stride 2), the kernel returns all zeros, while the same
 * padding given explicitly is right (the kernel hands 'same' to XNNPACK's TENSORFLOW_SAME_PADDING
 * flag, conv2d_impl.cc). Explicit padding is the same arithmetic, so results are unchanged
 * wherever the original was right.
 */
export function makeWasmSamePaddingConv(original: KernelFn): KernelFn {
  return (args) => {
    const attrs = args.attrs as { pad: unknown; strides: number | [number, number]; dilations?: number | [number, number]; dataFormat?: string };
    if (attrs.pad !== 'same') return original(args);
    const { x, filter } = args.inputs;
    const format = tf.backend_util.convertConv2DDataFormat((attrs.dataFormat ?? 'NHWC') as 'NHWC' | 'NCHW');
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number], filter.shape as [number, number, number, number],
      attrs.strides, attrs.dilations ?? 1, 'same', undefined, false, format);
    const { top, bottom, left, right } = info.padInfo;
    const pad = format === 'channelsLast' ? [[0, 0], [top, bottom], [left, right], [0, 0]] : [[0, 0], [0, 0], [top, bottom], [left, right]];
    return original({ ...args, attrs: { ...attrs, pad } });
  };
}
