import * as tf from '@tensorflow/tfjs';
import type { NativeBinding } from '../native/index';
import type { WasmBackend } from './backend-access';

// The optimizer's update is most of a small model's step on wasm: tfjs-core's AdamOptimizer issues
// about a dozen ops per variable (each with its own allocation and ~10-40 µs of engine overhead).
// On the native path, tf.train.adam's and tf.train.momentum's applyGradients (and every subclass's,
// e.g. the library's AdamW) run one native pass per variable instead, rounding op by op as tfjs
// does: bit-identical to the original (tests/library/kernels/native-optimizers.test.ts). Elsewhere
// (another backend, non-float32 variables) the original runs.

type Gradients = Parameters<tf.Optimizer['applyGradients']>[0];
type Apply = (this: tf.Optimizer, gradients: Gradients) => void;

interface Slot { variable: tf.Variable; originalName: string }

/** The parts of tfjs-core 4.22's AdamOptimizer this reads (adam_optimizer.js). */
interface AdamInternals {
  learningRate: number; beta1: number; beta2: number; epsilon: number;
  accBeta1: tf.Variable; accBeta2: tf.Variable;
  accumulatedFirstMoment: Slot[]; accumulatedSecondMoment: Slot[];
  incrementIterations(): void;
}

/** The parts of tfjs-core 4.22's MomentumOptimizer this reads (momentum_optimizer.js). */
interface MomentumInternals {
  learningRate: number; momentum: number; useNesterov: boolean;
  accumulations: Slot[];
  incrementIterations(): void;
}

interface Patched { cls: { prototype: { applyGradients: Apply } }; original: Apply }

const STATE_KEY = Symbol.for('paperlab.kernels.optimizers');

function patched(): Patched[] {
  const g = globalThis as unknown as Record<symbol, Patched[] | undefined>;
  return (g[STATE_KEY] ??= []);
}

/** Installs the native updates (idempotent); returns the classes patched, e.g. `AdamOptimizer`. */
export function installNativeOptimizers(native: NativeBinding): string[] {
  const done = patched();
  const install = (cls: Patched['cls'], make: (original: Apply) => Apply) => {
    if (done.some((p) => p.cls === cls)) return;
    const original = cls.prototype.applyGradients;
    cls.prototype.applyGradients = make(original);
    done.push({ cls, original });
  };
  install(tf.AdamOptimizer as unknown as Patched['cls'], (original) => function (this: tf.Optimizer, gradients: Gradients) {
    if (!adamStep(native, this as unknown as AdamInternals, gradients)) original.call(this, gradients);
  });
  install(tf.MomentumOptimizer as unknown as Patched['cls'], (original) => function (this: tf.Optimizer, gradients: Gradients) {
    if (!momentumStep(native, this as unknown as MomentumInternals, gradients)) original.call(this, gradients);
  });
  return done.map((p) => (p.cls as unknown as { name: string }).name);
}

/** Puts tfjs's own applyGradients back; returns the classes restored. */
export function uninstallNativeOptimizers(): string[] {
  const done = patched();
  const restored = done.map((p) => {
    p.cls.prototype.applyGradients = p.original;
    return (p.cls as unknown as { name: string }).name;
  });
  done.length = 0;
  return restored;
}

/** The classes whose update runs natively right now. */
export function nativeOptimizersInstalled(): string[] {
  return patched().map((p) => (p.cls as unknown as { name: string }).name);
}

interface Update {
  /** Index of the variable in this call (tfjs keys its state slots by it). */
  index: number;
  value: tf.Variable;
  /** Absent: tfjs creates the variable's state but leaves it and the variable unchanged. */
  grad: tf.Tensor | undefined;
}

// The variables and gradients of one call, or undefined when the native pass does not apply.
function updatesOf(gradients: Gradients): Update[] | undefined {
  if (tf.getBackend() !== 'wasm') return undefined;
  const names = Array.isArray(gradients) ? gradients.map((g) => g.name) : Object.keys(gradients);
  const updates: Update[] = [];
  for (const [index, name] of names.entries()) {
    const value = tf.engine().registeredVariables[name];
    const grad = Array.isArray(gradients) ? gradients[index]!.tensor : gradients[name];
    if (!value || value.dtype !== 'float32') return undefined;
    if (grad && (grad.dtype !== 'float32' || grad.size !== value.size)) return undefined;
    updates.push({ index, value, grad: grad ?? undefined });
  }
  return updates;
}

/** A state slot exactly as tfjs creates it (same names, not trainable). */
function slotFor(slots: Slot[], i: number, value: tf.Variable, suffix: string): tf.Variable {
  slots[i] ??= { originalName: `${value.name}/${suffix}`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
  return slots[i]!.variable;
}

/**
 * Where a pass writes a tensor's new values: in place when nothing else holds its data (the
 * variable's own reference only), else into a new buffer the variable is then assigned.
 */
class Target {
  private readonly fresh: tf.TensorInfo | undefined;

  constructor(private readonly backend: WasmBackend & { refCount(dataId: tf.DataId): number }, private readonly variable: tf.Variable) {
    this.fresh = backend.refCount(variable.dataId) === 1 ? undefined : backend.makeOutput(variable.shape, 'float32');
  }

  view(): Float32Array {
    return this.backend.typedArrayFromHeap(this.fresh ?? this.variable) as Float32Array;
  }

  commit(): void {
    if (!this.fresh) return;
    const t = tf.engine().makeTensorFromTensorInfo(this.fresh);
    this.variable.assign(t);
    t.dispose();
  }
}

function wasmBackend(): WasmBackend & { refCount(dataId: tf.DataId): number } {
  return tf.backend() as unknown as WasmBackend & { refCount(dataId: tf.DataId): number };
}

function heap(backend: WasmBackend, t: tf.Tensor): Float32Array {
  return backend.typedArrayFromHeap(t) as Float32Array;
}

function adamStep(native: NativeBinding, opt: AdamInternals, gradients: Gradients): boolean {
  const updates = updatesOf(gradients);
  if (!updates) return false;
  const backend = wasmBackend();
  // sub(1, accBeta*) in float32: both operands are float32, so the double difference is exact.
  const oneMinusAcc1 = Math.fround(1 - heap(backend, opt.accBeta1)[0]!);
  const oneMinusAcc2 = Math.fround(1 - heap(backend, opt.accBeta2)[0]!);
  for (const u of updates) {
    const m = slotFor(opt.accumulatedFirstMoment, u.index, u.value, 'm');
    const v = slotFor(opt.accumulatedSecondMoment, u.index, u.value, 'v');
    if (!u.grad) continue;
    const targets = [new Target(backend, u.value), new Target(backend, m), new Target(backend, v)] as const;
    // Views last: the Targets' allocations may have grown the heap.
    native.adam(heap(backend, u.value), heap(backend, u.grad), heap(backend, m), heap(backend, v),
      targets[0].view(), targets[1].view(), targets[2].view(),
      opt.beta1, 1 - opt.beta1, opt.beta2, 1 - opt.beta2, oneMinusAcc1, oneMinusAcc2, opt.epsilon, -opt.learningRate);
    for (const t of targets) t.commit();
  }
  tf.tidy(() => {
    opt.accBeta1.assign(tf.mul(opt.accBeta1, opt.beta1));
    opt.accBeta2.assign(tf.mul(opt.accBeta2, opt.beta2));
  });
  opt.incrementIterations();
  return true;
}

function momentumStep(native: NativeBinding, opt: MomentumInternals, gradients: Gradients): boolean {
  const updates = updatesOf(gradients);
  if (!updates) return false;
  const backend = wasmBackend();
  for (const u of updates) {
    const acc = slotFor(opt.accumulations, u.index, u.value, 'momentum');
    if (!u.grad) continue;
    const targets = [new Target(backend, u.value), new Target(backend, acc)] as const;
    native.momentum(heap(backend, u.value), heap(backend, u.grad), heap(backend, acc), targets[0].view(), targets[1].view(),
      opt.momentum, -opt.learningRate, opt.useNesterov);
    for (const t of targets) t.commit();
  }
  opt.incrementIterations();
  return true;
}
