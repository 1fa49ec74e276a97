import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { PROJECT_ROOT } from '../../../src/harness/runner/index';

// The bundled single-node Slurm (src/cli/setup/slurm-cluster.sh), started by a test in its own
// folder on its own ports, and stopped by the same test.

export const CLUSTER_SCRIPT = join(PROJECT_ROOT, 'src/cli/setup/slurm-cluster.sh');

export interface TestCluster {
  dir: string;
  /** The environment Slurm's commands (and paperlab's) need to reach it: SLURM_CONF. */
  env: NodeJS.ProcessEnv;
  script(command: 'start' | 'stop' | 'status'): { code: number | null; out: string };
  /** The daemons' pids, from the cluster's pid files. */
  pids(): number[];
}

function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer().once('error', () => done(false)).listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

/** Two consecutive free ports (the controller's and the node's), from a base derived from the pid. */
async function freePortPair(): Promise<number> {
  for (let k = 0; k < 200; k++) {
    const base = 20000 + ((process.pid * 7 + k * 2) % 20000) * 2;
    if ((await portFree(base)) && (await portFree(base + 1))) return base;
  }
  throw new Error('no two consecutive free ports found for the test cluster');
}

/** Whether Slurm's and munge's programs are here; when not, tries system.sh (PAPERLAB_SLURM=1) once. */
function slurmInstalled(): boolean {
  const have = () => ['munged', 'slurmctld', 'slurmd', 'sbatch'].every((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0);
  if (have()) return true;
  spawnSync('bash', [join(PROJECT_ROOT, 'src/cli/setup/system.sh')], { env: { ...process.env, PAPERLAB_SLURM: '1' }, stdio: 'inherit' });
  return have();
}

/**
 * A fresh cluster for one test, or undefined after skipping it with one line when Slurm cannot be
 * installed here (with PAPERLAB_REQUIRE_SLURM=1, set by .ci/run, that fails the test instead).
 */
export async function startTestCluster(t: TestContext): Promise<TestCluster | undefined> {
  if (!slurmInstalled()) {
    const why = 'slurm-wlm and munge are not installed and could not be (PAPERLAB_SLURM=1 bash src/cli/setup/system.sh)';
    if (process.env.PAPERLAB_REQUIRE_SLURM === '1') throw new Error(`${why}; PAPERLAB_REQUIRE_SLURM=1 asks for them`);
    t.skip(why);
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'paperlab-slurm-test-'));
  const port = await freePortPair();
  const env = { ...process.env, PAPERLAB_SLURM_DIR: dir, PAPERLAB_SLURM_PORT: String(port), SLURM_CONF: join(dir, 'slurm.conf') };
  const script = (command: string) => {
    const r = spawnSync('bash', [CLUSTER_SCRIPT, command], { env, encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  };
  const pids = () => ['munge/munged.pid', 'slurmctld.pid', 'slurmd.pid']
    .map((f) => join(dir, f)).filter((f) => existsSync(f)).map((f) => Number(readFileSync(f, 'utf8').trim())).filter((p) => p > 0);
  return { dir, env, script, pids };
}
