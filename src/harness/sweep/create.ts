import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { invalid } from '../../library/errors/index';
import { loadPaperConfig, type PaperConfig } from '../../library/paper-files/index';
import { newRunDir, PROJECT_ROOT, writeRunOwner } from '../runner/index';
import { hardLimitSeconds } from '../reproduce/index';
import { readSweep, removeTaskRecord, SWEEP_FORMAT, writeSweep, type SlurmRequest, type SweepFile } from './sweep-file';
import { planSweep, type SweepAxes } from './sweep-plan';
import { checkCluster, submitArray } from './slurm';
import { hasResults, NOT_SHARED_EXIT, sweepStatus } from './sweep-state';

export interface NewSweepOptions extends SweepAxes {
  on: 'local' | 'slurm';
  /** Flags over config.yaml `slurm:`. */
  slurm?: Partial<SlurmRequest>;
  /** Threads per task on the local pool (Slurm: --cpus-per-task); default config.yaml slurm.cpusPerTask, else 1. */
  cpusPerTask?: number;
  cache: boolean;
  logFailures: boolean;
  /** Folder under which `runs/<stamp>-sweep` is made; default the paper's folder. */
  runsParent?: string;
}

/** What each Slurm task asks for: flags, then config.yaml `slurm:`, then defaults from the budget. */
export function slurmRequest(config: PaperConfig, flags: Partial<SlurmRequest> = {}, cpusPerTask?: number): SlurmRequest {
  const fromConfig = config.slurm ?? {};
  // The hard wall limit after which the runner kills the kernel, plus the kernel start and the key: in whole minutes.
  const timeMinutes = flags.timeMinutes ?? fromConfig.timeMinutes ?? Math.ceil((hardLimitSeconds(config) + 120) / 60);
  const memoryMB = flags.memoryMB ?? fromConfig.memoryMB ?? (config.budget.maxPeakMemoryMB ?? 2048) + 1024;
  const partition = flags.partition ?? fromConfig.partition;
  const maxParallel = flags.maxParallel ?? fromConfig.maxParallel;
  return { ...(partition ? { partition } : {}), timeMinutes, cpusPerTask: cpusPerTask ?? fromConfig.cpusPerTask ?? 1, memoryMB, ...(maxParallel ? { maxParallel } : {}) };
}

/**
 * Plans a sweep and writes its folder `runs/<stamp>-sweep/` with sweep.json (and, for Slurm, its
 * task script). On Slurm the cluster is checked first (sbatch, controller, partition): a sweep it
 * cannot take leaves no folder behind.
 */
export function createSweep(paperDir: string, options: NewSweepOptions): string {
  const config = loadPaperConfig(paperDir);
  const tasks = planSweep(paperDir, config, options);
  const cpusPerTask = options.cpusPerTask ?? config.slurm?.cpusPerTask ?? 1;
  const slurm = options.on === 'slurm' ? slurmRequest(config, options.slurm, cpusPerTask) : undefined;
  if (slurm) checkCluster(slurm.partition);
  const createdAt = new Date();
  const dir = newRunDir(options.runsParent ?? paperDir, createdAt, 'sweep');
  try {
    const sweep: SweepFile = {
      format: SWEEP_FORMAT,
      paperId: config.paper.id,
      paperDir: resolve(paperDir),
      checkout: PROJECT_ROOT,
      createdAt: createdAt.toISOString(),
      on: options.on,
      cpusPerTask,
      cache: options.cache,
      logFailures: options.logFailures,
      seeds: options.seeds ?? [...config.seeds],
      grid: options.grid ?? {},
      fixed: options.fixed ?? {},
      tasks,
      ...(slurm ? { jobName: `paperlab-${config.paper.id}-${basename(dir)}`, slurm } : {}),
      submissions: [],
    };
    if (options.on === 'local') writeRunOwner(dir); // the local pool runs in this process: readers judge it by its pid
    else writeTaskScript(dir);
    writeSweep(dir, sweep);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return dir;
}

const TASK_SCRIPT = 'task.sh';

/** The batch script of every array task: checks that what it needs is on its node, then runs its task. */
function writeTaskScript(sweepDir: string): void {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const script = [
    '#!/bin/bash',
    `# Written by paperlab sweep: Slurm array task N runs task N of ${join(sweepDir, 'sweep.json')}, one notebook replay.`,
    `checkout=${q(PROJECT_ROOT)}`,
    `sweep=${q(sweepDir)}`,
    `node=${q(process.execPath)}`,
    'if [ ! -d "$checkout/node_modules" ] || [ ! -f "$sweep/sweep.json" ] || [ ! -x "$node" ]; then',
    '  echo "paperlab sweep: $checkout, $sweep or $node is not on $(hostname): a sweep on Slurm needs the checkout, its sweep folder and node at the same paths on every node" >&2',
    `  exit ${NOT_SHARED_EXIT}`,
    'fi',
    'cd "$checkout" || exit 3',
    'exec "$node" --import tsx src/cli/main.ts sweep task "$sweep" "$SLURM_ARRAY_TASK_ID"',
    '',
  ].join('\n');
  mkdirSync(join(sweepDir, 'slurm'), { recursive: true });
  writeFileSync(join(sweepDir, TASK_SCRIPT), script);
  chmodSync(join(sweepDir, TASK_SCRIPT), 0o755);
}

/** `0-3,5,7-9`: Slurm's array syntax for these indices. */
export function arraySpec(indices: readonly number[]): string {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let k = 0; k < sorted.length;) {
    let j = k;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j === k ? String(sorted[k]) : `${sorted[k]}-${sorted[j]}`);
    k = j + 1;
  }
  return parts.join(',');
}

/**
 * Submits the sweep's tasks (all of them, or those given) as one job array and records the
 * submission in sweep.json. A task submitted again forgets its earlier record first.
 */
export function submitSweep(sweepDir: string, indices?: readonly number[]): { jobId: string; tasks: number[] } {
  const sweep = readSweep(sweepDir);
  if (sweep.on !== 'slurm' || !sweep.slurm || !sweep.jobName) throw invalid(join(sweepDir, 'sweep.json'), 'a sweep on Slurm', `a sweep on ${sweep.on}`);
  const tasks = [...(indices ?? sweep.tasks.map((t) => t.index))];
  if (tasks.length === 0) throw invalid(sweepDir, 'tasks to submit', 'none');
  checkCluster(sweep.slurm.partition);
  for (const index of tasks) removeTaskRecord(sweepDir, index);
  const r = sweep.slurm;
  const args = [
    `--array=${arraySpec(tasks)}${r.maxParallel ? `%${r.maxParallel}` : ''}`,
    `--job-name=${sweep.jobName}`,
    `--output=${join(sweepDir, 'slurm', '%a.out')}`,
    `--cpus-per-task=${r.cpusPerTask}`,
    `--mem=${r.memoryMB}`,
    `--time=${r.timeMinutes}`,
    `--chdir=${sweep.checkout}`,
    '--export=ALL',
    ...(r.partition ? [`--partition=${r.partition}`] : []),
  ];
  const jobId = submitArray(join(sweepDir, TASK_SCRIPT), args);
  // If this process dies right here, the job still carries the sweep's unique name: status finds it by that.
  writeSweep(sweepDir, { ...sweep, submissions: [...sweep.submissions, { jobId, tasks, submittedAt: new Date().toISOString() }] });
  return { jobId, tasks };
}

/** The tasks a `--resume` runs again: every one without results of its own (cancelled, timed out, killed, never run). */
export function tasksToResume(sweepDir: string): number[] {
  const status = sweepStatus(sweepDir);
  if (status.active > 0) throw invalid(sweepDir, 'a sweep with no task queued or running', `${status.active} still queued or running`, 'wait for them, or `paperlab sweep cancel` first');
  return status.tasks.filter((t) => !hasResults(t)).map((t) => t.task.index);
}
