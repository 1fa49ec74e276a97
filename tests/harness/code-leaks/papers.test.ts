import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkPaperCode } from '../../../src/harness/code-leaks/index';
import { PROJECT_ROOT } from '../../../src/harness/runner/index';

// The bundled papers under the static check. Only kapoor2023-leakage leaks, on purpose: it
// measures what oversampling before the split (notebook) and scaling or selecting on all rows
// (its crossValidate's `scale: 'all'` and `select.fitOn: 'all'`) do to the scores.
const EXPECTED: Record<string, string[]> = {
  'kapoor2023-leakage': [
    'reproduce.ipynb code cell 5 line 2 L1.2 code-resampling-fit',
    'cross-validate.ts line 65 L1.2 code-preprocessing-fit',
    'cross-validate.ts line 66 L1.3 code-selection-fit',
  ],
};

test('the bundled papers: kapoor2023-leakage\'s three planted leaks, nothing in the others', () => {
  const papers = readdirSync(join(PROJECT_ROOT, 'papers'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  assert.ok(papers.length >= 5);
  for (const paper of papers) {
    const dir = join(PROJECT_ROOT, 'papers', paper);
    const { findings, skipped } = checkPaperCode(dir);
    assert.deepEqual(skipped, [], paper);
    const found = findings.map((f) => `${f.file.slice(dir.length + 1)}${f.cell ? ` code cell ${f.cell}` : ''} line ${f.line} ${f.rule} ${f.check}`);
    assert.deepEqual(found, EXPECTED[paper] ?? [], paper);
  }
});
