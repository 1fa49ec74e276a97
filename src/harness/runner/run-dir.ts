import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `<parent>/runs/<UTC stamp>[-<name>]`, with a numeric suffix when that folder exists: a new run
 * never writes into an earlier one. The folder is not created here.
 */
export function newRunDir(parent: string, at: Date, name?: string): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const base = join(parent, 'runs', name ? `${stamp}-${name}` : stamp);
  let dir = base;
  for (let k = 2; existsSync(dir); k++) dir = `${base}-${k}`;
  return dir;
}

/** Wall time of a run from its ISO start and end (seconds). */
export function runSeconds(run: { startedAt: string; endedAt: string }): number {
  return (Date.parse(run.endedAt) - Date.parse(run.startedAt)) / 1000;
}
