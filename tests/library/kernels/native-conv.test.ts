import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { KERNEL_ERROR_BOUNDS, NATIVE_KERNEL_ERROR_BOUNDS, relativeError } from '../../../src/library/kernels/index';
import type { NativeBinding } from '../../../src/library/native/index';
import { rng } from '../../../src/library/random/index';
import { kernelValues, normals, ours, reference, valuesOf } from './helpers';
import { nativeOrSkip } from './native-path';

// The native path's Conv2D, FusedConv2D, Conv2DBackpropInput and Conv2DBackpropFilter (oneDNN on
// the wasm heap) against tfjs-backend-cpu's own kernels: strides, 'same'/'valid'/explicit
// padding, dilations, batch and channel shapes, the benchmark CNN's layers; every fused
// activation; gradients of a small conv net; bit-identical reruns; what falls back.

type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];
interface Case { x: [number, number, number, number]; f: [number, number, number, number]; strides: number | [number, number]; pad: Pad; dilations: number | [number, number] }

const BENCH_CNN: Case[] = [
  { x: [64, 28, 28, 1], f: [3, 3, 1, 32], strides: 1, pad: 'same', dilations: 1 },
  { x: [64, 14, 14, 32], f: [3, 3, 32, 64], strides: 1, pad: 'same', dilations: 1 },
];
// The same layers at batch 4 against the reference: tfjs-backend-cpu's own filter gradient takes
// ~30 s at batch 64. (At batch 64 the errors measured 0, 8.9e-7 and 4.3e-6 at most: bounds.ts.)
const BENCH_CNN_SMALL: Case[] = BENCH_CNN.map((c) => ({ ...c, x: [4, c.x[1], c.x[2], c.x[3]] }));

function randomCases(n: number): Case[] {
  const r = rng('native-conv-cases', 1);
  const out: Case[] = [];
  for (let i = 0; i < n; i++) {
    const f: Case['f'] = [r.integer(1, 4), r.integer(1, 4), r.integer(1, 9), r.integer(1, 9)];
    const dilated = i % 4 === 3;
    const strides: Case['strides'] = dilated ? 1 : [r.integer(1, 3), r.integer(1, 3)];
    const x: Case['x'] = [r.integer(1, 5), r.integer(f[0] * 2, 13), r.integer(f[1] * 2, 13), f[2]];
    const pads: Pad[] = ['same', 'valid', [[0, 0], [r.integer(0, 3), r.integer(0, 3)], [r.integer(0, 3), r.integer(0, 3)], [0, 0]]];
    out.push({ x, f, strides, pad: pads[i % 3]!, dilations: dilated ? [r.integer(1, 3), r.integer(1, 3)] : 1 });
  }
  return out;
}

/** Counts the addon's conv2d calls while `f` runs (the kernels call it through the binding object). */
async function countingConv<T>(native: NativeBinding, f: () => Promise<T>): Promise<{ value: T; calls: number }> {
  const original = native.conv2d;
  let calls = 0;
  native.conv2d = (...args) => {
    calls++;
    return original.apply(native, args);
  };
  try {
    return { value: await f(), calls };
  } finally {
    native.conv2d = original;
  }
}

const tensorOf = (r: ReturnType<typeof rng>, shape: number[]) => tf.tensor(normals(r, shape.reduce((a, b) => a * b, 1)), shape);

function passes(c: Case, seed: number): () => Float32Array[] {
  return () => tf.tidy(() => {
    const r = rng('native-conv', seed);
    const x = tensorOf(r, c.x) as tf.Tensor4D;
    const f = tensorOf(r, c.f) as tf.Tensor4D;
    const y = tf.conv2d(x, f, c.strides, c.pad, 'NHWC', c.dilations);
    if (c.dilations !== 1) return valuesOf([y]);
    // tfjs-core's conv2d gradient has no dilations; dy is random, so every element of dx and dW counts.
    const dy = tensorOf(r, y.shape);
    const [dx, df] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad), dy)))([x, f]);
    return valuesOf([y, dx!, df!]);
  });
}

const KERNELS = ['wasm/Conv2D', 'wasm/Conv2DBackpropInput', 'wasm/Conv2DBackpropFilter'];

test('native convolutions take the wasm slots and run through the addon', async (t) => {
  const native = nativeOrSkip(t);
  if (!native) return;
  const { calls } = await countingConv(native, () => ours('wasm', passes(BENCH_CNN_SMALL[1]!, 0)));
  // The forward pass runs twice (once more inside tf.grads), then each gradient once.
  assert.equal(calls, 4);
  const impl = native.conv2dImplementation(0, [64, 14, 14, 32, 64, 3, 3, 14, 14, 1, 1, 1, 1, 1, 1, 1, 1]);
  assert.match(impl, /\S/, 'oneDNN names its implementation');
});

test('native Conv2D and its gradients match the cpu reference across strides, padding, dilations and shapes', async (t) => {
  const native = nativeOrSkip(t);
  if (!native) return;
  const cases = [...BENCH_CNN_SMALL, ...randomCases(24)];
  let calls = 0;
  for (const [i, c] of cases.entries()) {
    const run = passes(c, i);
    const want = await reference(run);
    const counted = await countingConv(native, () => ours('wasm', run));
    calls += counted.calls;
    counted.value.forEach((got, j) => {
      const err = relativeError(got, want[j]!);
      assert.ok(err <= NATIVE_KERNEL_ERROR_BOUNDS[KERNELS[j]!]!, `${KERNELS[j]} ${JSON.stringify(c)}: relative error ${err}`);
    });
  }
  assert.ok(calls >= cases.length * 2, `the native kernels ran (${calls} conv2d calls)`);
});

test('native Conv2DBackpropInput and Conv2DBackpropFilter honour dimRoundingMode with explicit padding', async (t) => {
  if (!nativeOrSkip(t)) return;
  // pad 1 on [1, 8, 7, 3] with a 3x3 filter and stride 2: 'floor' leaves the last row unread.
  for (const dimRoundingMode of ['floor', 'round', 'ceil'] as const) {
    const attrs = { strides: 2, pad: 1, dataFormat: 'NHWC', dimRoundingMode };
    const info = tf.backend_util.computeConv2DInfo([1, 8, 7, 3], [3, 3, 3, 4], 2, 1, 1, dimRoundingMode);
    const run = () => {
      const r = rng('native-conv-rounding', 1);
      const x = tensorOf(r, [1, 8, 7, 3]);
      const f = tensorOf(r, [3, 3, 3, 4]);
      const dy = tensorOf(r, info.outShape);
      const out = [
        kernelValues('Conv2D', { x, filter: f }, { ...attrs, dilations: 1 }),
        kernelValues('Conv2DBackpropInput', { dy, filter: f }, { ...attrs, inputShape: [1, 8, 7, 3] }),
        kernelValues('Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: [3, 3, 3, 4] }),
      ];
      tf.dispose([x, f, dy]);
      return out;
    };
    const want = await reference(run);
    const got = await ours('wasm', run);
    got.forEach((g, j) => {
      const err = relativeError(g, want[j]!);
      assert.ok(err <= NATIVE_KERNEL_ERROR_BOUNDS[KERNELS[j]!]!, `${KERNELS[j]} ${dimRoundingMode}: relative error ${err}`);
    });
  }
});

test('native FusedConv2D matches the cpu reference for every activation it fuses, with and without bias', async (t) => {
  const native = nativeOrSkip(t);
  if (!native) return;
  const activations: tf.fused.Activation[] = ['linear', 'relu', 'relu6', 'elu', 'leakyrelu', 'sigmoid'];
  let i = 0;
  for (const activation of activations) {
    for (const withBias of [false, true]) {
      const c = randomCases(activations.length * 2)[i]!;
      const run = () => tf.tidy(() => {
        const r = rng('native-fused-conv', i);
        const x = tensorOf(r, c.x) as tf.Tensor4D;
        // Scaled so relu6's clip at 6 is reached too.
        const filter = tf.mul(tensorOf(r, c.f), 3) as tf.Tensor4D;
        const bias = withBias ? tensorOf(r, [c.f[3]]) : undefined;
        return valuesOf([tf.fused.conv2d({ x, filter, strides: c.strides, pad: c.pad, dilations: c.dilations, bias, activation, leakyreluAlpha: 0.3 })])[0]!;
      });
      const want = await reference(run);
      const counted: { value: Float32Array; calls: number } = await countingConv(native, () => ours('wasm', run));
      const { value: got, calls } = counted;
      assert.equal(calls, 1, `${activation}: native`);
      const err = relativeError(got, want);
      assert.ok(err <= NATIVE_KERNEL_ERROR_BOUNDS['wasm/FusedConv2D']!, `${activation}, bias ${withBias}, ${JSON.stringify(c)}: relative error ${err}`);
      i++;
    }
  }
});

// (A bias that is not one per channel would fall back too, but tfjs-backend-wasm's own FusedConv2D
// rejects those, so there is nothing to compare.)
test('FusedConv2D with PReLU weights falls back to the JS path, still right', async (t) => {
  const native = nativeOrSkip(t);
  if (!native) return;
  const c: Case = { x: [2, 7, 6, 3], f: [3, 3, 3, 4], strides: 1, pad: 'same', dilations: 1 };
  const variants = [
    { activation: 'prelu' as const, prelu: [4], bias: [4] },
    { activation: 'prelu' as const, prelu: [4], bias: undefined },
  ];
  for (const [i, v] of variants.entries()) {
    const run = () => tf.tidy(() => {
      const r = rng('native-fused-fallback', i);
      const args = {
        x: tensorOf(r, c.x) as tf.Tensor4D, filter: tensorOf(r, c.f) as tf.Tensor4D, strides: c.strides, pad: c.pad, activation: v.activation,
        bias: v.bias ? tensorOf(r, v.bias) : undefined, preluActivationWeights: v.prelu ? tensorOf(r, v.prelu) : undefined,
      };
      return valuesOf([tf.fused.conv2d(args)])[0]!;
    });
    const want = await reference(run);
    const counted: { value: Float32Array; calls: number } = await countingConv(native, () => ours('wasm', run));
      const { value: got, calls } = counted;
    assert.equal(calls, 0, `prelu, bias ${v.bias}: not native`);
    const err = relativeError(got, want);
    assert.ok(err <= KERNEL_ERROR_BOUNDS['wasm/FusedConv2D']!, `prelu, bias ${v.bias}: relative error ${err}`);
  }
});

test('a 1x1 filter with a stride above 1 falls back to the JS path (oneDNN 2.6 overruns its scratchpad there), still right', async (t) => {
  const native = nativeOrSkip(t);
  if (!native) return;
  const c: Case = { x: [3, 8, 9, 4], f: [1, 1, 4, 6], strides: [2, 1], pad: 'valid', dilations: 1 };
  const want = await reference(passes(c, 7));
  const counted: { value: Float32Array[]; calls: number } = await countingConv(native, () => ours('wasm', passes(c, 7)));
  assert.equal(counted.calls, 0);
  counted.value.forEach((g, j) => assert.ok(relativeError(g, want[j]!) <= KERNEL_ERROR_BOUNDS[KERNELS[j]!]!, `${KERNELS[j]}`));
});

test('gradients of a small conv net on the native path match the cpu reference', async (t) => {
  if (!nativeOrSkip(t)) return;
  const run = () => tf.tidy(() => {
    const r = rng('native-conv-net', 1);
    const x = tensorOf(r, [8, 16, 16, 3]) as tf.Tensor4D;
    const w1 = tf.mul(tensorOf(r, [3, 3, 3, 8]), 0.3);
    const b1 = tensorOf(r, [8]);
    const w2 = tf.mul(tensorOf(r, [3, 3, 8, 16]), 0.2);
    const w3 = tf.mul(tensorOf(r, [4 * 4 * 16, 5]), 0.1);
    const labels = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 0, 1, 2], 'int32'), 5);
    const loss = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => {
      const h1 = tf.maxPool(tf.fused.conv2d({ x, filter: a as tf.Tensor4D, strides: 1, pad: 'same', bias: b, activation: 'relu' }), 2, 2, 'valid');
      const h2 = tf.avgPool(tf.relu(tf.conv2d(h1, c as tf.Tensor4D, 2, 'same')), 3, 1, 'same');
      return tf.losses.softmaxCrossEntropy(labels, tf.matMul(tf.reshape(h2, [8, -1]), d as tf.Tensor2D));
    };
    return valuesOf(tf.grads(loss)([w1, b1, w2, w3]));
  });
  const want = await reference(run);
  const got = await ours('wasm', run);
  // The filter gradients are the longest sums of the net; every other op is at least as exact.
  got.forEach((g, j) => {
    const err = relativeError(g, want[j]!);
    assert.ok(err <= NATIVE_KERNEL_ERROR_BOUNDS['wasm/Conv2DBackpropFilter']!, `gradient ${j}: relative error ${err}`);
  });
});

test('native convolutions are bit-identical run to run at one thread count', async (t) => {
  if (!nativeOrSkip(t)) return;
  for (const [i, c] of BENCH_CNN.entries()) {
    const first = await ours('wasm', passes(c, 100 + i));
    const again = await ours('wasm', passes(c, 100 + i));
    assert.deepEqual(again, first, JSON.stringify(c));
  }
});

test('1 vs 2 threads: the forward pass and input gradient are bit-identical, the filter gradient within its bound', async (t) => {
  const native = nativeOrSkip(t);
  if (!native) return;
  const threads = native.info().threads;
  try {
    for (const [i, c] of BENCH_CNN.entries()) {
      native.setThreads(1);
      const one = await ours('wasm', passes(c, 200 + i));
      native.setThreads(2);
      const two = await ours('wasm', passes(c, 200 + i));
      assert.deepEqual(two[0], one[0], 'forward');
      assert.deepEqual(two[1], one[1], 'input gradient');
      const err = relativeError(two[2]!, one[2]!);
      assert.ok(err <= NATIVE_KERNEL_ERROR_BOUNDS['wasm/Conv2DBackpropFilter']!, `filter gradient: ${err}`);
    }
  } finally {
    native.setThreads(threads);
  }
});
