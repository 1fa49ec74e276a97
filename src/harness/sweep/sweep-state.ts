import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ownerState } from '../../library/paper-files/index';
import { readRunOwner } from '../runner/index';
import { readSweep, readTaskRecords, type SweepFile, type TaskRecord } from './sweep-file';
import type { SweepTask } from './sweep-plan';
import { endedTasks, jobCompletionLog, queuedTasks, type SlurmTaskView } from './slurm';

// Where each task of a sweep stands, from the task's own record and, on Slurm, the queue and the
// job-completion log: a task Slurm killed (time limit, scancel, a lost node) writes no record of
// its own, and a task that wrote one says more than Slurm's exit code.

export type TaskState = 'not-submitted' | 'not-run' | 'pending' | 'running' | 'ok' | 'failed' | 'interrupted' | 'cancelled' | 'timeout' | 'lost';

export interface TaskStatus {
  task: SweepTask;
  state: TaskState;
  /** `<array job>_<task>` on Slurm. */
  slurmId?: string;
  /** Slurm's own word for it (COMPLETED, TIMEOUT, …), when Slurm knows the task. */
  slurmState?: string;
  node?: string;
  seconds?: number;
  exitCode?: string;
  /** One line: the failure, why it waits, or what to do. */
  detail?: string;
  record?: TaskRecord;
}

/** Whether the task ended with results of its own (a failed cell is a result too): what `--resume` never reruns. */
export function hasResults(t: TaskStatus): boolean {
  return t.record !== undefined && (t.record.state === 'ok' || t.record.state === 'failed') && (t.state === 'ok' || t.state === 'failed');
}

export interface SweepStatus {
  sweep: SweepFile;
  tasks: TaskStatus[];
  /** Tasks still queued or running. */
  active: number;
}

/** The exit status a Slurm task script ends with when the checkout or the sweep folder is not on its node. */
export const NOT_SHARED_EXIT = 3;

export function sweepStatus(sweepDir: string): SweepStatus {
  const sweep = readSweep(sweepDir);
  const records = readTaskRecords(sweepDir);
  const tasks = sweep.on === 'slurm' ? slurmStates(sweepDir, sweep, records) : localStates(sweepDir, sweep, records);
  return { sweep, tasks, active: tasks.filter((t) => t.state === 'pending' || t.state === 'running').length };
}

function fromRecord(task: SweepTask, record: TaskRecord): TaskStatus {
  return { task, state: record.state, node: record.host, seconds: record.seconds, exitCode: String(record.exitCode), record, ...(record.detail ? { detail: record.detail } : {}) };
}

function localStates(sweepDir: string, sweep: SweepFile, records: Map<number, TaskRecord>): TaskStatus[] {
  // A local sweep's tasks run in the process named in owner.json: alive means running.
  const owner = readRunOwner(sweepDir);
  const running = owner !== undefined && ownerState(owner) === 'alive';
  return sweep.tasks.map((task) => {
    const record = records.get(task.index);
    if (record && !(record.state === 'interrupted' && running)) return fromRecord(task, record);
    if (running) return { task, state: existsSync(join(sweepDir, task.label)) ? 'running' : 'pending' };
    return { task, state: 'not-run', detail: owner ? `its sweep (pid ${owner.pid} on ${owner.host}) ended before it ran` : 'not run' };
  });
}

function slurmStates(sweepDir: string, sweep: SweepFile, records: Map<number, TaskRecord>): TaskStatus[] {
  // By the sweep's unique job name, not by the ids in sweep.json: a submitter killed right after
  // sbatch never wrote the id, and its job still counts.
  const jobName = sweep.jobName!;
  const queued = queuedTasks(jobName);
  const ended = endedTasks(jobName, jobCompletionLog());
  const latest = (views: SlurmTaskView[], index: number) => views.filter((v) => v.task === index).sort((a, b) => Number(b.jobId) - Number(a.jobId))[0];
  return sweep.tasks.map((task): TaskStatus => {
    const record = records.get(task.index);
    const inQueue = latest(queued, task.index);
    const done = latest(ended, task.index);
    // A --resume supersedes what ended before it: only views of the latest submission holding the task count.
    const submission = [...sweep.submissions].reverse().find((s) => s.tasks.includes(task.index));
    const current = (v: SlurmTaskView | undefined) => v && (!submission || Number(v.jobId) >= Number(submission.jobId)) ? v : undefined;
    const q = current(inQueue);
    if (q) {
      const state = q.state === 'PENDING' ? 'pending' : 'running';
      return { task, state, slurmId: `${q.jobId}_${task.index}`, slurmState: q.state, ...(q.node ? { node: q.node } : {}), ...(q.reason ? { detail: `waiting: ${q.reason}` } : {}) };
    }
    const d = current(done);
    const slurm = d ? { slurmId: `${d.jobId}_${task.index}`, slurmState: d.state, ...(d.exitCode ? { exitCode: d.exitCode } : {}), ...(d.node ? { node: d.node } : {}) } : {};
    if (record && record.state !== 'interrupted') return { ...fromRecord(task, record), ...slurm, node: record.host };
    if (!d) {
      if (record) return { ...fromRecord(task, record), ...slurm };
      if (!submission) return { task, state: 'not-submitted', detail: '`paperlab sweep --resume` submits it' };
      return { task, state: 'lost', slurmId: `${submission.jobId}_${task.index}`, detail: `Slurm has no record of it in the queue or the job-completion log (is JobCompType=jobcomp/filetxt, and its file readable here?)` };
    }
    return { task, ...slurm, ...(record ? { record, seconds: record.seconds } : {}), ...endedWithoutRecord(d, `${d.jobId}_${task.index}`, sweepDir, task.index) };
  });
}

/** A task Slurm ended that wrote no final record of its own: Slurm's state says what happened. */
function endedWithoutRecord(done: SlurmTaskView, slurmId: string, sweepDir: string, index: number): { state: TaskState; detail: string } {
  const log = join(sweepDir, 'slurm', `${index}.out`);
  const exit = Number((done.exitCode ?? '').split(':')[0]);
  switch (done.state) {
    case 'CANCELLED':
      return { state: 'cancelled', detail: `cancelled on Slurm (${slurmId}); \`paperlab sweep --resume\` runs it again` };
    case 'TIMEOUT':
      return { state: 'timeout', detail: `past its time limit of ${done.timeLimit ?? '?'} min (${slurmId}): raise config.yaml slurm.timeMinutes or pass --time` };
    case 'FAILED':
      if (exit === NOT_SHARED_EXIT) return { state: 'failed', detail: `the checkout or the sweep folder is not on node ${done.node ?? '?'}: a sweep on Slurm needs both shared with the nodes at the same path (${log})` };
      return { state: 'failed', detail: `exit ${done.exitCode} without a record (${log})` };
    case 'COMPLETED':
      return { state: 'lost', detail: `ended without writing its record (${log})` };
    default:
      return { state: 'failed', detail: `${done.state} on Slurm (${slurmId}, node ${done.node ?? '?'}; ${log})` };
  }
}
