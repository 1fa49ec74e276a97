import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { loadPaperConfig } from '../../../src/library/paper-files/index';
import { scaffoldPaper } from '../../../src/harness/scaffold/index';
import { runPaper, type PaperRun } from '../../../src/harness/reproduce/index';
import { ReplayCache, defaultCacheDir, CACHE_DIR_ENV_VAR } from '../../../src/harness/reproduce/replay-cache';
import { readResults, writeResults, type ExecutionResult } from '../../../src/harness/runner/index';
import type { ReplayKey } from '../../../src/harness/reproduce/replay-key';

// The replay cache, end to end on real kernels: a second run with unchanged keys copies the first
// run's outputs instead of replaying; a change, `cache: false` or a failed replay replays.

function scaffold(measurement: string): { dir: string; metric: string } {
  const { dir } = scaffoldPaper(mkdtempSync(join(tmpdir(), 'paperlab-cache-')), 'cache2026-toy', { title: 'A cached toy' });
  const metric = loadPaperConfig(dir).claims[0]!.metric;
  setMeasurement(dir, metric, 'Number.NaN', measurement);
  return { dir, metric };
}

function setMeasurement(dir: string, metric: string, from: string, to: string): void {
  const path = join(dir, 'reproduce.ipynb');
  const text = readFileSync(path, 'utf8');
  assert.ok(text.includes(`record('${metric}', ${from});`));
  writeFileSync(path, text.replace(`record('${metric}', ${from});`, `record('${metric}', ${to});`));
}

async function run(dir: string, cacheDir: string, options: { seeds: number[]; cache: boolean }): Promise<{ run: PaperRun; lines: string[]; seconds: number }> {
  const lines: string[] = [];
  const started = Date.now();
  const result = await runPaper(dir, { ...options, cacheDir, logFailures: false, log: (l) => lines.push(l) });
  return { run: result, lines, seconds: (Date.now() - started) / 1000 };
}

const records = (r: PaperRun) => r.runs.map((x) => readResults(x.resultsPath).records.map(({ name, value, seed }) => ({ name, value, seed })));

test('a second run with unchanged keys says cached for each seed and copies the first run\'s results; cache: false and a changed notebook replay', async () => {
  const { dir, metric } = scaffold('seed / 10');
  const cacheDir = mkdtempSync(join(tmpdir(), 'paperlab-cache-store-'));
  const first = await run(dir, cacheDir, { seeds: [1, 2], cache: true });
  assert.deepEqual(first.run.runs.map((r) => [r.seed, r.ok, r.cachedFrom]), [[1, true, undefined], [2, true, undefined]]);
  assert.ok(first.run.runs.every((r) => /^[0-9a-f]{64}$/.test(r.key ?? '')) && first.run.runs[0]!.key !== first.run.runs[1]!.key, 'one key per seed');
  assert.equal(readdirSync(cacheDir).filter((n) => /^[0-9a-f]{64}$/.test(n)).length, 2, 'both replays stored');

  const second = await run(dir, cacheDir, { seeds: [1, 2], cache: true });
  const stamp = basename(first.run.runDir);
  for (const [i, seed] of [1, 2].entries()) {
    const key = first.run.runs[i]!.key!;
    assert.ok(second.lines.includes(`  ${`seed-${seed}`.padEnd(28)} cached  (key ${key.slice(0, 8)}, from runs/${stamp})`), second.lines.join('\n'));
  }
  assert.deepEqual(records(second.run), records(first.run));
  assert.deepEqual(records(second.run)[0], [{ name: metric, value: 0.1, seed: 1 }]);
  const copied = readResults(second.run.runs[0]!.resultsPath);
  assert.equal(copied.cachedFrom?.run, first.run.runDir, 'results.json says which run made them');
  assert.equal(copied.cachedFrom?.key, first.run.runs[0]!.key);
  assert.ok(existsSync(join(second.run.runs[0]!.dir, 'reproduce.ipynb')), 'the executed notebook is copied too');
  const summary = JSON.parse(readFileSync(join(second.run.runDir, 'summary.json'), 'utf8')) as { runs: Array<{ cachedFrom?: { run: string } }> };
  assert.deepEqual(summary.runs.map((r) => r.cachedFrom?.run), [first.run.runDir, first.run.runDir], 'summary.json says so too');
  assert.equal(second.run.judgements[0]!.verdict, first.run.judgements[0]!.verdict);
  console.log(`# first run ${first.seconds.toFixed(1)} s (2 replays); second run ${second.seconds.toFixed(1)} s (2 hits)`);

  const forced = await run(dir, cacheDir, { seeds: [1], cache: false });
  assert.equal(forced.run.runs[0]!.cachedFrom, undefined);
  assert.ok(!forced.lines.some((l) => l.includes('cached')), forced.lines.join('\n'));
  assert.equal(readResults(forced.run.runs[0]!.resultsPath).cachedFrom, undefined);
  assert.deepEqual(records(forced.run)[0], records(first.run)[0], 'same key, same numbers');

  setMeasurement(dir, metric, 'seed / 10', 'seed / 20');
  const changed = await run(dir, cacheDir, { seeds: [1], cache: true });
  assert.equal(changed.run.runs[0]!.cachedFrom, undefined, 'a changed code cell is a new key');
  assert.deepEqual(records(changed.run)[0], [{ name: metric, value: 0.05, seed: 1 }]);
});

test('a failed replay is never stored: the next run replays it again', async () => {
  const { dir } = scaffold("(() => { throw new Error('broken on purpose'); })()");
  const cacheDir = mkdtempSync(join(tmpdir(), 'paperlab-cache-store-'));
  const first = await run(dir, cacheDir, { seeds: [1], cache: true });
  assert.equal(first.run.runs[0]!.ok, false);
  assert.equal(new ReplayCache(cacheDir).has(first.run.runs[0]!.key!), false);
  const second = await run(dir, cacheDir, { seeds: [1], cache: true });
  assert.equal(second.run.runs[0]!.cachedFrom, undefined);
  assert.ok(second.lines.some((l) => /seed-1 +FAILED/.test(l)), second.lines.join('\n'));
});

test('the store: whole entries only, one result per key; a damaged entry is a miss', () => {
  const cache = new ReplayCache(mkdtempSync(join(tmpdir(), 'paperlab-cache-unit-')));
  const seedDir = mkdtempSync(join(tmpdir(), 'paperlab-cache-seed-'));
  writeFileSync(join(seedDir, 'reproduce.ipynb'), '{}');
  mkdirSync(join(seedDir, 'checkpoints'));
  writeFileSync(join(seedDir, 'checkpoints', 'step-1.json'), '[1]');
  const execution: ExecutionResult = {
    ok: true, input: 'in.ipynb', notebookPath: join(seedDir, 'reproduce.ipynb'), outputDir: seedDir, startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:09.000Z',
    parameters: { seed: 1 }, records: [{ name: 'm', value: 1, seed: 1, cell: 0, cellId: 'a' } as ExecutionResult['records'][number]], cells: [],
  };
  writeResults(execution, { replayKey: 'k' });
  const key = { key: 'a'.repeat(64), parts: {} } as unknown as ReplayKey;
  assert.equal(cache.store(key, execution, '/runs/20260101T000000Z'), true);
  assert.equal(cache.store(key, { ...execution, records: [] }, '/runs/other'), false, 'the first result of a key stays');
  assert.deepEqual(readdirSync(cache.dir).filter((n) => n.startsWith('.tmp-')), [], 'no temp folder left');
  const into = join(mkdtempSync(join(tmpdir(), 'paperlab-cache-into-')), 'seed-1');
  const hit = cache.restore(key.key, into, 'in.ipynb')!;
  assert.equal(hit.cachedFrom.run, '/runs/20260101T000000Z');
  assert.deepEqual(hit.execution.records, execution.records);
  assert.equal(hit.execution.outputDir, into);
  assert.equal(readFileSync(join(into, 'checkpoints', 'step-1.json'), 'utf8'), '[1]', 'what the notebook wrote to its folder comes along');
  assert.equal(readResults(into).notebook, join(into, 'reproduce.ipynb'));
  // a temp folder (a store that died half way) is never an entry
  mkdirSync(join(cache.dir, '.tmp-dead'));
  assert.equal(cache.has('b'.repeat(64)), false);
  writeFileSync(join(cache.dir, key.key, 'entry.json'), '{ damaged');
  assert.equal(cache.restore(key.key, join(into, '..', 'seed-2'), 'in.ipynb'), undefined);
  assert.throws(() => cache.has('../x'), /expected 64 hex digits/);
});

test('the cache folder: PAPERLAB_CACHE_DIR, else XDG_CACHE_HOME/paperlab/replays', () => {
  const saved = { own: process.env[CACHE_DIR_ENV_VAR], xdg: process.env.XDG_CACHE_HOME };
  try {
    delete process.env[CACHE_DIR_ENV_VAR];
    process.env.XDG_CACHE_HOME = '/xdg';
    assert.equal(defaultCacheDir(), '/xdg/paperlab/replays');
    process.env[CACHE_DIR_ENV_VAR] = '/mine';
    assert.equal(defaultCacheDir(), '/mine');
  } finally {
    for (const [name, value] of [[CACHE_DIR_ENV_VAR, saved.own], ['XDG_CACHE_HOME', saved.xdg]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
});
