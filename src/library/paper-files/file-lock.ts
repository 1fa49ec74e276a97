import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { PaperlabError } from '../errors/index';

/**
 * Runs `fn` while holding `<path>.lock` (created exclusively), so that runs of several seeds in
 * parallel appending to one file never lose each other's entries (read-modify-write). A lock older
 * than `staleMs` (default 30 000 ms) is taken to be left by a crashed process and removed.
 * Waits at most `timeoutMs` (default 10 000 ms).
 */
export function withFileLock<T>(path: string, fn: () => T, options: { timeoutMs?: number; staleMs?: number } = {}): T {
  const lock = `${path}.lock`;
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  const staleMs = options.staleMs ?? 30_000;
  let fd: number | undefined;
  while (fd === undefined) {
    try {
      fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (isStale(lock, staleMs)) rmSync(lock, { force: true });
      else if (Date.now() > deadline) {
        throw new PaperlabError('lock-timeout', `${lock}: expected to take the lock, got it held by another process; remove the file if no run is active`, { where: lock });
      } else sleepMs(20);
    }
  }
  try {
    return fn();
  } finally {
    closeSync(fd);
    rmSync(lock, { force: true });
  }
}

function isStale(lock: string, staleMs: number): boolean {
  try {
    return Date.now() - statSync(lock).mtimeMs > staleMs;
  } catch {
    return false; // gone meanwhile: just retry
  }
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
