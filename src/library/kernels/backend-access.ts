import * as tf from '@tensorflow/tfjs';

// Kernels run below the engine: they get TensorInfos (dataId, shape, dtype) and the backend object,
// and must return TensorInfos the backend owns. They call other kernels' functions directly, the
// way tfjs-backend-wasm's own kernels do (e.g. its BatchMatMul calls its Reshape), never tf ops:
// ops would go through the engine's scopes and tape while a kernel is running.

/** The parts of tfjs-backend-wasm 4.22's `BackendWasm` these kernels use (backend_wasm.js). */
export interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  /** A view of the tensor's bytes on the wasm heap. Invalid after any allocation (the heap may grow). */
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: tf.DataId, force?: boolean): boolean;
}

/** The parts of tfjs-backend-cpu 4.22's `MathBackendCPU` these kernels use. */
export interface CpuBackend {
  data: { get(dataId: tf.DataId): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values?: ArrayLike<number>): tf.TensorInfo;
  disposeIntermediateTensorInfo(info: tf.TensorInfo): void;
}

/** Arguments every kernel function receives (tfjs-core's KernelFunc). */
export interface KernelArgs {
  inputs: Record<string, tf.TensorInfo>;
  backend: unknown;
  attrs?: Record<string, unknown>;
}

/** A kernel function as stored in tfjs-core's registry. */
export type KernelFn = (args: KernelArgs) => tf.TensorInfo | tf.TensorInfo[];

/**
 * Runs the kernel currently registered for `kernelName` on `backendName` and returns its single
 * output. Throws a plain Error naming the kernel when none is registered (a broken install).
 */
export function runKernel(kernelName: string, backendName: string, args: KernelArgs): tf.TensorInfo {
  const kernel = tf.getKernel(kernelName, backendName);
  if (!kernel) throw new Error(`paperlab kernels: ${backendName} has no ${kernelName} kernel`);
  const out = (kernel.kernelFunc as unknown as KernelFn)(args);
  return Array.isArray(out) ? out[0] : out;
}

/** The values of a cpu-backend tensor (float32 or int32 typed array). */
export function cpuValues(backend: CpuBackend, info: tf.TensorInfo): Float32Array | Int32Array {
  return backend.data.get(info.dataId).values as Float32Array | Int32Array;
}

/** Product of the dimensions (1 for a scalar). */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** The same data seen with another shape: no copy and no reference count change. */
export function withShape(info: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  return { dataId: info.dataId, shape, dtype: info.dtype };
}
