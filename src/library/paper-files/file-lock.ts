import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { PaperlabError } from '../errors/index';
import { currentOwner, ownerState, parseOwner, type ProcessOwner } from './process-owner';

/**
 * Runs `fn` while holding `<path>.lock` (created exclusively), so that runs of several seeds in
 * parallel appending to one file never lose each other's entries (read-modify-write). The lock
 * names its owner (pid, host, start). A lock whose owner's pid is dead on this host was left by a
 * crash and is taken at once; one whose owner lives is respected. A lock from another host (a
 * shared folder), or one naming no owner, is judged by age: unchanged for `staleMs` (default
 * 30 000 ms) means stale. Waits at most `timeoutMs` (default 10 000 ms).
 */
export function withFileLock<T>(path: string, fn: () => T, options: { timeoutMs?: number; staleMs?: number } = {}): T {
  const lock = `${path}.lock`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  const staleMs = options.staleMs ?? 30_000;
  let fd: number | undefined;
  while (fd === undefined) {
    try {
      fd = openSync(lock, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const seen = readLock(lock);
      if (seen && judge(seen, staleMs).stale) removeIfUnchanged(lock, seen.text);
      else if (Date.now() > deadline) {
        const holder = seen ? judge(seen, staleMs).holder : 'a process that just released it';
        throw new PaperlabError('lock-timeout', `${lock}: expected to take the lock within ${timeoutMs / 1000} s, got it held by ${holder}; if no paperlab run is active, remove the file`, {
          where: lock,
          expected: 'a free lock',
          received: holder,
          hint: 'if no paperlab run is active, remove the file',
        });
      } else sleepMs(20);
    }
  }
  try {
    writeSync(fd, JSON.stringify(currentOwner()));
    return fn();
  } finally {
    closeSync(fd);
    rmSync(lock, { force: true });
  }
}

interface SeenLock {
  text: string;
  mtimeMs: number;
  owner?: ProcessOwner;
}

/** The lock's content and age; undefined when it is gone meanwhile (then just retry). */
function readLock(lock: string): SeenLock | undefined {
  try {
    const mtimeMs = statSync(lock).mtimeMs;
    const text = readFileSync(lock, 'utf8');
    return { text, mtimeMs, owner: parseOwner(text) };
  } catch {
    return undefined;
  }
}

/** Whether a lock may be taken over, and who holds it (for the message when it may not). */
function judge(seen: SeenLock, staleMs: number): { stale: boolean; holder: string } {
  const o = seen.owner;
  const byAge = Date.now() - seen.mtimeMs > staleMs;
  const ageRule = `taken as stale once unchanged for ${staleMs / 1000} s`;
  if (!o) return { stale: byAge, holder: `an unknown owner (the lock names none: ${ageRule})` };
  const state = ownerState(o);
  if (state === 'other-host') return { stale: byAge, holder: `pid ${o.pid} on host ${o.host} since ${o.start} (another host: ${ageRule})` };
  return { stale: state === 'dead', holder: `pid ${o.pid} on this host (${o.host}), running, since ${o.start}` };
}

/**
 * Removes a stale lock only if it still holds what was judged: another waiter may have removed it
 * and taken a fresh one meanwhile (a new lock names a new owner and start, so its text differs).
 */
function removeIfUnchanged(lock: string, judgedText: string): void {
  try {
    if (readFileSync(lock, 'utf8') === judgedText) rmSync(lock, { force: true });
  } catch {
    // Gone meanwhile: retry.
  }
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
