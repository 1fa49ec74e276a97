import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../../../src/harness/runner/index';

// CI tests both compute paths: `npm test` runs on the native path (when it built), and this file
// runs the tests of everything the native path replaces (TF.js kernels, float64 solvers) again with
// PAPERLAB_NATIVE=off, in a child test run: the wasm/JS fallback must stay correct on its own.
// The paper replays check both paths themselves (tests/papers/replay.test.ts).
const FOLDERS = ['tests/library/kernels', 'tests/library/models'];

test('the kernel and solver tests pass on the wasm/JS fallback (PAPERLAB_NATIVE=off)', { timeout: 15 * 60_000 }, () => {
  const files = FOLDERS.flatMap((dir) => readdirSync(join(PROJECT_ROOT, dir)).filter((f) => f.endsWith('.test.ts')).map((f) => join(dir, f))).sort();
  assert.ok(files.length > 5, `test files found: ${files.join(', ')}`);
  // Without NODE_TEST_CONTEXT, which the parent runner sets and which makes a child `--test` run nothing.
  const { NODE_TEST_CONTEXT: _context, ...env } = process.env;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', ...files], {
    cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...env, PAPERLAB_NATIVE: 'off' }, maxBuffer: 64 * 2 ** 20,
  });
  const out = `${r.stdout}\n${r.stderr}`;
  const failed = out.split('\n').filter((l) => /^\s*not ok/.test(l)).slice(0, 20);
  const count = (what: string) => Number(/^# (\w+) (\d+)$/m.exec(out.split('\n').filter((l) => l.startsWith(`# ${what} `)).pop() ?? '')?.[2] ?? NaN);
  assert.equal(r.status, 0, `fallback run of ${files.join(' ')} failed:\n${failed.join('\n')}\n${out.slice(-3000)}`);
  assert.ok(count('pass') > 20, `the fallback run passed ${count('pass')} tests: it must run them all\n${out.slice(-2000)}`);
});
