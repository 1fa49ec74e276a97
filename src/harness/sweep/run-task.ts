import { existsSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { invalid } from '../../library/errors/index';
import { loadPaperConfig } from '../../library/paper-files/index';
import { THREADS_ENV_VAR } from '../../library/native/index';
import { interruptionExitCode, runSeconds } from '../runner/index';
import { replay, runDisplay, type RunDisplay } from '../reproduce/index';
import { readSweep, readTaskRecord, writeTaskRecord, type TaskRecord } from './sweep-file';

/**
 * Runs task `index` of a sweep into `<sweepDir>/<label>`, the folder `paperlab run` would make for
 * the same replay, and writes its record (tasks/<index>.json) last. The same code runs a task of
 * the local pool and a Slurm array task. A task that already ended (ok or failed) is not run again;
 * one killed half-way (a folder without a record) is started over from an empty folder.
 */
export async function runSweepTask(sweepDir: string, index: number, display: RunDisplay, jobId: string | null = null): Promise<TaskRecord> {
  const sweep = readSweep(sweepDir);
  const task = sweep.tasks[index];
  if (!task || task.index !== index) throw invalid(`${join(sweepDir, 'sweep.json')} tasks`, `a task ${index} (0-${sweep.tasks.length - 1})`, 'none');
  const ended = readTaskRecord(sweepDir, index);
  if (ended && ended.state !== 'interrupted') return ended;
  const dir = join(sweepDir, task.label);
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true }); // a killed attempt's leftovers: never mixed with this one's
  const config = loadPaperConfig(sweep.paperDir);
  // Every task gets the sweep's thread count, on whatever node: native results depend on it.
  const env = { [THREADS_ENV_VAR]: String(sweep.cpusPerTask) };
  const run = await replay(sweep.paperDir, config, sweepDir, task, { cache: sweep.cache }, { env, display });
  const ex = run.execution;
  const state = ex.interrupted ? 'interrupted' : run.ok ? 'ok' : 'failed';
  const detail = ex.interrupted ?? (ex.failure ? (ex.failure.status === 'kernel-start' ? ex.failure.detail : `cell ${ex.failure.cell}: ${ex.failure.detail}`) : undefined);
  const record: TaskRecord = {
    index,
    label: task.label,
    state,
    exitCode: state === 'ok' ? 0 : state === 'interrupted' ? interruptionExitCode() ?? 1 : 1,
    host: hostname(),
    jobId,
    startedAt: ex.startedAt,
    endedAt: ex.endedAt,
    seconds: runSeconds(ex),
    ...(run.cachedFrom ? { cachedFrom: basename(run.cachedFrom.run) } : {}),
    ...(detail ? { detail: detail.split('\n')[0]!.slice(0, 300) } : {}),
  };
  writeTaskRecord(sweepDir, record);
  return record;
}

/** A Slurm task's display: its lines, plain, into the task's output file. */
export function runDisplayForTask(): RunDisplay {
  return runDisplay(1, 1, (line) => console.log(line));
}
