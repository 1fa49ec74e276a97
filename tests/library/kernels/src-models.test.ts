import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { registerTrainingKernels } from '../../../src/library/kernels/index';
import { cnn, mlp, tinyTransformer, type Model } from '../../../src/library/models/index';
import { rng } from '../../../src/library/random/index';
import { normals, on } from './helpers';

// Every TF.js model in src/models takes a few Adam steps on wasm and on cpu with the project
// kernels: finite, falling loss. (Before them, the CNN and the transformer's embedding could not
// train on wasm at all.) Small sizes: this checks that backprop runs, not what the models learn.

interface Task { name: string; make: () => Model; x: () => tf.Tensor; labels: Int32Array; classes: number }

function tasks(): Task[] {
  const r = rng('kernels-test', 61);
  const labels = (n: number, k: number) => Int32Array.from({ length: n }, () => r.integer(0, k));
  const images = normals(r, 16 * 12 * 12 * 1);
  const vectors = normals(r, 32 * 20);
  const tokens = Int32Array.from({ length: 16 * 6 }, () => r.integer(0, 13));
  return [
    { name: 'mlp', make: () => mlp({ widths: [20, 32, 4] }), x: () => tf.tensor2d(vectors, [32, 20]), labels: labels(32, 4), classes: 4 },
    {
      name: 'cnn', make: () => cnn({ inputShape: [12, 12, 1], filters: [4, 8], padding: 'same', dense: [16], outputs: 4 }),
      x: () => tf.tensor4d(images, [16, 12, 12, 1]), labels: labels(16, 4), classes: 4,
    },
    {
      name: 'transformer', make: () => tinyTransformer({ vocab: 13, seqLen: 6, dModel: 16, nHeads: 2, nLayers: 1, outputs: 3 }),
      x: () => tf.tensor2d(tokens, [16, 6], 'int32'), labels: labels(16, 3), classes: 3,
    },
  ];
}

function losses(task: Task, steps: number): number[] {
  const model = task.make();
  const x = task.x();
  const y = tf.oneHot(tf.tensor1d(task.labels, 'int32'), task.classes);
  const opt = tf.train.adam(0.01);
  const out: number[] = [];
  try {
    for (let s = 0; s < steps; s++) {
      const l = opt.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true })) as tf.Scalar, true, model.params) as tf.Scalar;
      out.push(l.dataSync()[0]);
      l.dispose();
    }
  } finally {
    opt.dispose();
    model.dispose();
    tf.dispose([x, y]);
  }
  return out;
}

for (const backend of ['wasm', 'cpu'] as const) {
  test(`every src/models TF.js model trains on ${backend} with the project kernels`, async () => {
    registerTrainingKernels();
    await on(backend);
    for (const task of tasks()) {
      const l = losses(task, 12);
      assert.ok(l.every(Number.isFinite), `${task.name} on ${backend}: non-finite loss ${l}`);
      assert.ok(l[l.length - 1] < l[0], `${task.name} on ${backend}: loss did not fall: ${l.map((v) => v.toFixed(4)).join(', ')}`);
    }
  });
}
