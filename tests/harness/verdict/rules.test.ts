import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarize } from '../../../src/library/stats/index';
import { claimBand, judgeClaim, placeInterval, verdictFor, type Claim } from '../../../src/harness/verdict/index';

const claim: Claim = { id: 'tab2', metric: 'test_accuracy', paperValue: 0.5, tolerance: { abs: 0.25 } };

test('band: tol = max(abs, rel * |paper|); within, at-least, at-most; defaults within and 0', () => {
  assert.deepEqual(claimBand(claim).band, [0.25, 0.75]);
  assert.deepEqual(claimBand({ ...claim, tolerance: { abs: 0.1, rel: 1 } }).tolerance, { abs: 0.1, rel: 1, value: 0.5 });
  assert.deepEqual(claimBand({ ...claim, paperValue: -2, tolerance: { abs: 0.5, rel: 0.5 } }).band, [-3, -1]);
  assert.deepEqual(claimBand({ ...claim, direction: 'at-least' }).band, [0.25, Infinity]);
  assert.deepEqual(claimBand({ ...claim, direction: 'at-most' }).band, [-Infinity, 0.75]);
  const bare = claimBand({ id: 'x', metric: 'm', paperValue: 0.5 });
  assert.deepEqual([bare.direction, bare.tolerance, bare.band], ['within', { abs: 0, rel: 0, value: 0 }, [0.5, 0.5]]);
});

test('placement at every edge: closed band, touching counts as overlap, disjoint is below/above', () => {
  const band: [number, number] = [0.25, 0.75];
  const cases: [[number, number], string][] = [
    [[0.25, 0.75], 'inside'], [[0.5, 0.5], 'inside'], [[0.25, 0.25], 'inside'], [[0.75, 0.75], 'inside'],
    [[0.125, 0.25], 'overlaps'], [[0.75, 1], 'overlaps'], [[0, 1], 'overlaps'], [[0.125, 0.5], 'overlaps'],
    [[0, 0.2499], 'below'], [[0.7501, 1], 'above'],
  ];
  for (const [interval, expected] of cases) assert.equal(placeInterval(interval, band), expected, JSON.stringify(interval));
  assert.equal(0.7 + 0.2, 0.8999999999999999);
  assert.equal(placeInterval([0.8, 0.9], [0.5, 0.7 + 0.2], 1e-12), 'inside', '0.9 sits on 0.7 + 0.2 = 0.8999999999999999');
  assert.equal(placeInterval([0.8, 0.9], [0.5, 0.7 + 0.2]), 'overlaps', 'without slack binary rounding decides');
  const onDecimalEdge = judgeClaim({ id: 'e', metric: 'acc', paperValue: 0.7, tolerance: { abs: 0.2 } }, [0.9, 0.9, 0.9]);
  assert.equal(onDecimalEdge.verdict, 'reproduced', onDecimalEdge.reason);
  assert.match(onDecimalEdge.reason, /95% t CI \[0\.9, 0\.9\] over 3 seeds, lies within the band \[0\.5, 0\.9\]/);
  assert.deepEqual([verdictFor('inside', false), verdictFor('inside', true), verdictFor('overlaps', false), verdictFor('below', false), verdictFor('above', true)],
    ['reproduced', 'partially', 'partially', 'not-reproduced', 'not-reproduced']);
});

test('a t CI exactly on the band edges is reproduced; a band a hair narrower makes it partially', () => {
  const values = [0.61, 0.64, 0.58, 0.66];
  const s = summarize(values);
  const half = s.ci[1] - s.mean;
  const onEdge = judgeClaim({ ...claim, paperValue: s.mean, tolerance: { abs: half } }, values);
  assert.equal(onEdge.verdict, 'reproduced', onEdge.reason);
  assert.equal(judgeClaim({ ...claim, paperValue: s.mean, tolerance: { abs: half * (1 - 1e-9) } }, values).verdict, 'partially');
  const atLeast = { ...claim, direction: 'at-least' as const, tolerance: undefined };
  assert.equal(judgeClaim({ ...atLeast, paperValue: s.ci[0] }, values).verdict, 'reproduced');
  assert.equal(judgeClaim({ ...atLeast, paperValue: s.ci[0] + 1e-9 }, values).verdict, 'partially');
  assert.equal(judgeClaim({ ...atLeast, paperValue: s.ci[1] }, values).verdict, 'partially', 'touching the threshold overlaps');
  assert.equal(judgeClaim({ ...atLeast, paperValue: s.ci[1] + 1e-9 }, values).verdict, 'not-reproduced');
  const atMost = { ...claim, direction: 'at-most' as const, tolerance: undefined };
  assert.equal(judgeClaim({ ...atMost, paperValue: s.ci[1] }, values).verdict, 'reproduced');
  assert.equal(judgeClaim({ ...atMost, paperValue: s.ci[1] - 1e-9 }, values).verdict, 'partially');
  assert.equal(judgeClaim({ ...atMost, paperValue: s.ci[0] - 1e-9 }, values).verdict, 'not-reproduced');
});

test('reasons: one sentence with the numbers, per placement and direction', () => {
  const c = { id: 'c1', metric: 'test_accuracy', paperValue: 0.93, tolerance: { abs: 0.02 } };
  const reasons = [
    judgeClaim(c, [0.925, 0.93, 0.92, 0.928, 0.931]),
    judgeClaim(c, [0.90, 0.95, 0.93]),
    judgeClaim(c, [0.86, 0.95, 0.86]),
    judgeClaim(c, [0.8, 0.81, 0.82]),
    judgeClaim({ ...c, direction: 'at-least', tolerance: { abs: 0.01 } }, [0.925, 0.93, 0.92, 0.928, 0.931]),
    judgeClaim({ ...c, direction: 'at-least', tolerance: { abs: 0.01 } }, [0.90, 0.93, 0.91]),
    judgeClaim({ id: 'c2', metric: 'error', paperValue: 0.07, direction: 'at-most', tolerance: { rel: 0.1 } }, [0.08, 0.0801, 0.0799]),
    judgeClaim(c, [0.91, 0.91, 0.91]),
  ].map((j) => `${j.verdict}: ${j.reason}`);
  assert.deepEqual(reasons, [
    'reproduced: test_accuracy: ours 0.9268 ± 0.004438, 95% t CI [0.9213, 0.9323] over 5 seeds, lies within the band [0.91, 0.95] (paper 0.93 ± 0.02): reproduced.',
    'partially: test_accuracy: ours 0.9267 ± 0.02517, 95% t CI [0.8642, 0.9892] over 3 seeds, has its mean within the band [0.91, 0.95] (paper 0.93 ± 0.02) but its CI reaches outside: partially reproduced.',
    'partially: test_accuracy: ours 0.89 ± 0.05196, 95% t CI [0.7609, 1.019] over 3 seeds, has its mean outside the band [0.91, 0.95] (paper 0.93 ± 0.02) but its CI overlaps it: partially reproduced.',
    'not-reproduced: test_accuracy: ours 0.81 ± 0.01, 95% t CI [0.7852, 0.8348] over 3 seeds, lies entirely below the band [0.91, 0.95] (paper 0.93 ± 0.02): not reproduced.',
    'reproduced: test_accuracy: ours 0.9268 ± 0.004438, 95% t CI [0.9213, 0.9323] over 5 seeds, lies at or above the threshold 0.92 (paper 0.93 − 0.01): reproduced.',
    'partially: test_accuracy: ours 0.9133 ± 0.01528, 95% t CI [0.8754, 0.9513] over 3 seeds, has its mean below the threshold 0.92 (paper 0.93 − 0.01) but its CI reaches it: partially reproduced.',
    'not-reproduced: error: ours 0.08 ± 0.0001, 95% t CI [0.07975, 0.08025] over 3 seeds, lies entirely above the threshold 0.077 (paper 0.07 + 0.007): not reproduced.',
    'reproduced: test_accuracy: ours 0.91 ± 0, 95% t CI [0.91, 0.91] over 3 seeds, lies within the band [0.91, 0.95] (paper 0.93 ± 0.02): reproduced.',
  ]);
});

test('one seed: a point with no CI; inside or on the edge is at most partially, outside is not reproduced', () => {
  const inside = judgeClaim(claim, [0.5]);
  assert.equal(inside.verdict, 'partially');
  assert.equal(inside.summary?.ciAvailable, false);
  assert.equal(inside.reason, 'test_accuracy: ours 0.5 from 1 seed (no CI), lies within the band [0.25, 0.75] (paper 0.5 ± 0.25), but one seed cannot confirm it: partially reproduced.');
  assert.equal(judgeClaim(claim, [0.75]).verdict, 'partially');
  const outside = judgeClaim(claim, [0.8]);
  assert.equal(outside.verdict, 'not-reproduced');
  assert.equal(outside.reason, 'test_accuracy: ours 0.8 from 1 seed (no CI), lies entirely above the band [0.25, 0.75] (paper 0.5 ± 0.25): not reproduced.');
});

test('NaN seeds are counted and named, cap the verdict at partially, and never vanish', () => {
  const j = judgeClaim(claim, [0.5, NaN, 0.52, 0.49, Infinity], { seeds: [1, 2, 3, 4, 5] });
  assert.equal(j.verdict, 'partially');
  assert.deepEqual([j.summary?.n, j.seedsTotal, j.nonFinite], [3, 5, { count: 2, seeds: [2, 5] }]);
  assert.match(j.reason, /lies within the band \[0\.25, 0\.75\] \(paper 0\.5 ± 0\.25\), but 2 of 5 seeds gave NaN\/Infinity \(seeds 2, 5\): partially reproduced\.$/);
  const far = judgeClaim(claim, [0.9, 0.91, NaN], { seeds: [7, 8, 9] });
  assert.equal(far.verdict, 'not-reproduced');
  assert.match(far.reason, /lies entirely above the band .*; 1 of 3 seeds gave NaN \(seed 9\): not reproduced\.$/);
  const missing = judgeClaim(claim, [0.5, 0.52, 0.49], { seeds: [1, 2, 3], missingSeeds: [4] });
  assert.equal(missing.verdict, 'partially');
  assert.match(missing.reason, /but 1 of 4 seeds did not record it \(seed 4\): partially reproduced\.$/);
});

test('not measured: no values, all NaN, or no run recorded it; the reason says which', () => {
  const none = judgeClaim(claim, []);
  assert.deepEqual([none.verdict, none.summary, none.reason], ['not-measured', null, 'test_accuracy: no values given: not measured.']);
  const nan = judgeClaim(claim, [NaN, NaN, NaN], { seeds: [1, 2, 3] });
  assert.deepEqual([nan.verdict, nan.reason], ['not-measured', 'test_accuracy: all 3 seeds gave NaN (seeds 1, 2, 3): not measured.']);
  assert.equal(judgeClaim(claim, [NaN]).reason, 'test_accuracy: the only seed gave NaN: not measured.');
  const unrecorded = judgeClaim(claim, [], { missingSeeds: [1, 2] });
  assert.deepEqual([unrecorded.verdict, unrecorded.reason], ['not-measured', 'test_accuracy: both seeds did not record it (seeds 1, 2): not measured.']);
});

test('bootstrap intervals judge the same way and are seeded', () => {
  const values = [0.5, 0.52, 0.49, 0.51, 0.5];
  const a = judgeClaim(claim, values, { method: 'bootstrap' });
  assert.equal(a.verdict, 'reproduced');
  assert.match(a.reason, /95% bootstrap CI \[/);
  assert.deepEqual(a.summary?.ci, judgeClaim(claim, values, { method: 'bootstrap' }).summary?.ci);
});

test('malformed claims and values are rejected, naming the field', () => {
  assert.throws(() => judgeClaim({ ...claim, paperValue: NaN }, [1]), { message: 'claim "tab2".paperValue: expected a finite number, got NaN' });
  assert.throws(() => judgeClaim({ ...claim, tolerance: { rel: -0.1 } }, [1]), { message: 'claim "tab2".tolerance.rel: expected a finite number >= 0, got -0.1' });
  assert.throws(() => judgeClaim({ ...claim, direction: 'above' as 'within' }, [1]), { message: 'claim "tab2".direction: expected \'at-least\', \'at-most\' or \'within\', got above' });
  assert.throws(() => judgeClaim({ ...claim, id: '' }, [1]), { message: 'claim.id: expected a non-empty string, got ' });
  assert.throws(() => judgeClaim(claim, [0.5, '0.6' as unknown as number]), { message: 'judgeClaim("tab2") measured[1]: expected a number (NaN allowed for a diverged seed), got 0.6' });
  assert.throws(() => judgeClaim(claim, [0.5], { seeds: [1, 2] }), { message: 'judgeClaim("tab2") options.seeds: expected one seed per measured value (1), got [1,2]' });
});

test('a paper value given as a string (an unquoted YAML slip the other way) is shown quoted', () => {
  assert.throws(() => judgeClaim({ ...claim, paperValue: '0.93' as unknown as number }, [1]), { message: 'claim "tab2".paperValue: expected a finite number, got "0.93"' });
});
