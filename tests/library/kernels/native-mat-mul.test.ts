import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { installedTrainingKernels, NATIVE_KERNEL_ERROR_BOUNDS, relativeError } from '../../../src/library/kernels/index';
import { rng } from '../../../src/library/random/index';
import { normals, ours, reference, valuesOf } from './helpers';
import { nativeOrSkip } from './native-path';

// The native path's BatchMatMul and _FusedMatMul (cblas_sgemm on the wasm heap) against
// tfjs-backend-cpu's own kernels: every transpose flag, ranks 2-4, batch broadcast from either side,
// every fused activation and bias shape; then bit-identical repeats at a fixed thread count.

interface Case { m: number; k: number; n: number; batchA: number[]; batchB: number[]; transposeA: boolean; transposeB: boolean }

function operands(r: ReturnType<typeof rng>, c: Case): { a: tf.Tensor; b: tf.Tensor } {
  const sa = [...c.batchA, ...(c.transposeA ? [c.k, c.m] : [c.m, c.k])];
  const sb = [...c.batchB, ...(c.transposeB ? [c.n, c.k] : [c.k, c.n])];
  return { a: tf.tensor(normals(r, sa.reduce((p, q) => p * q, 1)), sa), b: tf.tensor(normals(r, sb.reduce((p, q) => p * q, 1)), sb) };
}

test('native BatchMatMul and _FusedMatMul take the wasm slots when the addon is loaded', async (t) => {
  if (!nativeOrSkip(t)) return;
  await ours('wasm', () => undefined);
  const installed = installedTrainingKernels();
  assert.ok(installed.includes('wasm/BatchMatMul') && installed.includes('wasm/_FusedMatMul'), installed.join(', '));
  assert.notEqual(tf.getKernel('BatchMatMul', 'wasm')?.kernelFunc.name, 'batchMatMul');
});

test('native BatchMatMul matches the cpu reference for every flag, rank and batch broadcast', async (t) => {
  if (!nativeOrSkip(t)) return;
  const r = rng('native-matmul-test', 1);
  const batches: Array<[number[], number[]]> = [[[], []], [[1], [1]], [[3], [3]], [[2, 3], [2, 3]], [[4], [1]], [[1], [5]], [[2, 2], []]];
  for (let i = 0; i < 40; i++) {
    const [batchA, batchB] = batches[i % batches.length]!;
    const c: Case = { m: r.integer(1, 70), k: r.integer(1, 300), n: r.integer(1, 70), batchA, batchB, transposeA: (i >> 1) % 2 === 1, transposeB: (i >> 2) % 2 === 1 };
    const rr = rng('native-matmul-test', 100 + i);
    const run = () => tf.tidy(() => {
      const { a, b } = operands(rr.child('x'), c);
      return valuesOf([tf.matMul(a, b, c.transposeA, c.transposeB)])[0]!;
    });
    const want = await reference(run);
    const got = await ours('wasm', run);
    const err = relativeError(got, want);
    assert.ok(err <= NATIVE_KERNEL_ERROR_BOUNDS['wasm/BatchMatMul']!, `${JSON.stringify(c)}: relative error ${err}`);
  }
});

test('native _FusedMatMul matches the cpu reference for every activation and bias shape', async (t) => {
  if (!nativeOrSkip(t)) return;
  const activations: tf.fused.Activation[] = ['linear', 'relu', 'relu6', 'elu', 'prelu', 'leakyrelu', 'sigmoid'];
  let i = 0;
  for (const activation of activations) {
    for (const biasShape of [undefined, [1], [24], [9, 24]]) {
      const rr = rng('native-fused-test', i++);
      const run = () => tf.tidy(() => {
        const x = rr.child('x');
        const a = tf.tensor(normals(x, 9 * 31), [9, 31]);
        const b = tf.tensor(normals(x, 24 * 31), [24, 31]);
        const bias = biasShape ? tf.tensor(normals(x, biasShape.reduce((p, q) => p * q, 1)), biasShape) : undefined;
        const prelu = activation === 'prelu' ? tf.tensor(normals(x, 24), [24]) : undefined;
        return valuesOf([tf.fused.matMul({ a, b, transposeB: true, bias, activation, preluActivationWeights: prelu, leakyreluAlpha: 0.3 })])[0]!;
      });
      const want = await reference(run);
      const got = await ours('wasm', run);
      const err = relativeError(got, want);
      assert.ok(err <= NATIVE_KERNEL_ERROR_BOUNDS['wasm/_FusedMatMul']!, `${activation}, bias ${JSON.stringify(biasShape)}: relative error ${err}`);
    }
  }
});

test('a dense layer trained on the native path gives bit-identical losses run to run at one thread count', async (t) => {
  if (!nativeOrSkip(t)) return;
  const losses = async (): Promise<number[]> => ours('wasm', () => {
    const r = rng('native-determinism', 3);
    const x = tf.tensor2d(normals(r, 256 * 300), [256, 300]);
    const y = tf.tensor2d(normals(r, 256 * 40), [256, 40]);
    const w = tf.variable(tf.tensor2d(normals(r, 300 * 40), [300, 40]).mul(0.05));
    const b = tf.variable(tf.zeros([40]));
    const opt = tf.train.adam(0.01);
    const out: number[] = [];
    for (let s = 0; s < 20; s++) {
      const l = opt.minimize(() => tf.losses.meanSquaredError(y, tf.fused.matMul({ a: x, b: w, bias: b, activation: 'relu' })) as tf.Scalar, true, [w, b]) as tf.Scalar;
      out.push(l.dataSync()[0]!);
      l.dispose();
    }
    tf.dispose([x, y, w, b]);
    opt.dispose();
    return out;
  });
  const first = await losses();
  assert.deepEqual(await losses(), first);
  assert.ok(first[19]! < first[0]!, `the loss fell: ${first[0]} -> ${first[19]}`);
});
