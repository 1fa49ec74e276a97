import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../../../src/harness/runner/index';
import { loadPaperConfig } from '../../../src/library/paper-files/index';
import { scaffoldPaper } from '../../../src/harness/scaffold/index';

function paperlab(args: string[]): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/main.ts'), ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

test('run, accept, check and report through the CLI; check fails once a replay changes a result', () => {
  const { dir } = scaffoldPaper(mkdtempSync(join(tmpdir(), 'paperlab-cli-run-')), 'cli2026-check');
  const metric = loadPaperConfig(dir).claims[0]!.metric;
  const notebook = join(dir, 'reproduce.ipynb');
  const setMeasurement = (from: string, to: string) => writeFileSync(notebook, readFileSync(notebook, 'utf8').replace(`record('${metric}', ${from});`, `record('${metric}', ${to});`));
  setMeasurement('Number.NaN', '0.75');

  const run = paperlab(['run', dir, '--seeds', '1']);
  assert.equal(run.code, 0, run.out);
  assert.match(run.out, new RegExp(`\\| ${metric} \\|`), 'the verdict table is printed');
  const runDir = /run folder (\S+)/.exec(run.out)![1]!;

  const accept = paperlab(['accept', join(runDir, 'seed-1'), '--paper', dir]);
  assert.equal(accept.code, 0, accept.out);
  assert.ok(existsSync(join(dir, 'accepted.json')));

  const same = paperlab(['check', dir, '--seeds', '1', '--no-failures']);
  assert.equal(same.code, 0, same.out);

  setMeasurement('0.75', '0.5');
  const changed = paperlab(['check', dir, '--seeds', '1', '--no-failures']);
  assert.equal(changed.code, 1, changed.out);
  assert.match(changed.out, new RegExp(`${metric}.*0\\.75.*0\\.5`));

  const out = mkdtempSync(join(tmpdir(), 'paperlab-reports-'));
  const report = paperlab(['report', dir, '--out', out, '--quiet']);
  assert.equal(report.code, 0, report.out);
  assert.ok(existsSync(join(out, 'cli2026-check.html')) && existsSync(join(out, 'index.html')));
});

test('the CI replay profile: run --replay, accept its run folder, check --replay passes, then fails on a change', () => {
  const { dir } = scaffoldPaper(mkdtempSync(join(tmpdir(), 'paperlab-cli-replay-')), 'cli2026-replay');
  const metric = loadPaperConfig(dir).claims[0]!.metric;
  const notebook = join(dir, 'reproduce.ipynb');
  const setMeasurement = (from: string, to: string) => writeFileSync(notebook, readFileSync(notebook, 'utf8').replace(`record('${metric}', ${from});`, `record('${metric}', ${to});`));
  // The replay's own parameter reaches the notebook: the measurement is the injected steps.
  setMeasurement('Number.NaN', 'steps / 40');

  const run = paperlab(['run', dir, '--replay']);
  assert.equal(run.code, 0, run.out);
  assert.match(run.out, /replay profile: a regression check at a tiny size/);
  assert.match(run.out, /\| not-reproduced \|/, 'the toy-size value misses the claim');
  assert.doesNotMatch(readFileSync(join(dir, 'failures.yaml'), 'utf8'), /claim-not-met/, 'but a replay logs only what broke, not toy-size verdicts');
  const runDir = /run folder (\S+)/.exec(run.out)![1]!;
  assert.match(runDir, /-replay$/);
  assert.ok(existsSync(join(runDir, 'seed-1')), 'the profile\'s seed 1 ran');

  // A seed folder of a replay run is accepted as a replay too; so is the run folder.
  const acceptSeed = paperlab(['accept', join(runDir, 'seed-1'), '--paper', dir]);
  assert.match(acceptSeed.out, /wrote .*accepted\.replay\.json/);
  const accept = paperlab(['accept', runDir, '--paper', dir]);
  assert.equal(accept.code, 0, accept.out);
  const accepted = JSON.parse(readFileSync(join(dir, 'accepted.replay.json'), 'utf8')) as { metrics: Record<string, { value: number }> };
  assert.equal(accepted.metrics[metric]!.value, 10 / 40);
  assert.equal(existsSync(join(dir, 'accepted.json')), false, 'a replay never becomes the full-run reference');

  assert.equal(paperlab(['check', dir, '--replay', '--no-failures']).code, 0);
  setMeasurement('steps / 40', 'steps / 41');
  const changed = paperlab(['check', dir, '--replay', '--no-failures']);
  assert.equal(changed.code, 1, changed.out);
  assert.match(changed.out, new RegExp(`${metric}.*0\\.25.*0\\.2439`));
});

test('paperlab run: a failures.yaml that cannot be written exits 1 with the reason, after printing the verdicts; summary.json is kept', async () => {
  const { dir } = scaffoldPaper(mkdtempSync(join(tmpdir(), 'paperlab-cli-lock-')), 'cli2026-lock');
  // The log's lock is held by a live process on this host (a run that is still writing, say).
  const holder = spawn('sleep', ['300'], { stdio: 'ignore' });
  await new Promise((r) => holder.once('spawn', r));
  try {
    writeFileSync(join(dir, 'failures.yaml.lock'), JSON.stringify({ pid: holder.pid, host: hostname(), start: new Date().toISOString() }));
    const run = await paperlabAsync(['run', dir, '--seeds', '1']);
    assert.equal(run.code, 1, run.out);
    assert.match(run.out, /\| main-result \| .* \| not-measured \|/, 'the verdict table is printed');
    const runDir = /run folder (\S+)/.exec(run.out)![1]!;
    assert.match(run.out, new RegExp(`paperlab: the run finished and its summary is in ${runDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/summary\\.json, but failures\\.yaml: 1 of 1 entries not written: .*held by pid ${holder.pid} on this host`));
    assert.ok(existsSync(join(runDir, 'summary.json')));
  } finally {
    const gone = new Promise((r) => holder.once('exit', r));
    process.kill(holder.pid!, 'SIGKILL');
    await gone;
  }
});

/** As `paperlab`, without blocking this process (the test's own child must stay alive meanwhile). */
function paperlabAsync(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/main.ts'), ...args], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}
