import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { PROJECT_ROOT } from '../../../src/harness/runner/index';
import { after, test } from 'node:test';
import { checkLeakageFiles, checkTrainTest, type Finding, type Table } from '../../../src/library/leakage/index';
import { rng } from '../../../src/library/random/index';
import { randomTable } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'leakage-train-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Rows `rows` of `t`, in that order (a new table). */
function pick(t: Table, rows: readonly number[]): Table {
  const columns: Record<string, Float64Array> = {};
  for (const [name, col] of Object.entries(t.columns)) columns[name] = Float64Array.from(rows, (r) => (col as Float64Array)[r]!);
  return { columns };
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
const checks = (fs: readonly Finding[]): string[] => fs.map((f) => `${f.rule} ${f.check}`);

/** 300 rows of 4 normal features and a binary label. */
function data(name: string): Table {
  const t = randomTable(name, 300, 4);
  const r = rng('tests').child('leakage').child('train-test').child(name);
  t.columns.y = Float64Array.from({ length: 300 }, () => r.integer(0, 2));
  return t;
}

test('checkTrainTest: two clean tables give only the L3.3 question; the task is inferred and said', () => {
  const t = data('clean');
  const report = checkTrainTest(pick(t, range(0, 200)), pick(t, range(200, 300)), { label: 'y' });
  assert.equal(report.ok, true);
  assert.deepEqual(checks(report.findings), ['L3.3 sampling-bias']);
  assert.deepEqual(report.task, { task: 'classification', inferred: true });
  assert.deepEqual(checkTrainTest(pick(t, range(0, 200)), pick(t, range(200, 300)), { label: 'y', task: 'regression' }).task, { task: 'regression', inferred: false });
});

test('L1.1 from content: a test set identical to train (shuffled) is test-is-train, not "deduplicate"', () => {
  const t = data('identical');
  const order = rng('tests').child('leakage').child('shuffle').permutation(300);
  const report = checkTrainTest(t, pick(t, Array.from(order)), { label: 'y' });
  assert.deepEqual(checks(report.findings), ['L1.1 test-is-train', 'L3.3 sampling-bias']);
  const f = report.findings[0]!;
  assert.deepEqual([f.severity, f.count, f.fraction, f.columns, f.remedy], ['error', 300, 1, ['x0', 'x1', 'x2', 'x3'], 'the test set is (part of) the training set: evaluate on rows the model never saw']);
  assert.match(f.message, /^leakage L1\.1: the test rows and the training rows are the same 300 rows, as many times each \(ids 0, 1, 2, 3, 4, …\); the test set is \(part of\) the training set: evaluate on rows the model never saw$/);
  assert.doesNotMatch(f.message, /deduplicate/);
  assert.equal(report.ok, false);
});

test('L1.1 from content: a subset of train is test-in-train; the same rows with different counts are not identical', () => {
  const t = data('subset');
  const sub = checkTrainTest(t, pick(t, range(40, 140)));
  assert.deepEqual(checks(sub.findings), ['L1.1 test-in-train', 'L3.3 sampling-bias']);
  assert.match(sub.findings[0]!.message, /^leakage L1\.1: every test row \(100 rows\) is a copy of a training row \(ids 0, 1, 2, 3, 4, …\); the test set is \(part of\)/);
  // as many rows as train, every one in train, but row 0 twice and row 1 missing: a subset, not the same multiset
  const twice = checkTrainTest(t, pick(t, [0, 0, ...range(2, 300)]));
  assert.deepEqual(checks(twice.findings), ['L1.1 test-in-train', 'L3.3 sampling-bias']);
});

test('L1.1 / L1.4 boundary: 60 % copied rows are test-overlaps-train; 20 % are L1.4 duplicates (dedupe), with test-row ids', () => {
  const t = data('boundary');
  const heavy = checkTrainTest(pick(t, range(0, 200)), pick(t, [...range(0, 60), ...range(200, 240)]));
  assert.deepEqual(checks(heavy.findings), ['L1.1 test-overlaps-train', 'L3.3 sampling-bias']);
  assert.match(heavy.findings[0]!.message, /^leakage L1\.1: 60 test rows \(60\.0 % of the test set\) are copies of training rows \(L1\.1 from 50\.0 % on\)/);
  const light = checkTrainTest(pick(t, range(0, 200)), pick(t, [...range(200, 280), ...range(0, 20)]));
  assert.deepEqual(checks(light.findings), ['L1.4 exact-duplicates', 'L3.3 sampling-bias']);
  const f = light.findings[0]!;
  assert.deepEqual([f.count, f.fraction, f.remedy, f.examples], [20, 0.2, 'deduplicate before splitting', [80, 81, 82, 83, 84]]);
  assert.equal(f.details!.trainExamples, '0, 1, 2, 3, 4', 'train-side ids are rows of the train table');
  assert.match(f.message, /^leakage L1\.4: 20 test rows \(20\.0 % of the test set\) also appear in train \(ids 80, 81, 82, 83, 84, …\); deduplicate before splitting$/);
});

test('duplicates within train only are no leak (clean control)', () => {
  const t = data('train-dups');
  const train = pick(t, [...range(0, 200), ...range(0, 100)]); // every row of the first half twice
  assert.deepEqual(checks(checkTrainTest(train, pick(t, range(200, 300)), { label: 'y' }).findings), ['L3.3 sampling-bias']);
});

test('time and group columns by name: L3.1 and L3.2 with test-row ids, fraction and columns', () => {
  const t = data('time-group');
  t.columns.day = Float64Array.from(range(0, 300));
  t.columns.patient = Float64Array.from(range(0, 300), (i) => Math.floor(i / 3));
  const train = pick(t, range(0, 200));
  const test = pick(t, [...range(200, 290), ...range(190, 200)]); // 10 rows back in train's time: patients 63-66 on both sides
  const report = checkTrainTest(train, test, { label: 'y', time: 'day', group: 'patient' });
  assert.deepEqual(checks(report.findings), ['L1.4 exact-duplicates', 'L3.1 temporal-order', 'L3.2 shared-groups', 'L3.3 sampling-bias']);
  const time = report.findings[1]!;
  // the copy of train's last row (day 199) is not earlier than train's end: 9 rows, not 10
  assert.deepEqual([time.count, time.fraction, time.columns, time.examples], [9, 0.09, ['day'], [90, 91, 92, 93, 94]]);
  const groups = report.findings[2]!;
  assert.deepEqual([groups.count, groups.unit, groups.columns], [4, 'groups', ['patient']]);
  assert.equal(groups.fraction, 11 / 100, 'the 10 copied rows and test row 0 (patient 66, as train rows 198-199)');
});

test('danfojs DataFrames are read like tables (same findings), without the library importing danfojs', async () => {
  const dfd = await import('danfojs-node');
  const t = data('frames');
  const frame = (rows: number[]) => new dfd.DataFrame(Object.fromEntries(Object.entries(t.columns).map(([k, c]) => [k, rows.map((r) => (c as Float64Array)[r]!)])));
  const fromFrames = checkTrainTest(frame(range(0, 200)), frame(range(100, 200)), { label: 'y' });
  const fromTables = checkTrainTest(pick(t, range(0, 200)), pick(t, range(100, 200)), { label: 'y' });
  assert.deepEqual(fromFrames, fromTables);
  assert.deepEqual(checks(fromFrames.findings), ['L1.1 test-in-train', 'L3.3 sampling-bias']);
  // loading the library does not load danfojs (~1.7 s): frames are recognised by their shape
  const probe = spawnSync(process.execPath, ['--import', 'tsx', '-e', "require('./src/library/leakage/index'); console.log(Object.keys(require.cache).filter((k) => k.includes('danfojs')).length)"], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  assert.equal(probe.stdout.trim(), '0', probe.stderr);
  // text and missing cells: a missing number is NaN, a missing group id is refused by its row
  const text = new dfd.DataFrame({ site: ['a', 'b', 'c'], v: [1, null, 3] });
  assert.deepEqual(checks(checkTrainTest(text, text, { group: 'site' }).findings), ['L1.1 test-is-train', 'L3.2 shared-groups', 'L3.3 sampling-bias']);
  const noSite = new dfd.DataFrame({ site: ['a', 'b', null], v: [1, 2, 3] });
  assert.throws(() => checkTrainTest(text, noSite, { group: 'site' }), /checkTrainTest\(test\) row 2 column 'site': expected a group id/);
});

test('checkLeakageFiles: two CSV files, examples as test-row indices and lines of the test file (a quoted newline spans lines)', () => {
  const train = join(dir, 'train.csv');
  const test = join(dir, 'test.csv');
  writeFileSync(train, 'id_text,x,y\nalpha,1.5,0\nbeta,2.5,1\ngamma,3.5,0\ndelta,4.5,1\n');
  // 5 test rows (2 copies stay under L1.1's 50 %): row 1 spans lines 3-4 in test.csv; in test2.csv rows 1 and 2 copy train rows 1 and 3 (train lines 3, 5)
  writeFileSync(test, 'id_text,x,y\nepsilon,9.5,1\n"be\nta",2.5,1\ndelta,4.5,1\nzeta,7.5,0\neta,8.5,0\n');
  writeFileSync(join(dir, 'test2.csv'), 'id_text,x,y\nepsilon,9.5,1\nbeta,2.5,1\ndelta,4.5,1\nzeta,7.5,0\neta,8.5,0\n');
  const report = checkLeakageFiles(train, join(dir, 'test2.csv'), { label: 'y' });
  assert.deepEqual(checkTrainTest(train, join(dir, 'test2.csv'), { label: 'y' }), report, 'the one call takes two paths too');
  assert.throws(() => checkTrainTest(train, { columns: {} }), /checkTrainTest\(test\): expected a CSV file path, as the train argument is, got a table/);
  const dup = report.findings.find((f) => f.check === 'exact-duplicates')!;
  assert.deepEqual([dup.examples, dup.lines, dup.fraction, dup.details!.trainExamples, dup.details!.trainLines], [[1, 2], [3, 4], 0.4, '1, 3', '3, 5']);
  // with the quoted newline, "be\nta" is new text: only row 2 (line 5) copies train
  const quoted = checkLeakageFiles(train, test, { features: ['id_text', 'x'] }).findings.find((f) => f.check === 'exact-duplicates')!;
  assert.deepEqual([quoted.examples, quoted.lines], [[2], [5]]);
  // without the text column, rows 1 and 2 (lines 3 and 5) copy train on x
  const numeric = checkLeakageFiles(train, test, { features: ['x'] }).findings.find((f) => f.check === 'exact-duplicates')!;
  assert.deepEqual([numeric.examples, numeric.lines], [[1, 2], [3, 5]]);
});

test('checkLeakageFiles: cells typed over both files; missing markers are NaN; a regression label is inferred', () => {
  const r = rng('tests').child('leakage').child('csv-reg');
  const row = (i: number) => { const x = r.normal(); return `${x.toFixed(6)},${(2 * x + 0.2 * r.normal()).toFixed(6)},${i % 7 === 0 ? 'NA' : r.normal().toFixed(6)}`; };
  writeFileSync(join(dir, 'reg-train.csv'), `proxy,target,noise\n${range(0, 300).map(row).join('\n')}\n`);
  writeFileSync(join(dir, 'reg-test.csv'), `target,proxy,noise\n${range(0, 100).map(() => `${r.normal()},${r.normal()},`).join('\n')}\n`);
  const report = checkLeakageFiles(join(dir, 'reg-train.csv'), join(dir, 'reg-test.csv'), { label: 'target' });
  assert.deepEqual(report.task, { task: 'regression', inferred: true });
  assert.deepEqual(checks(report.findings), ['L2 near-perfect-feature', 'L3.3 sampling-bias']);
  assert.deepEqual(report.findings[0]!.columns, ['proxy']);
  assert.equal(report.findings[0]!.lines, undefined, 'a feature finding has no rows, so no lines');
});

test('bad input names the file (or argument), the field and what was expected', () => {
  const a = join(dir, 'a.csv');
  writeFileSync(a, 'x,y,z\n1,2,3\n');
  writeFileSync(join(dir, 'b.csv'), 'x,w,z,v\n1,2,3,4\n');
  writeFileSync(join(dir, 'dup.csv'), 'x,x\n1,2\n');
  writeFileSync(join(dir, 'text.csv'), 'x,y,z\n1,two,3\n');
  assert.throws(() => checkLeakageFiles(a, join(dir, 'b.csv')), new RegExp(`${join(dir, 'b.csv')}: columns: expected the columns of ${a} \\(x, y, z\\), got missing 'y'; extra 'w', 'v'$`));
  assert.throws(() => checkLeakageFiles(a, join(dir, 'none.csv')), /none\.csv: expected a readable CSV file, got no such file$/);
  assert.throws(() => checkLeakageFiles(join(dir, 'dup.csv'), a), /dup\.csv:1: expected distinct column names, got 'x' twice$/);
  assert.throws(() => checkLeakageFiles(a, a, { label: 'label' }), /a\.csv \(options\.label\): expected a column of the table \(x, y, z\), got label$/);
  writeFileSync(join(dir, 'huge.csv'), 'x,y,z\n1,2,3\n4,1e999,6\n');
  assert.throws(() => checkLeakageFiles(a, join(dir, 'huge.csv')), /huge\.csv:3 column 'y': expected a finite number \(within float64 range\), got 1e999$/);
  writeFileSync(join(dir, 'ragged.csv'), 'x,y,z\n1,2,3\n"4",5\n');
  assert.throws(() => checkLeakageFiles(a, join(dir, 'ragged.csv')), /ragged\.csv:3: expected 3 fields \(as in the header\), got 2 fields$/);
  writeFileSync(join(dir, 'no-group.csv'), 'x,y,z\n1,2,a\n4,5,\n');
  assert.throws(() => checkLeakageFiles(a, join(dir, 'no-group.csv'), { group: 'z' }), /no-group\.csv:3 column 'z': expected a group id \(every row needs its unit: patient, subject, site, …\), got a missing value$/);
  writeFileSync(join(dir, 'no-time.csv'), 'x,y,z\n1,NA,3\n');
  assert.throws(() => checkLeakageFiles(join(dir, 'no-time.csv'), a, { time: 'y' }), /no-time\.csv:2 column 'y': expected a time \(number or date string\), got a missing value$/);
  assert.throws(() => checkTrainTest({ columns: { t: [1, 2] } }, { columns: { t: [3, NaN] } }, { time: 't' }), /checkTrainTest\(test\) row 1 column 't': expected a time/);
  writeFileSync(join(dir, 'dates.csv'), 'x,y,z\n1,2024-01-05,3\n4,soon,6\n');
  assert.throws(() => checkLeakageFiles(join(dir, 'dates.csv'), join(dir, 'dates.csv'), { time: 'y' }), /dates\.csv:3 column 'y': expected a date string Date\.parse reads \(ISO 8601\), got soon$/);
  // a column of numbers in one file and text in the other is text on both sides (no error), as pandas would read it
  assert.doesNotThrow(() => checkLeakageFiles(a, join(dir, 'text.csv')));
  const t = { columns: { x: [1, 2], s: ['a', 'b'] } };
  assert.throws(() => checkTrainTest(t, { columns: { x: ['1', '2'], s: ['a', 'b'] } }), /checkTrainTest\(test\): column 'x': expected numbers, as in checkTrainTest\(train\), got text$/);
  assert.throws(() => checkTrainTest(t, { columns: { x: [1] } }), /checkTrainTest\(test\): columns: expected the columns of checkTrainTest\(train\) \(x, s\), got missing 's'$/);
});

test('L1.1 from content spares data whose rows repeat anyway (few discrete columns), not a subset of repetitive train', () => {
  const r = rng('tests').child('leakage').child('discrete');
  const discrete = (n: number): Table => ({ columns: { a: Float64Array.from({ length: n }, () => r.integer(0, 3)), b: Float64Array.from({ length: n }, () => r.integer(0, 3)) } });
  // 9 possible rows: every test row has a copy in train, as every training row has one within train
  const report = checkTrainTest(discrete(300), discrete(100));
  assert.ok(!report.findings.some((f) => f.rule === 'L1.1'), checks(report.findings).join(', '));
  // continuous train with 30 % of its rows entered twice, and a test set drawn from it: still L1.1
  const t = data('repetitive');
  const train = pick(t, [...range(0, 200), ...range(0, 60)]);
  const sub = checkTrainTest(train, pick(t, range(100, 180)));
  assert.deepEqual(checks(sub.findings), ['L1.1 test-in-train', 'L3.3 sampling-bias']);
  assert.equal(sub.findings[0]!.details!.trainRepeats, 0.461538, '120 of 260 training rows have a copy within train');
});
