// test-lane: alone (it makes the native addon's stamp stale for a moment, which would send other files' kernels to the fallback path)
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../../../src/harness/runner/index';
import { ADDON_PATH, STAMP_PATH } from '../../../src/library/native/index';

// src/cli/setup/native.ts never fails the setup: a machine that cannot build the addon gets one
// line naming why, exit 0, and the wasm/JS path. A current build is left alone (and costs nothing).
const SETUP = join(PROJECT_ROOT, 'src', 'cli', 'setup', 'native.ts');

// The tests' own environment without PAPERLAB_NATIVE: the suite also runs with it off, which would
// stop setup before the checks these tests are about.
function environment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.PAPERLAB_NATIVE;
  return env;
}

function setup(env: NodeJS.ProcessEnv, ...args: string[]): { code: number | null; stderr: string; stdout: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', SETUP, ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', env });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

test('setup with PAPERLAB_NATIVE=off builds nothing and says so in one line', () => {
  const r = setup({ ...process.env, PAPERLAB_NATIVE: 'off' });
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', 'paperlab setup: native compute not built (PAPERLAB_NATIVE=off): the wasm/JS path runs\n']);
});

test('setup on a machine without a C++ compiler prints one line, exits 0 and leaves the current addon alone', () => {
  const before = existsSync(ADDON_PATH) ? statSync(ADDON_PATH).mtimeMs : undefined;
  // A PATH without g++ and make (node is called by its absolute path).
  const r = setup({ ...environment(), PATH: '/nonexistent' }, '--force');
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', 'paperlab setup: native compute not built (no g++): the wasm/JS path runs\n']);
  assert.equal(existsSync(ADDON_PATH) ? statSync(ADDON_PATH).mtimeMs : undefined, before);
});

test('setup is silent and quick when the build is current', (t) => {
  if (!existsSync(ADDON_PATH)) return t.skip('no addon built here');
  const r = setup(environment());
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', '']);
});

// `paperlab check` of a folder that is not there, on a PATH without g++: a command that starts
// kernels, failing at once after its pre-start work.
function checkWithoutCompiler(): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'cli', 'main.ts'), 'check', '/nonexistent/paper'],
    { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...environment(), PATH: '/nonexistent' } });
}

test('a command that starts kernels first rebuilds an addon whose sources changed (here: cannot, so it says why in one line)', (t) => {
  if (!existsSync(STAMP_PATH)) return t.skip('no addon built here');
  // A stale stamp, as after an edit of a .cc file; a PATH without g++ keeps the build itself (and
  // the addon) untouched. The stamp is put back at once, and tests/suite.ts runs this file alone
  // (first line), so no other file's kernel sees the stale stamp.
  const stamp = readFileSync(STAMP_PATH, 'utf8');
  let r;
  try {
    writeFileSync(STAMP_PATH, 'stale\n');
    r = checkWithoutCompiler();
  } finally {
    writeFileSync(STAMP_PATH, stamp);
  }
  assert.match(r.stderr, /^paperlab setup: native compute not built \(no g\+\+\): the wasm\/JS path runs\n/, r.stderr);
  // The stamp was current before: the same command is then silent about setup.
  const current = checkWithoutCompiler();
  assert.doesNotMatch(current.stderr, /paperlab setup/, current.stderr);
  assert.notEqual(current.status, 0, 'the command itself still fails on the missing folder');
});
