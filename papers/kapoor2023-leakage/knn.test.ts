import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { rng } from '../../src/library/random/index';
import { knnScores } from './leaks';

/** sklearn 1.2 KNeighborsClassifier(algorithm='brute').predict_proba[:, 1] on the same arrays (the oracle). */
function sklearnKnn(xTrain: Float64Array, yTrain: number[], xTest: Float64Array, p: number, k: number): number[] {
  const script = `
import json, sys, numpy as np
from sklearn.neighbors import KNeighborsClassifier
d = json.load(sys.stdin)
p = d['p']
m = KNeighborsClassifier(n_neighbors=d['k'], algorithm='brute').fit(np.array(d['xTrain']).reshape(-1, p), d['yTrain'])
print(json.dumps(m.predict_proba(np.array(d['xTest']).reshape(-1, p))[:, 1].tolist()))
`;
  const input = JSON.stringify({ xTrain: Array.from(xTrain), yTrain, xTest: Array.from(xTest), p, k });
  const res = spawnSync('/usr/bin/python3', ['-c', script], { input, maxBuffer: 1 << 26 });
  assert.equal(res.status, 0, `sklearn oracle failed: ${res.stderr?.toString()}`);
  return JSON.parse(res.stdout.toString()) as number[];
}

test('knnScores equals sklearn KNeighborsClassifier(brute).predict_proba on continuous data (no distance ties)', () => {
  const r = rng('test-knn', 3);
  for (const [nTrain, nTest, p, k] of [[60, 25, 4, 1], [80, 30, 7, 5], [50, 20, 3, 15]] as const) {
    const xTrain = Float64Array.from({ length: nTrain * p }, () => r.normal());
    const yTrain = Array.from({ length: nTrain }, (_, i) => (xTrain[i * p]! + 0.5 * r.normal() > 0 ? 1 : 0));
    const xTest = Float64Array.from({ length: nTest * p }, () => r.normal());
    const ours = Array.from(knnScores(xTrain, yTrain, xTest, p, k));
    assert.deepEqual(ours, sklearnKnn(xTrain, yTrain, xTest, p, k), `n=${nTrain} p=${p} k=${k}`);
  }
});

test('1-NN finds an exact copy of a test row at distance 0, whatever its neighbours say (the memorizer a leak feeds)', () => {
  // row 2 is a lone 1 among 0s; its copy as test row gets score 1
  const xTrain = Float64Array.from([0, 0, 0.1, 0, 5, 5, 0.2, 0.1]);
  const s = knnScores(xTrain, [0, 0, 1, 0], Float64Array.from([5, 5, 5.1, 5]), 2, 1);
  assert.deepEqual(Array.from(s), [1, 1]);
  assert.deepEqual(Array.from(knnScores(xTrain, [0, 0, 1, 0], Float64Array.from([5, 5]), 2, 3)), [1 / 3]);
});

test('knnScores: equal distances go to the earlier training row', () => {
  const s = knnScores(Float64Array.from([1, -1]), [1, 0], Float64Array.from([0]), 1, 1);
  assert.deepEqual(Array.from(s), [1]);
});

test('knnScores rejects bad shapes, k and labels with the rule in the message', () => {
  const x = Float64Array.from([0, 1, 2, 3]);
  assert.throws(() => knnScores(x, [0, 1], x, 3, 1), /knnScores\(xTrain\): expected 2 x 3 = 6 values/);
  assert.throws(() => knnScores(x, [0, 1], x, 2, 3), /knnScores\(k\): expected an integer in \[1, 2\]/);
  assert.throws(() => knnScores(x, [0, 2], x, 2, 1), /knnScores\(yTrain\)\[1\]: expected a binary label/);
});
