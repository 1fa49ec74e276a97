import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { currentOwner, ownerState, parseOwner, type ProcessOwner } from '../../library/paper-files/index';

// owner.json: who started a run folder, written the moment the folder exists. A run that was
// killed (kill -9, a crash, the machine going down) cannot say so itself; its folder then holds an
// owner whose process is gone and no results, and readers (report, accept, diff) say why they skip it.

/** The file naming a run folder's owner. */
export const OWNER_FILE = 'owner.json';

/** Writes `<dir>/owner.json` for this process (atomically). */
export function writeRunOwner(dir: string): void {
  writeFileAtomic.sync(join(dir, OWNER_FILE), JSON.stringify(currentOwner(), null, 2) + '\n');
}

/** The owner of a run folder, if it names one. */
export function readRunOwner(dir: string): ProcessOwner | undefined {
  const path = join(dir, OWNER_FILE);
  return existsSync(path) ? parseOwner(readFileSync(path, 'utf8')) : undefined;
}

/**
 * Why a run folder that wrote no results has none: its owner is still running, is gone (the run
 * was killed), or ran on another host. Undefined when the folder names no owner.
 */
export function unfinishedReason(dir: string, file: string): string | undefined {
  const owner = readRunOwner(dir);
  if (!owner) return undefined;
  const who = `pid ${owner.pid} on ${owner.host}, started ${owner.start}`;
  switch (ownerState(owner)) {
    case 'alive':
      return `still running (${who}): no ${file} yet`;
    case 'dead':
      return `interrupted: its runner (${who}) is gone and wrote no ${file} (killed, or it crashed); the executed notebook keeps the cells that ran`;
    default:
      return `no ${file}: started on another host (${who}), where it may still run or have been killed`;
  }
}
