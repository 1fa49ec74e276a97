import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../../src/library/backend/index';
import { rng } from '../../../src/library/random/index';
import { ACTIVATIONS, activate, mlp, type Activation } from '../../../src/library/models/index';
import { meanStd, values } from './helpers';

before(async () => { await useBackend({ force: 'cpu' }); });

test('mlp: shapes, parameter count and FLOPs by hand', () => {
  const m = mlp({ widths: [3, 4, 2] });
  assert.deepEqual(tf.tidy(() => m.apply(tf.zeros([5, 3])).shape), [5, 2]);
  // (3*4 + 4) + (4*2 + 2) = 26; FLOPs 2*3*4 + 4 + 2*4*2 + 2 = 46 (a multiply-add counts 2, bias adds 1).
  assert.equal(m.paramCount(), 26);
  assert.equal(m.flopsPerExample(), 46);
  assert.equal(m.describe(), 'mlp(3-4-2, relu)');
  const noBias = mlp({ widths: [3, 4, 2], bias: false, activation: 'quadratic', init: 'normal', initScale: 0.1 });
  assert.equal(noBias.paramCount(), 20);
  assert.equal(noBias.flopsPerExample(), 40);
  assert.equal(noBias.params.length, 2);
  assert.equal(noBias.describe(), 'mlp(3-4-2, quadratic, bias=false, init=normal, initScale=0.1)');
  const big = mlp({ widths: [784, 256, 256, 10] });
  assert.equal(big.paramCount(), 784 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10); // 269,322
  [m, noBias, big].forEach((x) => x.dispose());
});

test('mlp: variables have unique names; a second model gets its own scope; dispose frees everything', () => {
  const start = tf.memory().numTensors;
  const a = mlp({ widths: [2, 3, 1], seedName: 'scoped' });
  const b = mlp({ widths: [2, 3, 1], seedName: 'scoped' });
  assert.deepEqual(a.params.map((p) => p.name), ['scoped/layer0/kernel', 'scoped/layer0/bias', 'scoped/layer1/kernel', 'scoped/layer1/bias']);
  assert.deepEqual(b.params.map((p) => p.name), ['scoped_2/layer0/kernel', 'scoped_2/layer0/bias', 'scoped_2/layer1/kernel', 'scoped_2/layer1/bias']);
  // Same seed names: a second model is the same draw, whatever its variable scope.
  assert.deepEqual(values(a.params[0]!), values(b.params[0]!));
  tf.tidy(() => { a.apply(tf.ones([4, 2])); });
  a.dispose();
  b.dispose();
  assert.equal(tf.memory().numTensors, start);
  const c = mlp({ widths: [2, 1], seedName: 'scoped' });
  assert.equal(c.params[0]!.name, 'scoped/layer0/kernel', 'a disposed model frees its scope');
  c.dispose();
});

test('mlp: seeded init: same seed name and root seed give identical weights, another name or seed different', () => {
  const w = (o: { seedName?: string; seed?: number }): number[] => {
    const m = mlp({ widths: [5, 7, 3], seedName: o.seedName, stream: rng('init', o.seed ?? 0) });
    const out = m.params.flatMap((p) => values(p));
    m.dispose();
    return out;
  };
  assert.deepEqual(w({}), w({}));
  assert.notDeepEqual(w({}), w({ seedName: 'other' }));
  assert.notDeepEqual(w({}), w({ seed: 1 }));
  // Seeds go by parameter name: inserting a layer leaves layer0's weights as they were.
  const shallow = mlp({ widths: [5, 7, 3] });
  const deep = mlp({ widths: [5, 7, 7, 3] });
  assert.deepEqual(values(shallow.params[0]!), values(deep.params[0]!));
  shallow.dispose();
  deep.dispose();
});

test('mlp: init "normal" with initScale gives the requested std per layer (Gromov-style explicit std)', () => {
  const m = mlp({ widths: [200, 400, 60], activation: 'quadratic', bias: false, init: 'normal', initScale: [0.3, 0.05] });
  // 80,000 and 24,000 draws: the sample std's standard error is std/sqrt(2n) < 0.5%, so 3% cannot be missed by chance.
  for (const [i, want] of [[0, 0.3], [1, 0.05]] as const) {
    const { mean, std } = meanStd(values(m.params[i]!));
    assert.ok(Math.abs(std / want - 1) < 0.03, `layer${i} std ${std}, wanted ${want}`);
    assert.ok(Math.abs(mean) < 5 * want / Math.sqrt(m.params[i]!.size), `layer${i} mean ${mean}`);
  }
  m.dispose();
  // He: std sqrt(2 / fanIn); Glorot: uniform with std sqrt(2 / (fanIn + fanOut)).
  const he = mlp({ widths: [500, 200], init: 'he' });
  assert.ok(Math.abs(meanStd(values(he.params[0]!)).std / Math.sqrt(2 / 500) - 1) < 0.03);
  const glorot = mlp({ widths: [500, 200], init: 'glorot', initScale: 2 });
  assert.ok(Math.abs(meanStd(values(glorot.params[0]!)).std / (2 * Math.sqrt(2 / 700)) - 1) < 0.03);
  he.dispose();
  glorot.dispose();
});

test('mlp: quadratic activation forward pass equals the hand computation', () => {
  const m = mlp({ widths: [2, 2, 1], activation: 'quadratic', bias: false });
  m.params[0]!.assign(tf.tensor2d([[1, 2], [3, -1]]));
  m.params[1]!.assign(tf.tensor2d([[1], [2]]));
  // x = [1, 1]: x W1 = [4, 1], squared [16, 1], times W2 = 16 + 2 = 18. x = [2, -1]: [-1, 5] -> [1, 25] -> 51.
  const y = m.apply(tf.tensor2d([[1, 1], [2, -1]]));
  assert.deepEqual(values(y), [18, 51]);
  y.dispose();
  // Fixed multipliers scale each layer's output before its activation: 0.5 * [4, 1] = [2, 0.5] -> [4, 0.25] -> 4.5 -> * 0.1.
  const scaled = mlp({ widths: [2, 2, 1], activation: 'quadratic', bias: false, multipliers: [0.5, 0.1] });
  scaled.params.forEach((p, i) => p.assign(m.params[i]!));
  const ys = tf.tidy(() => values(scaled.apply(tf.tensor2d([[1, 1], [2, -1]]))));
  [0.45, 1.275].forEach((want, i) => assert.ok(Math.abs(ys[i]! - want) < 1e-6, `${ys[i]} vs ${want}`));
  assert.equal(scaled.describe(), 'mlp(2-2-1, quadratic, bias=false, multipliers=0.5/0.1)');
  scaled.dispose();
  m.dispose();
});

test('mlp: every activation runs and a few Adam steps reduce the loss on a tiny regression task', () => {
  const x = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.5], [0.2, 0.9]]);
  const y = tf.tensor2d([[0], [1], [1], [0], [0.5], [0.3]]);
  for (const activation of ['relu', 'tanh', 'gelu', 'quadratic', 'linear'] as const) {
    const m = mlp({ widths: [2, 16, 1], activation });
    const opt = tf.train.adam(0.02);
    const loss = (): tf.Scalar => tf.losses.meanSquaredError(y, m.apply(x)) as tf.Scalar;
    const first = (opt.minimize(loss, true, m.params) as tf.Scalar).dataSync()[0]!;
    let last = first;
    for (let i = 0; i < 60; i++) {
      const l = opt.minimize(loss, true, m.params) as tf.Scalar;
      last = l.dataSync()[0]!;
      l.dispose();
    }
    assert.ok(last < 0.7 * first, `${activation}: loss ${first} -> ${last}`);
    opt.dispose();
    m.dispose();
  }
  x.dispose();
  y.dispose();
});

test('mlp: bad options and inputs name the argument', () => {
  assert.throws(() => mlp({ widths: [3] }), /mlp\(widths\): expected at least two widths \[in, \.\.\., out\], got \[3\]/);
  assert.throws(() => mlp({ widths: [3, 0] }), /mlp\(widths\[1\]\): expected an integer >= 1, got 0/);
  assert.throws(() => mlp({ widths: [3, 2], activation: 'sigmoid' as never }), /mlp\(activation\): expected one of 'relu', 'tanh'/);
  assert.throws(() => mlp({ widths: [3, 2, 1], initScale: [1] }), /mlp\(initScale\): expected a number or 2 numbers/);
  const m = mlp({ widths: [3, 2] });
  assert.throws(() => m.apply(tf.zeros([4, 5])), /mlp\(3-2, relu\)\.apply\(x\): expected shape \[batch, 3\], got \[4, 5\]/);
  m.dispose();
});

test('activations match their formulas (gelu: the tanh approximation of GPT-2 / nanoGPT)', () => {
  const xs = [-2, -0.5, 0, 1, 3];
  const gelu = (x: number): number => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
  const want: Record<Activation, (x: number) => number> = {
    relu: (x) => Math.max(0, x), tanh: Math.tanh, gelu, quadratic: (x) => x * x, linear: (x) => x,
  };
  for (const a of ACTIVATIONS) {
    const got = tf.tidy(() => values(activate(tf.tensor1d(xs), a)));
    got.forEach((v, i) => assert.ok(Math.abs(v - want[a](xs[i]!)) < 1e-6, `${a}(${xs[i]}) = ${v}, want ${want[a](xs[i]!)}`));
  }
  assert.ok(Math.abs(gelu(1) - 0.8412) < 1e-4); // exact GELU(1) = 0.8413; the approximation is within 1e-4
});
