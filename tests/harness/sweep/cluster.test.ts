import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { alive } from '../runner/processes';
import { startTestCluster } from './cluster';

test('the bundled single-node Slurm starts idempotently, runs an array job, and stop leaves none of its daemons', async (t) => {
  const cluster = await startTestCluster(t);
  if (!cluster) return;
  let pids: number[] = [];
  try {
    const first = cluster.script('start');
    assert.equal(first.code, 0, first.out);
    assert.match(first.out, /running: node \S+ idle/);
    pids = cluster.pids();
    assert.equal(pids.length, 3, 'munged, slurmctld and slurmd');
    assert.ok(pids.every(alive));
    const again = cluster.script('start');
    assert.equal(again.code, 0, again.out);
    assert.match(again.out, /already running/);
    assert.deepEqual(cluster.pids(), pids, 'a second start starts nothing');
    assert.match(readFileSync(join(cluster.dir, 'slurm.conf'), 'utf8'), new RegExp(`SlurmctldPort=${cluster.env.PAPERLAB_SLURM_PORT}`));

    const job = join(cluster.dir, 'job.sh');
    writeFileSync(job, '#!/bin/bash\n[ "$SLURM_ARRAY_TASK_ID" = 1 ] && exit 3\necho "task $SLURM_ARRAY_TASK_ID"\n');
    const sbatch = spawnSync('sbatch', ['--parsable', '--wait', '--array=0-2%2', `--output=${cluster.dir}/task-%a.out`, job], { env: cluster.env, encoding: 'utf8', timeout: 60_000 });
    const jobId = sbatch.stdout.trim();
    assert.match(jobId, /^\d+$/, sbatch.stderr);
    assert.equal(readFileSync(join(cluster.dir, 'task-2.out'), 'utf8'), 'task 2\n');
    // jobcomp/filetxt: one line per array task with its state and exit code, no accounting database needed.
    const done = readFileSync(join(cluster.dir, 'jobcomp.txt'), 'utf8').split('\n').filter((l) => l.includes(`ArrayJobId=${jobId} `));
    const states = done.map((l) => `${/ArrayTaskId=(\d+)/.exec(l)![1]} ${/JobState=(\S+)/.exec(l)![1]} ${/ ExitCode=(\S+)/.exec(l)![1]}`).sort();
    assert.deepEqual(states, ['0 COMPLETED 0:0', '1 FAILED 3:0', '2 COMPLETED 0:0']);
  } finally {
    const stop = cluster.script('stop');
    assert.equal(stop.code, 0, stop.out);
  }
  assert.deepEqual(pids.filter(alive), [], 'every daemon it started is gone');
  assert.ok(!existsSync(join(cluster.dir, 'slurmctld.pid')));
  const status = cluster.script('status');
  assert.equal(status.code, 1, status.out);
});
