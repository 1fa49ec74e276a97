import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';

// Runs in temp folders (relative paths as a user types them), so tsx is imported by URL.
const driver = join(__dirname, '..', '..', '..', 'src', 'cli', 'main.ts');
const tsx = pathToFileURL(require.resolve('tsx')).href;
function paperlab(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', tsx, driver, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A temp folder with run folders `name/results.json`, records as the runner writes them. */
function workspace(runs: Record<string, { seed: number; values: Record<string, unknown> }>): string {
  const dir = mkdtempSync(join(tmpdir(), 'verdict-cli-'));
  made.push(dir);
  for (const [name, { seed, values }] of Object.entries(runs)) {
    mkdirSync(join(dir, name));
    const records = Object.entries(values).map(([metric, value], cell) => ({ name: metric, value, seed, backend: 'cpu', at: '2026-01-01T00:00:00.000Z', cell, cellId: `c${cell}` }));
    writeFileSync(join(dir, name, 'results.json'), JSON.stringify({ format: 'paperlab.results/1', ok: true, notebook: 'x.ipynb', manifest: { seed }, records, cells: [] }));
  }
  return dir;
}

test('diff: identical runs exit 0 with a table (status and budget limits beside the numbers) and summary lines', () => {
  const dir = workspace({ a: { seed: 1, values: { acc: 0.75, loss: 0.5 } }, b: { seed: 1, values: { acc: 0.75, loss: 0.5 } } });
  const r = paperlab(dir, 'diff', 'a', 'b/results.json');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, [
    'metric        a          b          delta  rel delta  tolerance  within  status',
    'compute path  fallback   fallback   -      -          -          -       ok',
    'backend       cpu        cpu        -      -          -          -       ok',
    'status        completed  completed  -      -          -          -       ok',
    'acc           0.75       0.75       0      0%         0          yes     ok',
    'loss          0.5        0.5        0      0%         0          yes     ok',
    'over budget   none       none       -      -          -          -       ok',
    'paperlab diff: a vs b: compared seed-1',
    'paperlab diff: 2 numbers within tolerance (atol=0, rtol=0)',
    '',
  ].join('\n'));
});

test('diff: a change beyond tolerance or a missing metric exits 1; --atol/--rtol widen it', () => {
  const dir = workspace({ a: { seed: 1, values: { acc: 0.75, loss: 0.5 } }, b: { seed: 1, values: { acc: 0.625, loss: 0.5, extra: 2 } }, c: { seed: 2, values: { acc: 0.75 } } });
  const worse = paperlab(dir, 'diff', 'a', 'b');
  assert.equal(worse.code, 1, worse.stderr);
  assert.match(worse.stdout, /^acc +0\.75 +0\.625 +-0\.125 +-16\.67% +0 +no +regressed$/m);
  assert.match(worse.stdout, /^extra +- +2 +- +- +- +- +new$/m);
  assert.match(worse.stdout, /paperlab diff: 1 of 2 numbers out of tolerance, 0 missing \(atol=0, rtol=0\)\n$/);
  assert.equal(paperlab(dir, 'diff', 'a', 'b', '--atol', '0.125').code, 0);
  assert.equal(paperlab(dir, 'diff', 'a', 'b', '--rtol', '0.2').code, 0);
  assert.equal(paperlab(dir, 'diff', 'a', 'b', '--rtol', '0.1').code, 1);
  const missing = paperlab(dir, 'diff', 'a', 'c');
  assert.equal(missing.code, 1);
  assert.match(missing.stdout, /^loss +0\.5 +- +- +- +0 +- +missing$/m);
  assert.match(missing.stdout, /paperlab diff: 0 of 2 numbers out of tolerance, 1 missing/);
  assert.match(missing.stdout, /^paperlab diff: a\/seed-1 vs c\/seed-2: compared seed-1 ↔ seed-2$/m, 'different seeds: the columns say which');
  const json = paperlab(dir, 'diff', 'a', 'b', '--json');
  assert.equal(json.code, 1);
  assert.deepEqual(JSON.parse(json.stdout).map((row: { kind: string; metric: string; status: string }) => [row.kind, row.metric, row.status]),
    [['compute', 'compute path', 'ok'], ['compute', 'backend', 'ok'], ['status', 'status', 'ok'], ['number', 'acc', 'regressed'], ['number', 'loss', 'ok'], ['number', 'extra', 'new'], ['over-budget', 'over budget', 'ok']]);
});

test('diff: bad tolerances and missing runs fail with a message naming them', () => {
  const dir = workspace({ a: { seed: 1, values: { acc: 1 } } });
  const bad = paperlab(dir, 'diff', 'a', 'a', '--atol', '-1');
  assert.deepEqual([bad.code, bad.stderr], [1, '--atol: expected a number >= 0, got -1\n']);
  const nope = paperlab(dir, 'diff', 'a', 'nope');
  assert.deepEqual([nope.code, nope.stderr], [1, 'nope: expected a run folder holding results.json, or a results.json file, got nothing there\n']);
  mkdirSync(join(dir, 'empty'));
  assert.match(paperlab(dir, 'diff', 'a', 'empty').stderr, /^empty: expected a run folder holding results\.json, got a folder without it; pass the run folder the runner printed\n$/);
});

test('accept: writes accepted.json from runs (mean over seeds, NaN metrics accepted and listed); a bad --paper fails', () => {
  const dir = workspace({ s1: { seed: 1, values: { acc: 0.75, loss: 'NaN' } }, s2: { seed: 2, values: { acc: 1, loss: 0.5 } } });
  mkdirSync(join(dir, 'paper'));
  const r = paperlab(dir, 'accept', 's1', 's2', '--paper', 'paper');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, [
    '  acc  0.875  (seeds 1, 2)',
    '  loss  NaN  (seeds 1, 2)',
    '  (loss: seed 1 gave NaN; accepted as such)',
    'paperlab accept: wrote paper/accepted.fallback.json: 2 metrics from 2 runs on the fallback compute path',
    '',
  ].join('\n'));
  // These results name no native path (as before it existed): the fallback path's file.
  const accepted = JSON.parse(readFileSync(join(dir, 'paper', 'accepted.fallback.json'), 'utf8'));
  assert.deepEqual([accepted.format, accepted.runs, accepted.metrics], ['paperlab.accepted/1', ['s1', 's2'], {
    acc: { value: 0.875, seeds: [1, 2], values: [0.75, 1] },
    loss: { value: 'NaN', seeds: [1, 2], values: ['NaN', 0.5] },
  }]);
  const noPaper = paperlab(dir, 'accept', 's1', '--paper', 'missing');
  assert.deepEqual([noPaper.code, noPaper.stderr], [1, 'accept --paper: expected an existing paper folder, got missing\n']);
  const noFlag = paperlab(dir, 'accept', 's1');
  assert.equal(noFlag.code, 1);
  assert.match(noFlag.stderr, /required option '--paper <dir>' not specified/);
});
