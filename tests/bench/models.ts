// The benchmark models of tests/bench/train.bench.ts and profile.bench.ts (as in issue 12):
// MLP 784-256-256-10, batch 128; CNN conv3x3x32 'same', maxpool 2, conv3x3x64 'same', maxpool 2,
// dense128, dense10 on 28x28x1, batch 64; softmax cross-entropy on random data.
import * as tf from '@tensorflow/tfjs';
import { initSeed, rng } from '../../src/library/random/index';

export interface Net {
  vars: tf.Variable[];
  loss: () => tf.Scalar;
  batch: number;
  dispose(): void;
}

let made = 0;
function param(name: string, shape: number[]): tf.Variable {
  const fanIn = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const init = shape.length === 1 ? tf.zeros(shape) : tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', initSeed(`bench/${name}`));
  return tf.variable(init, true, `bench-${name}-${++made}`);
}

function data(batch: number, shape: number[]): { x: tf.Tensor; y: tf.Tensor2D } {
  const r = rng('bench').child('train');
  const size = batch * shape.reduce((a, b) => a * b, 1);
  const x = tf.tensor(Float32Array.from({ length: size }, () => r.normal()), [batch, ...shape]);
  const labels = Int32Array.from({ length: batch }, () => r.integer(0, 10));
  return { x, y: tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat() as tf.Tensor2D };
}

function dense(x: tf.Tensor, w: tf.Variable, b: tf.Variable, relu: boolean): tf.Tensor2D {
  const z = tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b) as tf.Tensor2D;
  return relu ? tf.relu(z) : z;
}

export function mlp(): Net {
  const v = [param('mlp/w1', [784, 256]), param('mlp/b1', [256]), param('mlp/w2', [256, 256]), param('mlp/b2', [256]), param('mlp/w3', [256, 10]), param('mlp/b3', [10])];
  const { x, y } = data(128, [784]);
  const logits = () => dense(dense(dense(x, v[0], v[1], true), v[2], v[3], true), v[4], v[5], false);
  return { vars: v, batch: 128, loss: () => tf.losses.softmaxCrossEntropy(y, logits()) as tf.Scalar, dispose: () => tf.dispose([...v, x, y]) };
}

export function cnn(): Net {
  const v = [param('cnn/c1', [3, 3, 1, 32]), param('cnn/cb1', [32]), param('cnn/c2', [3, 3, 32, 64]), param('cnn/cb2', [64]),
    param('cnn/w1', [3136, 128]), param('cnn/b1', [128]), param('cnn/w2', [128, 10]), param('cnn/b2', [10])];
  const { x, y } = data(64, [28, 28, 1]);
  const block = (h: tf.Tensor4D, w: tf.Variable, b: tf.Variable) => tf.maxPool(tf.relu(tf.add(tf.conv2d(h, w as tf.Tensor4D, 1, 'same'), b)) as tf.Tensor4D, 2, 2, 'valid');
  const logits = () => {
    const h = block(block(x as tf.Tensor4D, v[0], v[1]), v[2], v[3]);
    return dense(dense(tf.reshape(h, [-1, 3136]), v[4], v[5], true), v[6], v[7], false);
  };
  return { vars: v, batch: 64, loss: () => tf.losses.softmaxCrossEntropy(y, logits()) as tf.Scalar, dispose: () => tf.dispose([...v, x, y]) };
}
