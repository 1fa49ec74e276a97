import { loadPaperConfig } from '../../library/paper-files/index';
import { nativeStatus } from '../../library/native/index';
import { interruption, writeRunOwner } from '../runner/index';
import { poolSize, runDisplay, runPool } from '../reproduce/index';
import { readSweep, readTaskRecords } from './sweep-file';
import { runSweepTask } from './run-task';

/**
 * Runs a sweep's tasks that have not ended (all of a new sweep; the rest on `--resume`) on this
 * machine: as many at once as the cores hold at the sweep's threads per task (and the memory at
 * its peak budget). A signal stops new tasks from starting; the running ones end interrupted.
 */
export async function runSweepLocally(sweepDir: string, log: (line: string) => void): Promise<{ ran: number; jobs: number }> {
  const sweep = readSweep(sweepDir);
  writeRunOwner(sweepDir); // this process runs the tasks now (a --resume takes over from a gone one)
  const config = loadPaperConfig(sweep.paperDir);
  const ended = readTaskRecords(sweepDir);
  const todo = sweep.tasks.filter((t) => { const r = ended.get(t.index); return !r || r.state === 'interrupted'; });
  const pool = poolSize({ tasks: todo.length, peakMemoryMB: config.budget.maxPeakMemoryMB, nativeThreads: nativeStatus().on ? sweep.cpusPerTask : null });
  log(`paperlab sweep: ${todo.length} of ${sweep.tasks.length} tasks to run`);
  log(pool.line);
  const display = runDisplay(todo.length, pool.jobs, log);
  try {
    await runPool(todo, pool.jobs, (task) => runSweepTask(sweepDir, task.index, display), () => interruption());
  } finally {
    display.close();
  }
  return { ran: todo.length, jobs: pool.jobs };
}
