import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../../src/library/backend/index';
import { registerTrainingKernels, unregisterTrainingKernels } from '../../../src/library/kernels/index';
import type { Rng } from '../../../src/library/random/index';

/** Makes `name` the active backend (quietly). */
export async function on(name: 'cpu' | 'wasm'): Promise<void> {
  await useBackend({ force: name, log: () => undefined });
}

/** Runs `f` on the cpu backend with the project kernels unregistered: the reference result. */
export async function reference<T>(f: () => T): Promise<T> {
  unregisterTrainingKernels();
  try {
    await on('cpu');
    return f();
  } finally {
    registerTrainingKernels();
  }
}

/** Runs `f` on `backend` with the project kernels registered. */
export async function ours<T>(backend: 'cpu' | 'wasm', f: () => T): Promise<T> {
  registerTrainingKernels();
  await on(backend);
  return f();
}

/** `n` standard normal draws as float32. */
export function normals(r: Rng, n: number): Float32Array {
  return Float32Array.from({ length: n }, () => r.normal());
}

/** Runs a kernel by name on the active backend and returns its values (the tensor is disposed). */
export function kernelValues(kernelName: string, inputs: Record<string, tf.Tensor>, attrs: object): Float32Array {
  const out = tf.engine().runKernel(kernelName, inputs as unknown as tf.NamedTensorMap, attrs as tf.NamedAttrMap) as tf.Tensor;
  const values = out.dataSync() as Float32Array;
  out.dispose();
  return values;
}

/** Values of a list of tensors (disposed afterwards), concatenated per tensor. */
export function valuesOf(ts: tf.Tensor[]): Float32Array[] {
  const out = ts.map((t) => Float32Array.from(t.dataSync()));
  tf.dispose(ts);
  return out;
}
