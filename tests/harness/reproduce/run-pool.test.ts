import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { scaffoldPaper } from '../../../src/harness/scaffold/index';
import { runPaper, type PaperRun } from '../../../src/harness/reproduce/index';
import { nativeStatus } from '../../../src/library/native/index';

// Parallel replays on real kernels: the same results as one at a time, and a failing or hung seed
// ends alone while the others finish.

/** A scaffolded paper whose measuring cell records seeded draws and a tfjs product; `cell` is appended to it. */
function paper(cell: string): string {
  const { dir } = scaffoldPaper(mkdtempSync(join(tmpdir(), 'paperlab-pool-')), 'toy2026-pool', { title: 'Parallel replays' });
  const path = join(dir, 'reproduce.ipynb');
  const measuring = [
    "const tf = require('@tensorflow/tfjs');",
    "const stream = rng('measure');",
    'const draws = Array.from({ length: 64 * 64 }, () => stream.uniform());',
    'const m = tf.tensor2d(draws, [64, 64]);',
    "record('test_accuracy', stream.uniform());",
    "record('product_sum', tf.matMul(m, m).sum().arraySync());",
    cell,
  ].join('\n');
  const text = readFileSync(path, 'utf8').replace("record('test_accuracy', Number.NaN);", measuring.replace(/\n/g, '\\n').replace(/"/g, '\\"'));
  assert.notEqual(text, readFileSync(path, 'utf8'));
  writeFileSync(path, text);
  return dir;
}

const values = (run: PaperRun, seed: number) => run.runs.find((r) => r.seed === seed)!.execution.records.map((r) => [r.name, r.value]);

test('two kernels at a time give the results of a sequential run; a failing and a hung seed end alone', async () => {
  // Seed 3 hangs blocked, not spinning: the timeout and kill path is the same, without burning a
  // core the other kernels of the suite need.
  const dir = paper("if (Number(seed) === 2) throw new Error('planted failure of seed 2');\nif (Number(seed) === 3) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);");
  const sequential = await runPaper(dir, { seeds: [1, 4], jobs: 1, logFailures: false });
  const lines: string[] = [];
  const parallel = await runPaper(dir, { seeds: [1, 2, 3, 4], jobs: 2, logFailures: false, cellTimeoutMs: 30_000, log: (l) => lines.push(l) });

  assert.deepEqual(parallel.pool, { jobs: 2, threads: nativeStatus().on ? 1 : null });
  assert.deepEqual(parallel.runs.map((r) => [r.seed, r.ok, r.execution.failure?.status]), [[1, true, undefined], [2, false, 'error'], [3, false, 'timeout'], [4, true, undefined]]);
  assert.match(parallel.runs[1]!.execution.failure!.errorText, /planted failure of seed 2/);
  for (const seed of [1, 4]) assert.deepEqual(values(parallel, seed), values(sequential, seed), `seed ${seed}: parallel equals sequential`);
  assert.notDeepEqual(values(parallel, 1), values(parallel, 4), 'the seeds measure different draws');
  // The kernels really overlapped: some replay started before another had ended.
  const spans = parallel.runs.map((r) => [Date.parse(r.execution.startedAt), Date.parse(r.execution.endedAt)] as const);
  assert.ok(spans.some(([s], i) => spans.some(([s2, e2], j) => i !== j && s2 < s && s < e2)), JSON.stringify(spans));
  if (nativeStatus().on) {
    const threads = parallel.runs[0]!.execution.records[0]!.native?.threads;
    assert.equal(threads, 1, 'each of 2 kernels on 2 cores was told 1 native thread');
  }
  assert.ok(lines.some((l) => /^paperlab: 2 replays at a time \(--jobs/.test(l)), lines.join('\n'));
  const finished = lines.filter((l) => /^ {2}seed-\d +(ok|FAILED)/.test(l));
  assert.equal(finished.length, 4, lines.join('\n'));
  const summary = JSON.parse(readFileSync(join(parallel.runDir, 'summary.json'), 'utf8'));
  assert.deepEqual(summary.runs.map((r: { seed: number }) => r.seed), [1, 2, 3, 4], 'summary.json in plan order');
  assert.deepEqual(summary.pool, parallel.pool);
});
