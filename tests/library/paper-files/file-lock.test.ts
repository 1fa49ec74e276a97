import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { appendFailure, readFailureLog, withFileLock } from '../../../src/library/paper-files/index';

// Locks left by real processes: one started and killed with SIGKILL (a crash), one still alive.

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'paperlab-lock-')), 'failures.yaml');

/** What a lock holds: who took it, on which host, since when. */
const lockText = (pid: number, host = hostname(), start = new Date().toISOString()) => JSON.stringify({ pid, host, start });

function startSleeper(): Promise<ChildProcess> {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    child.once('spawn', () => resolve(child));
    child.once('error', reject);
  });
}

async function deadPid(): Promise<number> {
  const child = await startSleeper();
  const gone = new Promise((r) => child.once('exit', r));
  process.kill(child.pid!, 'SIGKILL');
  await gone;
  assert.throws(() => process.kill(child.pid!, 0), /ESRCH/, 'the pid is really dead');
  return child.pid!;
}

const ENTRY = { commit: 'unknown', parameters: {}, where: {}, kind: 'other' as const, symptom: 'after a crash' };

describe('withFileLock', () => {
  test('the lock names its owner: pid, host and start', () => {
    const path = tempFile();
    const seen = withFileLock(path, () => JSON.parse(readFileSync(`${path}.lock`, 'utf8')) as { pid: number; host: string; start: string });
    assert.equal(seen.pid, process.pid);
    assert.equal(seen.host, hostname());
    assert.ok(Date.parse(seen.start) <= Date.now() && Date.parse(seen.start) > 0, seen.start);
    assert.equal(existsSync(`${path}.lock`), false, 'released');
  });

  test('a fresh lock left by a process that died (kill -9) on this host is stale at once', async () => {
    const path = tempFile();
    writeFileSync(`${path}.lock`, lockText(await deadPid()));
    const started = Date.now();
    appendFailure(path, ENTRY);
    assert.ok(Date.now() - started < 1_000, `took ${Date.now() - started} ms`);
    assert.equal(readFailureLog(path).length, 1);
    assert.equal(existsSync(`${path}.lock`), false);
  });

  test('a lock whose owner lives on this host is respected, however old; once the owner dies it is taken', async () => {
    const path = tempFile();
    const owner = await startSleeper();
    try {
      writeFileSync(`${path}.lock`, lockText(owner.pid!));
      const old = new Date(Date.now() - 120_000);
      utimesSync(`${path}.lock`, old, old);
      assert.throws(
        () => withFileLock(path, () => 1, { timeoutMs: 300 }),
        new RegExp(`failures\\.yaml\\.lock: expected to take the lock within 0\\.3 s, got it held by pid ${owner.pid} on this host \\(${hostname().replace(/\./g, '\\.')}\\), running, since .*Z; if no paperlab run is active, remove the file$`),
      );
    } finally {
      const gone = new Promise((r) => owner.once('exit', r));
      process.kill(owner.pid!, 'SIGKILL');
      await gone;
    }
    assert.equal(withFileLock(path, () => 2, { timeoutMs: 300 }), 2);
  });

  test('a lock from another host is judged by age: held while fresh, stale after staleMs', () => {
    const path = tempFile();
    writeFileSync(`${path}.lock`, lockText(1, 'elsewhere.invalid', '2026-12-02T10:00:00.000Z'));
    assert.throws(
      () => withFileLock(path, () => 1, { timeoutMs: 300, staleMs: 5_000 }),
      /failures\.yaml\.lock: expected to take the lock within 0\.3 s, got it held by pid 1 on host elsewhere\.invalid since 2026-12-02T10:00:00\.000Z \(another host: taken as stale once unchanged for 5 s\); if no paperlab run is active, remove the file$/,
    );
    const old = new Date(Date.now() - 10_000);
    utimesSync(`${path}.lock`, old, old);
    assert.equal(withFileLock(path, () => 3, { timeoutMs: 300, staleMs: 5_000 }), 3);
  });

  test('a lock that names no owner (an older paperlab, or one being written) falls back to age', () => {
    const path = tempFile();
    writeFileSync(`${path}.lock`, '12345');
    assert.throws(() => withFileLock(path, () => 1, { timeoutMs: 300, staleMs: 5_000 }), /held by an unknown owner \(the lock names none: taken as stale once unchanged for 5 s\)/);
    const old = new Date(Date.now() - 10_000);
    utimesSync(`${path}.lock`, old, old);
    assert.equal(withFileLock(path, () => 4, { timeoutMs: 300, staleMs: 5_000 }), 4);
  });
});
