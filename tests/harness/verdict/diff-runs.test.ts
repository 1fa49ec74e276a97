import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, test } from 'node:test';
import { diffSides, formatRunDiffTable, readDiffSide, runDiffOk, type RunDiff } from '../../../src/harness/verdict/index';
import { writeReplay, writeRun, type ReplaySpec } from './run-folders';

const made: string[] = [];
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function paperDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'verdict-diff-'));
  made.push(dir);
  return dir;
}

const AT_A = new Date('2026-12-03T05:54:22Z');
const AT_B = new Date('2026-12-04T06:15:02Z');
const seed = (n: number, values: Record<string, unknown>, more: Partial<ReplaySpec> = {}): ReplaySpec => ({ seed: n, values, ...more });

function diff(a: string, b: string, tolerance = {}): RunDiff {
  return diffSides(readDiffSide(a), readDiffSide(b), tolerance);
}
/** [scope, metric, A, B, status] of every row, for readable expectations. */
function brief(d: RunDiff, kinds: readonly string[] = ['number', 'string', 'status', 'budget', 'over-budget']): unknown[][] {
  return d.rows.filter((r) => kinds.includes(r.kind)).map((r) => [r.scope, r.metric, r.accepted, r.now, r.status]);
}

test('run folder vs run folder: seed by seed for the seeds both have, means over them, the others listed; labelled by stamp', () => {
  const paper = paperDir();
  const a = writeRun(paper, AT_A, { 'seed-1': seed(1, { acc: 0.75 }), 'seed-2': seed(2, { acc: 0.5 }), 'seed-3': seed(3, { acc: 1 }) });
  const b = writeRun(paper, AT_B, { 'seed-1': seed(1, { acc: 0.75 }), 'seed-2': seed(2, { acc: 0.25 }), 'seed-4': seed(4, { acc: 1 }) });
  const d = diff(a, b);
  assert.deepEqual(d.labels, { from: '20261203T055422Z', to: '20261204T061502Z' });
  assert.deepEqual([d.compared, d.onlyA, d.onlyB], [['seed-1', 'seed-2'], ['seed-3'], ['seed-4']]);
  assert.deepEqual(brief(d, ['number', 'status']), [
    ['run', 'status', 'completed', 'completed', 'ok'],
    ['mean', 'acc', 0.625, 0.5, 'regressed'],
    ['seed-1', 'status', 'completed', 'completed', 'ok'],
    ['seed-1', 'acc', 0.75, 0.75, 'ok'],
    ['seed-2', 'status', 'completed', 'completed', 'ok'],
    ['seed-2', 'acc', 0.5, 0.25, 'regressed'],
  ]);
  assert.equal(runDiffOk(d), false);
  assert.equal(runDiffOk(diff(a, b, { atol: 0.25 })), true, 'within --atol 0.25 every number agrees');
  const table = formatRunDiffTable(d);
  assert.match(table, /^seed +metric +20261203T055422Z +20261204T061502Z +delta +rel delta +tolerance +within +status$/m);
  assert.match(table, /^mean +acc +0\.625 +0\.5 +-0\.125 +-20% +0 +no +regressed$/m);
  // A seed folder of one run against the whole other run: its seed is paired with the run's.
  const one = diff(join(a, 'seed-2'), b);
  assert.deepEqual([one.compared, one.onlyB, one.labels], [['seed-2'], ['seed-1', 'seed-4'], { from: '20261203T055422Z', to: '20261204T061502Z' }]);
});

test('seed vs seed: any two seeds pair; the columns name the seed where the seeds or the stamps differ', () => {
  const paper = paperDir();
  const a = writeRun(paper, AT_A, { 'seed-1': seed(1, { acc: 0.75 }), 'seed-2': seed(2, { acc: 0.75 }) });
  const b = writeRun(paper, AT_B, { 'seed-1': seed(1, { acc: 0.75 }) });
  const same = diff(join(a, 'seed-1'), join(b, 'seed-1', 'results.json'));
  assert.deepEqual([same.labels, same.compared, runDiffOk(same)], [{ from: '20261203T055422Z', to: '20261204T061502Z' }, ['seed-1'], true]);
  const across = diff(join(a, 'seed-2'), join(b, 'seed-1'));
  assert.deepEqual([across.labels, across.compared], [{ from: '20261203T055422Z/seed-2', to: '20261204T061502Z/seed-1' }, ['seed-2 ↔ seed-1']]);
  const inside = diff(join(a, 'seed-1'), join(a, 'seed-2'));
  assert.deepEqual(inside.labels, { from: '20261203T055422Z/seed-1', to: '20261203T055422Z/seed-2' });
  assert.equal(new Set(inside.rows.map((r) => r.scope)).size, 1, 'one pair: one scope, so the table has no seed column');
  assert.match(formatRunDiffTable(inside), /^metric +20261203T055422Z\/seed-1 +20261203T055422Z\/seed-2 +delta/);
  // A notebook run folder (no paper run around it) is titled by its own name, and its seed where the seeds differ.
  const lone = writeReplay(paper, 'nb-run', seed(1, { acc: 0.75 }));
  assert.deepEqual(diff(lone.dir, join(a, 'seed-1')).labels, { from: 'nb-run', to: '20261203T055422Z' });
  const other = writeReplay(paper, 'nb-run-7', seed(7, { acc: 0.75 }));
  assert.deepEqual(diff(other.dir, join(a, 'seed-1')).labels, { from: 'nb-run-7/seed-7', to: '20261203T055422Z/seed-1' });
});

test('a changed string fails though every number agrees; a string only in A is missing', () => {
  const paper = paperDir();
  const a = writeRun(paper, AT_A, { 'seed-1': seed(1, { acc: 1, fit_status: 'fitted', backend: 'cpu' }) });
  const b = writeRun(paper, AT_B, { 'seed-1': seed(1, { acc: 1, fit_status: 'diverged' }) });
  const d = diff(a, b);
  assert.deepEqual(brief(d, ['string', 'number']), [
    ['seed-1', 'acc', 1, 1, 'ok'],
    ['seed-1', 'fit_status', 'fitted', 'diverged', 'changed'],
    ['seed-1', 'backend', 'cpu', null, 'missing'],
  ]);
  assert.equal(runDiffOk(d), false);
  assert.match(formatRunDiffTable(d), /^seed-1 +fit_status +fitted +diverged +- +- +- +- +changed$/m, 'a string is never "within tolerance"');
});

test('statuses: completed -> failed, stopped at budget or interrupted is worse and fails; the reverse is improved', () => {
  const paper = paperDir();
  const a = writeRun(paper, AT_A, { 'seed-1': seed(1, { acc: 1 }), 'seed-2': seed(2, { acc: 1 }), 'seed-3': seed(3, { acc: 1 }) });
  const b = writeRun(paper, AT_B, {
    'seed-1': seed(1, { acc: 1 }, { failedAs: 'error' }), 'seed-2': seed(2, { acc: 1 }, { interrupted: 'interrupted by SIGINT' }), 'seed-3': seed(3, { acc: 1 }, { budget: { steps: 3, maxSteps: 3 } }),
  }, { extra: { interrupted: 'interrupted by SIGINT' } });
  const d = diff(a, b);
  assert.deepEqual(brief(d, ['status']), [
    ['run', 'status', 'completed', 'interrupted', 'worse'],
    ['seed-1', 'status', 'completed', 'failed (error)', 'worse'],
    ['seed-2', 'status', 'completed', 'interrupted', 'worse'],
    ['seed-3', 'status', 'completed', 'stopped at budget', 'worse'],
  ]);
  assert.ok(d.rows.filter((r) => r.kind === 'status').every((r) => r.fails));
  const back = diff(b, a);
  assert.deepEqual(brief(back, ['status']).map((r) => r[4]), ['improved', 'improved', 'improved', 'improved']);
  assert.equal(runDiffOk(back), true, 'better statuses and fewer limits hit pass; a budget record gone is shown as missing, not judged');
});

test('budget: figures move without failing; a limit newly hit (train() stop or a replay over its wall budget) fails', () => {
  const paper = paperDir();
  const a = writeRun(paper, AT_A, { 'seed-1': seed(1, { acc: 1 }, { budget: { steps: 2, maxSteps: 5 }, seconds: 1 }) }, { maxWallSeconds: 10 });
  const noisy = writeRun(paper, AT_B, { 'seed-1': seed(1, { acc: 1 }, { budget: { steps: 3, maxSteps: 5 }, seconds: 2 }) }, { maxWallSeconds: 10 });
  const d = diff(a, noisy);
  assert.deepEqual(brief(d, ['budget']).filter((r) => r[1] === 'budget steps' || r[1] === 'replay seconds'), [
    ['seed-1', 'budget steps', 2, 3, 'moved'], ['seed-1', 'replay seconds', 1, 2, 'moved'],
  ]);
  assert.ok(d.rows.filter((r) => r.kind === 'budget').every((r) => !r.fails && r.within === null && r.tolerance === null), 'never judged within tolerance');
  assert.equal(runDiffOk(d), true);
  const over = writeRun(paper, new Date('2026-12-05T00:00:00Z'), { 'seed-1': seed(1, { acc: 1 }, { budget: { steps: 5, maxSteps: 5 }, seconds: 12 }) }, { maxWallSeconds: 10 });
  const worse = diff(a, over);
  assert.deepEqual(brief(worse, ['over-budget']), [['seed-1', 'over budget', 'none', 'maxSteps, maxWallSeconds (replay)', 'newly-over']]);
  assert.equal(runDiffOk(worse), false);
  assert.deepEqual(brief(diff(over, a), ['over-budget']), [['seed-1', 'over budget', 'maxSteps, maxWallSeconds (replay)', 'none', 'improved']]);
  // The whole-run budget stopping later replays is the run's status: stopped, worse than completed.
  const stopped = writeRun(paper, new Date('2026-12-06T00:00:00Z'), { 'seed-1': seed(1, { acc: 1 }, { budget: { steps: 2, maxSteps: 5 } }) },
    { extra: { overBudget: 'whole-run budget of 60 s spent after 1 of 2 replays' } });
  const whole = diff(a, stopped);
  assert.deepEqual(brief(whole, ['status'])[0], ['run', 'status', 'completed', 'stopped: whole-run budget of 60 s spent after 1 of 2 replays', 'worse']);
  assert.equal(runDiffOk(whole), false);
});

test('sweep folder: its tasks are replays; a task that ended without results has its state as status', () => {
  const paper = paperDir();
  const run = writeRun(paper, AT_A, { 'seed-1': seed(1, { acc: 0.5 }), 'seed-2': seed(2, { acc: 0.5 }) });
  const tasks = [
    { index: 0, label: 'seed-1', state: 'ok', slurmId: null, node: null, seconds: 1, exitCode: null, detail: null },
    { index: 1, label: 'seed-2', state: 'timeout', slurmId: '7_1', node: 'n1', seconds: 60, exitCode: '0:15', detail: 'past its time limit' },
  ];
  const sweep = writeRun(paper, AT_B, { 'seed-1': seed(1, { acc: 0.5 }) }, { extra: { sweep: { on: 'slurm', tasks, incomplete: ['seed-2'] } } });
  const side = readDiffSide(sweep);
  assert.deepEqual([side.kind, side.units.map((u) => [u.label, u.status])], ['sweep', [['seed-1', 'completed'], ['seed-2', 'timeout']]]);
  const d = diff(run, sweep);
  assert.deepEqual(d.compared, ['seed-1', 'seed-2']);
  assert.deepEqual(brief(d, ['status', 'number']).filter((r) => r[0] === 'seed-2'), [['seed-2', 'status', 'completed', 'timeout', 'worse'], ['seed-2', 'acc', 0.5, null, 'missing']]);
  assert.equal(runDiffOk(d), false);
  assert.equal(basename(sweep), '20261204T061502Z');
});

test('compute path and backend: said above the rows and carried as rows when they differ, never judged; FLOPs read in SI units', () => {
  const paper = paperDir();
  const blas = { blas: 'OpenBLAS 0.3.21 Haswell', threads: 2 };
  const a = writeRun(paper, AT_A, { 'seed-1': seed(1, { acc: 0.75 }, { native: blas, backend: 'wasm', budget: { steps: 4, maxSteps: 9, flopsPerExample: 8e10 } }) });
  const b = writeRun(paper, AT_B, { 'seed-1': seed(1, { acc: 0.75 }, { native: null, backend: 'wasm', budget: { steps: 4, maxSteps: 9, flopsPerExample: 8e10 } }) });
  const d = diff(a, b);
  assert.deepEqual(brief(d, ['compute']), [['run', 'compute path', 'native', 'fallback', 'changed'], ['run', 'backend', 'wasm', 'wasm', 'ok']]);
  assert.deepEqual(d.notes, ['different compute paths: native vs fallback']);
  assert.equal(runDiffOk(d), true, 'a different path alone does not fail');
  const table = formatRunDiffTable(d);
  assert.ok(table.startsWith('paperlab diff: different compute paths: native vs fallback: '), table);
  // 4 steps of 10 examples at 3 x 8e10 FLOPs each: 9.6e12.
  assert.match(table, /^seed-1 +budget flops +9\.6 TFLOP +9\.6 TFLOP +0 FLOP +0% +- +- +ok$/m);
  const same = diff(a, a);
  assert.deepEqual([same.notes, formatRunDiffTable(same).startsWith('seed ')], [[], true]);
  const cpu = writeRun(paper, new Date('2026-12-05T00:00:00Z'), { 'seed-1': seed(1, { acc: 0.75 }, { native: blas, backend: 'cpu' }) });
  assert.deepEqual(diff(a, cpu).notes, ['different backends: wasm vs cpu']);
  // A seed against a seed keeps one scope: the compute rows take the pair's.
  assert.deepEqual(brief(diff(join(a, 'seed-1'), join(b, 'seed-1')), ['compute'])[0], ['seed-1', 'compute path', 'native', 'fallback', 'changed']);
});
