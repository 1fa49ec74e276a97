import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../../src/library/backend/index';
import { fitLeastSquares, linearModel } from '../../../src/library/models/index';
import { gaussian, testRng, values } from './helpers';

before(async () => { await useBackend({ force: 'cpu' }); });

test('linearModel: shapes, parameter count, FLOPs, describe', () => {
  const m = linearModel({ inputs: 4, outputs: 3 });
  assert.deepEqual(tf.tidy(() => m.apply(tf.zeros([2, 4])).shape), [2, 3]);
  assert.equal(m.paramCount(), 4 * 3 + 3);
  assert.equal(m.flopsPerExample(), 2 * 4 * 3 + 3);
  assert.equal(m.describe(), 'linear(4-3)');
  const noBias = linearModel({ inputs: 4, outputs: 1, logistic: true, bias: false });
  assert.equal(noBias.paramCount(), 4);
  assert.equal(noBias.flopsPerExample(), 8);
  assert.equal(noBias.describe(), 'logistic(4-1, bias=false)');
  m.dispose();
  noBias.dispose();
});

test('linearModel: probabilities are the sigmoid (one output) or softmax of the logits', () => {
  const bin = linearModel({ inputs: 2, outputs: 1, logistic: true });
  bin.params[0]!.assign(tf.tensor2d([[1], [-2]]));
  assert.deepEqual(tf.tidy(() => values(bin.apply(tf.tensor2d([[3, 1]])))), [1]);
  const p = tf.tidy(() => values(bin.probabilities(tf.tensor2d([[3, 1]]))))[0]!;
  assert.ok(Math.abs(p - 1 / (1 + Math.exp(-1))) < 1e-6);
  const multi = linearModel({ inputs: 2, outputs: 3, logistic: true });
  const q = tf.tidy(() => values(multi.probabilities(tf.tensor2d([[0.3, -1]]))));
  assert.ok(Math.abs(q.reduce((a, b) => a + b, 0) - 1) < 1e-6);
  bin.dispose();
  multi.dispose();
});

test('linearModel trained with Adam reaches the float64 least-squares solution', () => {
  const r = testRng('linear-train');
  const X = gaussian(r, 30, 3);
  const y = X.map((row) => 0.5 * row[0]! - 1.5 * row[1]! + 2 * row[2]! + 0.7 + 0.1 * r.normal());
  // Intercept via a column of ones: the float64 oracle for the same model.
  const exact = fitLeastSquares(X.map((row) => [...row, 1]), y).weights.getColumn(0);
  const m = linearModel({ inputs: 3, outputs: 1 });
  const [xt, yt] = [tf.tensor2d(X), tf.tensor2d(y, [30, 1])];
  const opt = tf.train.adam(0.05);
  for (let i = 0; i < 400; i++) opt.minimize(() => tf.losses.meanSquaredError(yt, m.apply(xt)) as tf.Scalar, true, m.params)?.dispose();
  const learned = [...values(m.params[0]!), ...values(m.params[1]!)];
  learned.forEach((v, i) => assert.ok(Math.abs(v - exact[i]!) < 1e-2, `w[${i}] ${v} vs ${exact[i]}`));
  m.dispose();
  tf.dispose([xt, yt]);
});

test('logistic regression: a few Adam steps reduce the cross-entropy on separable data', () => {
  const m = linearModel({ inputs: 2, outputs: 1, logistic: true });
  const x = tf.tensor2d([[1, 2], [2, 1], [3, 3], [-1, -2], [-2, -1], [-3, -3]]);
  const y = tf.tensor2d([[1], [1], [1], [0], [0], [0]]);
  const opt = tf.train.adam(0.1);
  const loss = (): tf.Scalar => tf.losses.sigmoidCrossEntropy(y, m.apply(x)) as tf.Scalar;
  const first = values(opt.minimize(loss, true, m.params)!)[0]!;
  let last = first;
  for (let i = 0; i < 20; i++) last = values(opt.minimize(loss, true, m.params)!)[0]!;
  assert.ok(last < 0.3 * first, `loss ${first} -> ${last}`);
  m.dispose();
  tf.dispose([x, y]);
});

test('linearModel: bad options name the argument', () => {
  assert.throws(() => linearModel({ inputs: 0, outputs: 1 }), /linearModel\(inputs\): expected an integer >= 1, got 0/);
  const m = linearModel({ inputs: 3, outputs: 1 });
  assert.throws(() => m.apply(tf.zeros([2, 2])), /linear\(3-1\)\.apply\(x\): expected shape \[batch, 3\], got \[2, 2\]/);
  m.dispose();
});
