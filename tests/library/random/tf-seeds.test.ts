import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initSeed, rng, seededInitializer, RANDOM_INITIALIZERS } from '../../../src/library/random/index';

const values = (t: tf.Tensor): number[] => Array.from(t.dataSync());

test('initSeed(name) is rng("init").child(name).tfSeed(); "/" nests child streams', () => {
  assert.equal(initSeed('dense1', rng('init', 3)), rng('init', 3).child('dense1').tfSeed());
  assert.equal(initSeed('dense1/kernel', rng('init', 3)), rng('init', 3).child('dense1').child('kernel').tfSeed());
  assert.equal(initSeed('dense1'), rng('init').child('dense1').tfSeed());
  assert.notEqual(initSeed('dense1'), initSeed('dense2'));
  assert.throws(() => initSeed(''), /initSeed\(name\): expected a non-empty stream name/);
  assert.throws(() => initSeed('a//b'), /initSeed\('a\/\/b'\): expected a non-empty stream name/);
});

test('seededInitializer: same name gives identical weights, another name different ones', () => {
  const a = values(seededInitializer('glorotUniform', 'dense1').apply([4, 3]));
  const again = values(seededInitializer('glorotUniform', 'dense1').apply([4, 3]));
  const other = values(seededInitializer('glorotUniform', 'dense2').apply([4, 3]));
  assert.deepEqual(a, again);
  assert.notDeepEqual(a, other);
  const direct = values(tf.initializers.glorotUniform({ seed: initSeed('dense1') }).apply([4, 3]));
  assert.deepEqual(a, direct);
});

test('seededInitializer passes the config through (randomNormal mean/stddev)', () => {
  const w = values(seededInitializer('randomNormal', 'w', { mean: 10, stddev: 0.001 }).apply([100]));
  assert.ok(w.every((x) => Math.abs(x - 10) < 0.01), String(w.slice(0, 5)));
});

test('every random initializer kind builds and is reproducible', () => {
  for (const kind of RANDOM_INITIALIZERS) {
    const a = values(seededInitializer(kind, 'k').apply([3, 3]));
    assert.deepEqual(values(seededInitializer(kind, 'k').apply([3, 3])), a, kind);
  }
});

// TF.js 4.22 behaviour the helpers and the audit rely on. If an upgrade changes it, these fail
// and the docs in tf-seeds.ts, stream.ts (tfSeed) and audit-rules.ts must be revisited.
test('TF.js fact: seed 0 means unseeded (so tfSeed() never returns 0)', () => {
  const a = values(tf.randomNormal([8], 0, 1, 'float32', 0));
  const b = values(tf.randomNormal([8], 0, 1, 'float32', 0));
  assert.notDeepEqual(a, b);
  assert.deepEqual(values(tf.randomNormal([8], 0, 1, 'float32', 1)), values(tf.randomNormal([8], 0, 1, 'float32', 1)));
});

test('TF.js fact: a seeded initializer returns the same values on every apply (so seeds go by layer name)', () => {
  const init = tf.initializers.glorotUniform({ seed: 5 });
  assert.deepEqual(values(init.apply([3, 3])), values(init.apply([3, 3])));
});

test('TF.js fact: a seeded dropout layer applies the same mask on every call (audit rule dropout-layer)', () => {
  const layer = tf.layers.dropout({ rate: 0.5, seed: 7 });
  const x = tf.ones([1, 64]);
  const m1 = values(layer.apply(x, { training: true }) as tf.Tensor);
  const m2 = values(layer.apply(x, { training: true }) as tf.Tensor);
  assert.deepEqual(m1, m2);
  assert.ok(m1.some((v) => v === 0) && m1.some((v) => v !== 0));
});
