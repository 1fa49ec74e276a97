import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PaperlabError } from '../../../src/library/errors/index';
import {
  LeakageLedger, assertNoLeakage, checkAcceptances, checkLeakage, formatReport, splitWithChecks, standardScaler, type Table,
} from '../../../src/library/leakage/index';
import { groupKfold, kfold, timeSeriesSplit } from '../../../src/library/splits/index';
import { rng } from '../../../src/library/random/index';
import { copyRow, headTail, randomTable } from './helpers';

/** 120 rows: 3 features, 30 patients x 4 visits, a day per row, a binary label. */
function clinic(): Table {
  const t = randomTable('clinic', 120, 3);
  const r = rng('tests').child('leakage').child('clinic');
  t.columns.patient = Array.from({ length: 120 }, (_, i) => `p${Math.floor(i / 4)}`);
  t.columns.day = Float64Array.from({ length: 120 }, (_, i) => i);
  t.columns.y = Float64Array.from({ length: 120 }, () => r.integer(0, 2));
  return t;
}
const declared = { label: 'y', group: 'patient', time: 'day' };

test('checkLeakage: a clean forward, grouped split gives only the L3.3 question', () => {
  const r = checkLeakage(clinic(), headTail(120, 80), declared);
  assert.equal(r.ok, true);
  assert.deepEqual(r.findings.map((f) => f.rule), ['L3.3']);
  assert.deepEqual(r.checksRun, ['L1.1 overlap', 'L1.4 duplicates', 'L1.4 near-duplicates', 'L1.2 oversampled-test', 'L2 single-feature (classification, inferred from the label)', 'L3.1 temporal', 'L3.2 groups', 'L3.3 sampling bias']);
});

test('checkLeakage: planted leakage of every data-level kind is found, in taxonomy order', () => {
  const t = clinic();
  copyRow({ columns: { x0: t.columns.x0!, x1: t.columns.x1!, x2: t.columns.x2! } }, 5, 101);
  t.columns.labelCopy = Float64Array.from(t.columns.y as Float64Array, (v) => v * 3 + 1);
  const ledger = new LeakageLedger();
  standardScaler({ ledger, columns: ['x0'] }).fit(t, Array.from({ length: 120 }, (_, i) => i));
  const parts = { train: [...Array.from({ length: 78 }, (_, i) => i), 110], test: Array.from({ length: 42 }, (_, i) => 78 + i) };
  const r = checkLeakage(t, parts, { ...declared, ledger, unavailableAtPrediction: ['labelCopy'], duplicates: { columns: ['x0', 'x1', 'x2'] } });
  assert.equal(r.ok, false);
  assert.deepEqual(r.findings.map((f) => `${f.rule} ${f.check}`), [
    'L1.1 row-overlap', 'L1.2 preprocessing-fit', 'L1.4 exact-duplicates', 'L2 unavailable-feature',
    'L2 near-perfect-feature', 'L3.1 temporal-order', 'L3.2 shared-groups', 'L3.3 sampling-bias',
  ]);
});

test('acceptances: an accepted error no longer blocks, keeps its reason, and the report shows it', () => {
  const t = clinic();
  copyRow({ columns: { x0: t.columns.x0!, x1: t.columns.x1!, x2: t.columns.x2! } }, 5, 101);
  const reason = 'repeated lab panels are genuinely identical; the paper keeps them';
  const r = checkLeakage(t, headTail(120, 80), { ...declared, accept: [{ rule: 'L1.4', reason }] });
  assert.equal(r.ok, true);
  const f = r.findings.find((x) => x.rule === 'L1.4')!;
  assert.deepEqual(f.accepted, { reason });
  assert.doesNotThrow(() => assertNoLeakage(r));
  const text = formatReport(r);
  assert.match(text, /^leakage check: ok \(0 errors, 0 warnings, 1 accepted, 1 question\)\ntask: classification \(inferred from the label; set task, or --task, to override\)\n/);
  assert.match(text, /✔ accepted: leakage L1\.4: 1 test row \(2\.5 % of the test set\) also appears in train \(ids 101\); deduplicate before splitting\n {4}reason: repeated lab panels/);
  assert.match(text, /\? leakage L3\.3: /);
});

test('assertNoLeakage throws a PaperlabError listing each unaccepted error', () => {
  const r = checkLeakage(clinic(), { train: [0, 1, 2, 3], test: [3, 100] }, { group: 'patient' });
  assert.throws(() => assertNoLeakage(r, 'my split'), (e: unknown) => {
    assert.ok(e instanceof PaperlabError);
    assert.equal(e.code, 'leakage');
    assert.match(e.message, /^my split:\nleakage L1\.1: 1 test row \(50\.0 % of the test set\) is also in train \(ids 3\); make the parts disjoint\nleakage L3\.2: 1 'patient' group \(e\.g\. p0\) has rows in both train and test/);
    assert.match(e.message, /accept a finding in the config with \{ rule: 'L1\.1', reason: '…' \}$/);
    return true;
  });
});

test('acceptances are validated: rule, reason', () => {
  assert.throws(() => checkAcceptances([{ rule: 'L1.5', reason: 'x' }]), /accept\[0\]\.rule: expected one of L1\.1, L1\.2, L1\.3, L1\.4, L2, L3\.1, L3\.2, L3\.3, got L1\.5/);
  assert.throws(() => checkAcceptances([{ rule: 'L1.4', reason: ' ' }]), /accept\[0\]\.reason: expected a non-empty reason, got  ; say why/);
  assert.throws(() => checkLeakage(clinic(), headTail(120, 80), { features: ['x0', 'nope'] }), /checkLeakage\(options\.features\): expected a column of the table/);
});

test('splitWithChecks: kfold on grouped, timed data stops at fold 0 with L3.1 and L3.2', () => {
  assert.throws(() => splitWithChecks(clinic(), kfold({ nSplits: 3, shuffle: true, seed: 1 }), declared),
    /leakage in split 0 of kfold\(nSplits=3, shuffle=true, seed=1[^)]*\):\nleakage L3\.1: .*\nleakage L3\.2: /);
});

test('splitWithChecks: groupKfold with an accepted L3.1 passes; the report keeps the reason', () => {
  const reason = 'visits are exchangeable in this study (no trend over days)';
  const out = splitWithChecks(clinic(), groupKfold({ nSplits: 3 }), { ...declared, accept: [{ rule: 'L3.1', reason }] });
  assert.equal(out.length, 3);
  for (const { split, report } of out) {
    assert.equal(report.ok, true);
    assert.ok(split.train instanceof Int32Array);
    assert.ok(report.findings.filter((f) => f.rule === 'L3.1').every((f) => f.accepted?.reason === reason));
  }
  assert.ok(out.some(({ report }) => report.findings.some((f) => f.rule === 'L3.1')), 'some fold tests on earlier days');
});

test('splitWithChecks: a time-series split of ungrouped data is clean', () => {
  const t = clinic();
  delete t.columns.patient;
  const out = splitWithChecks(t, timeSeriesSplit({ nSplits: 3 }), { label: 'y', time: 'day' });
  assert.deepEqual(out.map(({ report }) => report.findings.map((f) => f.rule)), [['L3.3'], ['L3.3'], ['L3.3']]);
  assert.throws(() => splitWithChecks(t, {} as never), /splitWithChecks\(splitter\): expected a Splitter of src\/library\/splits/);
});

test('checkLeakage: test rows that are copies of training rows by content (other ids) are L1.1, not L1.4; shared ids count as copies', () => {
  const t = clinic();
  // rows 80..119 become copies of rows 0..39 on the features: the test part is inside train
  for (let i = 0; i < 40; i++) copyRow({ columns: { x0: t.columns.x0!, x1: t.columns.x1!, x2: t.columns.x2! } }, i, 80 + i);
  const r = checkLeakage(t, headTail(120, 80), { features: ['x0', 'x1', 'x2'] });
  assert.deepEqual(r.findings.map((f) => `${f.rule} ${f.check} ${f.count}`), ['L1.1 test-in-train 40', 'L3.3 sampling-bias 0']);
  assert.deepEqual(r.checksRun, ['L1.1 overlap', 'L1.1 content overlap', 'L1.4 duplicates', 'L1.4 near-duplicates', 'L1.2 oversampled-test', 'L3.3 sampling bias']);
  // 10 copies of 40 (25 %) stay L1.4, and the content check does not run
  const few = clinic();
  for (let i = 0; i < 10; i++) copyRow({ columns: { x0: few.columns.x0!, x1: few.columns.x1!, x2: few.columns.x2! } }, i, 80 + i);
  const f = checkLeakage(few, headTail(120, 80), { features: ['x0', 'x1', 'x2'] });
  assert.deepEqual(f.findings.map((x) => `${x.rule} ${x.check} ${x.count}`), ['L1.4 exact-duplicates 10', 'L3.3 sampling-bias 0']);
  assert.ok(!f.checksRun.includes('L1.1 content overlap'));
  // 2 test rows shared by id, 40 by content: both L1.1 (the parts overlap; the test set is inside train), no "deduplicate"
  const ids = checkLeakage(t, { train: Array.from({ length: 80 }, (_, i) => i), test: [0, 1, ...Array.from({ length: 40 }, (_, i) => 80 + i)] }, { features: ['x0', 'x1', 'x2'] });
  assert.deepEqual(ids.findings.map((x) => `${x.rule} ${x.check} ${x.count}`), ['L1.1 row-overlap 2', 'L1.1 test-in-train 42', 'L3.3 sampling-bias 0']);
  // every test row a training row by id: L1.1 test-is-train by id alone
  const all = checkLeakage(t, { train: Array.from({ length: 120 }, (_, i) => i), test: [80, 81, 82] }, { features: ['x0', 'x1', 'x2'] });
  assert.deepEqual(all.findings.map((x) => `${x.rule} ${x.check}`), ['L1.1 test-is-train', 'L3.3 sampling-bias']);
});
