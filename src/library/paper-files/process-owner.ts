import { hostname } from 'node:os';

// Who holds a file: the failures.yaml lock and a run folder's owner.json name their process, so a
// reader can tell a live holder from one a crash or a kill -9 left behind.

/** The process that wrote a lock or started a run. */
export interface ProcessOwner {
  pid: number;
  host: string;
  /** When it took the lock or started the run (ISO). */
  start: string;
}

/** This process, now. */
export function currentOwner(): ProcessOwner {
  return { pid: process.pid, host: hostname(), start: new Date().toISOString() };
}

/** An owner from its JSON text; undefined for anything else (empty while being written, an older format). */
export function parseOwner(text: string): ProcessOwner | undefined {
  try {
    const o = JSON.parse(text) as Partial<ProcessOwner>;
    const ok = typeof o === 'object' && o !== null && Number.isInteger(o.pid) && (o.pid as number) > 0 && typeof o.host === 'string' && typeof o.start === 'string';
    return ok ? { pid: o.pid as number, host: o.host as string, start: o.start as string } : undefined;
  } catch {
    return undefined;
  }
}

/** `alive` or `dead` on this host; `other-host` when it ran elsewhere (a shared folder), where no pid can be checked. */
export function ownerState(owner: ProcessOwner): 'alive' | 'dead' | 'other-host' {
  if (owner.host !== hostname()) return 'other-host';
  try {
    process.kill(owner.pid, 0);
    return 'alive';
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? 'alive' : 'dead'; // EPERM: it lives, under another user
  }
}
