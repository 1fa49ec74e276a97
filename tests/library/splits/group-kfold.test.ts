import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupKfold } from '../../../src/library/splits/index';
import { assertGroupsKept, assertPartition, caseRng, folds, randomGroups, sklearn, sorted, type OracleCase } from './helpers';

// Random cases: 2..600 groups over up to 3,600 rows; many equal-size groups, so sklearn's tie order
// (numpy's unstable argsort) matters. Some cases use string group ids.
const r = caseRng('group-kfold');
const cases: OracleCase[] = [];
for (let i = 0; i < 200; i++) {
  const nGroups = r.integer(2, i < 100 ? 20 : i < 170 ? 120 : 600);
  const n = r.integer(nGroups, nGroups * (i % 3 === 0 ? 2 : 6));
  const nSplits = r.integer(2, Math.min(nGroups, 8) + 1);
  const g = randomGroups(r, n, nGroups);
  cases.push({ kind: 'groupKfold', n, params: { nSplits }, groups: i % 4 === 1 ? g.map((x) => `p${x}`) : g });
}
// Group sizes in Musser's median-of-3 killer order (1,024 groups, sizes halved so they tie): numpy's
// introsort falls back to heapsort on parts of it, so the ported heapsort's tie order is checked too.
function killerGroups(nGroups: number): number[] {
  const half = nGroups / 2;
  const x = new Array<number>(nGroups);
  for (let i = 1; i <= half; i++) {
    if (i % 2 === 1) [x[i - 1], x[i]] = [i, half + i];
    x[half + i - 1] = 2 * i;
  }
  const groups: number[] = [];
  x.forEach((v, g) => { for (let j = 0; j <= Math.floor(v / 2); j++) groups.push(g); });
  return r.shuffle(groups);
}
const killer = killerGroups(1024);
cases.push({ kind: 'groupKfold', n: killer.length, params: { nSplits: 7 }, groups: killer });
const bad: OracleCase[] = [{ kind: 'groupKfold', n: 6, params: { nSplits: 4 }, groups: [1, 1, 2, 2, 3, 3] }];
const oracle = sklearn([...cases, ...bad]);

test('groupKfold equals sklearn GroupKFold fold for fold, ties included', () => {
  cases.forEach((c, i) => {
    const ours = groupKfold({ nSplits: c.params.nSplits as number }).split({ nSamples: c.n, groups: c.groups });
    const theirs = folds(oracle[i]!, `case ${i}`);
    assert.equal(ours.length, theirs.length);
    ours.forEach((s, f) => assert.deepEqual(Array.from(s.test), sorted(theirs[f]!.test), `case ${i} fold ${f}`));
  });
});

test('groups never straddle train and test; folds partition the rows', () => {
  cases.forEach((c, i) => {
    const ours = groupKfold({ nSplits: c.params.nSplits as number }).split({ nSamples: c.n, groups: c.groups });
    assertGroupsKept(ours, c.groups!, `case ${i}`);
    assertPartition(ours, c.n, `case ${i}`);
    const groupsSeen = ours.reduce((s, sp) => s + sp.manifest.parts.test.nGroups!, 0);
    assert.equal(groupsSeen, new Set(c.groups).size, `case ${i}: each group in one test fold`);
  });
});

test('groupKfold draws nothing: no seed in describe or manifest', () => {
  const k = groupKfold({ nSplits: 3 });
  assert.equal(k.describe(), 'groupKfold(nSplits=3)');
  const s = k.split({ nSamples: 6, groups: ['a', 'a', 'b', 'c', 'c', 'c'] });
  assert.equal(s[0]!.manifest.seed, null);
  assert.equal(s[0]!.manifest.nGroups, 3);
});

test('bad input: more folds than groups, missing groups, NaN group', () => {
  assert.ok('error' in oracle[cases.length]!, 'sklearn raises on nSplits > nGroups');
  assert.throws(() => groupKfold({ nSplits: 4 }).split({ nSamples: 6, groups: bad[0]!.groups! }),
    /^PaperlabError: groupKfold nSplits: expected at most the number of distinct groups in input\.groups \(3\), got 4; lower nSplits or split by a finer group$/);
  assert.throws(() => groupKfold().split({ nSamples: 6 }),
    /groupKfold input\.groups: expected a column of 6 values, got nothing; pass the group column \(e\.g\. patient or user id\) as input\.groups/);
  assert.throws(() => groupKfold({ nSplits: 2 }).split({ nSamples: 3, groups: [1, NaN, 2] }),
    /groupKfold input\.groups\[1\]: expected a finite number or a string, got NaN/);
  assert.throws(() => groupKfold({ nSplits: 2 }).split({ nSamples: 3, groups: [1, '1', 2] }),
    /groupKfold input\.groups\[1\]: expected a number like input\.groups\[0\], got a string \(1\); use one type per column/);
});
