import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { runManifest } from '../../../src/harness/env/index';

const run = { parameters: { lr: 0.001, epochs: 3 }, seed: 7, backend: 'wasm', startedAt: '2026-01-02T03:04:05.000Z', endedAt: '2026-01-02T03:04:06.500Z' };

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=paperlab', '-c', 'user.email=paperlab@example.org', ...args], { cwd, encoding: 'utf8' });
}

function repo(): string {
  const dir = mkdtempSync(join(os.tmpdir(), 'paperlab-manifest-'));
  git(dir, 'init', '-q');
  writeFileSync(join(dir, 'train.ts'), 'export const lr = 0.001;\n');
  writeFileSync(join(dir, '.gitignore'), 'out/\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'first');
  return dir;
}

test('clean tree: commit recorded, not dirty, no diff digest', () => {
  const dir = repo();
  const m = runManifest(run, { root: dir });
  assert.equal(m.git.commit, git(dir, 'rev-parse', 'HEAD').trim());
  assert.equal(m.git.dirty, false);
  assert.equal(m.git.diffSha256, null);
  assert.deepEqual(m.git.untracked, []);
});

test('dirty tree: the digest is of `git diff HEAD` and changes with the diff; untracked names listed', () => {
  const dir = repo();
  writeFileSync(join(dir, 'train.ts'), 'export const lr = 0.01;\n');
  const diff = execFileSync('git', ['diff', 'HEAD', '--binary'], { cwd: dir });
  const first = runManifest(run, { root: dir });
  assert.equal(first.git.dirty, true);
  assert.equal(first.git.diffSha256, createHash('sha256').update(diff).digest('hex'));
  writeFileSync(join(dir, 'train.ts'), 'export const lr = 0.1;\n');
  assert.notEqual(runManifest(run, { root: dir }).git.diffSha256, first.git.diffSha256);

  const other = repo();
  writeFileSync(join(other, 'notes.md'), 'scratch\n');
  execFileSync('mkdir', [join(other, 'out')]);
  writeFileSync(join(other, 'out', 'ignored.json'), '{}\n');
  const m = runManifest(run, { root: other });
  assert.equal(m.git.dirty, true); // an untracked file can change a run even with no diff
  assert.equal(m.git.diffSha256, null);
  assert.deepEqual(m.git.untracked, ['notes.md']);
});

test('outside a git repository the git facts are null, not guessed', () => {
  const dir = mkdtempSync(join(os.tmpdir(), 'paperlab-nogit-'));
  assert.deepEqual(runManifest(run, { root: dir }).git, { commit: null, dirty: null, diffSha256: null, untracked: [] });
});

test('lock digest, backend, seed, parameters and timing are recorded', () => {
  const dir = repo();
  assert.equal(runManifest(run, { root: dir }).environmentLockSha256, null);
  writeFileSync(join(dir, 'environment.lock'), 'lockVersion: 1\n');
  const params = { lr: 0.001, layers: [64, 64] };
  const m = runManifest({ ...run, parameters: params }, { root: dir });
  params.layers.push(10); // later mutation must not reach the record
  assert.equal(m.environmentLockSha256, createHash('sha256').update('lockVersion: 1\n').digest('hex'));
  assert.deepEqual(m.backend, { name: 'wasm', tfjsVersion: null, gpu: null });
  assert.equal(m.seed, 7);
  assert.deepEqual(m.parameters, { lr: 0.001, layers: [64, 64] });
  assert.equal(m.startedAt, '2026-01-02T03:04:05.000Z');
  assert.equal(m.durationMs, 1500);
  assert.equal(m.node, process.version);
  // No backend chosen in this process and none given: recorded as null, not invented.
  assert.equal(runManifest({ ...run, backend: undefined }, { root: dir }).backend, null);
});

test('bad manifest input is rejected with the field and the rule', () => {
  const dir = repo();
  assert.throws(() => runManifest({ ...run, endedAt: '2026-01-02T03:04:04Z' }, { root: dir }), {
    message: 'runManifest endedAt: expected a time not before startedAt (2026-01-02T03:04:05.000Z), got 2026-01-02T03:04:04.000Z',
  });
  assert.throws(() => runManifest({ ...run, startedAt: 'yesterday' }, { root: dir }), { message: 'runManifest startedAt: expected a Date or an ISO 8601 time, got yesterday' });
  assert.throws(() => runManifest({ ...run, seed: 1.5 }, { root: dir }), { message: 'runManifest seed: expected an integer or a string, got 1.5' });
  assert.throws(() => runManifest({ ...run, parameters: { n: 10n } as Record<string, unknown> }, { root: dir }), /^PaperlabError: runManifest parameters: expected values that JSON can hold/);
});
