import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { parse, stringify } from 'yaml';
import { checkEnvironment, fileSha256 } from '../../../src/harness/env/index';
import { registerEnvCommands } from '../../../src/cli/env';

const dir = mkdtempSync(join(os.tmpdir(), 'paperlab-check-'));
const lockPath = join(dir, 'environment.lock');
const root = join(__dirname, '..', '..', '..');

// Runs `paperlab env …` in-process and returns what it printed and the exit code it set.
async function cli(...args: string[]): Promise<{ out: string[]; exitCode: number }> {
  const program = new Command('paperlab').exitOverride();
  registerEnvCommands(program);
  const out: string[] = [];
  const log = console.log;
  const saved = process.exitCode;
  process.exitCode = undefined;
  console.log = (...parts: unknown[]) => out.push(parts.join(' '));
  try {
    await program.parseAsync(['node', 'paperlab', ...args]);
    return { out, exitCode: Number(process.exitCode ?? 0) };
  } finally {
    console.log = log;
    process.exitCode = saved;
  }
}

test('env lock writes the lock; env check on the same machine matches (exit 0)', async () => {
  const lock = await cli('env', 'lock', '--out', lockPath);
  assert.deepEqual(lock.out, [`wrote ${lockPath}`]);
  assert.deepEqual(readdirSync(dir), ['environment.lock']);
  assert.match(readFileSync(lockPath, 'utf8'), /^# paperlab environment lock/);
  assert.deepEqual(await checkEnvironment(lockPath, { root }), []);
  const check = await cli('env', 'check', '--lock', lockPath);
  assert.equal(check.exitCode, 0);
  assert.deepEqual(check.out, [`environment matches ${lockPath}`]);
});

test('env check names every planted difference: strict ones fail, info ones are only reported', async () => {
  const planted = join(dir, 'planted.lock');
  const data = parse(readFileSync(lockPath, 'utf8'));
  const realTfjs = data.strict.packages['@tensorflow/tfjs'];
  data.strict.packages['@tensorflow/tfjs'] = '4.21.0';
  data.strict.packageLockSha256 = '0'.repeat(64);
  data.info.cpuModel = 'Imaginary CPU';
  writeFileSync(planted, stringify(data));

  const diffs = await checkEnvironment(planted, { root });
  assert.deepEqual(diffs, [
    { key: 'packageLockSha256', locked: '0'.repeat(64), actual: fileSha256(join(root, 'package-lock.json')), strict: true },
    { key: 'packages.@tensorflow/tfjs', locked: '4.21.0', actual: realTfjs, strict: true },
    { key: 'cpuModel', locked: 'Imaginary CPU', actual: os.cpus()[0].model.trim(), strict: false },
  ]);

  const check = await cli('env', 'check', '--lock', planted);
  assert.equal(check.exitCode, 1);
  assert.deepEqual(check.out, [
    `environment differs from ${planted} in 2 strict key(s):`,
    `  packageLockSha256: locked ${'0'.repeat(64)}, actual ${fileSha256(join(root, 'package-lock.json'))}`,
    `  packages.@tensorflow/tfjs: locked 4.21.0, actual ${realTfjs}`,
    'informational differences (do not fail the check):',
    `  cpuModel: locked Imaginary CPU, actual ${os.cpus()[0].model.trim()} (info)`,
  ]);
});

test('a key missing from the lock, or only in the lock, is a difference too', async () => {
  const planted = join(dir, 'keys.lock');
  const data = parse(readFileSync(lockPath, 'utf8'));
  delete data.strict.jupyter.nbclient;
  data.strict.packages['left-pad'] = '1.3.0';
  writeFileSync(planted, stringify(data));
  const keys = (await checkEnvironment(planted, { root })).map((d) => [d.key, d.locked, d.strict]);
  assert.deepEqual(keys, [['packages.left-pad', '1.3.0', true], ['jupyter.nbclient', undefined, true]]);
});

test('env check without a lock fails with the command that creates one', async () => {
  await assert.rejects(cli('env', 'check', '--lock', join(dir, 'absent.lock')), /cannot read the environment lock \(ENOENT\); create it with `paperlab env lock`/);
});
