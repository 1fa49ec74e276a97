import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileSha256, readLock } from '../../../src/harness/env/index';
import { PaperlabError } from '../../../src/library/errors/index';
import { PROJECT_ROOT } from '../../../src/harness/runner/index';
import { environmentSummary, escapeHtml, provenanceFromRecords, renderIndexHtml, renderPaperHtml, summarizeReport } from '../../../src/harness/report/index';
import { sampleReport } from './fixtures';

test('provenanceFromRecords: seed, cell and run for each record of that name; non-numbers carry no value', () => {
  const records = [
    { name: 'acc', value: 0.9, seed: 3, cell: 7, backend: 'cpu', at: '' },
    { name: 'loss', value: 0.1, seed: 3, cell: 7 },
    { name: 'acc', value: 'NaN', seed: 3, cell: 9 },
    { name: 'acc', value: { per: [1] }, seed: 3, cell: 10 },
  ];
  assert.deepEqual(provenanceFromRecords(records, 'acc', 'runs/a'), [
    { seed: 3, cell: 7, runDir: 'runs/a', record: 'acc', value: 0.9 },
    { seed: 3, cell: 9, runDir: 'runs/a', record: 'acc', value: 'NaN' },
    { seed: 3, cell: 10, runDir: 'runs/a', record: 'acc' },
  ]);
});

test('environmentSummary flattens the real environment.lock and the page shows its keys and digest', () => {
  const path = join(PROJECT_ROOT, 'environment.lock');
  const lock = readLock(path);
  const summary = environmentSummary(lock, fileSha256(path), ['strict.node: locked v20, actual v22']);
  assert.equal(summary.values['strict.node'], lock.strict.node);
  assert.equal(summary.values['info.cpuCores'], lock.info.cpuCores);
  assert.ok(Object.keys(summary.values).some((k) => k.startsWith('strict.packages.')));
  const report = sampleReport();
  report.environment = summary;
  const page = renderPaperHtml(report);
  assert.ok(page.includes(escapeHtml(lock.strict.node)) && page.includes(String(summary.lockSha256)));
  assert.ok(page.includes('strict.node: locked v20, actual v22'));
});

test('renderIndexHtml links only to pages beside it: a javascript: or ../ href is refused', () => {
  const s = summarizeReport(sampleReport());
  for (const href of ['javascript:alert(1)', '../secret.html', 'https://example.com/x.html']) {
    assert.throws(() => renderIndexHtml([{ ...s, href }]), (e: unknown) =>
      e instanceof PaperlabError && e.message === `summaries[0].href: expected a page in the same folder, like "<paper id>.html", got ${href}`);
  }
});
