import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTrainTest, findingRow, leakageTable, markdownReport, type LeakageReport, type Table } from '../../../src/library/leakage/index';
import { randomTable } from './helpers';

/** A report with an L1.4 error (20 % of the test rows copied), an accepted L3.2 finding and the L3.3 question. */
function report(): LeakageReport {
  const t = randomTable('report-table', 150, 3);
  t.columns['<site>'] = Array.from({ length: 150 }, (_, i) => `s${i % 40}`);
  const rows = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
  const pick = (r: number[]): Table => ({ columns: Object.fromEntries(Object.entries(t.columns).map(([k, c]) => [k, r.map((i) => c[i]!)])) as Table['columns'] });
  return checkTrainTest(pick(rows(0, 100)), pick([...rows(100, 140), ...rows(0, 10)]), {
    group: '<site>', accept: [{ rule: 'L3.2', reason: 'sites are <b>labs</b> & shared on purpose' }],
  });
}

test('leakageTable: one HTML row per finding, coloured by severity, every user text escaped', () => {
  const html = leakageTable(report());
  assert.match(html, /^<div class="paperlab-leakage"><p><b>leakage check: FAILED \(1 error, 0 warnings, 1 accepted, 1 question\)<\/b><\/p><table/);
  const rows = html.match(/<tr[^>]*>.*?<\/tr>/g)!;
  assert.equal(rows.length, 4, 'header + 3 findings');
  assert.match(rows[0]!, /<th[^>]*>rule<\/th><th[^>]*>check<\/th><th[^>]*>severity<\/th><th[^>]*>count<\/th><th[^>]*>% of test<\/th><th[^>]*>lines \(first 5\)<\/th><th[^>]*>columns<\/th><th[^>]*>remedy<\/th>/);
  const cells = (row: string): string[] => [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]!);
  assert.deepEqual(cells(rows[1]!), ['L1.4', 'exact-duplicates', 'error', '10 rows', '20.0 %', 'rows 40, 41, 42, 43, 44, …', 'x0, x1, x2', 'deduplicate before splitting'], 'the group column is no feature');
  assert.match(rows[1]!, /^<tr style="background:#fde2e2" title="leakage L1\.4: 10 test rows \(20\.0 % of the test set\)/);
  const accepted = cells(rows[2]!);
  assert.deepEqual(accepted.slice(0, 3), ['L3.2', 'shared-groups', 'error (accepted: sites are &lt;b&gt;labs&lt;/b&gt; &amp; shared on purpose)']);
  assert.equal(accepted[6], '&lt;site&gt;');
  assert.match(rows[2]!, /^<tr style="background:#e6f4ea"/);
  assert.deepEqual(cells(rows[3]!).slice(0, 4), ['L3.3', 'sampling-bias', 'question', '']);
  assert.doesNotMatch(html, /<b>labs|<site>/, 'no user text is markup');
});

test('markdownReport: the verdict, a table row per finding (pipes escaped), the sentences and the checks run', () => {
  const r = report();
  r.findings[0]!.columns = ['a|b'];
  const md = markdownReport(r);
  const lines = md.split('\n');
  assert.equal(lines[0], '**leakage check: FAILED (1 error, 0 warnings, 1 accepted, 1 question)**');
  assert.equal(lines[2], '| rule | check | severity | count | % of test | lines (first 5) | columns | remedy |');
  assert.equal(lines[4], '| L1.4 | exact-duplicates | error | 10 rows | 20.0 % | rows 40, 41, 42, 43, 44, … | a\\|b | deduplicate before splitting |');
  assert.match(md, /\n- ✖ leakage L1\.4: 10 test rows/);
  assert.match(md, /\nchecks run: L1\.1 overlap; L1\.4 duplicates; L1\.4 near-duplicates; L1\.2 oversampled-test; L3\.2 groups; L3\.3 sampling bias$/);
  assert.deepEqual(findingRow({ ...r.findings[0]!, lines: [2, 9, 11] }).where, '2, 9, 11, …', 'file lines, when the finding has them');
});
