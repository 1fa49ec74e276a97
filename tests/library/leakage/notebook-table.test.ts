import assert from 'node:assert/strict';
import { test } from 'node:test';
import { executeNotebook, readNotebook } from '../../../src/harness/runner/index';
import { makeNotebook } from '../../harness/runner/fixtures';

// The leakage report as a notebook user sees it: `showLeakage` in a real tslab kernel displays an
// HTML table (and a text twin), saved in the executed notebook like any other output.

test('showLeakage in a real kernel displays the findings as an HTML table with a text twin', async () => {
  const input = makeNotebook([
    "import { checkTrainTest, showLeakage } from './src/library/leakage/index';",
    [
      '// 40 training rows; the test set copies 5 of them and adds 15 new ones',
      'const x = Array.from({ length: 60 }, (_, i) => Math.sin(i * 1.7) * 10 + i);',
      'const train = { columns: { x: Float64Array.from(x.slice(0, 40)), y: Float64Array.from(x.slice(0, 40), (_, i) => i % 2) } };',
      'const test = { columns: { x: Float64Array.from([...x.slice(0, 5), ...x.slice(40, 55)]), y: Float64Array.from({ length: 20 }, (_, i) => i % 2) } };',
      "showLeakage(checkTrainTest(train, test, { label: 'y' }));",
    ].join('\n'),
  ]);
  const result = await executeNotebook({ input });
  assert.equal(result.ok, true, result.failure?.errorText);
  const outputs = readNotebook(result.notebookPath).cells[1]!.outputs as Array<{ output_type: string; data?: Record<string, string | string[]> }>;
  const shown = outputs.find((o) => o.output_type === 'display_data' && o.data?.['text/html']);
  assert.ok(shown, JSON.stringify(outputs));
  const html = [shown.data!['text/html']!].flat().join('');
  const text = [shown.data!['text/plain']!].flat().join('');
  assert.match(html, /^<div class="paperlab-leakage"><p><b>leakage check: FAILED \(1 error, /);
  const cells = [...html.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
  assert.deepEqual(cells.slice(0, 8), ['L1.4', 'exact-duplicates', 'error', '5 rows', '25.0 %', 'rows 0, 1, 2, 3, 4', 'x', 'deduplicate before splitting']);
  assert.match(text, /leakage L1\.4: 5 test rows \(25\.0 % of the test set\) also appear in train/);
});
