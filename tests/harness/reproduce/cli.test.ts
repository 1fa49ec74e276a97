import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { paperlab } from '../../cli';
import { PROJECT_ROOT } from '../../../src/harness/runner/index';
import { loadPaperConfig } from '../../../src/library/paper-files/index';
import { scaffoldPaper } from '../../../src/harness/scaffold/index';

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

test('run validates first: an unrecorded claim metric or a -p / replay value the notebook cannot take stops it before any kernel, validate-style', () => {
  const { dir } = scaffoldPaper(mkdtempSync(join(tmpdir(), 'paperlab-cli-preflight-')), 'cli2026-preflight');
  const config = join(dir, 'config.yaml');
  const original = readFileSync(config, 'utf8');
  const nothingRan = (out: string) => {
    assert.doesNotMatch(out, /replay\(s\) of|executing/, 'no kernel started');
    assert.equal(existsSync(join(dir, 'runs')), false, 'no run folder made');
  };

  // A claim on a metric the notebook never records would end "not measured" with exit 0.
  writeFileSync(config, original.replace('metric: test_accuracy ', 'metric: test_acc '));
  const unrecorded = paperlab(['run', dir, '--replay']);
  assert.equal(unrecorded.code, 1, unrecorded.out);
  assert.match(unrecorded.out, /config\.yaml:\d+ claims\[0\]\.metric: expected the name of a record reproduce\.ipynb makes \(test_accuracy\), got "test_acc", which no code cell mentions; did you mean "test_accuracy"\?/);
  assert.match(unrecorded.out, /paperlab: 1 problem in .*cli2026-preflight; nothing ran/);
  nothingRan(unrecorded.out);
  writeFileSync(config, original);

  // -p values: checked against the parameters cell's types and config.yaml's names.
  const flags = paperlab(['run', dir, '--replay', '-p', 'steps=abc', '-p', 'learningRat=0.1']);
  assert.equal(flags.code, 1, flags.out);
  assert.match(flags.out, /-p steps=abc: expected a number \(the parameters cell declares `const steps = 100`\), got "abc"/);
  assert.match(flags.out, /-p learningRat=0\.1: expected a parameter declared in config\.yaml parameters \(steps, learningRate\), got "learningRat"; did you mean "learningRate"\?/);
  assert.match(flags.out, /paperlab: 2 problems in .*; nothing ran/);
  nothingRan(flags.out);
  assert.equal(paperlab(['check', dir, '--replay', '-p', 'steps="ten"']).code, 1, 'check validates too');

  // The replay profile's values are the notebook's parameters too (so is validate's check of them).
  writeFileSync(config, original.replace('parameters: { steps: 10 }', 'parameters: { steps: "10" }'));
  const replay = paperlab(['run', dir, '--replay']);
  assert.equal(replay.code, 1, replay.out);
  assert.match(replay.out, /config\.yaml:\d+ replay\.parameters\.steps: expected a number \(reproduce\.ipynb's parameters cell declares `const steps = 100`\), got "10"/);
  nothingRan(replay.out);
  assert.match(paperlab(['validate', dir]).out, /replay\.parameters\.steps: expected a number/);
});

test('paperlab check without an accepted file says so at once, before any replay', () => {
  const { dir } = scaffoldPaper(mkdtempSync(join(tmpdir(), 'paperlab-cli-noaccepted-')), 'cli2026-noaccepted');
  const check = paperlab(['check', dir]);
  assert.equal(check.code, 1, check.out);
  // The file of the compute path this machine runs (accepted.json native, accepted.fallback.json fallback).
  assert.match(check.out, /accepted(\.fallback)?\.json: expected accepted results for the (native|fallback) compute path, got no such file; accept a run on that path first: paperlab accept <run-dir\.\.\.> --paper /);
  assert.doesNotMatch(check.out, /replay\(s\) of/, 'no replay ran');
  assert.equal(existsSync(join(dir, 'runs')), false, 'no run folder made');
});
