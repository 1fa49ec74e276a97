import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileSha256, findProjectRoot, readLock } from '../../../src/harness/env/index';

// A dependency change must come with a regenerated environment.lock, or every run's manifest would
// point at a lock that no longer describes the code. (The full `env check` compares the machine
// too, which CI's Debian point releases may change; this checks only what the repository holds.)
test('environment.lock was regenerated with the current package-lock.json', () => {
  const root = findProjectRoot();
  const lock = readLock(join(root, 'environment.lock'));
  assert.equal(lock.strict.packageLockSha256, fileSha256(join(root, 'package-lock.json')), 'run `npx paperlab env lock` and commit environment.lock');
});
