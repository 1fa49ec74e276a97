import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../../src/harness/runner/index';
import { DURATIONS_ENV_VAR, longestFirst, readDurations, recordDurations } from './durations';
import durationsReporter = require('./reporter');

// The suite's order: files never measured, then the longest of the last run first.

test('longestFirst: unmeasured files first, then by the last duration, ties in the given order', () => {
  assert.deepEqual(longestFirst(['a', 'b', 'c', 'd', 'e'], { a: 10, b: 300, c: 10, e: 50 }), ['d', 'b', 'e', 'a', 'c']);
  assert.deepEqual(longestFirst(['x', 'y'], {}), ['x', 'y'], 'no figures: the order stays');
});

test('durations merge over runs; a damaged or foreign file reads as none', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'paperlab-durations-')), 'd.json');
  assert.deepEqual(readDurations(file), {});
  recordDurations({ 'tests/a.test.ts': 1200.4, 'tests/b.test.ts': 30 }, file);
  recordDurations({ 'tests/b.test.ts': 45.6 }, file);
  assert.deepEqual(readDurations(file), { 'tests/a.test.ts': 1200, 'tests/b.test.ts': 46 }, 'a file not run this time keeps its figure');
  writeFileSync(file, '{"format": "paperlab.test-durations/1", "files": {');
  assert.deepEqual(readDurations(file), {});
  writeFileSync(file, JSON.stringify({ format: 'other/1', files: { 'tests/a.test.ts': 5 } }));
  assert.deepEqual(readDurations(file), {});
});

test('the reporter sums top-level tests per file (subtests are inside their parent) and stores them when the run ends', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'paperlab-durations-')), 'd.json');
  const events = [
    { type: 'test:pass', data: { file: join(PROJECT_ROOT, 'tests/a.test.ts'), nesting: 0, details: { duration_ms: 100 } } },
    { type: 'test:pass', data: { file: join(PROJECT_ROOT, 'tests/a.test.ts'), nesting: 1, details: { duration_ms: 60 } } },
    { type: 'test:fail', data: { file: join(PROJECT_ROOT, 'tests/a.test.ts'), nesting: 0, details: { duration_ms: 250 } } },
    { type: 'test:pass', data: { file: join(PROJECT_ROOT, 'papers/p/x.test.ts'), nesting: 0, details: { duration_ms: 7 } } },
    { type: 'test:diagnostic', data: { file: join(PROJECT_ROOT, 'tests/a.test.ts'), nesting: 0 } },
  ];
  async function* source() {
    for (const e of events) yield e;
  }
  const saved = process.env[DURATIONS_ENV_VAR];
  process.env[DURATIONS_ENV_VAR] = file;
  try {
    let printed = '';
    for await (const chunk of durationsReporter(source())) printed += chunk;
    assert.equal(printed, '', 'it prints nothing beside the TAP output');
  } finally {
    if (saved === undefined) delete process.env[DURATIONS_ENV_VAR];
    else process.env[DURATIONS_ENV_VAR] = saved;
  }
  assert.deepEqual(readDurations(file), { 'papers/p/x.test.ts': 7, 'tests/a.test.ts': 350 });
  assert.match(readFileSync(file, 'utf8'), /paperlab\.test-durations\/1/);
});
