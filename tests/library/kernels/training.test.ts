import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { registerTrainingKernels } from '../../../src/library/kernels/index';
import { initSeed, rng } from '../../../src/library/random/index';
import { normals, on } from './helpers';

// A few Adam steps of a small CNN and of an embedding (gather) model on wasm, which could train
// neither before the project kernels. The models are built here from tf ops: src/models is
// another folder's job.

type Params = Record<string, tf.Variable>;

let made = 0; // variable names must be unique in the engine

function weights(prefix: string, shapes: Record<string, number[]>): Params {
  const out: Params = {};
  for (const [name, shape] of Object.entries(shapes)) {
    const fanIn = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const init = name.startsWith('b') ? tf.zeros(shape) : tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', initSeed(`${prefix}/${name}`));
    out[name] = tf.variable(init, true, `${prefix}-${name}-${++made}`);
  }
  return out;
}

// 4 classes: which quadrant of a 12x12 image holds the brightest blob.
function imageData(): { x: tf.Tensor4D; y: tf.Tensor2D } {
  const r = rng('kernels-test', 41);
  const n = 32;
  const pixels = normals(r, n * 144).map((v) => 0.1 * v);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = r.integer(0, 4);
    const oy = labels[i] >> 1 ? 6 : 0;
    const ox = labels[i] & 1 ? 6 : 0;
    for (let y = 1; y < 5; y++) for (let x = 1; x < 5; x++) pixels[i * 144 + (oy + y) * 12 + ox + x] += 1;
  }
  return { x: tf.tensor4d(pixels, [n, 12, 12, 1]), y: tf.oneHot(tf.tensor1d(labels, 'int32'), 4) as tf.Tensor2D };
}

function cnnLosses(steps: number): number[] {
  const p = weights('cnn', { w1: [3, 3, 1, 8], b1: [8], w2: [3, 3, 8, 16], b2: [16], w3: [144, 4], b3: [4] });
  const { x, y } = imageData();
  const model = () => {
    const h1 = tf.maxPool(tf.relu(tf.add(tf.conv2d(x, p.w1 as tf.Tensor4D, 1, 'same'), p.b1)) as tf.Tensor4D, 2, 2, 'valid');
    const h2 = tf.maxPool(tf.relu(tf.add(tf.conv2d(h1, p.w2 as tf.Tensor4D, 1, 'same'), p.b2)) as tf.Tensor4D, 2, 2, 'valid');
    const logits = tf.add(tf.matMul(tf.reshape(h2, [-1, 144]), p.w3), p.b3);
    return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
  };
  const losses = train(model, Object.values(p), steps);
  tf.dispose([...Object.values(p), x, y]);
  return losses;
}

// Sequences of 6 token ids from a 40-word vocabulary; label: does token 0..9 appear?
function embeddingLosses(steps: number): { losses: number[]; tableMoved: boolean } {
  const r = rng('kernels-test', 42);
  const ids = Int32Array.from({ length: 64 * 6 }, () => r.integer(0, 40));
  const labels = Float32Array.from({ length: 64 }, (_, i) => (ids.slice(i * 6, i * 6 + 6).some((t) => t < 10) ? 1 : 0));
  const p = weights('emb', { table: [40, 8], w: [8, 1], b: [1] });
  const before = Float32Array.from(p.table.dataSync());
  const tokens = tf.tensor2d(ids, [64, 6], 'int32');
  const y = tf.tensor2d(labels, [64, 1]);
  const model = () => {
    const pooled = tf.max(tf.gather(p.table, tokens), 1);
    return tf.losses.sigmoidCrossEntropy(y, tf.add(tf.matMul(pooled, p.w), p.b)) as tf.Scalar;
  };
  const losses = train(model, Object.values(p), steps);
  const tableMoved = Array.from(p.table.dataSync()).some((v, i) => v !== before[i]);
  tf.dispose([...Object.values(p), tokens, y]);
  return { losses, tableMoved };
}

function train(loss: () => tf.Scalar, vars: tf.Variable[], steps: number): number[] {
  const opt = tf.train.adam(0.01);
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    const value = opt.minimize(loss, true, vars) as tf.Scalar;
    losses.push(value.dataSync()[0]);
    value.dispose();
  }
  opt.dispose();
  return losses;
}

function assertLearns(losses: number[], what: string): void {
  assert.ok(losses.every(Number.isFinite), `${what}: non-finite loss in ${losses}`);
  assert.ok(losses[losses.length - 1] < 0.8 * losses[0], `${what}: loss did not fall: ${losses.map((l) => l.toFixed(4)).join(', ')}`);
}

test('a small CNN trains on wasm: finite, falling loss', async () => {
  registerTrainingKernels();
  await on('wasm');
  assertLearns(cnnLosses(15), 'cnn on wasm');
});

test('an embedding (gather) model trains on wasm: the table itself learns', async () => {
  registerTrainingKernels();
  await on('wasm');
  const { losses, tableMoved } = embeddingLosses(30);
  assertLearns(losses, 'embedding on wasm');
  assert.ok(tableMoved, 'the embedding table did not change: no gradient through gather');
});

test('same seed, same backend: bit-identical losses (wasm and cpu)', async () => {
  registerTrainingKernels();
  for (const backend of ['wasm', 'cpu'] as const) {
    await on(backend);
    const a = [...cnnLosses(4), ...embeddingLosses(4).losses];
    const b = [...cnnLosses(4), ...embeddingLosses(4).losses];
    assert.deepEqual(b, a, backend);
  }
});
