import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkDuplicates, type Table } from '../../../src/library/leakage/index';
import { checkNearDuplicates } from '../../../src/library/leakage/near-duplicates';
import { rng, type Rng } from '../../../src/library/random/index';

/** n rows of d normal columns split 80/20 at random; `plant` of the test rows become copies of random train rows plus `noise` sd. */
function planted(name: string, n: number, d: number, plant: number, noise: number, draw?: (r: Rng) => number) {
  const r = rng('tests').child('near-duplicates').child(name);
  const columns: Record<string, Float64Array> = {};
  for (let j = 0; j < d; j++) columns[`x${j}`] = Float64Array.from({ length: n }, () => (draw ? draw(r) : r.normal()));
  const perm = r.permutation(n);
  const cut = Math.floor(n * 0.8);
  const train = perm.slice(0, cut);
  const test = perm.slice(cut);
  const nPlant = Math.round(plant * test.length);
  for (let k = 0; k < nPlant; k++) {
    const from = train[r.integer(0, cut)]!;
    for (const c of Object.values(columns)) c[test[k]!] = c[from]! + noise * r.normal();
  }
  return { t: { columns } as Table, parts: { train, test }, nPlant, planted: Array.from(test.subarray(0, nPlant)) };
}

test('L1.4 near: 30 % of test rows near-copies at 1e-4 sd are one error naming count, fraction, columns and remedy', () => {
  const { t, parts, nPlant, planted: ids } = planted('easy', 2000, 5, 0.3, 1e-4);
  const f = checkNearDuplicates(t, parts);
  assert.equal(f.length, 1);
  const x = f[0]!;
  assert.deepEqual([x.rule, x.severity, x.check, x.count, x.unit], ['L1.4', 'error', 'near-duplicates', nPlant, 'rows']);
  assert.equal(x.fraction, 0.3);
  assert.deepEqual(x.columns, ['x0', 'x1', 'x2', 'x3', 'x4']);
  assert.equal(x.remedy, 'deduplicate near copies before splitting, or split by the unit they copy');
  assert.ok(x.examples.every((e) => ids.includes(e)));
  assert.match(x.message, /^leakage L1\.4: 120 test rows \(30\.0 % of the test set\) are near copies of training rows \(ids \d+, \d+, \d+, \d+, \d+, …\), closer to one than 0\.05 of the spacing of the training rows around them in 5 train-standardised columns; deduplicate near copies before splitting, or split by the unit they copy$/);
  assert.ok(Number(x.details!.dimension) > 4 && Number(x.details!.dimension) < 6, `dimension ${x.details!.dimension}`);
});

test('L1.4 near: 20 dimensions and 5 % of test rows at 1e-2 sd; dense 2-D at 1e-4 sd (30 %) with the chance count stated', () => {
  const wide = planted('wide', 5000, 20, 0.05, 1e-2);
  assert.equal(checkNearDuplicates(wide.t, wide.parts)[0]?.count, wide.nPlant);
  const dense = planted('dense-planted', 100_000, 2, 0.3, 1e-4);
  const f = checkNearDuplicates(dense.t, dense.parts)[0]!;
  // some planted copies are no closer than chance at this density, and ~100 honest rows are: the count is within 3 %
  assert.ok(Math.abs(f.count - dense.nPlant) < 0.03 * dense.nPlant, `${f.count} vs ${dense.nPlant}`);
  assert.match(f.message, /in train-standardised x0, x1, about \d+ expected by chance;/);
});

test('L1.4 near: clean dense low-dimensional data split at random is not flagged (2-D gaussian and uniform 100k, 1-D, a 2-D grid)', () => {
  for (const [name, d, draw] of [['gauss-2d', 2, undefined], ['uniform-2d', 2, (r: Rng) => r.uniform()], ['gauss-1d', 1, undefined], ['grid-2d', 2, (r: Rng) => r.integer(0, 300) / 300]] as const) {
    const { t, parts } = planted(name, 100_000, d, 0, 0, draw);
    assert.deepEqual(checkNearDuplicates(t, parts), [], name);
  }
});

test('L1.4 near: clean controls that look suspicious: copies inside train only, collinear columns, 20-D noise', () => {
  const inside = planted('inside-train', 3000, 4, 0, 0);
  const cols = Object.values(inside.t.columns) as Float64Array[];
  const tr = inside.parts.train;
  for (let k = 0; k < 500; k++) for (const c of cols) c[tr[k + 500]!] = c[tr[k]!]! + 1e-6 * (k % 3);
  assert.deepEqual(checkNearDuplicates(inside.t, inside.parts), []);
  const collinear = planted('collinear', 20_000, 2, 0, 0);
  const r = rng('tests').child('near-duplicates').child('collinear-noise');
  const x0 = collinear.t.columns.x0 as Float64Array;
  collinear.t.columns.x2 = x0.map((v) => 3 * v - 1); // exactly collinear
  collinear.t.columns.x3 = x0.map((v) => v + 1e-3 * r.normal()); // nearly so
  assert.deepEqual(checkNearDuplicates(collinear.t, collinear.parts), []);
  const noise = planted('noise-20d', 5000, 20, 0, 0);
  assert.deepEqual(checkNearDuplicates(noise.t, noise.parts), []);
  // rows sharing two integer columns differ in one continuous column: locally 1-D, ~5 % of rows below the ratio by chance
  const mixed = planted('mixed', 20_000, 1, 0, 0);
  const rm = rng('tests').child('near-duplicates').child('mixed-ints');
  mixed.t.columns.a = Float64Array.from({ length: 20_000 }, () => rm.integer(0, 10));
  mixed.t.columns.b = Float64Array.from({ length: 20_000 }, () => rm.integer(0, 50));
  assert.deepEqual(checkNearDuplicates(mixed.t, mixed.parts), []);
});

test('L1.4 near: test rows on the segment between two training rows (SMOTE with a small t) are left to L1.2, but for the few the bounded search misses', () => {
  const { t, parts } = planted('segment', 3000, 6, 0, 0);
  const cols = Object.values(t.columns) as Float64Array[];
  const dist = (i: number, j: number) => cols.reduce((s, c) => s + (c[i]! - c[j]!) ** 2, 0);
  for (let k = 0; k < 60; k++) {
    // as SMOTE: b is a's nearest training neighbour
    const a = parts.train[k]!;
    let b = -1;
    for (const j of parts.train) if (j !== a && (b < 0 || dist(a, j) < dist(a, b))) b = j;
    for (const c of cols) c[parts.test[k]!] = c[a]! + 0.001 * (c[b]! - c[a]!);
  }
  const left = checkNearDuplicates(t, parts)[0]?.count ?? 0;
  assert.ok(left <= 3, `${left} of 60 interpolated rows still counted as near copies`);
});

test('L1.4 near: duplicates in the data before a random split are flagged; exact copies are left to the exact check', () => {
  // 1,000 source rows, 300 of them measured twice with noise 1e-4 sd, then one random split
  const r = rng('tests').child('near-duplicates').child('before-split');
  const n = 1300;
  const columns: Record<string, Float64Array> = {};
  for (let j = 0; j < 6; j++) {
    const c = Float64Array.from({ length: n }, () => r.normal());
    for (let k = 0; k < 300; k++) c[1000 + k] = c[k]! + 1e-4 * r.normal();
    columns[`x${j}`] = c;
  }
  const perm = r.permutation(n);
  const parts = { train: perm.slice(0, 1040), test: perm.slice(1040) };
  const inTest = new Set(parts.test);
  let crossing = 0;
  for (let k = 0; k < 300; k++) crossing += Number(inTest.has(k) !== inTest.has(1000 + k));
  assert.equal(checkNearDuplicates({ columns }, parts)[0]?.count, crossing, 'every pair split across the parts');
  const t = { columns: { ...columns } };
  for (const name of Object.keys(t.columns)) t.columns[name] = Float64Array.from(columns[name]!);
  for (const c of Object.values(t.columns)) c[parts.test[0]!] = c[parts.train[0]!]!; // one exact copy
  const exact = checkDuplicates(t, parts);
  const near = checkNearDuplicates(t, parts);
  assert.equal(exact[0]?.count, 1);
  assert.ok(!near[0]!.examples.includes(parts.test[0]!));
});

test('L1.4 near: the count equals scipy cKDTree\'s r1 < 0.05 r3 on distinct train-standardised rows', () => {
  const { t, parts } = planted('oracle', 6000, 4, 0.1, 1e-3);
  const cols = Object.values(t.columns) as Float64Array[];
  const dir = mkdtempSync(join(tmpdir(), 'near-dup-'));
  try {
    const buf = new Float64Array(6000 * cols.length);
    cols.forEach((c, j) => buf.set(c, j * 6000));
    writeFileSync(join(dir, 'x.f64'), buf);
    writeFileSync(join(dir, 'train.i32'), parts.train);
    writeFileSync(join(dir, 'test.i32'), parts.test);
    const py = [
      'import numpy as np', 'from scipy.spatial import cKDTree',
      `x = np.fromfile('${dir}/x.f64').reshape(${cols.length}, 6000).T`,
      `tr = np.fromfile('${dir}/train.i32', dtype='<i4'); te = np.fromfile('${dir}/test.i32', dtype='<i4')`,
      'm = x[tr].mean(0); s = x[tr].std(0, ddof=1)',
      'a = np.unique((x[tr] - m) / s, axis=0); q = (x[te] - m) / s',
      'd, _ = cKDTree(a).query(q, k=3)',
      'print(int(((d[:, 0] > 0) & (d[:, 0] < 0.05 * d[:, 2])).sum()))',
    ].join('\n');
    const out = spawnSync('/usr/bin/python3', ['-c', py], { encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    assert.equal(checkNearDuplicates(t, parts)[0]?.count, Number(out.stdout.trim()));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('L1.4 near: a row id on both sides is L1.1\'s; string and constant columns are not measured; bad options are named', () => {
  const { t, parts } = planted('ids', 500, 3, 0, 0);
  const both = { train: parts.train, test: Int32Array.from([...parts.test, parts.train[0]!]) };
  assert.deepEqual(checkNearDuplicates(t, both), []);
  const u = { columns: { ...t.columns, name: Array.from({ length: 500 }, (_, i) => `r${i}`), flat: new Float64Array(500) } };
  assert.deepEqual(checkNearDuplicates(u, parts), []);
  assert.throws(() => checkNearDuplicates(t, parts, { ratio: 2 }), /checkNearDuplicates\(options\.ratio\): expected a number in \(0, 1\), got 2/);
  assert.throws(() => checkNearDuplicates(t, parts, { columns: ['nope'] }), /checkNearDuplicates\(options\.columns\): expected a column of the table \(x0, x1, x2\), got nope/);
});
