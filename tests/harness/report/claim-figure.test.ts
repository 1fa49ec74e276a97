import assert from 'node:assert/strict';
import { test } from 'node:test';
import { claimFigure, type ClaimFigureInput } from '../../../src/harness/reproduce/claim-figure';

const base: ClaimFigureInput = {
  claimId: 'C1', metric: 'grokking_delay', valueFrom: 'ours', reference: 2, band: [2, Infinity],
  seeds: ['seed 1', 'seed 2', 'seed 3'], values: [3, 4.5, Number.NaN], mean: 3.75, ci: [-5.78, 13.28], ciLevel: 0.95,
};

type Shape = { type: string; name: string; y0: number; y1: number; xref: string; x0: number; x1: number; showlegend: boolean };
const shapes = (input: ClaimFigureInput) => (claimFigure(input).layout as { shapes: Shape[] }).shapes;
const range = (input: ClaimFigureInput) => (claimFigure(input).layout as { yaxis: { range: [number, number]; autorange: boolean } }).yaxis;

test('claim figure: an open band side runs to the axis edge, the CI is a band, every part has a legend entry', () => {
  const s = shapes(base);
  assert.deepEqual(s.map((x) => [x.type, x.name]), [['rect', 'accepted band'], ['rect', "ours: the mean's 95 % CI"], ['line', 'ours: mean'], ['line', 'our threshold']]);
  const y = range(base);
  assert.equal(y.autorange, false, 'a fixed range, so the open side ends where the axis does');
  assert.deepEqual([s[0]!.y0, s[0]!.y1], [2, y.range[1]]);
  assert.deepEqual([s[1]!.y0, s[1]!.y1], [-5.78, 13.28]);
  assert.ok(y.range[0] < -5.78 && y.range[1] > 13.28, `range ${y.range} holds the CI`);
  for (const x of s) assert.deepEqual([x.xref, x.x0, x.x1, x.showlegend], ['paper', 0, 1, true], `${x.name} spans the plot`);
  const at = shapes({ ...base, band: [null, 0.05], reference: 0.05, valueFrom: 'paper', values: [0.01, 0.02, 0.03], mean: 0.02, ci: [0.0, 0.04] });
  assert.equal(at[0]!.y0, range({ ...base, band: [null, 0.05], reference: 0.05, values: [0.01, 0.02, 0.03], mean: 0.02, ci: [0.0, 0.04] }).range[0], 'at-most: down to the axis bottom');
  assert.equal(at[3]!.name, "paper's value");
});

test('claim figure: a diverged seed is a gap (null), one seed has no CI band, and the JSON is plain', () => {
  const fig = claimFigure(base);
  assert.deepEqual(fig.data[0]!.y, [3, 4.5, null]);
  assert.deepEqual(JSON.parse(JSON.stringify(fig)), fig, 'no functions, NaN or undefined: JSON round-trips');
  const one = shapes({ ...base, seeds: ['seed 1'], values: [3], mean: 3, ci: null });
  assert.deepEqual(one.map((x) => x.name), ['accepted band', 'ours: mean', 'our threshold']);
  const none = claimFigure({ ...base, values: [null, null, null], mean: null, ci: null });
  assert.deepEqual((none.layout as { shapes: Shape[] }).shapes.map((x) => x.name), ['accepted band', 'our threshold']);
  const [lo, hi] = (none.layout as { yaxis: { range: [number, number] } }).yaxis.range;
  assert.ok(lo < 2 && hi > 2 && Number.isFinite(lo) && Number.isFinite(hi), `a finite range around the threshold alone: ${lo}, ${hi}`);
});
