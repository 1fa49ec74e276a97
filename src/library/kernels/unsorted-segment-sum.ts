import type * as tf from '@tensorflow/tfjs';
import { invalid } from '../errors/index';
import { cpuValues, sizeOf, type CpuBackend, type KernelArgs, type WasmBackend } from './backend-access';

// UnsortedSegmentSum is the gradient of gather (tfjs-core GatherV2_grad.js): an embedding's
// weights cannot learn without it. out[s, ...] = Σ_{i : ids[i] = s} x[i, ...]; ids outside
// [0, numSegments) are dropped, as in TensorFlow and in the cpu backend's mask-and-sum.

/**
 * wasm UnsortedSegmentSum (tfjs-backend-wasm 4.22 has none): one pass over x in JS on the wasm
 * heap, summed in float64 in index order like the cpu reference, so results are bit-identical.
 */
export function wasmUnsortedSegmentSum(args: KernelArgs): tf.TensorInfo {
  const backend = args.backend as WasmBackend;
  const { x, segmentIds } = args.inputs;
  const numSegments = checkArgs(x, segmentIds, args.attrs, 'wasm');
  const shape = outShape(x, segmentIds, numSegments);
  const out = backend.makeOutput(shape, x.dtype);
  const sums = segmentSums(backend.typedArrayFromHeap(x), backend.typedArrayFromHeap(segmentIds), numSegments, sizeOf(x.shape) / sizeOf(segmentIds.shape));
  backend.typedArrayFromHeap(out).set(sums);
  return out;
}

/**
 * cpu UnsortedSegmentSum. tfjs-backend-cpu 4.22 runs equal, cast, multiply and sum over all of x
 * once per segment (numSegments full passes: a 10,000-word embedding makes 10,000 passes); this is
 * one pass, summed in float64 in index order, bit-identical to it.
 */
export function cpuUnsortedSegmentSum(args: KernelArgs): tf.TensorInfo {
  const backend = args.backend as CpuBackend;
  const { x, segmentIds } = args.inputs;
  const numSegments = checkArgs(x, segmentIds, args.attrs, 'cpu');
  const sums = segmentSums(cpuValues(backend, x), cpuValues(backend, segmentIds), numSegments, sizeOf(x.shape) / sizeOf(segmentIds.shape));
  const values = x.dtype === 'int32' ? Int32Array.from(sums) : Float32Array.from(sums);
  return backend.makeTensorInfo(outShape(x, segmentIds, numSegments), x.dtype, values);
}

/** Segment sums of `x` viewed as [ids.length, inner], in float64, as [numSegments, inner]. */
export function segmentSums(x: ArrayLike<number>, ids: ArrayLike<number>, numSegments: number, inner: number): Float64Array {
  const acc = new Float64Array(numSegments * inner);
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue;
    const from = i * inner;
    const to = s * inner;
    for (let j = 0; j < inner; j++) acc[to + j] += x[from + j];
  }
  return acc;
}

function outShape(x: tf.TensorInfo, ids: tf.TensorInfo, numSegments: number): number[] {
  return [numSegments, ...x.shape.slice(ids.shape.length)];
}

function checkArgs(x: tf.TensorInfo, ids: tf.TensorInfo, attrs: Record<string, unknown> | undefined, backend: string): number {
  const where = `UnsortedSegmentSum (${backend})`;
  const numSegments = Number(attrs?.numSegments);
  if (!Number.isInteger(numSegments) || numSegments < 0) throw invalid(`${where} numSegments`, 'a non-negative integer', String(attrs?.numSegments));
  if (x.dtype !== 'float32' && x.dtype !== 'int32') throw invalid(`${where} x`, 'a float32 or int32 tensor', x.dtype);
  if (ids.dtype !== 'int32') throw invalid(`${where} segmentIds`, 'an int32 tensor', ids.dtype);
  const prefix = x.shape.slice(0, ids.shape.length);
  if (prefix.join(',') !== ids.shape.join(',')) {
    throw invalid(`${where} segmentIds`, `a shape that starts x's shape [${x.shape.join(', ')}]`, `[${ids.shape.join(', ')}]`);
  }
  return numSegments;
}
