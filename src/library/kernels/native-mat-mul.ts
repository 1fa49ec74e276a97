import * as tf from '@tensorflow/tfjs';
import { ACTIVATION_CODES, type NativeBinding } from '../native/index';
import { sizeOf, type KernelArgs, type KernelFn, type WasmBackend } from './backend-access';

interface MatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
  activation?: keyof typeof ACTIVATION_CODES;
  leakyreluAlpha?: number;
}

/** The shapes of one product, or undefined when the native kernel leaves it to the backend's own. */
interface Plan {
  batch: number;
  m: number;
  n: number;
  k: number;
  strideA: number;
  strideB: number;
  outShape: number[];
}

/**
 * wasm BatchMatMul through OpenBLAS's cblas_sgemm, on the wasm heap in place (no copy), every
 * transpose flag and a batch broadcast from one side; on every core. Anything else (int32, empty
 * operands, a broadcast of both sides) goes to `original`.
 */
export function makeNativeBatchMatMul(native: NativeBinding, original: KernelFn | undefined): KernelFn {
  return (args) => {
    const plan = planOf(args);
    if (!plan) return delegate(original, args, 'BatchMatMul');
    return multiply(native, args, plan);
  };
}

/**
 * wasm _FusedMatMul (matMul + bias + activation, what tf.layers' Dense runs): the product as above,
 * then bias and activation in one pass over the output. Biases or PReLU weights that broadcast
 * other than per column, per element or as a scalar go to `original`.
 */
export function makeNativeFusedMatMul(native: NativeBinding, original: KernelFn | undefined): KernelFn {
  return (args) => {
    const plan = planOf(args);
    const attrs = args.attrs as unknown as MatMulAttrs;
    const { bias, preluActivationWeights: prelu } = args.inputs;
    const code = ACTIVATION_CODES[attrs.activation ?? 'linear'];
    const fits = (t: tf.TensorInfo | undefined) => !t || (t.dtype === 'float32' && [1, plan?.n, sizeOf(plan?.outShape ?? [])].includes(sizeOf(t.shape)));
    if (!plan || code === undefined || !fits(bias) || !fits(prelu)) return delegate(original, args, '_FusedMatMul');
    const backend = args.backend as WasmBackend;
    const out = multiply(native, args, plan);
    const view = (t: tf.TensorInfo | undefined) => (t ? (backend.typedArrayFromHeap(t) as Float32Array) : null);
    native.biasActivation(backend.typedArrayFromHeap(out) as Float32Array, plan.n, view(bias), code, attrs.leakyreluAlpha ?? 0.2, view(prelu));
    return out;
  };
}

function multiply(native: NativeBinding, args: KernelArgs, p: Plan): tf.TensorInfo {
  const backend = args.backend as WasmBackend;
  const attrs = args.attrs as unknown as MatMulAttrs;
  const out = backend.makeOutput(p.outShape, 'float32');
  // Views are taken after makeOutput: an allocation may grow the heap and detach older views.
  const a = backend.typedArrayFromHeap(args.inputs.a!) as Float32Array;
  const b = backend.typedArrayFromHeap(args.inputs.b!) as Float32Array;
  native.matmul(a, b, backend.typedArrayFromHeap(out) as Float32Array, p.batch, p.m, p.n, p.k, attrs.transposeA, attrs.transposeB, p.strideA, p.strideB);
  return out;
}

function planOf(args: KernelArgs): Plan | undefined {
  const { a, b } = args.inputs;
  const attrs = args.attrs as unknown as MatMulAttrs;
  if (!a || !b || a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || b.shape.length < 2) return undefined;
  const [ar, ac] = a.shape.slice(-2) as [number, number];
  const [br, bc] = b.shape.slice(-2) as [number, number];
  const [m, k] = attrs.transposeA ? [ac, ar] : [ar, ac];
  const [kb, n] = attrs.transposeB ? [bc, br] : [br, bc];
  if (k !== kb || m === 0 || n === 0 || k === 0) return undefined;
  const batchShapeA = a.shape.slice(0, -2);
  const batchShapeB = b.shape.slice(0, -2);
  const batchA = sizeOf(batchShapeA);
  const batchB = sizeOf(batchShapeB);
  if (batchA !== batchB && batchA !== 1 && batchB !== 1) return undefined;
  const batchShape = tf.backend_util.assertAndGetBroadcastShape(batchShapeA, batchShapeB);
  return {
    batch: Math.max(batchA, batchB), m, n, k,
    strideA: batchA === 1 ? 0 : m * k,
    strideB: batchB === 1 ? 0 : k * n,
    outShape: [...batchShape, m, n],
  };
}

function delegate(original: KernelFn | undefined, args: KernelArgs, name: string): tf.TensorInfo | tf.TensorInfo[] {
  if (!original) throw new Error(`paperlab kernels: wasm has no ${name} kernel to fall back on`);
  return original(args);
}
