import assert from 'node:assert/strict';
import { test } from 'node:test';
import { executeNotebook, readNotebook, sourceOf } from '../../../src/harness/runner/index';
import { makeNotebook } from './fixtures';

// tslab sent iopub messages without awaiting them; zeromq 6 rejected every send made while one was
// in progress and the PUB socket dropped past its high-water mark, so bursts vanished silently
// (20,000 lines kept ~490; 2,000 record() calls kept ~500). The kernel's preload queues the sends
// and counts them, and the runner fails a cell whose output did not all arrive.

const BURSTS = [
  "import { record } from './src/index';",
  "for (let i = 0; i < 20000; i++) console.log('line ' + i);",
  "for (let i = 0; i < 2000; i++) record('r' + i, i);",
  "for (let i = 0; i < 5000; i++) console.log('flood ' + i);\nrecord('after_flood', 1);",
];

function streamLines(cell: object): string[] {
  const outputs = ((cell as { outputs?: unknown }).outputs ?? []) as Array<{ output_type: string; text?: string | string[] }>;
  return outputs.filter((o) => o.output_type === 'stream').map((o) => (Array.isArray(o.text) ? o.text.join('') : o.text ?? '')).join('').split('\n').filter(Boolean);
}

test('bursts of output arrive whole: 20,000 lines, 2,000 records, a record right after a flood', async () => {
  const result = await executeNotebook({ input: makeNotebook(BURSTS) });
  assert.equal(result.ok, true, result.failure?.detail);
  const cells = readNotebook(result.notebookPath).cells;
  const lines = streamLines(cells[1]!);
  assert.equal(lines.length, 20000);
  assert.equal(lines[19999], 'line 19999');
  assert.equal(streamLines(cells[3]!).length, 5000);
  assert.equal(result.records.length, 2001);
  assert.deepEqual(result.records.slice(0, 2000).map((r) => r.value), Array.from({ length: 2000 }, (_, i) => i));
  assert.equal(result.records.at(-1)?.name, 'after_flood');
});

test('a cell whose output is lost on the way fails loudly with the counts (tslab\'s own unqueued sends)', async () => {
  process.env.PAPERLAB_IOPUB_QUEUE = 'off';
  try {
    const result = await executeNotebook({ input: makeNotebook(BURSTS.slice(0, 2)) });
    assert.equal(result.ok, false);
    assert.equal(result.failure?.status, 'lost');
    assert.equal(result.failure?.cell, 1);
    assert.match(result.failure?.detail ?? '', /^the kernel sent 20000 output message\(s\) for this cell but \d+ arrived: output and records were lost on the way/);
    assert.match(sourceOf(readNotebook(result.notebookPath).cells[1]!), /paperlab: execution failed at the next cell \(cell 1, lost\)/);
  } finally {
    delete process.env.PAPERLAB_IOPUB_QUEUE;
  }
});
