import { ownerState } from '../../library/paper-files/index';
import { readRunOwner } from '../runner/index';
import { slurm } from './slurm';
import { sweepStatus } from './sweep-state';

/**
 * Cancels a sweep's queued and running tasks (all, or the indices given): on Slurm with scancel of
 * each array task; on the local pool by SIGTERM to the sweep's own process (from its owner.json),
 * which stops its kernels and keeps what ended. Returns what it cancelled.
 */
export function cancelSweep(sweepDir: string, indices?: readonly number[]): string[] {
  const status = sweepStatus(sweepDir);
  const active = status.tasks.filter((t) => (t.state === 'pending' || t.state === 'running') && (!indices || indices.includes(t.task.index)));
  if (active.length === 0) return [];
  if (status.sweep.on === 'local') {
    const owner = readRunOwner(sweepDir);
    if (!owner || ownerState(owner) !== 'alive') return [];
    process.kill(owner.pid, 'SIGTERM');
    return [`the local sweep (pid ${owner.pid}): its ${active.length} running or waiting task${active.length === 1 ? '' : 's'}`];
  }
  const ids = active.map((t) => t.slurmId!).filter(Boolean);
  slurm('scancel', ids);
  return ids;
}
