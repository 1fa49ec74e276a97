import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkDuplicates, hashRows } from '../../../src/library/leakage/index';
import { rng } from '../../../src/library/random/index';
import { copyRow, headTail, randomTable } from './helpers';

test('L1.4: exact duplicates across parts are an error naming the test ids', () => {
  const t = randomTable('dup-exact', 200, 5);
  copyRow(t, 3, 150);
  copyRow(t, 17, 170);
  const f = checkDuplicates(t, headTail(200, 100));
  assert.equal(f.length, 1);
  assert.equal(f[0]!.rule, 'L1.4');
  assert.equal(f[0]!.severity, 'error');
  assert.equal(f[0]!.count, 2);
  assert.deepEqual(f[0]!.examples, [150, 170]);
  assert.equal(f[0]!.details!.trainExamples, '3, 17');
  assert.match(f[0]!.message, /^leakage L1\.4: 2 test rows \(2\.0 % of the test set\) also appear in train \(ids 150, 170\); deduplicate before splitting$/);
});

test('L1.4: the exact check reports exact copies only; near copies are checkNearDuplicates\' (near-duplicates.test.ts)', () => {
  const t = randomTable('dup-near', 300, 4);
  copyRow(t, 5, 250); // exact
  copyRow(t, 6, 260, 1e-9); // near
  const f = checkDuplicates(t, headTail(300, 200));
  assert.deepEqual(f.map((x) => [x.check, x.severity, x.count]), [['exact-duplicates', 'error', 1]]);
});

test('L1.4: clean random data, duplicates inside train only, and NaN/-0 handling', () => {
  const t = randomTable('dup-clean', 500, 3);
  copyRow(t, 1, 2); // both train: not leakage
  assert.deepEqual(checkDuplicates(t, headTail(500, 250)), []);
  // NaN equals NaN and -0 equals 0 for duplicate purposes (as pandas.duplicated)
  const u = { columns: { a: Float64Array.from([NaN, 0, 1, NaN]), b: Float64Array.from([1, 2, 3, 1]), c: [-0, 5, 6, 0] } };
  const f = checkDuplicates(u, { train: [0, 1], test: [2, 3] });
  assert.deepEqual(f[0]!.examples, [3]);
});

test('L1.4: string columns take part in the row identity', () => {
  const t = { columns: { name: ['a', 'b', 'ab', 'a'], x: [1, 1, 1, 1] } };
  const f = checkDuplicates(t, { train: [0, 1], test: [2, 3] });
  assert.equal(f.length, 1);
  assert.deepEqual(f[0]!.examples, [3]);
});

test('hashRows: equal rows share a hash; a one-ulp change does not', () => {
  const a = Float64Array.from([1, 2, 1, 1 + Number.EPSILON]);
  const h = hashRows([a], 4);
  assert.equal(h[0], h[2]);
  assert.notEqual(h[0], h[3]);
  assert.notEqual(h[0], h[1]);
});

test('L1.4 agrees with pandas (hash_pandas_object + isin) on 20,000 rows with planted duplicates', () => {
  const n = 20_000;
  const t = randomTable('dup-oracle', n, 6);
  const r = rng('tests').child('leakage').child('dup-oracle-plant');
  for (let k = 0; k < 300; k++) copyRow(t, r.integer(0, 10_000), r.integer(10_000, n));
  const dir = mkdtempSync(join(tmpdir(), 'leakage-'));
  try {
    const cols = Object.values(t.columns) as Float64Array[];
    const buf = new Float64Array(n * cols.length);
    cols.forEach((c, j) => buf.set(c, j * n));
    writeFileSync(join(dir, 'x.bin'), buf);
    const py = `import numpy as np, pandas as pd\nx=np.fromfile('${dir}/x.bin').reshape(${cols.length}, ${n}).T\ndf=pd.DataFrame(x)\nh=pd.util.hash_pandas_object(df, index=False)\nprint(int(h.iloc[${n / 2}:].isin(set(h.iloc[:${n / 2}])).sum()))`;
    const out = spawnSync('/usr/bin/python3', ['-c', py], { encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    const f = checkDuplicates(t, headTail(n, n / 2));
    assert.equal(f[0]!.count, Number(out.stdout.trim()));
    assert.ok(f[0]!.count > 250 && f[0]!.count <= 300);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad input names the argument', () => {
  const t = randomTable('dup-bad', 10, 2);
  assert.throws(() => checkDuplicates(t, headTail(10, 5), { columns: ['x0', 'nope'] }), /checkDuplicates\(options\.columns\): expected a column of the table \(x0, x1\), got nope/);
  assert.throws(() => checkDuplicates({ columns: { a: [1, 2], b: [1] } }, headTail(2, 1)), /checkDuplicates\(table\)\.columns\.b: expected length 2 \(as column 'a'\), got 1/);
});

test('L1.4: a row id on both sides is left to L1.1, not counted as a duplicate', () => {
  const t = randomTable('dup-same-id', 20, 2);
  assert.deepEqual(checkDuplicates(t, { train: [0, 1, 2, 15], test: [15, 16, 17] }), []);
});

test('L1.4: rows hashed on a few distinctive columns are still compared on all of them', () => {
  const t = randomTable('dup-key', 4000, 8);
  const cols = Object.values(t.columns) as Float64Array[];
  copyRow(t, 10, 3000); // an exact copy
  for (const c of cols.slice(0, 6)) c[3001] = c[11]!; // equal on x0..x5 (the hashed key and more), not on x6, x7
  for (const c of cols.slice(0, 4)) c[3002] = c[12]!;
  const f = checkDuplicates(t, headTail(4000, 2000));
  assert.deepEqual(f.map((x) => [x.count, x.examples]), [[1, [3000]]]);
});
