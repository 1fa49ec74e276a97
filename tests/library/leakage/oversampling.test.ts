import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkLeakage, randomOversampler, LeakageLedger, type Table } from '../../../src/library/leakage/index';
import { checkOversampling } from '../../../src/library/leakage/oversampling';
import { rng, type Rng } from '../../../src/library/random/index';

/** `nMajor` rows of class 0 around 0 and `nMinor` of class 1 around 1.5, `d` normal columns; row-major. */
function imbalanced(r: Rng, nMajor: number, nMinor: number, d: number) {
  const n = nMajor + nMinor;
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i < nMajor ? 0 : 1;
    for (let j = 0; j < d; j++) x[i * d + j] = r.normal() + 1.5 * y[i]!;
  }
  return { x, y, d };
}

/**
 * SMOTE (Chawla et al. 2002, as imbalanced-learn 0.10 with k_neighbors=5): each new row is
 * a + u (b - a), a a random minority row, b one of its 5 nearest minority rows, u uniform in [0, 1).
 */
function smote(x: Float64Array, d: number, minority: number[], nNew: number, r: Rng): Float64Array {
  const out = new Float64Array(nNew * d);
  const nn = minority.map((a) => {
    const dist = minority.map((b) => (b === a ? Infinity : Array.from({ length: d }, (_, j) => (x[a * d + j]! - x[b * d + j]!) ** 2).reduce((s, v) => s + v, 0)));
    return dist.map((v, k) => [v, minority[k]!] as const).sort((p, q) => p[0] - q[0]).slice(0, 5).map((p) => p[1]);
  });
  for (let k = 0; k < nNew; k++) {
    const i = r.integer(0, minority.length);
    const a = minority[i]!;
    const b = nn[i]![r.integer(0, 5)]!;
    const u = r.uniform();
    for (let j = 0; j < d; j++) out[k * d + j] = x[a * d + j]! + u * (x[b * d + j]! - x[a * d + j]!);
  }
  return out;
}

function toTable(x: Float64Array, y: Float64Array, d: number): Table {
  const n = y.length;
  const columns: Record<string, Float64Array> = { y };
  for (let j = 0; j < d; j++) columns[`x${j}`] = Float64Array.from({ length: n }, (_, i) => x[i * d + j]!);
  return { columns };
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function randomSplit(n: number, r: Rng, testShare = 0.2) {
  const perm = r.permutation(n);
  const cut = Math.round(n * (1 - testShare));
  return { train: perm.slice(0, cut), test: perm.slice(cut) };
}

for (const d of [5, 20]) {
  test(`L1.2: SMOTE before the split (${d} columns) is one error; every row it names is synthetic; most synthetic test rows with both ends in train are found`, () => {
    const r = rng('tests').child('oversampling').child(`before-${d}`);
    const base = imbalanced(r, 2000, 200, d);
    const minority = Array.from({ length: 200 }, (_, i) => 2000 + i);
    const synthetic = smote(base.x, d, minority, 1800, r);
    const x = concat(base.x, synthetic);
    const y = concat(base.y, new Float64Array(1800).fill(1));
    const split = randomSplit(4000, r);
    const f = checkOversampling(toTable(x, y, d), split, { label: 'y' });
    assert.equal(f.length, 1);
    const o = f[0]!;
    assert.deepEqual([o.rule, o.severity, o.check, o.unit, o.details!.kind], ['L1.2', 'error', 'oversampled-test', 'rows', 'interpolated']);
    const syntheticInTest = Array.from(split.test).filter((i) => i >= 2200).length;
    assert.ok(o.count <= syntheticInTest, 'no original row is named');
    assert.ok(o.count >= 0.55 * syntheticInTest, `${o.count} of ${syntheticInTest} synthetic test rows (64 % have both ends in train)`);
    assert.ok(o.examples.every((e) => e >= 2200));
    assert.equal(o.fraction, o.count / 800);
    assert.equal(o.remedy, 'oversample inside the training fold only, after splitting');
    assert.match(o.message, /^leakage L1\.2: \d+ test rows \(\d+\.\d % of the test set\) lie on the segment between two training rows of their class \(ids [\d, …]+\), as SMOTE makes rows, so oversampling ran before the split; oversample inside the training fold only, after splitting$/);
    // a seeded sample of the test rows is searched when there are more than maxSearched, and the message says so
    const s = checkOversampling(toTable(x, y, d), split, { label: 'y', maxSearched: 300 })[0]!;
    assert.match(s.message, /^leakage L1\.2: \d+ test rows of 300 examined \(a seeded sample of 800\) \(\d+\.\d % of the test set\)/);
    assert.ok(Math.abs(s.fraction! - o.fraction!) < 0.1, `${s.fraction} vs ${o.fraction}`);
    assert.deepEqual(checkOversampling(toTable(x, y, d), split, { label: 'y', maxSearched: 300 })[0]!.examples, s.examples, 'the sample is seeded');
  });
}

test('L1.2: SMOTE inside the training fold is not flagged; neither without the label', () => {
  const r = rng('tests').child('oversampling').child('inside');
  const base = imbalanced(r, 2000, 200, 5);
  const split = randomSplit(2200, r);
  const minority = Array.from(split.train).filter((i) => i >= 2000);
  const synthetic = smote(base.x, 5, minority, 1400, r);
  const x = concat(base.x, synthetic);
  const y = concat(base.y, new Float64Array(1400).fill(1));
  const train = Int32Array.from([...split.train, ...Array.from({ length: 1400 }, (_, i) => 2200 + i)]);
  const t = toTable(x, y, 5);
  assert.deepEqual(checkOversampling(t, { train, test: split.test }, { label: 'y' }), []);
  assert.deepEqual(checkOversampling(t, { train, test: split.test }), []);
});

test('L1.2: clean controls: dense 2-D data (100k rows), collinear and rank-1 columns, imbalanced labels', () => {
  const r = rng('tests').child('oversampling').child('clean');
  const n = 100_000;
  const dense = { columns: { a: Float64Array.from({ length: n }, () => r.normal()), b: Float64Array.from({ length: n }, () => r.normal()), y: Float64Array.from({ length: n }, () => (r.uniform() < 0.05 ? 1 : 0)) } };
  const split = randomSplit(n, r);
  assert.deepEqual(checkOversampling(dense, split, { label: 'y' }), []);
  assert.deepEqual(checkOversampling(dense, split), []);
  const a = dense.columns.a;
  const collinear = { columns: { ...dense.columns, c: a.map((v) => 3 * v - 1) } };
  assert.deepEqual(checkOversampling(collinear, split, { label: 'y' }), []);
  const rank1 = { columns: { a, c: a.map((v) => 3 * v - 1), y: dense.columns.y } };
  assert.deepEqual(checkOversampling(rank1, split, { label: 'y' }), []);
});

test('L1.2: data on a grid (integer columns, values rounded to 0.01) put rows between others and are not flagged; a numeric label is no class', () => {
  const r = rng('tests').child('oversampling').child('grid');
  const n = 20_000;
  const ints = { columns: { a: Float64Array.from({ length: n }, () => r.integer(0, 20)), b: Float64Array.from({ length: n }, () => r.integer(0, 20)), c: Float64Array.from({ length: n }, () => r.integer(0, 5)), y: Float64Array.from({ length: n }, () => (r.uniform() < 0.1 ? 1 : 0)) } };
  const split = randomSplit(n, r);
  assert.deepEqual(checkOversampling(ints, split, { label: 'y' }), []);
  const rounded = { columns: { a: Float64Array.from({ length: n }, () => Math.round(100 * r.normal()) / 100), b: Float64Array.from({ length: n }, () => Math.round(100 * r.normal()) / 100), y: ints.columns.y } };
  assert.deepEqual(checkOversampling(rounded, split, { label: 'y' }), []);
  // a regression label (all values distinct) is searched without classes, and fast
  const numeric = { columns: { a: rounded.columns.a, b: Float64Array.from({ length: n }, () => r.normal()), y: Float64Array.from({ length: n }, () => r.normal()) } };
  assert.deepEqual(checkOversampling(numeric, split, { label: 'y' }), []);
});

test('L1.2: random oversampling before the split is named from exact copies of one minority class; inside train, or duplicates of every class, it is not', () => {
  const r = rng('tests').child('oversampling').child('random');
  const base = imbalanced(r, 900, 100, 4);
  const t = toTable(base.x, base.y, 4);
  const ledger = new LeakageLedger();
  const over = randomOversampler({ label: 'y', rng: r.child('oversample'), ledger });
  const rows = over.fitResample(t, Int32Array.from({ length: 1000 }, (_, i) => i));
  const big: Table = { columns: Object.fromEntries(Object.entries(t.columns).map(([k, v]) => [k, Float64Array.from(rows, (i) => (v as Float64Array)[i]!)])) };
  const split = randomSplit(rows.length, r);
  const f = checkOversampling(big, split, { label: 'y' });
  const dup = f.find((x) => x.details!.kind === 'duplicated');
  assert.ok(dup, JSON.stringify(f));
  assert.equal(dup.rule, 'L1.2');
  assert.equal(dup.details!.class, '1');
  assert.match(dup.message, /are exact copies of training rows of one class, y=1 \(\d+\.\d % of train\)/);
  assert.ok(dup.count > 100);
  // checkLeakage names it once, as L1.2: the same copies are no L1.4 finding advising deduplication
  const all = checkLeakage(big, split, { label: 'y' }).findings.filter((x) => x.severity !== 'question');
  assert.deepEqual(all.map((x) => `${x.rule} ${x.check}`), ['L1.2 oversampled-test']);
  // duplicates spread over both classes in proportion: L1.4's finding, not an oversampling one
  const r2 = rng('tests').child('oversampling').child('dups');
  const src = Int32Array.from({ length: 1200 }, (_, i) => (i < 1000 ? i : r2.integer(0, 1000)));
  const dups: Table = { columns: Object.fromEntries(Object.entries(t.columns).map(([k, v]) => [k, Float64Array.from(src, (i) => (v as Float64Array)[i]!)])) };
  assert.deepEqual(checkOversampling(dups, randomSplit(1200, r2), { label: 'y' }).filter((x) => x.details!.kind === 'duplicated'), []);
  // oversampled inside the training fold only
  const s = randomSplit(1000, r2);
  const trainRows = over.fitResample(t, s.train);
  const inside: Table = { columns: Object.fromEntries(Object.entries(t.columns).map(([k, v]) => [k, Float64Array.from([...trainRows, ...s.test], (i) => (v as Float64Array)[i]!)])) };
  const parts = { train: Int32Array.from({ length: trainRows.length }, (_, i) => i), test: Int32Array.from({ length: s.test.length }, (_, i) => trainRows.length + i) };
  assert.deepEqual(checkOversampling(inside, parts, { label: 'y' }), []);
});

test('L1.2 oversampling: bad options name the argument', () => {
  const t = { columns: { a: [1, 2, 3, 4], b: [2, 1, 4, 3], y: [0, 1, 0, 1] } };
  assert.throws(() => checkOversampling(t, { train: [0, 1], test: [2, 3] }, { label: 'z' }), /checkOversampling\(options\.label\): expected a column of the table \(a, b, y\), got z/);
  assert.throws(() => checkOversampling(t, { train: [0, 1], test: [2, 3] }, { alpha: 0 }), /checkOversampling\(options\.alpha\): expected a number in \(0, 1\), got 0/);
});
