import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import {
  LeakageLedger, checkFits, defaultLedger, meanImputer, minMaxScaler, oneHotEncoder, randomOversampler,
  selectKBestCorrelation, standardScaler, varianceThreshold,
} from '../../../src/library/leakage/index';
import { rng } from '../../../src/library/random/index';
import { headTail, randomTable } from './helpers';

const parts = headTail(100, 80);
const all = Int32Array.from({ length: 100 }, (_, i) => i);

test('L1.2: a scaler fitted on train+test is an error naming the transform and the test rows', () => {
  const ledger = new LeakageLedger();
  const t = randomTable('fit-scaler', 100, 3);
  standardScaler({ ledger }).fit(t, all);
  const f = checkFits(parts, ledger);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.rule, 'L1.2');
  assert.equal(f[0]!.count, 20);
  assert.match(f[0]!.message, /^leakage L1\.2: standardScaler\(columns=x0,x1,x2\) \(preprocessing\) was fitted on 20 test rows \(100\.0 % of the test set\) \(ids 80, 81, 82, 83, 84, …\); fit it on the training rows only$/);
  assert.deepEqual([f[0]!.fraction, f[0]!.remedy], [1, 'fit it on the training rows only']);
});

test('L1.2/L1.3: every transform fitted on the training rows only is clean; fitted on all rows each is flagged', () => {
  const t = randomTable('fit-all', 100, 3);
  const r = rng('tests').child('leakage').child('fit-all');
  t.columns.y = Float64Array.from({ length: 100 }, () => r.integer(0, 2) + (r.uniform() < 0.2 ? 1 : 0));
  t.columns.colour = Array.from({ length: 100 }, () => ['red', 'green', 'blue'][r.integer(0, 3)]!);
  const make = (ledger: LeakageLedger) => [
    standardScaler({ ledger, columns: ['x0'] }), minMaxScaler({ ledger, columns: ['x1'] }), meanImputer({ ledger, columns: ['x2'] }),
    oneHotEncoder({ ledger }), varianceThreshold({ ledger, columns: ['x0', 'x1'] }), selectKBestCorrelation({ ledger, label: 'y', k: 1, columns: ['x0', 'x1', 'x2'] }),
  ];
  const clean = new LeakageLedger();
  for (const tr of make(clean)) tr.fit(t, parts.train);
  randomOversampler({ ledger: clean, label: 'y' }).fitResample(t, parts.train);
  assert.equal(clean.fits.length, 7);
  assert.deepEqual(checkFits(parts, clean), []);
  const leaky = new LeakageLedger();
  for (const tr of make(leaky)) tr.fit(t, all);
  randomOversampler({ ledger: leaky, label: 'y' }).fitResample(t, all);
  const f = checkFits(parts, leaky);
  assert.deepEqual(f.map((x) => x.rule), ['L1.2', 'L1.2', 'L1.2', 'L1.2', 'L1.3', 'L1.3', 'L1.2']);
  assert.match(f[6]!.message, /randomOversampler\(label=y\) \(resampling\) was fitted on 20 test rows/);
  assert.match(f[5]!.message, /^leakage L1\.3: selectKBestCorrelation\(columns=x0,x1,x2, label=y, k=1\) \(feature selection\)/);
});

test('L1.2: fits are compared fold by fold; an untagged fit is compared with every fold', () => {
  const ledger = new LeakageLedger();
  const t = randomTable('fit-fold', 100, 1);
  const fold0 = { ...parts, fold: 0 };
  const fold1 = { train: Int32Array.from({ length: 80 }, (_, i) => 20 + i), test: Int32Array.from({ length: 20 }, (_, i) => i), fold: 1 };
  standardScaler({ ledger }).fit(t, fold0.train, { fold: 0 });
  standardScaler({ ledger }).fit(t, fold1.train, { fold: 1 }); // reads fold 0's test rows, legitimately
  assert.deepEqual(checkFits(fold0, ledger), []);
  assert.deepEqual(checkFits(fold1, ledger), []);
  standardScaler({ ledger }).fit(t, fold1.train); // no fold: checked against fold 0 too
  const f = checkFits(fold0, ledger);
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /fitted on 20 test rows \(100\.0 % of the test set\) \(ids 80, 81, 82, 83, 84, …\); fit it on the training rows only, inside each fold$/);
});

test('transforms compute what sklearn computes (StandardScaler, MinMaxScaler, SimpleImputer, VarianceThreshold, OneHotEncoder)', () => {
  const t = { columns: { a: [1, 2, 3, 10, 100], b: [0, NaN, 4, 8, 1000], c: [5, 5, 5, 5, 1], s: ['x', 'y', 'x', 'z', 'w'] } };
  const rows = [0, 1, 2, 3];
  const ledger = new LeakageLedger();
  const py = `import numpy as np, json
from sklearn.preprocessing import StandardScaler, MinMaxScaler, OneHotEncoder
from sklearn.impute import SimpleImputer
from sklearn.feature_selection import VarianceThreshold
a=np.array([[1,2,3,10,100.]]).T; b=np.array([[0,np.nan,4,8,1000.]]).T; ac=np.array([[1,2,3,10,100.],[5,5,5,5,1.]]).T
s=np.array([['x','y','x','z','w']]).T
print(json.dumps({'std': StandardScaler().fit(a[:4]).transform(a)[:,0].tolist(), 'mm': MinMaxScaler().fit(a[:4]).transform(a)[:,0].tolist(),
 'imp': SimpleImputer().fit(b[:4]).transform(b)[:,0].tolist(), 'vt': VarianceThreshold().fit(ac[:4]).get_support().tolist(),
 'oh': OneHotEncoder(handle_unknown='ignore').fit(s[:4]).transform(s).toarray().T.tolist()}))`;
  const out = spawnSync('/usr/bin/python3', ['-c', py], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  const sk = JSON.parse(out.stdout) as { std: number[]; mm: number[]; imp: number[]; vt: boolean[]; oh: number[][] };
  const close = (x: ArrayLike<number>, y: number[]) => y.forEach((v, i) => assert.ok(Math.abs(x[i]! - v) < 1e-12, `${x[i]} vs ${v}`));
  close(standardScaler({ ledger, columns: ['a'] }).fit(t, rows).transform(t).columns.a as Float64Array, sk.std);
  close(minMaxScaler({ ledger, columns: ['a'] }).fit(t, rows).transform(t).columns.a as Float64Array, sk.mm);
  close(meanImputer({ ledger, columns: ['b'] }).fit(t, rows).transform(t).columns.b as Float64Array, sk.imp);
  const vt = varianceThreshold({ ledger, columns: ['a', 'c'] }).fit(t, rows);
  assert.deepEqual(vt.selected, ['a', 'c'].filter((_, i) => sk.vt[i]));
  const oh = oneHotEncoder({ ledger }).fit(t, rows).transform(t).columns;
  assert.deepEqual(Object.keys(oh), ['a', 'b', 'c', 's=x', 's=y', 's=z']);
  sk.oh.forEach((col, k) => assert.deepEqual(Array.from(oh[['s=x', 's=y', 's=z'][k]!] as Float64Array), col));
});

test('randomOversampler balances classes, is seeded, and returns only the rows it was given', () => {
  const t = { columns: { y: [0, 0, 0, 0, 0, 0, 1, 1, 2, 0] } };
  const ledger = new LeakageLedger();
  const a = randomOversampler({ ledger, label: 'y', rng: rng('tests').child('os') }).fitResample(t, [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  const b = randomOversampler({ ledger, label: 'y', rng: rng('tests').child('os') }).fitResample(t, [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(a, b);
  const count = (c: number) => Array.from(a).filter((r) => t.columns.y[r] === c).length;
  assert.deepEqual([count(0), count(1), count(2)], [6, 6, 6]);
  assert.ok(!Array.from(a).includes(9));
});

test('the default ledger lives on globalThis and collects fits made without { ledger }', () => {
  const g = defaultLedger();
  g.clear();
  standardScaler().fit(randomTable('fit-default', 10, 1), [0, 1, 2]);
  assert.equal(g.fits.length, 1);
  assert.equal((globalThis as Record<symbol, unknown>)[Symbol.for('paperlab.leakageLedger')], g);
  g.clear();
});

test('bad input to transforms and the ledger names the argument', () => {
  const t = randomTable('fit-bad', 5, 1);
  assert.throws(() => standardScaler().transform(t), /standardScaler\.transform\(table\): expected a fitted transform, got an unfitted one; call fit\(table, trainRows\) first/);
  assert.throws(() => standardScaler({ ledger: new LeakageLedger() }).fit(t, [0, 9]), /standardScaler\.fit\(rows\)\[1\]: expected an integer row id in \[0, 5\), got 9/);
  assert.throws(() => standardScaler({ ledger: new LeakageLedger(), columns: ['z'] }).fit(t, [0]), /standardScaler\(columns\): expected a column of the table \(x0\), got z/);
  assert.throws(() => selectKBestCorrelation({ label: 'y', k: 0 }), /selectKBestCorrelation\(options\.k\): expected an integer >= 1, got 0/);
  assert.throws(() => new LeakageLedger().record({ transform: 'pca', kind: 'fitting' as never, rows: [0] }), /ledger\.record\(fit\.kind\): expected 'preprocessing', 'resampling' or 'selection', got fitting/);
  assert.throws(() => checkFits(parts, {} as never), /checkFits\(ledger\): expected a LeakageLedger, got object/);
  assert.throws(() => checkFits(null as never, new LeakageLedger()), /checkFits\(parts\): expected an object \{ train, test, validation\? \}, got null/);
});
