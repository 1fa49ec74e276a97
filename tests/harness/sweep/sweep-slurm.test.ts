import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { paperlab } from '../../cli';
import { readFailureLog } from '../../../src/library/paper-files/index';
import { reportFromRun } from '../../../src/harness/reproduce/index';
import { renderPaperHtml } from '../../../src/harness/report/index';
import { alive } from '../runner/processes';
import { startTestCluster, type TestCluster } from './cluster';
import { toyPaper } from './toy-paper';

// A sweep through a real single-node Slurm (slurmctld, slurmd, munge started by the project's own
// script), against the same sweep on the local pool: same tasks, same records, bit for bit.

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Polls `sweep status` until `ready` holds for its output (or fails after `seconds`). */
async function statusUntil(dir: string, env: NodeJS.ProcessEnv, ready: (out: string) => boolean, seconds = 180): Promise<string> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const s = paperlab(['sweep', 'status', dir], { env: env, timeoutMs: 300_000 });
    assert.equal(s.code, 0, s.out);
    if (ready(s.out)) return s.out;
    if (Date.now() > until) assert.fail(`sweep status never got there:\n${s.out}`);
    await sleep(1500);
  }
}

const rowOf = (out: string, label: string) => out.split('\n').find((l) => l.split(/\s+/)[1] === label) ?? '';
/** Each task folder's records without their wall-clock stamp (`at`). */
function recordsOf(sweepDir: string): Record<string, unknown> {
  const labels = readdirSync(sweepDir).filter((d) => existsSync(join(sweepDir, d, 'results.json'))).sort();
  return Object.fromEntries(labels.map((l) => {
    const file = JSON.parse(readFileSync(join(sweepDir, l, 'results.json'), 'utf8')) as { ok: boolean; records: Array<Record<string, unknown>> };
    return [l, { ok: file.ok, records: file.records.map(({ at: _at, ...r }) => r) }];
  }));
}

test('a sweep on Slurm: a failed, a cancelled and a timed-out task logged with their Slurm states; --resume reruns only what has no results; the same records as the local pool', { timeout: 900_000 }, async (t) => {
  const cluster: TestCluster | undefined = await startTestCluster(t);
  if (!cluster) return;
  let pids: number[] = [];
  try {
    const started = cluster.script('start');
    assert.equal(started.code, 0, started.out);
    pids = cluster.pids();
    const env = { ...cluster.env, PAPERLAB_CACHE: 'off' };
    const { dir, hold } = toyPaper();
    writeFileSync(hold, '');

    // A task past its time limit: 1 minute, held longer (a paper of its own, so its hold stays).
    const slow = toyPaper();
    writeFileSync(slow.hold, '');
    const late = paperlab(['sweep', slow.dir, '--seeds', '1', '-p', 'steps=900', '--on', 'slurm', '--time', '1'], { env: env, timeoutMs: 300_000 });
    assert.equal(late.code, 0, late.out);
    const lateDir = /into (\S+)/.exec(late.out)![1]!;

    // Four tasks: the main run, steps=100 (ok), steps=300 (fails in its cell), steps=900 (held, then cancelled).
    const sub = paperlab(['sweep', dir, '--seeds', '1', '-p', 'steps=100,300,900', '--on', 'slurm'], { env: env, timeoutMs: 300_000 });
    assert.equal(sub.code, 0, sub.out);
    assert.match(sub.out, /4 tasks \(seeds 1; grid steps ∈ \{100, 300, 900\}\)/);
    assert.match(sub.out, /submitted job array \d+ \(4 tasks; each 1 cpu, \d+ MB, \d+ min\)/);
    const sweepDir = /into (\S+)/.exec(sub.out)![1]!;
    const held = 'ablation-sweep-steps_900-seed-1';
    await statusUntil(sweepDir, env, (out) => / running /.test(rowOf(out, held)) && existsSync(join(sweepDir, held, 'reproduce.ipynb')));
    const cancel = paperlab(['sweep', 'cancel', sweepDir, '--task', '3'], { env: env, timeoutMs: 300_000 });
    assert.equal(cancel.code, 0, cancel.out);
    assert.match(cancel.out, /cancelled \d+_3/);
    const ended = await statusUntil(sweepDir, env, (out) => /still going/.test(out) === false);
    assert.match(rowOf(ended, 'seed-1'), /\bok\b.* \d+_0 /);
    assert.match(rowOf(ended, 'ablation-sweep-steps_300-seed-1'), /\bfailed\b.*cell \d+/);
    assert.match(rowOf(ended, held), /\bcancelled\b/, ended);

    const collected = paperlab(['sweep', 'collect', sweepDir], { env: env, timeoutMs: 300_000 });
    assert.equal(collected.code, 1, `a failed and a cancelled task: exit 1\n${collected.out}`);
    assert.match(collected.out, /\| main-result \| test_accuracy \|/);
    assert.match(collected.out, new RegExp(`${held}: cancelled, no results`));
    const log = readFailureLog(join(dir, 'failures.yaml'));
    const failed = log.find((f) => f.kind === 'cell-error' && f.run?.endsWith('ablation-sweep-steps_300-seed-1'));
    assert.match(failed?.symptom ?? '', /planted failure at steps=300.*\(Slurm task \d+_2 on \S+, state FAILED, exit code 1:0\)$/s, JSON.stringify(log, null, 1));
    const cancelled = log.find((f) => f.run?.endsWith(held));
    assert.match(cancelled?.symptom ?? '', /cancelled without results \(Slurm task \d+_3 on \S+, state CANCELLED, exit code \d+:\d+\)/);
    // The collected sweep is a run folder: the report reads it as it reads a run's.
    const report = reportFromRun(dir, sweepDir);
    assert.equal(report.claims[0]!.ours.n, 1);
    assert.match(renderPaperHtml(report), /Sweep tasks \(4 on slurm: 2 ok, 1 failed, 1 cancelled\)/);
    assert.deepEqual(report.tables.map((x) => x.rows.map((r) => r.name)), [['steps=100', 'steps=300']], 'the grid table: the points with results');
    assert.deepEqual(report.sweep?.tasks.map((x) => [x.label, x.state, /^\d+_\d$/.test(x.slurmId ?? '')]), [
      ['seed-1', 'ok', true], ['ablation-sweep-steps_100-seed-1', 'ok', true], ['ablation-sweep-steps_300-seed-1', 'failed', true], [held, 'cancelled', true],
    ]);
    const refused = paperlab(['accept', sweepDir, '--paper', dir], { env: env, timeoutMs: 300_000 });
    assert.equal(refused.code, 0, `the main task has results: accept takes it\n${refused.out}`);
    rmSync(join(dir, 'accepted.json'));

    // --resume: only the cancelled task is submitted again; collecting again logs nothing twice.
    rmSync(hold);
    const resumed = paperlab(['sweep', '--resume', sweepDir, '--wait'], { env: env, timeoutMs: 300_000 });
    assert.match(resumed.out, /resubmitted 1 task without results \(3\) as job \d+/);
    assert.equal(resumed.code, 1, `the planted failure stays: exit 1\n${resumed.out}`);
    assert.doesNotMatch(resumed.out, /no results/);
    const sweep = JSON.parse(readFileSync(join(sweepDir, 'sweep.json'), 'utf8')) as { submissions: Array<{ tasks: number[] }> };
    assert.deepEqual(sweep.submissions.map((s) => s.tasks), [[0, 1, 2, 3], [3]]);
    assert.equal(readFailureLog(join(dir, 'failures.yaml')).length, log.length, 'nothing logged twice');

    const lateEnded = await statusUntil(lateDir, env, (out) => !/still going/.test(out), 240);
    assert.match(rowOf(lateEnded, 'seed-1'), /\btimeout\b.*past its time limit of 1 min/, lateEnded);
    rmSync(slow.hold);
    const lateCollected = paperlab(['sweep', 'collect', lateDir], { env: env, timeoutMs: 300_000 });
    assert.equal(lateCollected.code, 1, lateCollected.out);
    const timedOut = readFailureLog(join(slow.dir, 'failures.yaml')).find((f) => f.kind === 'timeout');
    assert.match(timedOut?.symptom ?? '', /timeout without results \(Slurm task \d+_0 on \S+, state TIMEOUT, exit code \d+:\d+\): past its time limit of 1 min/);

    // The same sweep on the local pool (one thread per task, as on Slurm): the same records.
    const local = paperlab(['sweep', dir, '--seeds', '1', '-p', 'steps=100,300,900', '--no-failures'], { env: env, timeoutMs: 300_000 });
    assert.equal(local.code, 1, local.out);
    const localDir = /into (\S+)/.exec(local.out)![1]!;
    const [a, b] = [recordsOf(sweepDir), recordsOf(localDir)];
    assert.deepEqual(Object.keys(a), ['ablation-sweep-steps_100-seed-1', 'ablation-sweep-steps_300-seed-1', held, 'seed-1']);
    assert.deepEqual(a, b, 'Slurm and the local pool give the same records, bit for bit');
    const summaries = [sweepDir, localDir].map((d) => JSON.parse(readFileSync(join(d, 'summary.json'), 'utf8')).judgements);
    assert.deepEqual(summaries[0], summaries[1]);
  } finally {
    const stop = cluster.script('stop');
    assert.equal(stop.code, 0, stop.out);
  }
  assert.deepEqual(pids.filter(alive), [], 'every daemon the test started is gone');
});
