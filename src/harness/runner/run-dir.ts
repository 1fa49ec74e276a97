import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Creates and returns `<parent>/runs/<UTC stamp>[-<name>]`, with a numeric suffix when that folder
 * exists: a new run never writes into an earlier one. The last component is made with a plain
 * (non-recursive) mkdir, which fails with EEXIST when the folder is already there, so two runs
 * started in the same second can never both be handed one folder: the loser takes the next name.
 */
export function newRunDir(parent: string, at: Date, name?: string): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const runs = join(parent, 'runs');
  mkdirSync(runs, { recursive: true });
  const base = join(runs, name ? `${stamp}-${name}` : stamp);
  for (let k = 1; ; k++) {
    const dir = k === 1 ? base : `${base}-${k}`;
    try {
      mkdirSync(dir);
      return dir;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

/** Wall time of a run from its ISO start and end (seconds). */
export function runSeconds(run: { startedAt: string; endedAt: string }): number {
  return (Date.parse(run.endedAt) - Date.parse(run.startedAt)) / 1000;
}
