import assert from 'node:assert/strict';
import { test } from 'node:test';
import { variantTable, type RecordLike } from '../../../src/harness/verdict/index';

function run(seed: number, values: Record<string, unknown>): { records: RecordLike[] } {
  return { records: Object.entries(values).map(([name, value]) => ({ name, value, seed })) };
}

test('variantTable: baselines and ablations as mean ± std [CI] per metric, NaN and missing seeds counted in the cell', () => {
  const { rows, markdown } = variantTable([
    { name: 'baseline', parameters: { lr: 0.001 }, runs: [run(1, { acc: 0.75, loss: 0.5 }), run(2, { acc: 1, loss: 0.25 })] },
    { name: 'no-dropout', parameters: { lr: 0.001, dropout: 0 }, runs: [run(1, { acc: 0.5, loss: 'NaN' }), run(2, { acc: 0.5 }), run(3, { acc: 0.5, loss: 1 })] },
    { name: 'tiny', runs: [run(1, { acc: 0.25 })] },
  ]);
  assert.equal(markdown, [
    '| variant | lr | dropout | acc: mean ± std [95% CI] | loss: mean ± std [95% CI] | seeds |',
    '| --- | --- | --- | --- | --- | --- |',
    '| baseline | 0.001 |  | 0.875 ± 0.1768 [-0.7133, 2.463] | 0.375 ± 0.1768 [-1.213, 1.963] | 2 |',
    '| no-dropout | 0.001 | 0 | 0.5 ± 0 [0.5, 0.5] | 1 (n=1, no CI) (1 of 3 NaN, 1 of 3 missing) | 3 |',
    '| tiny |  |  | 0.25 (n=1, no CI) | — (1 of 1 missing) | 1 |',
    '',
  ].join('\n'));
  assert.deepEqual(rows[1]!.metrics.loss, { summary: rows[1]!.metrics.loss!.summary, seedsTotal: 3, nonFinite: 1, missing: 1 });
  assert.equal(rows[2]!.metrics.loss!.summary, null);
  assert.deepEqual(variantTable([{ name: 'b', runs: [run(1, { acc: 1, loss: 2 })] }], ['loss']).markdown.split('\n')[0], '| variant | loss: mean ± std [95% CI] | seeds |');
});
