/**
 * Relative error bound of each project kernel against the cpu backend's own kernel on the same
 * inputs, as `max |ours − ref| / max |ref|` over the output (ref: tfjs-backend-cpu 4.22 with the
 * project kernels unregistered). 0 means bit-identical: the kernel sums in float64 in the
 * reference's order. The float32 kernels on wasm sum in another order (XNNPACK's blocking), so
 * their error grows with the length of the sums: the bounds hold for standard normal inputs up to
 * the benchmark CNN's sizes (the filter gradient of its second layer sums 12,544 products per
 * element: measured 1e-5 there, 1e-6 on small shapes). tests/kernels check every entry.
 */
export const KERNEL_ERROR_BOUNDS: Readonly<Record<string, number>> = {
  'wasm/Conv2DBackpropFilter': 5e-5,
  'wasm/Conv2DBackpropInput': 1e-5,
  'wasm/BatchMatMul': 1e-5,
  'wasm/UnsortedSegmentSum': 0,
  'wasm/GatherV2': 0,
  'wasm/MaxPoolGrad': 0,
  'wasm/Conv2D': 1e-5,
  'wasm/FusedConv2D': 1e-5,
  'cpu/Conv2DBackpropFilter': 0,
  'cpu/UnsortedSegmentSum': 0,
  'cpu/MaxPoolGrad': 0,
};

/** `max |got − want| / max |want|` (absolute error when `want` is all zeros); Infinity on NaN. */
export function relativeError(got: ArrayLike<number>, want: ArrayLike<number>): number {
  if (got.length !== want.length) return Infinity;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < got.length; i++) {
    const d = Math.abs(got[i] - want[i]);
    if (Number.isNaN(d)) return Infinity;
    diff = Math.max(diff, d);
    scale = Math.max(scale, Math.abs(want[i]));
  }
  return scale === 0 ? diff : diff / scale;
}

/**
 * The same bounds for the native path's kernels (src/library/native), which take these slots
 * while the addon is loaded. sgemm sums in its own blocked order with FMA. oneDNN's forward
 * convolution sums each output over (ky, kx, ci) with FMA in the reference's own order, so
 * Conv2D measured bit-identical (FusedConv2D ~2e-8: bias and activation in float32 post-ops);
 * its gradients sum in blocked orders, the filter gradient split over the batch between threads
 * (measured up to ~4e-6 at the benchmark CNN's first layer, whose sums are 50,176 long).
 * Pooling and Sum are bit-identical: the same float64 sums in the same order.
 */
export const NATIVE_KERNEL_ERROR_BOUNDS: Readonly<Record<string, number>> = {
  'wasm/BatchMatMul': 1e-5,
  'wasm/_FusedMatMul': 1e-5,
  'wasm/Conv2D': 1e-5,
  'wasm/FusedConv2D': 1e-5,
  'wasm/Conv2DBackpropInput': 1e-5,
  'wasm/Conv2DBackpropFilter': 5e-5,
  'wasm/MaxPool': 0,
  'wasm/AvgPool': 0,
  'wasm/MaxPoolGrad': 0,
  'wasm/AvgPoolGrad': 0,
  'wasm/Sum': 0,
};
