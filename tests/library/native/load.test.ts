import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../../../src/harness/runner/index';
import { nativeLine, nativeRecord, type NativeStatus } from '../../../src/library/native/index';
import { nativeOrSkip } from '../kernels/native-path';

// Which path runs is decided once per process, from PAPERLAB_NATIVE and the build, and said in one
// line (on stderr); the thread count comes from PAPERLAB_THREADS (default every core).
const on: NativeStatus = { on: true, blas: 'OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64', threads: 2, addon: '/x.node', reason: null };
const off: NativeStatus = { on: false, blas: null, threads: null, addon: null, reason: 'PAPERLAB_NATIVE=off' };

test('the one line and the record say which path runs', () => {
  assert.equal(nativeLine(on), 'paperlab: native compute on (OpenBLAS 0.3.21 Haswell, 2 threads)');
  assert.equal(nativeLine(off), 'paperlab: native compute off (PAPERLAB_NATIVE=off): wasm/JS kernels and solvers run');
  assert.deepEqual(nativeRecord(on), { blas: 'OpenBLAS 0.3.21 Haswell', threads: 2 });
  assert.equal(nativeRecord(off), null);
});

function child(env: NodeJS.ProcessEnv): { code: number | null; stdout: string; stderr: string } {
  const code = "const n = require('./src/library/native/index'); console.log(JSON.stringify(n.nativeRecord()));";
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('PAPERLAB_THREADS sets the thread count; a bad value is an error naming the variable', (t) => {
  if (!nativeOrSkip(t)) return;
  const one = child({ PAPERLAB_THREADS: '1' });
  assert.equal(one.code, 0, one.stderr);
  assert.match(one.stderr, /^paperlab: native compute on \(OpenBLAS [^,]+, 1 thread\)\n$/);
  assert.equal(JSON.parse(one.stdout).threads, 1);
  const bad = child({ PAPERLAB_THREADS: 'many' });
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /PAPERLAB_THREADS: expected a whole number >= 1, got many/);
});

test('PAPERLAB_NATIVE=off turns the path off in that process, with its line', () => {
  const r = child({ PAPERLAB_NATIVE: 'off' });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual([r.stdout, r.stderr], ['null\n', 'paperlab: native compute off (PAPERLAB_NATIVE=off): wasm/JS kernels and solvers run\n']);
});
