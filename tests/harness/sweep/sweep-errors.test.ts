import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { paperlab } from '../../cli';
import { PROJECT_ROOT } from '../../../src/harness/runner/index';
import { readSweep } from '../../../src/harness/sweep/index';
import { startTestCluster } from './cluster';
import { toyPaper } from './toy-paper';

// What a sweep on Slurm says when it cannot run, one line each, and that it leaves nothing
// half-written: no sweep folder when nothing was submitted, a whole one when its submitter is killed.

const runsOf = (paperDir: string) => (existsSync(join(paperDir, 'runs')) ? readdirSync(join(paperDir, 'runs')) : []);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A PATH holding everything in /usr/bin and /bin but Slurm's commands. */
function pathWithoutSlurm(): string {
  const bin = mkdtempSync(join(tmpdir(), 'paperlab-noslurm-'));
  for (const dir of ['/usr/local/bin', '/usr/bin', '/bin']) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (/^(sbatch|squeue|sinfo|scancel|scontrol|srun|salloc|sacct)$/.test(name) || existsSync(join(bin, name))) continue;
      symlinkSync(join(dir, name), join(bin, name));
    }
  }
  return bin;
}

test('sbatch missing, an unknown partition, a controller down: one line naming the fix, and no sweep folder', async (t) => {
  const { dir } = toyPaper();
  const missing = paperlab(['sweep', dir, '--seeds', '1', '--on', 'slurm'], { env: { ...process.env, PATH: pathWithoutSlurm() }, timeoutMs: 300_000 });
  assert.equal(missing.code, 1, missing.out);
  assert.match(missing.out, /^sbatch not found on PATH; install Slurm's client commands .* or sweep with --on local$/m);
  assert.deepEqual(runsOf(dir), []);

  const cluster = await startTestCluster(t);
  if (!cluster) return;
  try {
    const started = cluster.script('start');
    assert.equal(started.code, 0, started.out);
    const partition = paperlab(['sweep', dir, '--seeds', '1', '--on', 'slurm', '--partition', 'gpu-big'], { env: cluster.env, timeoutMs: 300_000 });
    assert.equal(partition.code, 1, partition.out);
    assert.match(partition.out, /^unknown partition "gpu-big"; the cluster's partitions: debug; set config.yaml slurm.partition or --partition$/m);
    assert.deepEqual(runsOf(dir), []);
  } finally {
    const stop = cluster.script('stop');
    assert.equal(stop.code, 0, stop.out);
  }
  const down = paperlab(['sweep', dir, '--seeds', '1', '--on', 'slurm'], { env: cluster.env, timeoutMs: 300_000 });
  assert.equal(down.code, 1, down.out);
  assert.match(down.out, /^the Slurm controller is unreachable \(.*SLURM_CONF=\S+slurm.conf\); start it or point SLURM_CONF at a running cluster: bash src\/cli\/setup\/slurm-cluster.sh start/m);
  assert.equal(down.out.trim().split('\n').length, 1, down.out);
  assert.deepEqual(runsOf(dir), []);
});

test('a task that cannot see the sweep on its node says so; a submitter killed while waiting leaves a whole sweep whose tasks go on', async (t) => {
  const cluster = await startTestCluster(t);
  if (!cluster) return;
  try {
    const started = cluster.script('start');
    assert.equal(started.code, 0, started.out);
    const env = { ...cluster.env, PAPERLAB_CACHE: 'off' };
    const { dir } = toyPaper();
    // Hold the node's cores so the task waits; meanwhile its node loses sight of the plan.
    const blocker = spawnSync('sbatch', ['--parsable', '--cpus-per-task=2', '--mem=100', `--output=${join(cluster.dir, 'blocker.out')}`, '--wrap', 'sleep 60'], { env, encoding: 'utf8' });
    assert.match(blocker.stdout, /^\d+/, blocker.stderr);
    const sub = paperlab(['sweep', dir, '--seeds', '1', '--on', 'slurm'], { env: env, timeoutMs: 300_000 });
    assert.equal(sub.code, 0, sub.out);
    const sweepDir = /into (\S+)/.exec(sub.out)![1]!;
    const plan = join(sweepDir, 'sweep.json');
    renameSync(plan, `${plan}.away`);
    spawnSync('scancel', [blocker.stdout.trim()], { env });
    const jobcomp = join(cluster.dir, 'jobcomp.txt');
    for (let k = 0; k < 60 && !(existsSync(jobcomp) && readFileSync(jobcomp, 'utf8').includes(`Name=${readSweepName(`${plan}.away`)} `)); k++) await sleep(1000);
    renameSync(`${plan}.away`, plan);
    const status = paperlab(['sweep', 'status', sweepDir], { env: env, timeoutMs: 300_000 });
    assert.match(status.out, /seed-1 +failed .* 3:0 +the checkout or the sweep folder is not on node \S+: a sweep on Slurm needs both shared with the nodes at the same path/, status.out);

    // Killed while it waits: sweep.json is whole and names the job; the task runs on; status and collect work without the submitter.
    const waiting = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/main.ts'), 'sweep', dir, '--seeds', '1', '--on', 'slurm', '--wait'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    waiting.stdout.on('data', (b: Buffer) => { out += b.toString(); });
    waiting.stderr.on('data', (b: Buffer) => { out += b.toString(); });
    for (let k = 0; k < 120 && !/submitted job array/.test(out); k++) await sleep(250);
    waiting.kill('SIGKILL');
    await new Promise((done) => waiting.once('exit', done));
    const killedDir = /into (\S+)/.exec(out)![1]!;
    const sweep = readSweep(killedDir);
    assert.equal(sweep.submissions.length, 1, out);
    let final = '';
    for (let k = 0; k < 90 && !/every task ended/.test(final); k++, await sleep(1000)) final = paperlab(['sweep', 'status', killedDir], { env: env, timeoutMs: 300_000 }).out;
    assert.match(final, /seed-1 +ok /, final);
    const collected = paperlab(['sweep', 'collect', killedDir], { env: env, timeoutMs: 300_000 });
    assert.equal(collected.code, 0, collected.out);
  } finally {
    const stop = cluster.script('stop');
    assert.equal(stop.code, 0, stop.out);
  }
});

function readSweepName(path: string): string {
  return (JSON.parse(readFileSync(path, 'utf8')) as { jobName: string }).jobName;
}
