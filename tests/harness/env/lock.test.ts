import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import {
  collectEnvironment, compareEnvironments, formatLock, parseLock, readLock, writeLockFile, type Environment,
} from '../../../src/harness/env/index';
import { PaperlabError } from '../../../src/library/errors/index';

const root = join(__dirname, '..', '..', '..');
let measured: Environment | undefined;
async function env(): Promise<Environment> {
  return (measured ??= await collectEnvironment({ root }));
}

test('collectEnvironment records versions read independently here', async () => {
  const e = await env();
  const lockBytes = readFileSync(join(root, 'package-lock.json'));
  assert.equal(e.strict.node, process.version);
  assert.equal(e.strict.packageLockSha256, createHash('sha256').update(lockBytes).digest('hex'));
  assert.equal(e.strict.packages['@tensorflow/tfjs'], JSON.parse(readFileSync(join(root, 'node_modules/@tensorflow/tfjs/package.json'), 'utf8')).version);
  assert.equal(e.strict.packages.tslab, '1.0.22');
  assert.equal(e.strict.packages.yaml, '2.9.1');
  assert.match(e.strict.npm ?? '', /^\d+\.\d+\.\d+$/);
  assert.deepEqual(Object.keys(e.strict.tfjsBackends), ['tensorflow', 'wasm', 'cpu']);
  assert.equal(e.strict.tfjsBackends.wasm, true);
  assert.equal(e.strict.tfjsBackends.cpu, true);
  assert.equal(e.info.cpuCores, os.cpus().length);
  // Nothing was active before: probing leaves the backend useBackend() would choose, not the last probed (cpu).
  assert.equal(tf.getBackend(), e.strict.tfjsBackends.tensorflow ? 'tensorflow' : 'wasm');
  if (existsSync('/usr/bin/python3')) assert.match(e.strict.jupyter.nbclient ?? 'missing', /^\d+\.\d+/);
});

test('the lock holds nothing that varies between machines of one kind', async () => {
  const text = formatLock(await env());
  const keys = [...text.matchAll(/^\s*"?([^:#"\s]+)"?:/gm)].map((m) => m[1]);
  assert.ok(keys.includes('packageLockSha256'));
  for (const key of keys) assert.doesNotMatch(key, /host|free|uptime|user|home|path|time|date/i);
});

test('formatLock → parseLock round trip, byte-stable, with the strict/info comments', async () => {
  const e = await env();
  const text = formatLock(e);
  assert.deepEqual(parseLock(text), e);
  assert.equal(formatLock(parseLock(text)), text);
  assert.match(text, /^# paperlab environment lock/);
  assert.match(text, /^# strict: must match exactly/m);
  assert.match(text, /^# info: describes the machine/m);
  assert.deepEqual(compareEnvironments(parseLock(text), e), []);
});

test('version strings that look like numbers stay strings through the lock', async () => {
  const e = structuredClone(await env());
  e.strict.packages.yaml = '2.10';
  e.strict.npm = '11.0';
  const back = parseLock(formatLock(e));
  assert.equal(back.strict.packages.yaml, '2.10');
  assert.equal(back.strict.npm, '11.0');
});

test('a malformed lock is rejected naming the file and the rule', () => {
  assert.throws(() => parseLock('lockVersion: 2\nstrict: {}\ninfo: {}\n', 'x/environment.lock'), {
    message: 'x/environment.lock lockVersion: expected 1, got 2; regenerate it with `paperlab env lock`',
  });
  assert.throws(() => parseLock('lockVersion: 1\nstrict: [1]\ninfo: {}\n', 'e.lock'), { message: 'e.lock strict: expected a mapping, got [1]' });
  assert.throws(() => parseLock('a: [', 'e.lock'), /^PaperlabError: e\.lock: expected YAML written by `paperlab env lock`, got text that does not parse/);
  const missing = join(mkdtempSync(join(os.tmpdir(), 'paperlab-env-')), 'nope.lock');
  assert.throws(() => readLock(missing), (err: unknown) => err instanceof PaperlabError && err.code === 'missing-lock' && err.message.includes('paperlab env lock'));
});

test('writeLockFile replaces the file and leaves no temp file behind', () => {
  const dir = mkdtempSync(join(os.tmpdir(), 'paperlab-env-'));
  const file = join(dir, 'environment.lock');
  writeFileSync(file, 'old\n');
  writeLockFile(file, 'new\n');
  assert.equal(readFileSync(file, 'utf8'), 'new\n');
  assert.deepEqual(readdirSync(dir), ['environment.lock']);
  assert.throws(() => writeLockFile(join(dir, 'no-such-dir', 'x.lock'), 'x'));
  assert.deepEqual(readdirSync(dir), ['environment.lock']);
});
