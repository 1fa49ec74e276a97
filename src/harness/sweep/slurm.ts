import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { PaperlabError } from '../../library/errors/index';

// Slurm's commands (sbatch, squeue, scancel, sinfo, scontrol), each wrapped so that what goes wrong
// is one line naming what is wrong and how to fix it. No accounting database is assumed: the states
// of ended tasks come from the job-completion log (JobCompType=jobcomp/filetxt, at JobCompLoc).

export class SlurmError extends PaperlabError {
  constructor(message: string, hint: string) {
    super('slurm', `${message}; ${hint}`, { where: 'slurm', received: message, hint });
  }
}

const BUNDLED = 'bash src/cli/setup/slurm-cluster.sh start (the bundled single-node cluster), then eval $(bash src/cli/setup/slurm-cluster.sh env)';

/** Runs a Slurm command; throws a SlurmError naming the cause when it is missing or fails. */
export function slurm(command: string, args: readonly string[], options: { allowFailure?: boolean } = {}): { stdout: string; stderr: string; status: number } {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  const err = r.error as NodeJS.ErrnoException | undefined;
  if (err?.code === 'ENOENT') throw new SlurmError(`${command} not found on PATH`, `install Slurm's client commands (apt-get install slurm-client, or slurm-wlm for a cluster here) or sweep with --on local`);
  if (err) throw new SlurmError(`${command} ${args.join(' ')}: ${err.message}`, 'is the controller answering? scontrol ping says');
  const out = { stdout: r.stdout, stderr: r.stderr.trim(), status: r.status ?? 1 };
  if (out.status !== 0 && !options.allowFailure) throw explain(command, out.stderr);
  return out;
}

/** One line for a failed Slurm command, from what it printed. */
function explain(command: string, stderr: string): SlurmError {
  const first = stderr.split('\n').find((l) => l.trim()) ?? `exit status non-zero`;
  if (/unable to contact slurm controller|connection refused|socket timed out|Unable to establish controller|Zero Bytes were transmitted/i.test(stderr)) {
    const conf = process.env.SLURM_CONF ?? '/etc/slurm/slurm.conf';
    return new SlurmError(`the Slurm controller is unreachable (${command}: ${first.replace(/^\S+: error: /, '')}; SLURM_CONF=${conf})`, `start it or point SLURM_CONF at a running cluster: ${BUNDLED}`);
  }
  if (/invalid partition/i.test(stderr)) {
    return new SlurmError(`unknown partition (${command}: ${first.replace(/^\S+: error: /, '')})`, `the cluster's partitions: ${partitionsOrNone()}; set config.yaml slurm.partition or --partition`);
  }
  if (/could not open configuration file|_parse_next_key|slurm_conf/i.test(stderr)) {
    return new SlurmError(`Slurm is not configured here (${command}: ${first})`, `set SLURM_CONF to the cluster's slurm.conf, or ${BUNDLED}`);
  }
  return new SlurmError(`${command} failed: ${first}`, 'its full message is above');
}

function partitionsOrNone(): string {
  try {
    return partitions().join(', ') || 'none';
  } catch {
    return 'unknown (sinfo failed)';
  }
}

/** The cluster's partitions (sinfo); the default one first. */
export function partitions(): string[] {
  const lines = slurm('sinfo', ['-h', '-o', '%P']).stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  const names = [...new Set(lines)];
  return [...names.filter((n) => n.endsWith('*')), ...names.filter((n) => !n.endsWith('*'))].map((n) => n.replace(/\*$/, ''));
}

/**
 * Checks, before anything is written, that sbatch is here, the controller answers and the partition
 * exists: each failure is one line saying how to fix it.
 */
export function checkCluster(partition: string | undefined): void {
  slurm('sbatch', ['--version']);
  const known = partitions();
  if (partition !== undefined && !known.includes(partition)) {
    throw new SlurmError(`unknown partition "${partition}"`, `the cluster's partitions: ${known.join(', ') || 'none'}; set config.yaml slurm.partition or --partition`);
  }
}

/** Submits a job array; returns its job id. */
export function submitArray(script: string, args: readonly string[]): string {
  const out = slurm('sbatch', ['--parsable', ...args, script]).stdout.trim();
  const id = out.split(';')[0]!.trim();
  if (!/^\d+$/.test(id)) throw new SlurmError(`sbatch printed no job id ("${out}")`, 'check the cluster with sinfo and scontrol ping');
  return id;
}

/** A task of a job array as Slurm sees it: queued or running (squeue), or ended (job-completion log). */
export interface SlurmTaskView {
  jobId: string;
  task: number;
  /** PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, NODE_FAIL, OUT_OF_MEMORY, … */
  state: string;
  node?: string;
  /** `exit:signal`, for ended tasks. */
  exitCode?: string;
  /** Why a pending task waits (Resources, Priority, …). */
  reason?: string;
  start?: string;
  end?: string;
  timeLimit?: string;
}

/** The queued and running tasks of the jobs named `jobName`. */
export function queuedTasks(jobName: string): SlurmTaskView[] {
  const out = slurm('squeue', ['-h', '-r', '--name', jobName, '-o', '%F|%K|%T|%N|%r|%l']).stdout;
  return out.split('\n').filter((l) => l.includes('|')).map((line) => {
    const [jobId, task, state, node, reason, timeLimit] = line.split('|');
    return { jobId: jobId!, task: Number(task), state: state!, ...(node ? { node } : {}), ...(reason && reason !== 'None' ? { reason } : {}), ...(timeLimit ? { timeLimit } : {}) };
  }).filter((t) => Number.isInteger(t.task));
}

/** Where the controller writes its job-completion log, when it writes one to a file (jobcomp/filetxt). */
export function jobCompletionLog(): string | undefined {
  const out = slurm('scontrol', ['show', 'config']).stdout;
  const type = /^JobCompType\s*=\s*(\S+)/m.exec(out)?.[1];
  const loc = /^JobCompLoc\s*=\s*(\S+)/m.exec(out)?.[1];
  return type === 'jobcomp/filetxt' && loc ? loc : undefined;
}

/** The ended tasks of the jobs named `jobName`, from the job-completion log (the latest line per job and task wins). */
export function endedTasks(jobName: string, logFile: string | undefined): SlurmTaskView[] {
  if (!logFile || !existsSync(logFile)) return [];
  const byTask = new Map<string, SlurmTaskView>();
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    const field = (name: string) => new RegExp(`(?:^| )${name}=(\\S*)`).exec(line)?.[1];
    const jobId = field('ArrayJobId');
    const task = field('ArrayTaskId');
    if (!jobId || task === undefined || field('Name') !== jobName) continue;
    const view: SlurmTaskView = { jobId, task: Number(task), state: field('JobState') ?? 'UNKNOWN', node: field('NodeList'), exitCode: field('ExitCode'), start: field('StartTime'), end: field('EndTime'), timeLimit: field('TimeLimit') };
    byTask.set(`${jobId}_${task}`, view);
  }
  return [...byTask.values()];
}

/** Cancels the named job's tasks (all, or those given). */
export function cancelTasks(jobName: string, jobIds: readonly string[], tasks?: readonly number[]): void {
  if (!tasks) {
    slurm('scancel', ['--name', jobName]);
    return;
  }
  // An array task id is `<job>_<task>`: cancel it in whichever submission holds it.
  for (const jobId of jobIds) slurm('scancel', tasks.map((t) => `${jobId}_${t}`), { allowFailure: true });
}
