import assert from 'node:assert/strict';
import { test } from 'node:test';
import { holdout, stratifiedHoldout, type Split } from '../../../src/library/splits/index';
import { caseRng, classCounts, folds, imbalancedLabels, sklearn, stratDeviation, type OracleCase } from './helpers';

// Random cases: fractions with awkward floats (0.3 * 10 = 3.0000000000000004 rounds up to 4 in
// sklearn and must here too) and integer counts.
const r = caseRng('holdout');
const FRACTIONS = [0.1, 0.2, 0.25, 0.3, 0.33, 0.5, 0.7, 0.05];
const plain: OracleCase[] = [];
for (let i = 0; i < 120; i++) {
  const n = r.integer(2, 500);
  const testSize = i % 3 === 2 ? r.integer(1, n) : FRACTIONS[r.integer(0, FRACTIONS.length)]!;
  plain.push({ kind: 'holdout', n, params: { testSize, shuffle: i % 2 === 0 } });
}
const strat: OracleCase[] = [];
while (strat.length < 120) {
  const nClasses = r.integer(2, 6);
  const n = r.integer(nClasses * 8, 500);
  const testSize = strat.length % 3 === 2 ? r.integer(nClasses, n - nClasses) : FRACTIONS[r.integer(0, FRACTIONS.length)]!;
  const nTest = testSize < 1 ? Math.ceil(testSize * n) : testSize;
  if (nTest < nClasses || n - nTest < nClasses) continue;
  strat.push({ kind: 'stratifiedHoldout', n, params: { testSize }, y: imbalancedLabels(r, n, nClasses, r.uniform(0.2, 1)) });
}
const oracle = sklearn([...plain, ...strat]);

function assertDisjointCover(s: Split, n: number, what: string): void {
  const parts = [s.train, s.validation ?? new Int32Array(0), s.test];
  const seen = new Uint8Array(n);
  for (const p of parts) for (const i of p) seen[i]!++;
  assert.ok(seen.every((c) => c === 1), `${what}: parts disjoint and covering`);
}

test('holdout: sizes equal sklearn ShuffleSplit; unshuffled equals train_test_split(shuffle=False)', () => {
  plain.forEach((c, i) => {
    const shuffle = c.params.shuffle as boolean;
    const [s] = holdout({ testSize: c.params.testSize as number, shuffle, ...(shuffle ? { seed: i } : {}) }).split({ nSamples: c.n });
    const [f] = folds(oracle[i]!, `case ${i}`);
    assert.equal(s!.test.length, f!.test.length, `case ${i} test size`);
    assert.equal(s!.train.length, f!.train.length, `case ${i} train size`);
    if (!shuffle) {
      assert.deepEqual(Array.from(s!.train), f!.train);
      assert.deepEqual(Array.from(s!.test), f!.test);
    }
    assertDisjointCover(s!, c.n, `case ${i}`);
  });
});

test('holdout with a validation part: train/validation/test sizes, disjoint, in the manifest', () => {
  const [s] = holdout({ testSize: 0.2, validationSize: 0.1, seed: 3 }).split({ nSamples: 95 });
  assert.equal(s!.test.length, 19); // ceil(0.2 * 95)
  assert.equal(s!.validation!.length, 10); // ceil(0.1 * 95) = ceil(9.5)
  assert.equal(s!.train.length, 66);
  assertDisjointCover(s!, 95, 'validation');
  assert.equal(s!.manifest.parts.validation!.size, 10);
  assert.match(s!.manifest.parts.validation!.digest, /^sha256:[0-9a-f]{64}$/);
  const [u] = holdout({ testSize: 2, validationSize: 3, shuffle: false }).split({ nSamples: 10 });
  assert.deepEqual([Array.from(u!.train), Array.from(u!.validation!), Array.from(u!.test)], [[0, 1, 2, 3, 4], [5, 6, 7], [8, 9]]);
  const [none] = holdout({ seed: 1 }).split({ nSamples: 10 });
  assert.equal(none!.validation, undefined);
  assert.equal(none!.manifest.parts.validation, undefined);
});

test('stratifiedHoldout: sizes equal sklearn, class counts within one row of sklearn, floor or ceil of the exact share', () => {
  strat.forEach((c, j) => {
    const i = plain.length + j;
    const [s] = stratifiedHoldout({ testSize: c.params.testSize as number, seed: j }).split({ nSamples: c.n, y: c.y });
    const [f] = folds(oracle[i]!, `case ${j}`);
    const y = c.y!;
    const k = new Set(y).size;
    assert.equal(s!.test.length, f!.test.length, `case ${j} test size`);
    const all = classCounts(Array.from({ length: c.n }, (_, x) => x), y, k);
    const ours = classCounts(s!.test, y, k);
    const theirs = classCounts(f!.test, y, k);
    ours.forEach((m, cl) => {
      assert.ok(Math.abs(m - theirs[cl]!) <= 1, `case ${j} class ${cl}: ${m} vs sklearn ${theirs[cl]}`);
      const share = (all[cl]! * s!.test.length) / c.n;
      assert.ok(m >= Math.floor(share - 1e-9) && m <= Math.ceil(share + 1e-9), `case ${j} class ${cl}: ${m} rows for a share of ${share}`);
    });
    const dev = stratDeviation([s!.test], y);
    assert.ok(dev <= stratDeviation([f!.test], y) + 1 / s!.test.length + 1e-12, `case ${j}: deviation`);
    assertDisjointCover(s!, c.n, `case ${j}`);
  });
});

test('stratifiedHoldout with validation keeps every class in every part', () => {
  const y = imbalancedLabels(r, 300, 4, 0.4, 10);
  const [s] = stratifiedHoldout({ testSize: 0.2, validationSize: 0.2, seed: 9 }).split({ nSamples: 300, y });
  assertDisjointCover(s!, 300, 'strat validation');
  const all = classCounts(Array.from({ length: 300 }, (_, x) => x), y, 4);
  for (const part of [s!.train, s!.validation!, s!.test]) {
    classCounts(part, y, 4).forEach((m, cl) => {
      const share = (all[cl]! * part.length) / 300;
      assert.ok(Math.abs(m - share) <= 2, `class ${cl}: ${m} rows for a share of ${share}`);
    });
  }
  assert.deepEqual(Object.keys(s!.manifest.parts.validation!.classCounts!).sort(), ['0', '1', '2', '3']);
});

test('same seed same split; different seed different split', () => {
  const y = imbalancedLabels(r, 200, 3, 0.5);
  const t = (seed: number) => Array.from(stratifiedHoldout({ seed }).split({ nSamples: 200, y })[0]!.test);
  assert.deepEqual(t(1), t(1));
  assert.notDeepEqual(t(1), t(2));
  const h = (seed: number) => Array.from(holdout({ seed }).split({ nSamples: 200 })[0]!.test);
  assert.deepEqual(h(1), h(1));
  assert.notDeepEqual(h(1), h(2));
});

test('bad input: sizes, one-member class, parts smaller than the class count', () => {
  assert.throws(() => holdout({ testSize: 1.5 }), /^PaperlabError: holdout testSize: expected a fraction in \(0, 1\) or a row count >= 1, got 1\.5$/);
  assert.throws(() => holdout({ testSize: 0 }), /holdout testSize: expected a fraction in \(0, 1\) or a row count >= 1, got 0/);
  assert.throws(() => holdout({ testSize: 20, seed: 1 }).split({ nSamples: 10 }), /holdout testSize: expected at most nSamples=10 rows, got 20; lower it or add data/);
  assert.throws(() => holdout({ testSize: 0.6, validationSize: 0.4 }).split({ nSamples: 10 }),
    /holdout testSize: expected test \+ validation rows < nSamples=10 so train keeps a row, got 6 test \+ 4 validation rows/);
  assert.throws(() => holdout().split({ nSamples: 0 }), /holdout input\.nSamples: expected a positive integer, got 0; the data is empty/);
  assert.throws(() => stratifiedHoldout({ seed: 1 }).split({ nSamples: 5, y: [0, 0, 1, 1, 2] }),
    /stratifiedHoldout input\.y: expected at least 2 rows in every class, got 1 class\(es\) with 1 row: 2/);
  assert.throws(() => stratifiedHoldout({ testSize: 2, seed: 1 }).split({ nSamples: 9, y: [0, 0, 0, 1, 1, 1, 2, 2, 2] }),
    /stratifiedHoldout testSize: expected a test part of at least 3 rows \(one per class\), got 2 rows/);
  assert.throws(() => stratifiedHoldout({ seed: 1 }).split({ nSamples: 4 }), /stratifiedHoldout input\.y: expected a column of 4 values, got nothing/);
  assert.throws(() => stratifiedHoldout({ stream: 'a/b' }), /^PaperlabError: stratifiedHoldout stream: expected .+, got a\/b/);
});
