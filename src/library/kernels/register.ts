import * as tf from '@tensorflow/tfjs';
import type { KernelFn } from './backend-access';
import { makeWasmBatchMatMul } from './batch-mat-mul';
import { makeCpuConv2DBackpropFilter, wasmConv2DBackpropFilter } from './conv2d-backprop-filter';
import { makeWasmConv2DBackpropInput } from './conv2d-backprop-input';
import { makeWasmSamePaddingConv } from './conv2d-same-padding';
import { makeWasmGather } from './gather';
import { makeCpuMaxPoolGrad, wasmMaxPoolGrad } from './max-pool-grad';
import { cpuUnsortedSegmentSum, wasmUnsortedSegmentSum } from './unsorted-segment-sum';
import { nativeBinding, type NativeBinding } from '../native/index';
import { makeNativeConv2D, makeNativeConv2DBackpropFilter, makeNativeConv2DBackpropInput, makeNativeFusedConv2D } from './native-conv';
import { makeNativeBatchMatMul, makeNativeFusedMatMul } from './native-mat-mul';
import { makeNativeAvgPool, makeNativeAvgPoolGrad, makeNativeMaxPool, makeNativeMaxPoolGrad } from './native-pool';
import { makeNativeSum } from './native-sum';
import { installNativeOptimizers, uninstallNativeOptimizers } from './native-optimizers';

/** One project kernel: which registry slot it takes and how it is built from what was there. */
interface Override {
  kernelName: string;
  backendName: 'wasm' | 'cpu';
  /** Builds the kernel function; `original` is the backend's own kernel, if it has one. */
  make(original: KernelFn | undefined): KernelFn | undefined;
}

/** A kernel of the native path (src/library/native): it takes the slot while the addon is loaded. */
interface NativeOverride {
  kernelName: string;
  backendName: 'wasm';
  make(native: NativeBinding, original: KernelFn | undefined): KernelFn;
}

// On the wasm heap in place, on every core: products through OpenBLAS, convolutions through
// oneDNN, pooling and the sums of bias gradients in C++ loops; error bounds in NATIVE_KERNEL_ERROR_BOUNDS.
const NATIVE_OVERRIDES: readonly NativeOverride[] = [
  { kernelName: 'BatchMatMul', backendName: 'wasm', make: makeNativeBatchMatMul },
  { kernelName: '_FusedMatMul', backendName: 'wasm', make: makeNativeFusedMatMul },
  { kernelName: 'Conv2D', backendName: 'wasm', make: makeNativeConv2D },
  { kernelName: 'FusedConv2D', backendName: 'wasm', make: makeNativeFusedConv2D },
  { kernelName: 'Conv2DBackpropInput', backendName: 'wasm', make: makeNativeConv2DBackpropInput },
  { kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', make: (native) => makeNativeConv2DBackpropFilter(native) },
  { kernelName: 'MaxPool', backendName: 'wasm', make: makeNativeMaxPool },
  { kernelName: 'AvgPool', backendName: 'wasm', make: makeNativeAvgPool },
  { kernelName: 'MaxPoolGrad', backendName: 'wasm', make: (native) => makeNativeMaxPoolGrad(native) },
  { kernelName: 'AvgPoolGrad', backendName: 'wasm', make: makeNativeAvgPoolGrad },
  { kernelName: 'Sum', backendName: 'wasm', make: makeNativeSum },
];

// Each one is absent from the backend, measured faster than its own kernel in
// tests/bench/train.bench.ts, or (wasm Conv2D, FusedConv2D) fixes wrong results; error bounds in
// KERNEL_ERROR_BOUNDS.
const OVERRIDES: readonly Override[] = [
  { kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', make: () => wasmConv2DBackpropFilter },
  { kernelName: 'Conv2DBackpropInput', backendName: 'wasm', make: (original) => makeWasmConv2DBackpropInput(original) },
  { kernelName: 'BatchMatMul', backendName: 'wasm', make: (original) => (original ? makeWasmBatchMatMul(original) : undefined) },
  { kernelName: 'UnsortedSegmentSum', backendName: 'wasm', make: () => wasmUnsortedSegmentSum },
  { kernelName: 'GatherV2', backendName: 'wasm', make: (original) => makeWasmGather(original) },
  { kernelName: 'MaxPoolGrad', backendName: 'wasm', make: () => wasmMaxPoolGrad },
  { kernelName: 'Conv2D', backendName: 'wasm', make: (original) => (original ? makeWasmSamePaddingConv(original) : undefined) },
  { kernelName: 'FusedConv2D', backendName: 'wasm', make: (original) => (original ? makeWasmSamePaddingConv(original) : undefined) },
  { kernelName: 'Conv2DBackpropFilter', backendName: 'cpu', make: (original) => makeCpuConv2DBackpropFilter(original) },
  { kernelName: 'UnsortedSegmentSum', backendName: 'cpu', make: () => cpuUnsortedSegmentSum },
  { kernelName: 'MaxPoolGrad', backendName: 'cpu', make: (original) => makeCpuMaxPoolGrad(original) },
];

interface Installed {
  ours: tf.KernelConfig;
  /** What the registry held before (undefined: the backend had no such kernel). */
  original: tf.KernelConfig | undefined;
}

// On globalThis: tslab re-evaluates src modules, and a second copy of this module must see (and
// not re-wrap) the kernels the first one installed. The kernel registry itself is global in tfjs.
const STATE_KEY = Symbol.for('paperlab.kernels.installed');

function installed(): Map<string, Installed> {
  const g = globalThis as unknown as Record<symbol, Map<string, Installed> | undefined>;
  if (!g[STATE_KEY]) g[STATE_KEY] = new Map();
  return g[STATE_KEY];
}

/**
 * Registers paperlab's training kernels with TF.js (`tf.registerKernel`) for the wasm and cpu
 * backends, so every model trains there: wasm gains Conv2DBackpropFilter and UnsortedSegmentSum
 * (absent in tfjs-backend-wasm 4.22), faster BatchMatMul with transpose flags, stride-1
 * Conv2DBackpropInput and MaxPoolGrad, and Conv2D/FusedConv2D that are right with 'same' padding;
 * cpu gains a fast Conv2DBackpropFilter, MaxPoolGrad and a one-pass UnsortedSegmentSum.
 * Idempotent; safe before or after `useBackend()` (it loads tfjs-backend-wasm first, so the
 * package cannot register its own kernels over these later; a wasm backend not installed is
 * skipped). On the native path (src/library/native) the heavy slots run natively instead
 * (NATIVE_OVERRIDES: products through OpenBLAS, convolutions through oneDNN, pooling and bias-gradient sums in C++), and tf.train.adam's and tf.train.momentum's updates run one native pass per
 * variable, bit-identical to tfjs's own ops. Returns every kernel now installed, as
 * `backend/KernelName`, and the optimizer classes whose update runs natively.
 */
export function registerTrainingKernels(): { registered: string[]; optimizers: string[] } {
  loadWasmPackage();
  const state = installed();
  const native = nativeBinding();
  const nativeSlots = new Set(native ? NATIVE_OVERRIDES.map((o) => `${o.backendName}/${o.kernelName}`) : []);
  const chosen: Override[] = [
    ...OVERRIDES.filter((o) => !nativeSlots.has(`${o.backendName}/${o.kernelName}`)),
    ...(native ? NATIVE_OVERRIDES.map((o) => ({ ...o, make: (original: KernelFn | undefined) => o.make(native, original) })) : []),
  ];
  for (const o of chosen) {
    if (!backendKernelsPresent(o.backendName)) continue;
    const key = `${o.backendName}/${o.kernelName}`;
    const current = tf.getKernel(o.kernelName, o.backendName);
    if (current && state.get(key)?.ours === current) continue;
    const own = current;
    const kernelFunc = o.make(own ? (own.kernelFunc as unknown as KernelFn) : undefined);
    if (!kernelFunc) continue;
    // The original's setup stays with the slot: a backend initialised later still runs it, and
    // our kernel calls the original, which needs it.
    const ours: tf.KernelConfig = {
      kernelName: o.kernelName,
      backendName: o.backendName,
      kernelFunc: kernelFunc as unknown as tf.KernelFunc,
      setupFunc: own?.setupFunc,
      disposeFunc: own?.disposeFunc,
    };
    if (current) tf.unregisterKernel(o.kernelName, o.backendName); // avoids tfjs's "already registered" warning
    tf.registerKernel(ours);
    state.set(key, { ours, original: own });
  }
  const optimizers = native ? installNativeOptimizers(native) : [];
  return { registered: [...state.keys()].filter((key) => isInstalled(key)), optimizers };
}

/**
 * Puts back the backends' own kernels (for comparisons and benchmarks). Returns the slots restored.
 * A later {@link registerTrainingKernels} installs the project kernels again.
 */
export function unregisterTrainingKernels(): { restored: string[] } {
  uninstallNativeOptimizers();
  const state = installed();
  const restored: string[] = [];
  for (const [key, entry] of state) {
    const { kernelName, backendName } = entry.ours;
    if (tf.getKernel(kernelName, backendName) === entry.ours) {
      tf.unregisterKernel(kernelName, backendName);
      if (entry.original) tf.registerKernel(entry.original);
      restored.push(key);
    }
    state.delete(key);
  }
  return { restored };
}

/** The project kernels installed right now, as `backend/KernelName`. */
export function installedTrainingKernels(): string[] {
  return [...installed().keys()].filter((key) => isInstalled(key));
}

function isInstalled(key: string): boolean {
  const entry = installed().get(key);
  if (!entry) return false;
  return tf.getKernel(entry.ours.kernelName, entry.ours.backendName) === entry.ours;
}

// A backend's kernels are registered when its package is imported, before it is initialised.
function backendKernelsPresent(backendName: string): boolean {
  return Boolean(tf.getKernel('Add', backendName));
}

function loadWasmPackage(): void {
  if (backendKernelsPresent('wasm')) return;
  try {
    require('@tensorflow/tfjs-backend-wasm');
  } catch {
    // Not installed: the wasm kernels are skipped, and useBackend() reports the backend missing.
  }
}
