import { test } from 'node:test';
import assert from 'node:assert/strict';
import seedrandom from 'seedrandom';
import { rng, Rng, setRootSeed, rootSeed, DEFAULT_ROOT_SEED } from '../../../src/library/random/index';

const draws = (r: Rng, n: number): number[] => Array.from({ length: n }, () => r.uniform());

test('seedrandom alea matches the value documented upstream (README: alea("hello.")() is always 0.4783254903741181)', () => {
  assert.equal(seedrandom.alea('hello.')(), 0.4783254903741181);
});

test('pinned draws: same root seed and name give bit-identical numbers (recorded once from this implementation)', () => {
  assert.deepEqual(draws(rng('pin', 0), 3), [0.061113730538636446, 0.7231604079715908, 0.4261584924533963]);
  const n = rng('pin', 7);
  assert.deepEqual([n.normal(), n.normal()], [0.06205038333197221, 0.05360442010504414]);
  const i = rng('pin-int', 0);
  assert.deepEqual(Array.from({ length: 8 }, () => i.integer(0, 100)), [17, 25, 90, 88, 72, 40, 12, 20]);
  assert.deepEqual(Array.from(rng('pin-perm', 0).permutation(10)), [7, 5, 4, 2, 0, 6, 8, 1, 9, 3]);
  assert.deepEqual(rng('pin-choice', 0).choice(['a', 'b', 'c', 'd', 'e', 'f'], 3), ['d', 'a', 'c']);
  assert.equal(rng('init', 0).child('dense1').tfSeed(), 499365270);
  assert.equal(rng('init', 1).tfSeed(), 326238798);
});

test('the seed string is root/path, and child paths nest', () => {
  assert.equal(rng('pin', 0).seed, '0/pin');
  assert.equal(rng('pin', 3).child('x').child('y').seed, '3/pin/x/y');
});

test('uniform draws carry 32 random bits: each is a multiple of 2^-32 in [0, 1)', () => {
  for (const u of draws(rng('bits', 0), 1000)) {
    assert.ok(u >= 0 && u < 1);
    assert.ok(Number.isInteger(u * 2 ** 32), `${u} is not a multiple of 2^-32`);
  }
});

test('each rng(name) call starts its stream from the beginning (replay by name, not by call order)', () => {
  assert.deepEqual(draws(rng('a', 5), 4), draws(rng('a', 5), 4));
});

test('independence: creating or drawing from other streams does not change a stream', () => {
  const alone = draws(rng('splits', 11), 20);
  const a = rng('splits', 11);
  const before = draws(a, 10);
  draws(rng('init', 11), 50); // a new stream drawn in between
  draws(rng('batches', 11), 50);
  assert.deepEqual(before.concat(draws(a, 10)), alone);
});

test('different names, different root seeds and children give different streams', () => {
  const base = draws(rng('a', 1), 5);
  assert.notDeepEqual(draws(rng('b', 1), 5), base);
  assert.notDeepEqual(draws(rng('a', 2), 5), base);
  assert.notDeepEqual(draws(rng('a', 1).child('x'), 5), base);
  assert.notDeepEqual(draws(rng('a', 1).child('x'), 5), draws(rng('a', 1).child('y'), 5));
});

test('a child does not depend on how far its parent has drawn', () => {
  const parent = rng('p', 4);
  const early = draws(parent.child('c'), 5);
  draws(parent, 100);
  assert.deepEqual(draws(parent.child('c'), 5), early);
});

test('setRootSeed changes the default root seed; rng(name, seed) overrides it', () => {
  const saved = rootSeed();
  try {
    setRootSeed(42);
    assert.equal(rootSeed(), 42);
    assert.deepEqual(draws(rng('x'), 3), draws(rng('x', 42), 3));
    assert.notDeepEqual(draws(rng('x'), 3), draws(rng('x', DEFAULT_ROOT_SEED), 3));
  } finally {
    setRootSeed(saved);
  }
});

test('normal: mean and variance of 200,000 draws within 5 standard errors (mean, std) = (2, 3)', () => {
  const r = rng('normal-sanity', 0);
  const n = 200_000;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const z = (r.normal(2, 3) - 2) / 3;
    sum += z;
    sumSq += z * z;
  }
  const mean = sum / n;
  const variance = sumSq / n - mean * mean;
  assert.ok(Math.abs(mean) < 5 / Math.sqrt(n), `mean ${mean}`); // se of mean = 1/sqrt(n)
  assert.ok(Math.abs(variance - 1) < 5 * Math.sqrt(2 / n), `variance ${variance}`); // se of var ~ sqrt(2/n)
});

test('integer: every value of [0, 10) appears; chi-square of 100,000 draws below the 0.999 quantile (27.88, 9 df)', () => {
  const r = rng('int-sanity', 0);
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < 100_000; i++) counts[r.integer(0, 10)]!++;
  const chi2 = counts.reduce((s, c) => s + (c - 10_000) ** 2 / 10_000, 0);
  assert.ok(chi2 < 27.88, `chi2 ${chi2}, counts ${counts.join(',')}`);
});

test('permutation is a permutation; all 6 orders of 3 items are equally likely (chi-square, 5 df, < 20.52)', () => {
  const r = rng('perm-sanity', 0);
  const p = Array.from(r.permutation(1000)).sort((a, b) => a - b);
  assert.deepEqual(p, Array.from({ length: 1000 }, (_, i) => i));
  assert.equal(r.permutation(0).length, 0);
  const counts = new Map<string, number>();
  for (let i = 0; i < 60_000; i++) {
    const key = Array.from(r.permutation(3)).join('');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  assert.equal(counts.size, 6);
  const chi2 = Array.from(counts.values()).reduce((s, c) => s + (c - 10_000) ** 2 / 10_000, 0);
  assert.ok(chi2 < 20.52, `chi2 ${chi2}`);
});

test('shuffle returns a shuffled copy and leaves the input alone', () => {
  const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
  const out = rng('shuffle', 0).shuffle(items);
  assert.deepEqual(items, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  assert.deepEqual(out.slice().sort(), items);
  assert.notDeepEqual(out, items);
});

test('choice without replacement never repeats; with replacement it can', () => {
  const r = rng('choice', 0);
  const items = Array.from({ length: 50 }, (_, i) => i);
  for (let t = 0; t < 200; t++) {
    const k = 1 + (t % 50);
    assert.equal(new Set(r.choice(items, k)).size, k);
  }
  assert.equal(r.choice(items, 50).length, 50);
  assert.deepEqual(r.choice(items, 0), []);
  const withReplacement = r.choice([1, 2, 3], 30, true);
  assert.equal(withReplacement.length, 30);
  assert.ok(new Set(withReplacement).size < 30);
});

test('tfSeed is a positive 31-bit integer, never 0 (TF.js reads seed 0 as unseeded)', () => {
  const r = rng('tf', 0);
  for (let i = 0; i < 10_000; i++) {
    const s = r.tfSeed();
    assert.ok(Number.isInteger(s) && s >= 1 && s < 2 ** 31 - 1, String(s));
  }
});

test('bad input: errors name the argument, the rule and the value', () => {
  const r = rng('errors', 0);
  assert.throws(() => rng(''), /^PaperlabError: rng\(name\): expected a non-empty stream name, got $/);
  assert.throws(() => rng('a/b'), /rng\(name\): expected a stream name without '\/', got a\/b; use rng\('a'\)\.child\(\.\.\.\)/);
  assert.throws(() => rng('a', -1), /rng\(name, seed\): expected a non-negative integer, got -1/);
  assert.throws(() => rng('a', 1.5), /expected a non-negative integer, got 1\.5/);
  assert.throws(() => setRootSeed(Number.NaN), /setRootSeed\(seed\): expected a non-negative integer, got null/);
  assert.throws(() => r.child(''), /errors\.child\(name\): expected a non-empty stream name/);
  assert.throws(() => r.integer(5, 5), /rng\.integer\(lo, hiExclusive\): expected safe integers with lo < hiExclusive, got \[5,5\]/);
  assert.throws(() => r.integer(0, 2 ** 33), /expected a range of at most 2\^32 values, got 8589934592/);
  assert.throws(() => r.uniform(1, 0), /rng\.uniform\(lo, hi\): expected finite numbers with lo <= hi, got \[1,0\]/);
  assert.throws(() => r.normal(0, -1), /rng\.normal\(mean, std\): expected a finite mean and a finite std >= 0, got \[0,-1\]/);
  assert.throws(() => r.permutation(-1), /rng\.permutation\(n\): expected an integer 0 <= n < 2\^31, got -1/);
  assert.throws(() => r.choice([1, 2], 3), /rng\.choice\(k\): expected k <= 2 without replacement, got 3; pass replace=true or lower k/);
  assert.throws(() => r.choice([1, 2], 1.5), /rng\.choice\(k\): expected a non-negative integer, got 1\.5/);
  assert.throws(() => r.choice([], 1, true), /rng\.choice\(items\): expected at least one item to draw from, got \[\]/);
  assert.throws(() => new Rng(0, ''), /new Rng\(path\): expected a non-empty stream path/);
});
