import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { KERNEL_ERROR_BOUNDS, relativeError } from '../../../src/library/kernels/index';
import { rng, type Rng } from '../../../src/library/random/index';
import { kernelValues, normals, ours, reference, valuesOf } from './helpers';

// Each project conv kernel against tfjs-backend-cpu's own kernel (project kernels unregistered)
// on random NHWC shapes, strides 1 and 2, padding 'same', 'valid' and explicit.

type Pad = 'same' | 'valid' | tf.backend_util.ExplicitPadding;

interface Case {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: [number, number];
  pad: Pad;
}

function randomCase(r: Rng): Case {
  const n = r.integer(1, 4);
  const h = r.integer(4, 12);
  const w = r.integer(4, 12);
  const kh = r.choice([1, 2, 3, 5], 1)[0];
  const kw = r.choice([1, 3, 4], 1)[0];
  const kind = r.choice(['same', 'valid', 'explicit'], 1)[0];
  const pad: Pad = kind === 'explicit'
    ? [[0, 0], [r.integer(0, 3), r.integer(0, 3)], [r.integer(0, 3), r.integer(0, 3)], [0, 0]]
    : (kind as 'same' | 'valid');
  return {
    x: [n, Math.max(h, kh), Math.max(w, kw), r.integer(1, 6)],
    filter: [kh, kw, 0, r.integer(1, 7)],
    strides: [r.integer(1, 3), r.integer(1, 3)],
    pad,
  };
}

function cases(name: string, count: number): Case[] {
  const r = rng('kernels-test', 11).child(name);
  const out: Case[] = [];
  for (let i = 0; i < count; i++) {
    const c = randomCase(r);
    c.filter[2] = c.x[3];
    out.push(c);
  }
  // Always include the two stride-1 'same' layers of the benchmark CNN, scaled down.
  out.push({ x: [2, 8, 8, 1], filter: [3, 3, 1, 4], strides: [1, 1], pad: 'same' });
  out.push({ x: [2, 4, 4, 4], filter: [3, 3, 4, 8], strides: [1, 1], pad: 'same' });
  // Explicit padding wider than the filter (the flipped-filter conv would need negative padding).
  out.push({ x: [1, 5, 5, 2], filter: [1, 2, 2, 3], strides: [1, 1], pad: [[0, 0], [2, 1], [0, 3], [0, 0]] });
  return out;
}

function describeCase(c: Case): string {
  return `x=[${c.x}] filter=[${c.filter}] strides=[${c.strides}] pad=${JSON.stringify(c.pad)}`;
}

// Inputs of one case, drawn once so every backend sees the same numbers.
function data(c: Case, r: Rng): { x: Float32Array; w: Float32Array; g: Float32Array; outShape: number[] } {
  const info = tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad);
  const outShape = info.outShape;
  const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
  return { x: normals(r, size(c.x)), w: normals(r, size(c.filter)), g: normals(r, size(outShape)), outShape };
}

function backpropFilter(c: Case, d: ReturnType<typeof data>): Float32Array {
  return kernelValues('Conv2DBackpropFilter', { x: tf.tensor4d(d.x, c.x), dy: tf.tensor(d.g, d.outShape) },
    { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filter });
}

function backpropInput(c: Case, d: ReturnType<typeof data>): Float32Array {
  return kernelValues('Conv2DBackpropInput', { dy: tf.tensor(d.g, d.outShape), filter: tf.tensor4d(d.w, c.filter) },
    { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x });
}

// Forward value and both gradients of sum(conv2d(x, w) * g): what training computes.
function forwardAndGrads(c: Case, d: ReturnType<typeof data>): Float32Array[] {
  return tf.tidy(() => {
    const x = tf.tensor4d(d.x, c.x);
    const w = tf.tensor4d(d.w, c.filter);
    const g = tf.tensor(d.g, d.outShape);
    const conv = (a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad);
    const { value, grads } = tf.valueAndGrads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv(a, b), g)))([x, w]);
    return valuesOf([conv(x, w), value, ...grads]);
  });
}

test('Conv2DBackpropFilter: cpu bit-identical to the reference, wasm within its bound', async () => {
  const r = rng('kernels-test', 12);
  for (const c of cases('filter', 14)) {
    const d = data(c, r);
    const want = await reference(() => backpropFilter(c, d));
    const cpu = await ours('cpu', () => backpropFilter(c, d));
    assert.deepEqual(Array.from(cpu), Array.from(want), `cpu ${describeCase(c)}`);
    const wasm = await ours('wasm', () => backpropFilter(c, d));
    const err = relativeError(wasm, want);
    assert.ok(err <= KERNEL_ERROR_BOUNDS['wasm/Conv2DBackpropFilter'], `wasm ${describeCase(c)}: relative error ${err}`);
  }
});

test('Conv2DBackpropInput on wasm (stride 1: flipped-filter conv; else the wasm kernel) within its bound', async () => {
  const r = rng('kernels-test', 13);
  for (const c of cases('input', 14)) {
    const d = data(c, r);
    const want = await reference(() => backpropInput(c, d));
    const wasm = await ours('wasm', () => backpropInput(c, d));
    const err = relativeError(wasm, want);
    assert.ok(err <= KERNEL_ERROR_BOUNDS['wasm/Conv2DBackpropInput'], `wasm ${describeCase(c)}: relative error ${err}`);
  }
});

test('conv2d forward value and gradients on wasm and cpu match the reference', async () => {
  const r = rng('kernels-test', 14);
  const bound = Math.max(KERNEL_ERROR_BOUNDS['wasm/Conv2DBackpropFilter'], KERNEL_ERROR_BOUNDS['wasm/Conv2DBackpropInput']);
  for (const c of cases('grads', 8)) {
    const d = data(c, r);
    const want = await reference(() => forwardAndGrads(c, d));
    for (const backend of ['cpu', 'wasm'] as const) {
      const got = await ours(backend, () => forwardAndGrads(c, d));
      ['conv', 'loss', 'dx', 'dw'].forEach((what, i) => {
        const err = relativeError(got[i], want[i]);
        assert.ok(err <= bound, `${backend} ${what} ${describeCase(c)}: relative error ${err}`);
      });
    }
  }
});

test('the wasm filter gradient rejects NCHW with a message that says why', async () => {
  await ours('wasm', () => undefined);
  const x = tf.zeros([1, 2, 4, 4]);
  const dy = tf.zeros([1, 3, 2, 2]);
  assert.throws(() => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: 1, pad: 'valid', dataFormat: 'NCHW', filterShape: [3, 3, 2, 3] } as unknown as tf.NamedAttrMap),
    /Conv2DBackpropFilter \(wasm\): expected dataFormat 'NHWC', got NCHW; the wasm Conv2D itself supports only NHWC/);
  tf.dispose([x, dy]);
});

test('wasm filter gradient at the benchmark CNN\'s second layer (12,544-term sums) within its bound', async () => {
  // The cpu reference needs ~90 s here; the cpu project kernel, bit-identical to it on every shape
  // above, stands in for it.
  const c: Case = { x: [64, 14, 14, 32], filter: [3, 3, 32, 64], strides: [1, 1], pad: 'same' };
  const d = data(c, rng('kernels-test', 15));
  const want = await ours('cpu', () => backpropFilter(c, d));
  const wasm = await ours('wasm', () => backpropFilter(c, d));
  const err = relativeError(wasm, want);
  assert.ok(err <= KERNEL_ERROR_BOUNDS['wasm/Conv2DBackpropFilter'], `relative error ${err}`);
});

test('wasm Conv2D and FusedConv2D with pad \'same\', stride 2 and a [3,1] filter are right (the wasm kernel alone returns zeros)', async () => {
  const c: Case = { x: [2, 8, 6, 3], filter: [3, 1, 3, 2], strides: [2, 2], pad: 'same' };
  const d = data(c, rng('kernels-test', 16));
  const run = () => tf.tidy(() => {
    const x = tf.tensor4d(d.x, c.x);
    const w = tf.tensor4d(d.w, c.filter);
    return valuesOf([tf.conv2d(x, w, c.strides, 'same'), tf.fused.conv2d({ x, filter: w, strides: c.strides, pad: 'same', bias: tf.ones([2]), activation: 'relu' })]);
  });
  const want = await reference(run);
  const got = await ours('wasm', run);
  assert.ok(relativeError(got[0], want[0]) <= KERNEL_ERROR_BOUNDS['wasm/Conv2D'], `Conv2D: ${relativeError(got[0], want[0])}`);
  assert.ok(relativeError(got[1], want[1]) <= KERNEL_ERROR_BOUNDS['wasm/FusedConv2D'], `FusedConv2D: ${relativeError(got[1], want[1])}`);
});
