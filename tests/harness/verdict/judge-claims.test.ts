import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judgeClaims, metricSeries, numericMetrics, verdictTable, type Claim, type RecordLike } from '../../../src/harness/verdict/index';

/** A results.json-like run: records carry their seed, as record() writes them. */
function run(seed: number, values: Record<string, unknown>): { records: RecordLike[]; manifest: { seed: number } } {
  return { records: Object.entries(values).map(([name, value]) => ({ name, value, seed })), manifest: { seed } };
}

test('metricSeries: one value per seed, final step wins, NaN strings become NaN, absent runs are missing seeds', () => {
  const perEpoch = { records: [
    { name: 'acc', value: 0.5, seed: 3, step: 1 }, { name: 'acc', value: 0.7, seed: 3, step: 3 }, { name: 'acc', value: 0.6, seed: 3, step: 2 },
  ] };
  const series = metricSeries([run(1, { acc: 0.8 }), perEpoch, run(2, { acc: 'NaN' }), run(4, { loss: 1 })], 'acc');
  assert.deepEqual(series.seeds, [1, 3, 2]);
  assert.deepEqual(series.values.map(String), ['0.8', '0.7', 'NaN']);
  assert.deepEqual(series.missingSeeds, [4]);
});

test('metricSeries: a notebook looping over seeds gives several values from one run; unseeded records key by run', () => {
  const loop = { records: [{ name: 'acc', value: 0.8, seed: 1 }, { name: 'acc', value: 0.9, seed: 2 }, { name: 'acc', value: 0.85, seed: 2 }] };
  assert.deepEqual(metricSeries([loop], 'acc'), { values: [0.8, 0.85], seeds: [1, 2], missingSeeds: [] });
  assert.deepEqual(metricSeries([[{ name: 'acc', value: 1 }], [{ name: 'acc', value: 2 }]], 'acc').seeds, [0, 1]);
});

test('metricSeries: the same seed in two runs, or a non-number, is an error naming the run', () => {
  assert.throws(() => metricSeries([run(1, { acc: 0.8 }), run(1, { acc: 0.8 })], 'acc'),
    { message: "runs[1] record \"acc\": expected each seed in one run only, got seed 1 again (also in runs[0]); pass each seed's run once" });
  assert.throws(() => metricSeries([run(1, { acc: [0.8] })], 'acc'), { message: 'runs[0] record "acc" (seed 1): expected a number, got [0.8]' });
  assert.throws(() => metricSeries([{ rows: [] } as never], 'acc'), { message: 'runs[0]: expected a results.json object with records, or an array of records, got object' });
  assert.deepEqual(numericMetrics([run(1, { acc: 0.8, curve: [1, 2], note: 'x', loss: 'Infinity' })]), ['acc', 'loss']);
});

test('judgeClaims over runs per seed, and the verdict table in Markdown', () => {
  const claims: Claim[] = [
    { id: 'tab2-acc', metric: 'test_accuracy', paperValue: 0.93, tolerance: { abs: 0.01 }, direction: 'at-least', source: 'Table 2' },
    { id: 'tab2-err', metric: 'test_error', paperValue: 0.05, tolerance: { rel: 0.1 }, direction: 'at-most' },
    { id: 'fig3-gap', metric: 'gap', paperValue: 0.2, tolerance: { abs: 0.05 } },
    { id: 'tab4-time', metric: 'train_seconds', paperValue: 100 },
  ];
  const runs = [
    run(1, { test_accuracy: 0.931, test_error: 0.069, gap: 0.21 }),
    run(2, { test_accuracy: 0.935, test_error: 0.065, gap: 'NaN' }),
    run(3, { test_accuracy: 0.929, test_error: 0.071, gap: 0.2 }),
  ];
  const judgements = judgeClaims(claims, runs);
  assert.deepEqual(judgements.map((j) => j.verdict), ['reproduced', 'not-reproduced', 'partially', 'not-measured']);
  assert.equal(judgements[2]!.reason, 'gap: ours 0.205 ± 0.007071, 95% t CI [0.1415, 0.2685] over 2 seeds, has its mean within the band [0.15, 0.25] (paper 0.2 ± 0.05) but its CI reaches outside; 1 of 3 seeds gave NaN (seed 2): partially reproduced.');
  assert.equal(judgements[3]!.reason, 'train_seconds: all 3 seeds did not record it (seeds 1, 2, 3): not measured.');
  const table = verdictTable(judgements);
  assert.equal(table.markdown, [
    '| claim | metric | paper | ours: mean ± std [95% CI] | seeds | verdict |',
    '| --- | --- | --- | --- | --- | --- |',
    '| tab2-acc | test_accuracy | ≥ 0.93 − 0.01 | 0.9317 ± 0.003055 [0.9241, 0.9393] | 3 | reproduced |',
    '| tab2-err | test_error | ≤ 0.05 + 0.005 | 0.06833 ± 0.003055 [0.06074, 0.07592] | 3 | not-reproduced |',
    '| fig3-gap | gap | 0.2 ± 0.05 | 0.205 ± 0.007071 [0.1415, 0.2685] | 2 of 3 (1 NaN) | partially |',
    '| tab4-time | train_seconds | 100 | — | 0 of 3 (3 missing) | not-measured |',
    '',
  ].join('\n'));
  assert.deepEqual(table.rows[0], {
    claim: 'tab2-acc', metric: 'test_accuracy', paper: '≥ 0.93 − 0.01', ours: '0.9317 ± 0.003055 [0.9241, 0.9393]', seeds: '3',
    verdict: 'reproduced', reason: judgements[0]!.reason,
  });
});

test('verdictTable: one seed shows no CI, pipes in names are escaped, mixed confidence levels say CI', () => {
  const one = judgeClaims([{ id: 'a|b', metric: 'm', paperValue: 1, tolerance: { abs: 1 } }], [run(1, { m: 1.5 })]);
  const ninety = judgeClaims([{ id: 'c', metric: 'm', paperValue: 1 }], [run(1, { m: 1 }), run(2, { m: 1.2 })], { confidence: 0.9 });
  const { markdown } = verdictTable([...one, ...ninety]);
  assert.match(markdown, /^\| claim \| metric \| paper \| ours: mean ± std \[CI\] \|/);
  assert.match(markdown, /\| a\\\|b \| m \| 1 ± 1 \| 1\.5 \(n=1, no CI\) \| 1 \| partially \|/);
  assert.equal(verdictTable(ninety).markdown.split('\n')[0], '| claim | metric | paper | ours: mean ± std [90% CI] | seeds | verdict |');
});
