import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stratifiedGroupKfold } from '../../../src/library/splits/index';
import type { Label } from '../../../src/library/splits/index';
import { assertGroupsKept, assertPartition, caseRng, folds, sklearn, sorted, stratDeviation, type OracleCase } from './helpers';

// Random cases: groups of 1..12 rows whose labels lean to one class (as patients with a condition),
// 2..4 classes, 2..6 folds.
const r = caseRng('stratified-group-kfold');
function groupedCase(nGroups: number, nClasses: number): { y: number[]; groups: number[] } {
  const y: number[] = [];
  const groups: number[] = [];
  for (let g = 0; g < nGroups; g++) {
    const size = r.integer(1, 13);
    const lean = r.integer(0, nClasses);
    for (let j = 0; j < size; j++) {
      y.push(r.uniform() < 0.7 ? lean : r.integer(0, nClasses));
      groups.push(g * 7 + 1);
    }
  }
  const order = r.permutation(y.length);
  return { y: Array.from(order, (i) => y[i]!), groups: Array.from(order, (i) => groups[i]!) };
}
const cases: OracleCase[] = [];
while (cases.length < 120) {
  const nClasses = r.integer(2, 5);
  const nSplits = r.integer(2, 7);
  const { y, groups } = groupedCase(r.integer(nSplits * 2, 60), nClasses);
  const counts = new Map<number, number>();
  y.forEach((c) => counts.set(c, (counts.get(c) ?? 0) + 1));
  if (counts.size < nClasses || Math.min(...counts.values()) < 2) continue; // keep valid inputs only
  cases.push({ kind: 'stratifiedGroupKfold', n: y.length, params: { nSplits, shuffle: cases.length % 2 === 1 }, y, groups });
}
const oracle = sklearn(cases);
const splitCase = (c: OracleCase, seed: number) =>
  stratifiedGroupKfold({ nSplits: c.params.nSplits as number, ...(c.params.shuffle ? { shuffle: true, seed } : {}) })
    .split({ nSamples: c.n, y: c.y, groups: c.groups });

test('unshuffled stratifiedGroupKfold equals sklearn StratifiedGroupKFold fold for fold', () => {
  cases.forEach((c, i) => {
    if (c.params.shuffle) return;
    const theirs = folds(oracle[i]!, `case ${i}`);
    splitCase(c, i).forEach((s, f) => assert.deepEqual(Array.from(s.test), sorted(theirs[f]!.test), `case ${i} fold ${f}`));
  });
});

test('shuffled: groups kept whole, rows partitioned, stratification no worse than sklearn + 0.05', () => {
  // Deviation = worst |class share in a test fold - class share overall|. Whole groups make it
  // lumpy, and a greedy pass in another (shuffled) order can land a little worse on one case, hence
  // the slack. sklearn 1.2's shuffle mixes up group ids and counts (see stratified-group-kfold.ts),
  // so its shuffled deviation is a loose bar; ours is also held to the unshuffled (= sklearn's
  // deterministic) deviation. Measured on 300 such cases: mean 0.061 ours, 0.230 sklearn shuffled,
  // 0.061 unshuffled; ours minus sklearn's at most +0.035.
  let ours = 0;
  let theirs = 0;
  cases.forEach((c, i) => {
    if (!c.params.shuffle) return;
    const s = splitCase(c, i);
    assertGroupsKept(s, c.groups!, `case ${i}`);
    assertPartition(s, c.n, `case ${i}`);
    const dev = stratDeviation(s.map((x) => x.test), c.y!);
    const devSk = stratDeviation(folds(oracle[i]!, `case ${i}`).map((f) => f.test), c.y!);
    const devPlain = stratDeviation(splitCase({ ...c, params: { ...c.params, shuffle: false } }, 0).map((x) => x.test), c.y!);
    assert.ok(dev <= devSk + 0.05, `case ${i}: deviation ${dev.toFixed(3)} vs sklearn ${devSk.toFixed(3)}`);
    assert.ok(dev <= devPlain + 0.05, `case ${i}: deviation ${dev.toFixed(3)} vs unshuffled ${devPlain.toFixed(3)}`);
    ours += dev;
    theirs += devSk;
  });
  assert.ok(ours < theirs, `mean deviation: ours ${ours} vs sklearn ${theirs}`);
});

test('unshuffled cases keep groups whole too', () => {
  cases.forEach((c, i) => {
    const s = splitCase({ ...c, params: { ...c.params, shuffle: false } }, 0);
    assertGroupsKept(s, c.groups!, `case ${i}`);
    assertPartition(s, c.n, `case ${i}`);
  });
});

test('same seed same split; different seed different split', () => {
  const c = cases[1]!;
  const t = (seed: number) => splitCase(c, seed).map((s) => Array.from(s.test));
  assert.deepEqual(t(5), t(5));
  assert.notDeepEqual(t(5), t(6));
});

test('bad input: one-member class, more folds than groups, missing groups or y', () => {
  const y: Label[] = [0, 0, 1, 1, 1, 1];
  const groups: Label[] = ['a', 'a', 'b', 'b', 'c', 'c'];
  assert.throws(() => stratifiedGroupKfold({ nSplits: 4 }).split({ nSamples: 6, y, groups }),
    /^PaperlabError: stratifiedGroupKfold nSplits: expected at most the number of distinct groups in input\.groups \(3\), got 4; lower nSplits or split by a finer group$/);
  assert.throws(() => stratifiedGroupKfold({ nSplits: 2 }).split({ nSamples: 6, y: [0, 1, 1, 1, 1, 1], groups }),
    /stratifiedGroupKfold input\.y: expected at least 2 rows in every class, got 1 class\(es\) with 1 row: 0/);
  assert.throws(() => stratifiedGroupKfold().split({ nSamples: 6, y }), /stratifiedGroupKfold input\.groups: expected a column of 6 values, got nothing/);
  assert.throws(() => stratifiedGroupKfold().split({ nSamples: 6, groups }), /stratifiedGroupKfold input\.y: expected a column of 6 values, got nothing/);
});
