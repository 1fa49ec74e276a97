import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../../src/library/backend/index';
import { tinyTransformer, type TinyTransformerOptions } from '../../../src/library/models/index';
import { values } from './helpers';

before(async () => { await useBackend({ force: 'cpu' }); });

const small: TinyTransformerOptions = { vocab: 7, seqLen: 4, dModel: 8, nHeads: 2, nLayers: 2, dMlp: 16 };

test('tinyTransformer: parameter count and FLOPs by hand', () => {
  const m = tinyTransformer(small);
  // Embeddings 7*8 + 4*8 = 88. Per block: ln1 16, qkv 8*24 + 24 = 216, proj 64 + 8 = 72, ln2 16,
  // fc 8*16 + 16 = 144, proj 16*8 + 8 = 136: 600, two blocks 1200. Final ln 16, head 8*7 + 7 = 63.
  assert.equal(m.paramCount(), 88 + 1200 + 16 + 63);
  // Per block with T = 4: qkv 4*(2*8*24 + 24) = 1632, scores and weighted values 2*(2*4*4*8) = 512,
  // proj 4*(2*64 + 8) = 544, MLP 4*(2*8*16 + 16 + 2*16*8 + 8) = 2144: 4832, two blocks 9664; head 2*8*7 + 7 = 119.
  assert.equal(m.flopsPerExample(), 9664 + 119);
  assert.equal(m.describe(), 'tinyTransformer(vocab=7, seqLen=4, dModel=8, nHeads=2, nLayers=2, dMlp=16, causal, readout=last, outputs=7)');
  const all = tinyTransformer({ ...small, readout: 'all' });
  assert.equal(all.flopsPerExample(), 9664 + 4 * 119);
  assert.equal(new Set([...m.params, ...all.params].map((p) => p.name)).size, 2 * m.params.length, 'variable names are unique');
  m.dispose();
  all.dispose();
});

test('tinyTransformer: output shapes per readout, shorter sequences, float token ids', () => {
  const x = tf.tensor2d([[1, 2, 3, 4], [0, 6, 5, 1], [2, 2, 2, 2]], [3, 4], 'int32');
  for (const [readout, shape] of [['last', [3, 5]], ['mean', [3, 5]], ['all', [3, 4, 5]]] as const) {
    const m = tinyTransformer({ ...small, readout, outputs: 5 });
    assert.deepEqual(tf.tidy(() => m.apply(x).shape), shape, readout);
    assert.deepEqual(tf.tidy(() => m.apply(tf.slice(x, [0, 0], [3, 2])).shape), readout === 'all' ? [3, 2, 5] : shape);
    m.dispose();
  }
  const m = tinyTransformer(small);
  const asFloat = tf.tidy(() => values(m.apply(tf.cast(x, 'float32'))));
  assert.deepEqual(asFloat, tf.tidy(() => values(m.apply(x))));
  assert.throws(() => m.apply(tf.zeros([2, 5], 'int32')), /\.apply\(x\): expected token ids of shape \[batch, T\] with 1 <= T <= 4, got \[2, 5\]/);
  m.dispose();
  x.dispose();
});

test('tinyTransformer: the causal mask keeps a position blind to later tokens; without it they leak back', () => {
  const a = tf.tensor2d([[1, 2, 3, 4]], [1, 4], 'int32');
  const b = tf.tensor2d([[1, 2, 3, 6]], [1, 4], 'int32'); // only the last token differs
  // Largest |change| of the 7 outputs at each of the 4 positions.
  const change = (causal: boolean): number[] => {
    const m = tinyTransformer({ ...small, causal, readout: 'all', initStd: 0.5 });
    const [ya, yb] = tf.tidy(() => [values(m.apply(a)), values(m.apply(b))]) as [number[], number[]];
    m.dispose();
    return [0, 1, 2, 3].map((t) => Math.max(...ya.slice(t * 7, t * 7 + 7).map((v, i) => Math.abs(v - yb[t * 7 + i]!))));
  };
  const causal = change(true);
  // Masked weights are exp(-1e9) = exactly 0 in float32, so earlier outputs are bit-identical.
  assert.deepEqual(causal.slice(0, 3), [0, 0, 0], `earlier positions moved: ${causal}`);
  assert.ok(causal[3]! > 1e-3, 'the changed position itself changes');
  const open = change(false);
  assert.ok(open.slice(0, 3).every((d) => d > 1e-4), `without the mask every position sees the future: ${open}`);
  a.dispose();
  b.dispose();
});

test('tinyTransformer: seeded init and a few Adam steps reduce the loss (recall the first token)', () => {
  const a = tinyTransformer({ ...small, nLayers: 1 });
  const again = tinyTransformer({ ...small, nLayers: 1 });
  const other = tinyTransformer({ ...small, nLayers: 1, seedName: 'other' });
  a.params.forEach((p, i) => assert.deepEqual(values(p), values(again.params[i]!)));
  assert.notDeepEqual(values(a.params[0]!), values(other.params[0]!));
  // Predicting the first token from the last position needs attention across positions.
  const seqs = [[1, 3, 5, 2], [2, 4, 6, 1], [3, 1, 1, 5], [4, 2, 0, 3], [5, 6, 3, 0], [6, 5, 2, 4]];
  const x = tf.tensor2d(seqs, [6, 4], 'int32');
  const y = tf.oneHot(tf.tensor1d(seqs.map((s) => s[0]!), 'int32'), 7);
  const opt = tf.train.adam(0.01);
  const loss = (): tf.Scalar => tf.losses.softmaxCrossEntropy(y, a.apply(x)) as tf.Scalar;
  const first = values(opt.minimize(loss, true, a.params)!)[0]!;
  let last = first;
  for (let i = 0; i < 40; i++) last = values(opt.minimize(loss, true, a.params)!)[0]!;
  assert.ok(last < 0.5 * first, `loss ${first} -> ${last}`);
  [a, again, other].forEach((m) => m.dispose());
});

test('tinyTransformer: bad options name the argument', () => {
  assert.throws(() => tinyTransformer({ ...small, nHeads: 3 }), /tinyTransformer\(nHeads\): expected a divisor of dModel=8, got 3/);
  assert.throws(() => tinyTransformer({ ...small, readout: 'first' as never }), /tinyTransformer\(readout\): expected one of 'last', 'mean', 'all', got first/);
});
