import type * as tf from '@tensorflow/tfjs';
import { sizeOf, type KernelArgs, type KernelFn, type WasmBackend } from './backend-access';

// tfjs-backend-wasm 4.22's GatherV2 computes every output element's source index through strides:
// 48 ms to gather 2,823 rows of 500 floats, 3x the whole matmul it replaces in an embedding-style
// first layer. A gather is a copy of contiguous blocks, so this one copies them (bit-identical by
// construction). batchDims > 0 and any index out of range go to the backend's own kernel, so its
// behaviour there is unchanged.

/** wasm GatherV2: copies each gathered slice `x[outer, index, :]` on the wasm heap, per batch. */
export function makeWasmGather(original: KernelFn | undefined): KernelFn | undefined {
  if (!original) return undefined;
  return (args: KernelArgs) => {
    const backend = args.backend as WasmBackend;
    const { x, indices } = args.inputs;
    const batchDims = Number(args.attrs?.batchDims ?? 0);
    const rank = x.shape.length;
    const asked = Number(args.attrs?.axis ?? 0);
    const axis = asked < 0 ? asked + rank : asked;
    const batchShape = x.shape.slice(0, batchDims);
    const takes = indices.dtype === 'int32' && Number.isInteger(axis) && axis >= 0 && axis < rank
      && Number.isInteger(batchDims) && batchDims >= 0 && batchDims <= axis && batchDims <= indices.shape.length
      && batchShape.every((d, i) => indices.shape[i] === d);
    if (!takes) return original(args);
    const axisSize = x.shape[axis]!;
    const ids = backend.typedArrayFromHeap(indices);
    for (let k = 0; k < ids.length; k++) if (ids[k]! < 0 || ids[k]! >= axisSize) return original(args);

    const out = backend.makeOutput([...x.shape.slice(0, axis), ...indices.shape.slice(batchDims), ...x.shape.slice(axis + 1)], x.dtype);
    // Views taken after makeOutput: an allocation may grow (and move) the heap.
    const src = backend.typedArrayFromHeap(x);
    const dst = backend.typedArrayFromHeap(out);
    const at = backend.typedArrayFromHeap(indices);
    const outer = sizeOf(x.shape.slice(0, axis));
    const inner = sizeOf(x.shape.slice(axis + 1));
    // Each batch (the leading batchDims axes, shared by x and indices) has its own block of indices.
    const outerPerBatch = outer / sizeOf(batchShape);
    const perBatch = at.length / sizeOf(batchShape);
    let o = 0;
    for (let b = 0; b < outer; b++) {
      const base = b * axisSize * inner;
      const first = Math.floor(b / outerPerBatch) * perBatch;
      if (inner === 1) {
        for (let k = first; k < first + perBatch; k++) dst[o++] = src[base + at[k]!]!;
        continue;
      }
      for (let k = first; k < first + perBatch; k++) {
        const from = base + at[k]! * inner;
        dst.set(src.subarray(from, from + inner), o);
        o += inner;
      }
    }
    return out as tf.TensorInfo;
  };
}
