import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  groupKfold, holdout, kfold, stratifiedGroupKfold, stratifiedHoldout, stratifiedKfold, timeSeriesSplit, type Splitter,
} from '../../../src/library/splits/index';
import { caseRng, folds, sklearn, sorted, type OracleCase } from './helpers';

// Cross-cutting rules of every splitter: continuous targets, options checked at run time, and the
// order sklearn yields indices in (what the README says about it).
const r = caseRng('options');
const continuous: OracleCase[] = [];
for (let i = 0; i < 30; i++) {
  const n = r.integer(12, 80);
  // Repeated non-integral floats: a regression target that happens to repeat (e.g. prices).
  const levels = Array.from({ length: r.integer(2, 5) }, (_, j) => Math.floor(r.uniform(0, 100)) + (j === 0 ? 0.5 : [0, 0.25, 0.1][r.integer(0, 3)]!));
  const y = Array.from({ length: n }, (_, j) => levels[j % levels.length]!);
  const groups = Array.from({ length: n }, (_, j) => j % 6);
  const kind = ['stratifiedKfold', 'stratifiedGroupKfold', 'stratifiedHoldout'][i % 3]!;
  continuous.push({ kind, n, params: kind === 'stratifiedHoldout' ? { testSize: 0.25 } : { nSplits: 2, shuffle: false }, y, groups });
}
const shuffledOrder: OracleCase[] = [
  { kind: 'kfold', n: 30, params: { nSplits: 3, shuffle: true } },
  { kind: 'stratifiedKfold', n: 30, params: { nSplits: 3, shuffle: true }, y: Array.from({ length: 30 }, (_, i) => i % 3) },
  { kind: 'holdout', n: 30, params: { testSize: 0.3 } },
  { kind: 'stratifiedHoldout', n: 30, params: { testSize: 0.3 }, y: Array.from({ length: 30 }, (_, i) => i % 3) },
];
const oracle = sklearn([...continuous, ...shuffledOrder]);

const CONTINUOUS = /^PaperlabError: (stratifiedKfold|stratifiedGroupKfold|stratifiedHoldout) input\.y: expected class labels \(integers or strings\), got a continuous target \(input\.y\[\d+\]=[\d.]+ is not an integer; sklearn's type_of_target says 'continuous'\); stratify on binned values/;

test('stratified splitters reject a continuous target (sklearn type_of_target), even with repeated floats', () => {
  continuous.forEach((c, i) => {
    const splitter: Splitter = c.kind === 'stratifiedKfold' ? stratifiedKfold({ nSplits: 2 })
      : c.kind === 'stratifiedGroupKfold' ? stratifiedGroupKfold({ nSplits: 2 }) : stratifiedHoldout({ testSize: 0.25, seed: 1 });
    assert.throws(() => splitter.split({ nSamples: c.n, y: c.y, groups: c.groups }), CONTINUOUS, `${c.kind} case ${i}`);
    // sklearn's StratifiedKFold / StratifiedGroupKFold raise the same; its StratifiedShuffleSplit
    // (and train_test_split(stratify=y)) stratifies the floats silently: ours refuses (README).
    const sk = oracle[i]!;
    if (c.kind === 'stratifiedHoldout') assert.ok('folds' in sk, `sklearn StratifiedShuffleSplit accepted case ${i}`);
    else assert.match((sk as { error: string }).error, /Got 'continuous' instead/, `${c.kind} case ${i}`);
  });
  // Integral floats are classes (JavaScript's 2.0 is 2), strings are classes.
  assert.equal(stratifiedKfold({ nSplits: 2 }).split({ nSamples: 4, y: [1.0, 2.0, 1, 2] }).length, 2);
  assert.equal(stratifiedKfold({ nSplits: 2 }).split({ nSamples: 4, y: ['0.5', '1.5', '0.5', '1.5'] }).length, 2);
  // Non-stratified splitters may carry a continuous y (it is only counted in the manifest).
  assert.equal(kfold({ nSplits: 2 }).split({ nSamples: 4, y: [0.5, 1.5, 0.5, 1.5] }).length, 2);
});

test('unknown options are rejected at run time by every splitter, naming the option and the known ones', () => {
  const cases: [() => unknown, string, string][] = [
    [() => kfold({ nSplits: 3, shufle: true } as never), 'kfold', 'nSplits, shuffle, seed, stream'],
    [() => stratifiedKfold({ n_splits: 3 } as never), 'stratifiedKfold', 'nSplits, shuffle, seed, stream'],
    [() => groupKfold({ shuffle: true } as never), 'groupKfold', 'nSplits'],
    [() => stratifiedGroupKfold({ randomState: 0 } as never), 'stratifiedGroupKfold', 'nSplits, shuffle, seed, stream'],
    [() => timeSeriesSplit({ shuffle: false } as never), 'timeSeriesSplit', 'nSplits, testSize, gap, maxTrainSize'],
    [() => holdout({ stratify: [0, 1] } as never), 'holdout', 'testSize, trainSize, validationSize, nSplits, shuffle, seed, stream'],
    [() => stratifiedHoldout({ testsize: 0.2 } as never), 'stratifiedHoldout', 'testSize, trainSize, validationSize, nSplits, shuffle, seed, stream'],
  ];
  for (const [fn, who, known] of cases) {
    const esc = known.replace(/[().]/g, '\\$&');
    assert.throws(fn, new RegExp(`^PaperlabError: ${who} options: expected only known options \\(${esc}\\), got unknown option\\(s\\) "[A-Za-z_]+"; check the spelling, or drop the option: it is not supported here$`), who);
  }
  assert.throws(() => kfold(null as never), /^PaperlabError: kfold options: expected an options object \{ nSplits, shuffle, seed, stream \}, got null$/);
  assert.throws(() => groupKfold(5 as never), /^PaperlabError: groupKfold options: expected an options object \{ nSplits \}, got number 5$/);
});

test("README: sklearn's shuffled KFold / StratifiedKFold yield sorted indices, ShuffleSplit / StratifiedShuffleSplit do not", () => {
  const base = continuous.length;
  const isSorted = (a: number[]) => a.every((v, i) => i === 0 || a[i - 1]! < v);
  for (let j = 0; j < 2; j++) {
    for (const f of folds(oracle[base + j]!, shuffledOrder[j]!.kind)) assert.ok(isSorted(f.test) && isSorted(f.train), `${shuffledOrder[j]!.kind} sorted`);
  }
  for (let j = 2; j < 4; j++) {
    const [f] = folds(oracle[base + j]!, shuffledOrder[j]!.kind);
    assert.ok(!isSorted(f!.test) && !isSorted(f!.train), `${shuffledOrder[j]!.kind} in permutation order`);
    assert.notDeepEqual(f!.test, sorted(f!.test));
  }
});
