import assert from 'node:assert/strict';
import { test } from 'node:test';
import { timeSeriesSplit } from '../../../src/library/splits/index';
import { caseRng, folds, sklearn, type OracleCase } from './helpers';

// Random cases: n 3..400 rows, 2..10 splits, optional testSize, gap, maxTrainSize; invalid draws
// are kept, sklearn must reject exactly the ones we reject.
const r = caseRng('time-series-split');
const cases: OracleCase[] = [];
for (let i = 0; i < 200; i++) {
  const n = r.integer(3, 400);
  const nSplits = r.integer(2, 11);
  const params: Record<string, unknown> = { nSplits };
  if (i % 3 === 1) params.testSize = r.integer(1, Math.max(2, Math.floor(n / (nSplits + 1)) + 3));
  if (i % 2 === 1) params.gap = r.integer(0, 12);
  if (i % 4 >= 2) params.maxTrainSize = r.integer(1, n);
  cases.push({ kind: 'timeSeriesSplit', n, params });
}
const oracle = sklearn(cases);
const make = (p: Record<string, unknown>) =>
  timeSeriesSplit({ nSplits: p.nSplits as number, testSize: p.testSize as number | undefined, gap: p.gap as number | undefined, maxTrainSize: p.maxTrainSize as number | undefined });

test('timeSeriesSplit equals sklearn TimeSeriesSplit (gap, testSize, maxTrainSize), and fails where it fails', () => {
  let compared = 0;
  let rejected = 0;
  cases.forEach((c, i) => {
    const res = oracle[i]!;
    if ('error' in res) {
      assert.throws(() => make(c.params).split({ nSamples: c.n }), /^PaperlabError: timeSeriesSplit nSplits: expected /, `case ${i}: sklearn said ${res.error}`);
      rejected++;
      return;
    }
    const ours = make(c.params).split({ nSamples: c.n });
    const theirs = folds(res, `case ${i}`);
    assert.equal(ours.length, theirs.length);
    ours.forEach((s, f) => {
      assert.deepEqual(Array.from(s.train), theirs[f]!.train, `case ${i} split ${f} train`);
      assert.deepEqual(Array.from(s.test), theirs[f]!.test, `case ${i} split ${f} test`);
    });
    compared++;
  });
  assert.ok(compared > 150 && rejected > 0, `compared ${compared}, rejected ${rejected}`);
});

test('with a time column, rows are split in time order and train always precedes test', () => {
  const n = 120;
  const perm = r.permutation(n); // row i happens at time perm[i]
  const time = Array.from(perm, (t) => 1000 + t * 60);
  const splits = timeSeriesSplit({ nSplits: 4, gap: 3, maxTrainSize: 50 }).split({ nSamples: n, time });
  const plain = timeSeriesSplit({ nSplits: 4, gap: 3, maxTrainSize: 50 }).split({ nSamples: n });
  const rowAt = new Int32Array(n); // rowAt[t] = the row with time rank t
  perm.forEach((t, row) => (rowAt[t] = row));
  splits.forEach((s, f) => {
    // Same positions as the unshuffled split, mapped through the time order.
    assert.deepEqual(Array.from(s.test), Array.from(plain[f]!.test, (t) => rowAt[t]!).sort((a, b) => a - b));
    const lastTrain = Math.max(...Array.from(s.train, (i) => time[i]!));
    const firstTest = Math.min(...Array.from(s.test, (i) => time[i]!));
    assert.ok(lastTrain + 3 * 60 < firstTest, `split ${f}: gap of 3 rows kept`);
    assert.equal(s.train.length, Math.min(50, plain[f]!.train.length));
  });
  assert.deepEqual(splits[0]!.manifest.warnings, []);
});

test('equal timestamps across a boundary are recorded as a warning', () => {
  const time = [0, 1, 2, 3, 3, 4];
  const s = timeSeriesSplit({ nSplits: 2, testSize: 2 }).split({ nSamples: 6, time });
  for (const x of s) assert.deepEqual(x.manifest.warnings, ['split 1: timestamp 3 is in both train and test']);
});

test('describe and manifest record gap, testSize, maxTrainSize; no seed', () => {
  const k = timeSeriesSplit({ nSplits: 3, gap: 2 });
  assert.equal(k.describe(), 'timeSeriesSplit(nSplits=3, testSize=null, gap=2, maxTrainSize=null)');
  const m = k.split({ nSamples: 20 })[2]!.manifest;
  assert.equal(m.seed, null);
  assert.deepEqual(m.params, { nSplits: 3, testSize: null, gap: 2, maxTrainSize: null });
  assert.equal(m.parts.test.size, 5);
  assert.equal(m.parts.train.size, 13);
});

test('bad input: NaN in time, too many splits, bad options', () => {
  assert.throws(() => timeSeriesSplit({ nSplits: 2 }).split({ nSamples: 4, time: [1, 2, NaN, 4] }),
    /^PaperlabError: timeSeriesSplit input\.time\[2\]: expected a finite number, got NaN; drop or impute rows without a timestamp before splitting$/);
  assert.throws(() => timeSeriesSplit({ nSplits: 5 }).split({ nSamples: 5 }),
    /timeSeriesSplit nSplits: expected at most nSamples-1=4 \(nSplits\+1 windows of at least one row\), got 5/);
  assert.throws(() => timeSeriesSplit({ nSplits: 3, testSize: 3, gap: 1 }).split({ nSamples: 10 }),
    /timeSeriesSplit nSplits: expected nSplits\*testSize \+ gap < nSamples=10, got 3\*3 \+ 1; lower nSplits, testSize or gap/);
  assert.throws(() => timeSeriesSplit({ gap: -1 }), /timeSeriesSplit gap: expected an integer >= 0, got -1/);
  assert.throws(() => timeSeriesSplit({ maxTrainSize: 0 }), /timeSeriesSplit maxTrainSize: expected an integer >= 1, got 0/);
  assert.throws(() => timeSeriesSplit().split({ nSamples: 3, time: [1, 2] }), /timeSeriesSplit input\.time: expected 3 values/);
});
