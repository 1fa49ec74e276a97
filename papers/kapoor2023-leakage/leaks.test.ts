import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rng } from '../../src/library/random/index';
import { stratifiedKfold, stratifiedGroupKfold } from '../../src/library/splits/index';
import { checkDuplicates, checkGroups, featureTable, LeakageLedger, nRows } from '../../src/library/leakage/index';
import { takeRows } from '../../src/library/data/index';
import { addNoiseColumns, appendDuplicates, crossValidate, dropExactDuplicates, repeatedMeasurements } from './leaks';

/** 120 rows, 3 features; the label is the sign of the first feature plus noise. */
function smallTable(seed = 1) {
  const r = rng('test-leaks', seed);
  const n = 120;
  const x = Float64Array.from({ length: n * 3 }, () => r.normal());
  const y = Array.from({ length: n }, (_, i) => (x[i * 3]! + 0.8 * r.normal() > 0 ? 1 : 0));
  return featureTable(x, 3, y);
}

test('appendDuplicates adds round(fraction n) copies of distinct rows; the checker finds them across a split; dedup restores the table', () => {
  const t = addNoiseColumns(smallTable(), 2, rng('test-noise', 1));
  const features = Object.keys(t.columns).filter((c) => c !== 'label');
  const d = appendDuplicates(t, 0.25, rng('test-dup', 1));
  assert.equal(d.copies, 30);
  assert.equal(nRows(d.table), 150);
  assert.equal(new Set(d.source.subarray(120)).size, 30, 'each copied row is copied once');
  const split = stratifiedKfold({ nSplits: 5, shuffle: true, seed: 1 }).split({ nSamples: 150, y: d.table.columns.label as Float64Array })[0]!;
  const f = checkDuplicates(d.table, split, { columns: features });
  assert.equal(f[0]?.rule, 'L1.4');
  const dd = dropExactDuplicates(d.table, features);
  assert.deepEqual(Array.from(dd.kept), Array.from({ length: 120 }, (_, i) => i));
  assert.deepEqual(dd.table.columns.f0, t.columns.f0);
});

test('repeatedMeasurements: perUnit rows per unit, label kept, noise of the asked share of each std, not exact duplicates', () => {
  const t = smallTable();
  const u = repeatedMeasurements(t, { perUnit: 4, noise: 0.5, columns: ['f0', 'f1', 'f2'], stream: rng('test-units', 1) });
  assert.equal(nRows(u), 480);
  const unit = u.columns.unit as Float64Array;
  assert.deepEqual(Array.from(unit.subarray(0, 8)), [0, 0, 0, 0, 1, 1, 1, 1]);
  const f0 = t.columns.f0 as Float64Array;
  const g0 = u.columns.f0 as Float64Array;
  let ss = 0;
  for (let i = 0; i < 480; i++) {
    assert.equal((u.columns.label as Float64Array)[i], (t.columns.label as Float64Array)[unit[i]!]);
    ss += (g0[i]! - f0[unit[i]!]!) ** 2;
  }
  const mean = f0.reduce((s, v) => s + v, 0) / 120;
  const sd = Math.sqrt(f0.reduce((s, v) => s + (v - mean) ** 2, 0) / 120);
  const noiseSd = Math.sqrt(ss / 480);
  assert.ok(Math.abs(noiseSd / sd - 0.5) < 0.05, `noise std / column std = ${noiseSd / sd}`);
  const split = stratifiedKfold({ nSplits: 5, shuffle: true, seed: 2 }).split({ nSamples: 480, y: u.columns.label as Float64Array })[0]!;
  assert.deepEqual(checkDuplicates(u, split, { columns: ['f0', 'f1', 'f2'] }), [], 'noisy repeats are no exact or near duplicates');
  assert.equal(checkGroups(u, split, 'unit')[0]?.rule, 'L3.2');
});

test('crossValidate: every row scored once; fits before the split are flagged L1.2/L1.3, fits in the folds are not', () => {
  const t = addNoiseColumns(smallTable(2), 20, rng('test-noise', 2));
  const features = Object.keys(t.columns).filter((c) => c !== 'label');
  const splits = stratifiedKfold({ nSplits: 4, shuffle: true, seed: 3 }).split({ nSamples: 120, y: t.columns.label as Float64Array });
  const clean = crossValidate(t, splits, { features, label: 'label', select: { k: 3, fitOn: 'train' }, oversampleTrain: true, oversampleStream: rng('o', 1) });
  assert.equal(clean.nEvaluated, 120);
  assert.deepEqual(clean.flagged, []);
  assert.equal(clean.errors, 0);
  assert.ok(clean.auc > 0.6, `the label is learnable from f0: AUC ${clean.auc}`);
  const leaky = crossValidate(t, splits, { features, label: 'label', scale: 'all', select: { k: 3, fitOn: 'all' } });
  assert.deepEqual(leaky.flagged, ['L1.2', 'L1.3']);
  assert.equal(leaky.errors, 8, 'one scaling and one selection finding per fold');
  const ledger = new LeakageLedger();
  crossValidate(t, splits, { features, label: 'label', ledger });
  assert.equal(ledger.fits.length, 4, 'one scaler fit per fold, recorded in the given ledger');
});

test('crossValidate: a row split of repeated measurements inflates 1-NN and is flagged L3.2; the group split is not flagged', () => {
  const t = addNoiseColumns(smallTable(3), 20, rng('test-noise', 3));
  const features = Object.keys(t.columns).filter((c) => c !== 'label');
  const u = repeatedMeasurements(t, { perUnit: 3, noise: 0.1, columns: features, stream: rng('test-units', 3) });
  const y = u.columns.label as Float64Array;
  const rowSplits = stratifiedKfold({ nSplits: 4, shuffle: true, seed: 4 }).split({ nSamples: 360, y });
  const groupSplits = stratifiedGroupKfold({ nSplits: 4, shuffle: true, seed: 4 }).split({ nSamples: 360, y, groups: u.columns.unit as Float64Array });
  const leaky = crossValidate(u, rowSplits, { features, label: 'label', group: 'unit' });
  const clean = crossValidate(u, groupSplits, { features, label: 'label', group: 'unit' });
  assert.deepEqual(leaky.flagged, ['L3.2']);
  assert.deepEqual(clean.flagged, []);
  assert.ok(leaky.auc > clean.auc + 0.1, `leaky ${leaky.auc} vs clean ${clean.auc}`);
});
