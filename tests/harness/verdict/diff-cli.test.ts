import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { paperlab } from '../../cli';
import { writeRun } from './run-folders';

const made: string[] = [];
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

test('paperlab diff <run folder> <run folder>: the folders `paperlab run` prints, columns by stamp, exit 1 on a worse status, a changed string or a new budget stop', () => {
  const paper = mkdtempSync(join(tmpdir(), 'verdict-diff-cli-'));
  made.push(paper);
  const a = writeRun(paper, new Date('2026-12-03T05:54:22Z'), {
    'seed-1': { seed: 1, values: { acc: 0.75, fit: 'fitted' }, budget: { steps: 2, maxSteps: 5 } },
    'seed-2': { seed: 2, values: { acc: 0.5, fit: 'fitted' }, budget: { steps: 2, maxSteps: 5 } },
  });
  const same = writeRun(paper, new Date('2026-12-04T06:15:02Z'), {
    'seed-1': { seed: 1, values: { acc: 0.75, fit: 'fitted' }, budget: { steps: 3, maxSteps: 5 }, seconds: 2 },
    'seed-2': { seed: 2, values: { acc: 0.5, fit: 'fitted' }, budget: { steps: 2, maxSteps: 5 } },
  });
  const ok = paperlab(['diff', a, same]);
  assert.equal(ok.code, 0, ok.out);
  assert.match(ok.stdout, /^seed +metric +20261203T055422Z +20261204T061502Z +delta +rel delta +tolerance +within +status$/m);
  assert.match(ok.stdout, /^mean +acc +0\.625 +0\.625 +0 +0% +0 +yes +ok$/m);
  assert.match(ok.stdout, /^seed-1 +budget steps +2 +3 +\+1 +\+50% +- +- +moved$/m);
  assert.match(ok.stdout, /^paperlab diff: 20261203T055422Z vs 20261204T061502Z: compared seed-1, seed-2$/m);
  assert.match(ok.stdout, /^paperlab diff: 3 numbers within tolerance; \d+ budget figures moved \(shown, not judged\) \(atol=0, rtol=0\)$/m);

  const bad = writeRun(paper, new Date('2026-12-05T07:00:00Z'), {
    'seed-1': { seed: 1, values: { acc: 0.75, fit: 'diverged' }, budget: { steps: 5, maxSteps: 5 } },
    'seed-3': { seed: 3, values: { acc: 0.5, fit: 'fitted' } },
  });
  const worse = paperlab(['diff', a, bad]);
  assert.equal(worse.code, 1, worse.out);
  assert.match(worse.stdout, /^seed-1 +status +completed +stopped at budget +- +- +- +- +worse$/m);
  assert.match(worse.stdout, /^seed-1 +fit +fitted +diverged +- +- +- +- +changed$/m);
  assert.match(worse.stdout, /^seed-1 +over budget +none +maxSteps +- +- +- +- +newly-over$/m);
  assert.match(worse.stdout, /compared seed-1; only in 20261203T055422Z: seed-2; only in 20261205T070000Z: seed-3$/m);
  assert.match(worse.stdout, /^paperlab diff: 1 number within tolerance; 1 string changed or missing; 1 status worse; 1 newly over budget; /m);
  const json = paperlab(['diff', a, bad, '--json']);
  assert.equal(json.code, 1);
  const rows = JSON.parse(json.stdout) as Array<{ scope: string; kind: string; metric: string; status: string; fails: boolean }>;
  assert.deepEqual(rows.filter((r) => r.fails).map((r) => [r.scope, r.kind, r.metric, r.status]),
    [['seed-1', 'status', 'status', 'worse'], ['seed-1', 'string', 'fit', 'changed'], ['seed-1', 'over-budget', 'over budget', 'newly-over']]);
  // Where the numbers were computed is in the JSON too (the same rows), here the same fallback path on both sides.
  assert.deepEqual(rows.filter((r) => r.kind === 'compute').map((r) => [r.metric, r.status]), [['compute path', 'ok'], ['backend', 'ok']]);

  const native = writeRun(paper, new Date('2026-12-06T07:00:00Z'), {
    'seed-1': { seed: 1, values: { acc: 0.75, fit: 'fitted' }, native: { blas: 'OpenBLAS', threads: 2 } },
    'seed-2': { seed: 2, values: { acc: 0.5, fit: 'fitted' }, native: { blas: 'OpenBLAS', threads: 2 } },
  });
  const across = paperlab(['diff', a, native]);
  assert.match(across.stdout, /^paperlab diff: different compute paths: fallback vs native: numbers may differ in their last digits for that reason alone\nseed +metric /);
});
