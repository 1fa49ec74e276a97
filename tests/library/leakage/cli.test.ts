import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { rng } from '../../../src/library/random/index';
import type { LeakageReport } from '../../../src/library/leakage/index';
import { paperlab } from '../../cli';

// `paperlab leakage <train> <test>` as a user runs it: real CSV files in a temp folder, the real CLI.
const dir = mkdtempSync(join(tmpdir(), 'leakage-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** 200 rows: day (1 per row), patient (4 rows each), two features, a label; as CSV lines without the header. */
function rows(): string[] {
  const r = rng('tests').child('leakage').child('cli');
  return Array.from({ length: 200 }, (_, i) => `${i},p${Math.floor(i / 4)},${r.normal().toFixed(6)},${r.normal().toFixed(6)},${r.integer(0, 2)}`);
}
const HEADER = 'day,patient,x1,x2,y';
const all = rows();
const file = (name: string, lines: string[], header = HEADER): string => {
  const path = join(dir, name);
  writeFileSync(path, `${header}\n${lines.join('\n')}\n`);
  return path;
};
const train = file('train.csv', all.slice(0, 160));

test('paperlab leakage: a clean time-ordered, grouped pair exits 0 with the verdict and the inferred task', () => {
  const r = paperlab(['leakage', train, file('clean.csv', all.slice(160)), '--label', 'y', '--group', 'patient', '--time', 'day']);
  assert.equal(r.code, 0, r.out);
  assert.match(r.stdout, /^\*\*leakage check: ok \(0 errors, 0 warnings, 0 accepted, 1 question\)\*\*\n\ntask: classification \(inferred from the label; set task, or --task, to override\)\n/);
  assert.match(r.stdout, /\| L3\.3 \| sampling-bias \| question \|/);
});

test('paperlab leakage: a test file inside the train file exits 1, named L1.1 with its lines, % of test and remedy', () => {
  // test = train rows 10..49: lines 2..41 of the test file are all copies; patients p2..p12 and the days overlap too
  const r = paperlab(['leakage', train, file('subset.csv', all.slice(10, 50)), '--label', 'y', '--group', 'patient', '--time', 'day']);
  assert.equal(r.code, 1, r.out);
  assert.match(r.stdout, /^\*\*leakage check: FAILED \(3 errors, 0 warnings, 0 accepted, 1 question\)\*\*/m);
  assert.match(r.stdout, /\n\| L1\.1 \| test-in-train \| error \| 40 rows \| 100\.0 % \| 2, 3, 4, 5, 6, … \| x1, x2 \| the test set is \(part of\) the training set: evaluate on rows the model never saw \|\n/);
  assert.match(r.stdout, /\n\| L3\.1 \| temporal-order \| error \| 40 rows \| 100\.0 % \| 2, 3, 4, 5, 6, … \| day \| split by time/);
  assert.match(r.stdout, /\n\| L3\.2 \| shared-groups \| error \| 11 groups \| 100\.0 % \| 2, 3, 4, 5, 6, … \| patient \| split by 'patient' \(group k-fold\) \|\n/);
  assert.doesNotMatch(r.stdout, /deduplicate/);
});

test('paperlab leakage --json: the report as data, with lines, fractions and the task as passed', () => {
  const test2 = file('dups.csv', [...all.slice(160), ...all.slice(0, 8)]); // 8 of 48 test rows copied: L1.4
  const r = paperlab(['leakage', train, test2, '--label', 'x1', '--task', 'regression', '--json']);
  assert.equal(r.code, 1, r.out);
  const report = JSON.parse(r.stdout) as LeakageReport;
  assert.deepEqual(report.task, { task: 'regression', inferred: false });
  const dup = report.findings.find((f) => f.check === 'exact-duplicates')!;
  assert.deepEqual([dup.count, dup.fraction, dup.examples, dup.lines, dup.details!.trainLines], [8, 8 / 48, [40, 41, 42, 43, 44], [42, 43, 44, 45, 46], '2, 3, 4, 5, 6']);
});

test('paperlab leakage: bad input exits 2 with one line naming the file or flag', () => {
  const cases: [string[], RegExp][] = [
    [[train, join(dir, 'missing.csv')], /^paperlab leakage: .*missing\.csv: expected a readable CSV file, got no such file\n$/],
    [[train, file('other.csv', ['1,2,3'], 'day,patient,z')], /^paperlab leakage: .*other\.csv: columns: expected the columns of .*train\.csv \(day, patient, x1, x2, y\), got missing 'x1', 'x2', 'y'; extra 'z'\n$/],
    [[train, file('ragged.csv', ['1,p0,0.5'])], /^paperlab leakage: .*ragged\.csv:2: expected 5 fields \(as in the header\), got 3 fields\n$/],
    [[train, train, '--label', 'target'], /^paperlab leakage: .*train\.csv \(options\.label\): expected a column of the table \(day, patient, x1, x2, y\), got target\n$/],
    [[train, train, '--task', 'ranking'], /^error: option '--task <task>' argument 'ranking' is invalid\. Allowed choices are classification, regression\.\n$/],
  ];
  for (const [args, message] of cases) {
    const r = paperlab(['leakage', ...args]);
    assert.equal(r.code, 2, r.out);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, message);
  }
});
