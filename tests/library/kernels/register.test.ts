import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { installedTrainingKernels, registerTrainingKernels, unregisterTrainingKernels } from '../../../src/library/kernels/index';
import { nativeStatus } from '../../../src/library/native/index';
import { on } from './helpers';

const JS_PATH_SLOTS = [
  'wasm/Conv2DBackpropFilter', 'wasm/Conv2DBackpropInput', 'wasm/BatchMatMul', 'wasm/UnsortedSegmentSum', 'wasm/GatherV2',
  'wasm/MaxPoolGrad', 'wasm/Conv2D', 'wasm/FusedConv2D', 'cpu/Conv2DBackpropFilter', 'cpu/UnsortedSegmentSum', 'cpu/MaxPoolGrad',
];
// Slots only the native path takes (it also takes some of the JS path's, e.g. wasm/BatchMatMul).
const NATIVE_ONLY_SLOTS = ['wasm/_FusedMatMul', 'wasm/MaxPool', 'wasm/AvgPool', 'wasm/AvgPoolGrad', 'wasm/Sum'];
const SLOTS = nativeStatus().on ? [...JS_PATH_SLOTS, ...NATIVE_ONLY_SLOTS] : JS_PATH_SLOTS;

const slot = (key: string) => {
  const [backend, kernel] = key.split('/');
  return tf.getKernel(kernel, backend);
};

// This file runs in its own process (node --test), so the first call below happens before any
// backend is chosen and before tfjs-backend-wasm is loaded.
test('registerTrainingKernels before useBackend: wasm then initialises and trains through them', async () => {
  assert.equal(tf.getKernel('Add', 'wasm'), undefined, 'tfjs-backend-wasm must not be loaded yet for this test to mean anything');
  const { registered } = registerTrainingKernels();
  assert.deepEqual([...registered].sort(), [...SLOTS].sort());
  await on('wasm');
  // BatchMatMul's wasm setup ran through our slot at initialisation: a flagged product works.
  const y = tf.matMul(tf.ones([3, 2]), tf.ones([3, 4]), true, false);
  assert.deepEqual(Array.from(y.dataSync()), new Array(8).fill(3));
  const dw = tf.grad((w: tf.Tensor) => tf.sum(tf.conv2d(tf.ones([1, 4, 4, 1]) as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid')))(tf.ones([3, 3, 1, 1]));
  assert.deepEqual(Array.from(dw.dataSync()), new Array(9).fill(4));
  tf.dispose([y, dw]);
});

test('registerTrainingKernels is idempotent and unregisterTrainingKernels puts the originals back', () => {
  const first = registerTrainingKernels().registered;
  const configs = SLOTS.map(slot);
  assert.deepEqual(registerTrainingKernels().registered, first);
  assert.deepEqual(SLOTS.map(slot), configs, 'a second call must not re-wrap the kernels');
  const { restored } = unregisterTrainingKernels();
  assert.deepEqual([...restored].sort(), [...SLOTS].sort());
  assert.deepEqual(installedTrainingKernels(), []);
  assert.equal(slot('wasm/Conv2DBackpropFilter'), undefined, 'wasm has no filter gradient of its own');
  assert.equal(slot('wasm/UnsortedSegmentSum'), undefined);
  for (const key of ['wasm/BatchMatMul', 'wasm/Conv2D', 'cpu/Conv2DBackpropFilter']) {
    assert.ok(slot(key), `${key}: the backend's own kernel is back`);
    assert.ok(!configs.includes(slot(key)), `${key}: not ours`);
  }
  assert.deepEqual([...registerTrainingKernels().registered].sort(), [...SLOTS].sort());
});

test('a second copy of the module (tslab re-evaluates src) sees the installed kernels and does not wrap them again', () => {
  registerTrainingKernels();
  const before = SLOTS.map(slot);
  const path = require.resolve('../../../src/library/kernels/register');
  delete require.cache[path];
  const fresh = require(path) as { registerTrainingKernels: typeof registerTrainingKernels };
  assert.notEqual(fresh.registerTrainingKernels, registerTrainingKernels, 'the test needs a fresh module instance');
  assert.deepEqual([...fresh.registerTrainingKernels().registered].sort(), [...SLOTS].sort());
  assert.deepEqual(SLOTS.map(slot), before);
});
