import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  acceptResults, acceptedPath, checkAgainstAccepted, compareToAccepted, diffOk, diffRuns, formatDiffTable, readAccepted, writeAccepted,
  type RecordLike,
} from '../../../src/harness/verdict/index';

const made: string[] = [];
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'verdict-compare-'));
  made.push(dir);
  return dir;
}

// Records name the native path they ran on (record() adds it); these ran on it.
const NATIVE = { blas: 'OpenBLAS 0.3.21 Haswell', threads: 2 };

function run(seed: number, values: Record<string, unknown>, native: typeof NATIVE | null = NATIVE): { records: RecordLike[] } {
  return { records: Object.entries(values).map(([name, value]) => ({ name, value, seed, native })) };
}

test('rows: ok, regressed (either way), missing, new; tolerance = atol + rtol * |accepted|', () => {
  const accepted = { acc: { value: 0.5 }, loss: { value: 2 }, up: { value: 1 }, gone: { value: 3 } };
  const rows = compareToAccepted(accepted, { acc: 0.5, loss: 2.25, up: 1.5, fresh: 7 }, { atol: 0.125, rtol: 0.0625 });
  assert.deepEqual(rows, [
    { metric: 'acc', accepted: 0.5, now: 0.5, delta: 0, relDelta: 0, tolerance: 0.15625, within: true, status: 'ok' },
    { metric: 'loss', accepted: 2, now: 2.25, delta: 0.25, relDelta: 0.125, tolerance: 0.25, within: true, status: 'ok' },
    { metric: 'up', accepted: 1, now: 1.5, delta: 0.5, relDelta: 0.5, tolerance: 0.1875, within: false, status: 'regressed' },
    { metric: 'gone', accepted: 3, now: null, delta: null, relDelta: null, tolerance: 0.3125, within: null, status: 'missing' },
    { metric: 'fresh', accepted: null, now: 7, delta: null, relDelta: null, tolerance: null, within: null, status: 'new' },
  ]);
  assert.equal(diffOk(rows), false);
  assert.equal(diffOk(rows.filter((r) => r.status === 'ok' || r.status === 'new')), true);
});

test('default is exact; a delta equal to the tolerance in decimal is within; NaN now regresses; per-metric tolerances win', () => {
  const [exact] = compareToAccepted({ acc: { value: 0.1 } }, { acc: 0.1 + Number.EPSILON / 8 });
  assert.deepEqual([exact!.within, exact!.status], [false, 'regressed']);
  assert.equal(Math.abs(0.93 - 0.92) > 0.01, true, 'binary: 0.93 - 0.92 = 0.010000000000000009');
  assert.equal(compareToAccepted({ acc: { value: 0.93 } }, { acc: 0.92 }, { atol: 0.01 })[0]!.within, true);
  assert.equal(compareToAccepted({ acc: { value: 0.93 } }, { acc: 0.9199 }, { atol: 0.01 })[0]!.within, false);
  assert.equal(compareToAccepted({ acc: { value: 0.93 } }, { acc: NaN }, { atol: 1 })[0]!.status, 'regressed');
  const diverged = compareToAccepted({ loss: { value: NaN }, big: { value: Infinity }, neg: { value: -Infinity } }, { loss: NaN, big: Infinity, neg: Infinity });
  assert.deepEqual(diverged.map((r) => [r.delta, r.relDelta, r.within, r.status]), [[0, 0, true, 'ok'], [0, 0, true, 'ok'], [Infinity, NaN, false, 'regressed']]);
  const own = compareToAccepted({ acc: { value: 0.5, atol: 0.25 }, loss: { value: 1, rtol: 0.5 } }, { acc: 0.7, loss: 1.4 });
  assert.deepEqual(own.map((r) => [r.tolerance, r.status]), [[0.25, 'ok'], [0.5, 'ok']]);
  assert.equal(compareToAccepted({ z: { value: 0 } }, { z: 1 })[0]!.relDelta, null);
  assert.throws(() => compareToAccepted({}, {}, { atol: -1 }), { message: 'tolerance atol: expected a finite number >= 0, got -1' });
});

test('formatDiffTable: aligned columns like dvc metrics diff, "-" for absent sides, enough digits to see a change', () => {
  const rows = compareToAccepted({ test_accuracy: { value: 0.93 }, loss: { value: 0.2 }, old: { value: 1 }, tiny: { value: 0.1234567 } },
    { test_accuracy: 0.91, loss: 0.2, tiny: 0.12345678, new_metric: 3 }, { atol: 0.01 });
  assert.equal(formatDiffTable(rows), [
    'metric         accepted   now        delta  rel delta    tolerance  within  status',
    'test_accuracy  0.93       0.91       -0.02  -2.151%      0.01       no      regressed',
    'loss           0.2        0.2        0      0%           0.01       yes     ok',
    'old            1          -          -      -            0.01       -       missing',
    'tiny           0.1234567  0.1234568  +8e-8  +0.0000648%  0.01       yes     ok',
    'new_metric     -          3          -      -            -          -       new',
    '',
  ].join('\n'));
});

test('diffRuns: two results.json, a metric recorded for several seeds compared by its mean', () => {
  const a = { records: [{ name: 'acc', value: 0.75, seed: 1 }, { name: 'acc', value: 1, seed: 2 }, { name: 'note', value: 'x', seed: 1 }] };
  const rows = diffRuns(a, run(1, { acc: 0.875, extra: 1 }));
  assert.deepEqual(rows.map((r) => [r.metric, r.accepted, r.now, r.status]), [['acc', 0.875, 0.875, 'ok'], ['extra', null, 1, 'new']]);
  // Exact by default: the mean of 0.8 and 0.9 is 0.8500000000000001 in binary, and says so.
  const binary = diffRuns({ records: [{ name: 'acc', value: 0.8, seed: 1 }, { name: 'acc', value: 0.9, seed: 2 }] }, run(1, { acc: 0.85 }));
  assert.deepEqual([binary[0]!.accepted, binary[0]!.status], [0.8500000000000001, 'regressed']);
  assert.equal(diffRuns({ records: [{ name: 'acc', value: 0.8, seed: 1 }, { name: 'acc', value: 0.9, seed: 2 }] }, run(1, { acc: 0.85 }), { rtol: 1e-12 })[0]!.status, 'ok');
});

test('accept: mean over seeds per metric, NaN metrics accepted as NaN and listed, hand-set tolerances kept, written atomically', () => {
  const dir = tempDir();
  const runs = [run(1, { acc: 0.75, loss: 0.5, curve: [1, 2] }), run(2, { acc: 1, loss: 'NaN' })];
  const at = new Date('2026-01-02T03:04:05Z');
  const first = acceptResults(runs, ['r1', 'r2'], undefined, at);
  assert.deepEqual(first.nonFinite, [{ metric: 'loss', reason: 'seed 2 gave NaN' }]);
  assert.deepEqual(first.accepted, {
    format: 'paperlab.accepted/1', acceptedAt: '2026-01-02T03:04:05.000Z', runs: ['r1', 'r2'], compute: 'native', native: NATIVE,
    metrics: { acc: { value: 0.875, seeds: [1, 2], values: [0.75, 1] }, loss: { value: Number.NaN, seeds: [1, 2], values: [0.5, Number.NaN] } },
  });
  const path = writeAccepted(dir, first.accepted);
  assert.equal(path, join(dir, 'accepted.json'));
  assert.match(readFileSync(path, 'utf8'), /"value": "NaN"/, 'JSON has no NaN: written as record()\'s string');
  assert.deepEqual(readAccepted(dir).metrics.loss, { value: Number.NaN, seeds: [1, 2], values: [0.5, Number.NaN] });
  // A NaN that stays NaN is unchanged; one that became a number is a change.
  assert.equal(checkAgainstAccepted(dir, runs).ok, true);
  const finite = checkAgainstAccepted(dir, [run(1, { acc: 0.75, loss: 0.5 }), run(2, { acc: 1, loss: 0.25 })]);
  assert.deepEqual(finite.rows.map((r) => [r.metric, r.status]), [['acc', 'ok'], ['loss', 'regressed']]);
  const edited = JSON.parse(readFileSync(path, 'utf8'));
  edited.metrics.acc.atol = 0.02;
  writeFileSync(path, JSON.stringify(edited));
  const again = acceptResults([run(3, { acc: 0.7 })], ['r3'], readAccepted(dir), at);
  assert.deepEqual(again.accepted.metrics.acc, { value: 0.7, atol: 0.02, seeds: [3], values: [0.7] });
});

test('each compute path has its own accepted file; runs on both paths are refused together', () => {
  const dir = tempDir();
  const fallback = [run(1, { acc: 0.5 }, null)];
  assert.equal(writeAccepted(dir, acceptResults(fallback, ['f']).accepted), join(dir, 'accepted.fallback.json'));
  assert.equal(writeAccepted(dir, acceptResults([run(1, { acc: 0.75 })], ['n']).accepted, 'replay'), join(dir, 'accepted.replay.json'));
  assert.equal(acceptedPath(dir, 'replay', 'fallback'), join(dir, 'accepted.replay.fallback.json'));
  const check = checkAgainstAccepted(dir, fallback);
  assert.deepEqual([check.ok, check.path], [true, join(dir, 'accepted.fallback.json')]);
  // Records from before the native path existed name none: they ran on the fallback.
  assert.equal(checkAgainstAccepted(dir, [{ name: 'acc', value: 0.5, seed: 1 }]).ok, true);
  assert.throws(() => checkAgainstAccepted(dir, run(1, { acc: 0.75 })), { message: new RegExp(`^${join(dir, 'accepted.json')}: expected accepted results for the native compute path, got no such file`) });
  // A regression on another thread count says why bits may move.
  writeAccepted(dir, acceptResults([run(1, { acc: 0.75 })], ['n']).accepted);
  const other = checkAgainstAccepted(dir, run(1, { acc: 0.7500001 }, { ...NATIVE, threads: 4 }));
  assert.deepEqual([other.ok, other.note], [false, 'accepted on OpenBLAS 0.3.21 Haswell with 2 threads, run on OpenBLAS 0.3.21 Haswell with 4: results are bit-identical only on the same BLAS and thread count (set PAPERLAB_THREADS=2)']);
  assert.equal(checkAgainstAccepted(dir, run(1, { acc: 0.7500001 })).note, undefined);
  assert.throws(() => acceptResults([run(1, { acc: 0.5 }, null), run(2, { acc: 0.5 })], ['f', 'n']),
    { message: 'runs: expected runs on one compute path, got null and {"blas":"OpenBLAS 0.3.21 Haswell","threads":2}; accept or check the native and the fallback path separately' });
});

test('checkAgainstAccepted: replayed runs against papers/<id>/accepted.json; no file or a bad one is an error with the fix', () => {
  const dir = tempDir();
  assert.throws(() => checkAgainstAccepted(dir, run(1, { acc: 0.8 })),
    { message: `${join(dir, 'accepted.json')}: expected accepted results for the native compute path, got no such file; accept a run on that path first: paperlab accept <run-dir...> --paper ${dir}` });
  writeAccepted(dir, acceptResults([run(1, { acc: 0.75 }), run(2, { acc: 1 })], ['a', 'b']).accepted);
  const same = checkAgainstAccepted(dir, [run(1, { acc: 0.75 }), run(2, { acc: 1 })]);
  assert.deepEqual([same.ok, same.path, same.rows.map((r) => r.status)], [true, join(dir, 'accepted.json'), ['ok']]);
  const worse = checkAgainstAccepted(dir, run(1, { acc: 0.75 }), { atol: 0.0625 });
  assert.deepEqual([worse.ok, worse.rows[0]!.delta], [false, -0.125]);
  assert.equal(checkAgainstAccepted(dir, run(1, { acc: 0.75 }), { atol: 0.125 }).ok, true);
  assert.equal(checkAgainstAccepted(dir, [{ name: 'acc', value: 0.875, seed: 1, native: NATIVE }]).ok, true, 'a bare record list is one run');
  writeFileSync(join(dir, 'accepted.json'), JSON.stringify({ format: 'paperlab.accepted/1', metrics: { acc: { value: 'high', seeds: [] } } }));
  assert.throws(() => readAccepted(dir), { message: `${join(dir, 'accepted.json')} metrics.acc.value: expected a number, or "NaN", "Infinity", "-Infinity", got high` });
  writeFileSync(join(dir, 'accepted.json'), '{"format": "other"}');
  assert.throws(() => readAccepted(dir), { message: `${join(dir, 'accepted.json')} format: expected "paperlab.accepted/1", got other` });
});
