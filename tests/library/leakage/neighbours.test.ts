import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KdTree, nearestResult } from '../../../src/library/leakage/neighbours';
import { rng } from '../../../src/library/random/index';

function points(name: string, n: number, dim: number, discrete = false): Float64Array {
  const r = rng('tests').child('neighbours').child(name);
  // discrete values make many ties and equal points, the cases a median split gets wrong first
  return Float64Array.from({ length: n * dim }, () => (discrete ? r.integer(0, 4) : r.normal()));
}

function bruteForce(p: Float64Array, dim: number, q: Float64Array, qOff: number, exclude: number): number[] {
  const n = p.length / dim;
  const d2: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i === exclude) continue;
    let s = 0;
    for (let d = 0; d < dim; d++) s += (q[qOff + d]! - p[i * dim + d]!) ** 2;
    d2.push(s);
  }
  return d2.sort((a, b) => a - b);
}

for (const [name, n, dim, discrete] of [['gauss-2d', 3000, 2, false], ['gauss-8d', 2000, 8, false], ['gauss-20d', 1500, 20, false], ['ties-5d', 2000, 5, true]] as const) {
  test(`KdTree equals brute force: ${name} (${n} points), k = 1, 3, 7, leave-one-out, radius counts`, () => {
    const p = points(name, n, dim, discrete);
    const q = points(`${name}-queries`, 200, dim, discrete);
    const tree = new KdTree(p, dim, 8);
    const out = nearestResult(7);
    for (let i = 0; i < 200; i++) {
      const truth = bruteForce(p, dim, q, i * dim, -1);
      for (const k of [1, 3, 7]) {
        assert.equal(tree.nearest(q, i * dim, k, out), k);
        assert.ok(out.exact);
        assert.deepEqual(Array.from(out.dist2.subarray(0, k)), truth.slice(0, k), `query ${i}, k=${k}`);
      }
      const r2 = truth[5]!;
      assert.equal(tree.countWithin(q, i * dim, r2), truth.filter((x) => x <= r2).length);
      assert.equal(tree.countWithin(q, i * dim, r2, 3), 3, 'stops at stopAt');
      // bounded search: only points within maxDist2
      const found = tree.nearest(q, i * dim, 7, out, { maxDist2: truth[2]! });
      assert.equal(found, truth.filter((x) => x <= truth[2]!).slice(0, 7).length);
      // leave-one-out on a data point
      const self = (i * 7) % n;
      const loo = bruteForce(p, dim, p, self * dim, self);
      tree.nearest(p, self * dim, 3, out, { exclude: self });
      assert.deepEqual(Array.from(out.dist2.subarray(0, 3)), loo.slice(0, 3));
    }
  });
}

test('KdTree: a budget stops the search and says so; the distances found are upper bounds', () => {
  const p = points('budget', 5000, 20);
  const tree = new KdTree(p, 20);
  const out = nearestResult(3);
  const q = points('budget-q', 1, 20);
  tree.nearest(q, 0, 3, out, { budget: 16 });
  assert.equal(out.exact, false);
  const truth = bruteForce(p, 20, q, 0, -1);
  for (let j = 0; j < 3; j++) assert.ok(out.dist2[j]! >= truth[j]!);
});

test('KdTree: empty, one point, all points equal; bad input names the argument', () => {
  const out = nearestResult(2);
  assert.equal(new KdTree(new Float64Array(0), 3).nearest(Float64Array.of(0, 0, 0), 0, 2, out), 0);
  const same = new KdTree(new Float64Array(200).fill(1), 2, 4);
  assert.equal(same.nearest(Float64Array.of(1, 1), 0, 2, out), 2);
  assert.deepEqual(Array.from(out.dist2), [0, 0]);
  assert.equal(same.countWithin(Float64Array.of(1, 1), 0, 0), 100);
  assert.throws(() => new KdTree(new Float64Array(5), 2), /KdTree\(points\): expected a multiple of dim=2 values, got 5/);
  assert.throws(() => new KdTree(new Float64Array(4), 0), /KdTree\(dim\): expected an integer >= 1, got 0/);
});
