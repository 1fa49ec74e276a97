import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setRootSeed, rootSeed } from '../../../src/library/random/index';
import { kfold } from '../../../src/library/splits/index';
import { PaperlabError } from '../../../src/library/errors/index';
import { assertBalanced, assertPartition, caseRng, folds, sklearn, sorted, type OracleCase } from './helpers';

// Random cases: sizes 2..300, folds 2..min(n, 12).
const r = caseRng('kfold');
const cases: OracleCase[] = [];
for (let i = 0; i < 150; i++) {
  const n = r.integer(2, 300);
  const nSplits = r.integer(2, Math.min(n, 12) + 1);
  cases.push({ kind: 'kfold', n, params: { nSplits, shuffle: i % 2 === 1 } });
}
// Bad cases sklearn also rejects: more folds than rows.
const bad: OracleCase[] = [{ kind: 'kfold', n: 3, params: { nSplits: 4, shuffle: false } }, { kind: 'kfold', n: 5, params: { nSplits: 10, shuffle: true } }];
const oracle = sklearn([...cases, ...bad]);

test('unshuffled kfold equals sklearn KFold fold for fold', () => {
  cases.forEach((c, i) => {
    if (c.params.shuffle) return;
    const ours = kfold({ nSplits: c.params.nSplits as number }).split({ nSamples: c.n });
    const theirs = folds(oracle[i]!, `case ${i}`);
    assert.equal(ours.length, theirs.length);
    ours.forEach((s, f) => {
      assert.deepEqual(Array.from(s.test), sorted(theirs[f]!.test), `case ${i} fold ${f} test`);
      assert.deepEqual(Array.from(s.train), sorted(theirs[f]!.train), `case ${i} fold ${f} train`);
    });
  });
});

test('shuffled kfold: fold sizes equal sklearn, invariants hold', () => {
  // Our shuffle draws from src/random, not numpy's RNG: rows differ from sklearn, sizes must not.
  cases.forEach((c, i) => {
    if (!c.params.shuffle) return;
    const ours = kfold({ nSplits: c.params.nSplits as number, shuffle: true, seed: i }).split({ nSamples: c.n });
    const theirs = folds(oracle[i]!, `case ${i}`);
    assert.deepEqual(ours.map((s) => s.test.length), theirs.map((f) => f.test.length), `case ${i} sizes`);
    assertPartition(ours, c.n, `case ${i}`);
    assertBalanced(ours, `case ${i}`);
  });
});

test('unshuffled kfold invariants on every case', () => {
  for (const c of cases) {
    const s = kfold({ nSplits: c.params.nSplits as number }).split({ nSamples: c.n });
    assertPartition(s, c.n, `n=${c.n}`);
    assertBalanced(s, `n=${c.n}`);
  }
});

test('same seed same split, different seed different split, repeated calls equal', () => {
  const a = kfold({ nSplits: 5, shuffle: true, seed: 7 });
  const b = kfold({ nSplits: 5, shuffle: true, seed: 7 });
  const c = kfold({ nSplits: 5, shuffle: true, seed: 8 });
  const input = { nSamples: 100 };
  const tests = (sp: ReturnType<typeof a.split>) => sp.map((s) => Array.from(s.test));
  assert.deepEqual(tests(a.split(input)), tests(b.split(input)));
  assert.deepEqual(tests(a.split(input)), tests(a.split(input)));
  assert.notDeepEqual(tests(a.split(input)), tests(c.split(input)));
  assert.equal(a.split(input)[0]!.manifest.digest, b.split(input)[0]!.manifest.digest);
  assert.notEqual(a.split(input)[0]!.manifest.digest, c.split(input)[0]!.manifest.digest);
  const otherStream = kfold({ nSplits: 5, shuffle: true, seed: 7, stream: 'cv-outer' });
  assert.notDeepEqual(tests(a.split(input)), tests(otherStream.split(input)));
});

test('describe names every parameter; seed defaults to the root seed at construction', () => {
  assert.equal(kfold().describe(), 'kfold(nSplits=5, shuffle=false)');
  assert.equal(kfold({ nSplits: 5, shuffle: true, seed: 7 }).describe(), 'kfold(nSplits=5, shuffle=true, seed=7)');
  assert.equal(kfold({ nSplits: 3, shuffle: true, seed: 1, stream: 'outer' }).describe(), 'kfold(nSplits=3, shuffle=true, seed=1, stream="outer")');
  const before = rootSeed();
  try {
    setRootSeed(42);
    const k = kfold({ shuffle: true });
    setRootSeed(43);
    assert.equal(k.describe(), 'kfold(nSplits=5, shuffle=true, seed=42)');
    assert.deepEqual(k.split({ nSamples: 10 })[0]!.manifest.seed, { rootSeed: 42, stream: 'splits' });
    assert.equal(k.nSplits(), 5);
  } finally {
    setRootSeed(before);
  }
});

test('bad input: sklearn rejects the same cases; messages name the argument', () => {
  bad.forEach((c, j) => {
    assert.ok('error' in oracle[cases.length + j]!, 'sklearn raises too');
    assert.throws(
      () => kfold({ nSplits: c.params.nSplits as number, shuffle: c.params.shuffle as boolean, ...(c.params.shuffle ? { seed: 1 } : {}) }).split({ nSamples: c.n }),
      (e: unknown) => e instanceof PaperlabError && /^kfold nSplits: expected at most nSamples=\d+, got \d+; lower nSplits or add data$/.test(e.message),
    );
  });
  assert.throws(() => kfold({ nSplits: 1 }), /^PaperlabError: kfold nSplits: expected an integer >= 2, got 1$/);
  assert.throws(() => kfold({ nSplits: 2.5 }), /kfold nSplits: expected an integer >= 2, got 2\.5/);
  assert.throws(() => kfold({ seed: 3 }), /kfold seed: expected no seed when shuffle=false \(nothing is drawn\), got 3; set shuffle=true or drop the seed/);
  assert.throws(() => kfold({ shuffle: true, seed: -1 }), /kfold seed: expected a non-negative integer, got -1/);
  assert.throws(() => kfold().split({ nSamples: 0 }), /kfold input\.nSamples: expected a positive integer, got 0; the data is empty/);
});
