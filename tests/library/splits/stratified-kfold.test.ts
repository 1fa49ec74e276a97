import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stratifiedKfold } from '../../../src/library/splits/index';
import { assertBalanced, assertPartition, caseRng, classCounts, folds, imbalancedLabels, sklearn, sorted, stratDeviation, type OracleCase } from './helpers';

// Random cases: 2..6 classes, imbalance up to 1:0.15^5, classes of at least nSplits rows mostly,
// some smaller (sklearn then warns; the split still works).
const r = caseRng('stratified-kfold');
const cases: OracleCase[] = [];
for (let i = 0; i < 160; i++) {
  const nClasses = r.integer(2, 7);
  const n = r.integer(nClasses * 6, 400);
  const nSplits = r.integer(2, 7);
  const skew = r.uniform(0.15, 1);
  const y = imbalancedLabels(r, n, nClasses, skew, i % 5 === 0 ? 2 : nSplits);
  // String labels in a quarter of the cases: class identity, not value, must drive the split.
  const labels = i % 4 === 3 ? y.map((c) => `c${c}`) : y;
  cases.push({ kind: 'stratifiedKfold', n, params: { nSplits, shuffle: i % 2 === 1 }, y: labels });
}
const bad: OracleCase[] = [{ kind: 'stratifiedKfold', n: 6, params: { nSplits: 4, shuffle: false }, y: [0, 0, 0, 1, 1, 1] }];
const oracle = sklearn([...cases, ...bad]);
const yNum = (c: OracleCase) => c.y!.map((v) => (typeof v === 'string' ? Number(v.slice(1)) : v));

test('unshuffled stratifiedKfold equals sklearn StratifiedKFold fold for fold', () => {
  cases.forEach((c, i) => {
    if (c.params.shuffle) return;
    const ours = stratifiedKfold({ nSplits: c.params.nSplits as number }).split({ nSamples: c.n, y: c.y });
    const theirs = folds(oracle[i]!, `case ${i}`);
    ours.forEach((s, f) => assert.deepEqual(Array.from(s.test), sorted(theirs[f]!.test), `case ${i} fold ${f}`));
    assertPartition(ours, c.n, `case ${i}`);
  });
});

test('shuffled stratifiedKfold: per-fold class counts equal sklearn exactly, invariants hold', () => {
  // Rows differ (our rng, not numpy's); the class allocation per fold is deterministic in sklearn
  // and must match, which also makes the stratification deviation equal to sklearn's.
  cases.forEach((c, i) => {
    if (!c.params.shuffle) return;
    const ours = stratifiedKfold({ nSplits: c.params.nSplits as number, shuffle: true, seed: i }).split({ nSamples: c.n, y: c.y });
    const theirs = folds(oracle[i]!, `case ${i}`);
    const y = yNum(c);
    const k = new Set(y).size;
    ours.forEach((s, f) => assert.deepEqual(classCounts(s.test, y, k), classCounts(theirs[f]!.test, y, k), `case ${i} fold ${f}`));
    const dev = stratDeviation(ours.map((s) => s.test), y);
    const devSk = stratDeviation(theirs.map((f) => f.test), y);
    assert.ok(dev <= devSk + 1e-12, `case ${i}: deviation ${dev} vs sklearn ${devSk}`);
    assertPartition(ours, c.n, `case ${i}`);
    assertBalanced(ours, `case ${i}`);
  });
});

test('same seed same split; different seed different split', () => {
  const y = imbalancedLabels(caseRng('skf-seed'), 200, 3, 0.5);
  const t = (seed: number) => stratifiedKfold({ nSplits: 5, shuffle: true, seed }).split({ nSamples: 200, y }).map((s) => Array.from(s.test));
  assert.deepEqual(t(3), t(3));
  assert.notDeepEqual(t(3), t(4));
});

test('a class smaller than nSplits is recorded as a warning in every manifest', () => {
  const y = [0, 0, 0, 0, 0, 0, 1, 1];
  const splits = stratifiedKfold({ nSplits: 3 }).split({ nSamples: 8, y });
  for (const s of splits) assert.deepEqual(s.manifest.warnings, ['the least populated class in y has only 2 rows, fewer than nSplits=3']);
});

test('bad input: one-member class, more folds than the largest class, missing y', () => {
  assert.ok('error' in oracle[cases.length]!, 'sklearn raises on nSplits > every class');
  assert.throws(() => stratifiedKfold({ nSplits: 4 }).split({ nSamples: 6, y: bad[0]!.y! }),
    /^PaperlabError: stratifiedKfold nSplits: expected at most the size of the largest class \(3 rows\), got 4; lower nSplits$/);
  assert.throws(() => stratifiedKfold({ nSplits: 2 }).split({ nSamples: 5, y: ['a', 'a', 'b', 'b', 'c'] }),
    /stratifiedKfold input\.y: expected at least 2 rows in every class, got 1 class\(es\) with 1 row: "c"; merge or drop rare classes/);
  assert.throws(() => stratifiedKfold().split({ nSamples: 5 }),
    /stratifiedKfold input\.y: expected a column of 5 values, got nothing; pass the class labels as input\.y/);
  assert.throws(() => stratifiedKfold().split({ nSamples: 3, y: [0, NaN, 1] }),
    /stratifiedKfold input\.y\[1\]: expected a finite number or a string, got NaN/);
  assert.throws(() => stratifiedKfold().split({ nSamples: 3, y: [0, 1] }),
    /stratifiedKfold input\.y: expected 3 values \(one per row, input\.nSamples=3\), got 2 values/);
});
